import type { Issue, MessageLocale } from '../core/issue.js';
import type { Margin, NormalMargin } from './margins.js';
import { cellIndexes, cellSums, normaliseMargins } from './margins.js';
import { designIssue, fail, throwIfAny } from './messages.js';
import type { DesignRecord } from './records.js';
import { isMissing, ownValue } from './records.js';
import type { WeightDiagnostics } from './weightDiagnostics.js';
import { median, weightDiagnostics } from './weightDiagnostics.js';

/**
 * What a weighting step calibrated to, for the variance: estimation with calibrated weights uses
 * the residuals of the calibration model (Deville–Särndal), which these terms define.
 */
export interface CalibrationInfo {
  method: 'poststratify' | 'rake' | 'linear' | 'raking';
  /** Every auxiliary variable, each once, in order of first use. */
  variables: string[];
  /** The categorical terms: each margin's variables (a cross when several). */
  terms: string[][];
  /** Numeric auxiliaries (calibrate only). */
  numeric: string[];
  /** `'population'` for known totals; `'sample'` when the totals were the weighted sample's own (nonresponse adjustment). */
  totals: 'population' | 'sample';
}

/** The fit of one margin cell: its population count and the weighted count before and after. */
export interface CellFit {
  margin: string;
  cell: string;
  levels: string[];
  target: number;
  before: number;
  after: number;
  /** after / before: the cell's adjustment factor. */
  factor: number;
  /** Respondents in the cell. */
  respondents: number;
}

/** Trimming bounds. `relative: 'median'` reads the bounds as multiples of the median weight. */
export interface TrimBounds {
  lower?: number;
  upper?: number;
  relative?: 'absolute' | 'median';
}

/** Trimming applied within a weighting: bounds, then re-calibration, repeated until within them. */
export interface TrimOptions extends TrimBounds {
  /** Rounds of trim-then-recalibrate at most (the alternation converges geometrically). Default 100. */
  maxRounds?: number;
}

/** What trimming did. */
export interface TrimReport {
  /** The absolute bounds used. */
  lower: number;
  upper: number;
  /** Rounds of trim-then-recalibrate. */
  rounds: number;
  /** Weights that were cut at a bound in the first round. */
  trimmed: number;
}

/** The result of every weighting function. */
export interface WeightingResult {
  /** One weight per record, in record order. */
  weights: number[];
  calibration: CalibrationInfo;
  /** Of the input weights. */
  before: WeightDiagnostics;
  /** Of the result. */
  diagnostics: WeightDiagnostics;
  /** Every margin cell: target, weighted count before and after, factor. */
  fit: CellFit[];
  /** Iterations of the method (1 for closed forms). */
  iterations: number;
  trim?: TrimReport;
}

/** Options common to the weighting functions. */
export interface WeightingOptions {
  /** The respondents. */
  records: readonly DesignRecord[];
  /**
   * The input weights: a column name, an array, or nothing for a census (all weights 1). Must be
   * positive and finite.
   */
  weight?: string | readonly number[];
  /** Bounds for the weights, applied with re-calibration after the weighting. */
  trim?: TrimOptions;
  locale?: MessageLocale;
}

/** Reads the input weights: a column, an array or all 1; every one positive and finite. */
export function readWeights(
  records: readonly DesignRecord[],
  weight: string | readonly number[] | undefined,
  locale: MessageLocale | undefined,
): Float64Array {
  const n = records.length;
  if (n === 0)
    fail('invalid_option', ['records'], locale, {
      expectedJa: '1件以上の回答',
      expectedEn: 'at least one record',
    });
  if (weight === undefined) return new Float64Array(n).fill(1);
  const issues: Issue[] = [];
  let values: unknown[];
  if (typeof weight === 'string') {
    if (!records.some((r) => Object.hasOwn(r, weight)))
      fail('missing_weight_column', ['weight'], locale, { field: weight });
    values = records.map((r) => ownValue(r, weight));
  } else {
    if (weight.length !== n) fail('weights_length', ['weight'], locale, { got: weight.length, expected: n });
    values = [...weight];
  }
  const out = new Float64Array(n);
  values.forEach((v, row) => {
    const x = typeof v === 'number' ? v : typeof v === 'string' && !isMissing(v) ? Number(v) : Number.NaN;
    if (!Number.isFinite(x) || x <= 0) {
      issues.push(
        designIssue(
          'invalid_weight',
          ['records', row, typeof weight === 'string' ? weight : 'weight'],
          locale,
          { row: row + 1, value: String(v) },
        ),
      );
    }
    out[row] = x;
  });
  throwIfAny(issues);
  return out;
}

/** A weighting method: adjusts `w` in place to the margins and returns its iteration count. */
export type Adjust = (w: Float64Array) => number;

/** The state a weighting method works on. */
export interface Prepared {
  margins: NormalMargin[];
  cells: Int32Array[];
  start: Float64Array;
}

/** Checks records, weights and margins and finds every record's cells. */
export function prepare(options: WeightingOptions, margins: readonly Margin[], option: string): Prepared {
  const start = readWeights(options.records, options.weight, options.locale);
  const normal = normaliseMargins(margins, option, options.locale);
  return { margins: normal, cells: cellIndexes(options.records, normal, options.locale), start };
}

/** Largest relative deviation of the weighted margins from their targets, and where it is. */
export function worstDeviation(
  w: Float64Array,
  prepared: Prepared,
): { deviation: number; margin: string; cell: string } {
  let worst = { deviation: 0, margin: '', cell: '' };
  prepared.margins.forEach((margin, m) => {
    const sums = cellSums(w, prepared.cells[m]!, margin.totals.length);
    margin.totals.forEach((target, c) => {
      const deviation = target === 0 ? Math.abs(sums[c]!) : Math.abs(sums[c]! - target) / target;
      if (deviation > worst.deviation || worst.margin === '')
        worst = { deviation, margin: margin.name, cell: margin.labels[c]! };
    });
  });
  return worst;
}

/** Resolves trimming bounds to absolute ones (relative bounds are multiples of the median of `w`). */
export function absoluteBounds(
  bounds: TrimBounds,
  w: ArrayLike<number>,
  locale: MessageLocale | undefined,
): { lower: number; upper: number } {
  const scale = bounds.relative === 'median' ? median(w) : 1;
  if (bounds.relative !== undefined && bounds.relative !== 'median' && bounds.relative !== 'absolute') {
    fail('invalid_option', ['trim', 'relative'], locale, {
      expectedJa: 'absolute または median',
      expectedEn: 'absolute or median',
    });
  }
  const lower = (bounds.lower ?? Number.NEGATIVE_INFINITY) * scale;
  const upper = (bounds.upper ?? Number.POSITIVE_INFINITY) * scale;
  if (Number.isNaN(lower) || Number.isNaN(upper) || lower > upper) {
    fail('invalid_option', ['trim'], locale, { expectedJa: '下限 ≤ 上限', expectedEn: 'lower ≤ upper' });
  }
  return { lower, upper };
}

/**
 * Runs a weighting method, then (when asked) trims to the bounds and re-runs the method from the
 * trimmed weights, round after round until every weight is within the bounds (with a relative
 * slack of 1e-9) or the rounds run out; and describes the result.
 */
export function runWeighting(
  options: WeightingOptions,
  prepared: Prepared,
  calibration: CalibrationInfo,
  adjust: Adjust,
): WeightingResult {
  const { locale } = options;
  const w = Float64Array.from(prepared.start);
  let iterations = adjust(w);
  let trim: TrimReport | undefined;
  if (options.trim) {
    const { lower, upper } = absoluteBounds(options.trim, w, locale);
    const maxRounds = options.trim.maxRounds ?? 100;
    const outside = () =>
      w.reduce((k, x) => k + (x < lower * (1 - 1e-9) || x > upper * (1 + 1e-9) ? 1 : 0), 0);
    const trimmed = outside();
    let rounds = 0;
    while (outside() > 0) {
      if (rounds === maxRounds)
        fail('trim_not_reached', ['trim'], locale, {
          rounds,
          count: outside(),
          // Six significant digits, and no ±Infinity for a side without a bound.
          lower: Number.isFinite(lower) ? Number(lower.toPrecision(6)) : null,
          upper: Number.isFinite(upper) ? Number(upper.toPrecision(6)) : null,
          reachedMin: Number(w.reduce((m, x) => Math.min(m, x), Infinity).toPrecision(6)),
          reachedMax: Number(w.reduce((m, x) => Math.max(m, x), -Infinity).toPrecision(6)),
        });
      for (let i = 0; i < w.length; i++) w[i] = Math.min(upper, Math.max(lower, w[i]!));
      iterations += adjust(w);
      rounds++;
    }
    trim = { lower, upper, rounds, trimmed };
  }
  const fit: CellFit[] = [];
  prepared.margins.forEach((margin, m) => {
    const before = cellSums(prepared.start, prepared.cells[m]!, margin.totals.length);
    const after = cellSums(w, prepared.cells[m]!, margin.totals.length);
    const counts = new Array<number>(margin.totals.length).fill(0);
    for (const c of prepared.cells[m]!) counts[c]!++;
    margin.totals.forEach((target, c) => {
      fit.push({
        margin: margin.name,
        cell: margin.labels[c]!,
        levels: margin.levels[c]!,
        target,
        before: before[c]!,
        after: after[c]!,
        factor: before[c]! > 0 ? after[c]! / before[c]! : 0,
        respondents: counts[c]!,
      });
    });
  });
  const result: WeightingResult = {
    weights: Array.from(w),
    calibration,
    before: weightDiagnostics({ weights: prepared.start }),
    diagnostics: weightDiagnostics({ weights: w }),
    fit,
    iterations,
  };
  if (trim) result.trim = trim;
  return result;
}

/** The calibration description of categorical margins. */
export function describe(
  method: CalibrationInfo['method'],
  margins: readonly NormalMargin[],
  numeric: readonly string[] = [],
  totals: CalibrationInfo['totals'] = 'population',
): CalibrationInfo {
  const terms = margins.map((m) => [...m.variables]);
  return {
    method,
    variables: [...new Set([...terms.flat(), ...numeric])],
    terms,
    numeric: [...numeric],
    totals,
  };
}
