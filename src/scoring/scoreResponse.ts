import type { MessageLocale } from '../core/issue.js';
import type { SurveyResponse } from '../schema/response.js';
import type { Survey } from '../schema/survey.js';
import type { Score } from '../schema/templateSchema.js';
import { answersOf, computeScore, readCodes } from './readResponse.js';
import { compileSurveyPlan } from './surveyPlan.js';

/** One score of one response. */
export interface ResponseScore {
  /** The score's id. */
  id: string;
  method: Score['method'];
  /** The score, or null when fewer than `minAnswered` items were answered. */
  value: number | null;
  /** Items answered with a substantive code ("don't know" and unanswered items do not count). */
  answered: number;
  /** Items in the score. */
  items: number;
}

/** Options of {@link scoreResponse}. */
export interface ScoreResponseOptions {
  /** Language of error messages. Default `ja`. */
  locale?: MessageLocale;
}

/**
 * Computes every score of the template for one response. Missing codes ("don't know", "prefer not to
 * say") and unanswered items are left out; reverse-keyed items are mirrored first; a score with fewer
 * than `minAnswered` (default 1) answered items is null. Methods: `mean` and `sum` of the item values,
 * `favourableShare` (favourable items ÷ answered items) and `count` (favourable items).
 * Answers that are not option codes count as unanswered; a response without answers scores null.
 *
 * @example
 * ```ts
 * import { scoreResponse } from 'kizuki/scoring';
 * const scores = scoreResponse(survey, response);
 * // [{ id: 'traditional_views', method: 'favourableShare', value: 0.6667, answered: 3, items: 3 }, …]
 * ```
 */
export function scoreResponse(
  survey: Survey,
  response: SurveyResponse,
  options: ScoreResponseOptions = {},
): ResponseScore[] {
  const plan = compileSurveyPlan(survey, {}, options.locale ?? 'ja');
  const g = new Int32Array(plan.codeSlots).fill(-1);
  const answers = answersOf(response);
  if (answers) readCodes(plan, answers, g);
  const out = new Float64Array(4);
  return plan.scores.map((score) => {
    computeScore(plan, score, g, out);
    return {
      id: score.id,
      method: score.method,
      value: Number.isNaN(out[0]!) ? null : out[0]!,
      answered: out[1]!,
      items: score.slots.length,
    };
  });
}
