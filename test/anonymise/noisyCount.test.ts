import { describe, expect, it } from 'vitest';
import { exactFraction, sampleDiscreteLaplace } from '../../src/anonymise/discreteLaplace.js';
import { AnonymiseError, createPrivacyBudget, noisyCount } from '../../src/anonymise/index.js';
import { RandomStream } from '../../src/anonymise/randomStream.js';

function issueOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AnonymiseError);
    return (error as AnonymiseError).issues[0]!;
  }
  throw new Error('expected an AnonymiseError');
}

/** Mean, variance and share of zeros of `n` noise draws at ε. */
function draws(epsilon: number, n: number) {
  const budget = createPrivacyBudget({ epsilon: epsilon * n });
  let sum = 0;
  let squares = 0;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    const noise = noisyCount(100, { epsilon, budget }) - 100;
    expect(Number.isInteger(noise)).toBe(true);
    sum += noise;
    squares += noise * noise;
    if (noise === 0) zeros++;
  }
  const mean = sum / n;
  return { mean, variance: squares / n - mean * mean, zeroShare: zeros / n };
}

describe('noisyCount', () => {
  // Discrete Laplace: P(x) ∝ e^(−ε|x|); variance 2e^−ε/(1−e^−ε)²; P(0) = (1−e^−ε)/(1+e^−ε).
  it.each([1, 0.5, 0.1])('draws discrete Laplace noise at ε = %s (20,000 draws, loose bounds)', (epsilon) => {
    const q = Math.exp(-epsilon);
    const variance = (2 * q) / (1 - q) ** 2;
    const n = 20_000;
    const observed = draws(epsilon, n);
    // About six standard errors: a correct sampler fails this far less than once in a million runs.
    expect(Math.abs(observed.mean)).toBeLessThan(6 * Math.sqrt(variance / n));
    expect(Math.abs(observed.variance / variance - 1)).toBeLessThan(0.12);
    const p0 = (1 - q) / (1 + q);
    expect(Math.abs(observed.zeroShare - p0)).toBeLessThan(6 * Math.sqrt((p0 * (1 - p0)) / n));
  });

  it('spends from the budget and refuses to overspend, spending nothing then', () => {
    const budget = createPrivacyBudget({ epsilon: 1 });
    noisyCount(10, { epsilon: 0.6, budget });
    expect(budget.spent).toBeCloseTo(0.6);
    expect(issueOf(() => noisyCount(10, { epsilon: 0.5, budget, locale: 'en' }))).toMatchObject({
      code: 'budget_exceeded',
      params: { requested: 0.5 },
    });
    expect(budget.spent).toBeCloseTo(0.6);
    expect(budget.remaining).toBeCloseTo(0.4);
    noisyCount(10, { epsilon: 0.4, budget });
    expect(() => noisyCount(10, { epsilon: 1e-9, budget })).toThrow(/budget exceeded|プライバシー予算/);
  });

  it('lets ten spends of 0.1 fill a budget of 1 exactly', () => {
    const budget = createPrivacyBudget({ epsilon: 1 });
    for (let i = 0; i < 10; i++) budget.spend(0.1);
    expect(() => budget.spend(0.001)).toThrow(AnonymiseError);
  });

  it('refuses bad counts, ε and budgets', () => {
    const budget = createPrivacyBudget({ epsilon: 1 });
    expect(issueOf(() => noisyCount(-1, { epsilon: 0.1, budget })).path).toEqual(['options', 'count']);
    expect(issueOf(() => noisyCount(1.5, { epsilon: 0.1, budget })).path).toEqual(['options', 'count']);
    for (const epsilon of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '1'])
      expect(issueOf(() => noisyCount(1, { epsilon: epsilon as number, budget })).code).toBe(
        'invalid_epsilon',
      );
    expect(issueOf(() => noisyCount(1, { epsilon: 0.1, budget: {} as never })).path).toEqual([
      'options',
      'budget',
    ]);
    expect(issueOf(() => createPrivacyBudget({ epsilon: 0 })).code).toBe('invalid_epsilon');
    expect(budget.spent).toBe(0);
  });
});

describe('the discrete Laplace sampler', () => {
  it('reads a double as its exact fraction', () => {
    expect(exactFraction(1)).toEqual({ num: 1n, den: 1n });
    expect(exactFraction(0.5)).toEqual({ num: 1n, den: 2n });
    expect(exactFraction(3.25)).toEqual({ num: 13n, den: 4n });
    const { num, den } = exactFraction(0.1);
    expect(Number(num) / Number(den)).toBe(0.1);
    expect(den).toBe(2n ** 55n);
  });

  it('follows the exact probabilities at ε = 2 (chi-square against the formula)', () => {
    // A fixed source of random bytes, so this check is deterministic.
    let state = 12345;
    const fill = (bytes: Uint8Array) => {
      for (let i = 0; i < bytes.length; i++) {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        bytes[i] = state >>> 24;
      }
      return bytes;
    };
    const random = new RandomStream(fill);
    const n = 20_000;
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const x = Number(sampleDiscreteLaplace({ num: 2n, den: 1n }, random));
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    const q = Math.exp(-2);
    const p = (x: number) => ((1 - q) / (1 + q)) * q ** Math.abs(x);
    let chi = 0;
    for (const x of [-2, -1, 0, 1, 2]) chi += ((counts.get(x) ?? 0) - n * p(x)) ** 2 / (n * p(x));
    // 4 degrees of freedom: P(χ² > 30) < 1e-5.
    expect(chi).toBeLessThan(30);
  });
});
