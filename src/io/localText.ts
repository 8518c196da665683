import type { LocalisedText } from '../schema/index.js';

/** The text in `locale`, falling back to Japanese, which every template has. */
export function localText(text: LocalisedText, locale: string): string {
  return Object.hasOwn(text, locale) ? (text[locale] ?? text.ja) : text.ja;
}
