/// <reference lib="dom" />
import { KizukiQuestion } from './KizukiQuestion.js';
import { KizukiSurvey } from './KizukiSurvey.js';

/**
 * Registers `<kizuki-survey>` and `<kizuki-question>` (once; calling again does nothing). Importing
 * `kizuki/ui` registers nothing by itself, so a bundler may drop what a page does not use.
 *
 * @example
 * ```ts
 * import { defineElements } from 'kizuki/ui';
 * defineElements();
 * ```
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  if (!registry.get('kizuki-survey')) registry.define('kizuki-survey', KizukiSurvey);
  if (!registry.get('kizuki-question')) registry.define('kizuki-question', KizukiQuestion);
}

declare global {
  interface HTMLElementTagNameMap {
    'kizuki-survey': KizukiSurvey;
    'kizuki-question': KizukiQuestion;
  }
}
