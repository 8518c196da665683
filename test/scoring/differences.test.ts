import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanAgainstValue, shareAgainstValue } from '../../src/scoring/differences.js';
import {
  meanDifference,
  pairedMeanDifference,
  pairedShareDifference,
  ScoringError,
  shareDifference,
  wilsonInterval,
} from '../../src/scoring/index.js';

const meanSd = (x: readonly number[]) => {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (x.length - 1));
  return { n: x.length, mean, sd };
};

// Student (1908) sleep data (Cushny & Peebles 1905): extra hours of sleep under two drugs, same 10 patients.
const drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('wilsonInterval', () => {
  // Newcombe (1998a), Statistics in Medicine 17:857–872, Table I, method 3 (Wilson score).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%d/%d → %d to %d (Newcombe 1998a)', (count, n, lower, upper) => {
    const w = wilsonInterval(count, n);
    expect(w.lower).toBeCloseTo(lower, 4);
    expect(w.upper).toBeCloseTo(upper, 4);
  });

  it('widens with the level and refuses impossible counts with a ScoringError', () => {
    const w95 = wilsonInterval(30, 100);
    const w99 = wilsonInterval(30, 100, { level: 0.99 });
    expect(w99.lower).toBeLessThan(w95.lower);
    expect(w99.upper).toBeGreaterThan(w95.upper);
    expect(() => wilsonInterval(5, 4)).toThrow(ScoringError);
    expect(() => wilsonInterval(1, 0)).toThrow(ScoringError);
    expect(() => wilsonInterval(1, 10, { level: 1 })).toThrow(ScoringError);
    try {
      wilsonInterval(1, 10, { level: 0.2, locale: 'en' });
    } catch (error) {
      expect((error as ScoringError).issues[0]).toMatchObject({ code: 'invalid_option', path: ['level'] });
      expect((error as ScoringError).issues[0]!.message).toContain('0.5');
    }
  });
});

describe('shareDifference (Newcombe hybrid score, method 10)', () => {
  // Newcombe (1998b), Statistics in Medicine 17:873–890, Table II, method 10.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
  ])('%d/%d − %d/%d → %d to %d', (a, na, b, nb, lower, upper) => {
    const d = shareDifference({ count: a, n: na }, { count: b, n: nb });
    expect(d.points).toBeCloseTo((a / na - b / nb) * 100, 10);
    expect(d.lower / 100).toBeCloseTo(lower, 4);
    expect(d.upper / 100).toBeCloseTo(upper, 4);
  });

  it('gives the pooled two-proportion z test', () => {
    // 56/70 vs 48/80: z = 2.65 (score statistic at δ = 0, GSK-Biostatistics cicalc reference output).
    const d = shareDifference({ count: 56, n: 70 }, { count: 48, n: 80 });
    expect(d.z).toBeCloseTo(2.65, 2);
    expect(d.p).toBeCloseTo(0.00804, 4);
    // No variation at all: the test is undefined.
    expect(shareDifference({ count: 0, n: 10 }, { count: 0, n: 20 }).z).toBeNull();
  });
});

describe('meanDifference (Welch)', () => {
  it('reproduces Welch’s test on the sleep data', () => {
    // R, t.test(extra ~ group, data = sleep): t = −1.8608, df = 17.776, p = 0.07939,
    // 95% CI −3.3654832 to 0.2054832.
    const d = meanDifference(meanSd(drug1), meanSd(drug2));
    expect(d.difference).toBeCloseTo(-1.58, 12);
    expect(d.t).toBeCloseTo(-1.8608, 4);
    expect(d.df).toBeCloseTo(17.776, 3);
    expect(d.p).toBeCloseTo(0.07939, 5);
    expect(d.lower).toBeCloseTo(-3.3654832, 6);
    expect(d.upper).toBeCloseTo(0.2054832, 6);
  });

  it('leaves the interval empty without variances', () => {
    expect(meanDifference({ n: 1, mean: 2, sd: null }, { n: 10, mean: 1, sd: 1 }).lower).toBeNull();
    const flat = meanDifference({ n: 3, mean: 2, sd: 0 }, { n: 3, mean: 1, sd: 0 });
    expect([flat.lower, flat.upper, flat.t]).toEqual([1, 1, null]);
  });
});

describe('paired differences', () => {
  it('reproduces McNemar’s test on Agresti’s presidential approval data', () => {
    // Agresti (2002), Categorical Data Analysis, 2nd ed., Table 10.1: 794, 150, 86, 570 (n = 1600);
    // z = −4.17, z² = 17.36; the proportion approving fell from 0.59 to 0.55.
    const d = pairedShareDifference({ both: 794, onlyBefore: 150, onlyAfter: 86, neither: 570 });
    expect(d.before).toBeCloseTo(0.59, 12);
    expect(d.after).toBeCloseTo(0.55, 12);
    expect(d.points).toBeCloseTo(-4, 10);
    expect(d.chiSquare).toBeCloseTo(17.36, 2);
    expect(d.test).toBe('asymptotic');
    expect(d.p).toBeLessThan(0.001);
    expect(d.lower).toBeLessThan(-4);
    expect(d.upper).toBeGreaterThan(-4);
  });

  // Newcombe (1998), Statistics in Medicine 17:2635–2650, Table II, method 10, with the table
  // given as e (both), f (first only), g (second only), h (neither); the difference is (f − g)/n.
  it.each([
    [36, 12, 2, 0, 0.0569, 0.3404],
    [18, 12, 2, 18, 0.0562, 0.329],
    [53, 0, 0, 1, -0.0729, 0.0729],
    [0, 30, 0, 0, 0.8395, 1],
  ])('Newcombe paired interval for e=%d f=%d g=%d h=%d → %d to %d', (e, f, g, h, lower, upper) => {
    const d = pairedShareDifference({ both: e, onlyAfter: f, onlyBefore: g, neither: h });
    expect(d.points / 100).toBeCloseTo((f - g) / (e + f + g + h), 12);
    expect(d.lower / 100).toBeCloseTo(lower, 4);
    expect(d.upper / 100).toBeCloseTo(upper, 4);
  });

  it('uses the exact binomial test for few discordant pairs', () => {
    // 1 vs 9 discordant pairs: p = 2 · P(X ≤ 1 | n = 10, 1/2) = 2 · 11/1024.
    const d = pairedShareDifference({ both: 20, onlyBefore: 1, onlyAfter: 9, neither: 20 });
    expect(d.test).toBe('exact');
    expect(d.p).toBe(22 / 1024);
    expect(pairedShareDifference({ both: 3, onlyBefore: 0, onlyAfter: 0, neither: 3 }).p).toBe(1);
    expect(() => pairedShareDifference({ both: 0, onlyBefore: 0, onlyAfter: 0, neither: 0 })).toThrow(
      ScoringError,
    );
    expect(() => pairedShareDifference({ both: -1, onlyBefore: 0, onlyAfter: 2, neither: 0 })).toThrow(
      ScoringError,
    );
  });

  it('reproduces the paired t test on the sleep data', () => {
    // R, t.test(extra ~ group, data = sleep, paired = TRUE): t = −4.0621, df = 9, p = 0.002833,
    // 95% CI −2.4598858 to −0.7001142.
    const d = pairedMeanDifference(meanSd(drug1.map((x, i) => x - drug2[i]!)));
    expect(d.difference).toBeCloseTo(-1.58, 12);
    expect(d.t).toBeCloseTo(-4.0621, 4);
    expect(d.df).toBe(9);
    expect(d.p).toBeCloseTo(0.002833, 6);
    expect(d.lower).toBeCloseTo(-2.4598858, 6);
    expect(d.upper).toBeCloseTo(-0.7001142, 6);
  });
});

describe('against a fixed value', () => {
  it('agrees with the Wilson interval: the value lies outside it exactly when p < 0.05', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, value, u) => {
          const count = Math.floor(u * n);
          const d = shareAgainstValue({ count, n }, value);
          const excluded = d.lower > 1e-9 || d.upper < -1e-9;
          const borderline = Math.abs((d.p ?? 1) - 0.05) < 1e-9;
          if (!borderline) expect(excluded).toBe((d.p ?? 1) < 0.05);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('shifts the one-sample t interval by the value', () => {
    const d = meanAgainstValue({ n: 10, mean: 0.75, sd: meanSd(drug1).sd }, 0);
    // R, t.test(sleep$extra[1:10]): t = 1.3257, df = 9, p = 0.2176.
    expect(d.t).toBeCloseTo(1.3257, 4);
    expect(d.p).toBeCloseTo(0.2176, 4);
    expect(d.nB).toBeNull();
  });
});
