import type { MessageLocale } from '../core/issue.js';
import type { ShareDifference } from './differences.js';
import { checkLevel } from './differences.js';
import type { GapResult } from './groupGaps.js';
import { fail } from './messages.js';
import { differenceOf, type WeightedDifference } from './weightedEstimate.js';

/** Options of {@link compareGapChange}. */
export interface CompareGapChangeOptions {
  /** The gap in the earlier wave, e.g. `resultBefore.gaps[0]`. */
  before: GapResult;
  /** The same gap (same `by`, `a`, `b`, `within`) in the later wave. */
  after: GapResult;
  /** Confidence level. Default 0.95. */
  level?: number;
  /** Language of error messages. Default `ja`. */
  locale?: MessageLocale;
}

/** How the gap on one item's favourable share moved between two waves, all in points. */
export interface ItemGapChange {
  id: string;
  /** The gap a − b in each wave; null when either group was suppressed or empty. */
  before: number | null;
  after: number | null;
  /** after − before with a normal interval and z test; null when a gap or its variance is missing. */
  change: WeightedDifference | null;
  /** True when both gaps are of weighted figures with design-based standard errors. */
  weighted: boolean;
}

/**
 * The change of a gap between groups (such as women − men on each statement) from one wave to the
 * next. The waves are independent samples and the two groups of a wave are disjoint, so the variance
 * of the change is the sum of the four groups' variances: p(1 − p)/n for each share (Wald), or
 * the design-based variances of weighted gaps. The interval is normal; the test is the z test of
 * the difference of differences.
 *
 * @example
 * ```ts
 * const gap = [{ by: 'sex', a: 1, b: 2 }];
 * const change = compareGapChange({ before: wave1.result({ gaps: gap }).gaps[0]!, after: wave2.result({ gaps: gap }).gaps[0]! });
 * change.find((c) => c.id === 'h01')?.change; // { difference: 4.2, lower: -1.3, upper: 9.7, p: 0.13, … }
 * ```
 */
export function compareGapChange(options: CompareGapChangeOptions): ItemGapChange[] {
  const locale = options.locale ?? 'ja';
  const level = checkLevel(options.level === undefined ? { locale } : { level: options.level, locale });
  const { before, after } = options;
  const same =
    before.by === after.by &&
    before.a === after.a &&
    before.b === after.b &&
    JSON.stringify(before.within) === JSON.stringify(after.within);
  if (!same)
    fail('invalid_option', ['after'], locale, {
      expectedJa: '前の回と同じグループ間の差',
      expectedEn: 'the gap between the same groups as in the earlier wave',
    });
  const earlier = new Map(before.items.map((item) => [item.id, item]));
  return after.items.flatMap((item): ItemGapChange[] => {
    const old = earlier.get(item.id);
    if (old === undefined) return [];
    const wa = item.weighted?.favourable;
    const wb = old.weighted?.favourable;
    if (wa !== undefined && wb !== undefined) {
      const change =
        wa && wb
          ? differenceOf(wa.difference / 100, wb.difference / 100, Math.hypot(wa.se, wb.se) / 100, level, 100)
          : null;
      return [
        {
          id: item.id,
          before: wb?.difference ?? null,
          after: wa?.difference ?? null,
          change,
          weighted: true,
        },
      ];
    }
    const a = item.favourable;
    const b = old.favourable;
    const se = a && b ? Math.hypot(waldSe(a), waldSe(b)) : null;
    const change =
      a && b && se !== null && Number.isFinite(se)
        ? differenceOf(a.points / 100, b.points / 100, se, level, 100)
        : null;
    return [{ id: item.id, before: b?.points ?? null, after: a?.points ?? null, change, weighted: false }];
  });
}

/** The Wald standard error of a difference of two independent shares. */
function waldSe(d: ShareDifference): number {
  return Math.sqrt((d.a * (1 - d.a)) / d.nA + (d.b * (1 - d.b)) / (d.nB ?? Number.POSITIVE_INFINITY));
}
