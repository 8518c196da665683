import type { MessageLocale } from '../core/issue.js';
import type { Survey } from '../schema/survey.js';
import {
  type AggregateResult,
  asResult,
  findGroup,
  type MeanEstimate,
  type ShareEstimate,
} from './aggregateResult.js';
import type { Aggregator } from './createAggregator.js';
import {
  checkLevel,
  type MeanDifference,
  meanAgainstValue,
  type ShareDifference,
  shareAgainstValue,
  shareDifference,
} from './differences.js';
import { fail } from './messages.js';
import { groupKey } from './surveyPlan.js';
import { differenceOf, type WeightedDifference, type WeightedMean } from './weightedEstimate.js';

/** Options of {@link compareBenchmarks}. */
export interface CompareBenchmarksOptions {
  /** Confidence level. Default 0.95. */
  level?: number;
  /** Language of error messages. Default `ja`. */
  locale?: MessageLocale;
}

/**
 * Why a benchmark was or was not compared: `compared`; `groupNotAnalysed` (the aggregate is not
 * grouped by the benchmark's questions); `suppressed` (our group is too small); `noData` (nobody
 * answered); `notApplicable` (the statistic does not exist for the item or score).
 */
export type BenchmarkStatus = 'compared' | 'groupNotAnalysed' | 'suppressed' | 'noData' | 'notApplicable';

/** One template benchmark against our aggregate. */
export interface BenchmarkComparison {
  /** Position in the template's `benchmarks`. */
  index: number;
  item: string | null;
  score: string | null;
  statistic: 'favourableShare' | 'mean';
  /** Key of the compared group ("all" for everyone). */
  group: string;
  benchmark: { value: number; n: number | null; source: string; year: number };
  status: BenchmarkStatus;
  /** Our n for the statistic, when known. */
  n: number | null;
  /** For shares: ours − benchmark in points. */
  share: ShareDifference | null;
  /** For means (and favourableShare scores, whose value is a mean of per-respondent shares). */
  mean: MeanDifference | null;
  /**
   * Weighted aggregates only: our weighted figure − benchmark (shares in points), normal interval
   * with our design-based SE, plus the benchmark's binomial variance when it has `n`.
   */
  weighted?: WeightedDifference | null;
}

/**
 * Compares an aggregate with the template's national benchmarks. A benchmark without `n` is treated
 * as a fixed value (our interval, shifted); with `n`, a share is compared as a second sample
 * (Newcombe). Means are always compared as fixed values, since benchmarks carry no SD.
 * Benchmarks of a group (e.g. `{ sex: 2 }`) need the aggregate to be grouped by that question.
 *
 * @example
 * ```ts
 * for (const c of compareBenchmarks(survey, agg.result())) {
 *   if (c.status === 'compared') console.log(c.item ?? c.score, c.share?.points ?? c.mean?.difference);
 * }
 * ```
 */
export function compareBenchmarks(
  survey: Survey,
  result: Aggregator | AggregateResult,
  options: CompareBenchmarksOptions = {},
): BenchmarkComparison[] {
  const locale = options.locale ?? 'ja';
  const level = checkLevel(options.level === undefined ? { locale } : { level: options.level, locale });
  const r = asResult(result, ['result'], locale);
  if (r.surveyHash !== survey?.hash)
    fail('survey_mismatch', ['result'], locale, { expected: survey?.hash, actual: r.surveyHash });
  return (survey.template.benchmarks ?? []).map((b, index): BenchmarkComparison => {
    const where = b.group ?? {};
    const statistic = b.statistic ?? 'favourableShare';
    const gi = findGroup(r, where);
    const base = {
      index,
      item: b.item ?? null,
      score: b.score ?? null,
      statistic,
      group: groupKey([...r.by, ...Object.keys(where).filter((id) => !r.by.includes(id))], where),
      benchmark: { value: b.value, n: b.n ?? null, source: b.source, year: b.year },
    };
    const empty = { n: null, share: null, mean: null };
    if (gi === undefined) return { ...base, status: 'groupNotAnalysed', ...empty };
    let share: ShareEstimate | null = null;
    let mean: MeanEstimate | null = null;
    let ours: WeightedMean | null | undefined;
    let n = 0;
    let suppressed = false;
    let applicable = true;
    if (b.item !== undefined) {
      const item = r.items.find((i) => i.id === b.item)?.groups[gi];
      if (!item) return { ...base, status: 'notApplicable', ...empty };
      ({ n, suppressed } = item);
      if (statistic === 'favourableShare') {
        share = item.favourable;
        ours = item.weighted?.favourable;
      } else {
        mean = item.mean;
        ours = item.weighted?.mean;
      }
      applicable = suppressed || n === 0 || (share ?? mean) !== null;
    } else {
      const score = r.scores.find((s) => s.id === b.score);
      const group = score?.groups[gi];
      if (!score || !group) return { ...base, status: 'notApplicable', ...empty };
      ({ n, suppressed } = group);
      if (statistic === 'mean' || score.method === 'favourableShare') {
        mean = group.mean;
        ours = group.weighted?.mean;
      } else if (score.method === 'count') {
        share = group.atLeastOne;
        ours = group.weighted?.atLeastOne;
      } else applicable = false;
    }
    if (!applicable) return { ...base, status: 'notApplicable', ...empty };
    if (suppressed) return { ...base, status: 'suppressed', ...empty, n };
    if (share === null && mean === null) return { ...base, status: 'noData', ...empty, n };
    const opts = { level, locale };
    const weighted: Partial<BenchmarkComparison> = {};
    if (r.weighting) {
      const benchmarkVariance = share !== null && b.n !== undefined ? (b.value * (1 - b.value)) / b.n : 0;
      weighted.weighted = ours
        ? differenceOf(
            ours.mean,
            b.value,
            Math.sqrt(ours.se ** 2 + benchmarkVariance),
            level,
            share ? 100 : 1,
          )
        : null;
    }
    return {
      ...base,
      status: 'compared',
      n,
      share:
        share === null
          ? null
          : b.n === undefined
            ? shareAgainstValue(share, b.value, opts)
            : shareDifference(share, { count: b.value * b.n, n: b.n }, opts),
      mean: mean === null ? null : meanAgainstValue(mean, b.value, opts),
      ...weighted,
    };
  });
}
