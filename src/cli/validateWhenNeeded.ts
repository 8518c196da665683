import type { Survey } from '../schema/index.js';
import { createResponseValidator, type ResponseValidator } from '../validate/index.js';

/**
 * A response validator compiled on its first use. Compiling the response schema costs about 0.1 s
 * (in every worker thread too), and a CSV file read on the fast path (`compileFastRows`), which
 * checks rows from their bytes, may never need it.
 */
export function validateWhenNeeded(survey: Survey, locale: 'ja' | 'en'): ResponseValidator {
  let validate: ResponseValidator | undefined;
  return (input) => {
    validate ??= createResponseValidator(survey, { locale });
    return validate(input);
  };
}
