import { hasWordAt, isDigit, isLetter, type Span } from './foldText.js';

const EXCLUDED = new Set([...'<>"`{}|\\^'].map((ch) => ch.charCodeAt(0)));
const TRAILING = new Set([...".,;:!?)]'"].map((ch) => ch.charCodeAt(0)));
const PREFIXES = ['https://', 'http://', 'www.'];

const isUrlChar = (c: number) => c > 0x20 && c < 0x7f && !EXCLUDED.has(c);

/**
 * Web addresses starting `http://`, `https://` or `www.` (any case), up to the first space,
 * non-ASCII character or unsafe character, without trailing punctuation. Scanning resumes after
 * each address, so every character is read a bounded number of times.
 */
export function scanUrls(codes: Uint16Array): Span[] {
  const found: Span[] = [];
  const n = codes.length;
  for (let i = 0; i < n; i++) {
    const first = codes[i]! | 0x20;
    if (first !== 0x68 && first !== 0x77) continue; // h, w
    const prefix = PREFIXES.find((p) => hasWordAt(codes, i, p));
    if (prefix === undefined) continue;
    if (prefix === 'www.' && i > 0 && (isLetter(codes[i - 1]) || isDigit(codes[i - 1]))) continue;
    let end = i + prefix.length;
    while (end < n && isUrlChar(codes[end]!)) end++;
    while (end > i + prefix.length && TRAILING.has(codes[end - 1]!)) end--;
    if (end > i + prefix.length) {
      found.push({ kind: 'url', start: i, end });
      i = end - 1;
    }
  }
  return found;
}
