import type { MessageLocale } from '../core/issue.js';
import type { SurveyResponse } from '../schema/response.js';
import type { Survey } from '../schema/survey.js';
import {
  type OverlappingMeanDifference,
  type OverlappingShareDifference,
  overlappingMeanDifference,
  overlappingShareDifference,
} from './differences.js';
import {
  agreesWith,
  linkByRespondent,
  linkedComparisonSetup,
  type ReadResponse,
  reader,
  tally,
} from './linkResponses.js';
import { addMoment } from './moments.js';
import type { ItemSet } from './surveyPlan.js';

/** Options of {@link compareOverlapping}. */
export interface CompareOverlappingOptions {
  survey: Survey;
  /** Every response of the earlier wave. */
  before: readonly SurveyResponse[];
  /** Every response of the later wave; responses with a `respondentId` of the earlier wave are linked to it. */
  after: readonly SurveyResponse[];
  /** Declared sets for "agrees with at least one", as in `createAggregator`. */
  sets?: ItemSet[];
  /** A statistic resting on fewer answers in either wave is suppressed. Default 5. */
  minGroupSize?: number;
  /** Confidence level. Default 0.95. */
  level?: number;
  /** Language of error messages. Default `ja`. */
  locale?: MessageLocale;
}

/** How many answers a statistic rests on: in each wave (linked respondents included), and in both. */
export interface OverlappingCounts {
  before: number;
  after: number;
  linked: number;
}

/** One item across partially overlapping waves. */
export interface OverlappingItem {
  id: string;
  n: OverlappingCounts;
  suppressed: boolean;
  favourable: OverlappingShareDifference | null;
  mean: OverlappingMeanDifference | null;
}

/** One score across partially overlapping waves. */
export interface OverlappingScore {
  id: string;
  n: OverlappingCounts;
  suppressed: boolean;
  mean: OverlappingMeanDifference | null;
  atLeastOne: OverlappingShareDifference | null;
}

/** One declared set across partially overlapping waves. */
export interface OverlappingSet {
  id: string;
  n: OverlappingCounts;
  suppressed: boolean;
  atLeastOne: OverlappingShareDifference | null;
}

/** Change between two waves that share some respondents: after − before, from every response. */
export interface OverlappingComparison {
  /** Responses read in each wave. */
  responses: { before: number; after: number };
  /** Respondents in both waves (linked by `respondentId`), both responses read. */
  linked: number;
  /** Responses left out because they were unreadable or of another template. */
  rejected: { before: number; after: number };
  items: OverlappingItem[];
  scores: OverlappingScore[];
  sets: OverlappingSet[];
}

/**
 * Per statistic: shares of each wave [count, n] × 2, moments of each wave [n, mean, M2] × 2, the
 * pairs' table [both, only before, only after, neither] and their co-moments [n, mx, my, Mxx, Myy, Mxy].
 */
interface Accumulator {
  share: Float64Array;
  moments: Float64Array;
  table: Float64Array;
  co: Float64Array;
}

const newAccumulator = (): Accumulator => ({
  share: new Float64Array(4),
  moments: new Float64Array(6),
  table: new Float64Array(4),
  co: new Float64Array(6),
});

/**
 * Compares two waves in which some respondents answered both (a staff survey where part of the
 * staff changed): every response of each wave counts, and the respondents linked by `respondentId`
 * give the covariance between the waves. Shares use the partially overlapping z test (Derrick et
 * al. 2015) with Newcombe's square-and-add interval, means the partially overlapping t test
 * (Derrick et al. 2017): see {@link overlappingShareDifference} and
 * {@link overlappingMeanDifference}. With nobody linked the figures are those of `compareWaves`;
 * with everybody linked, those of {@link comparePaired} (McNemar's asymptotic test). Responses of
 * any version of the survey's template are read with the survey's codes, as by `comparePaired`.
 *
 * @example
 * ```ts
 * const change = compareOverlapping({ survey, before: wave2025, after: wave2026 });
 * change.linked; // 96
 * change.items.find((i) => i.id === 'r01')?.favourable; // { points: 5.2, lower: …, upper: …, z: 2.1, p: 0.036, linked: 90, … }
 * ```
 */
export function compareOverlapping(options: CompareOverlappingOptions): OverlappingComparison {
  const { locale, level, min, plan, items } = linkedComparisonSetup(options);
  const { pairs } = linkByRespondent(options.before, options.after, locale);
  const itemAcc = items.map(newAccumulator);
  const scoreAcc = plan.scores.map(newAccumulator);
  const setAcc = plan.sets.map(newAccumulator);
  const read = reader(plan);

  // What one response contributes to each statistic: favourable (or null) and a value (NaN if none).
  const itemOf = (r: ReadResponse, i: number): [boolean | null, number] => {
    const item = items[i]!;
    if (item.kind === 'number') return [null, r.numbers[item.slot]!];
    const g = r.g[item.slot]!;
    if (g < 0 || plan.optMissing[g] === 1) return [null, Number.NaN];
    return [plan.optFavourable[g] === 1, plan.optValue[g]!];
  };
  const scoreOf = (r: ReadResponse, k: number): [boolean | null, number] => {
    const value = r.scores[k * 2]!;
    return Number.isNaN(value) ? [null, value] : [r.scores[k * 2 + 1]! >= 1, value];
  };
  const setOf = (r: ReadResponse, k: number): [boolean | null, number] => {
    const set = plan.sets[k]!;
    return [agreesWith(plan, set.slots, set.agree, r.g), Number.NaN];
  };
  const each = (fn: (acc: Accumulator, of: (r: ReadResponse) => [boolean | null, number]) => void) => {
    itemAcc.forEach((acc, i) => fn(acc, (r) => itemOf(r, i)));
    scoreAcc.forEach((acc, k) => fn(acc, (r) => scoreOf(r, k)));
    setAcc.forEach((acc, k) => fn(acc, (r) => setOf(r, k)));
  };

  const readWave = (responses: readonly SurveyResponse[], wave: 0 | 1) => {
    let rejected = 0;
    const out = responses.map((response) => {
      const r = read(response);
      if (r === undefined) {
        rejected++;
        return undefined;
      }
      each((acc, of) => {
        const [favourable, value] = of(r);
        if (favourable !== null) {
          acc.share[wave * 2] = acc.share[wave * 2]! + (favourable ? 1 : 0);
          acc.share[wave * 2 + 1] = acc.share[wave * 2 + 1]! + 1;
        }
        if (!Number.isNaN(value)) addMoment(acc.moments, wave * 3, value);
      });
      return r;
    });
    return { out, rejected };
  };
  const before = readWave(options.before, 0);
  const after = readWave(options.after, 1);
  let linked = 0;
  for (const [b, a] of pairs) {
    const rb = before.out[b];
    const ra = after.out[a];
    if (rb === undefined || ra === undefined) continue;
    linked++;
    each((acc, of) => {
      const [fb, xb] = of(rb);
      const [fa, xa] = of(ra);
      if (fb !== null && fa !== null) tally(acc.table, fb, fa);
      if (!Number.isNaN(xb) && !Number.isNaN(xa)) addPair(acc.co, xb, xa);
    });
  }

  const shareOf = (acc: Accumulator, wanted: boolean): OverlappingShareDifference | null => {
    const [cb, nb, ca, na] = acc.share;
    if (!wanted || nb === 0 || na === 0) return null;
    const t = acc.table;
    return overlappingShareDifference(
      {
        before: { count: cb!, n: nb! },
        after: { count: ca!, n: na! },
        pairs: { both: t[0]!, onlyBefore: t[1]!, onlyAfter: t[2]!, neither: t[3]! },
      },
      { level, locale },
    );
  };
  const meanOf = (acc: Accumulator, wanted: boolean): OverlappingMeanDifference | null => {
    const m = acc.moments;
    if (!wanted || m[0] === 0 || m[3] === 0) return null;
    const side = (at: number) => ({
      n: m[at]!,
      mean: m[at + 1]!,
      sd: m[at]! >= 2 ? Math.sqrt(m[at + 2]! / (m[at]! - 1)) : null,
    });
    const co = acc.co;
    const correlation =
      co[0]! >= 2 && co[3]! > 0 && co[4]! > 0
        ? Math.max(-1, Math.min(1, co[5]! / Math.sqrt(co[3]! * co[4]!)))
        : null;
    return overlappingMeanDifference(
      { before: side(0), after: side(3), pairs: { n: co[0]!, correlation } },
      { level, locale },
    );
  };
  // Counts: the larger of the share's and the moments' denominators (they differ only for numbers).
  const counts = (acc: Accumulator): OverlappingCounts => ({
    before: Math.max(acc.share[1]!, acc.moments[0]!),
    after: Math.max(acc.share[3]!, acc.moments[3]!),
    linked: Math.max(acc.table[0]! + acc.table[1]! + acc.table[2]! + acc.table[3]!, acc.co[0]!),
  });
  const hide = (n: OverlappingCounts): boolean =>
    (n.before > 0 && n.before < min) || (n.after > 0 && n.after < min);
  return {
    responses: {
      before: options.before.length - before.rejected,
      after: options.after.length - after.rejected,
    },
    linked,
    rejected: { before: before.rejected, after: after.rejected },
    items: items.map((item, i) => {
      const acc = itemAcc[i]!;
      const n = counts(acc);
      const suppressed = hide(n);
      return {
        id: item.id,
        n,
        suppressed,
        favourable: suppressed ? null : shareOf(acc, item.favourable),
        mean: suppressed ? null : meanOf(acc, item.numeric),
      };
    }),
    scores: plan.scores.map((score, k) => {
      const acc = scoreAcc[k]!;
      const n = counts(acc);
      const suppressed = hide(n);
      return {
        id: score.id,
        n,
        suppressed,
        mean: suppressed ? null : meanOf(acc, true),
        atLeastOne: suppressed ? null : shareOf(acc, score.methodCode >= 2),
      };
    }),
    sets: plan.sets.map((set, k) => {
      const acc = setAcc[k]!;
      const n = counts(acc);
      const suppressed = hide(n);
      return { id: set.id, n, suppressed, atLeastOne: suppressed ? null : shareOf(acc, true) };
    }),
  };
}

/** Adds a pair (x before, y after) to co-moments [n, mean x, mean y, Mxx, Myy, Mxy] (Welford). */
function addPair(co: Float64Array, x: number, y: number): void {
  const n = co[0]! + 1;
  const dx = x - co[1]!;
  const dy = y - co[2]!;
  const mx = co[1]! + dx / n;
  const my = co[2]! + dy / n;
  co[0] = n;
  co[1] = mx;
  co[2] = my;
  co[3] = co[3]! + dx * (x - mx);
  co[4] = co[4]! + dy * (y - my);
  co[5] = co[5]! + dx * (y - my);
}
