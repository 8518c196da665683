import type { LocalisedText } from '../schema/index.js';
import {
  type AggregateResult,
  compareGapChange,
  compareWaves,
  type ItemGapChange,
  type OverlappingComparison,
  type PairedComparison,
  type WaveComparison,
} from '../scoring/index.js';
import type { WaveVerdict, WhatChangedInput } from './whatChanged.js';

/** One group's change from the last earlier wave to this one, as "What changed" shows it. */
export type GroupChange = { key: string; where: Record<string, number> } & (
  | { kind: 'suppressed' }
  | { kind: 'independent'; comparison: WaveComparison }
  | { kind: 'paired'; comparison: PairedComparison }
  | { kind: 'overlapping'; comparison: OverlappingComparison }
);

/** The figures of the "What changed" section, unrounded: what the report's tables are made of. */
export interface WhatChangedFigures {
  /** The last earlier wave (the one compared) and this wave: how the report names them, and size. */
  before: { label: string; responses: number };
  after: { label: string; responses: number };
  /**
   * Independent samples (`compareWaves`), the same people twice (`comparePaired`), or samples that
   * partly overlap (`compareOverlapping`).
   */
  method: 'independent' | 'paired' | 'overlapping';
  /** Weighted figures with design-based standard errors (in `weighted` of each difference). */
  weighted: boolean;
  /** Everyone, then each category of the first grouping question. */
  groups: GroupChange[];
  /** The change of the gap the report shows (`compareGapChange`), when both waves have it. */
  gap: { by: string; a: number; b: number; groupA: string; groupB: string; items: ItemGapChange[] } | null;
  /** Results of the last earlier wave judged not comparable (another template version), and why. */
  notCompared: { id: string; label: LocalisedText; why: { ja: string; en: string } }[];
}

/** What {@link whatChangedFigures} compares. */
export interface WhatChangedFiguresOptions {
  /** This wave's aggregate result (grouped, with the gap requests of the earlier waves). */
  result: AggregateResult;
  /** The earlier waves; the last one is compared with this wave. */
  waves: WhatChangedInput;
  /** Language of error messages; default `ja`. */
  locale?: 'ja' | 'en';
}

/**
 * The "What changed" figures of a report, at full precision: per group the change of every score,
 * statement and set from the last earlier wave (`compareWaves`, or the given `comparePaired`
 * results for a panel, or the given `compareOverlapping` results when only some answered both), the change of the gap, and what could not be compared. Results judged not
 * comparable are left out of the changes and listed in `notCompared`; a group suppressed in either
 * wave has no comparison. Null when there is no earlier wave.
 *
 * @example
 * ```ts
 * const figures = whatChangedFigures({ result: thisYear, waves: { previous: [{ label: '2025', result: lastYear }], label: '2026' } });
 * figures?.groups[0]; // { key: 'all', kind: 'independent', comparison: { items: [{ id: 'h01', favourable: { points: 4.2, … } }, …] } }
 * ```
 */
export function whatChangedFigures(options: WhatChangedFiguresOptions): WhatChangedFigures | null {
  const { result, waves: input } = options;
  const locale = options.locale ?? 'ja';
  const last = input.previous[input.previous.length - 1];
  if (last === undefined) return null;
  const blocked = notComparable(last.verdicts);
  const keep = (entry: { id: string }) => !blocked.has(entry.id);
  // Another version of the template: its verdicts say what may be compared, and only that is kept.
  const earlier =
    last.verdicts === undefined ? last.result : { ...last.result, templateId: result.templateId };

  const groups: GroupChange[] = [];
  const firstBy = result.by[0];
  for (const group of result.groups) {
    const shown =
      group.key === 'all' ||
      (firstBy !== undefined && Object.keys(group.where).length === 1 && Object.hasOwn(group.where, firstBy));
    const before = last.result.groups.find((g) => g.key === group.key);
    if (!shown || before === undefined) continue;
    const base = { key: group.key, where: group.where };
    if (
      group.key !== 'all' &&
      (group.suppressed || before.suppressed || group.respondents === 0 || before.respondents === 0)
    ) {
      groups.push({ ...base, kind: 'suppressed' });
      continue;
    }
    // A group with too few linked respondents was never compared: it has no line at all.
    if (input.paired !== undefined) {
      const paired = linkedFor(input.paired, group.key);
      if (paired !== undefined)
        groups.push({ ...base, kind: 'paired', comparison: comparable(paired, keep) });
      continue;
    }
    if (input.overlapping !== undefined) {
      const overlapping = linkedFor(input.overlapping, group.key);
      if (overlapping !== undefined)
        groups.push({ ...base, kind: 'overlapping', comparison: comparable(overlapping, keep) });
      continue;
    }
    const change = compareWaves({
      before: earlier,
      after: result,
      group: group.where,
      level: result.level,
      locale,
    });
    groups.push({ ...base, kind: 'independent', comparison: comparable(change, keep) });
  }

  const gapNow = result.gaps[0];
  const gapBefore =
    gapNow === undefined
      ? undefined
      : last.result.gaps.find((g) => g.by === gapNow.by && g.a === gapNow.a && g.b === gapNow.b);
  const gap =
    gapNow === undefined || gapBefore === undefined
      ? null
      : {
          by: gapNow.by,
          a: gapNow.a,
          b: gapNow.b,
          groupA: gapNow.groupA,
          groupB: gapNow.groupB,
          items: compareGapChange({ before: gapBefore, after: gapNow, level: result.level, locale }).filter(
            keep,
          ),
        };

  return {
    before: { label: last.label, responses: last.result.responses },
    after: { label: input.label, responses: result.responses },
    method:
      input.paired !== undefined ? 'paired' : input.overlapping !== undefined ? 'overlapping' : 'independent',
    weighted: result.weighting !== undefined,
    groups,
    gap,
    notCompared: [...blocked.values()].map((v) => ({
      id: v.id,
      label: v.label,
      why: v.previousWave.why,
    })),
  };
}

/** The results an earlier wave's verdicts judge not comparable, by id. */
export function notComparable(verdicts: readonly WaveVerdict[] | undefined): Map<string, WaveVerdict> {
  return new Map((verdicts ?? []).filter((v) => !v.previousWave.comparable).map((v) => [v.id, v]));
}

/** The linked comparison (paired or overlapping) of everyone or of one group. */
function linkedFor<T>(linked: { all: T; groups?: Readonly<Record<string, T>> }, key: string): T | undefined {
  if (key === 'all') return linked.all;
  return linked.groups !== undefined && Object.hasOwn(linked.groups, key) ? linked.groups[key] : undefined;
}

/** A comparison without the results judged not comparable. */
function comparable<T extends { items: { id: string }[]; scores: { id: string }[]; sets: { id: string }[] }>(
  comparison: T,
  keep: (entry: { id: string }) => boolean,
): T {
  return {
    ...comparison,
    items: comparison.items.filter(keep),
    scores: comparison.scores.filter(keep),
    sets: comparison.sets.filter(keep),
  };
}
