import { describe, expect, it } from 'vitest';
import { persistMessages } from '../../src/ui/persist/messages.js';
import { WORDS, wordsFor } from '../../src/ui/words.js';

/** Every text of a catalogue entry: strings as they are, functions called with sample values. */
const texts = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : typeof value === 'function'
      ? [String((value as (...a: unknown[]) => unknown)(3, 7, '働き方'))]
      : [];

describe('the Japanese interface texts of kizuki/ui', () => {
  it('have no English left in them (the one exception names an API for the page developer)', () => {
    const english: string[] = [];
    for (const [key, value] of Object.entries(WORDS.ja)) {
      for (const text of texts(value)) {
        // The parser to pass is named by its code names, which are not translated.
        const checked = key === 'noParser' ? text.replace(/parseTemplate|kizuki\/schema|parse/g, '') : text;
        if (/[A-Za-z]/.test(checked)) english.push(`${key}: ${text}`);
      }
    }
    for (const [code, message] of Object.entries(persistMessages)) {
      const text = message.ja({ reason: '通信できません', seconds: 30, respondentId: 'r' });
      if (/[A-Za-z]/.test(text)) english.push(`${code}: ${text}`);
    }
    expect(english).toEqual([]);
  });

  it('cover every key of the English ones, and ja-* locales read Japanese', () => {
    expect(Object.keys(WORDS.ja).sort()).toEqual(Object.keys(WORDS.en).sort());
    expect(wordsFor('ja-JP')).toBe(WORDS.ja);
    expect(wordsFor('en')).toBe(WORDS.en);
  });
});
