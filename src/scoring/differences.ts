import type { MessageLocale } from '../core/issue.js';
import {
  binomialHalfCdf,
  normalQuantile,
  normalTwoSided,
  studentTQuantile,
  studentTTwoSided,
} from './distributions.js';
import { fail } from './messages.js';

/** A confidence interval. */
export interface Interval {
  lower: number;
  upper: number;
}

/** Options of the interval functions. */
export interface LevelOptions {
  /** Confidence level, between 0.5 and 0.9999. Default 0.95. */
  level?: number;
  /** Language of error messages. Default `ja`. */
  locale?: MessageLocale;
}

/**
 * A difference between two shares, a − b, in percentage points, with its interval and test.
 * In wave comparisons `a` is the later wave and `b` the earlier one.
 */
export interface ShareDifference {
  /** The two shares, between 0 and 1. */
  a: number;
  b: number;
  /** Their denominators; `nB` is null when `b` is a fixed reference value (a benchmark without n). */
  nA: number;
  nB: number | null;
  /** (a − b) × 100. */
  points: number;
  /** Interval of the difference, in points: Newcombe's hybrid score interval, or Wilson's for a fixed `b`. */
  lower: number;
  upper: number;
  /** z statistic: pooled two-proportion test, or the one-sample score test against a fixed `b`; null when undefined. */
  z: number | null;
  /** Two-sided p-value of `z`. */
  p: number | null;
}

/** A difference between two means, a − b, with its interval and test. */
export interface MeanDifference {
  a: number;
  b: number;
  nA: number;
  /** Null when `b` is a fixed reference value. */
  nB: number | null;
  difference: number;
  /** Welch interval (one-sample t interval for a fixed `b`); null when a variance cannot be estimated. */
  lower: number | null;
  upper: number | null;
  /** t statistic and its (Welch–Satterthwaite) degrees of freedom; null when a standard error is zero. */
  t: number | null;
  df: number | null;
  p: number | null;
}

/** The paired 2 × 2 table of a yes/no outcome measured twice on the same respondents. */
export interface PairedTable {
  /** Favourable both times. */
  both: number;
  /** Favourable before, not after. */
  onlyBefore: number;
  /** Favourable after, not before. */
  onlyAfter: number;
  /** Favourable neither time. */
  neither: number;
}

/** A paired difference of shares (after − before) with McNemar's test. */
export interface PairedShareDifference {
  pairs: number;
  before: number;
  after: number;
  /** Discordant pairs: favourable only before, only after. */
  onlyBefore: number;
  onlyAfter: number;
  points: number;
  /** Newcombe's (1998b) method 10 interval for paired data, in points. */
  lower: number;
  upper: number;
  /** McNemar's statistic (b − c)² / (b + c), without continuity correction; null with no discordant pairs. */
  chiSquare: number | null;
  p: number;
  /** `exact` (two-sided binomial, fewer than 25 discordant pairs) or `asymptotic` (χ² with 1 df). */
  test: 'exact' | 'asymptotic';
}

/** A paired difference of means (after − before) with the paired t test. */
export interface PairedMeanDifference {
  pairs: number;
  difference: number;
  /** SD of the within-pair differences. */
  sd: number | null;
  lower: number | null;
  upper: number | null;
  t: number | null;
  df: number | null;
  p: number | null;
}

const EXACT_BELOW = 25;

/** z for a two-sided interval at the options' level, checking the level. */
export function criticalZ(options: LevelOptions): number {
  return normalQuantile(1 - (1 - checkLevel(options)) / 2);
}

/** The options' confidence level; throws a ScoringError outside 0.5–0.9999. */
export function checkLevel(options: LevelOptions): number {
  const level = options.level ?? 0.95;
  if (typeof level !== 'number' || !(level >= 0.5 && level <= 0.9999)) {
    fail('invalid_option', ['level'], options.locale ?? 'ja', {
      expectedJa: '0.5以上0.9999以下の数値',
      expectedEn: 'a number from 0.5 to 0.9999',
    });
  }
  return level;
}

/** The half-width of a two-sided t interval: t quantile × standard error. */
function tHalfWidth(se: number, df: number, options: LevelOptions): number {
  return studentTQuantile(1 - (1 - checkLevel(options)) / 2, df) * se;
}

function checkCounts(count: number, n: number, path: string, options: LevelOptions): void {
  if (!(Number.isFinite(n) && n > 0 && Number.isFinite(count) && count >= 0 && count <= n)) {
    fail('invalid_option', [path], options.locale ?? 'ja', {
      expectedJa: '0 ≤ count ≤ n かつ n > 0',
      expectedEn: '0 ≤ count ≤ n and n > 0',
    });
  }
}

/**
 * Wilson's score interval for a share `count / n` (Wilson 1927; Newcombe 1998a, method 3).
 *
 * @example
 * ```ts
 * wilsonInterval(81, 263); // { lower: 0.2553…, upper: 0.3662… } (Newcombe 1998a)
 * ```
 */
export function wilsonInterval(count: number, n: number, options: LevelOptions = {}): Interval {
  checkCounts(count, n, 'count', options);
  return wilsonAtZ(count, n, criticalZ(options));
}

/** Wilson's interval with a given critical value. */
export function wilsonAtZ(count: number, n: number, z: number): Interval {
  const p = count / n;
  const z2 = z * z;
  const centre = (count + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt(count * (1 - p) + z2 / 4);
  // Clamp rounding at the ends (count 0 or n gives exactly 0 or 1 in exact arithmetic).
  return {
    lower: count === 0 ? 0 : Math.max(0, centre - half),
    upper: count === n ? 1 : Math.min(1, centre + half),
  };
}

/**
 * The difference of two independent shares a − b in points: Newcombe's hybrid score interval (method
 * 10 of Newcombe 1998b, Statistics in Medicine 17:873–890) and the pooled two-proportion z test.
 *
 * @example
 * ```ts
 * shareDifference({ count: 56, n: 70 }, { count: 48, n: 80 });
 * // { points: 20, lower: 5.24…, upper: 33.39…, z: 2.65…, p: 0.008… }
 * ```
 */
export function shareDifference(
  a: { count: number; n: number },
  b: { count: number; n: number },
  options: LevelOptions = {},
): ShareDifference {
  checkCounts(a.count, a.n, 'a', options);
  checkCounts(b.count, b.n, 'b', options);
  const z = criticalZ(options);
  const pa = a.count / a.n;
  const pb = b.count / b.n;
  const wa = wilsonAtZ(a.count, a.n, z);
  const wb = wilsonAtZ(b.count, b.n, z);
  const d = pa - pb;
  const { lower, upper } = moverLimits(pa, wa, pb, wb, 0);
  const pooled = (a.count + b.count) / (a.n + b.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  const stat = se > 0 ? d / se : null;
  return {
    a: pa,
    b: pb,
    nA: a.n,
    nB: b.n,
    points: d * 100,
    lower: Math.max(-1, lower) * 100,
    upper: Math.min(1, upper) * 100,
    z: stat,
    p: stat === null ? null : normalTwoSided(stat),
  };
}

/** A share against a fixed reference value: Wilson interval shifted by the value, one-sample score test. */
export function shareAgainstValue(
  a: { count: number; n: number },
  value: number,
  options: LevelOptions = {},
): ShareDifference {
  const z = criticalZ(options);
  const pa = a.count / a.n;
  const w = wilsonAtZ(a.count, a.n, z);
  const se = Math.sqrt((value * (1 - value)) / a.n);
  const stat = se > 0 ? (pa - value) / se : null;
  return {
    a: pa,
    b: value,
    nA: a.n,
    nB: null,
    points: (pa - value) * 100,
    lower: (w.lower - value) * 100,
    upper: (w.upper - value) * 100,
    z: stat,
    p: stat === null ? null : normalTwoSided(stat),
  };
}

/**
 * The difference of two independent means a − b with Welch's t interval and test (Welch 1947;
 * Satterthwaite degrees of freedom). Each side needs n ≥ 2 for a variance.
 *
 * @example
 * ```ts
 * meanDifference({ n: 10, mean: 0.75, sd: 1.789 }, { n: 10, mean: 2.33, sd: 2.002 });
 * // { difference: -1.58, lower: -3.37, upper: 0.21, t: -1.86, df: 17.8, p: 0.079 }
 * ```
 */
export function meanDifference(
  a: { n: number; mean: number; sd: number | null },
  b: { n: number; mean: number; sd: number | null },
  options: LevelOptions = {},
): MeanDifference {
  const difference = a.mean - b.mean;
  const base = { a: a.mean, b: b.mean, nA: a.n, nB: b.n, difference };
  if (a.n < 2 || b.n < 2 || a.sd === null || b.sd === null) {
    return { ...base, lower: null, upper: null, t: null, df: null, p: null };
  }
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se = Math.sqrt(va + vb);
  if (!(se > 0)) return { ...base, lower: difference, upper: difference, t: null, df: null, p: null };
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const t = difference / se;
  const half = tHalfWidth(se, df, options);
  return { ...base, lower: difference - half, upper: difference + half, t, df, p: studentTTwoSided(t, df) };
}

/** A mean against a fixed reference value: one-sample t interval and test. */
export function meanAgainstValue(
  a: { n: number; mean: number; sd: number | null },
  value: number,
  options: LevelOptions = {},
): MeanDifference {
  const difference = a.mean - value;
  const base = { a: a.mean, b: value, nA: a.n, nB: null, difference };
  const interval = oneSampleT(a.n, difference, a.sd, options);
  return { ...base, ...interval };
}

function oneSampleT(
  n: number,
  difference: number,
  sd: number | null,
  options: LevelOptions,
): { lower: number | null; upper: number | null; t: number | null; df: number | null; p: number | null } {
  if (n < 2 || sd === null) return { lower: null, upper: null, t: null, df: null, p: null };
  const se = sd / Math.sqrt(n);
  if (!(se > 0)) return { lower: difference, upper: difference, t: null, df: null, p: null };
  const df = n - 1;
  const t = difference / se;
  const half = tHalfWidth(se, df, options);
  return { lower: difference - half, upper: difference + half, t, df, p: studentTTwoSided(t, df) };
}

/**
 * The paired difference of shares, after − before, in points: Newcombe's method 10 for paired data
 * (Newcombe 1998, Statistics in Medicine 17:2635–2650) and McNemar's test — exact binomial when
 * fewer than 25 pairs are discordant, otherwise χ² with 1 df without continuity correction.
 *
 * @example
 * ```ts
 * // Agresti (2002), presidential approval: 794 approve twice, 150 only first, 86 only second, 570 neither.
 * pairedShareDifference({ both: 794, onlyBefore: 150, onlyAfter: 86, neither: 570 });
 * // { points: -4, chiSquare: 17.36, p: 0.00003, … }
 * ```
 */
export function pairedShareDifference(table: PairedTable, options: LevelOptions = {}): PairedShareDifference {
  const z = criticalZ(options);
  const { both: e, onlyBefore: g, onlyAfter: f, neither: h } = table;
  const n = e + f + g + h;
  for (const key of ['both', 'onlyBefore', 'onlyAfter', 'neither'] as const) {
    const v = table[key];
    if (!(Number.isFinite(v) && v >= 0)) {
      fail('invalid_option', [key], options.locale ?? 'ja', {
        expectedJa: '0以上の数',
        expectedEn: 'a non-negative number',
      });
    }
  }
  if (!(n > 0))
    fail('invalid_option', [], options.locale ?? 'ja', {
      expectedJa: '1組以上の対',
      expectedEn: 'at least one pair',
    });
  // Newcombe's notation: first proportion (after) (e + f)/n, second (before) (e + g)/n.
  const p1 = (e + f) / n;
  const p2 = (e + g) / n;
  const { lower, upper } = moverLimits(
    p1,
    wilsonAtZ(e + f, n, z),
    p2,
    wilsonAtZ(e + g, n, z),
    newcombePhi(table),
  );
  const d = p1 - p2;
  const discordant = f + g;
  const chiSquare = discordant > 0 ? (f - g) ** 2 / discordant : null;
  let p = 1;
  let test: 'exact' | 'asymptotic' = 'exact';
  if (discordant > 0 && discordant < EXACT_BELOW) {
    p = Math.min(1, 2 * binomialHalfCdf(Math.min(f, g), discordant));
  } else if (chiSquare !== null) {
    test = 'asymptotic';
    p = normalTwoSided(Math.sqrt(chiSquare));
  }
  return {
    pairs: n,
    before: p2,
    after: p1,
    onlyBefore: g,
    onlyAfter: f,
    points: d * 100,
    lower: Math.max(-1, lower) * 100,
    upper: Math.min(1, upper) * 100,
    chiSquare,
    p,
    test,
  };
}

/**
 * The paired difference of means from the within-pair differences (after − before): paired t
 * interval and test.
 *
 * @example
 * ```ts
 * pairedMeanDifference({ n: 10, mean: 1.58, sd: 1.2300 }); // t = 4.06, df = 9, p = 0.0028
 * ```
 */
export function pairedMeanDifference(
  differences: { n: number; mean: number; sd: number | null },
  options: LevelOptions = {},
): PairedMeanDifference {
  const result = oneSampleT(differences.n, differences.mean, differences.sd, options);
  return { pairs: differences.n, difference: differences.mean, sd: differences.sd, ...result };
}

/**
 * Newcombe's (1998b) limits for a difference of two shares p1 − p2 from their Wilson intervals and
 * the correlation of the two estimates (0 for independent samples): the square-and-add method
 * (MOVER, Zou & Donner 2008), in proportions, not clamped.
 */
function moverLimits(p1: number, w1: Interval, p2: number, w2: Interval, rho: number): Interval {
  const dl1 = p1 - w1.lower;
  const du1 = w1.upper - p1;
  const dl2 = p2 - w2.lower;
  const du2 = w2.upper - p2;
  const d = p1 - p2;
  return {
    lower: d - Math.sqrt(Math.max(0, dl1 * dl1 - 2 * rho * dl1 * du2 + du2 * du2)),
    upper: d + Math.sqrt(Math.max(0, du1 * du1 - 2 * rho * du1 * dl2 + dl2 * dl2)),
  };
}

/** Newcombe's (1998b, method 10) correlation of a paired table: φ, with a positive cross product reduced by n/2. */
function newcombePhi(table: PairedTable): number {
  const { both: e, onlyBefore: g, onlyAfter: f, neither: h } = table;
  const n = e + f + g + h;
  const product = (e + f) * (g + h) * (e + g) * (f + h);
  if (!(product > 0)) return 0;
  const cross = e * h - f * g;
  return (cross > 0 ? Math.max(cross - n / 2, 0) : cross) / Math.sqrt(product);
}

/** Two waves that share some respondents, for {@link overlappingShareDifference}. */
export interface OverlappingShares {
  /** Every substantive answer of the earlier wave: favourable `count` of `n`, linked respondents included. */
  before: { count: number; n: number };
  /** Every substantive answer of the later wave. */
  after: { count: number; n: number };
  /** The linked respondents who answered in both waves, as a paired table; part of both waves' counts. */
  pairs: PairedTable;
}

/** A difference of shares (after − before) of two waves that share some respondents. */
export interface OverlappingShareDifference extends ShareDifference {
  /** Pairs: linked respondents with a substantive answer in both waves. */
  linked: number;
  /** The correlation of the two shares used by the interval: Newcombe's φ of the pairs × linked / √(nA·nB). */
  correlation: number;
}

/** Two waves that share some respondents, for {@link overlappingMeanDifference}. */
export interface OverlappingMeans {
  /** Every value of the earlier wave (linked respondents included): n, mean and SD. */
  before: { n: number; mean: number; sd: number | null };
  /** Every value of the later wave. */
  after: { n: number; mean: number; sd: number | null };
  /** Pairs with a value in both waves and the Pearson correlation of their values (null: not estimable, taken as 0). */
  pairs: { n: number; correlation: number | null };
}

/** A difference of means (after − before) of two waves that share some respondents. */
export interface OverlappingMeanDifference extends MeanDifference {
  /** Pairs with a value in both waves. */
  linked: number;
  /** The pairs' correlation used in the variance; null when it could not be estimated (then 0). */
  correlation: number | null;
}

/**
 * The difference of two shares, after − before in points, when some respondents answered both waves
 * (partially overlapping samples): every answer of each wave counts, and the linked pairs give the
 * covariance of the two shares. The test follows the partially overlapping samples z test (Derrick,
 * Dobson-McKittrick, Toher & White 2015, J. Applied Quantitative Methods 10(3)): z = (p₂ − p₁) /
 * √(p̄q̄(1/n₁ + 1/n₂) − 2·n꜀·c/(n₁n₂)), with p̄ the share pooled over both waves and c the covariance
 * of the pairs' 0/1 answers around p̄ (both under the null hypothesis; c capped at ±p̄q̄, so the
 * variance is never negative). With no pairs it is the pooled two-proportion z test of
 * {@link shareDifference}; with everyone linked it is McNemar's test (asymptotic). The interval is
 * Newcombe's square-and-add interval with the correlation φ·n꜀/√(n₁n₂) of the two shares: the
 * independent interval of {@link shareDifference} with no pairs, the paired one of
 * {@link pairedShareDifference} with everyone linked.
 *
 * @example
 * ```ts
 * overlappingShareDifference({
 *   before: { count: 120, n: 200 },
 *   after: { count: 140, n: 210 },
 *   pairs: { both: 50, onlyBefore: 8, onlyAfter: 16, neither: 26 },
 * });
 * // { points: 6.67, lower: …, upper: …, z: …, p: …, linked: 100, … }
 * ```
 */
export function overlappingShareDifference(
  waves: OverlappingShares,
  options: LevelOptions = {},
): OverlappingShareDifference {
  const locale = options.locale ?? 'ja';
  const { before, after, pairs } = waves;
  checkCounts(before.count, before.n, 'before', options);
  checkCounts(after.count, after.n, 'after', options);
  const e = pairs.both;
  const g = pairs.onlyBefore;
  const f = pairs.onlyAfter;
  const h = pairs.neither;
  const within =
    [e, f, g, h].every((v) => Number.isFinite(v) && v >= 0) &&
    e + g <= before.count &&
    f + h <= before.n - before.count &&
    e + f <= after.count &&
    g + h <= after.n - after.count;
  if (!within)
    fail('invalid_option', ['pairs'], locale, {
      expectedJa: '両方の回の回答に含まれる、0以上の数の対応表',
      expectedEn: 'a paired table of non-negative counts within both waves',
    });
  const z = criticalZ(options);
  const n1 = before.n;
  const n2 = after.n;
  const p1 = before.count / n1;
  const p2 = after.count / n2;
  const linked = e + f + g + h;
  const correlation = linked === 0 ? 0 : (newcombePhi(pairs) * linked) / Math.sqrt(n1 * n2);
  const { lower, upper } = moverLimits(
    p2,
    wilsonAtZ(after.count, n2, z),
    p1,
    wilsonAtZ(before.count, n1, z),
    correlation,
  );
  // The test's variance under the null hypothesis: one share p̄ for both waves and every answer.
  const pooled = (before.count + after.count) / (n1 + n2);
  const v = pooled * (1 - pooled);
  const q = 1 - pooled;
  const coSum = e * q * q - (f + g) * pooled * q + h * pooled * pooled;
  const capped = Math.min(v * linked, Math.max(-v * linked, coSum));
  const variance = (v * (n1 + n2) - 2 * capped) / (n1 * n2);
  const d = p2 - p1;
  const stat = variance > 0 ? d / Math.sqrt(variance) : null;
  return {
    a: p2,
    b: p1,
    nA: n2,
    nB: n1,
    points: d * 100,
    lower: Math.max(-1, lower) * 100,
    upper: Math.min(1, upper) * 100,
    z: stat,
    p: stat === null ? null : normalTwoSided(stat),
    linked,
    correlation,
  };
}

/**
 * The difference of two means, after − before, when some respondents answered both waves: the
 * partially overlapping samples t test of Derrick, Russ, Toher & White (2017, J. Modern Applied
 * Statistical Methods 16(1)), their T_new2 for unequal variances. Every value of each wave counts;
 * SE² = s₁²/n₁ + s₂²/n₂ − 2·r·s₁·s₂·n꜀/(n₁n₂) with r the Pearson correlation of the n꜀ pairs, and
 * df = (n꜀ − 1) + (γ − n꜀ + 1)·(n₁ + n₂ − 2n꜀)/(n₁ + n₂), γ being Welch's degrees of freedom. With no
 * pairs this is Welch's test ({@link meanDifference}); with everyone linked, the paired t test
 * ({@link pairedMeanDifference}). The interval is difference ± t(df)·SE.
 *
 * @example
 * ```ts
 * overlappingMeanDifference({
 *   before: { n: 200, mean: 2.9, sd: 0.8 },
 *   after: { n: 210, mean: 3.1, sd: 0.85 },
 *   pairs: { n: 100, correlation: 0.6 },
 * });
 * // { difference: 0.2, lower: …, upper: …, t: …, df: …, p: …, linked: 100, correlation: 0.6 }
 * ```
 */
export function overlappingMeanDifference(
  waves: OverlappingMeans,
  options: LevelOptions = {},
): OverlappingMeanDifference {
  const { before: b, after: a, pairs } = waves;
  const linked = pairs.n;
  const r = pairs.correlation;
  if (
    !(Number.isSafeInteger(linked) && linked >= 0 && linked <= Math.min(a.n, b.n)) ||
    !(r === null || (typeof r === 'number' && r >= -1 && r <= 1))
  )
    fail('invalid_option', ['pairs'], options.locale ?? 'ja', {
      expectedJa: 'n は両方の回の人数以下の0以上の整数、correlation は -1〜1 または null',
      expectedEn: 'n a whole number up to both waves’ sizes, correlation from −1 to 1 or null',
    });
  const difference = a.mean - b.mean;
  const base = { a: a.mean, b: b.mean, nA: a.n, nB: b.n, difference, linked, correlation: r };
  if (a.n < 2 || b.n < 2 || a.sd === null || b.sd === null)
    return { ...base, lower: null, upper: null, t: null, df: null, p: null };
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const covariance = ((r ?? 0) * a.sd * b.sd * linked) / (a.n * b.n);
  // Never negative: |r|·s₁s₂·n꜀/(n₁n₂) ≤ s₁s₂/√(n₁n₂) ≤ (va + vb)/2; the max guards rounding.
  const se = Math.sqrt(Math.max(0, va + vb - 2 * covariance));
  if (!(se > 0)) return { ...base, lower: difference, upper: difference, t: null, df: null, p: null };
  const welch = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const unpaired = a.n + b.n - 2 * linked;
  const df = linked - 1 + ((welch - linked + 1) * unpaired) / (a.n + b.n);
  const t = difference / se;
  const half = tHalfWidth(se, df, options);
  return { ...base, lower: difference - half, upper: difference + half, t, df, p: studentTTwoSided(t, df) };
}
