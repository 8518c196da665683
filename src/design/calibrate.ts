import type { Issue } from '../core/issue.js';
import type { Margin } from './margins.js';
import { designIssue, fail, throwIfAny } from './messages.js';
import { ownValue } from './records.js';
import type { WeightingOptions, WeightingResult } from './weighting.js';
import { describe, prepare, runWeighting } from './weighting.js';

/** Options of {@link calibrate}. */
export interface CalibrateOptions extends WeightingOptions {
  /** Linear (GREG, chi-square distance) or raking (exponential distance). */
  calfun: 'linear' | 'raking';
  /** Population counts of categorical auxiliaries (each margin a variable or a cross). */
  margins?: readonly Margin[];
  /** Population totals of numeric auxiliaries, by column: `{ income: 2.4e9 }`. */
  totals?: Readonly<Record<string, number>>;
  /** The population size; needed only when there are no margins (it must equal their sum otherwise). */
  size?: number;
  /** Newton iterations at most (raking). Default 50, as R. */
  maxIterations?: number;
  /** Stop when every |misfit| / (1 + |total|) is below this (raking). Default 1e-7, as R. */
  epsilon?: number;
}

/**
 * Calibration (Deville & Särndal 1992): weights w·g closest to the input weights, in the linear
 * (chi-square, g = 1 + xᵀλ, which is GREG) or raking (g = exp(xᵀλ)) distance, whose weighted
 * totals equal the population's for every auxiliary: an intercept, the cells of each categorical
 * margin (treatment contrasts: the first cell listed is the reference) and numeric columns.
 * Linear calibration is solved in closed form; raking calibration by R `survey`'s Newton
 * iterations (`grake`, with its rescaling of weights far below the totals, its step halving and its
 * stopping rule |misfit|/(1 + |total|) < epsilon), so the weights equal R
 * `calibrate(calfun = "linear" | "raking")`. Linear weights may be negative: use `trim`.
 *
 * @example
 * ```ts
 * const result = calibrate({
 *   records: respondents,
 *   weight: 'w',
 *   calfun: 'raking',
 *   margins: [
 *     { variable: 'sex', totals: { F: 5200, M: 4800 } },
 *     { variable: 'ageBand', totals: { '18-39': 4100, '40-64': 3900, '65+': 2000 } },
 *   ],
 *   totals: { householdSize: 24_300 },
 * });
 * ```
 */
export function calibrate(options: CalibrateOptions): WeightingResult {
  const { locale, calfun } = options;
  if (calfun !== 'linear' && calfun !== 'raking') {
    fail('invalid_option', ['calfun'], locale, {
      expectedJa: 'linear または raking',
      expectedEn: 'linear or raking',
    });
  }
  const margins = options.margins ?? [];
  const numericTotals = options.totals ?? {};
  const numeric = Object.keys(numericTotals);
  const maxIterations = options.maxIterations ?? 50;
  const epsilon = options.epsilon ?? 1e-7;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    fail('invalid_option', ['maxIterations'], locale, {
      expectedJa: '1以上の整数',
      expectedEn: 'a positive integer',
    });
  }
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
    fail('invalid_option', ['epsilon'], locale, { expectedJa: '正の数', expectedEn: 'a positive number' });
  }
  const prepared = prepare(options, margins, 'margins');
  const records = options.records;
  const n = records.length;

  // Population vector: intercept, treatment-contrast dummies of every margin, numeric totals.
  const population: number[] = [];
  const marginSum = prepared.margins[0]?.totals.reduce((a, b) => a + b, 0);
  const size = options.size ?? marginSum;
  if (
    size === undefined ||
    !Number.isFinite(size) ||
    size <= 0 ||
    (marginSum !== undefined && Math.abs(size - marginSum) > 1e-9 * size)
  ) {
    fail('invalid_option', ['size'], locale, {
      expectedJa: '正の母集団の大きさ（周辺があればその合計と同じ）',
      expectedEn: 'a positive population size (equal to the margins’ sum when there are margins)',
    });
  }
  population.push(size);
  // What each entry of the population vector is, to name the worst misfit when raking fails.
  const terms: Array<{ margin: string; cell: string }> = [
    locale === 'en' ? { margin: 'population', cell: 'total' } : { margin: '母集団', cell: '合計' },
  ];
  for (const margin of prepared.margins) {
    population.push(...margin.totals.slice(1));
    for (const label of margin.labels.slice(1)) terms.push({ margin: margin.name, cell: label });
  }
  for (const column of numeric) {
    const total = numericTotals[column];
    if (typeof total !== 'number' || !Number.isFinite(total)) {
      fail('invalid_total', ['totals', column], locale, { cell: column, value: total });
    }
    population.push(total);
    terms.push({ margin: column, cell: locale === 'en' ? 'total' : '合計' });
  }
  const p = population.length;

  // The model matrix, row-major.
  const x = new Float64Array(n * p);
  const issues: Issue[] = [];
  for (let i = 0; i < n; i++) {
    const row = i * p;
    x[row] = 1;
    let column = 1;
    prepared.margins.forEach((margin, m) => {
      const cell = prepared.cells[m]![i]!;
      if (cell > 0) x[row + column + cell - 1] = 1;
      column += margin.totals.length - 1;
    });
    for (const name of numeric) {
      const raw = ownValue(records[i]!, name);
      const value =
        typeof raw === 'number'
          ? raw
          : typeof raw === 'string' && raw.trim() !== ''
            ? Number(raw)
            : Number.NaN;
      if (!Number.isFinite(value))
        issues.push(
          designIssue('invalid_numeric', ['records', i, name], locale, {
            row: i + 1,
            field: name,
            value: String(raw),
          }),
        );
      x[row + column++] = value;
    }
  }
  throwIfAny(issues);

  const solve = (matrix: Float64Array, rhs: Float64Array) => {
    const solution = solveLinear(matrix, rhs, p);
    if (!solution) fail('singular_calibration', ['margins'], locale);
    return solution;
  };
  const method = calfun;
  return runWeighting(options, prepared, describe(method, prepared.margins, numeric), (w) =>
    calfun === 'linear'
      ? linear(x, w, population, solve)
      : raking(x, w, population, solve, maxIterations, epsilon, locale, terms),
  );
}

type Solve = (matrix: Float64Array, rhs: Float64Array) => Float64Array;

/** Σ_i w_i·d_i·x_i x_iᵀ and Σ_i w_i·f_i·x_i for the current row factors d and f. */
function crossproducts(
  x: Float64Array,
  w: Float64Array,
  p: number,
  d: (i: number) => number,
  f: (i: number) => number,
) {
  const matrix = new Float64Array(p * p);
  const sums = new Float64Array(p);
  for (let i = 0; i < w.length; i++) {
    const row = i * p;
    const wd = w[i]! * d(i);
    const wf = w[i]! * f(i);
    for (let a = 0; a < p; a++) {
      const xa = x[row + a]!;
      if (xa === 0) continue;
      sums[a]! += wf * xa;
      const wxa = wd * xa;
      for (let b = 0; b <= a; b++) matrix[a * p + b]! += wxa * x[row + b]!;
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) matrix[b * p + a] = matrix[a * p + b]!;
  return { matrix, sums };
}

const dot = (x: Float64Array, row: number, v: Float64Array) => {
  let s = 0;
  for (let a = 0; a < v.length; a++) s += x[row + a]! * v[a]!;
  return s;
};

/** GREG: g = 1 + xᵀλ with (Σ w x xᵀ) λ = totals − Σ w x. */
function linear(x: Float64Array, w: Float64Array, population: number[], solve: Solve): number {
  const p = population.length;
  const { matrix, sums } = crossproducts(
    x,
    w,
    p,
    () => 1,
    () => 1,
  );
  const lambda = solve(
    matrix,
    Float64Array.from(population, (t, a) => t - sums[a]!),
  );
  for (let i = 0; i < w.length; i++) w[i]! *= 1 + dot(x, i * p, lambda);
  return 1;
}

/** R survey's `grake` with `cal.raking` and no bounds: Newton steps on η, g = exp(xᵀη). */
function raking(
  x: Float64Array,
  w: Float64Array,
  population: number[],
  solve: Solve,
  maxit: number,
  epsilon: number,
  locale: WeightingOptions['locale'],
  terms: ReadonlyArray<{ margin: string; cell: string }>,
): number {
  const p = population.length;
  const n = w.length;
  const sampleTotal = crossproducts(
    x,
    w,
    p,
    () => 0,
    () => 1,
  ).sums;
  const scales = population.map((t, a) => t / sampleTotal[a]!);
  // As R: weights far below the totals are first scaled up by the mean ratio.
  const scale = Math.min(...scales) > 20 ? scales.reduce((s, v) => s + v, 0) / p : 1;
  const ww = Float64Array.from(w, (v) => v * scale);
  for (let a = 0; a < p; a++) sampleTotal[a]! *= scale;
  const eta = new Float64Array(p);
  const xeta = new Float64Array(n);
  const g = new Float64Array(n).fill(1);
  const update = () => {
    let finite = true;
    for (let i = 0; i < n; i++) {
      xeta[i] = dot(x, i * p, eta);
      g[i] = Math.exp(xeta[i]!);
      if (!Number.isFinite(g[i]!)) finite = false;
    }
    return finite;
  };
  const misfitOf = () => {
    const { sums } = crossproducts(
      x,
      ww,
      p,
      () => 0,
      (i) => g[i]! - 1,
    );
    return Float64Array.from(population, (t, a) => t - sampleTotal[a]! - sums[a]!);
  };
  let iter = 1;
  for (;;) {
    const { matrix } = crossproducts(
      x,
      ww,
      p,
      (i) => g[i]!,
      () => 0,
    );
    const deta = solve(matrix, misfitOf());
    for (let a = 0; a < p; a++) eta[a]! += deta[a]!;
    let finite = update();
    while (iter < maxit && !finite) {
      iter++;
      for (let a = 0; a < p; a++) {
        deta[a]! /= 2;
        eta[a]! -= deta[a]!;
      }
      finite = update();
    }
    const misfit = misfitOf();
    let achieved = 0;
    let at = 0;
    misfit.forEach((m, a) => {
      const r = Math.abs(m) / (1 + Math.abs(population[a]!));
      if (!(r <= achieved)) {
        achieved = r;
        at = a;
      }
    });
    if (achieved < epsilon) break;
    iter++;
    if (iter > maxit) {
      fail('not_converged', ['margins'], locale, {
        iterations: iter - 1,
        deviation: achieved,
        ...terms[at]!,
      });
    }
  }
  for (let i = 0; i < n; i++) w[i]! *= g[i]! * scale;
  return iter;
}

/**
 * Solves A·z = b (A symmetric p×p, row-major) by Gaussian elimination with partial pivoting;
 * `undefined` when A is singular to working precision.
 */
function solveLinear(matrix: Float64Array, rhs: Float64Array, p: number): Float64Array | undefined {
  const a = Float64Array.from(matrix);
  const b = Float64Array.from(rhs);
  let largest = 0;
  for (let k = 0; k < p; k++) largest = Math.max(largest, Math.abs(a[k * p + k]!));
  for (let k = 0; k < p; k++) {
    let pivot = k;
    for (let r = k + 1; r < p; r++) if (Math.abs(a[r * p + k]!) > Math.abs(a[pivot * p + k]!)) pivot = r;
    if (!(Math.abs(a[pivot * p + k]!) > 1e-12 * largest)) return undefined;
    if (pivot !== k) {
      for (let c = 0; c < p; c++) {
        const t = a[k * p + c]!;
        a[k * p + c] = a[pivot * p + c]!;
        a[pivot * p + c] = t;
      }
      const t = b[k]!;
      b[k] = b[pivot]!;
      b[pivot] = t;
    }
    for (let r = k + 1; r < p; r++) {
      const f = a[r * p + k]! / a[k * p + k]!;
      if (f === 0) continue;
      for (let c = k; c < p; c++) a[r * p + c]! -= f * a[k * p + c]!;
      b[r]! -= f * b[k]!;
    }
  }
  const z = new Float64Array(p);
  for (let k = p - 1; k >= 0; k--) {
    let s = b[k]!;
    for (let c = k + 1; c < p; c++) s -= a[k * p + c]! * z[c]!;
    z[k] = s / a[k * p + k]!;
  }
  return z;
}
