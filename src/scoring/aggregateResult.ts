import type { MessageLocale, PathSegment } from '../core/issue.js';
import { type AggregateData, NUMBER_WIDTH, SCORE_WIDTH, SET_WIDTH } from './aggregateState.js';
import { checkLevel, criticalZ, wilsonAtZ } from './differences.js';
import { rememberedTQuantile } from './distributions.js';
import { computeGaps, type GapRequest, type GapResult } from './groupGaps.js';
import { fail } from './messages.js';
import { combineMoments } from './moments.js';
import { reliabilityOf } from './reliability.js';
import { groupKey, type ItemKind, type SurveyPlan } from './surveyPlan.js';
import {
  type WeightedItem,
  type WeightedResults,
  WeightedResults as WeightedResultsBuilder,
  type WeightedScore,
  type WeightedSet,
  type WeightingInfo,
} from './weightedResult.js';
import type { WeightedData } from './weightedState.js';

/** Options of `Aggregator.result()`. */
export interface ResultOptions {
  /** Overrides the aggregator's minimum group size for this result. */
  minGroupSize?: number;
  /** Confidence level of every interval. Default 0.95. */
  level?: number;
  /** Gaps between groups to compute, e.g. `[{ by: 'sex', a: 1, b: 2 }]`. */
  gaps?: GapRequest[];
  /** Language of error messages. */
  locale?: MessageLocale;
}

/** A respondent group: everyone (`key` "all"), one category, or a cross-classification. */
export interface GroupInfo {
  /** "all", or `question=code` pairs joined by "," in the order of `by`, e.g. "sex=1,age_band=3". */
  key: string;
  /** The group as question id → code; empty for everyone. */
  where: Record<string, number>;
  /** Respondents in the group. */
  respondents: number;
  /** True when 0 < respondents < minGroupSize: every statistic of the group is withheld. */
  suppressed: boolean;
}

/** A share with its Wilson interval. */
export interface ShareEstimate {
  count: number;
  n: number;
  /** count ÷ n, between 0 and 1. */
  share: number;
  lower: number;
  upper: number;
}

/** A mean with SD and t interval (SD and interval need n ≥ 2). */
export interface MeanEstimate {
  n: number;
  mean: number;
  sd: number | null;
  lower: number | null;
  upper: number | null;
}

/** How often one code was given. */
export interface CodeCount {
  code: number;
  count: number;
  /** count ÷ n; null for missing codes, which are not part of n. */
  share: number | null;
}

/** One item in one group. When `suppressed`, everything but `n` is null. */
export interface ItemGroupResult {
  group: string;
  /** Substantive answers (missing codes and invalid values excluded); for multiple choice and ranking, respondents with a substantive selection. */
  n: number;
  suppressed: boolean;
  counts: CodeCount[] | null;
  /** Answers that were no option code (or no finite number). */
  invalid: number | null;
  favourable: ShareEstimate | null;
  mean: MeanEstimate | null;
  /** Weighted aggregates only: weighted shares and means with design-based standard errors. */
  weighted?: WeightedItem;
}

/** An analysed item across groups (`groups[i]` belongs to `result.groups[i]`). */
export interface ItemResult {
  id: string;
  kind: ItemKind;
  groups: ItemGroupResult[];
}

/** One score in one group. */
export interface ScoreGroupResult {
  group: string;
  /** Respondents with a score (at least `minAnswered` items answered). */
  n: number;
  suppressed: boolean;
  mean: MeanEstimate | null;
  /** favourableShare and count scores: respondents with at least one favourable item. */
  atLeastOne: ShareEstimate | null;
  /** Weighted aggregates only. */
  weighted?: WeightedScore;
}

/** Cronbach's alpha of a score over respondents who answered every item (everyone, not per group). */
export interface Reliability {
  /** Complete cases. */
  n: number;
  suppressed: boolean;
  alpha: number | null;
  /** Per item: alpha without it (needs 3+ items) and its correlation with the sum of the others. */
  items: Array<{ id: string; alphaIfDeleted: number | null; itemRestCorrelation: number | null }> | null;
}

/** A score across groups. */
export interface ScoreResult {
  id: string;
  method: 'mean' | 'sum' | 'favourableShare' | 'count';
  items: string[];
  groups: ScoreGroupResult[];
  reliability: Reliability;
}

/** A declared set in one group. */
export interface SetGroupResult {
  group: string;
  /** Respondents with a substantive answer to at least one item of the set. */
  n: number;
  suppressed: boolean;
  atLeastOne: ShareEstimate | null;
  /** Weighted aggregates only. */
  weighted?: WeightedSet;
}

/** A declared set across groups. */
export interface SetResult {
  id: string;
  items: string[];
  groups: SetGroupResult[];
}

/** Everything an aggregator knows, as plain JSON. Shares are 0–1; differences of shares are in points. */
export interface AggregateResult {
  format: 'kizuki-result';
  version: 1;
  surveyHash: string;
  templateId: string;
  templateVersion: string;
  level: number;
  minGroupSize: number;
  by: string[];
  responses: number;
  rejected: { invalid: number; otherTemplate: number };
  /** `groups[0]` is everyone. */
  groups: GroupInfo[];
  items: ItemResult[];
  scores: ScoreResult[];
  sets: SetResult[];
  gaps: GapResult[];
  /**
   * Weighted aggregates only: the design and weights behind the `weighted` estimates. Counts,
   * `n` and suppression always count respondents, not weights.
   */
  weighting?: WeightingInfo;
}

/** Summed counts and combined moments of the cells of one group. */
interface GroupTotals {
  respondents: number;
  counts: Float64Array;
  numbers: Float64Array;
  scores: Float64Array;
  sets: Float64Array;
}

/** Builds the result of an aggregate; internal to the part. */
export function buildResult(
  plan: SurveyPlan,
  data: AggregateData,
  weightedData: WeightedData | undefined,
  options: ResultOptions & { minGroupSize: number; locale: MessageLocale },
): AggregateResult {
  const locale = options.locale;
  const level = checkLevel(options.level === undefined ? { locale } : { level: options.level, locale });
  const min = options.minGroupSize;
  if (!Number.isSafeInteger(min) || min < 1) {
    fail('invalid_option', ['minGroupSize'], locale, {
      expectedJa: '1以上の整数',
      expectedEn: 'an integer of at least 1',
    });
  }
  const z = criticalZ({ level, locale });
  const groups = enumerateGroups(plan);
  const totals = groups.map((g) => sumCells(plan, data, g.cells));
  const info: GroupInfo[] = groups.map((g, i) => {
    const respondents = totals[i]!.respondents;
    return { key: g.key, where: g.where, respondents, suppressed: respondents > 0 && respondents < min };
  });
  const hidden = (i: number, n: number): boolean => info[i]!.suppressed || (n > 0 && n < min);
  const share = (count: number, n: number): ShareEstimate | null => {
    if (!(n > 0)) return null;
    return { count, n, share: count / n, ...wilsonAtZ(count, n, z) };
  };
  // Many groups share a sample size; the t quantile is the costly part of an interval.
  const quantile = rememberedTQuantile();
  const tQuantile = (df: number): number => quantile(1 - (1 - level) / 2, df);
  const mean = (n: number, m: number, m2: number): MeanEstimate | null => {
    if (!(n > 0)) return null;
    if (n < 2) return { n, mean: m, sd: null, lower: null, upper: null };
    const sd = Math.sqrt(Math.max(0, m2) / (n - 1));
    const half = tQuantile(n - 1) * (sd / Math.sqrt(n));
    return { n, mean: m, sd, lower: m - half, upper: m + half };
  };

  const items: ItemResult[] = plan.items.map((item) => ({
    id: item.id,
    kind: item.kind,
    groups: totals.map((t, gi): ItemGroupResult => {
      const key = info[gi]!.key;
      if (item.kind === 'number') {
        const at = item.slot * NUMBER_WIDTH;
        const n = t.numbers[at]!;
        if (hidden(gi, n)) return suppressedItem(key, n);
        return {
          group: key,
          n,
          suppressed: false,
          counts: null,
          invalid: t.numbers[at + 3]!,
          favourable: null,
          mean: mean(n, t.numbers[at + 1]!, t.numbers[at + 2]!),
        };
      }
      const base = plan.slotBase[item.slot]!;
      const options = plan.slotOptions[item.slot]!;
      const multi = item.kind === 'multiple' || item.kind === 'ranking';
      let n = 0;
      let favourable = 0;
      let sum = 0;
      for (let i = 0; i < options; i++) {
        if (plan.optMissing[base + i] === 1) continue;
        const c = t.counts[base + i]!;
        n += c;
        favourable += c * plan.optFavourable[base + i]!;
        sum += c * plan.optValue[base + i]!;
      }
      if (multi) n = t.counts[base + options]!;
      if (hidden(gi, n)) return suppressedItem(key, n);
      const counts = item.codes.map((code, i) => {
        const count = t.counts[base + i]!;
        return { code, count, share: item.missing[i] || n === 0 ? null : count / n };
      });
      let meanEstimate: MeanEstimate | null = null;
      if (item.numeric && !multi && n > 0) {
        const m = sum / n;
        let m2 = 0;
        for (let i = 0; i < options; i++) {
          if (plan.optMissing[base + i] === 1) continue;
          m2 += t.counts[base + i]! * (plan.optValue[base + i]! - m) ** 2;
        }
        meanEstimate = mean(n, m, m2);
      }
      return {
        group: key,
        n,
        suppressed: false,
        counts,
        invalid: t.counts[base + options + (multi ? 1 : 0)]!,
        favourable: item.favourable && !multi ? share(favourable, n) : null,
        mean: meanEstimate,
      };
    }),
  }));

  const scores: ScoreResult[] = plan.scores.map((score, k) => ({
    id: score.id,
    method: score.method,
    items: [...score.items],
    groups: totals.map((t, gi): ScoreGroupResult => {
      const at = k * SCORE_WIDTH;
      const n = t.scores[at]!;
      if (hidden(gi, n)) return { group: info[gi]!.key, n, suppressed: true, mean: null, atLeastOne: null };
      return {
        group: info[gi]!.key,
        n,
        suppressed: false,
        mean: mean(n, t.scores[at + 1]!, t.scores[at + 2]!),
        atLeastOne: score.methodCode >= 2 ? share(t.scores[at + 3]!, n) : null,
      };
    }),
    reliability: reliabilityOf(data.alpha, score.alphaBase, score.items, min),
  }));

  const sets: SetResult[] = plan.sets.map((set, k) => ({
    id: set.id,
    items: [...set.items],
    groups: totals.map((t, gi): SetGroupResult => {
      const at = k * SET_WIDTH;
      const n = t.sets[at]!;
      if (hidden(gi, n)) return { group: info[gi]!.key, n, suppressed: true, atLeastOne: null };
      return { group: info[gi]!.key, n, suppressed: false, atLeastOne: share(t.sets[at + 1]!, n) };
    }),
  }));

  const result: AggregateResult = {
    format: 'kizuki-result',
    version: 1,
    surveyHash: plan.surveyHash,
    templateId: plan.templateId,
    templateVersion: plan.templateVersion,
    level,
    minGroupSize: min,
    by: plan.by.map((b) => b.id),
    responses: data.responses,
    rejected: { invalid: data.rejectedInvalid, otherTemplate: data.rejectedOtherTemplate },
    groups: info,
    items,
    scores,
    sets,
    gaps: [],
  };
  let weighted: WeightedResults | undefined;
  if (weightedData) {
    const domains = groups.map((g) => {
      const d = new Uint8Array(plan.cells);
      for (const c of g.cells) d[c] = 1;
      return d;
    });
    const nOf = (kind: 'item' | 'score' | 'set', id: string, g: number): number => {
      const list = kind === 'item' ? items : kind === 'score' ? scores : sets;
      return list.find((x) => x.id === id)!.groups[g]!.n;
    };
    weighted = new WeightedResultsBuilder(plan, weightedData, domains, hidden, nOf, level, quantile, locale);
    for (const item of items) {
      const w = weighted.itemResults.get(item.id)!;
      item.groups.forEach((g, i) => {
        g.weighted = w[i]!;
      });
    }
    for (const score of scores) {
      const w = weighted.scoreResults.get(score.id)!;
      score.groups.forEach((g, i) => {
        g.weighted = w[i]!;
      });
    }
    for (const set of sets) {
      const w = weighted.setResults.get(set.id)!;
      set.groups.forEach((g, i) => {
        g.weighted = w[i]!;
      });
    }
    result.weighting = weighted.info;
  }
  if (options.gaps !== undefined)
    result.gaps = computeGaps(result, plan, options.gaps, { level, locale }, weighted);
  return result;
}

function suppressedItem(group: string, n: number): ItemGroupResult {
  return { group, n, suppressed: true, counts: null, invalid: null, favourable: null, mean: null };
}

interface GroupSpec {
  key: string;
  where: Record<string, number>;
  cells: number[];
}

/** Everyone, then each subset of the grouping questions (smallest first), each combination of categories. */
function enumerateGroups(plan: SurveyPlan): GroupSpec[] {
  const m = plan.by.length;
  const coords: number[][] = [];
  for (let cell = 0; cell < plan.cells; cell++) {
    coords.push(plan.by.map((b, v) => Math.floor(cell / plan.byStride[v]!) % (b.codes.length + 1)));
  }
  const all = coords.map((_, cell) => cell);
  const specs: GroupSpec[] = [{ key: 'all', where: {}, cells: all }];
  const subsets: number[][] = [];
  for (let mask = 1; mask < 1 << m; mask++) {
    const subset: number[] = [];
    for (let v = 0; v < m; v++) if (mask & (1 << v)) subset.push(v);
    subsets.push(subset);
  }
  subsets.sort((a, b) => a.length - b.length || compareLists(a, b));
  for (const subset of subsets) {
    let combos: number[][] = [[]];
    for (const v of subset) {
      const next: number[][] = [];
      for (const combo of combos) plan.by[v]!.codes.forEach((_, c) => next.push([...combo, c]));
      combos = next;
    }
    for (const combo of combos) {
      const where: Record<string, number> = {};
      subset.forEach((v, i) => {
        where[plan.by[v]!.id] = plan.by[v]!.codes[combo[i]!]!;
      });
      const cells = all.filter((cell) => subset.every((v, i) => coords[cell]![v] === combo[i]));
      specs.push({
        key: groupKey(
          plan.by.map((b) => b.id),
          where,
        ),
        where,
        cells,
      });
    }
  }
  return specs;
}

function compareLists(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function sumCells(plan: SurveyPlan, data: AggregateData, cells: readonly number[]): GroupTotals {
  const counts = new Float64Array(plan.width);
  const numberWidth = plan.numberKeys.length * NUMBER_WIDTH;
  const scoreWidth = plan.scores.length * SCORE_WIDTH;
  const setWidth = plan.sets.length * SET_WIDTH;
  const numbers = new Float64Array(numberWidth);
  const scores = new Float64Array(scoreWidth);
  const sets = new Float64Array(setWidth);
  let respondents = 0;
  for (const cell of cells) {
    respondents += data.cellRespondents[cell]!;
    const cb = cell * plan.width;
    for (let i = 0; i < plan.width; i++) counts[i] = counts[i]! + data.counts[cb + i]!;
    for (let at = 0; at < numberWidth; at += NUMBER_WIDTH) {
      combineMoments(numbers, at, data.numbers, cell * numberWidth + at);
      numbers[at + 3] = numbers[at + 3]! + data.numbers[cell * numberWidth + at + 3]!;
    }
    for (let at = 0; at < scoreWidth; at += SCORE_WIDTH) {
      combineMoments(scores, at, data.scores, cell * scoreWidth + at);
      scores[at + 3] = scores[at + 3]! + data.scores[cell * scoreWidth + at + 3]!;
    }
    for (let i = 0; i < setWidth; i++) sets[i] = sets[i]! + data.sets[cell * setWidth + i]!;
  }
  return { respondents, counts, numbers, scores, sets };
}

/**
 * An aggregator's result (computed now), or a result given directly after a light check of its
 * shape; throws a ScoringError otherwise.
 */
export function asResult(
  value: { result(): AggregateResult } | AggregateResult,
  path: PathSegment[],
  locale: MessageLocale,
): AggregateResult {
  if (
    value !== null &&
    typeof value === 'object' &&
    'result' in value &&
    typeof value.result === 'function'
  ) {
    return value.result();
  }
  const r = value as Partial<AggregateResult> | null;
  const ok =
    r !== null &&
    typeof r === 'object' &&
    r.format === 'kizuki-result' &&
    r.version === 1 &&
    typeof r.templateId === 'string' &&
    typeof r.surveyHash === 'string' &&
    Array.isArray(r.by) &&
    Array.isArray(r.groups) &&
    Array.isArray(r.items) &&
    Array.isArray(r.scores) &&
    Array.isArray(r.sets);
  if (!ok)
    fail('invalid_option', path, locale, {
      expectedJa: '集計器または集計結果',
      expectedEn: 'an aggregator or its result',
    });
  return r as AggregateResult;
}

/** The index of the group `where` in a result, or undefined when the result is not grouped that way. */
export function findGroup(
  result: AggregateResult,
  where: Readonly<Record<string, number>>,
): number | undefined {
  if (Object.keys(where).some((id) => !result.by.includes(id))) return undefined;
  const key = groupKey(result.by, where);
  const index = result.groups.findIndex((g) => g.key === key);
  return index < 0 ? undefined : index;
}
