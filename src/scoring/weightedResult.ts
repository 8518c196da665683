import type { MessageLocale } from '../core/issue.js';
import type { EstimationDesign } from './estimationDesign.js';
import type { SurveyPlan } from './surveyPlan.js';
import {
  codeTarget,
  continuousTarget,
  type DomainForm,
  type EstimationContext,
  estimationContext,
  type TargetTable,
  type WeightedDifference,
  type WeightedMean,
  type WeightedShare,
  weightedGap,
  weightedMean,
  weightedShare,
} from './weightedEstimate.js';
import type { WeightedData } from './weightedState.js';

/** A code's weighted share among substantive answers (null for missing codes). */
export interface WeightedCode {
  code: number;
  share: number | null;
  se: number | null;
  /** Estimated number of people who would give the code (Σw) and its standard error. */
  total: number | null;
  totalSe: number | null;
}

/** Weighted estimates of an item in a group (null where the unweighted statistic is absent). */
export interface WeightedItem {
  codes: WeightedCode[] | null;
  favourable: WeightedShare | null;
  mean: WeightedMean | null;
}

/** Weighted estimates of a score in a group. */
export interface WeightedScore {
  mean: WeightedMean | null;
  atLeastOne: WeightedShare | null;
}

/** Weighted estimate of a set in a group. */
export interface WeightedSet {
  atLeastOne: WeightedShare | null;
}

/** What a weighted result rests on. */
export interface WeightingInfo {
  design: EstimationDesign;
  /** Strata with respondents. */
  strata: number;
  /** Σ of all weights. */
  sumWeights: number;
  /** Kish's effective sample size (Σw)² / Σw². */
  effectiveN: number;
  /** Degrees of freedom of the whole sample: respondents − strata. */
  df: number;
}

type Estimate = { estimate: WeightedMean; form: DomainForm };

/** One estimated target: its table and its estimate per group (null where hidden or empty). */
interface Target {
  table: TargetTable;
  groups: Array<Estimate | null>;
}

/** Weighted estimates of every item, score and set per group, kept for gaps between groups. */
export class WeightedResults {
  readonly info: WeightingInfo;
  readonly items = new Map<string, { favourable?: Target; mean?: Target }>();
  readonly scores = new Map<string, { mean?: Target; atLeastOne?: Target }>();
  readonly sets = new Map<string, Target>();
  readonly itemResults: Map<string, WeightedItem[]> = new Map();
  readonly scoreResults: Map<string, WeightedScore[]> = new Map();
  readonly setResults: Map<string, WeightedSet[]> = new Map();
  private readonly ctx: EstimationContext;

  constructor(
    plan: SurveyPlan,
    weighted: WeightedData,
    domains: Uint8Array[],
    hidden: (group: number, n: number) => boolean,
    unweightedN: (kind: 'item' | 'score' | 'set', id: string, group: number) => number,
    level: number,
    tQuantile: (p: number, df: number) => number,
    locale: MessageLocale,
  ) {
    const ctx = estimationContext(weighted, plan.cells, level, tQuantile, locale);
    this.ctx = ctx;
    let sumW = 0;
    let sumW2 = 0;
    let n = 0;
    for (const b of ctx.blocks) {
      for (let i = 0; i < b.rows.length; i += 4) {
        n += b.rows[i]!;
        sumW += b.rows[i + 1]!;
        sumW2 += b.rows[i + 2]!;
      }
    }
    this.info = {
      design: structuredClone(weighted.design),
      strata: ctx.blocks.length,
      sumWeights: sumW,
      effectiveN: sumW2 > 0 ? (sumW * sumW) / sumW2 : 0,
      df: n - ctx.blocks.length,
    };
    const G = domains.length;
    const per = (
      kind: 'item' | 'score' | 'set',
      id: string,
      table: TargetTable,
      estimate: (t: TargetTable, d: Uint8Array) => Estimate | null,
    ): Target => ({
      table,
      groups: domains.map((d, g) => (hidden(g, unweightedN(kind, id, g)) ? null : estimate(table, d))),
    });
    const mean = (t: TargetTable, d: Uint8Array) => weightedMean(ctx, t, d);
    const share = (t: TargetTable, d: Uint8Array) => weightedShare(ctx, t, d);
    const width = plan.width;
    const J = plan.numberKeys.length;
    const T = weighted.layout.targets;

    for (const item of plan.items) {
      const results: WeightedItem[] = [];
      if (item.kind === 'number') {
        const target = per('item', item.id, continuousTarget(ctx, T, item.slot), mean);
        this.items.set(item.id, { mean: target });
        for (let g = 0; g < G; g++)
          results.push({ codes: null, favourable: null, mean: target.groups[g]?.estimate ?? null });
        this.itemResults.set(item.id, results);
        continue;
      }
      const base = plan.slotBase[item.slot]!;
      const options = plan.slotOptions[item.slot]!;
      const multi = item.kind === 'multiple' || item.kind === 'ranking';
      const substantive: number[] = [];
      for (let i = 0; i < options; i++) if (plan.optMissing[base + i] !== 1) substantive.push(base + i);
      const termsFor = (y: (position: number) => number) =>
        multi
          ? [
              { position: base + options, inDomain: true, y: 0 },
              ...substantive.map((position) => ({ position, inDomain: false, y: y(position) })),
            ]
          : substantive.map((position) => ({ position, inDomain: true, y: y(position) }));
      const entry: { favourable?: Target; mean?: Target } = {};
      if (item.favourable && !multi)
        entry.favourable = per(
          'item',
          item.id,
          codeTarget(
            ctx,
            width,
            termsFor((p) => plan.optFavourable[p]!),
          ),
          share,
        );
      if (item.numeric && !multi)
        entry.mean = per(
          'item',
          item.id,
          codeTarget(
            ctx,
            width,
            termsFor((p) => plan.optValue[p]!),
          ),
          mean,
        );
      this.items.set(item.id, entry);
      const codes = item.codes.map((_code, i) =>
        item.missing[i]
          ? null
          : per(
              'item',
              item.id,
              codeTarget(
                ctx,
                width,
                termsFor((p) => (p === base + i ? 1 : 0)),
              ),
              mean,
            ),
      );
      for (let g = 0; g < G; g++) {
        const hiddenGroup = hidden(g, unweightedN('item', item.id, g));
        results.push({
          codes: hiddenGroup
            ? null
            : item.codes.map((code, i) => {
                const e = codes[i]?.groups[g]?.estimate;
                return e
                  ? { code, share: e.mean, se: e.se, total: e.total, totalSe: e.totalSe }
                  : { code, share: null, se: null, total: null, totalSe: null };
              }),
          favourable: (entry.favourable?.groups[g]?.estimate as WeightedShare | undefined) ?? null,
          mean: entry.mean?.groups[g]?.estimate ?? null,
        });
      }
      this.itemResults.set(item.id, results);
    }

    plan.scores.forEach((score, k) => {
      const entry: { mean?: Target; atLeastOne?: Target } = {
        mean: per('score', score.id, continuousTarget(ctx, T, J + k), mean),
      };
      if (score.methodCode >= 2)
        entry.atLeastOne = per(
          'score',
          score.id,
          continuousTarget(ctx, T, J + plan.scores.length + k),
          share,
        );
      this.scores.set(score.id, entry);
      this.scoreResults.set(
        score.id,
        domains.map((_, g) => ({
          mean: entry.mean?.groups[g]?.estimate ?? null,
          atLeastOne: (entry.atLeastOne?.groups[g]?.estimate as WeightedShare | undefined) ?? null,
        })),
      );
    });
    plan.sets.forEach((set, k) => {
      const target = per('set', set.id, continuousTarget(ctx, T, J + 2 * plan.scores.length + k), share);
      this.sets.set(set.id, target);
      this.setResults.set(
        set.id,
        domains.map((_, g) => ({
          atLeastOne: (target.groups[g]?.estimate as WeightedShare | undefined) ?? null,
        })),
      );
    });
  }

  /** The gap a − b between groups `ga` and `gb` of one target, with their covariance; null if either is missing. */
  gap(target: Target | undefined, ga: number, gb: number, scale: number): WeightedDifference | null {
    const a = target?.groups[ga];
    const b = target?.groups[gb];
    if (!target || !a || !b) return null;
    return weightedGap(this.ctx, target.table, a, b, scale);
  }
}
