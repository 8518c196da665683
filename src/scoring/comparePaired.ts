import type { MessageLocale } from '../core/issue.js';
import type { SurveyResponse } from '../schema/response.js';
import type { Survey } from '../schema/survey.js';
import {
  checkLevel,
  type PairedMeanDifference,
  type PairedShareDifference,
  pairedMeanDifference,
  pairedShareDifference,
} from './differences.js';
import { fail } from './messages.js';
import { addMoment } from './moments.js';
import { answersOf, computeScore, readCodes } from './readResponse.js';
import { compileSurveyPlan, type ItemSet, type SurveyPlan } from './surveyPlan.js';

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
  const locale = options.locale ?? 'ja';
  const level = checkLevel(options.level === undefined ? { locale } : { level: options.level, locale });
  const min = options.minGroupSize ?? 5;
  if (!Number.isSafeInteger(min) || min < 1) {
    fail('invalid_option', ['minGroupSize'], locale, {
      expectedJa: '1以上の整数',
      expectedEn: 'an integer of at least 1',
    });
  }
  const plan = compileSurveyPlan(options.survey, { sets: options.sets }, locale);
  const { pairs, unmatched } = linkPairs(options, locale);

  const items = plan.items.filter(
    (item) => item.kind === 'scale' || item.kind === 'single' || item.kind === 'number',
  );
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

/** Adds one pair to a paired table: [both, only before, only after, neither]. */
function tally(table: Float64Array, before: boolean, after: boolean): void {
  const at = before ? (after ? 0 : 1) : after ? 2 : 3;
  table[at] = table[at]! + 1;
}

function agreesWith(plan: SurveyPlan, slots: Int32Array, agree: Uint8Array, g: Int32Array): boolean | null {
  let answered = false;
  for (const slot of slots) {
    const gi = g[slot]!;
    if (gi < 0 || plan.optMissing[gi] === 1) continue;
    if (agree[gi] === 1) return true;
    answered = true;
  }
  return answered ? false : null;
}

interface ReadResponse {
  g: Int32Array;
  numbers: Float64Array;
  /** Per score: value (NaN if none) and favourable items. */
  scores: Float64Array;
}

function reader(plan: SurveyPlan): (response: SurveyResponse) => ReadResponse | undefined {
  const out = new Float64Array(4);
  return (response) => {
    const answers = answersOf(response);
    if (!answers || !Object.hasOwn(response, 'templateId') || response.templateId !== plan.templateId)
      return undefined;
    const g = new Int32Array(plan.codeSlots);
    readCodes(plan, answers, g);
    const numbers = Float64Array.from(plan.numberKeys, (key) => {
      const v = Object.hasOwn(answers, key) ? answers[key] : undefined;
      return typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
    });
    const scores = new Float64Array(plan.scores.length * 2);
    plan.scores.forEach((score, k) => {
      computeScore(plan, score, g, out);
      scores[k * 2] = out[0]!;
      scores[k * 2 + 1] = out[2]!;
    });
    return { g, numbers, scores };
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
  if (!Array.isArray(before) || !Array.isArray(after)) {
    fail('invalid_option', ['before'], locale, {
      expectedJa: 'pairs、または before と after の配列',
      expectedEn: 'pairs, or arrays before and after',
    });
  }
  const id = (r: unknown): string | undefined =>
    r !== null &&
    typeof r === 'object' &&
    Object.hasOwn(r, 'respondentId') &&
    typeof (r as SurveyResponse).respondentId === 'string'
      ? (r as SurveyResponse).respondentId
      : undefined;
  const byId = new Map<string, SurveyResponse>();
  let unmatchedBefore = 0;
  before.forEach((r, i) => {
    const key = id(r);
    if (key === undefined) unmatchedBefore++;
    else if (byId.has(key)) fail('duplicate_respondent', ['before', i, 'respondentId'], locale, { id: key });
    else byId.set(key, r);
  });
  const seen = new Set<string>();
  const pairs: Array<readonly [SurveyResponse, SurveyResponse]> = [];
  let unmatchedAfter = 0;
  after.forEach((r, i) => {
    const key = id(r);
    const partner = key === undefined ? undefined : byId.get(key);
    if (key !== undefined && seen.has(key))
      fail('duplicate_respondent', ['after', i, 'respondentId'], locale, { id: key });
    if (key !== undefined) seen.add(key);
    if (partner) pairs.push([partner, r]);
    else unmatchedAfter++;
  });
  return { pairs, unmatched: { before: unmatchedBefore + byId.size - pairs.length, after: unmatchedAfter } };
}
