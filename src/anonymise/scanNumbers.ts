import { digitsValue, isDigit, isLetter, type Span } from './foldText.js';
import { isMyNumber } from './myNumber.js';

const PLUS = 0x2b;
const OPEN = 0x28;
const CLOSE = 0x29;
const SPACE = 0x20;
const HYPHEN = 0x2d;
const POSTAL_MARK = 0x3012; // 〒
/** Era letters (m, t, s, h, r) with the Western year of each era's first year. */
export const ERA_LETTERS: ReadonlyMap<number, number> = new Map([
  [0x6d, 1868],
  [0x74, 1912],
  [0x73, 1926],
  [0x68, 1989],
  [0x72, 2019],
]);
/** At most this many groups, and this many digits, make one number. */
const MAX_GROUPS = 5;
const MAX_DIGITS = 13;

/** `-`, space, parentheses, `.` and `/` may join digit groups. */
const isSeparator = (c: number | undefined) =>
  c === HYPHEN || c === SPACE || c === OPEN || c === CLOSE || c === 0x2e || c === 0x2f;

/** The era year of an era letter before a number, if `c` is one. */
export const eraOf = (c: number | undefined): number | undefined =>
  isLetter(c) ? ERA_LETTERS.get(c! | 0x20) : undefined;

/** Digit groups of one chain, as parallel start and end offsets. */
interface Chain {
  starts: Int32Array;
  ends: Int32Array;
  count: number;
}

/**
 * Phone numbers, postal codes, My Numbers and numeric dates. The text is cut into chains of digit
 * groups joined by up to three separators (`-`, space, parentheses, `.`, `/`); within a chain,
 * windows of up to five whole groups are tried from each group, longest first. Chains and windows
 * are both walked once, and windows are bounded, so the scan is linear in the text's length.
 */
export function scanNumbers(codes: Uint16Array): Span[] {
  const found: Span[] = [];
  const n = codes.length;
  const chain: Chain = { starts: new Int32Array(64), ends: new Int32Array(64), count: 0 };
  const digits = new Uint8Array(MAX_DIGITS);
  let i = 0;
  while (i < n) {
    if (!isDigit(codes[i])) {
      i++;
      continue;
    }
    chain.count = 0;
    let start = i;
    for (;;) {
      let end = start;
      while (end < n && isDigit(codes[end])) end++;
      if (chain.count === chain.starts.length) {
        const starts = new Int32Array(chain.count * 2);
        const ends = new Int32Array(chain.count * 2);
        starts.set(chain.starts);
        ends.set(chain.ends);
        chain.starts = starts;
        chain.ends = ends;
      }
      chain.starts[chain.count] = start;
      chain.ends[chain.count] = end;
      chain.count++;
      let next = end;
      while (next < n && next - end < 3 && isSeparator(codes[next])) next++;
      if (next === end || !isDigit(codes[next])) break;
      start = next;
    }
    for (let s = 0; s < chain.count; ) {
      let matched = 0;
      for (let size = Math.min(MAX_GROUPS, chain.count - s); size >= 1 && matched === 0; size--) {
        const span = classify(codes, chain, s, size, digits);
        if (span) {
          found.push(span);
          matched = size;
        }
      }
      s += Math.max(matched, 1);
    }
    i = chain.ends[chain.count - 1]!;
  }
  return found;
}

/**
 * What groups [s, s + size) of a chain are, if anything. Cheap length tests come first, as most
 * windows fail them; the digits go into a reused buffer, so nothing is allocated on that path.
 */
function classify(
  codes: Uint16Array,
  chain: Chain,
  s: number,
  size: number,
  digits: Uint8Array,
): Span | undefined {
  const { starts, ends } = chain;
  const start = starts[s]!;
  const end = ends[s + size - 1]!;
  let length = 0;
  for (let g = s; g < s + size; g++) length += ends[g]! - starts[g]!;
  const before = codes[start - 1];
  const era = eraOf(before);
  const maybeDate = size === 3 && (ends[s]! - start === 4 || era !== undefined);
  if ((length < 7 && !maybeDate) || length > MAX_DIGITS) return undefined;
  const groupLength = (g: number) => ends[s + g]! - starts[s + g]!;
  const gapIs = (g: number, c: number) => starts[s + g + 1] === ends[s + g]! + 1 && codes[ends[s + g]!] === c;
  let k = 0;
  for (let g = s; g < s + size; g++)
    for (let p = starts[g]!; p < ends[g]!; p++) digits[k++] = codes[p]! - 0x30;

  // Phone: +81 with the leading 0 dropped (or kept, as in "+81 (0)3 …"), or a national number.
  if (before === PLUS) {
    if (digits[0] === 8 && digits[1] === 1) {
      const national =
        digits[2] === 0 ? digits.subarray(2, length) : Uint8Array.of(0, ...digits.subarray(2, length));
      if (isPhone(national)) return { kind: 'phone', start: start - 1, end };
    }
  } else if (isPhone(digits.subarray(0, length))) {
    // "(03)1234-5678": the opening parenthesis belongs to the number only if it closes after the area code.
    const areaCode = before === OPEN && size > 1 && codes[ends[s]!] === CLOSE;
    return { kind: 'phone', start: areaCode ? start - 1 : start, end };
  }

  if (
    length === 12 &&
    (size === 1 ||
      (size === 3 &&
        [0, 1, 2].every((g) => groupLength(g) === 4) &&
        [0, 1].every((g) => gapIs(g, HYPHEN) || gapIs(g, SPACE)))) &&
    isMyNumber(digits.subarray(0, 12))
  )
    return { kind: 'my_number', start, end };

  // Postal code: NNN-NNNN, or seven digits after 〒 (a space may follow the mark).
  const markAt = before === SPACE ? start - 2 : start - 1;
  const marked = codes[markAt] === POSTAL_MARK;
  if (
    (size === 2 && groupLength(0) === 3 && groupLength(1) === 4 && gapIs(0, HYPHEN)) ||
    (marked && size === 1 && length === 7)
  )
    return { kind: 'postal_code', start: marked ? markAt : start, end };

  // Dates: 1985/4/12, 1985-04-12, 1985.4.12; an era letter and year: S60.4.12.
  const separator = codes[ends[s]!];
  if (
    maybeDate &&
    (separator === 0x2f || separator === HYPHEN || separator === 0x2e) &&
    gapIs(0, separator) &&
    gapIs(1, separator)
  ) {
    const [y, m, d] = [0, 1, 2].map((g) => digitsValue(codes, starts[s + g]!, ends[s + g]!)) as [
      number,
      number,
      number,
    ];
    if (groupLength(0) === 4 && groupLength(1) <= 2 && groupLength(2) <= 2 && validDate(y, m, d))
      return { kind: 'date', start, end };
    if (
      era !== undefined &&
      [0, 1, 2].every((g) => groupLength(g) <= 2) &&
      y >= 1 &&
      validDate(era + y - 1, m, d)
    )
      return { kind: 'date', start: start - 1, end };
  }
  return undefined;
}

/**
 * A Japanese phone number written nationally: 10 digits starting 0 and then not 0 (fixed lines,
 * 0120, 0570), or 11 digits starting 0, then 2–9, then 0 (070/080/090 mobiles, 050 IP, 0800, 020).
 */
function isPhone(d: Uint8Array): boolean {
  if (d[0] !== 0) return false;
  if (d.length === 10) return d[1] !== 0;
  return d.length === 11 && d[1]! >= 2 && d[2] === 0;
}

/** A calendar date from 1868 (the start of Meiji) to 2099. */
export function validDate(year: number, month: number, day: number): boolean {
  if (year < 1868 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1]!;
}
