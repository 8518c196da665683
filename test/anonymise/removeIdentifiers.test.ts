import { describe, expect, it } from 'vitest';
import { AnonymiseError, removeIdentifiers } from '../../src/anonymise/index.js';
import type { SurveyResponse } from '../../src/schema/response.js';
import { exampleSurvey, sampleResponses } from './helpers.js';

describe('removeIdentifiers', () => {
  const survey = exampleSurvey();

  it('drops the answers of identifier questions and keeps the rest', () => {
    const responses = sampleResponses(6);
    const { responses: out, log } = removeIdentifiers(survey, responses);
    for (const [i, r] of out.entries()) {
      expect(Object.hasOwn(r.answers, 'email')).toBe(false);
      const { email: _, ...rest } = responses[i]!.answers;
      expect(r.answers).toEqual(rest);
      expect(r.respondentId).toBe(responses[i]!.respondentId);
    }
    expect(log).toEqual([
      { step: 'removeIdentifier', field: 'email', count: 6, parameters: { answers: 6, otherTexts: 0 } },
    ]);
  });

  it('drops "other" texts of identifier questions and of matrix items through their matrix', () => {
    const template = structuredClone(survey.template);
    const views = template.sections[2]!.questions[0]!;
    if (views.type !== 'matrix') throw new Error('fixture changed');
    views.role = 'identifier';
    const work = template.sections[1]!.questions[1]!;
    if (work.type !== 'multiple') throw new Error('fixture changed');
    work.role = 'identifier';
    const response = sampleResponses(1)[0]!;
    response.answers.arrangements = [5];
    response.other = { arrangements: '副業', why_leave: '進学' };
    const { responses: out, log } = removeIdentifiers({ ...survey, template }, [response]);
    expect(out[0]!.other).toEqual({ why_leave: '進学' });
    for (const key of ['v_care', 'v_lead', 'v_share', 'arrangements', 'email'])
      expect(Object.hasOwn(out[0]!.answers, key)).toBe(false);
    expect(log.find((e) => e.field === 'arrangements')).toMatchObject({
      count: 2,
      parameters: { answers: 1, otherTexts: 1 },
    });
    expect(log.find((e) => e.field === 'views')).toMatchObject({ count: 3 });
  });

  it('never changes its input', () => {
    const responses = sampleResponses(5);
    const copy = structuredClone(responses);
    removeIdentifiers(survey, responses);
    expect(responses).toEqual(copy);
  });

  it('keeps odd keys as data without touching prototypes', () => {
    const response = JSON.parse(
      '{"templateId":"example-all-features","respondentId":"x","answers":{"__proto__":{"polluted":1},"email":"a@b.jp","sex":1},"meta":{}}',
    ) as SurveyResponse;
    const { responses: out } = removeIdentifiers(survey, [response]);
    expect(Object.hasOwn(out[0]!.answers, '__proto__')).toBe(true);
    expect(Object.keys(out[0]!.answers)).toEqual(['__proto__', 'sex']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    [null, ['responses']],
    [[{ answers: null }], ['responses', 0]],
    [
      [sampleResponses(1)[0], 'text'],
      ['responses', 1],
    ],
  ])('refuses input that is not responses (%#)', (input, path) => {
    expect(() => removeIdentifiers(survey, input as SurveyResponse[])).toThrow(AnonymiseError);
    try {
      removeIdentifiers(survey, input as SurveyResponse[], { locale: 'en' });
    } catch (error) {
      expect((error as AnonymiseError).issues).toEqual([
        { code: 'not_response', path, message: 'Not a response (an answers object is required)' },
      ]);
    }
  });
});
