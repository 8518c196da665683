// Folding maps each UTF-16 code unit to exactly one code unit, so offsets in the folded text are
// offsets in the original: findings need no position map, and redaction replaces original characters.

/** Dashes, minus signs and the long-vowel mark that people type inside phone numbers and codes. */
const DASHES = new Set([
  0x02d7, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x207b, 0x208b, 0x2212, 0x2500, 0x2501,
  0x2796, 0x2e3a, 0x2e3b, 0x30fc, 0xfe58, 0xfe63, 0xff70,
]);

/**
 * The text as code units with full-width ASCII (０-９, Ａ-Ｚ, ＠, －, （ …) made half-width, the
 * ideographic and no-break spaces made plain spaces, and hyphen look-alikes (‐ ‑ – — ― − ー ｰ …)
 * made `-`.
 */
export function foldText(text: string): Uint16Array {
  const out = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) out[i] = c;
    else if (c >= 0xff01 && c <= 0xff5e) out[i] = c - 0xfee0;
    else if (c === 0x3000 || c === 0xa0) out[i] = 0x20;
    else out[i] = DASHES.has(c) ? 0x2d : c;
  }
  return out;
}

/** Whether a code unit is an ASCII digit. */
export const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/** Whether a code unit is an ASCII letter. */
export const isLetter = (c: number | undefined): boolean =>
  c !== undefined && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

/** Whether the folded text has `word` (ASCII lower case, or any exact characters) at `at`, ignoring ASCII case. */
export function hasWordAt(codes: Uint16Array, at: number, word: string): boolean {
  if (at < 0 || at + word.length > codes.length) return false;
  for (let i = 0; i < word.length; i++) {
    const c = codes[at + i]!;
    if ((isLetter(c) ? c | 0x20 : c) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** The decimal value of digits [start, end) of the folded text. */
export function digitsValue(codes: Uint16Array, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + (codes[i]! - 0x30);
  return value;
}

/** A candidate piece of personal data, with offsets into the text. */
export interface Span {
  kind: string;
  start: number;
  end: number;
}
