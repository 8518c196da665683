import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Survey } from '../../src/schema/survey.js';
import { defaultResponseLimits, type JsonSchema, responseJsonSchema } from '../../src/validate/index.js';
import {
  clone,
  exampleResponse,
  exampleSurvey,
  generatedSurvey,
  options,
  responseOf,
  surveyOf,
  t,
} from './fixtures.js';

/** A plain strict ajv, as a backend would set one up: nothing kizuki-specific but the two formats. */
function compile(schema: JsonSchema) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, formats: { date: true, 'date-time': true } });
  return ajv.compile(schema);
}

const accepts = (survey: Survey, response: unknown) => compile(responseJsonSchema(survey))(response);

describe('responseJsonSchema', () => {
  const survey = exampleSurvey();
  const valid = exampleResponse(survey);

  it('is plain JSON, draft 2020-12, and compiles under ajv strict mode', () => {
    const schema = responseJsonSchema(survey);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(() => compile(schema)).not.toThrow();
    expect(() => compile(responseJsonSchema(generatedSurvey(200)))).not.toThrow();
  });

  it('accepts a valid response and one with only the unconditionally required answers', () => {
    expect(accepts(survey, valid)).toBe(true);
    expect(accepts(survey, responseOf(survey, { sex: 1, age: 20, arrangements: [6], workload: 1 }))).toBe(
      true,
    );
  });

  it('pins the envelope to the survey: id, version, hash, respondent id, metadata', () => {
    const check = compile(responseJsonSchema(survey));
    const broken: Array<(r: Record<string, unknown>) => void> = [
      (r) => (r.templateId = 'other-survey'),
      (r) => (r.templateVersion = '1.0.1'),
      (r) => (r.templateHash = 'sha256-0000'),
      (r) => (r.respondentId = 'short'),
      (r) => (r.respondentId = 'has spaces in the respondent id'),
      (r) => (r.respondentId = 'x'.repeat(65)),
      (r) => (r.extra = 1),
      (r) => delete r.meta,
      (r) => ((r.meta as Record<string, unknown>).locale = 'fr'),
      (r) => ((r.meta as Record<string, unknown>).seed = -1),
      (r) => ((r.meta as Record<string, unknown>).seed = 2 ** 32),
      (r) => ((r.meta as Record<string, unknown>).seed = 1.5),
      (r) => ((r.meta as Record<string, unknown>).startedAt = '2026-05-01 09:00:00'),
      (r) => ((r.meta as Record<string, unknown>).submittedAt = '2026-13-01T09:00:00Z'),
      (r) => ((r.meta as Record<string, unknown>).device = 'phone'),
      (r) => ((r.meta as { order: Record<string, unknown> }).order.arrangements = [1, 2, 3]),
      (r) => ((r.meta as { order: Record<string, unknown> }).order.arrangements = [1, 1, 2, 3, 4, 5]),
      (r) => ((r.meta as { order: Record<string, unknown> }).order.views = ['v_care', 'v_lead', 'nope']),
      (r) => ((r.meta as { order: Record<string, unknown> }).order.sex = [1, 2, 3, 9]),
    ];
    for (const change of broken) {
      const r = clone(valid) as unknown as Record<string, unknown>;
      change(r);
      expect(check(r), JSON.stringify(r)).toBe(false);
    }
    const offset = clone(valid);
    offset.meta.startedAt = '2026-05-01T18:00:00.123456+09:00';
    expect(check(offset)).toBe(true);
  });

  it('gives each answer its exact type, codes and bounds', () => {
    const check = compile(responseJsonSchema(survey));
    const answerCases: Array<[string, unknown, boolean]> = [
      ['sex', 9, true],
      ['sex', 7, false],
      ['sex', '2', false],
      ['sex', 2.5, false],
      ['v_care', 9, true],
      ['v_care', 5, false],
      ['workload', 0, false],
      ['age', 15, true],
      ['age', 14, false],
      ['age', 100, false],
      ['age', 34.5, false],
      ['telework_days', 7, true],
      ['telework_days', 7.01, false],
      ['arrangements', [1, 2, 3], true],
      ['arrangements', [1, 2, 3, 4], false],
      ['arrangements', [], false],
      ['arrangements', [1, 1], false],
      ['arrangements', [7], false],
      ['arrangements', [6], true],
      ['arrangements', [1, 6], false],
      ['arrangements', 1, false],
      ['why_leave', [3, 1, 2], true],
      ['why_leave', [3, 1, 2, 4], false],
      ['why_leave', [], false],
      ['why_leave', [2, 2], false],
      ['email', 'a'.repeat(200), true],
      ['email', 'a'.repeat(201), false],
      ['email', '😀'.repeat(200), true],
      ['email', '', false],
      ['birth_date', '2000-02-29', true],
      ['birth_date', '1900-02-29', false],
      ['birth_date', '2001-02-29', false],
      ['birth_date', '2001-04-31', false],
      ['birth_date', '2001-4-3', false],
      ['birth_date', '２００１-04-03', false],
      ['birth_date', '2001-04-03\n', false],
      ['unknown_key', 1, false],
    ];
    for (const [key, value, ok] of answerCases) {
      const r = clone(valid);
      (r.answers as Record<string, unknown>)[key] = value;
      // Keep the "other" texts paired with the answers they belong to.
      if (key === 'arrangements') r.other = { why_leave: '家族の事情' };
      if (key === 'why_leave') r.other = { arrangements: '週4日勤務' };
      expect(check(r), `${key} = ${JSON.stringify(value)}`).toBe(ok);
    }
  });

  it('requires only the answers that are required and always shown', () => {
    const schema = responseJsonSchema(
      surveyOf([
        [
          { id: 'a', type: 'single', required: true, label: t('a'), options: options(2) },
          { id: 'b', type: 'single', required: true, visibleIf: 'a = 1', label: t('b'), options: options(2) },
          { id: 'c', type: 'single', requiredIf: 'a = 2', label: t('c'), options: options(2) },
          {
            id: 'm',
            type: 'matrix',
            required: true,
            scale: 'agree4',
            label: t('m'),
            items: [
              { id: 'm1', text: t('m1') },
              { id: 'm2', text: t('m2') },
            ],
          },
        ],
        {
          id: 'later',
          title: t('後'),
          visibleIf: 'a = 1',
          questions: [{ id: 'd', type: 'number', required: true, label: t('d') }],
        },
      ]),
    );
    const answers = (schema.properties as Record<string, JsonSchema>).answers!;
    expect(answers.required).toEqual(['a', 'm1', 'm2']);
    expect(Object.keys(answers.properties as object)).toEqual(['a', 'b', 'c', 'm1', 'm2', 'd']);
  });

  it('pairs "other" texts with the other option, in both directions, and refuses blank ones', () => {
    const check = compile(responseJsonSchema(survey));
    const cases: Array<[Record<string, unknown>, unknown, boolean]> = [
      [{ arrangements: [1, 5] }, { arrangements: '週4日' }, true],
      [{ arrangements: [1, 5] }, undefined, false],
      [{ arrangements: [1, 5] }, {}, false],
      [{ arrangements: [1, 5] }, { arrangements: ' \u3000\n' }, false],
      [{ arrangements: [1] }, { arrangements: '週4日' }, false],
      [{ arrangements: [1] }, { why_leave: '理由' }, false],
      [{ arrangements: [1], why_leave: [5] }, { why_leave: '理由' }, true],
      [{ arrangements: [1] }, { sex: 'x' }, false],
      [{ arrangements: [1, 5] }, { arrangements: 'x'.repeat(defaultResponseLimits.otherLength + 1) }, false],
    ];
    for (const [answers, other, ok] of cases) {
      const r = responseOf(
        survey,
        { sex: 1, age: 20, workload: 1, ...answers },
        other === undefined ? {} : { other: other as Record<string, unknown> },
      );
      expect(check(r), JSON.stringify([answers, other])).toBe(ok);
    }
    const single = surveyOf([
      [
        {
          id: 'job',
          type: 'single',
          label: t('job'),
          options: [...options(2), { code: 9, label: t('その他'), other: true }],
        },
      ],
    ]);
    expect(accepts(single, responseOf(single, { job: 9 }, { other: { job: '漁業' } }))).toBe(true);
    expect(accepts(single, responseOf(single, { job: 1 }, { other: { job: '漁業' } }))).toBe(false);
    expect(accepts(single, responseOf(single, { job: 9 }))).toBe(false);
  });

  it('counts minSelected even when an exclusive option is chosen, as the engine does', () => {
    const s = surveyOf([
      [
        {
          id: 'q',
          type: 'multiple',
          minSelected: 2,
          label: t('q'),
          options: [...options(3), { code: 9, label: t('なし'), exclusive: true }],
        },
      ],
    ]);
    expect(accepts(s, responseOf(s, { q: [1, 2] }))).toBe(true);
    expect(accepts(s, responseOf(s, { q: [1] }))).toBe(false);
    expect(accepts(s, responseOf(s, { q: [9] }))).toBe(false);
    expect(accepts(s, responseOf(s, { q: [9, 1] }))).toBe(false);
  });

  it('caps every string and array, and closes every object', () => {
    // Anchored at both ends, with no unbounded repetition outside character classes.
    const bounded = (pattern: unknown) =>
      typeof pattern === 'string' &&
      /^\^.*\$$/.test(pattern) &&
      !/[*+]/.test(pattern.replace(/\[[^\]]*\]/g, ''));
    const visit = (schema: unknown, path: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const s = schema as JsonSchema;
      if (s.type === 'string' && s.const === undefined && s.enum === undefined) {
        // A length cap, or an anchored pattern whose repetitions are all bounded.
        expect(s.maxLength !== undefined || bounded(s.pattern), `${path} is capped`).toBe(true);
      }
      if (s.type === 'array' && s.items !== undefined && !path.includes('/dependentSchemas/')) {
        expect(s.maxItems, `${path} maxItems`).toBeTypeOf('number');
      }
      // The other-text rules only look into objects and arrays that the main schema caps and closes.
      if (s.properties !== undefined && !path.includes('/dependentSchemas/')) {
        const names = (s.propertyNames as JsonSchema | undefined)?.enum;
        const closed =
          s.additionalProperties === false ||
          (Array.isArray(names) && names.length === Object.keys(s.properties as object).length);
        expect(closed, `${path} is closed`).toBe(true);
      }
      for (const [key, child] of Object.entries(s)) visit(child, `${path}/${key}`);
    };
    visit(responseJsonSchema(survey), '#');
    visit(responseJsonSchema(generatedSurvey(200)), '#');
  });

  it('takes the limits it is given', () => {
    const s = surveyOf([[{ id: 'note', type: 'text', label: t('n') }]]);
    const r = (text: string) => responseOf(s, { note: text });
    expect(accepts(s, r('x'.repeat(5_000)))).toBe(true);
    expect(accepts(s, r('x'.repeat(5_001)))).toBe(false);
    const small = compile(responseJsonSchema(s, { limits: { textLength: 10 } }));
    expect(small(r('x'.repeat(10)))).toBe(true);
    expect(small(r('x'.repeat(11)))).toBe(false);
  });

  it('accepts exactly the real calendar dates', () => {
    const s = surveyOf([[{ id: 'd', type: 'date', label: t('d') }]]);
    const check = compile(responseJsonSchema(s));
    const digits = (n: number, width: number) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const date = `${digits(y, 4)}-${digits(m, 2)}-${digits(d, 2)}`;
          const real = new Date(0);
          real.setUTCFullYear(y, m - 1, d);
          const exists =
            real.getUTCFullYear() === y && real.getUTCMonth() === m - 1 && real.getUTCDate() === d;
          expect(check(responseOf(s, { d: date }))).toBe(exists);
        },
      ),
      { numRuns: 3_000 },
    );
  });
});
