// Design-based estimation from the weighted sufficient statistics (weightedState.ts), following R
// `survey` (Lumley): every respondent is a PSU drawn with replacement within its stratum; a mean is
// a ratio estimator whose influence values z_i = w_i (y_i − ȳ_D) / W_D (0 outside the domain D) are
// summed per stratum: V = Σ_h (1 − n_h/N_h) n_h/(n_h − 1) Σ_i (z_i − z̄_h)² (svyrecvar, onestrat).
// Calibrated weights first replace z_i by its residual from the calibration, as svyrecvar does.
// Within a combined cell c every influence value is w_i (a_c d_i y_i + b_c d_i + e_c) with d_i = 1
// when the respondent is in the target's domain (answered), so sums over cells of the stored sums
// of w, w², wy, w²y, w²y² give every sum the variance needs.
import type { MessageLocale } from '../core/issue.js';
import { betaQuantile, normalQuantile, normalTwoSided } from './distributions.js';
import type { LonelyPsu } from './estimationDesign.js';
import { fail } from './messages.js';
import { type StratumBlock, TARGET_WIDTH, type WeightedData } from './weightedState.js';

/** A weighted mean (or share) with its design-based standard error. */
export interface WeightedMean {
  /** Respondents in the domain with an answer. */
  n: number;
  /** Σ weights of those respondents (the estimated population of the domain). */
  sumWeights: number;
  /** Weighted mean Σwy / Σw (for a share: between 0 and 1). */
  mean: number;
  /** Standard error by Taylor linearisation. */
  se: number;
  /** Weighted total Σwy and its standard error. */
  total: number;
  totalSe: number;
  /** Degrees of freedom: respondents in the domain minus their strata (R `degf` of the subset). */
  df: number;
  /** Interval of the mean: mean ± t(df) × se (for shares: the logit interval of R `svyciprop`). */
  lower: number | null;
  upper: number | null;
}

/** A weighted share: the logit interval in `lower`/`upper`, and Korn–Graubard's. */
export interface WeightedShare extends WeightedMean {
  /** Korn–Graubard (R `svyciprop(method = "beta")`): Clopper–Pearson at the effective sample size. */
  betaLower: number | null;
  betaUpper: number | null;
}

/** A weighted difference a − b (shares in points) with its standard error, normal interval and test. */
export interface WeightedDifference {
  a: number;
  b: number;
  difference: number;
  se: number;
  lower: number;
  upper: number;
  z: number | null;
  p: number | null;
}

/** Everything the estimates of one aggregate share: strata, scale factors, calibration. */
export interface EstimationContext {
  blocks: StratumBlock[];
  /** Combined cells and the `by` cells they belong to. */
  cells: number;
  byCells: number;
  /** Per stratum: respondents and the variance scale f n/(n − 1) (lonely strata: see `lonely`). */
  nh: Float64Array;
  scale: Float64Array;
  /** Per stratum: 0 ordinary, 1 contributes nothing (census or certainty), 2 adjust, 3 average (left out). */
  lonely: Uint8Array;
  /** Per combined cell: respondents, Σw and Σw₀ over all strata. */
  rowN: Float64Array;
  rowW: Float64Array;
  rowW0: Float64Array;
  calibration: Calibration | undefined;
  level: number;
  /** Student's t quantile, remembered (shared with the unweighted result: see rememberedTQuantile). */
  tQuantile: (p: number, df: number) => number;
  /** The combined cells of each domain asked for (see domainCells). */
  domainCells: WeakMap<Uint8Array, Int32Array>;
}

interface Calibration {
  method: 'poststratify' | 'rake' | 'linear' | 'raking';
  /** Categories of each variable; category of variable v in cell c at c × V + v. */
  sizes: number[];
  category: Int32Array;
  /** poststratify: joint category of each cell. */
  joint: Int32Array;
  /** linear/raking: model row of each cell (intercept and treatment dummies) and the solved X'W₀X. */
  columns: number;
  solve: ((v: Float64Array) => Float64Array) | undefined;
}

/** Builds the estimation context; throws for a stratum the design cannot handle. */
export function estimationContext(
  weighted: WeightedData,
  byCells: number,
  level: number,
  tQuantile: (p: number, df: number) => number,
  locale: MessageLocale,
): EstimationContext {
  const design = weighted.design;
  const lonelyPsu: LonelyPsu = design.lonelyPsu ?? 'fail';
  const blocks = weighted.blocks.filter((b) => {
    for (let i = 0; i < b.rows.length; i += 4) if (b.rows[i]! > 0) return true;
    return false;
  });
  const S = blocks.length;
  const C = weighted.layout.cells;
  const nh = new Float64Array(S);
  const scale = new Float64Array(S);
  const lonely = new Uint8Array(S);
  const rowN = new Float64Array(C);
  const rowW = new Float64Array(C);
  const rowW0 = new Float64Array(C);
  blocks.forEach((b, s) => {
    let n = 0;
    for (let c = 0; c < C; c++) {
      n += b.rows[c * 4]!;
      rowN[c] = rowN[c]! + b.rows[c * 4]!;
      rowW[c] = rowW[c]! + b.rows[c * 4 + 1]!;
      rowW0[c] = rowW0[c]! + b.rows[c * 4 + 3]!;
    }
    nh[s] = n;
    let population: number | null = b.populationSize;
    if (design.fpc !== undefined && typeof design.fpc === 'object') {
      population = Object.hasOwn(design.fpc, b.key) ? design.fpc[b.key]! : null;
      if (population === null)
        fail('missing_population_size', ['design', 'fpc', b.key], locale, { stratum: b.key });
    }
    if (population !== null && population < n)
      fail('population_too_small', ['design', 'fpc', b.key], locale, {
        stratum: b.key,
        population,
        sample: n,
      });
    const f = population === null ? 1 : (population - n) / population;
    // R's onestrat: a fully sampled stratum adds nothing, before any lonely-PSU rule.
    if (f < 1e-7) lonely[s] = 1;
    else if (n > 1) scale[s] = (f * n) / (n - 1);
    else if (lonelyPsu === 'fail')
      fail('lonely_psu', ['design', 'strata'], locale, {
        stratum: b.key === '' ? (locale === 'ja' ? '全体' : 'all') : b.key,
      });
    else if (lonelyPsu === 'certainty') lonely[s] = 1;
    else if (lonelyPsu === 'adjust') {
      lonely[s] = 2;
      scale[s] = f;
    } else lonely[s] = 3;
  });
  const calibration = design.calibration
    ? calibrationOf(weighted, rowW0, design.calibration.method)
    : undefined;
  return {
    blocks,
    cells: C,
    byCells,
    nh,
    scale,
    lonely,
    rowN,
    rowW,
    rowW0,
    calibration,
    level,
    tQuantile,
    domainCells: new WeakMap(),
  };
}

function calibrationOf(
  weighted: WeightedData,
  rowW0: Float64Array,
  method: Calibration['method'],
): Calibration {
  const plan = weighted.plan;
  const layout = weighted.layout;
  const sizes = plan.calibration.map((v) => v.codes.length);
  const V = sizes.length;
  const C = layout.cells;
  const joint = new Int32Array(C);
  for (let c = 0; c < C; c++) {
    let j = 0;
    for (let v = 0; v < V; v++) j = j * sizes[v]! + Math.max(0, layout.category[c * V + v]!);
    joint[c] = j;
  }
  const cal: Calibration = { method, sizes, category: layout.category, joint, columns: 0, solve: undefined };
  if (method === 'linear' || method === 'raking') {
    const p = 1 + sizes.reduce((sum, k) => sum + k - 1, 0);
    cal.columns = p;
    const m = new Float64Array(p * p);
    const x = new Float64Array(p);
    for (let c = 0; c < C; c++) {
      const w0 = rowW0[c]!;
      if (w0 === 0) continue;
      modelRow(cal, c, x);
      for (let i = 0; i < p; i++) {
        if (x[i] === 0) continue;
        for (let j = 0; j < p; j++) m[i * p + j] = m[i * p + j]! + w0 * x[i]! * x[j]!;
      }
    }
    cal.solve = choleskySolver(m, p);
  }
  return cal;
}

/** The calibration model row of cell c: intercept, then each variable's categories but the first. */
function modelRow(cal: Calibration, c: number, x: Float64Array): void {
  x.fill(0);
  x[0] = 1;
  const V = cal.sizes.length;
  for (let v = 0, at = 1; v < V; v++) {
    const k = cal.category[c * V + v]!;
    if (k > 0) x[at + k - 1] = 1;
    at += cal.sizes[v]! - 1;
  }
}

/**
 * A solver for the symmetric positive semi-definite system M β = v. Columns that are (numerically)
 * combinations of earlier ones get β = 0: the fitted values, and so the residuals, are those of the
 * full-rank model, as when R drops empty categories.
 */
function choleskySolver(m: Float64Array, p: number): (v: Float64Array) => Float64Array {
  const l = new Float64Array(p * p);
  const kept = new Uint8Array(p);
  let maxDiag = 0;
  for (let i = 0; i < p; i++) maxDiag = Math.max(maxDiag, m[i * p + i]!);
  for (let j = 0; j < p; j++) {
    let d = m[j * p + j]!;
    for (let k = 0; k < j; k++) d -= l[j * p + k]! ** 2;
    if (!(d > 1e-10 * maxDiag)) continue;
    kept[j] = 1;
    const root = Math.sqrt(d);
    l[j * p + j] = root;
    for (let i = j + 1; i < p; i++) {
      let sum = m[i * p + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * p + k]! * l[j * p + k]!;
      l[i * p + j] = sum / root;
    }
  }
  return (v) => {
    const y = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      if (!kept[i]) continue;
      let sum = v[i]!;
      for (let k = 0; k < i; k++) sum -= l[i * p + k]! * y[k]!;
      y[i] = sum / l[i * p + i]!;
    }
    const beta = new Float64Array(p);
    for (let i = p - 1; i >= 0; i--) {
      if (!kept[i]) continue;
      let sum = y[i]!;
      for (let k = i + 1; k < p; k++) sum -= l[k * p + i]! * beta[k]!;
      beta[i] = sum / l[i * p + i]!;
    }
    return beta;
  };
}

/**
 * The statistics of one target per stratum and combined cell, S × C × 9, laid out as the target
 * part of a stratum block: n, Σw, Σw², Σwy, Σw²y, Σw²y², Σy, Σw₀, Σw₀y.
 */
export type TargetTable = Float64Array;

/** The table of a continuous target (numbers, scores, sets), copied out of the blocks. */
export function continuousTarget(ctx: EstimationContext, targets: number, t: number): TargetTable {
  const C = ctx.cells;
  const out = new Float64Array(ctx.blocks.length * C * TARGET_WIDTH);
  ctx.blocks.forEach((b, s) => {
    for (let c = 0; c < C; c++) {
      const from = (c * targets + t) * TARGET_WIDTH;
      out.set(b.targets.subarray(from, from + TARGET_WIDTH), (s * C + c) * TARGET_WIDTH);
    }
  });
  return out;
}

/**
 * The table of a target defined on count positions: each term is a position, whether its
 * respondents are in the target's domain, and the value y its respondents carry.
 */
export function codeTarget(
  ctx: EstimationContext,
  width: number,
  terms: ReadonlyArray<{ position: number; inDomain: boolean; y: number }>,
): TargetTable {
  const C = ctx.cells;
  const out = new Float64Array(ctx.blocks.length * C * TARGET_WIDTH);
  ctx.blocks.forEach((b, s) => {
    const codes = b.codes;
    for (let c = 0; c < C; c++) {
      const at = (s * C + c) * TARGET_WIDTH;
      for (const { position, inDomain, y } of terms) {
        const p = (c * width + position) * 4;
        const n = codes[p]!;
        if (n === 0) continue;
        const w = codes[p + 1]!;
        const w2 = codes[p + 2]!;
        const w0 = codes[p + 3]!;
        if (inDomain) {
          out[at] = out[at]! + n;
          out[at + 1] = out[at + 1]! + w;
          out[at + 2] = out[at + 2]! + w2;
          out[at + 7] = out[at + 7]! + w0;
        }
        if (y !== 0) {
          out[at + 3] = out[at + 3]! + y * w;
          out[at + 4] = out[at + 4]! + y * w2;
          out[at + 5] = out[at + 5]! + y * y * w2;
          out[at + 6] = out[at + 6]! + y * n;
          out[at + 8] = out[at + 8]! + y * w0;
        }
      }
    }
  });
  return out;
}

/** The linear form of one estimate: coefficients a_c, b_c per combined cell (see the file comment). */
interface Linear {
  a: Float64Array;
  b: Float64Array;
}

/**
 * The linear form of a mean or total: the same a, b on every combined cell of its domain and zero
 * elsewhere. Kept without per-cell arrays, since a result holds thousands of them and only gaps
 * between groups and calibrated weights need the per-cell form.
 */
export interface DomainForm {
  cells: Int32Array;
  a: number;
  b: number;
}

/** The combined cells (ascending) whose `by` cell is in `domain`, remembered per domain. */
function domainCells(ctx: EstimationContext, domain: Uint8Array): Int32Array {
  let cells = ctx.domainCells.get(domain);
  if (!cells) {
    const list: number[] = [];
    for (let c = 0; c < ctx.cells; c++) if (domain[c % ctx.byCells]) list.push(c);
    cells = Int32Array.from(list);
    ctx.domainCells.set(domain, cells);
  }
  return cells;
}

function dense(ctx: EstimationContext, form: DomainForm): Linear {
  const out: Linear = { a: new Float64Array(ctx.cells), b: new Float64Array(ctx.cells) };
  for (const c of form.cells) {
    out.a[c] = form.a;
    out.b[c] = form.b;
  }
  return out;
}

/** The weighted ratio mean of a target over the `by` cells in `domain`, with its linear forms. */
function meanForm(ctx: EstimationContext, table: TargetTable, domain: Uint8Array) {
  const C = ctx.cells;
  const cells = domainCells(ctx, domain);
  let n = 0;
  let sumW = 0;
  let sumWy = 0;
  let strata = 0;
  for (let s = 0; s < ctx.blocks.length; s++) {
    let present = false;
    for (const c of cells) {
      const at = (s * C + c) * TARGET_WIDTH;
      if (table[at] === 0) continue;
      n += table[at]!;
      sumW += table[at + 1]!;
      sumWy += table[at + 3]!;
      present = true;
    }
    if (present) strata++;
  }
  const mean = sumW > 0 ? sumWy / sumW : Number.NaN;
  const meanOf: DomainForm = { cells, a: 1 / sumW, b: -mean / sumW };
  const totalOf: DomainForm = { cells, a: 1, b: 0 };
  return { n, sumW, sumWy, mean, df: n - strata, meanForm: meanOf, totalForm: totalOf };
}
/** The calibration offsets e_c of a linear form (zero without calibration). */
function offsets(ctx: EstimationContext, table: TargetTable, form: Linear): Float64Array | undefined {
  const cal = ctx.calibration;
  if (!cal) return undefined;
  const C = ctx.cells;
  const S = ctx.blocks.length;
  const e = new Float64Array(C);
  // Per cell over strata: Σ w u, Σ w₀ u and Σ u of the current influence values.
  const sumWu = new Float64Array(C);
  const sumW0u = new Float64Array(C);
  const sumU = new Float64Array(C);
  for (let s = 0; s < S; s++) {
    for (let c = 0; c < C; c++) {
      const a = form.a[c]!;
      const b = form.b[c]!;
      if (a === 0 && b === 0) continue;
      const at = (s * C + c) * TARGET_WIDTH;
      sumWu[c] = sumWu[c]! + a * table[at + 3]! + b * table[at + 1]!;
      sumW0u[c] = sumW0u[c]! + a * table[at + 8]! + b * table[at + 7]!;
      sumU[c] = sumU[c]! + a * table[at + 6]! + b * table[at]!;
    }
  }
  const V = cal.sizes.length;
  if (cal.method === 'poststratify') {
    // R postStratify: z − w × (weighted mean of u in the cell), weights constant ratio within cells.
    const cellsJoint = cal.sizes.reduce((p, k) => p * k, 1);
    const num = new Float64Array(cellsJoint);
    const den = new Float64Array(cellsJoint);
    for (let c = 0; c < C; c++) {
      num[cal.joint[c]!] = num[cal.joint[c]!]! + sumWu[c]!;
      den[cal.joint[c]!] = den[cal.joint[c]!]! + ctx.rowW[c]!;
    }
    for (let c = 0; c < C; c++) {
      const d = den[cal.joint[c]!]!;
      e[c] = d > 0 ? -num[cal.joint[c]!]! / d : 0;
    }
  } else if (cal.method === 'rake') {
    // R svyrecvar for "raking": ten sweeps of x − w × ave(x / w, margin), unweighted category means.
    for (let iteration = 0; iteration < 10; iteration++) {
      for (let v = 0; v < V; v++) {
        const K = cal.sizes[v]!;
        const num = new Float64Array(K);
        const den = new Float64Array(K);
        for (let c = 0; c < C; c++) {
          const k = cal.category[c * V + v]!;
          if (k < 0 || ctx.rowN[c] === 0) continue;
          num[k] = num[k]! + sumU[c]! + e[c]! * ctx.rowN[c]!;
          den[k] = den[k]! + ctx.rowN[c]!;
        }
        for (let c = 0; c < C; c++) {
          const k = cal.category[c * V + v]!;
          if (k >= 0 && den[k]! > 0) e[c] = e[c]! - num[k]! / den[k]!;
        }
      }
    }
  } else {
    // R calibrate: residuals of the w₀-weighted regression of u on the model matrix.
    const p = cal.columns;
    const rhs = new Float64Array(p);
    const x = new Float64Array(p);
    for (let c = 0; c < C; c++) {
      if (sumW0u[c] === 0) continue;
      modelRow(cal, c, x);
      for (let i = 0; i < p; i++) rhs[i] = rhs[i]! + x[i]! * sumW0u[c]!;
    }
    const beta = cal.solve!(rhs);
    for (let c = 0; c < C; c++) {
      modelRow(cal, c, x);
      let fit = 0;
      for (let i = 0; i < p; i++) fit += x[i]! * beta[i]!;
      e[c] = -fit;
    }
  }
  return e;
}

/**
 * The design-based variance of a linear form on one target. Under `average`, the variance is scaled
 * by strata ÷ strata kept, counting (as R does on a domain's subset) only strata with respondents in
 * the estimate's domain, or every stratum when the weights are calibrated (R keeps every row then).
 */
function variance(ctx: EstimationContext, table: TargetTable, form: Linear | DomainForm): number {
  const C = ctx.cells;
  const sums = new Float64Array(2);
  // Per stratum: Σ z and Σ z² of the influence values into `sums`; whether the domain has respondents.
  let stratum: (s: number, block: StratumBlock) => boolean;
  if (!ctx.calibration && 'cells' in form) {
    // The same terms in the same order as the per-cell loop below, where e_c = 0 outside calibration.
    const { cells, a, b } = form;
    stratum = (s) => {
      let sum = 0;
      let squares = 0;
      let present = false;
      for (const c of cells) {
        const at = (s * C + c) * TARGET_WIDTH;
        if (table[at]! > 0) present = true;
        sum += a * table[at + 3]! + b * table[at + 1]!;
        squares += a * a * table[at + 5]! + 2 * a * b * table[at + 4]! + b * b * table[at + 2]!;
      }
      sums[0] = sum;
      sums[1] = squares;
      return present;
    };
  } else {
    const linear = 'cells' in form ? dense(ctx, form) : form;
    const e = offsets(ctx, table, linear);
    stratum = (s, block) => {
      let sum = 0;
      let squares = 0;
      let present = ctx.calibration !== undefined;
      for (let c = 0; c < C; c++) {
        const a = linear.a[c]!;
        const b = linear.b[c]!;
        const ec = e ? e[c]! : 0;
        if (a === 0 && b === 0 && ec === 0) continue;
        const at = (s * C + c) * TARGET_WIDTH;
        if ((a !== 0 || b !== 0) && table[at]! > 0) present = true;
        const r = c * 4;
        sum += a * table[at + 3]! + b * table[at + 1]! + ec * block.rows[r + 1]!;
        const ay = a * table[at + 4]! + b * table[at + 2]!;
        squares +=
          a * a * table[at + 5]! +
          2 * a * b * table[at + 4]! +
          b * b * table[at + 2]! +
          2 * ec * ay +
          ec * ec * block.rows[r + 2]!;
      }
      sums[0] = sum;
      sums[1] = squares;
      return present;
    };
  }
  let total = 0;
  let strata = 0;
  let left = 0;
  ctx.blocks.forEach((block, s) => {
    const present = stratum(s, block);
    if (present) strata++;
    const kind = ctx.lonely[s]!;
    if (kind === 1) return;
    if (kind === 3) {
      if (present) left++;
      return;
    }
    const sum = sums[0]!;
    // adjust: the single PSU deviates from zero (R leaves it uncentred).
    total += kind === 2 ? ctx.scale[s]! * sum * sum : ctx.scale[s]! * (sums[1]! - (sum * sum) / ctx.nh[s]!);
  });
  if (left > 0) total = strata > left ? (total * strata) / (strata - left) : Number.NaN;
  return Math.max(0, total);
}

/** A weighted mean of a target in a domain of `by` cells; null when nobody in it answered. */
export function weightedMean(
  ctx: EstimationContext,
  table: TargetTable,
  domain: Uint8Array,
): { estimate: WeightedMean; form: DomainForm } | null {
  const m = meanForm(ctx, table, domain);
  if (!(m.n > 0 && m.sumW > 0)) return null;
  const se = Math.sqrt(variance(ctx, table, m.meanForm));
  const totalSe = Math.sqrt(variance(ctx, table, m.totalForm));
  let lower: number | null = null;
  let upper: number | null = null;
  if (m.df > 0) {
    const half = ctx.tQuantile(1 - (1 - ctx.level) / 2, m.df) * se;
    lower = m.mean - half;
    upper = m.mean + half;
  }
  return {
    estimate: {
      n: m.n,
      sumWeights: m.sumW,
      mean: m.mean,
      se,
      total: m.sumWy,
      totalSe,
      df: m.df,
      lower,
      upper,
    },
    form: m.meanForm,
  };
}

/**
 * A weighted share (a mean of a 0/1 target) with R `svyciprop`'s logit interval (Wald on the
 * logit scale with t(df)) and its Korn–Graubard beta interval (effective n = p(1 − p)/var, adjusted
 * by (t(n − 1)/t(df))², then Clopper–Pearson).
 */
export function weightedShare(
  ctx: EstimationContext,
  table: TargetTable,
  domain: Uint8Array,
): { estimate: WeightedShare; form: DomainForm } | null {
  const found = weightedMean(ctx, table, domain);
  if (!found) return null;
  const m = found.estimate;
  const p = m.mean;
  const alpha = 1 - ctx.level;
  let lower: number | null = null;
  let upper: number | null = null;
  let betaLower: number | null = null;
  let betaUpper: number | null = null;
  if (m.df > 0) {
    const t = ctx.tQuantile(1 - alpha / 2, m.df);
    if (p > 0 && p < 1 && m.se > 0) {
      const logit = Math.log(p / (1 - p));
      const half = (t * m.se) / (p * (1 - p));
      lower = 1 / (1 + Math.exp(-(logit - half)));
      upper = 1 / (1 + Math.exp(-(logit + half)));
    } else {
      lower = p;
      upper = p;
    }
    // With no variance (p = 0 or 1) the effective n is taken as the respondents.
    let nEff = m.se > 0 ? (p * (1 - p)) / (m.se * m.se) : m.n;
    if (m.n > 1) nEff *= (ctx.tQuantile(alpha / 2, m.n - 1) / ctx.tQuantile(alpha / 2, m.df)) ** 2;
    const x = nEff * p;
    betaLower = x > 0 ? betaQuantile(alpha / 2, x, nEff - x + 1) : 0;
    betaUpper = nEff - x > 0 ? betaQuantile(1 - alpha / 2, x + 1, nEff - x) : 1;
  }
  return { estimate: { ...m, lower, upper, betaLower, betaUpper }, form: found.form };
}

/**
 * The difference a − b of two estimates on the same target (domains of one sample), with the
 * covariance between them (R `svycontrast` on `svyby(..., covmat = TRUE)`). `scale` 100 gives points.
 */
export function weightedGap(
  ctx: EstimationContext,
  table: TargetTable,
  a: { estimate: WeightedMean; form: DomainForm },
  b: { estimate: WeightedMean; form: DomainForm },
  scale: number,
): WeightedDifference {
  const form = dense(ctx, a.form);
  const minus = dense(ctx, b.form);
  for (let c = 0; c < ctx.cells; c++) {
    form.a[c] = form.a[c]! - minus.a[c]!;
    form.b[c] = form.b[c]! - minus.b[c]!;
  }
  return differenceOf(
    a.estimate.mean,
    b.estimate.mean,
    Math.sqrt(variance(ctx, table, form)),
    ctx.level,
    scale,
  );
}

/** a − b with standard error `se`: normal interval and two-sided test, scaled (100 for points). */
export function differenceOf(
  a: number,
  b: number,
  se: number,
  level: number,
  scale: number,
): WeightedDifference {
  const d = a - b;
  const z = normalQuantile(1 - (1 - level) / 2);
  const stat = se > 0 ? d / se : null;
  return {
    a,
    b,
    difference: d * scale,
    se: se * scale,
    lower: (d - z * se) * scale,
    upper: (d + z * se) * scale,
    z: stat,
    p: stat === null ? null : normalTwoSided(stat),
  };
}
