// whatChangedFigures with weights all equal to 1 against the unweighted figures of the same waves.
// The point estimates must be the same. The standard errors legitimately differ, and by exactly
// what theory says: the design-based (Taylor) variance of a domain mean with weights 1 in a wave of
// N respondents is N/(N − 1) · Σ(y − ȳ)²/n² over the n respondents of the domain, so
// - a share p: N/(N − 1) · p(1 − p)/n, the Wald variance times N/(N − 1) (the unweighted report
//   does not use it: its interval is Newcombe's and its test the pooled z test);
// - a mean: N/(N − 1) · (n − 1)/n · s²/n, Welch's s²/n times N(n − 1)/((N − 1)n), which is 1 for
//   everyone answering (n = N); the unweighted interval uses Welch's t, the weighted one the normal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { synthesiseResponses } from '../../src/cli/synthesiseResponses.js';
import { whatChangedFigures } from '../../src/report/index.js';
import { type AggregateResult, createAggregator } from '../../src/scoring/index.js';
import { survey } from './wavesFixture.js';

/** One wave tallied twice: without weights, and with every weight 1 (design-based estimates). */
function tally(seed: number, n: number): { plain: AggregateResult; ones: AggregateResult } {
  const plain = createAggregator(survey, { by: ['sex'], minGroupSize: 5 });
  const ones = createAggregator(survey, { by: ['sex'], minGroupSize: 5, design: {} });
  for (const response of synthesiseResponses(survey, { n, seed })) {
    plain.add(response);
    ones.add(response, 1);
  }
  return { plain: plain.result(), ones: ones.result() };
}

const close = (actual: number, expected: number, tolerance: number) =>
  Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));

describe('whatChangedFigures with weights all 1', () => {
  it('gives the unweighted point estimates, and design-based SEs that differ from the unweighted ones as theory says', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 20, max: 90 }),
        fc.integer({ min: 20, max: 90 }),
        (seed, nBefore, nAfter) => {
          const before = tally(seed, nBefore);
          const after = tally(seed + 1, nAfter);
          const figures = (side: 'plain' | 'ones') =>
            whatChangedFigures({
              result: after[side],
              waves: { previous: [{ label: 'before', result: before[side] }], label: 'after' },
            })!;
          const ones = figures('ones');
          const plain = figures('plain');
          expect(ones.weighted).toBe(true);
          expect(plain.weighted).toBe(false);
          expect(ones.groups.map((g) => `${g.key}:${g.kind}`)).toEqual(
            plain.groups.map((g) => `${g.key}:${g.kind}`),
          );
          const [nB, nA] = [before.ones.responses, after.ones.responses];
          let checked = 0;
          for (const [i, w] of ones.groups.entries()) {
            const u = plain.groups[i]!;
            if (w.kind !== 'independent' || u.kind !== 'independent') continue;
            for (const item of w.comparison.items) {
              const f = item.weighted?.favourable;
              const g = u.comparison.items.find((x) => x.id === item.id)!.favourable;
              expect(f === null || f === undefined, item.id).toBe(g === null);
              if (!f || g === null) continue;
              expect(close(f.a, g.a, 1e-12) && close(f.b, g.b, 1e-12), item.id).toBe(true);
              expect(close(f.difference, g.points, 1e-10), item.id).toBe(true);
              const variance =
                (nA / (nA - 1)) * ((g.a * (1 - g.a)) / g.nA) + (nB / (nB - 1)) * ((g.b * (1 - g.b)) / g.nB!);
              expect(close((f.se / 100) ** 2, variance, 1e-9), `${item.id}: ${f.se}`).toBe(true);
              checked++;
            }
            for (const score of w.comparison.scores) {
              const m = score.weighted?.mean;
              const d = u.comparison.scores.find((x) => x.id === score.id)!.mean;
              if (!m || d === null) continue;
              expect(close(m.a, d.a, 1e-12) && close(m.b, d.b, 1e-12), score.id).toBe(true);
              expect(close(m.difference, d.difference, 1e-12), score.id).toBe(true);
              // Each wave's Welch variance s²/n, scaled as above.
              const variance = (result: AggregateResult, size: number) => {
                const s = result.scores
                  .find((x) => x.id === score.id)!
                  .groups.find((x) => x.group === w.key)!;
                const n = s.mean!.n;
                return (size / (size - 1)) * ((n - 1) / n) * (s.mean!.sd! ** 2 / n);
              };
              const expected = variance(after.plain, nA) + variance(before.plain, nB);
              expect(close(m.se ** 2, expected, 1e-9), `${score.id}: ${m.se}`).toBe(true);
              checked++;
            }
          }
          expect(checked).toBeGreaterThan(0);
        },
      ),
      { seed: 20261204, numRuns: 12 },
    );
  });

  it('is null without an earlier wave', () => {
    const { plain } = tally(7, 20);
    expect(whatChangedFigures({ result: plain, waves: { previous: [], label: 'now' } })).toBeNull();
  });
});
