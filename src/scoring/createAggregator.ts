import type { MessageLocale } from '../core/issue.js';
import type { SurveyResponse } from '../schema/response.js';
import type { Survey } from '../schema/survey.js';
import { type AggregateResult, buildResult, type ResultOptions } from './aggregateResult.js';
import {
  type AggregateData,
  type AggregateSettings,
  type AggregateState,
  dataToState,
  emptyData,
  mergeData,
  NUMBER_WIDTH,
  readStateHeader,
  SCORE_WIDTH,
  SET_WIDTH,
  stateToData,
} from './aggregateState.js';
import { checkDesign, type EstimationDesign, type ResponseWeight, readWeight } from './estimationDesign.js';
import { fail } from './messages.js';
import { addMoment, addReliability } from './moments.js';
import { answersOf, cellOf, codePosition, computeScore, readCodes } from './readResponse.js';
import { compileSurveyPlan, type ItemSet, type SurveyPlan } from './surveyPlan.js';
import { type StratumBlock, TARGET_WIDTH, WeightedData, weightLayout } from './weightedState.js';

/** Options of {@link createAggregator}. */
export interface AggregatorOptions {
  /**
   * Grouping questions (single-choice or Likert question ids), e.g. `['sex', 'age_band']`; at most 4.
   * Results cover everyone, each category of each question, and every cross-classification of them.
   */
  by?: string[];
  /** Groups (and statistics) resting on fewer respondents are suppressed. Default 5. */
  minGroupSize?: number;
  /** Declared sets of statements for "agrees with at least one". */
  sets?: ItemSet[];
  /**
   * Accept responses made with another version of the same template (same template id, other
   * hash). Default false: such responses are rejected, since codes may have changed meaning.
   */
  acceptOtherVersions?: boolean;
  /**
   * Makes the aggregate weighted: every response then needs a weight (`add(response, weight)`,
   * `addColumns({ weights })`), and results carry weighted estimates with design-based standard
   * errors beside the unweighted figures, which stay as they are. See {@link EstimationDesign}.
   */
  design?: EstimationDesign;
  /** Language of error messages. Default `ja`. */
  locale?: MessageLocale;
}

/**
 * Columns of answers for {@link Aggregator.addColumns}: one array per answer key. NaN (or anything
 * that is not a number) in a code column means unanswered.
 */
export interface ResponseColumns {
  /** Number of rows. */
  rows: number;
  /**
   * Option codes (single, Likert, matrix items) or numbers (number questions) by answer key; for a
   * weighted aggregate also the design's strata and fpc keys when they are not questions.
   */
  columns: Record<string, ArrayLike<number>>;
  /** Weighted aggregates: the weight of each row (positive, finite). */
  weights?: ArrayLike<number>;
  /** Weighted aggregates: each row's weight before calibration (optional, see {@link ResponseWeight}). */
  baseWeights?: ArrayLike<number>;
}

/**
 * A mergeable aggregate of responses: counts per code and moments per item, group and score.
 * Build one per shard (a file, a worker, a municipality), merge them, and get the result of one pass.
 */
export interface Aggregator {
  /** Responses added so far. */
  readonly responses: number;
  /**
   * Adds one response. Returns false (and counts it as rejected) when it is not a response object
   * or belongs to another template; answers that are not option codes are counted as invalid per item.
   * A weighted aggregate needs the response's weight and throws a {@link ScoringError} for a missing
   * or non-positive one, or for a response without its stratum or calibration variables.
   */
  add(response: SurveyResponse, weight?: ResponseWeight): boolean;
  /** Adds rows given as columns (typed arrays welcome) and returns the number of rows added. */
  addColumns(batch: ResponseColumns): number;
  /** Adds another aggregate (or its saved state) of the same survey and settings into this one. */
  merge(other: Aggregator | AggregateState): void;
  /** The state as plain JSON, for storage or sending between workers. */
  toJSON(): AggregateState;
  /** Statistics per item, score, set and group, with intervals and optional gaps. */
  result(options?: ResultOptions): AggregateResult;
}

const DEFAULT_MIN_GROUP_SIZE = 5;
/** Rows converted at a time by addColumns. */
const COLUMN_BLOCK = 1024;

class SurveyAggregator implements Aggregator {
  // Plain (TypeScript-private) fields: transpilers targeting older engines turn #private fields
  // into WeakMap lookups, which would dominate the per-response loop.
  private readonly plan: SurveyPlan;
  private readonly settings: AggregateSettings;
  private readonly locale: MessageLocale;
  private readonly data: AggregateData;
  /** Where saved states are read into before merging; made on the first such merge. */
  private scratch: AggregateData | undefined;
  // Scratch, reused for every response.
  private readonly g: Int32Array;
  private readonly multiStatus: Int8Array;
  private readonly multiSelected: Uint8Array;
  private readonly numberValues: Float64Array;
  private readonly numberStatus: Int8Array;
  private readonly scoreOut = new Float64Array(4);
  private readonly itemValues: Float64Array;
  // Weighted aggregates only.
  private readonly weighted: WeightedData | undefined;
  private readonly targetValues: Float64Array;
  private readonly targetStatus: Uint8Array;
  private readonly weightPair = new Float64Array(2);
  // Stratum blocks by the value as answered, so that a row costs one lookup and no String().
  private readonly strata = new Map<unknown, StratumBlock>();
  // The answers of the response being added, read by the design through one function made once.
  private answers: Record<string, unknown> = {};
  private readonly answerOf = (key: string): unknown =>
    Object.hasOwn(this.answers, key) ? this.answers[key] : undefined;

  constructor(
    plan: SurveyPlan,
    settings: AggregateSettings,
    locale: MessageLocale,
    data?: AggregateData,
    weighted?: WeightedData,
  ) {
    this.plan = plan;
    this.settings = settings;
    this.locale = locale;
    this.data = data ?? emptyData(plan);
    this.g = new Int32Array(plan.codeSlots);
    this.multiStatus = new Int8Array(plan.slotKeys.length - plan.codeSlots);
    this.multiSelected = new Uint8Array(plan.width);
    this.numberValues = new Float64Array(plan.numberKeys.length);
    this.numberStatus = new Int8Array(plan.numberKeys.length);
    this.itemValues = new Float64Array(Math.max(0, ...plan.scores.map((s) => s.slots.length)));
    this.weighted =
      weighted ??
      (settings.design ? new WeightedData(plan, settings.design, weightLayout(plan, locale)) : undefined);
    const targets = this.weighted?.layout.targets ?? 0;
    this.targetValues = new Float64Array(targets);
    this.targetStatus = new Uint8Array(targets);
  }

  get responses(): number {
    return this.data.responses;
  }

  add(response: SurveyResponse, weight?: ResponseWeight): boolean {
    const plan = this.plan;
    const data = this.data;
    const weighted = this.weighted;
    if (weighted) {
      if (typeof weight === 'number' && weight > 0 && weight < Infinity) {
        this.weightPair[0] = weight;
        this.weightPair[1] = weight;
      } else readWeight(weight, this.weightPair, ['weight'], this.locale);
    } else if (weight !== undefined) fail('not_weighted', ['weight'], this.locale);
    let answers: Record<string, unknown> | undefined;
    let cell: number;
    let block: StratumBlock | undefined;
    let extra = 0;
    // Read everything first, so that a response that cannot be read leaves the state untouched.
    try {
      answers = answersOf(response);
      if (!answers) {
        data.rejectedInvalid++;
        return false;
      }
      if (!this.sameTemplate(response)) {
        data.rejectedOtherTemplate++;
        return false;
      }
      readCodes(plan, answers, this.g);
      this.readMulti(answers);
      this.readNumbers(answers);
      cell = cellOf(plan, answers);
    } catch {
      data.rejectedInvalid++;
      return false;
    }
    if (weighted) {
      this.answers = answers;
      block = this.stratumOf(this.answerOf, undefined);
      extra = this.extraCell(cell, this.answerOf, undefined);
    }
    this.accumulate(cell);
    if (block) this.accumulateWeighted(block, cell + extra * plan.cells);
    return true;
  }

  /** The stratum block of a row, recording its population size when the design reads it from the data. */
  private stratumOf(get: (key: string) => unknown, row: number | undefined): StratumBlock {
    const weighted = this.weighted!;
    const design = weighted.design;
    const v = design.strata === undefined ? '' : get(design.strata);
    let block = this.strata.get(v);
    if (block === undefined) {
      if (
        design.strata !== undefined &&
        !((typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v !== ''))
      )
        fail('missing_design_value', [...rowPath(row), design.strata], this.locale, { id: design.strata });
      block = weighted.block(String(v));
      this.strata.set(v, block);
    }
    if (typeof design.fpc === 'string') {
      const n = get(design.fpc);
      if (typeof n !== 'number' || !(n > 0 && n < Infinity))
        fail('missing_design_value', [...rowPath(row), design.fpc], this.locale, { id: design.fpc });
      weighted.setPopulationSize(block, n, this.locale);
    }
    return block;
  }

  /** The index of a row's calibration categories outside `by`; throws for an unanswered one. */
  private extraCell(cell: number, get: (key: string) => unknown, row: number | undefined): number {
    const plan = this.plan;
    const layout = this.weighted!.layout;
    let extra = 0;
    for (let v = 0; v < plan.calibration.length; v++) {
      const variable = plan.calibration[v]!;
      const p = layout.byPosition[v]!;
      let k: number;
      if (p >= 0) {
        k = Math.floor(cell / plan.byStride[p]!) % (plan.by[p]!.codes.length + 1);
        if (k === plan.by[p]!.codes.length) k = -1;
      } else {
        const value = get(variable.id);
        k = typeof value === 'number' ? variable.index.get(value) : -1;
        extra += Math.max(k, 0) * layout.extraStride[v]!;
      }
      if (k < 0)
        fail('missing_design_value', [...rowPath(row), variable.id], this.locale, { id: variable.id });
    }
    return extra;
  }

  addColumns(batch: ResponseColumns): number {
    const plan = this.plan;
    const locale = this.locale;
    const rows = batch?.rows;
    if (!Number.isSafeInteger(rows) || rows < 0) {
      fail('invalid_option', ['rows'], locale, {
        expectedJa: '0以上の整数',
        expectedEn: 'a non-negative integer',
      });
    }
    const columns = batch.columns;
    if (columns === null || typeof columns !== 'object') {
      fail('invalid_option', ['columns'], locale, {
        expectedJa: '列のオブジェクト',
        expectedEn: 'an object of columns',
      });
    }
    const codeColumns: (ArrayLike<number> | undefined)[] = [];
    const numberColumns: (ArrayLike<number> | undefined)[] = [];
    const byColumns: (ArrayLike<number> | undefined)[] = [];
    const known = new Set<string>();
    const take = (key: string): ArrayLike<number> | undefined => {
      known.add(key);
      if (!Object.hasOwn(columns, key)) return undefined;
      const column = columns[key];
      if (column === null || typeof column !== 'object' || typeof column.length !== 'number') {
        fail('invalid_option', ['columns', key], locale, {
          expectedJa: '数値の配列',
          expectedEn: 'an array of numbers',
        });
      }
      if (column.length < rows)
        fail('column_length', ['columns', key], locale, { length: column.length, rows });
      return column;
    };
    for (let s = 0; s < plan.codeSlots; s++) codeColumns.push(take(plan.slotKeys[s]!));
    for (const key of plan.numberKeys) numberColumns.push(take(key));
    for (const b of plan.by) byColumns.push(known.has(b.id) ? columns[b.id] : take(b.id));
    const weighted = this.weighted;
    let weights: ArrayLike<number> | undefined;
    let baseWeights: ArrayLike<number> | undefined;
    const designColumns = new Map<string, ArrayLike<number> | undefined>();
    if (weighted) {
      const design = weighted.design;
      const keys = [
        design.strata,
        typeof design.fpc === 'string' ? design.fpc : undefined,
        ...plan.calibration.map((c) => c.id),
      ];
      for (const key of keys) {
        if (key !== undefined)
          designColumns.set(key, known.has(key) && Object.hasOwn(columns, key) ? columns[key] : take(key));
      }
      weights = batch.weights;
      baseWeights = batch.baseWeights;
      for (const [key, list] of [
        ['weights', weights],
        ['baseWeights', baseWeights],
      ] as const) {
        if (list === undefined && key === 'baseWeights') continue;
        if (list === null || typeof list !== 'object' || typeof list.length !== 'number')
          fail('invalid_option', [key], locale, {
            expectedJa: '数値の配列',
            expectedEn: 'an array of numbers',
          });
        if (list.length < rows) fail('column_length', [key], locale, { length: list.length, rows });
      }
    } else if (batch.weights !== undefined) fail('not_weighted', ['weights'], locale);
    for (const key of Object.keys(columns)) {
      if (!known.has(key)) fail('unsupported_column', ['columns', key], locale, { id: key });
    }
    // Rows hold only scalar answers, so multiple-choice and ranking items stay unanswered.
    this.multiStatus.fill(-1);
    // Codes are looked up column by column into a block of rows (tight, monomorphic loops), then
    // each row of the block is accumulated like a response object.
    const slots = plan.codeSlots;
    const block = new Int32Array(COLUMN_BLOCK * slots);
    const cells = new Int32Array(COLUMN_BLOCK);
    const g = this.g;
    let row = 0;
    const get = (key: string): unknown => {
      const v = designColumns.get(key)?.[row];
      return typeof v === 'number' && Number.isNaN(v) ? undefined : v;
    };
    for (let start = 0; start < rows; start += COLUMN_BLOCK) {
      const length = Math.min(COLUMN_BLOCK, rows - start);
      for (let s = 0; s < slots; s++) {
        const column = codeColumns[s];
        for (let r = 0, at = s; r < length; r++, at += slots) {
          const v: unknown = column?.[start + r];
          block[at] = typeof v !== 'number' || Number.isNaN(v) ? -1 : codePosition(plan, s, v);
        }
      }
      cells.fill(0);
      for (let v = 0; v < plan.by.length; v++) {
        const b = plan.by[v]!;
        const column = byColumns[v];
        const stride = plan.byStride[v]!;
        for (let r = 0; r < length; r++) {
          const category = column === undefined ? -1 : b.index.get(column[start + r]!);
          cells[r] = cells[r]! + (category >= 0 ? category : b.codes.length) * stride;
        }
      }
      for (let r = 0; r < length; r++) {
        for (let s = 0, at = r * slots; s < slots; s++, at++) g[s] = block[at]!;
        for (let j = 0; j < numberColumns.length; j++) {
          const v = numberColumns[j]?.[start + r];
          this.setNumber(j, v === undefined || Number.isNaN(v) ? undefined : v);
        }
        if (!weighted) {
          this.accumulate(cells[r]!);
          continue;
        }
        row = start + r;
        const w = weights![row]!;
        if (baseWeights === undefined && w > 0 && w < Infinity) {
          this.weightPair[0] = w;
          this.weightPair[1] = w;
        } else
          readWeight(
            baseWeights === undefined ? w : { weight: w, baseWeight: baseWeights[row]! },
            this.weightPair,
            ['weights', row],
            locale,
          );
        const stratum = this.stratumOf(get, row);
        const extra = this.extraCell(cells[r]!, get, row);
        this.accumulate(cells[r]!);
        this.accumulateWeighted(stratum, cells[r]! + extra * plan.cells);
      }
    }
    return rows;
  }

  merge(other: Aggregator | AggregateState): void {
    const plan = this.plan;
    const locale = this.locale;
    let hash: unknown;
    let settings: AggregateSettings;
    let record: Record<string, unknown> | undefined;
    if (other instanceof SurveyAggregator) {
      hash = other.plan.surveyHash;
      settings = other.settings;
    } else {
      ({ state: record, settings } = readStateHeader(other, locale));
      hash = record.surveyHash;
    }
    if (hash !== plan.surveyHash)
      fail('survey_mismatch', [], locale, { expected: plan.surveyHash, actual: String(hash) });
    const differing = differingSetting(this.settings, settings);
    if (differing) fail('options_mismatch', ['options', differing], locale, { option: differing });
    // Same survey and settings give the same plan, so a saved state is read against this one.
    if (record && !this.scratch) this.scratch = emptyData(plan);
    const source = record
      ? stateToData(plan, record, locale, this.scratch)
      : (other as SurveyAggregator).data;
    const weighted = this.weighted;
    const weightedSource =
      weighted &&
      (record
        ? WeightedData.fromJSON(
            plan,
            weighted.design,
            weighted.layout,
            Object.hasOwn(record, 'weighted') ? record.weighted : undefined,
            locale,
          )
        : (other as SurveyAggregator).weighted!);
    mergeData(plan, this.data, source);
    if (weighted) weighted.merge(weightedSource!, locale);
  }

  toJSON(): AggregateState {
    const state = dataToState(this.plan, this.settings, this.data);
    if (this.weighted) state.weighted = this.weighted.toJSON();
    return state;
  }

  result(options: ResultOptions = {}): AggregateResult {
    const o: ResultOptions = options ?? {};
    return buildResult(this.plan, this.data, this.weighted, {
      ...o,
      minGroupSize: o.minGroupSize ?? this.settings.minGroupSize,
      locale: o.locale ?? this.locale,
    });
  }

  private sameTemplate(response: SurveyResponse): boolean {
    const hash = Object.hasOwn(response, 'templateHash') ? response.templateHash : undefined;
    if (hash === this.plan.surveyHash) return true;
    if (!this.settings.acceptOtherVersions) return false;
    return Object.hasOwn(response, 'templateId') && response.templateId === this.plan.templateId;
  }

  private readMulti(answers: Record<string, unknown>): void {
    const plan = this.plan;
    const selected = this.multiSelected;
    for (let s = plan.codeSlots, m = 0; s < plan.slotKeys.length; s++, m++) {
      const key = plan.slotKeys[s]!;
      const base = plan.slotBase[s]!;
      const options = plan.slotOptions[s]!;
      selected.fill(0, base, base + options);
      const v = Object.hasOwn(answers, key) ? answers[key] : undefined;
      if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) {
        this.multiStatus[m] = -1;
        continue;
      }
      let status = Array.isArray(v) && v.length <= options ? 2 : 0;
      if (status === 2) {
        const list = v as unknown[];
        for (let i = 0; i < list.length; i++) {
          const code = list[i];
          const local = typeof code === 'number' ? plan.slotIndex[s]!.get(code) : -1;
          if (local < 0 || selected[base + local] === 1) {
            status = 0;
            break;
          }
          selected[base + local] = 1;
          if (plan.optMissing[base + local] === 0) status = 1;
        }
      }
      this.multiStatus[m] = status;
    }
  }

  private readNumbers(answers: Record<string, unknown>): void {
    const keys = this.plan.numberKeys;
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      const v = Object.hasOwn(answers, key) ? answers[key] : undefined;
      this.setNumber(j, v === null ? undefined : v);
    }
  }

  private setNumber(j: number, v: unknown): void {
    if (v === undefined) this.numberStatus[j] = -1;
    else if (typeof v === 'number' && Number.isFinite(v)) {
      this.numberStatus[j] = 1;
      this.numberValues[j] = v;
    } else this.numberStatus[j] = 0;
  }

  private accumulate(cell: number): void {
    const plan = this.plan;
    const data = this.data;
    const g = this.g;
    const counts = data.counts;
    const cellBase = cell * plan.width;
    for (let s = 0, n = plan.codeSlots; s < n; s++) {
      const gi = g[s]!;
      if (gi >= 0) counts[cellBase + gi]!++;
    }
    for (let s = plan.codeSlots, m = 0; s < plan.slotKeys.length; s++, m++) {
      const status = this.multiStatus[m]!;
      if (status < 0) continue;
      const base = cellBase + plan.slotBase[s]!;
      const options = plan.slotOptions[s]!;
      if (status === 0) {
        counts[base + options + 1]!++;
        continue;
      }
      const selected = this.multiSelected;
      const local = plan.slotBase[s]!;
      for (let i = 0; i < options; i++) counts[base + i] = counts[base + i]! + selected[local + i]!;
      if (status === 1) counts[base + options]!++;
    }
    const numbers = data.numbers;
    for (
      let j = 0, at = cell * plan.numberKeys.length * NUMBER_WIDTH;
      j < plan.numberKeys.length;
      j++, at += NUMBER_WIDTH
    ) {
      const status = this.numberStatus[j]!;
      if (status === 1) addMoment(numbers, at, this.numberValues[j]!);
      else if (status === 0) numbers[at + 3]!++;
    }
    const out = this.scoreOut;
    const scores = data.scores;
    const itemValues = this.itemValues;
    for (
      let k = 0, at = cell * plan.scores.length * SCORE_WIDTH;
      k < plan.scores.length;
      k++, at += SCORE_WIDTH
    ) {
      const score = plan.scores[k]!;
      computeScore(plan, score, g, out, itemValues);
      const value = out[0]!;
      if (this.weighted) {
        const t = plan.numberKeys.length + k;
        this.targetStatus[t] = Number.isNaN(value) ? 0 : 1;
        this.targetValues[t] = value;
        this.targetStatus[t + plan.scores.length] = Number.isNaN(value) || score.methodCode < 2 ? 0 : 1;
        this.targetValues[t + plan.scores.length] = out[2]! >= 1 ? 1 : 0;
      }
      if (Number.isNaN(value)) continue;
      addMoment(scores, at, value);
      if (out[2]! >= 1) scores[at + 3]!++;
      if (out[1] === score.slots.length)
        addReliability(data.alpha, score.alphaBase, score.slots.length, out[3]!, itemValues);
    }
    const sets = data.sets;
    for (let k = 0, at = cell * plan.sets.length * SET_WIDTH; k < plan.sets.length; k++, at += SET_WIDTH) {
      const set = plan.sets[k]!;
      let answered = false;
      let agrees = false;
      for (let i = 0; i < set.slots.length; i++) {
        const gi = g[set.slots[i]!]!;
        if (gi < 0 || plan.optMissing[gi] === 1) continue;
        answered = true;
        if (set.agree[gi] === 1) {
          agrees = true;
          break;
        }
      }
      if (answered) {
        sets[at]!++;
        if (agrees) sets[at + 1]!++;
      }
      if (this.weighted) {
        const t = plan.numberKeys.length + 2 * plan.scores.length + k;
        this.targetStatus[t] = answered ? 1 : 0;
        this.targetValues[t] = agrees ? 1 : 0;
      }
    }
    data.cellRespondents[cell]!++;
    data.responses++;
  }

  /** Adds the response just accumulated to the weighted sums of its stratum and combined cell. */
  private accumulateWeighted(block: StratumBlock, cell: number): void {
    const plan = this.plan;
    const w = this.weightPair[0]!;
    const w0 = this.weightPair[1]!;
    const w2 = w * w;
    const rows = block.rows;
    const r = cell * 4;
    rows[r]!++;
    rows[r + 1] = rows[r + 1]! + w;
    rows[r + 2] = rows[r + 2]! + w2;
    rows[r + 3] = rows[r + 3]! + w0;
    const codes = block.codes;
    const base = cell * plan.width * 4;
    const g = this.g;
    for (let s = 0, n = plan.codeSlots; s < n; s++) {
      const gi = g[s]!;
      if (gi < 0) continue;
      const at = base + gi * 4;
      codes[at]!++;
      codes[at + 1] = codes[at + 1]! + w;
      codes[at + 2] = codes[at + 2]! + w2;
      codes[at + 3] = codes[at + 3]! + w0;
    }
    for (let s = plan.codeSlots, m = 0; s < plan.slotKeys.length; s++, m++) {
      const status = this.multiStatus[m]!;
      if (status < 0) continue;
      const slotBase = plan.slotBase[s]!;
      const options = plan.slotOptions[s]!;
      if (status === 0) {
        addCode(codes, base + (slotBase + options + 1) * 4, w, w0);
        continue;
      }
      for (let i = 0; i < options; i++)
        if (this.multiSelected[slotBase + i] === 1) addCode(codes, base + (slotBase + i) * 4, w, w0);
      if (status === 1) addCode(codes, base + (slotBase + options) * 4, w, w0);
    }
    const J = plan.numberKeys.length;
    for (let j = 0; j < J; j++) {
      this.targetStatus[j] = this.numberStatus[j] === 1 ? 1 : 0;
      this.targetValues[j] = this.numberValues[j]!;
    }
    const targets = block.targets;
    const T = this.targetStatus.length;
    for (let t = 0, at = cell * T * TARGET_WIDTH; t < T; t++, at += TARGET_WIDTH) {
      if (this.targetStatus[t] === 0) continue;
      const y = this.targetValues[t]!;
      const wy = w * y;
      const w2y = w2 * y;
      targets[at]!++;
      targets[at + 1] = targets[at + 1]! + w;
      targets[at + 2] = targets[at + 2]! + w2;
      targets[at + 3] = targets[at + 3]! + wy;
      targets[at + 4] = targets[at + 4]! + w2y;
      targets[at + 5] = targets[at + 5]! + w2y * y;
      targets[at + 6] = targets[at + 6]! + y;
      targets[at + 7] = targets[at + 7]! + w0;
      targets[at + 8] = targets[at + 8]! + w0 * y;
    }
  }
}

/** Where a design value was missing: the row of a column batch, or nothing for a response object. */
function rowPath(row: number | undefined): (string | number)[] {
  return row === undefined ? [] : ['rows', row];
}

/** Adds one respondent of weight w (w₀ before calibration) at a count position's weighted sums. */
function addCode(codes: Float64Array, at: number, w: number, w0: number): void {
  codes[at]!++;
  codes[at + 1] = codes[at + 1]! + w;
  codes[at + 2] = codes[at + 2]! + w * w;
  codes[at + 3] = codes[at + 3]! + w0;
}

function settingsOf(
  options: AggregatorOptions,
  locale: MessageLocale,
): Omit<AggregateSettings, 'sets'> & { sets: unknown } {
  if (options === null || typeof options !== 'object') {
    fail('invalid_option', [], locale, {
      expectedJa: 'オプションのオブジェクト',
      expectedEn: 'an options object',
    });
  }
  const minGroupSize = options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  if (!Number.isSafeInteger(minGroupSize) || minGroupSize < 1) {
    fail('invalid_option', ['minGroupSize'], locale, {
      expectedJa: '1以上の整数',
      expectedEn: 'an integer of at least 1',
    });
  }
  const acceptOtherVersions = options.acceptOtherVersions ?? false;
  if (typeof acceptOtherVersions !== 'boolean') {
    fail('invalid_option', ['acceptOtherVersions'], locale, {
      expectedJa: '真偽値',
      expectedEn: 'a boolean',
    });
  }
  if (options.by !== undefined && !Array.isArray(options.by)) {
    fail('invalid_option', ['by'], locale, {
      expectedJa: '質問IDの配列',
      expectedEn: 'an array of question ids',
    });
  }
  const settings: Omit<AggregateSettings, 'sets'> & { sets: unknown } = {
    by: [...(options.by ?? [])],
    sets: options.sets,
    minGroupSize,
    acceptOtherVersions,
  };
  if (options.design !== undefined) settings.design = checkDesign(options.design, locale);
  return settings;
}

/** The plan of a survey and the settings as checked by it (sets copied from the plan). */
function planWith(
  survey: Survey,
  settings: Omit<AggregateSettings, 'sets'> & { sets: unknown },
  locale: MessageLocale,
): { plan: SurveyPlan; settings: AggregateSettings } {
  const plan = compileSurveyPlan(
    survey,
    {
      by: settings.by,
      sets: settings.sets as ItemSet[] | undefined,
      calibration: settings.design?.calibration?.variables,
    },
    locale,
  );
  const sets = plan.sets.map(
    (s): ItemSet =>
      s.codes === undefined
        ? { id: s.id, items: [...s.items] }
        : { id: s.id, items: [...s.items], codes: [...s.codes] },
  );
  return { plan, settings: { ...settings, sets } };
}

/**
 * Creates an aggregator for a survey. Throws a {@link ScoringError} when `by` or `sets` name
 * unknown or unsuitable questions.
 *
 * @example
 * ```ts
 * import { createAggregator } from 'kizuki/scoring';
 * const agg = createAggregator(survey, { by: ['sex', 'age_band'] });
 * for (const response of responses) agg.add(response);
 * const result = agg.result({ gaps: [{ by: 'sex', a: 1, b: 2 }] });
 *
 * // Weighted, design-based estimates (docs/analyse.en.md, "Weighted estimates"):
 * const weighted = createAggregator(survey, {
 *   by: ['sex', 'age_band'],
 *   design: { strata: 'district', calibration: { method: 'rake', variables: ['sex', 'age_band'] } },
 * });
 * weighted.add(response, { weight: 41.7, baseWeight: 38.2 });
 * weighted.result().items[0]?.groups[0]?.weighted?.favourable; // { mean, se, lower, upper, betaLower, … }
 * ```
 */
export function createAggregator(survey: Survey, options: AggregatorOptions = {}): Aggregator {
  const locale = options?.locale ?? 'ja';
  const { plan, settings } = planWith(survey, settingsOf(options, locale), locale);
  return new SurveyAggregator(plan, settings, locale);
}

/**
 * The per-row scratch of an unweighted aggregator and its accumulation step, for a reader that codes
 * rows itself (the CLI's CSV fast path): it fills `g` (count positions per code slot, -1 when
 * unanswered), `multiStatus`/`multiSelected` and `numberStatus`/`numberValues` as `add()` would for
 * the same response, then calls `add(cell)`. Internal: not exported from the part's index.
 */
export interface CodedRowSink {
  readonly plan: SurveyPlan;
  readonly g: Int32Array;
  readonly multiStatus: Int8Array;
  readonly multiSelected: Uint8Array;
  readonly numberStatus: Int8Array;
  readonly numberValues: Float64Array;
  /** Accumulates the scratch as one response in cross-classification cell `cell`. */
  add(cell: number): void;
}

/** The {@link CodedRowSink} of an aggregator; undefined for a weighted one (rows need weights). */
export function codedRowSink(aggregator: Aggregator): CodedRowSink | undefined {
  if (!(aggregator instanceof SurveyAggregator) || aggregator['weighted'] !== undefined) return undefined;
  return {
    plan: aggregator['plan'],
    g: aggregator['g'],
    multiStatus: aggregator['multiStatus'],
    multiSelected: aggregator['multiSelected'],
    numberStatus: aggregator['numberStatus'],
    numberValues: aggregator['numberValues'],
    add: (cell) => aggregator['accumulate'](cell),
  };
}

/** Options of {@link aggregatorFromJSON}. */
export interface FromJSONOptions {
  /** Language of error messages. Default `ja`. */
  locale?: MessageLocale;
}

/**
 * Restores an aggregator from its saved state (`toJSON()`), checking that the state belongs to the
 * survey and is intact. Throws a {@link ScoringError} naming the path of the first problem.
 *
 * @example
 * ```ts
 * const saved = JSON.stringify(agg.toJSON());
 * const again = aggregatorFromJSON(survey, JSON.parse(saved));
 * again.merge(otherShard);
 * ```
 */
export function aggregatorFromJSON(
  survey: Survey,
  state: unknown,
  options: FromJSONOptions = {},
): Aggregator {
  const locale = options.locale ?? 'ja';
  const header = readStateHeader(state, locale);
  const record = header.state;
  const { plan, settings } = planWith(survey, header.settings, locale);
  if (record.surveyHash !== plan.surveyHash) {
    fail('survey_mismatch', ['surveyHash'], locale, {
      expected: plan.surveyHash,
      actual: String(record.surveyHash),
    });
  }
  const data = stateToData(plan, record, locale);
  const weighted =
    settings.design &&
    WeightedData.fromJSON(
      plan,
      settings.design,
      weightLayout(plan, locale),
      Object.hasOwn(record, 'weighted') ? record.weighted : undefined,
      locale,
    );
  return new SurveyAggregator(plan, settings, locale, data, weighted);
}

/** The name of the first setting that makes two aggregates unmergeable, if any. */
function differingSetting(a: AggregateSettings, b: AggregateSettings): 'by' | 'sets' | 'design' | undefined {
  if (JSON.stringify(a.by) !== JSON.stringify(b.by)) return 'by';
  const sets = (s: AggregateSettings) => JSON.stringify(s.sets.map((x) => [x.id, x.items, x.codes ?? null]));
  if (sets(a) !== sets(b)) return 'sets';
  if (JSON.stringify(a.design ?? null) !== JSON.stringify(b.design ?? null)) return 'design';
  return undefined;
}
