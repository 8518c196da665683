import type { MessageLocale, PathSegment } from '../core/issue.js';
import { indexTemplate, type TemplateIndex } from '../schema/indexTemplate.js';
import type { Survey } from '../schema/survey.js';
import type { Question, Scale, Score } from '../schema/templateSchema.js';
import { fail } from './messages.js';
import { ScoringError } from './scoringError.js';

/** What kind of answer an analysed item holds. */
export type ItemKind = 'scale' | 'single' | 'multiple' | 'ranking' | 'number';

/** A declared set of statements for "agrees with at least one". */
export interface ItemSet {
  /** The set's id, unique among sets. */
  id: string;
  /** Likert question ids, matrix item ids or single-choice question ids. */
  items: string[];
  /** Codes that count as agreeing; default: each item's favourable codes (as answered, not mirrored). */
  codes?: number[];
}

/** Maps option codes to small indexes: a dense table for compact code ranges, a Map otherwise. */
export class CodeIndex {
  readonly lo: number;
  readonly span: number;
  readonly table: Int32Array;
  readonly wide: Map<number, number> | undefined;
  constructor(codes: readonly number[]) {
    const lo = Math.min(...codes);
    const hi = Math.max(...codes);
    if (hi - lo < 4096) {
      this.lo = lo;
      this.span = hi - lo + 1;
      this.table = new Int32Array(this.span).fill(-1);
      codes.forEach((code, i) => {
        if (this.table[code - lo] === -1) this.table[code - lo] = i;
      });
      this.wide = undefined;
    } else {
      this.lo = 0;
      this.span = 0;
      this.table = new Int32Array(0);
      this.wide = new Map();
      codes.forEach((code, i) => {
        if (!this.wide!.has(code)) this.wide!.set(code, i);
      });
    }
  }
  /** The index of `code`, or −1 if it is not one of the codes (or not an integer). */
  get(code: number): number {
    const offset = code - this.lo;
    if (offset >= 0 && offset < this.span) return this.table[offset] ?? -1;
    return this.wide?.get(code) ?? -1;
  }
}

/** An analysed item: a single, Likert, multiple, ranking or number question, or a matrix item. */
export interface PlanItem {
  id: string;
  kind: ItemKind;
  /** Index among choice slots (every kind but `number`) or among number slots. */
  slot: number;
  /** Option codes in display order (choice kinds). */
  codes: number[];
  /** Whether each option is a "don't know" / "prefer not to say" code. */
  missing: boolean[];
  /** Whether means and SDs are meaningful: scale items always; single questions when every option has a value. */
  numeric: boolean;
  /** Whether favourable codes are defined (scale items with `favourable`). */
  favourable: boolean;
}

/** A score of the template, prepared for the aggregation loop. */
export interface PlanScore {
  id: string;
  method: Score['method'];
  /** 0 mean, 1 sum, 2 favourableShare, 3 count. */
  methodCode: number;
  minAnswered: number;
  items: string[];
  /** Choice slot of each item. */
  slots: Int32Array;
  /** Offset of this score's reliability state in the alpha array. */
  alphaBase: number;
}

/** A declared set of items for "agrees with at least one". */
export interface PlanSet {
  id: string;
  items: string[];
  /** The codes given for the set, if any. */
  codes: number[] | undefined;
  slots: Int32Array;
  /** 1 at the count-layout positions of the codes that count as agreeing. */
  agree: Uint8Array;
}

/** A grouping question. */
export interface PlanBy {
  id: string;
  /** Category codes in option order; category index = position, "unanswered" = codes.length. */
  codes: number[];
  index: CodeIndex;
}

/**
 * Everything the aggregation loop needs, precomputed once per survey and options: flat typed
 * arrays indexed by a per-cell "count layout" position `g`, so that adding a response is a few table
 * reads and increments per item.
 */
export interface SurveyPlan {
  surveyHash: string;
  templateId: string;
  templateVersion: string;
  items: PlanItem[];
  /** Answer keys of choice slots; the first `codeSlots` hold one code, the rest arrays of codes. */
  slotKeys: string[];
  slotKinds: ItemKind[];
  codeSlots: number;
  slotIndex: CodeIndex[];
  /** The dense code tables of the slots, concatenated (span 0 when a slot's codes are too spread out). */
  slotLo: Float64Array;
  slotSpan: Int32Array;
  slotTableBase: Int32Array;
  codeTable: Int32Array;
  /** Where each choice slot's counts start in a cell's count block. */
  slotBase: Int32Array;
  slotOptions: Int32Array;
  /** Count slots per cell. Code slot: options, then invalid. Multi slot: options, respondents, invalid. */
  width: number;
  /** Per count position: value as answered, value after reverse keying, flags. */
  optValue: Float64Array;
  optScoreValue: Float64Array;
  optMissing: Uint8Array;
  optFavourable: Uint8Array;
  optScoreFavourable: Uint8Array;
  numberKeys: string[];
  by: PlanBy[];
  /** Cells of the cross-classification, each grouping question with an extra "unanswered" category. */
  cells: number;
  byStride: Int32Array;
  /** Calibration variables of a weighted aggregate (single-choice or Likert questions); empty otherwise. */
  calibration: PlanBy[];
  scores: PlanScore[];
  alphaWidth: number;
  sets: PlanSet[];
}

/** Options that shape the aggregate state. */
export interface PlanOptions {
  by?: readonly string[] | undefined;
  sets?: readonly ItemSet[] | undefined;
  calibration?: readonly string[] | undefined;
}

const MAX_BY = 4;
const MAX_CELLS = 10_000;
const METHOD_CODES: Record<Score['method'], number> = { mean: 0, sum: 1, favourableShare: 2, count: 3 };

interface ChoiceSource {
  id: string;
  kind: ItemKind;
  codes: number[];
  values: number[];
  explicitValues: boolean;
  missing: boolean[];
  favourable: Set<number> | undefined;
  reverse: boolean;
}

/** Builds the aggregation plan of a survey, checking the options; throws a ScoringError. */
export function compileSurveyPlan(survey: Survey, options: PlanOptions, locale: MessageLocale): SurveyPlan {
  try {
    if (typeof survey?.hash !== 'string') throw new TypeError('survey.hash is not a string');
    return compile(survey, indexTemplate(survey.template), options, locale);
  } catch (error) {
    // A hand-built survey that parseTemplate never checked must not crash the caller.
    if (error instanceof ScoringError) throw error;
    fail('invalid_survey', [], locale, { detail: error instanceof Error ? error.message : String(error) });
  }
}

function compile(
  survey: Survey,
  index: TemplateIndex,
  options: PlanOptions,
  locale: MessageLocale,
): SurveyPlan {
  const template = survey.template;
  const choices: ChoiceSource[] = [];
  const numberKeys: string[] = [];
  const items: PlanItem[] = [];
  const multis: ChoiceSource[] = [];

  for (const key of index.answerKeys) {
    const itemEntry = index.items.get(key);
    if (itemEntry) {
      const scale = index.scales.get(itemEntry.question.scale);
      if (scale) choices.push(scaleSource(key, scale, itemEntry.item.reverse === true));
      continue;
    }
    const q = index.questions.get(key)?.question;
    if (!q) continue;
    if (q.type === 'likert') {
      const scale = index.scales.get(q.scale);
      if (scale) choices.push(scaleSource(key, scale, q.reverse === true));
    } else if (q.type === 'single') choices.push(choiceSource(q, 'single'));
    else if (q.type === 'multiple' || q.type === 'ranking') multis.push(choiceSource(q, q.type));
    else if (q.type === 'number') numberKeys.push(key);
  }

  // Count layout: code slots, then multi slots.
  const all = [...choices, ...multis];
  const slotBase = new Int32Array(all.length);
  const slotOptions = new Int32Array(all.length);
  let width = 0;
  all.forEach((source, slot) => {
    slotBase[slot] = width;
    slotOptions[slot] = source.codes.length;
    width += source.codes.length + (slot < choices.length ? 1 : 2);
  });
  const optValue = new Float64Array(width).fill(Number.NaN);
  const optScoreValue = new Float64Array(width).fill(Number.NaN);
  const optMissing = new Uint8Array(width).fill(1);
  const optFavourable = new Uint8Array(width);
  const optScoreFavourable = new Uint8Array(width);
  all.forEach((source, slot) => {
    const base = slotBase[slot]!;
    const mirrored = source.reverse ? mirror(source) : undefined;
    source.codes.forEach((code, i) => {
      optValue[base + i] = source.values[i]!;
      optScoreValue[base + i] = mirrored ? mirrored.values[i]! : source.values[i]!;
      optMissing[base + i] = source.missing[i] ? 1 : 0;
      const favourable = source.favourable?.has(code) === true && !source.missing[i];
      optFavourable[base + i] = favourable ? 1 : 0;
      optScoreFavourable[base + i] = (mirrored ? mirrored.favourable[i] : favourable) ? 1 : 0;
    });
  });
  const slotOf = new Map<string, number>();
  all.forEach((source, slot) => {
    slotOf.set(source.id, slot);
    items.push({
      id: source.id,
      kind: source.kind,
      slot,
      codes: source.codes,
      missing: source.missing,
      numeric: source.kind === 'scale' || (source.kind === 'single' && source.explicitValues),
      favourable: source.favourable !== undefined && source.favourable.size > 0,
    });
  });
  numberKeys.forEach((id, slot) => {
    items.push({ id, kind: 'number', slot, codes: [], missing: [], numeric: true, favourable: false });
  });
  // Report items in template order.
  const order = new Map(index.answerKeys.map((k, i) => [k, i]));
  items.sort((a, b) => order.get(a.id)! - order.get(b.id)!);

  const by = planBy(index, options.by, locale, ['by']);
  const calibration = planBy(index, options.calibration, locale, ['design', 'calibration', 'variables']);
  const byStride = new Int32Array(by.length);
  let cells = 1;
  for (let v = by.length - 1; v >= 0; v--) {
    byStride[v] = cells;
    cells *= by[v]!.codes.length + 1;
    if (cells > MAX_CELLS) fail('too_many_cells', ['by'], locale, { cells, limit: MAX_CELLS });
  }

  let alphaWidth = 0;
  const scores: PlanScore[] = (template.scores ?? []).map((score) => {
    const slots = Int32Array.from(score.items, (id) => slotOf.get(id) ?? -1);
    const planned: PlanScore = {
      id: score.id,
      method: score.method,
      methodCode: METHOD_CODES[score.method],
      minAnswered: score.minAnswered ?? 1,
      items: score.items,
      slots,
      alphaBase: alphaWidth,
    };
    alphaWidth += 3 + 3 * slots.length;
    return planned;
  });
  if (scores.some((s) => s.slots.includes(-1))) {
    fail('invalid_survey', ['template', 'scores'], locale, {
      detail: 'a score names an item that is not on a scale',
    });
  }

  const sets = planSets(options.sets, new Set(index.answerKeys), slotOf, all, slotBase, width, locale);
  const slotIndex = all.map((s) => new CodeIndex(s.codes));
  const slotTableBase = new Int32Array(all.length);
  let tableLength = 0;
  slotIndex.forEach((index, slot) => {
    slotTableBase[slot] = tableLength;
    tableLength += index.span;
  });
  const codeTable = new Int32Array(tableLength);
  slotIndex.forEach((index, slot) => codeTable.set(index.table, slotTableBase[slot]!));
  return {
    surveyHash: survey.hash,
    templateId: template.id,
    templateVersion: template.version,
    items,
    slotKeys: all.map((s) => s.id),
    slotKinds: all.map((s) => s.kind),
    codeSlots: choices.length,
    slotIndex,
    slotLo: Float64Array.from(slotIndex, (index) => index.lo),
    slotSpan: Int32Array.from(slotIndex, (index) => index.span),
    slotTableBase,
    codeTable,
    slotBase,
    slotOptions,
    width,
    optValue,
    optScoreValue,
    optMissing,
    optFavourable,
    optScoreFavourable,
    numberKeys,
    by,
    cells,
    byStride,
    calibration,
    scores,
    alphaWidth,
    sets,
  };
}

function scaleSource(id: string, scale: Scale, reverse: boolean): ChoiceSource {
  const missing = new Set(scale.missing ?? []);
  return {
    id,
    kind: 'scale',
    codes: scale.options.map((o) => o.code),
    values: scale.options.map((o) => o.value ?? o.code),
    explicitValues: true,
    missing: scale.options.map((o) => missing.has(o.code)),
    favourable: new Set(scale.favourable ?? []),
    reverse,
  };
}

function choiceSource(
  q: Extract<Question, { type: 'single' | 'multiple' | 'ranking' }>,
  kind: ItemKind,
): ChoiceSource {
  return {
    id: q.id,
    kind,
    codes: q.options.map((o) => o.code),
    values: q.options.map((o) => o.value ?? o.code),
    explicitValues: q.options.every((o) => o.missing === true || o.value !== undefined),
    missing: q.options.map((o) => o.missing === true),
    favourable: undefined,
    reverse: false,
  };
}

/**
 * Reverse keying: values mirrored across the substantive (non-missing) options,
 * v' = min + max − v; favourable mirrored by position among the substantive options.
 */
function mirror(source: ChoiceSource): { values: number[]; favourable: boolean[] } {
  const substantive: number[] = [];
  source.missing.forEach((m, i) => {
    if (!m) substantive.push(i);
  });
  const values = [...source.values];
  const favourable = source.codes.map(() => false);
  if (substantive.length === 0) return { values, favourable };
  const subValues = substantive.map((i) => source.values[i]!);
  const lo = Math.min(...subValues);
  const hi = Math.max(...subValues);
  substantive.forEach((i, position) => {
    values[i] = lo + hi - source.values[i]!;
    const partner = substantive[substantive.length - 1 - position]!;
    favourable[i] = source.favourable?.has(source.codes[partner]!) === true;
  });
  return { values, favourable };
}

function planBy(
  index: TemplateIndex,
  by: readonly string[] | undefined,
  locale: MessageLocale,
  path: PathSegment[],
): PlanBy[] {
  if (by === undefined) return [];
  if (!Array.isArray(by))
    fail('invalid_option', path, locale, {
      expectedJa: '質問IDの配列',
      expectedEn: 'an array of question ids',
    });
  if (by.length > MAX_BY) fail('too_many_by', path, locale, { limit: MAX_BY });
  const seen = new Set<string>();
  return by.map((id, i) => {
    if (typeof id !== 'string')
      fail('invalid_option', [...path, i], locale, { expectedJa: '質問ID', expectedEn: 'a question id' });
    if (seen.has(id)) fail('duplicate_by', [...path, i], locale, { id });
    seen.add(id);
    const q = index.questions.get(id)?.question;
    if (!q) fail('unknown_question', [...path, i], locale, { id });
    let codes: number[];
    if (q.type === 'single') codes = q.options.map((o) => o.code);
    else if (q.type === 'likert') codes = index.scales.get(q.scale)?.options.map((o) => o.code) ?? [];
    else fail('not_grouping_question', [...path, i], locale, { id });
    return { id, codes, index: new CodeIndex(codes) };
  });
}

function planSets(
  sets: readonly ItemSet[] | undefined,
  answerKeys: ReadonlySet<string>,
  slotOf: ReadonlyMap<string, number>,
  sources: readonly ChoiceSource[],
  slotBase: Int32Array,
  width: number,
  locale: MessageLocale,
): PlanSet[] {
  if (sets === undefined) return [];
  const bad: (path: (string | number)[], ja: string, en: string) => never = (path, ja, en) =>
    fail('invalid_option', ['sets', ...path], locale, { expectedJa: ja, expectedEn: en });
  if (!Array.isArray(sets)) bad([], '集合の配列', 'an array of sets');
  const ids = new Set<string>();
  return sets.map((set, si) => {
    if (set === null || typeof set !== 'object') bad([si], '{ id, items, codes? }', '{ id, items, codes? }');
    const id: unknown = Object.hasOwn(set, 'id') ? set.id : undefined;
    const list: unknown = Object.hasOwn(set, 'items') ? set.items : undefined;
    const codes: unknown = Object.hasOwn(set, 'codes') ? set.codes : undefined;
    if (typeof id !== 'string' || id.length === 0 || id.length > 64)
      bad([si, 'id'], '64文字以内のID', 'an id of at most 64 characters');
    if (ids.has(id)) fail('duplicate_set', ['sets', si, 'id'], locale, { id });
    ids.add(id);
    if (!Array.isArray(list) || list.length === 0 || list.length > 10_000)
      bad([si, 'items'], '項目IDの配列', 'a non-empty array of item ids');
    if (codes !== undefined && (!Array.isArray(codes) || !codes.every((c) => Number.isInteger(c)))) {
      bad([si, 'codes'], '整数の配列', 'an array of integers');
    }
    const agree = new Uint8Array(width);
    const slots = list.map((itemId: unknown, ii) => {
      const slot = typeof itemId === 'string' ? slotOf.get(itemId) : undefined;
      const source = slot === undefined ? undefined : sources[slot];
      if (slot === undefined || !source) {
        const known = typeof itemId === 'string' && answerKeys.has(itemId);
        fail(known ? 'not_set_item' : 'unknown_question', ['sets', si, 'items', ii], locale, {
          id: String(itemId),
        });
      }
      if (source.kind !== 'scale' && source.kind !== 'single')
        fail('not_set_item', ['sets', si, 'items', ii], locale, { id: source.id });
      const agreeing = codes === undefined ? source.favourable : new Set(codes as number[]);
      if (agreeing === undefined || agreeing.size === 0)
        fail('set_needs_codes', ['sets', si, 'items', ii], locale, { id: source.id });
      source.codes.forEach((code, i) => {
        if (agreeing.has(code) && !source.missing[i]) agree[slotBase[slot]! + i] = 1;
      });
      return slot;
    });
    return {
      id,
      items: [...(list as string[])],
      codes: codes === undefined ? undefined : [...(codes as number[])],
      slots: Int32Array.from(slots),
      agree,
    };
  });
}

/**
 * The key of a group given as question id → code: "all" for everyone, else `id=code` pairs in the
 * order of the grouping questions, joined by ",".
 */
export function groupKey(by: readonly string[], where: Readonly<Record<string, number>>): string {
  const parts: string[] = [];
  for (const id of by) if (Object.hasOwn(where, id)) parts.push(`${id}=${where[id]}`);
  return parts.length === 0 ? 'all' : parts.join(',');
}
