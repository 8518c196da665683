import type { SurveyResponse } from '../../schema/index.js';

/**
 * Writes responses as JSON Lines: one compact JSON object per line, each ending in `\n`, UTF-8
 * without a byte order mark. {@link readResponsesJsonl} reads it back unchanged.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('responses.jsonl', responsesToJsonl(responses));
 * ```
 */
export function responsesToJsonl(responses: Iterable<SurveyResponse>): string {
  let out = '';
  for (const response of responses) out += `${JSON.stringify(response)}\n`;
  return out;
}
