import { describe, expect, it } from 'vitest';
import { AnonymiseError, generalise } from '../../src/anonymise/index.js';
import type { SurveyResponse } from '../../src/schema/response.js';
import { exampleSurvey, sampleResponses } from './helpers.js';

const survey = exampleSurvey();

function withAnswers(list: Array<SurveyResponse['answers']>): SurveyResponse[] {
  return list.map((answers, i) => ({ ...sampleResponses(1)[0]!, respondentId: `r${i}`, answers }));
}

describe('generalise by default', () => {
  it('puts quasi-identifier ages into 10-year bands, top- and bottom-coded', () => {
    const ages = [15, 19, 20, 29, 34, 69, 70, 99];
    const { responses } = generalise(survey, withAnswers(ages.map((age) => ({ age, sex: 1 }))), {
      rareThreshold: 1,
    });
    expect(responses.map((r) => r.answers.age)).toEqual([
      '<20',
      '<20',
      '20-29',
      '20-29',
      '30-39',
      '60-69',
      '70+',
      '70+',
    ]);
  });

  it('merges rare codes of quasi-identifier choices into a code below every option', () => {
    const sexes = [1, 1, 1, 2, 2, 2, 3, 9];
    const { responses, log } = generalise(survey, withAnswers(sexes.map((sex) => ({ sex }))), {
      rareThreshold: 2,
    });
    expect(responses.map((r) => r.answers.sex)).toEqual([1, 1, 1, 2, 2, 2, -1, -1]);
    expect(log.find((e) => e.field === 'sex')).toEqual({
      step: 'mergeRare',
      field: 'sex',
      count: 2,
      parameters: { threshold: 2, otherCode: -1, codes: [3, 9] },
    });
  });

  it('leaves answers that are not quasi-identifiers alone', () => {
    const input = withAnswers([{ children: 12, workload: 5, comment: 'x' }]);
    expect(generalise(survey, input).responses[0]!.answers).toEqual(input[0]!.answers);
  });
});

describe('generalise with rules', () => {
  it('applies ranges with top and bottom codes', () => {
    const input = withAnswers([0, 3, 5, 12, 20].map((children) => ({ children })));
    const { responses } = generalise(survey, input, {
      rules: { children: { kind: 'ranges', width: 5, bottom: 1, top: 10 } },
    });
    expect(responses.map((r) => r.answers.children)).toEqual(['<1', '0-4', '5-9', '10+', '10+']);
  });

  it('labels ranges of decimals with an open upper end', () => {
    const input = withAnswers([0.5, 2.5, 6.75].map((telework_days) => ({ telework_days })));
    const { responses } = generalise(survey, input, {
      rules: { telework_days: { kind: 'ranges', width: 2.5 } },
    });
    expect(responses.map((r) => r.answers.telework_days)).toEqual(['0-<2.5', '2.5-<5', '5-<7.5']);
  });

  it('top- and bottom-codes numbers as numbers, with fixed limits or limits from the data', () => {
    const input = withAnswers([0, 1, 1, 2, 2, 3, 4, 9, 15].map((children) => ({ children })));
    const fixed = generalise(survey, input, { rules: { children: { kind: 'topBottom', top: 4 } } });
    expect(fixed.responses.map((r) => r.answers.children)).toEqual([0, 1, 1, 2, 2, 3, 4, 4, 4]);
    const auto = generalise(survey, input, { rules: { children: { kind: 'topBottom', minCount: 3 } } });
    expect(auto.responses.map((r) => r.answers.children)).toEqual([1, 1, 1, 2, 2, 3, 4, 4, 4]);
    expect(auto.log[auto.log.length - 1]).toMatchObject({
      step: 'topBottomCode',
      count: 3,
      parameters: { bottom: 1, top: 4, minCount: 3 },
    });
  });

  it('suppresses every value when there are too few to top- and bottom-code', () => {
    const rule = { children: { kind: 'topBottom', minCount: 2 } } as const;
    const three = generalise(survey, withAnswers([1, 2, 7].map((children) => ({ children }))), {
      rules: rule,
    });
    expect(three.responses.map((r) => r.answers.children)).toEqual([2, 2, 2]);
    const two = generalise(survey, withAnswers([1, 7].map((children) => ({ children }))), { rules: rule });
    expect(two.responses.map((r) => r.answers.children)).toEqual(['*', '*']);
  });

  it('cuts dates to month or year and leaves other strings', () => {
    const input = withAnswers([{ birth_date: '1985-04-12' }, { birth_date: 'unknown' }]);
    const month = generalise(survey, input, { rules: { birth_date: { kind: 'date', to: 'month' } } });
    expect(month.responses.map((r) => r.answers.birth_date)).toEqual(['1985-04', 'unknown']);
    const year = generalise(survey, input, { rules: { birth_date: { kind: 'date', to: 'year' } } });
    expect(year.responses.map((r) => r.answers.birth_date)).toEqual(['1985', 'unknown']);
  });

  it('merges rare codes inside multiple answers into the "other" option', () => {
    const input = withAnswers([[1], [1, 2], [1, 3], [2, 4], [2]].map((arrangements) => ({ arrangements })));
    const { responses } = generalise(survey, input, {
      rules: { arrangements: { kind: 'rare', threshold: 2 } },
    });
    expect(responses.map((r) => r.answers.arrangements)).toEqual([[1], [1, 2], [1, 5], [2, 5], [2]]);
  });

  it('keeps a quasi-identifier as it is with keep', () => {
    const input = withAnswers([{ age: 34 }]);
    expect(generalise(survey, input, { rules: { age: { kind: 'keep' } } }).responses[0]!.answers.age).toBe(
      34,
    );
  });

  it('never changes its input', () => {
    const input = sampleResponses(20);
    const copy = structuredClone(input);
    generalise(survey, input, { rules: { arrangements: { kind: 'rare', threshold: 5 } } });
    expect(input).toEqual(copy);
  });

  it('refuses unknown fields and malformed rules with the path', () => {
    const error = (options: object) => {
      try {
        generalise(survey, [], options);
      } catch (e) {
        return (e as AnonymiseError).issues[0];
      }
      throw new Error('expected an error');
    };
    expect(error({ rules: { nope: { kind: 'keep' } } })).toMatchObject({
      code: 'unknown_field',
      path: ['rules', 'nope'],
    });
    expect(error({ rules: { age: { kind: 'bands', edges: [30, 20] } } })).toMatchObject({
      code: 'invalid_option',
      path: ['options', 'rules.age'],
    });
    expect(error({ rules: { age: { kind: 'ranges', width: 0 } } })).toMatchObject({ code: 'invalid_option' });
    expect(error({ rules: { age: { kind: 'shuffle' } } })).toMatchObject({ code: 'invalid_option' });
    expect(error({ rareThreshold: 0.5 })).toMatchObject({
      code: 'invalid_option',
      path: ['options', 'rareThreshold'],
    });
    expect(() => generalise(survey, [], { rules: { age: null as never } })).toThrow(AnonymiseError);
  });
});
