import type { MessageLocale } from '../core/issue.js';
import { fail } from './messages.js';

/** Summary of a set of weights. */
export interface WeightDiagnostics {
  /** Number of weights. */
  n: number;
  sum: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  /** max / min. */
  ratio: number;
  /** Coefficient of variation sd/mean, with the population sd (divisor n), so that 1 + CV² = deff_w. */
  cv: number;
  /** Kish's effective sample size (Σw)² / Σw². */
  nEffective: number;
  /** Kish's design effect from weighting n·Σw² / (Σw)² = 1 + CV². */
  designEffect: number;
  /** Weights ≤ 0 (linear calibration can make them; trim them away). */
  nonPositive: number;
}

/** Options of {@link weightDiagnostics}. */
export interface WeightDiagnosticsOptions {
  weights: ArrayLike<number>;
  locale?: MessageLocale;
}

/**
 * Min, max, mean, median, CV, Kish's effective sample size and design effect of a set of weights
 * (Kish 1965): n_eff = (Σw)²/Σw², deff_w = nΣw²/(Σw)² = 1 + CV². A deff_w of 1.5 means the
 * weighted sample carries the information of a simple random sample two thirds its size.
 *
 * @example
 * ```ts
 * weightDiagnostics({ weights: [1, 1, 2, 4] });
 * // { n: 4, sum: 8, mean: 2, nEffective: 64 / 22 ≈ 2.91, designEffect: 4 · 22 / 64 = 1.375, … }
 * ```
 */
export function weightDiagnostics(options: WeightDiagnosticsOptions): WeightDiagnostics {
  const w = options.weights;
  const n = w.length;
  if (n === 0)
    fail('invalid_option', ['weights'], options.locale, {
      expectedJa: '1つ以上のウェイト',
      expectedEn: 'at least one weight',
    });
  let sum = 0;
  let squares = 0;
  let nonPositive = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const x = w[i]!;
    if (!Number.isFinite(x)) fail('invalid_weight', ['weights', i], options.locale, { row: i + 1, value: x });
    if (x <= 0) nonPositive++;
    sum += x;
    squares += x * x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / n;
  const designEffect = (n * squares) / (sum * sum);
  return {
    n,
    sum,
    min,
    max,
    mean,
    median: median(w),
    ratio: max / min,
    cv: Math.sqrt(Math.max(0, designEffect - 1)),
    nEffective: (sum * sum) / squares,
    designEffect,
    nonPositive,
  };
}

/** The median (mean of the two middle values for an even count). */
export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}
