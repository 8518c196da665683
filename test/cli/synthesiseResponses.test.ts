import { describe, expect, it } from 'vitest';
import { synthesiseResponses } from '../../src/cli/synthesiseResponses.js';
import { loadTemplate } from '../../src/schema/index.js';
import { createAggregator } from '../../src/scoring/index.js';
import { getTemplate, listTemplates } from '../../src/templates/index.js';
import { createResponseValidator } from '../../src/validate/index.js';

describe('synthesiseResponses', () => {
  it('answers every built-in template through the engine with valid responses', () => {
    for (const { id } of listTemplates()) {
      const survey = loadTemplate(getTemplate(id)!);
      const responses = synthesiseResponses(survey, { n: 15, seed: 4 });
      expect(responses, id).toHaveLength(15);
      const validate = createResponseValidator(survey, { locale: 'en' });
      for (const response of responses) {
        const verdict = validate(response);
        expect(verdict.success ? [] : verdict.issues, id).toEqual([]);
      }
    }
  });

  it('gives the same responses for the same seed, and others for another', () => {
    const survey = loadTemplate(getTemplate('example-all-features')!);
    const a = synthesiseResponses(survey, { n: 20, seed: 9 });
    expect(synthesiseResponses(survey, { n: 20, seed: 9 })).toEqual(a);
    expect(synthesiseResponses(survey, { n: 20, seed: 10 })).not.toEqual(a);
  });

  it('has the shape of the national survey: men and older people agree more, most agree with something', () => {
    const survey = loadTemplate(getTemplate('bias-awareness-community')!);
    const aggregator = createAggregator(survey, { by: ['sex', 'age_band'] });
    for (const response of synthesiseResponses(survey, { n: 600, seed: 1 })) aggregator.add(response);
    const result = aggregator.result();
    const at = (key: string) => result.groups.findIndex((g) => g.key === key);
    const overall = result.scores.find((s) => s.id === 'overall_share')!;
    const share = (key: string) => overall.groups[at(key)]!.mean!.mean;
    expect(share('sex=1')).toBeGreaterThan(share('sex=2') + 0.02);
    expect(share('age_band=6')).toBeGreaterThan(share('age_band=2') + 0.05);
    const count = result.scores.find((s) => s.method === 'count')!;
    const atLeastOne = count.groups[0]!.atLeastOne!.share;
    expect(atLeastOne).toBeGreaterThan(0.65);
    expect(atLeastOne).toBeLessThan(0.92);
    // The breadwinner statement is fitted to the national figures (men 48.7%, women 44.9%).
    const h01 = result.items.find((i) => i.id === 'h01')!;
    expect(h01.groups[at('sex=1')]!.favourable!.share).toBeCloseTo(0.487, 1);
    expect(h01.groups[at('sex=2')]!.favourable!.share).toBeCloseTo(0.449, 1);
  });
});
