import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SurveyResponse } from '../../src/schema/index.js';
import {
  compareOverlapping,
  comparePaired,
  compareWaves,
  createAggregator,
  meanDifference,
  type OverlappingMeanDifference,
  type OverlappingShareDifference,
  overlappingMeanDifference,
  overlappingShareDifference,
  type PairedMeanDifference,
  type PairedShareDifference,
  ScoringError,
  shareDifference,
} from '../../src/scoring/index.js';
import { analysisSurvey, randomAnswers, randomSource, response } from './fixtures.js';

const survey = analysisSurvey();

function wave(seed: number, n: number, prefix: string): SurveyResponse[] {
  const random = randomSource(seed);
  return Array.from({ length: n }, (_, i) => response(survey, randomAnswers(random), `${prefix}${i}`));
}

/** The same people a year later: each answer kept with probability 0.6, else drawn again. */
function again(responses: readonly SurveyResponse[], seed: number): SurveyResponse[] {
  const random = randomSource(seed);
  return responses.map((r) => {
    const fresh = randomAnswers(random);
    const answers = Object.fromEntries(
      Object.keys({ ...r.answers, ...fresh }).flatMap((key) => {
        const keep = random() < 0.6 ? r.answers : fresh;
        return Object.hasOwn(keep, key) ? [[key, keep[key as keyof typeof keep]]] : [];
      }),
    );
    return response(survey, answers, r.respondentId);
  });
}

const rel = (a: number | null | undefined, b: number | null | undefined) => {
  expect(typeof a).toBe('number');
  expect(typeof b).toBe('number');
  return Math.abs(a! - b!) / Math.max(Math.abs(b!), 1e-12);
};

const sets = [{ id: 'any_agree', items: ['r1', 'r2', 'r3', 'r4'] }];

describe('compareOverlapping', () => {
  it('with everyone linked equals the paired comparison (to 1e-12)', () => {
    // Every statement and the hours answered in both waves, so that every answer is in a pair.
    const random = randomSource(1);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const complete = () => ({
      sex: pick([1, 2]),
      r1: pick([1, 2, 3, 4]),
      r2: pick([1, 2, 3, 4]),
      r3: pick([1, 2, 2, 3]),
      r4: pick([1, 2, 3, 4, 4]),
      hours: pick([0, 7.5, 8, 10.25, 40]),
    });
    const before = Array.from({ length: 400 }, (_, i) => response(survey, complete(), `p${i}`));
    const after = before
      .map((r) => {
        const fresh: Record<string, number> = complete();
        const answers = Object.fromEntries(
          Object.entries(r.answers).map(([key, value]) => [key, random() < 0.6 ? value : fresh[key]]),
        );
        return response(survey, answers, r.respondentId);
      })
      .reverse();
    const over = compareOverlapping({ survey, before, after, sets });
    const paired = comparePaired({ survey, before, after, sets });
    expect(over.linked).toBe(400);
    let shares = 0;
    let means = 0;
    const sameShare = (o: OverlappingShareDifference | null, p: PairedShareDifference | null) => {
      expect(o === null).toBe(p === null);
      if (o === null || p === null) return;
      expect(rel(o.points, p.points)).toBeLessThanOrEqual(1e-12);
      expect(rel(o.lower, p.lower)).toBeLessThanOrEqual(1e-12);
      expect(rel(o.upper, p.upper)).toBeLessThanOrEqual(1e-12);
      expect(rel(o.z! ** 2, p.chiSquare)).toBeLessThanOrEqual(1e-12);
      if (p.test === 'asymptotic') expect(rel(o.p, p.p)).toBeLessThanOrEqual(1e-12);
      shares++;
    };
    const sameMean = (o: OverlappingMeanDifference | null, p: PairedMeanDifference | null) => {
      expect(o === null).toBe(p === null);
      if (o === null || p === null) return;
      for (const key of ['difference', 'lower', 'upper', 't', 'df', 'p'] as const)
        expect(rel(o[key], p[key]), key).toBeLessThanOrEqual(1e-12);
      means++;
    };
    for (const p of paired.items) {
      const o = over.items.find((i) => i.id === p.id)!;
      sameShare(o.favourable, p.favourable);
      sameMean(o.mean, p.mean);
    }
    for (const p of paired.scores) {
      const o = over.scores.find((i) => i.id === p.id)!;
      sameShare(o.atLeastOne, p.atLeastOne);
      sameMean(o.mean, p.mean);
    }
    for (const p of paired.sets) sameShare(over.sets.find((i) => i.id === p.id)!.atLeastOne, p.atLeastOne);
    expect(shares).toBeGreaterThanOrEqual(5);
    expect(means).toBeGreaterThanOrEqual(5);
  });

  it('with nobody linked equals compareWaves (Newcombe and pooled z; Welch)', () => {
    const before = wave(3, 300, 'a');
    const after = wave(4, 340, 'b');
    const over = compareOverlapping({ survey, before, after, sets });
    expect(over.linked).toBe(0);
    const tally = (responses: readonly SurveyResponse[]) => {
      const agg = createAggregator(survey, { sets });
      for (const r of responses) agg.add(r);
      return agg;
    };
    const waves = compareWaves({ before: tally(before), after: tally(after) });
    let checked = 0;
    const same = (o: object | null, w: object | null) => {
      expect(o === null).toBe(w === null);
      if (o === null || w === null) return;
      for (const [key, value] of Object.entries(w)) {
        if (typeof value !== 'number') continue;
        expect(rel((o as Record<string, number>)[key], value), key).toBeLessThanOrEqual(1e-12);
        checked++;
      }
    };
    for (const w of waves.items) {
      const o = over.items.find((i) => i.id === w.id);
      if (o === undefined) continue; // choose-many items have no change of a share or mean here
      same(o.favourable, w.favourable);
      same(o.mean, w.mean);
    }
    for (const w of waves.scores) {
      const o = over.scores.find((s) => s.id === w.id)!;
      same(o.mean, w.mean);
      same(o.atLeastOne, w.atLeastOne);
    }
    for (const w of waves.sets) same(over.sets.find((s) => s.id === w.id)!.atLeastOne, w.atLeastOne);
    expect(checked).toBeGreaterThan(50);
  });

  it('with some linked uses every response: the shares and means of each wave are the aggregate’s', () => {
    const before = wave(5, 250, 'p');
    const after = [...again(before.slice(0, 100), 6), ...wave(7, 150, 'n')];
    const over = compareOverlapping({ survey, before, after });
    expect(over.linked).toBe(100);
    expect(over.responses).toEqual({ before: 250, after: 250 });
    const agg = (responses: readonly SurveyResponse[]) => {
      const a = createAggregator(survey);
      for (const r of responses) a.add(r);
      return a;
    };
    const independent = compareWaves({ before: agg(before), after: agg(after) });
    const r1 = over.items.find((i) => i.id === 'r1')!;
    const w1 = independent.items.find((i) => i.id === 'r1')!;
    expect(r1.favourable!.a).toBe(w1.favourable!.a);
    expect(r1.favourable!.b).toBe(w1.favourable!.b);
    expect(r1.n.linked).toBeGreaterThan(40);
    // The answers correlate across the waves, so the interval is narrower than the independent one.
    const width = (d: { lower: number | null; upper: number | null }) => d.upper! - d.lower!;
    expect(width(r1.favourable!)).toBeLessThan(width(w1.favourable!));
    expect(width(r1.mean!)).toBeLessThan(width(w1.mean!));
    expect(r1.mean!.correlation).toBeGreaterThan(0.3);
  });

  it('suppresses a statistic with too few answers in either wave, and refuses bad options in ja and en', () => {
    const before = wave(8, 30, 'p');
    const after = wave(9, 4, 'q');
    const over = compareOverlapping({ survey, before, after, minGroupSize: 5 });
    expect(over.items.every((i) => i.suppressed || i.n.after === 0)).toBe(true);
    expect(over.items.every((i) => i.favourable === null && i.mean === null)).toBe(true);
    const catchIssue = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(ScoringError);
        return (error as ScoringError).issues[0]!;
      }
      throw new Error('no error');
    };
    const dup = catchIssue(() =>
      compareOverlapping({ survey, before: [...before, before[0]!], after, locale: 'en' }),
    );
    expect(dup.path).toEqual(['before', 30, 'respondentId']);
    expect(dup.message).toContain(before[0]!.respondentId);
    expect(catchIssue(() => compareOverlapping({ survey, before, after, minGroupSize: 0 })).path).toEqual([
      'minGroupSize',
    ]);
    const table = catchIssue(() =>
      overlappingShareDifference(
        {
          before: { count: 3, n: 10 },
          after: { count: 5, n: 10 },
          pairs: { both: 4, onlyBefore: 0, onlyAfter: 0, neither: 0 },
        },
        { locale: 'en' },
      ),
    );
    expect(table.path).toEqual(['pairs']);
    expect(table.message).toContain('within both waves');
    const ja = catchIssue(() =>
      overlappingMeanDifference({
        before: { n: 10, mean: 1, sd: 1 },
        after: { n: 10, mean: 1, sd: 1 },
        pairs: { n: 11, correlation: 0.5 },
      }),
    );
    expect(ja.message).toContain('両方の回の人数以下');
  });

  it('a prototype key as respondent id is just an id', () => {
    const before = [response(survey, { r1: 1 }, '__proto__'), ...wave(10, 20, 'p')];
    const after = [response(survey, { r1: 4 }, '__proto__'), ...wave(11, 20, 'q')];
    expect(compareOverlapping({ survey, before, after }).linked).toBe(1);
  });
});

describe('the overlapping statistics (properties)', () => {
  const table = fc
    .record({
      n1: fc.integer({ min: 2, max: 400 }),
      n2: fc.integer({ min: 2, max: 400 }),
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    })
    .map(({ n1, n2, seed }) => {
      const random = randomSource(seed);
      const nc = Math.floor(random() * (Math.min(n1, n2) + 1));
      const cell = () => Math.floor(random() * 4);
      const counts = [0, 0, 0, 0];
      for (let i = 0; i < nc; i++) counts[cell()]!++;
      const [both, onlyBefore, onlyAfter, neither] = counts as [number, number, number, number];
      const c1 = both + onlyBefore + Math.floor(random() * (n1 - nc + 1));
      const c2 = both + onlyAfter + Math.floor(random() * (n2 - nc + 1));
      return {
        before: { count: c1, n: n1 },
        after: { count: c2, n: n2 },
        pairs: { both, onlyBefore, onlyAfter, neither },
      };
    });

  it('shares: z finite or none, the interval holds the change, and the pairs’ covariance moves z from the pooled z its own way', () => {
    fc.assert(
      fc.property(table, (w) => {
        const o = overlappingShareDifference(w);
        const ind = shareDifference(w.after, w.before);
        expect(o.z === null || Number.isFinite(o.z)).toBe(true);
        expect(o.lower).toBeLessThanOrEqual(o.points + 1e-9);
        expect(o.upper).toBeGreaterThanOrEqual(o.points - 1e-9);
        expect(o.lower).toBeGreaterThanOrEqual(-100);
        expect(o.upper).toBeLessThanOrEqual(100);
        // The variance is V₁ + V₂ − 2·Cov: a positive covariance of the pairs around the pooled share
        // makes |z| larger than the independent z, a negative one smaller, none equal.
        const { both: e, onlyBefore: g, onlyAfter: f, neither: h } = w.pairs;
        const p = (w.before.count + w.after.count) / (w.before.n + w.after.n);
        const cov = e * (1 - p) ** 2 - (f + g) * p * (1 - p) + h * p * p;
        if (o.z !== null && ind.z !== null && ind.z !== 0) {
          if (Math.abs(cov) < 1e-12) expect(rel(o.z, ind.z)).toBeLessThanOrEqual(1e-9);
          else if (cov > 0) expect(Math.abs(o.z)).toBeGreaterThanOrEqual(Math.abs(ind.z) * (1 - 1e-12));
          else expect(Math.abs(o.z)).toBeLessThanOrEqual(Math.abs(ind.z) * (1 + 1e-12));
        }
      }),
      { seed: 20261204, numRuns: 400 },
    );
  });

  it('means: the SE is real and falls as the pairs’ correlation rises; with r = 0 it is Welch’s SE', () => {
    const means = fc.record({
      n1: fc.integer({ min: 2, max: 500 }),
      n2: fc.integer({ min: 2, max: 500 }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
      s1: fc.double({ min: 0.01, max: 100, noNaN: true }),
      s2: fc.double({ min: 0.01, max: 100, noNaN: true }),
      r: fc.double({ min: -1, max: 1, noNaN: true }),
      d: fc.double({ min: -10, max: 10, noNaN: true }),
    });
    fc.assert(
      fc.property(means, ({ n1, n2, share, s1, s2, r, d }) => {
        const nc = Math.floor(share * Math.min(n1, n2));
        const at = (correlation: number | null) =>
          overlappingMeanDifference({
            before: { n: n1, mean: 0, sd: s1 },
            after: { n: n2, mean: d, sd: s2 },
            pairs: { n: nc, correlation },
          });
        const se = (m: { lower: number | null; upper: number | null; df: number | null }) =>
          m.upper! - m.lower!;
        const o = at(r);
        expect(o.df).toBeGreaterThan(0);
        expect(Number.isFinite(se(o))).toBe(true);
        const zero = at(0);
        const welch = meanDifference({ n: n2, mean: d, sd: s2 }, { n: n1, mean: 0, sd: s1 });
        if (d !== 0) expect(rel(zero.t, welch.t)).toBeLessThanOrEqual(1e-12);
        if (nc > 0 && r > 0.01)
          expect(Math.abs(o.t ?? 0)).toBeGreaterThanOrEqual(Math.abs(zero.t ?? 0) * (1 - 1e-12));
        if (nc === 0) expect(rel(o.df, welch.df)).toBeLessThanOrEqual(1e-12);
      }),
      { seed: 20261204, numRuns: 400 },
    );
  });
});
