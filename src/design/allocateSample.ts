import type { MessageLocale } from '../core/issue.js';
import { fail } from './messages.js';

/** How a total sample size is shared among strata. */
export type Allocation = 'proportional' | 'equal' | 'neyman' | 'fixed';

/** One stratum of a frame as the allocation sees it. */
export interface StratumSize {
  /** The stratum's name (its value, or values joined by " × "). */
  stratum: string;
  /** N_h, the number of people in the stratum. */
  size: number;
  /** The stratum's standard deviation of the survey variable; needed for Neyman allocation. */
  sd?: number;
  /** The stratum's sample size; needed for fixed allocation. */
  fixed?: number;
}

/** Options of {@link allocateSample}. */
export interface AllocateSampleOptions {
  /** The strata, in the order ties are broken. */
  strata: readonly StratumSize[];
  /** The total sample size n (ignored for fixed allocation, whose total is the sum of `fixed`). */
  n?: number;
  /** Proportional to N_h (default), equal, Neyman (N_h·S_h) or fixed per stratum. */
  allocation?: Allocation;
  /** At least this many per stratum (or the whole stratum if smaller). Default 0. */
  minimum?: number;
  /** Language of error messages. Default `'ja'`. */
  locale?: MessageLocale;
}

/** The sample size of one stratum. */
export interface StratumAllocation {
  stratum: string;
  /** N_h. */
  size: number;
  /** n_h, an integer with min(minimum, N_h) ≤ n_h ≤ N_h. */
  n: number;
  /** The unrounded share before the largest-remainder rounding. */
  exact: number;
}

const measureOf = (allocation: Allocation, s: StratumSize): number =>
  allocation === 'equal' ? 1 : allocation === 'neyman' ? s.size * (s.sd ?? 0) : s.size;

/**
 * Shares a sample of n among strata. The unrounded share of stratum h is c·m_h clamped to
 * [min(minimum, N_h), N_h], where m_h is N_h (proportional), 1 (equal) or N_h·S_h (Neyman) and c
 * is chosen so that the shares sum to n. The shares are then rounded by the largest-remainder
 * (Hamilton) rule: every stratum gets the integer part of its share, and the strata with the
 * largest fractional parts get one more until the sizes sum to n exactly; ties go to the stratum
 * listed first.
 *
 * @example
 * ```ts
 * allocateSample({
 *   strata: [{ stratum: 'North', size: 600 }, { stratum: 'South', size: 400 }],
 *   n: 101,
 *   minimum: 10,
 * });
 * // [{ stratum: 'North', size: 600, n: 61, exact: 60.6 }, { stratum: 'South', size: 400, n: 40, exact: 40.4 }]
 * ```
 */
export function allocateSample(options: AllocateSampleOptions): StratumAllocation[] {
  const { strata, locale } = options;
  const allocation = options.allocation ?? 'proportional';
  if (!['proportional', 'equal', 'neyman', 'fixed'].includes(allocation)) {
    fail('invalid_option', ['allocation'], locale, {
      expectedJa: 'proportional, equal, neyman, fixed のいずれか',
      expectedEn: 'proportional, equal, neyman or fixed',
    });
  }
  strata.forEach((s, i) => {
    if (!Number.isInteger(s.size) || s.size < 0) {
      fail('invalid_count', ['strata', i, 'size'], locale, { field: s.stratum, value: s.size });
    }
  });
  if (allocation === 'fixed') {
    return strata.map((s, i) => {
      const n = s.fixed;
      if (n === undefined) {
        fail('missing_stratum_value', ['strata', i, 'fixed'], locale, {
          stratum: s.stratum,
          what: '標本の大きさ',
          whatEn: 'sample size',
        });
      }
      if (!Number.isInteger(n) || n < 0) {
        fail('invalid_count', ['strata', i, 'fixed'], locale, { field: s.stratum, value: n });
      }
      if (n > s.size)
        fail('stratum_too_small', ['strata', i], locale, { stratum: s.stratum, n, size: s.size });
      return { stratum: s.stratum, size: s.size, n, exact: n };
    });
  }
  const n = options.n;
  if (n === undefined || !Number.isInteger(n) || n < 0) {
    fail('invalid_option', ['n'], locale, {
      expectedJa: '0以上の整数',
      expectedEn: 'a non-negative integer',
    });
  }
  const minimum = options.minimum ?? 0;
  if (!Number.isInteger(minimum) || minimum < 0) {
    fail('invalid_option', ['minimum'], locale, {
      expectedJa: '0以上の整数',
      expectedEn: 'a non-negative integer',
    });
  }
  const total = strata.reduce((sum, s) => sum + s.size, 0);
  if (n > total) fail('sample_too_large', ['n'], locale, { n, size: total });
  if (allocation === 'neyman') {
    strata.forEach((s, i) => {
      if (s.sd === undefined) {
        fail('missing_stratum_value', ['strata', i, 'sd'], locale, {
          stratum: s.stratum,
          what: '標準偏差',
          whatEn: 'standard deviation',
        });
      }
      if (!Number.isFinite(s.sd) || s.sd < 0) {
        fail('invalid_count', ['strata', i, 'sd'], locale, { field: s.stratum, value: s.sd });
      }
    });
  }
  const lower = strata.map((s) => Math.min(minimum, s.size));
  const upper = strata.map((s) => s.size);
  const needed = lower.reduce((a, b) => a + b, 0);
  if (needed > n) fail('minimum_too_large', ['minimum'], locale, { needed, n });
  const measure = strata.map((s) => measureOf(allocation, s));
  const exact = continuousShares(measure, lower, upper, n);
  return roundLargestRemainder(exact, lower, upper, n).map((size, i) => ({
    stratum: strata[i]!.stratum,
    size: strata[i]!.size,
    n: size,
    exact: exact[i]!,
  }));
}

/**
 * Shares x_h = clamp(c·m_h, L_h, U_h) summing to n. The sum is continuous and non-decreasing in c,
 * so c is found by bisection (to the last bit of a double); bounds settle ties between minimums
 * and stratum sizes without any order of fixing.
 */
function continuousShares(measure: number[], lower: number[], upper: number[], n: number): number[] {
  const at = (c: number) =>
    measure.map((m, h) => (m === 0 ? lower[h]! : Math.min(upper[h]!, Math.max(lower[h]!, c * m))));
  const sum = (c: number) => at(c).reduce((a, b) => a + b, 0);
  let low = 0;
  let high = 0;
  measure.forEach((m, h) => {
    if (m > 0) high = Math.max(high, upper[h]! / m);
  });
  // A tiny measure (a subnormal SD) would make the bracket infinite.
  high = Math.min(high, Number.MAX_VALUE);
  if (sum(high) <= n) return at(high);
  for (let i = 0; i < 200 && high - low > 0; i++) {
    const mid = low + (high - low) / 2;
    if (mid === low || mid === high) break;
    if (sum(mid) < n) low = mid;
    else high = mid;
  }
  return at(high);
}

/** Hamilton's rule: integer parts, then one more for the largest fractional parts until the sum is n. */
function roundLargestRemainder(exact: number[], lower: number[], upper: number[], n: number): number[] {
  const sizes = exact.map((x, h) => Math.min(upper[h]!, Math.max(lower[h]!, Math.floor(x + 1e-9))));
  let missing = n - sizes.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, h) => ({ h, remainder: x - Math.floor(x + 1e-9) }))
    .sort((p, q) => q.remainder - p.remainder || p.h - q.h);
  // Floating-point shares can leave the sum one off in either direction; the loops settle it
  // within the bounds (the bounds admit n because ΣL ≤ n ≤ ΣU).
  while (missing > 0) {
    for (const { h } of order) {
      if (missing > 0 && sizes[h]! < upper[h]!) {
        sizes[h]!++;
        missing--;
      }
    }
  }
  while (missing < 0) {
    for (let i = order.length - 1; i >= 0; i--) {
      const { h } = order[i]!;
      if (missing < 0 && sizes[h]! > lower[h]!) {
        sizes[h]!--;
        missing++;
      }
    }
  }
  return sizes;
}
