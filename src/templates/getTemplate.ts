import type { Template } from '../schema/index.js';
import { builtInTemplates } from './builtInTemplates.js';

/**
 * A built-in template by id, as a fresh deep copy that the caller may change freely. An unknown id
 * (or a value that is not a string) gives `undefined`, like `Map.get`; {@link listTemplates} lists
 * the ids.
 *
 * Texts contain placeholders such as `{municipality}`: fill them with a `substitute` change of
 * `customiseTemplate` before fielding the questionnaire.
 *
 * @example
 * ```ts
 * import { getTemplate } from 'kizuki/templates';
 * import { loadTemplate } from 'kizuki/schema';
 * const template = getTemplate('workplace-attractiveness');
 * if (template) {
 *   const survey = loadTemplate(template);
 * }
 * ```
 */
export function getTemplate(id: string): Template | undefined {
  if (typeof id !== 'string') return undefined;
  const template = builtInTemplates.get(id);
  return template === undefined ? undefined : structuredClone(template);
}
