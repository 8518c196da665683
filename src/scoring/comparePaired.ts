import type { MessageLocale } from '../core/issue.js';
import type { SurveyResponse } from '../schema/response.js';
import type { Survey } from '../schema/survey.js';
import {
  type PairedMeanDifference,
  type PairedShareDifference,
  pairedMeanDifference,
  pairedShareDifference,
} from './differences.js';
import { agreesWith, linkByRespondent, linkedComparisonSetup, reader, tally } from './linkResponses.js';
import { fail } from './messages.js';
import { addMoment } from './moments.js';
import type { ItemSet } from './surveyPlan.js';

/** Options of {@link comparePaired}. */
export interface ComparePairedOptions {
  survey: Survey;
  /** Pairs of the same respondent's responses, `[before, after]`. */
  pairs?: ReadonlyArray<readonly [SurveyResponse, SurveyResponse]>;
  /** Or two waves, linked by `respondentId` (a pseudonym that stays the same across waves). */
  before?: readonly SurveyResponse[];
  after?: readonly SurveyResponse[];
  /** Declared sets for "agrees with at least one", as in `createAggregator`. */
  sets?: ItemSet[];
  /** Statistics resting on fewer pairs are suppressed. Default 5. */
  minGroupSize?: number;
  /** Confidence level. Default 0.95. */
  level?: number;
  /** Language of error messages. Default `ja`. */
  locale?: MessageLocale;
}

/** One item, paired: only pairs where both answers are substantive count. */
export interface PairedItem {
  id: string;
  pairs: number;
  suppressed: boolean;
  favourable: PairedShareDifference | null;
  mean: PairedMeanDifference | null;
}

/** One score, paired: pairs where both responses have the score. */
export interface PairedScore {
  id: string;
  pairs: number;
  suppressed: boolean;
  mean: PairedMeanDifference | null;
  atLeastOne: PairedShareDifference | null;
}

/** One declared set, paired. */
export interface PairedSet {
  id: string;
  pairs: number;
  suppressed: boolean;
  atLeastOne: PairedShareDifference | null;
}

/** Change within the same respondents: after − before. */
export interface PairedComparison {
  /** Pairs analysed. */
  pairs: number;
  /** Responses without a partner in the other wave (linking by respondentId only). */
  unmatched: { before: number; after: number };
  /** Pairs left out because a response was unreadable or of another template. */
  rejected: number;
  items: PairedItem[];
  scores: PairedScore[];
  sets: PairedSet[];
}

interface Accumulator {
  table: Float64Array;
  diff: Float64Array;
}

/**
 * Compares the same respondents before and after: for favourable shares the paired difference in
 * points with Newcombe's paired interval and McNemar's test (exact binomial below 25 discordant
 * pairs), for means the paired t interval and test. Give `pairs`, or `before` and `after` to be
 * linked by `respondentId`. Responses of any version of the survey's template are read with the
 * survey's codes.
 *
 * @example
 * ```ts
 * const change = comparePaired({ survey, before: wave1, after: wave2 });
 * change.items.find((i) => i.id === 'r01')?.favourable; // { points: -4, lower: -5.9, upper: -2.1, p: 0.00003, test: 'asymptotic', … }
 * ```
 */
export function comparePaired(options: ComparePairedOptions): PairedComparison {
  const { locale, level, min, plan, items } = linkedComparisonSetup(options);
  const { pairs, unmatched } = linkPairs(options, locale);

  const newAcc = (): Accumulator => ({ table: new Float64Array(4), diff: new Float64Array(3) });
  const itemAcc = items.map(newAcc);
  const scoreAcc = plan.scores.map(newAcc);
  const setAcc = plan.sets.map(newAcc);
  const read = reader(plan);
  let rejected = 0;
  let analysed = 0;
  for (const [before, after] of pairs) {
    const b = read(before);
    const a = read(after);
    if (!a || !b) {
      rejected++;
      continue;
    }
    analysed++;
    items.forEach((item, i) => {
      const acc = itemAcc[i]!;
      if (item.kind === 'number') {
        const x = b.numbers[item.slot]!;
        const y = a.numbers[item.slot]!;
        if (!Number.isNaN(x) && !Number.isNaN(y)) addMoment(acc.diff, 0, y - x);
        return;
      }
      const gb = b.g[item.slot]!;
      const ga = a.g[item.slot]!;
      if (gb < 0 || ga < 0 || plan.optMissing[gb] === 1 || plan.optMissing[ga] === 1) return;
      tally(acc.table, plan.optFavourable[gb] === 1, plan.optFavourable[ga] === 1);
      addMoment(acc.diff, 0, plan.optValue[ga]! - plan.optValue[gb]!);
    });
    plan.scores.forEach((_, k) => {
      const x = b.scores[k * 2]!;
      const y = a.scores[k * 2]!;
      if (Number.isNaN(x) || Number.isNaN(y)) return;
      addMoment(scoreAcc[k]!.diff, 0, y - x);
      tally(scoreAcc[k]!.table, b.scores[k * 2 + 1]! >= 1, a.scores[k * 2 + 1]! >= 1);
    });
    plan.sets.forEach((set, k) => {
      const x = agreesWith(plan, set.slots, set.agree, b.g);
      const y = agreesWith(plan, set.slots, set.agree, a.g);
      if (x !== null && y !== null) tally(setAcc[k]!.table, x, y);
    });
  }

  const share = (table: Float64Array, wanted: boolean): PairedShareDifference | null => {
    if (!wanted || table[0]! + table[1]! + table[2]! + table[3]! === 0) return null;
    return pairedShareDifference(
      { both: table[0]!, onlyBefore: table[1]!, onlyAfter: table[2]!, neither: table[3]! },
      { level, locale },
    );
  };
  const mean = (diff: Float64Array, wanted: boolean): PairedMeanDifference | null => {
    const n = diff[0]!;
    if (!wanted || n === 0) return null;
    return pairedMeanDifference(
      { n, mean: diff[1]!, sd: n >= 2 ? Math.sqrt(diff[2]! / (n - 1)) : null },
      { level, locale },
    );
  };
  const hide = (n: number): boolean => n > 0 && n < min;
  return {
    pairs: analysed,
    unmatched,
    rejected,
    items: items.map((item, i) => {
      const acc = itemAcc[i]!;
      const n = acc.diff[0]!;
      const suppressed = hide(n);
      return {
        id: item.id,
        pairs: n,
        suppressed,
        favourable: suppressed ? null : share(acc.table, item.favourable),
        mean: suppressed ? null : mean(acc.diff, item.numeric),
      };
    }),
    scores: plan.scores.map((score, k) => {
      const acc = scoreAcc[k]!;
      const n = acc.diff[0]!;
      const suppressed = hide(n);
      return {
        id: score.id,
        pairs: n,
        suppressed,
        mean: suppressed ? null : mean(acc.diff, true),
        atLeastOne: suppressed ? null : share(acc.table, score.methodCode >= 2),
      };
    }),
    sets: plan.sets.map((set, k) => {
      const table = setAcc[k]!.table;
      const n = table[0]! + table[1]! + table[2]! + table[3]!;
      const suppressed = hide(n);
      return { id: set.id, pairs: n, suppressed, atLeastOne: suppressed ? null : share(table, true) };
    }),
  };
}

function linkPairs(
  options: ComparePairedOptions,
  locale: MessageLocale,
): { pairs: Array<readonly [SurveyResponse, SurveyResponse]>; unmatched: { before: number; after: number } } {
  if (options.pairs !== undefined) {
    if (!Array.isArray(options.pairs))
      fail('invalid_option', ['pairs'], locale, {
        expectedJa: '[前, 後] の配列',
        expectedEn: 'an array of [before, after]',
      });
    const pairs = options.pairs.map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        fail('invalid_option', ['pairs', i], locale, {
          expectedJa: '[前, 後]',
          expectedEn: '[before, after]',
        });
      }
      return pair as unknown as readonly [SurveyResponse, SurveyResponse];
    });
    return { pairs, unmatched: { before: 0, after: 0 } };
  }
  const { before, after } = options;
  const linked = linkByRespondent(before, after, locale);
  return {
    pairs: linked.pairs.map(([b, a]) => [before![b]!, after![a]!] as const),
    unmatched: linked.unmatched,
  };
}
