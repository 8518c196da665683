import type { MessageLocale } from '../core/issue.js';

/**
 * The declared locale that best serves a requested one: an exact match (ignoring case), else the
 * first declared locale with the same language (`en-US` → `en`, `pt` → `pt-BR`); undefined if none.
 * Browsers report tags like `ja-JP`, so a plain equality test would miss the obvious match.
 */
export function resolveLocale(requested: unknown, declared: readonly string[]): string | undefined {
  if (typeof requested !== 'string' || requested.length > 35) return undefined;
  const wanted = requested.toLowerCase();
  const exact = declared.find((l) => l.toLowerCase() === wanted);
  if (exact !== undefined) return exact;
  const language = wanted.split('-')[0];
  return declared.find((l) => l.toLowerCase().split('-')[0] === language);
}

/** The language of the engine's own messages for a survey locale: Japanese for `ja`, English otherwise. */
export function messageLocaleOf(locale: string): MessageLocale {
  return locale === 'ja' || locale.startsWith('ja-') ? 'ja' : 'en';
}
