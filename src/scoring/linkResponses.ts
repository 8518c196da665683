// Internal to comparePaired and compareOverlapping: reading a response into the plan's slots and
// linking two waves' responses by respondentId.
import type { MessageLocale } from '../core/issue.js';
import type { SurveyResponse } from '../schema/response.js';
import type { Survey } from '../schema/survey.js';
import { checkLevel } from './differences.js';
import { fail } from './messages.js';
import { answersOf, computeScore, readCodes } from './readResponse.js';
import { compileSurveyPlan, type ItemSet, type SurveyPlan } from './surveyPlan.js';

/**
 * The checked options and plan of a comparison of linked waves (`comparePaired`,
 * `compareOverlapping`): the locale, confidence level, smallest group shown, the survey's plan, and
 * the items compared one answer at a time (scales, single choices, numbers).
 */
export function linkedComparisonSetup(options: {
  survey: Survey;
  sets?: ItemSet[] | undefined;
  minGroupSize?: number | undefined;
  level?: number | undefined;
  locale?: MessageLocale | undefined;
}) {
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
  const items = plan.items.filter(
    (item) => item.kind === 'scale' || item.kind === 'single' || item.kind === 'number',
  );
  return { locale, level, min, plan, items };
}

/** Adds one pair to a paired table: [both, only before, only after, neither]. */
export function tally(table: Float64Array, before: boolean, after: boolean): void {
  const at = before ? (after ? 0 : 1) : after ? 2 : 3;
  table[at] = table[at]! + 1;
}

/** Whether a response agrees with at least one item of a set; null when it answered none of them. */
export function agreesWith(
  plan: SurveyPlan,
  slots: Int32Array,
  agree: Uint8Array,
  g: Int32Array,
): boolean | null {
  let answered = false;
  for (const slot of slots) {
    const gi = g[slot]!;
    if (gi < 0 || plan.optMissing[gi] === 1) continue;
    if (agree[gi] === 1) return true;
    answered = true;
  }
  return answered ? false : null;
}

/** A response read into the plan's slots. */
export interface ReadResponse {
  g: Int32Array;
  numbers: Float64Array;
  /** Per score: value (NaN if none) and favourable items. */
  scores: Float64Array;
}

/** A reader of responses of the plan's template; undefined for one that is unreadable or of another template. */
export function reader(plan: SurveyPlan): (response: SurveyResponse) => ReadResponse | undefined {
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

/**
 * Links two waves by `respondentId`: the index pairs `[before, after]` of the same respondent, in the
 * later wave's order. A response without an id is unmatched; an id twice in one wave is refused.
 */
export function linkByRespondent(
  before: readonly SurveyResponse[] | undefined,
  after: readonly SurveyResponse[] | undefined,
  locale: MessageLocale,
): { pairs: Array<readonly [number, number]>; unmatched: { before: number; after: number } } {
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
  const byId = new Map<string, number>();
  let unmatchedBefore = 0;
  before.forEach((r, i) => {
    const key = id(r);
    if (key === undefined) unmatchedBefore++;
    else if (byId.has(key)) fail('duplicate_respondent', ['before', i, 'respondentId'], locale, { id: key });
    else byId.set(key, i);
  });
  const seen = new Set<string>();
  const pairs: Array<readonly [number, number]> = [];
  let unmatchedAfter = 0;
  after.forEach((r, i) => {
    const key = id(r);
    const partner = key === undefined ? undefined : byId.get(key);
    if (key !== undefined && seen.has(key))
      fail('duplicate_respondent', ['after', i, 'respondentId'], locale, { id: key });
    if (key !== undefined) seen.add(key);
    if (partner !== undefined) pairs.push([partner, i]);
    else unmatchedAfter++;
  });
  return { pairs, unmatched: { before: unmatchedBefore + byId.size - pairs.length, after: unmatchedAfter } };
}
