import type { MessageLocale } from '../core/issue.js';
import type { SurveyResponse } from '../schema/response.js';
import type { Survey } from '../schema/survey.js';
import type { AuditEntry } from './auditEntry.js';
import { checkResponses, otherTexts } from './readResponses.js';
import { surveyFields } from './surveyFields.js';

/** Responses with some answers taken out, and what was taken. */
export interface ResponsesResult {
  /** New response objects; the input is never changed. */
  responses: SurveyResponse[];
  /** One entry per field considered. */
  log: AuditEntry[];
}

/**
 * Removes the answers of every question whose `role` is `identifier` (names, e-mail addresses,
 * employee numbers), and their "other, please specify" texts. The respondent id stays: it is random,
 * but it still links to the source data, so {@link anonymisedExport} replaces it.
 *
 * @example
 * ```ts
 * const { responses: cleaned, log } = removeIdentifiers(survey, responses);
 * // log: [{ step: 'removeIdentifier', field: 'email', count: 12, parameters: { answers: 12, otherTexts: 0 } }]
 * ```
 */
export function removeIdentifiers(
  survey: Survey,
  responses: readonly SurveyResponse[],
  options: { locale?: MessageLocale } = {},
): ResponsesResult {
  checkResponses(responses, options.locale);
  const answerKeys = new Map<string, string>(); // answer key → question id
  for (const [key, field] of surveyFields(survey.template))
    if (field.role === 'identifier') answerKeys.set(key, field.question.id);
  const questionIds = new Set(answerKeys.values());
  const removed = new Map<string, { answers: number; otherTexts: number }>();
  for (const id of questionIds) removed.set(id, { answers: 0, otherTexts: 0 });

  const out = responses.map((response) => {
    const answers = Object.entries(response.answers).filter(([key]) => {
      const id = answerKeys.get(key);
      if (id !== undefined) removed.get(id)!.answers++;
      return id === undefined;
    });
    const other = Object.entries(otherTexts(response)).filter(([id]) => {
      if (questionIds.has(id)) removed.get(id)!.otherTexts++;
      return !questionIds.has(id);
    });
    const copy: SurveyResponse = { ...response, answers: Object.fromEntries(answers) };
    if (Object.hasOwn(response, 'other')) copy.other = Object.fromEntries(other) as Record<string, string>;
    return copy;
  });
  const log: AuditEntry[] = [...removed].map(([field, counts]) => ({
    step: 'removeIdentifier',
    field,
    count: counts.answers + counts.otherTexts,
    parameters: counts,
  }));
  return { responses: out, log };
}
