import type { LocalisedText } from '../schema/templateSchema.js';

/** A localised text in `locale`, falling back to Japanese, which every template has. */
export function localeText(text: LocalisedText, locale: string): string {
  const value = Object.hasOwn(text, locale) ? text[locale] : undefined;
  return typeof value === 'string' && value !== '' ? value : text.ja;
}
