import type { PathSegment } from '../core/issue.js';
import type { LocalisedText, Template } from '../schema/index.js';
import { textSlots } from './textSlots.js';

/** One text of a template, with the key that `customiseTemplate` uses for it. */
export interface TemplateText {
  /**
   * Stable key built from ids, not positions: `title`, `introduction`, `sections.home.title`,
   * `questions.sex.label`, `questions.sex.options.9`, `items.h01`, `scales.agree4.options.1`,
   * `scores.home_share.label`, `benchmarks.0.note`, `passRules.two_thirds.groups.men.label`, ….
   */
  key: string;
  /** Where the text sits in the template JSON. */
  path: PathSegment[];
  /** The text in every locale it has. */
  text: LocalisedText;
}

/**
 * Lists every text of a template in reading order, keyed for `customiseTemplate`. Use it to make a
 * translation sheet when adding a locale: fill in one string per key and pass the map to an
 * `addLocale` change.
 *
 * @example
 * ```ts
 * import { getTemplate, templateTexts } from 'kizuki/templates';
 * const template = getTemplate('workshop-feedback')!;
 * const sheet = Object.fromEntries(templateTexts(template).map((t) => [t.key, t.text.en ?? '']));
 * // translate each value, then: { kind: 'addLocale', locale: 'vi', texts: sheet }
 * ```
 */
export function templateTexts(template: Template): TemplateText[] {
  return [...textSlots(template, { present: true }).values()].flatMap((slot) => {
    const text = slot.get();
    return text ? [{ key: slot.key, path: slot.path, text }] : [];
  });
}
