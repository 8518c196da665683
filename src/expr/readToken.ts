import { SyntaxFailure } from './SyntaxFailure.js';

/** What a token is. Punctuation and operators are both `symbol`; `text` tells them apart. */
export type TokenKind = 'number' | 'string' | 'identifier' | 'keyword' | 'symbol' | 'end';

/** One token of an expression. */
export interface Token {
  kind: TokenKind;
  /**
   * The keyword, the normalised operator (`==` → `=`, `<>` → `!=`), the identifier, or the source
   * text of a number or string.
   */
  text: string;
  /** The value of a number or string literal; null for other tokens. */
  value: number | string | null;
  /** Offset of the first code unit. */
  start: number;
  /** Offset just past the last code unit. */
  end: number;
}

/** Keywords are lowercase only, so `AND` or `True` are ordinary identifiers. */
const KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null']);

/** Two-character operators and how the tree spells them. */
const PAIRS: Readonly<Record<string, string>> = { '==': '=', '!=': '!=', '<>': '!=', '<=': '<=', '>=': '>=' };
const SINGLES = '=<>+-*/%()[],';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** Keeps long number texts in messages readable. */
const clip = (text: string): string => (text.length > 24 ? `${text.slice(0, 20)}…` : text);

/**
 * Reads the token that starts at or after `offset`, skipping white space, one character at a time: no
 * regular expressions, so no input can make it backtrack. The parser pulls tokens one by one, so a
 * problem early in a huge source is found without scanning the rest. At the end of the source the
 * token is `end`. Throws {@link SyntaxFailure} on a character or literal it cannot read.
 */
export function readToken(source: string, offset: number): Token {
  const n = source.length;
  const at = (j: number): number => source.charCodeAt(j); // NaN past the end, which matches nothing
  let i = offset;
  while (isSpace(at(i))) i++;
  const start = i;
  const token = (kind: TokenKind, text: string, value: number | string | null = null): Token => ({
    kind,
    text,
    value,
    start,
    end: i,
  });
  if (i >= n) return token('end', '');
  const c = at(i);
  if (isDigit(c)) {
    while (isDigit(at(i))) i++;
    if (at(i) === 46 /* . */) {
      i++;
      if (!isDigit(at(i))) throw badNumber(source, start, i, 'fraction');
      while (isDigit(at(i))) i++;
    }
    // `12abc` or `1e5` is one mistake, not a number followed by an identifier.
    if (isIdentPart(at(i)) || at(i) === 46) {
      while (isIdentPart(at(i)) || at(i) === 46) i++;
      throw badNumber(source, start, i, 'suffix');
    }
    const text = source.slice(start, i);
    const value = Number(text);
    if (!Number.isFinite(value))
      throw new SyntaxFailure('number_too_large', { position: start, text: clip(text) });
    return token('number', text, value);
  }
  if (isIdentStart(c)) {
    while (isIdentPart(at(i))) i++;
    const text = source.slice(start, i);
    return token(KEYWORDS.has(text) ? 'keyword' : 'identifier', text);
  }
  if (c === 34 || c === 39 /* " ' */) {
    let value = '';
    i++;
    while (i < n && at(i) !== c) {
      const d = at(i);
      if (d === 92 /* \ */) {
        const e = source[i + 1];
        if (e === undefined) break; // a backslash at the very end: the string never closes
        const escaped = e === 'n' ? '\n' : e === 't' ? '\t' : e === '\\' || e === '"' || e === "'" ? e : null;
        if (escaped === null) throw new SyntaxFailure('invalid_escape', { position: i, escape: `\\${e}` });
        value += escaped;
        i += 2;
        continue;
      }
      // Copy runs of plain characters at once rather than one concatenation per character.
      let j = i + 1;
      while (j < n && at(j) !== c && at(j) !== 92) j++;
      value += source.slice(i, j);
      i = j;
    }
    if (at(i) !== c)
      throw new SyntaxFailure('unterminated_string', { position: start, quote: source[start] });
    i++;
    return token('string', source.slice(start, i), value);
  }
  const pair = source.slice(i, i + 2);
  if (Object.hasOwn(PAIRS, pair)) {
    i += 2;
    return token('symbol', PAIRS[pair]!);
  }
  if (SINGLES.includes(source[i]!)) {
    i++;
    return token('symbol', source[start]!);
  }
  throw badCharacter(source, i);
}

function badNumber(source: string, start: number, end: number, reason: 'fraction' | 'suffix'): SyntaxFailure {
  return new SyntaxFailure('invalid_number', {
    position: start,
    text: clip(source.slice(start, end)),
    reason,
  });
}

/**
 * Full-width letters, digits, symbols and the ideographic space are easy to type by accident in a
 * Japanese IME, so they get a message that names the half-width character to use instead.
 */
function badCharacter(source: string, i: number): SyntaxFailure {
  const c = source.charCodeAt(i);
  if (c === 0x3000 || (c >= 0xff01 && c <= 0xff5e)) {
    const suggestion = c === 0x3000 ? ' ' : String.fromCharCode(c - 0xfee0);
    return new SyntaxFailure('fullwidth_character', { position: i, char: source[i], suggestion });
  }
  // A surrogate pair is one character to people; a lone surrogate stays a single code unit.
  return new SyntaxFailure('unexpected_character', {
    position: i,
    char: String.fromCodePoint(source.codePointAt(i)!),
  });
}
