import { isDigit, isLetter, type Span } from './foldText.js';

const LOCAL_EXTRA = new Set([..."._%+-!#$&'*/=?^`{|}~"].map((ch) => ch.charCodeAt(0)));
const AT = 0x40;
const DOT = 0x2e;
const HYPHEN = 0x2d;

const isLocal = (c: number | undefined) =>
  isLetter(c) || isDigit(c) || (c !== undefined && LOCAL_EXTRA.has(c));
const isDomain = (c: number | undefined) => isLetter(c) || isDigit(c) || c === DOT || c === HYPHEN;

/**
 * E-mail addresses: around each `@`, the longest run of local-part characters before it and of
 * domain characters after it, with a dot in the domain and a top-level domain of two or more
 * letters. Each scan stops at the neighbouring `@`, so every character is read at most twice.
 */
export function scanEmails(codes: Uint16Array): Span[] {
  const found: Span[] = [];
  const n = codes.length;
  for (let at = 0; at < n; at++) {
    if (codes[at] !== AT) continue;
    let start = at;
    while (start > 0 && isLocal(codes[start - 1])) start--;
    while (start < at && codes[start] === DOT) start++;
    let end = at + 1;
    while (end < n && isDomain(codes[end])) end++;
    while (end > at + 1 && (codes[end - 1] === DOT || codes[end - 1] === HYPHEN)) end--;
    if (start < at && validDomain(codes, at + 1, end)) {
      found.push({ kind: 'email', start, end });
      at = end - 1;
    }
  }
  return found;
}

/** Labels of letters, digits and hyphens joined by single dots; at least two; the last all letters, two or more. */
function validDomain(codes: Uint16Array, start: number, end: number): boolean {
  let labelStart = start;
  let labels = 0;
  for (let i = start; i <= end; i++) {
    if (i < end && codes[i] !== DOT) continue;
    if (i === labelStart) return false;
    labels++;
    if (i === end) {
      if (i - labelStart < 2) return false;
      for (let j = labelStart; j < i; j++) if (!isLetter(codes[j])) return false;
    }
    labelStart = i + 1;
  }
  return labels >= 2;
}
