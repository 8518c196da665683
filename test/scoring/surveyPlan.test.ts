import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/schema/index.js';
import { createAggregator, ScoringError, scoreResponse } from '../../src/scoring/index.js';
import { CodeIndex, compileSurveyPlan, groupKey } from '../../src/scoring/surveyPlan.js';
import { analysisTemplate, response } from './fixtures.js';

describe('CodeIndex', () => {
  it('maps compact and widely spread codes to positions', () => {
    const dense = new CodeIndex([3, 1, 2, 9]);
    expect([1, 2, 3, 9, 4, 0, 10, 2.5, Number.NaN].map((c) => dense.get(c))).toEqual([
      1, 2, 0, 3, -1, -1, -1, -1, -1,
    ]);
    const wide = new CodeIndex([-100000, 5, 99999]);
    expect(wide.span).toBe(0);
    expect([-100000, 5, 99999, 6].map((c) => wide.get(c))).toEqual([0, 1, 2, -1]);
  });
});

describe('compileSurveyPlan: reverse keying', () => {
  it('mirrors values across substantive options and favourable codes by position', () => {
    const template = analysisTemplate();
    // Unequal spacing, a missing code in the middle of the list, favourable at one end only.
    template.scales!.odd = {
      options: [
        { code: 10, label: { ja: 'a', en: 'a' }, value: 0 },
        { code: 20, label: { ja: 'b', en: 'b' }, value: 1 },
        { code: 99, label: { ja: '?', en: '?' } },
        { code: 30, label: { ja: 'c', en: 'c' }, value: 5 },
      ],
      favourable: [10],
      missing: [99],
    };
    template.sections[0]!.questions.push({
      id: 'odd_item',
      type: 'likert',
      scale: 'odd',
      reverse: true,
      label: { ja: 'x', en: 'x' },
    });
    const plan = compileSurveyPlan(loadTemplate(template), {}, 'en');
    const slot = plan.slotKeys.indexOf('odd_item');
    const base = plan.slotBase[slot]!;
    const at = (i: number) => ({
      value: plan.optValue[base + i],
      scored: plan.optScoreValue[base + i],
      favourable: plan.optFavourable[base + i],
      scoredFavourable: plan.optScoreFavourable[base + i],
      missing: plan.optMissing[base + i],
    });
    // v' = min + max − v over {0, 1, 5}: 0 → 5, 1 → 4, 5 → 0; favourable 10 (first) moves to 30 (last).
    expect(at(0)).toEqual({ value: 0, scored: 5, favourable: 1, scoredFavourable: 0, missing: 0 });
    expect(at(1)).toEqual({ value: 1, scored: 4, favourable: 0, scoredFavourable: 0, missing: 0 });
    expect(at(2)).toMatchObject({ favourable: 0, scoredFavourable: 0, missing: 1 });
    expect(at(3)).toEqual({ value: 5, scored: 0, favourable: 0, scoredFavourable: 1, missing: 0 });
    expect(at(4)).toMatchObject({ missing: 1 }); // the "invalid answer" position
  });
});

describe('compileSurveyPlan: surveys it cannot use', () => {
  it('throws a ScoringError instead of crashing', () => {
    for (const bad of [
      null,
      {},
      { hash: 'x' },
      { hash: 'x', template: { sections: 5 } },
      { hash: 1, template: analysisTemplate() },
    ]) {
      expect(() => createAggregator(bad as never)).toThrow(ScoringError);
      expect(() => scoreResponse(bad as never, {} as never)).toThrow(ScoringError);
    }
  });

  it('handles widely spread option codes end to end', () => {
    const template = analysisTemplate();
    template.scales!.wide = {
      options: [
        { code: -50000, label: { ja: 'a', en: 'a' } },
        { code: 50000, label: { ja: 'b', en: 'b' } },
      ],
      favourable: [50000],
    };
    template.sections[0]!.questions.push({
      id: 'wide_item',
      type: 'likert',
      scale: 'wide',
      label: { ja: 'x', en: 'x' },
    });
    const survey = loadTemplate(template);
    const agg = createAggregator(survey, { minGroupSize: 1 });
    agg.add(response(survey, { wide_item: 50000 }));
    agg.add(response(survey, { wide_item: -50000 }));
    agg.add(response(survey, { wide_item: 7 }));
    const wide = agg.result().items.find((i) => i.id === 'wide_item')!.groups[0]!;
    expect(wide).toMatchObject({ n: 2, invalid: 1, favourable: { count: 1, n: 2 } });
  });
});

describe('groupKey', () => {
  it('orders by the grouping questions and names everyone "all"', () => {
    expect(groupKey(['sex', 'age_band'], { age_band: 3, sex: 1 })).toBe('sex=1,age_band=3');
    expect(groupKey(['sex'], {})).toBe('all');
  });
});
