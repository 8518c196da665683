import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/schema/index.js';
import { meanAgainstValue, shareAgainstValue } from '../../src/scoring/differences.js';
import {
  compareBenchmarks,
  createAggregator,
  ScoringError,
  shareDifference,
} from '../../src/scoring/index.js';
import { analysisSurvey, analysisTemplate, response } from './fixtures.js';

const survey = analysisSurvey();

function aggregate(by: string[]) {
  const agg = createAggregator(survey, { by });
  for (let i = 0; i < 60; i++)
    agg.add(response(survey, { sex: i % 2 === 0 ? 1 : 2, r1: [1, 2, 3, 4][i % 4], r2: [2, 3][i % 2] }));
  for (let i = 0; i < 3; i++) agg.add(response(survey, { sex: 3, r1: 1 }));
  return agg;
}

describe('compareBenchmarks', () => {
  it('compares each benchmark of the template', () => {
    const agg = aggregate(['sex']);
    const result = agg.result();
    const list = compareBenchmarks(survey, agg);
    expect(list.map((c) => c.status)).toEqual([
      'compared',
      'compared',
      'groupNotAnalysed',
      'compared',
      'compared',
      'notApplicable',
    ]);

    // Everyone: r1 favourable 33 of 63 (codes 1, 2 for i % 4 < 2, and the three "other" answers), against a fixed 0.5.
    const everyone = result.items.find((i) => i.id === 'r1')!.groups[0]!.favourable!;
    expect(everyone).toMatchObject({ count: 33, n: 63 });
    expect(list[0]).toMatchObject({ item: 'r1', group: 'all', n: 63, mean: null });
    expect(list[0]!.share).toEqual(shareAgainstValue(everyone, 0.5));
    expect(list[0]!.share!.nB).toBeNull();

    // Women, against 0.4 from a sample of 1,000: two samples (Newcombe).
    const women = result.items.find((i) => i.id === 'r1')!.groups[2]!.favourable!;
    expect(list[1]).toMatchObject({ group: 'sex=2', benchmark: { value: 0.4, n: 1000 } });
    expect(list[1]!.share).toEqual(shareDifference(women, { count: 400, n: 1000 }));

    expect(list[2]).toMatchObject({
      group: 'age_band=1',
      status: 'groupNotAnalysed',
      share: null,
      mean: null,
    });

    const mean = result.scores.find((s) => s.id === 'roles_mean')!.groups[0]!.mean!;
    expect(list[3]!.mean).toEqual(meanAgainstValue(mean, 2.5));
    // A count score's favourable share is the share agreeing with at least one item.
    expect(list[4]!.share!.a).toBe(
      result.scores.find((s) => s.id === 'roles_count')!.groups[0]!.atLeastOne!.share,
    );
  });

  it('marks suppressed and empty groups', () => {
    const agg = createAggregator(survey, { by: ['sex'], minGroupSize: 5 });
    for (let i = 0; i < 3; i++) agg.add(response(survey, { sex: 2, r1: 1 }));
    const list = compareBenchmarks(survey, agg.result());
    expect(list[1]).toMatchObject({ status: 'suppressed', n: 3, share: null });
    expect(list[0]).toMatchObject({ status: 'suppressed' });
    const empty = compareBenchmarks(survey, createAggregator(survey, { by: ['sex'] }));
    expect(empty[0]).toMatchObject({ status: 'noData', n: 0 });
  });

  it('refuses a result of another survey', () => {
    const other = loadTemplate({ ...analysisTemplate(), version: '1.0.1' });
    expect(() => compareBenchmarks(other, aggregate([]))).toThrow(ScoringError);
    expect(() => compareBenchmarks(survey, {} as never)).toThrow(ScoringError);
  });
});
