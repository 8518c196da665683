import type { MessageLocale, PathSegment } from '../core/issue.js';
import type { EstimationDesign } from './estimationDesign.js';
import { fail } from './messages.js';
import type { SurveyPlan } from './surveyPlan.js';

// Weighted sufficient statistics, per stratum and per cell of the cross-classification of the `by`
// questions and the calibration variables that are not among them. Every number is a sum over
// respondents, so merging shards is addition and gives one pass's state (up to the order of
// floating-point additions). Nothing per respondent is kept.

/** Per cell: respondents, Σw, Σw², Σw₀ (w₀ the weight before calibration). */
export const ROW_WIDTH = 4;
/** Per cell and count position: respondents, Σw, Σw², Σw₀. Values of a code are known, so these suffice. */
export const CODE_WIDTH = 4;
/** Per cell and continuous target: n, Σw, Σw², Σwy, Σw²y, Σw²y², Σy, Σw₀, Σw₀y. */
export const TARGET_WIDTH = 9;

/** The statistics of one stratum. */
export interface StratumBlock {
  /** The stratum value as text ("" without strata). */
  key: string;
  /** Population size N_h read from the responses' fpc field, if the design names one. */
  populationSize: number | null;
  rows: Float64Array;
  codes: Float64Array;
  targets: Float64Array;
}

/** How combined cells are laid out for a plan with calibration variables. */
export interface WeightLayout {
  /** Combined cells: `byCell + plan.cells × extra`. */
  cells: number;
  /** Per calibration variable: its position in `by`, or −1 when it adds a dimension of its own. */
  byPosition: number[];
  /** Per calibration variable: stride in the extra index (0 when it is in `by`). */
  extraStride: number[];
  /** Continuous targets: number items, score means, score "at least one", sets. */
  targets: number;
  /** Category of each calibration variable in each combined cell (−1: unanswered by-category). */
  category: Int32Array;
}

const MAX_WEIGHTED_CELLS = 100_000;

/** The layout of a plan's weighted state; throws when the cells would be too many. */
export function weightLayout(plan: SurveyPlan, locale: MessageLocale): WeightLayout {
  const byPosition = plan.calibration.map((c) => plan.by.findIndex((b) => b.id === c.id));
  const extraStride = plan.calibration.map(() => 0);
  let extra = 1;
  for (let v = plan.calibration.length - 1; v >= 0; v--) {
    if (byPosition[v]! >= 0) continue;
    extraStride[v] = extra;
    extra *= plan.calibration[v]!.codes.length;
  }
  const cells = plan.cells * extra;
  if (cells > MAX_WEIGHTED_CELLS)
    fail('too_many_cells', ['design', 'calibration'], locale, { cells, limit: MAX_WEIGHTED_CELLS });
  const V = plan.calibration.length;
  const category = new Int32Array(cells * V);
  for (let c = 0; c < cells; c++) {
    const byCell = c % plan.cells;
    const e = Math.floor(c / plan.cells);
    for (let v = 0; v < V; v++) {
      const p = byPosition[v]!;
      let k: number;
      if (p >= 0) {
        k = Math.floor(byCell / plan.byStride[p]!) % (plan.by[p]!.codes.length + 1);
        if (k === plan.by[p]!.codes.length) k = -1;
      } else k = Math.floor(e / extraStride[v]!) % plan.calibration[v]!.codes.length;
      category[c * V + v] = k;
    }
  }
  const targets = plan.numberKeys.length + 2 * plan.scores.length + plan.sets.length;
  return { cells, byPosition, extraStride, targets, category };
}

/** The mutable weighted state of an aggregator. */
export class WeightedData {
  readonly plan: SurveyPlan;
  readonly design: EstimationDesign;
  readonly layout: WeightLayout;
  readonly blocks: StratumBlock[] = [];
  private readonly index = new Map<string, number>();

  constructor(plan: SurveyPlan, design: EstimationDesign, layout: WeightLayout) {
    this.plan = plan;
    this.design = design;
    this.layout = layout;
  }

  /** The block of a stratum, created on first use. */
  block(key: string): StratumBlock {
    const at = this.index.get(key);
    if (at !== undefined) return this.blocks[at]!;
    const plan = this.plan;
    const C = this.layout.cells;
    const block: StratumBlock = {
      key,
      populationSize: null,
      rows: new Float64Array(C * ROW_WIDTH),
      codes: new Float64Array(C * plan.width * CODE_WIDTH),
      targets: new Float64Array(C * this.layout.targets * TARGET_WIDTH),
    };
    this.index.set(key, this.blocks.length);
    this.blocks.push(block);
    return block;
  }

  /** Records a stratum's population size from a response; throws when responses disagree. */
  setPopulationSize(block: StratumBlock, n: number, locale: MessageLocale): void {
    if (block.populationSize === null) block.populationSize = n;
    else if (block.populationSize !== n)
      fail('conflicting_population_size', ['design', 'fpc'], locale, {
        stratum: block.key,
        first: block.populationSize,
        second: n,
      });
  }

  /** Adds `source` into this state, stratum by stratum. */
  merge(source: WeightedData, locale: MessageLocale): void {
    for (const b of source.blocks) {
      const target = this.block(b.key);
      if (b.populationSize !== null) this.setPopulationSize(target, b.populationSize, locale);
      add(target.rows, b.rows);
      add(target.codes, b.codes);
      add(target.targets, b.targets);
    }
  }

  /** The state as plain JSON (strata in order of first appearance). */
  toJSON(): WeightedState {
    return {
      strata: this.blocks.map((b) => ({
        key: b.key,
        populationSize: b.populationSize,
        rows: Array.from(b.rows),
        codes: Array.from(b.codes),
        targets: Array.from(b.targets),
      })),
    };
  }

  /** Reads a saved weighted state; throws a ScoringError naming the first bad path. */
  static fromJSON(
    plan: SurveyPlan,
    design: EstimationDesign,
    layout: WeightLayout,
    value: unknown,
    locale: MessageLocale,
  ): WeightedData {
    const bad = (path: PathSegment[], expectedJa: string, expectedEn: string): never =>
      fail('invalid_state', ['weighted', ...path], locale, { expectedJa, expectedEn });
    const data = new WeightedData(plan, design, layout);
    const v = value as Record<string, unknown> | null;
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, 'strata') || !Array.isArray(v.strata))
      bad([], '{ strata: [...] }', '{ strata: [...] }');
    const seen = new Set<string>();
    (v!.strata as unknown[]).forEach((entry, i) => {
      const e = entry as Record<string, unknown> | null;
      if (e === null || typeof e !== 'object') bad(['strata', i], 'オブジェクト', 'an object');
      const key = Object.hasOwn(e!, 'key') ? e!.key : undefined;
      if (typeof key !== 'string' || seen.has(key))
        bad(['strata', i, 'key'], '重複のない文字列', 'a distinct string');
      seen.add(key as string);
      const n = Object.hasOwn(e!, 'populationSize') ? e!.populationSize : undefined;
      if (n !== null && !(typeof n === 'number' && Number.isFinite(n) && n > 0))
        bad(['strata', i, 'populationSize'], 'null または正の数', 'null or a positive number');
      const block = data.block(key as string);
      block.populationSize = n as number | null;
      for (const field of ['rows', 'codes', 'targets'] as const) {
        const list = Object.hasOwn(e!, field) ? e![field] : undefined;
        const target = block[field];
        if (!Array.isArray(list) || list.length !== target.length)
          bad(
            ['strata', i, field],
            `長さ ${target.length} の数値の配列`,
            `an array of ${target.length} numbers`,
          );
        for (let j = 0; j < target.length; j++) {
          const x = (list as unknown[])[j];
          if (typeof x !== 'number' || !Number.isFinite(x))
            bad(['strata', i, field, j], '有限の数値', 'a finite number');
          target[j] = x as number;
        }
      }
    });
    return data;
  }
}

/** The saved weighted part of an aggregate state. */
export interface WeightedState {
  strata: Array<{
    key: string;
    populationSize: number | null;
    rows: number[];
    codes: number[];
    targets: number[];
  }>;
}

function add(target: Float64Array, source: Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i] = target[i]! + source[i]!;
}
