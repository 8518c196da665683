import type { MessageLocale } from '../core/issue.js';
import type { SurveyResponse } from '../schema/response.js';
import { fail } from './anonymiseError.js';

/** Throws an `AnonymiseError` with the path of the first entry that is not a response with answers. */
export function checkResponses(
  responses: unknown,
  locale: MessageLocale | undefined,
): readonly SurveyResponse[] {
  if (!Array.isArray(responses)) fail('not_response', ['responses'], locale);
  responses.forEach((response: unknown, index) => {
    const answers = isObject(response) && Object.hasOwn(response, 'answers') ? response.answers : undefined;
    if (!isObject(answers)) fail('not_response', ['responses', index], locale);
  });
  return responses as readonly SurveyResponse[];
}

/** The own "other, please specify" texts of a response, or an empty object. */
export function otherTexts(response: SurveyResponse): Readonly<Record<string, unknown>> {
  const other = Object.hasOwn(response, 'other') ? response.other : undefined;
  return isObject(other) ? other : {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
