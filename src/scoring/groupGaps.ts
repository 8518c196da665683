import type { MessageLocale } from '../core/issue.js';
import type { AggregateResult, MeanEstimate, ShareEstimate } from './aggregateResult.js';
import { type MeanDifference, meanDifference, type ShareDifference, shareDifference } from './differences.js';
import { fail } from './messages.js';
import { groupKey, type SurveyPlan } from './surveyPlan.js';
import { differenceOf, type WeightedDifference, type WeightedMean } from './weightedEstimate.js';
import type { WeightedResults } from './weightedResult.js';

/**
 * A gap to compute: group `a` minus group `b` of one grouping question, optionally within a
 * category of others. Without `a` and `b`: every pair of the question's substantive categories.
 */
export interface GapRequest {
  /** The grouping question, e.g. "sex". */
  by: string;
  a?: number;
  b?: number;
  /** Restricts both groups, e.g. `{ age_band: 3 }` for men − women among people in their 40s. */
  within?: Record<string, number>;
}

/** Differences of one item between two groups or waves. */
export interface ItemDifference {
  id: string;
  /** Favourable share a − b in points (Newcombe); null if either side is suppressed or empty. */
  favourable: ShareDifference | null;
  /** Mean a − b (Welch); null if either side has no mean. */
  mean: MeanDifference | null;
  /** Weighted aggregates: differences of the weighted figures (shares in points) with design-based SEs. */
  weighted?: { favourable: WeightedDifference | null; mean: WeightedDifference | null };
}

/** Differences of one score between two groups or waves. */
export interface ScoreDifference {
  id: string;
  mean: MeanDifference | null;
  /** Share with at least one favourable item (favourableShare and count scores). */
  atLeastOne: ShareDifference | null;
  /** Weighted aggregates only. */
  weighted?: { mean: WeightedDifference | null; atLeastOne: WeightedDifference | null };
}

/** Differences of one declared set between two groups or waves. */
export interface SetDifference {
  id: string;
  atLeastOne: ShareDifference | null;
  /** Weighted aggregates only. */
  weighted?: { atLeastOne: WeightedDifference | null };
}

/** The gap between two groups: every item, score and set, a − b. */
export interface GapResult {
  by: string;
  a: number;
  b: number;
  within: Record<string, number>;
  /** Group keys of `a` and `b` in `result.groups`. */
  groupA: string;
  groupB: string;
  items: ItemDifference[];
  scores: ScoreDifference[];
  sets: SetDifference[];
}

interface DifferenceOptions {
  level: number;
  locale: MessageLocale;
}

/**
 * The weighted difference of one statistic (`favourable`, `mean`, `atLeastOne`) of an item, score
 * or set, given both sides' weighted estimates; null when it cannot be formed.
 */
export type WeightedPair = (
  kind: 'item' | 'score' | 'set',
  id: string,
  statistic: 'favourable' | 'mean' | 'atLeastOne',
  a: WeightedMean | null | undefined,
  b: WeightedMean | null | undefined,
) => WeightedDifference | null;

/** Differences of independent samples (waves): variance of the difference = sum of the variances. */
export function independentPair(level: number): WeightedPair {
  return (_kind, _id, statistic, a, b) =>
    a && b
      ? differenceOf(
          a.mean,
          b.mean,
          Math.sqrt(a.se * a.se + b.se * b.se),
          level,
          statistic === 'mean' ? 1 : 100,
        )
      : null;
}

/** Differences between group (or wave) `ia` of result `ra` and `ib` of `rb`, matching ids. */
export function differencesBetween(
  ra: AggregateResult,
  ia: number,
  rb: AggregateResult,
  ib: number,
  options: DifferenceOptions,
  pair?: WeightedPair,
): { items: ItemDifference[]; scores: ScoreDifference[]; sets: SetDifference[] } {
  const items = matched(ra.items, rb.items, (item, other): ItemDifference | undefined => {
    if (other.kind !== item.kind) return undefined;
    const a = item.groups[ia]!;
    const b = other.groups[ib]!;
    const out: ItemDifference = {
      id: item.id,
      favourable: shares(a.favourable, b.favourable, options),
      mean: means(a.mean, b.mean, options),
    };
    if (pair && a.weighted && b.weighted)
      out.weighted = {
        favourable: pair('item', item.id, 'favourable', a.weighted.favourable, b.weighted.favourable),
        mean: pair('item', item.id, 'mean', a.weighted.mean, b.weighted.mean),
      };
    return out;
  });
  const scores = matched(ra.scores, rb.scores, (score, other): ScoreDifference => {
    const a = score.groups[ia]!;
    const b = other.groups[ib]!;
    const out: ScoreDifference = {
      id: score.id,
      mean: means(a.mean, b.mean, options),
      atLeastOne: shares(a.atLeastOne, b.atLeastOne, options),
    };
    if (pair && a.weighted && b.weighted)
      out.weighted = {
        mean: pair('score', score.id, 'mean', a.weighted.mean, b.weighted.mean),
        atLeastOne: pair('score', score.id, 'atLeastOne', a.weighted.atLeastOne, b.weighted.atLeastOne),
      };
    return out;
  });
  const sets = matched(ra.sets, rb.sets, (set, other): SetDifference => {
    const a = set.groups[ia]!;
    const b = other.groups[ib]!;
    const out: SetDifference = { id: set.id, atLeastOne: shares(a.atLeastOne, b.atLeastOne, options) };
    if (pair && a.weighted && b.weighted)
      out.weighted = {
        atLeastOne: pair('set', set.id, 'atLeastOne', a.weighted.atLeastOne, b.weighted.atLeastOne),
      };
    return out;
  });
  return { items, scores, sets };
}

/** What `pair` makes of each entry of `a` and the entry of `b` with the same id, where there is one. */
function matched<T extends { id: string }, R>(
  a: readonly T[],
  b: readonly T[],
  pair: (entry: T, other: T) => R | undefined,
): R[] {
  const byId = new Map(b.map((entry) => [entry.id, entry]));
  const out: R[] = [];
  for (const entry of a) {
    const other = byId.get(entry.id);
    const value = other === undefined ? undefined : pair(entry, other);
    if (value !== undefined) out.push(value);
  }
  return out;
}

function shares(
  a: ShareEstimate | null,
  b: ShareEstimate | null,
  options: DifferenceOptions,
): ShareDifference | null {
  return a && b ? shareDifference(a, b, options) : null;
}

function means(
  a: MeanEstimate | null,
  b: MeanEstimate | null,
  options: DifferenceOptions,
): MeanDifference | null {
  return a && b ? meanDifference(a, b, options) : null;
}

/** Computes the requested gaps of a result; throws a ScoringError for groups that are not in it. */
export function computeGaps(
  result: AggregateResult,
  plan: SurveyPlan,
  requests: readonly GapRequest[],
  options: DifferenceOptions,
  weighted?: WeightedResults,
): GapResult[] {
  const locale = options.locale;
  if (!Array.isArray(requests))
    fail('invalid_option', ['gaps'], locale, { expectedJa: '配列', expectedEn: 'an array' });
  const indexOf = new Map(result.groups.map((g, i) => [g.key, i]));
  const out: GapResult[] = [];
  requests.forEach((request, r) => {
    const path = ['gaps', r];
    if (request === null || typeof request !== 'object') {
      fail('invalid_option', path, locale, {
        expectedJa: '{ by, a?, b?, within? }',
        expectedEn: '{ by, a?, b?, within? }',
      });
    }
    const byPlan = plan.by.find((b) => b.id === request.by);
    if (!byPlan) fail('unknown_group', [...path, 'by'], locale, { group: String(request.by) });
    const within: Record<string, number> = {};
    if (request.within !== undefined) {
      if (request.within === null || typeof request.within !== 'object') {
        fail('invalid_option', [...path, 'within'], locale, {
          expectedJa: '質問ID→コード',
          expectedEn: 'question id → code',
        });
      }
      for (const [id, code] of Object.entries(request.within as Record<string, unknown>)) {
        if (id === byPlan.id || !plan.by.some((b) => b.id === id))
          fail('unknown_group', [...path, 'within', id], locale, { group: id });
        if (!Number.isInteger(code))
          fail('invalid_option', [...path, 'within', id], locale, {
            expectedJa: '整数のコード',
            expectedEn: 'an integer code',
          });
        within[id] = code as number;
      }
    }
    const hasA = request.a !== undefined;
    const hasB = request.b !== undefined;
    if (hasA !== hasB)
      fail('invalid_option', path, locale, {
        expectedJa: 'a と b の両方、またはどちらもなし',
        expectedEn: 'both a and b, or neither',
      });
    const pairs: Array<[number, number]> = [];
    if (hasA) {
      if (!Number.isInteger(request.a) || !Number.isInteger(request.b)) {
        fail('invalid_option', path, locale, { expectedJa: '整数のコード', expectedEn: 'integer codes' });
      }
      pairs.push([request.a!, request.b!]);
    } else {
      const source = plan.items.find((item) => item.id === byPlan.id);
      const codes = byPlan.codes.filter((_, i) => !(source?.missing[i] ?? false));
      for (let i = 0; i < codes.length; i++)
        for (let j = i + 1; j < codes.length; j++) pairs.push([codes[i]!, codes[j]!]);
    }
    for (const [a, b] of pairs) {
      const byIds = plan.by.map((x) => x.id);
      const keyA = groupKey(byIds, { ...within, [byPlan.id]: a });
      const keyB = groupKey(byIds, { ...within, [byPlan.id]: b });
      const ia = indexOf.get(keyA);
      const ib = indexOf.get(keyB);
      if (ia === undefined) fail('unknown_group', path, locale, { group: keyA });
      if (ib === undefined) fail('unknown_group', path, locale, { group: keyB });
      out.push({
        by: byPlan.id,
        a,
        b,
        within: { ...within },
        groupA: keyA,
        groupB: keyB,
        ...differencesBetween(result, ia, result, ib, options, weighted && domainPair(weighted, ia, ib)),
      });
    }
  });
  return out;
}

/** Differences between two groups of one weighted sample, with the covariance between the domains. */
function domainPair(weighted: WeightedResults, ia: number, ib: number): WeightedPair {
  return (kind, id, statistic) => {
    const scale = statistic === 'mean' ? 1 : 100;
    if (kind === 'item') {
      const entry = weighted.items.get(id);
      return weighted.gap(statistic === 'mean' ? entry?.mean : entry?.favourable, ia, ib, scale);
    }
    if (kind === 'score') {
      const entry = weighted.scores.get(id);
      return weighted.gap(statistic === 'mean' ? entry?.mean : entry?.atLeastOne, ia, ib, scale);
    }
    return weighted.gap(weighted.sets.get(id), ia, ib, scale);
  };
}
