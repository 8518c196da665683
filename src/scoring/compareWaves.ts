import type { MessageLocale } from '../core/issue.js';
import { type AggregateResult, asResult } from './aggregateResult.js';
import type { Aggregator } from './createAggregator.js';
import { checkLevel } from './differences.js';
import {
  differencesBetween,
  type ItemDifference,
  independentPair,
  type ScoreDifference,
  type SetDifference,
} from './groupGaps.js';
import { fail } from './messages.js';
import { groupKey } from './surveyPlan.js';

/** Options of {@link compareWaves}. */
export interface CompareWavesOptions {
  /** The earlier wave: an aggregator or its result. */
  before: Aggregator | AggregateResult;
  /** The later wave. */
  after: Aggregator | AggregateResult;
  /** Compare one group instead of everyone, e.g. `{ sex: 2 }`; both waves must be grouped by its questions. */
  group?: Record<string, number>;
  /** Confidence level. Default 0.95. */
  level?: number;
  /** Language of error messages. Default `ja`. */
  locale?: MessageLocale;
}

/** What one wave contributed to a comparison. */
export interface WaveInfo {
  surveyHash: string;
  templateVersion: string;
  responses: number;
  /** Respondents of the compared group. */
  respondents: number;
}

/**
 * Change between two independent waves (different samples) of one template: after − before for
 * every item, score and set present in both. In each difference, `a` is the later wave and `b` the
 * earlier one.
 */
export interface WaveComparison {
  templateId: string;
  group: string;
  before: WaveInfo;
  after: WaveInfo;
  items: ItemDifference[];
  scores: ScoreDifference[];
  sets: SetDifference[];
}

/**
 * Compares two waves of a survey, treated as independent samples: differences of favourable shares
 * in points with Newcombe's interval and the two-proportion z test, differences of means with Welch's
 * interval and t test. Waves may use different versions of a template; items are matched by id.
 * Suppressed or empty groups give null differences. For the same people asked twice, use
 * {@link comparePaired}.
 *
 * @example
 * ```ts
 * const change = compareWaves({ before: wave2025, after: wave2026, group: { sex: 2 } });
 * change.items.find((i) => i.id === 'r01')?.favourable; // { points: -6.1, lower: -9.8, upper: -2.4, p: 0.001, … }
 * ```
 */
export function compareWaves(options: CompareWavesOptions): WaveComparison {
  const locale = options.locale ?? 'ja';
  const level = checkLevel(options.level === undefined ? { locale } : { level: options.level, locale });
  const before = asResult(options.before, ['before'], locale);
  const after = asResult(options.after, ['after'], locale);
  if (before.templateId !== after.templateId) {
    fail('template_mismatch', [], locale, { before: before.templateId, after: after.templateId });
  }
  const where = options.group ?? {};
  const find = (result: AggregateResult, side: string): number => {
    const key = groupKey(result.by, where);
    const unknown = Object.keys(where).find((id) => !result.by.includes(id));
    const index = result.groups.findIndex((g) => g.key === key);
    if (unknown !== undefined || index < 0)
      fail('unknown_group', [side, 'group'], locale, { group: unknown ?? key });
    return index;
  };
  const ib = find(before, 'before');
  const ia = find(after, 'after');
  const info = (result: AggregateResult, i: number): WaveInfo => ({
    surveyHash: result.surveyHash,
    templateVersion: result.templateVersion,
    responses: result.responses,
    respondents: result.groups[i]!.respondents,
  });
  return {
    templateId: after.templateId,
    group: after.groups[ia]!.key,
    before: info(before, ib),
    after: info(after, ia),
    ...differencesBetween(after, ia, before, ib, { level, locale }, independentPair(level)),
  };
}
