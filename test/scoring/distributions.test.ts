import { describe, expect, it } from 'vitest';
import {
  betaQuantile,
  binomialHalfCdf,
  incompleteBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  normalTwoSided,
  rememberedTQuantile,
  studentTCdf,
  studentTQuantile,
  studentTTwoSided,
} from '../../src/scoring/distributions.js';

describe('normal distribution', () => {
  // Abramowitz & Stegun (1964), Table 26.1 and 26.5: Φ(1.96) = 0.9750021048, z(0.975) = 1.959963985.
  it('matches the standard normal table', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 13);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 13);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 13);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489, 12);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 15);
  });

  it('keeps relative accuracy in the far tail', () => {
    // Φ(−8) = 6.22096057427178e−16 (A&S 26.2.12 asymptotic series; R pnorm(-8)).
    expect(normalCdf(-8) / 6.22096057427178e-16).toBeCloseTo(1, 10);
    expect(normalTwoSided(-8)).toBeCloseTo(2 * 6.22096057427178e-16, 25);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
  });

  it('inverts its distribution function', () => {
    for (const p of [1e-12, 0.001, 0.025, 0.3, 0.5, 0.77, 0.999]) {
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 14);
    }
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe('Student t distribution', () => {
  // Two-sided 95% and 99% critical values from the standard t table (e.g. Fisher & Yates,
  // Statistical Tables, Table III; Abramowitz & Stegun Table 26.10), three decimals.
  const table: Array<[number, number, number]> = [
    [1, 12.706, 63.657],
    [2, 4.303, 9.925],
    [3, 3.182, 5.841],
    [4, 2.776, 4.604],
    [5, 2.571, 4.032],
    [10, 2.228, 3.169],
    [20, 2.086, 2.845],
    [30, 2.042, 2.75],
    [60, 2.0, 2.66],
    [120, 1.98, 2.617],
  ];
  it.each(table)('df %d: t(0.975) = %d, t(0.995) = %d', (df, t975, t995) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(t975, 3);
    expect(studentTQuantile(0.995, df)).toBeCloseTo(t995, 3);
  });

  it('uses the closed forms for 1 and 2 degrees of freedom', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 12);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(0.95 / Math.sqrt(2 * 0.975 * 0.025), 12);
  });

  it('approaches the normal distribution for large df', () => {
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it('inverts its distribution function and is symmetric', () => {
    for (const df of [1.5, 3, 7.3, 17.776, 250]) {
      for (const p of [0.001, 0.05, 0.4, 0.9, 0.999]) {
        const t = studentTQuantile(p, df);
        expect(studentTCdf(t, df)).toBeCloseTo(p, 11);
        expect(studentTQuantile(1 - p, df)).toBeCloseTo(-t, 9);
      }
    }
    expect(studentTTwoSided(2.228138851986274, 10)).toBeCloseTo(0.05, 12);
    expect(studentTCdf(Infinity, 3)).toBe(1);
    expect(studentTQuantile(0.5, 0)).toBeNaN();
  });
});

describe('special functions', () => {
  it('computes ln Γ', () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(1)).toBeCloseTo(0, 14);
  });

  it('computes the regularised incomplete beta function', () => {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_0.5(a, a) = 0.5.
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(incompleteBeta(0.6, 3, 1)).toBeCloseTo(0.216, 14);
    expect(incompleteBeta(0.5, 7.5, 7.5)).toBeCloseTo(0.5, 14);
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
  });

  it('sums the binomial(n, 1/2) distribution exactly', () => {
    // P(X ≤ 1), n = 10: (1 + 10) / 1024.
    expect(binomialHalfCdf(1, 10)).toBe(11 / 1024);
    expect(binomialHalfCdf(12, 24)).toBe(0.5 + 2704156 / 2 ** 25);
    expect(binomialHalfCdf(-1, 5)).toBe(0);
    expect(binomialHalfCdf(5, 5)).toBe(1);
  });
});

describe('beta quantile', () => {
  // R 4 qbeta(p, a, b), printed with 17 digits: small and large shapes (Korn–Graubard asks for
  // shapes near the effective sample size, thousands and more), below and above 1.
  const cases: Array<[number, number, number, number]> = [
    [0.025, 3.5, 10, 0.07266325929912823],
    [0.975, 4.5, 9, 0.59424744255882722],
    [0.025, 1200.3, 38000.7, 0.028936475683515133],
    [0.975, 1201.3, 37999.7, 0.032373315522969848],
    [0.025, 0.4, 20, 3.7196193364525229e-6],
    [0.5, 52000, 48000.5, 0.51999753332886622],
    [0.975, 2, 1, 0.98742088290657493],
  ];
  it.each(cases)('qbeta(%s, %s, %s) as R', (p, a, b, expected) => {
    expect(Math.abs(betaQuantile(p, a, b) - expected) / expected).toBeLessThan(1e-10);
  });
});

describe('remembered t quantile', () => {
  it('gives what studentTQuantile gives, upper quantiles included, and remembers it', () => {
    const t = rememberedTQuantile();
    for (const df of [3, 17, 250, 40_000])
      for (const p of [0.025, 0.975, 0.005, 0.995]) expect(t(p, df)).toBe(studentTQuantile(p, df));
    expect(t(0.975, 1e9)).toBe(studentTQuantile(0.975, 1e9));
  });
});
