import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/issue.js';
import { createResponseValidator, type ResponseValidationResult } from '../../src/validate/index.js';
import { clone, exampleResponse, exampleSurvey, options, responseOf, surveyOf, t } from './fixtures.js';

const issuesOf = (result: ResponseValidationResult): Issue[] => (result.success ? [] : result.issues);
const brief = (result: ResponseValidationResult) =>
  issuesOf(result).map((i) => ({ code: i.code, path: i.path }));

describe('createResponseValidator', () => {
  const survey = exampleSurvey();
  const valid = exampleResponse(survey);
  const en = createResponseValidator(survey, { locale: 'en' });
  const ja = createResponseValidator(survey);
  const withAnswers = (answers: Record<string, unknown>) => {
    const r = clone(valid);
    Object.assign(r.answers, answers);
    return r;
  };

  it('returns the response itself when it is valid', () => {
    const result = en(valid);
    expect(result).toEqual({ success: true, response: valid });
    expect(result.success && result.response).toBe(valid);
  });

  it('names the code, the question and the path, in English and Japanese', () => {
    const wrong = withAnswers({ sex: 7 });
    expect(issuesOf(en(wrong))).toEqual([
      {
        code: 'unknown_code',
        path: ['answers', 'sex'],
        message: 'Code 7 is not an option of "sex"',
        params: { code: 7, owner: 'sex' },
      },
    ]);
    expect(issuesOf(ja(wrong))[0]!.message).toBe('コード 7 は「sex」の選択肢にありません');
  });

  it('maps each kind of schema problem to its issue', () => {
    const cases: Array<[unknown, string, Array<string | number>]> = [
      [withAnswers({ v_lead: 5 }), 'unknown_code', ['answers', 'v_lead']],
      [withAnswers({ arrangements: [1, 7] }), 'unknown_code', ['answers', 'arrangements', 1]],
      [withAnswers({ arrangements: [1, 2, 3, 5] }), 'too_many_selected', ['answers', 'arrangements']],
      [withAnswers({ arrangements: [] }), 'too_few_selected', ['answers', 'arrangements']],
      [withAnswers({ arrangements: [5, 6] }), 'exclusive_combined', ['answers', 'arrangements']],
      [withAnswers({ arrangements: [5, 1, 5] }), 'duplicate_code', ['answers', 'arrangements', 2]],
      [withAnswers({ why_leave: [1, 2, 3, 5] }), 'too_many_ranked', ['answers', 'why_leave']],
      [withAnswers({ why_leave: [] }), 'too_few_ranked', ['answers', 'why_leave']],
      [withAnswers({ age: 14 }), 'below_minimum', ['answers', 'age']],
      [withAnswers({ age: 120 }), 'above_maximum', ['answers', 'age']],
      [withAnswers({ age: 34.5 }), 'not_integer', ['answers', 'age']],
      [withAnswers({ age: Number.NaN }), 'not_finite', ['answers', 'age']],
      [withAnswers({ telework_days: Number.POSITIVE_INFINITY }), 'not_finite', ['answers', 'telework_days']],
      [withAnswers({ age: '34' }), 'invalid_type', ['answers', 'age']],
      [withAnswers({ comment: 'x'.repeat(2001) }), 'too_long', ['answers', 'comment']],
      [withAnswers({ comment: '' }), 'empty_text', ['answers', 'comment']],
      [withAnswers({ birth_date: '1990-02-30' }), 'invalid_format', ['answers', 'birth_date']],
      [withAnswers({ nickname: 'x' }), 'unknown_answer', ['answers', 'nickname']],
      [{ ...valid, templateHash: 'sha256-00' }, 'template_mismatch', ['templateHash']],
      [{ ...valid, respondentId: 'taro.yamada@example.jp' }, 'invalid_format', ['respondentId']],
      [{ ...valid, meta: { ...valid.meta, locale: 'fr' } }, 'invalid_value', ['meta', 'locale']],
      [
        { ...valid, meta: { ...valid.meta, startedAt: 'yesterday' } },
        'invalid_format',
        ['meta', 'startedAt'],
      ],
      [
        { ...valid, meta: { ...valid.meta, order: { why_leave: [1, 2] } } },
        'too_few_entries',
        ['meta', 'order', 'why_leave'],
      ],
      [
        { ...valid, meta: { ...valid.meta, order: { views: ['v_care', 'v_lead', 'v_x'] } } },
        'unknown_code',
        ['meta', 'order', 'views', 2],
      ],
      [{ ...valid, meta: { ...valid.meta, seed: -1 } }, 'below_minimum', ['meta', 'seed']],
      [{ ...valid, device: 'phone' }, 'unknown_field', ['device']],
      [{ ...valid, answers: [] }, 'invalid_type', ['answers']],
      [{ ...valid, other: { arrangements: '  ' } }, 'missing_other', ['other', 'arrangements']],
      [{ ...valid, other: { why_leave: '家族の事情' } }, 'missing_other', ['other', 'arrangements']],
      [{ ...withAnswers({ arrangements: [1] }) }, 'other_without_option', ['other', 'arrangements']],
      [null, 'invalid_type', []],
    ];
    for (const [input, code, path] of cases) {
      expect(brief(en(input)), `${code} ${JSON.stringify(path)}`).toEqual([{ code, path }]);
    }
    const { meta: _meta, ...noMeta } = valid;
    expect(brief(en(noMeta))).toEqual([{ code: 'missing_field', path: ['meta'] }]);
    const { sex: _sex, ...noSex } = valid.answers;
    expect(brief(en({ ...valid, answers: noSex }))).toEqual([
      { code: 'missing_answer', path: ['answers', 'sex'] },
    ]);
  });

  it('says which survey a mismatched response belongs to, without echoing huge values', () => {
    const [issue] = issuesOf(en({ ...valid, templateId: 'x'.repeat(1_000_000) }));
    expect(issue!.code).toBe('template_mismatch');
    expect(issue!.message.length).toBeLessThan(200);
    expect(issue!.params).toMatchObject({ field: 'templateId', expected: 'example-all-features' });
  });

  it('unescapes JSON Pointer segments in paths', () => {
    expect(brief(en({ ...valid, answers: { ...valid.answers, 'a/b~c': 1 } }))).toEqual([
      { code: 'unknown_answer', path: ['answers', 'a/b~c'] },
    ]);
    const s = surveyOf([[{ id: 'q', type: 'multiple', label: t('q'), options: options(3) }]]);
    const v = createResponseValidator(s);
    const r = responseOf(s, { q: [1, 2] }, { meta: { 'x/~y': 1 } });
    expect(brief(v(r))).toEqual([{ code: 'unknown_field', path: ['meta', 'x/~y'] }]);
  });

  describe('conditions', () => {
    it('refuses answers to hidden questions, and hidden sections', () => {
      // leave_plan needs sex = 1 and children > 0; the "parents" section needs children > 0.
      expect(brief(en(withAnswers({ leave_plan: 1 })))).toEqual([
        { code: 'hidden_answer', path: ['answers', 'leave_plan'] },
      ]);
      const noChildren = withAnswers({ children: 0 });
      expect(brief(en(noChildren))).toEqual([{ code: 'hidden_answer', path: ['answers', 'care_support'] }]);
      delete noChildren.answers.care_support;
      expect(en(noChildren).success).toBe(true);
    });

    it('counts hidden answers as unanswered when later conditions read them', () => {
      // comment shows when why_leave is answered or views lean traditional; why_leave only when
      // age < 40 or v_lead in [1, 2]. Hide why_leave: comment must follow, although why_leave is in the input.
      const r = withAnswers({ age: 50, v_lead: 4, v_care: 4 });
      expect(brief(en(r))).toEqual([
        { code: 'hidden_answer', path: ['answers', 'why_leave'] },
        { code: 'hidden_answer', path: ['other', 'why_leave'] },
        { code: 'hidden_answer', path: ['answers', 'comment'] },
      ]);
    });

    it('requires requiredIf answers of visible questions only', () => {
      const { telework_days: _, ...rest } = valid.answers;
      expect(brief(en({ ...valid, answers: rest }))).toEqual([
        { code: 'missing_answer', path: ['answers', 'telework_days'] },
      ]);
      const s = surveyOf([
        [
          { id: 'a', type: 'single', label: t('a'), options: options(2) },
          { id: 'b', type: 'text', requiredIf: 'a = 1', label: t('b') },
          { id: 'c', type: 'text', required: true, visibleIf: 'a = 2', label: t('c') },
          {
            id: 'm',
            type: 'matrix',
            required: true,
            visibleIf: 'a = 2',
            scale: 'agree4',
            label: t('m'),
            items: [
              { id: 'm1', text: t('m1') },
              { id: 'm2', text: t('m2') },
            ],
          },
        ],
      ]);
      const v = createResponseValidator(s);
      expect(v(responseOf(s, {})).success).toBe(true);
      expect(brief(v(responseOf(s, { a: 1 })))).toEqual([{ code: 'missing_answer', path: ['answers', 'b'] }]);
      expect(brief(v(responseOf(s, { a: 2, m1: 1 })))).toEqual([
        { code: 'missing_answer', path: ['answers', 'c'] },
        { code: 'missing_answer', path: ['answers', 'm2'] },
      ]);
      expect(v(responseOf(s, { a: 2, c: 'x', m1: 1, m2: 4 })).success).toBe(true);
      // A key whose value is undefined is no answer, to the schema and the conditions alike.
      expect(brief(v(responseOf(s, { a: 1, b: undefined })))).toEqual([
        { code: 'missing_answer', path: ['answers', 'b'] },
      ]);
    });

    it('checks date bounds', () => {
      expect(brief(en(withAnswers({ birth_date: '1919-12-31' })))).toEqual([
        { code: 'date_too_early', path: ['answers', 'birth_date'] },
      ]);
      expect(brief(ja(withAnswers({ birth_date: '2012-01-01' })))).toEqual([
        { code: 'date_too_late', path: ['answers', 'birth_date'] },
      ]);
      expect(en(withAnswers({ birth_date: '1920-01-01' })).success).toBe(true);
    });

    it('reports every condition problem at once, in template order', () => {
      const r = withAnswers({ leave_plan: 1, birth_date: '2020-01-01', children: 0 });
      expect(brief(en(r)).map((i) => i.code)).toEqual(['date_too_late', 'hidden_answer', 'hidden_answer']);
    });
  });

  it('reads answer keys such as toString from the response only', () => {
    const s = surveyOf([
      [
        { id: 'toString', type: 'single', required: true, label: t('x'), options: options(2) },
        { id: 'valueOf', type: 'number', label: t('y') },
      ],
    ]);
    const v = createResponseValidator(s, { locale: 'en' });
    expect(brief(v(responseOf(s, {})))).toEqual([{ code: 'missing_answer', path: ['answers', 'toString'] }]);
    expect(v(responseOf(s, { toString: 1 })).success).toBe(true);
  });

  it('accepts -0 as the code 0, which JSON cannot tell apart', () => {
    const s = surveyOf([
      [
        {
          id: 'q',
          type: 'single',
          label: t('q'),
          options: [
            { code: 0, label: t('0') },
            { code: 1, label: t('1') },
          ],
        },
      ],
    ]);
    expect(createResponseValidator(s)(responseOf(s, { q: -0 })).success).toBe(true);
  });

  it('compiles with a given ajv instance, which must read own properties only', () => {
    const shared = new Ajv2020({ ownProperties: true, allErrors: true, messages: false });
    const v = createResponseValidator(survey, { ajv: shared, locale: 'en' });
    expect(v(valid).success).toBe(true);
    // allErrors: every schema problem, capped.
    expect(brief(v(withAnswers({ sex: 7, age: 7 })))).toEqual([
      { code: 'unknown_code', path: ['answers', 'sex'] },
      { code: 'below_minimum', path: ['answers', 'age'] },
    ]);
    const codes = Array.from({ length: 300 }, (_, i) => `k${i}`);
    expect(issuesOf(v({ ...valid, answers: Object.fromEntries(codes.map((k) => [k, 1])) })).length).toBe(100);
    expect(() => createResponseValidator(survey, { ajv: new Ajv2020() })).toThrow(/ownProperties/);
  });
});
