import { digitsValue, isDigit, type Span } from './foldText.js';
import { eraOf, validDate } from './scanNumbers.js';

const YEAR = 0x5e74; // 年
const MONTH = 0x6708; // 月
const DAY = 0x65e5; // 日
const GAN = 0x5143; // 元 (the first year of an era)
const SPACE = 0x20;
/** Eras by their two characters, with the Western year of their first year. */
const ERAS: ReadonlyArray<[string, number]> = [
  ['明治', 1868],
  ['大正', 1912],
  ['昭和', 1926],
  ['平成', 1989],
  ['令和', 2019],
];

/**
 * Full dates written with 年月日: 1985年4月12日, 昭和60年4月12日, 平成元年1月8日, S60年4月12日, with
 * single spaces allowed around the numbers. Each 年 is examined by a bounded look to either side,
 * so the scan is linear.
 */
export function scanKanjiDates(codes: Uint16Array): Span[] {
  const found: Span[] = [];
  for (let at = 0; at < codes.length; at++) {
    if (codes[at] !== YEAR) continue;
    const year = readYear(codes, at);
    if (year === undefined) continue;
    let i = at + 1;
    const month = readNumber(codes, i, MONTH);
    if (month === undefined) continue;
    i = month.next;
    const day = readNumber(codes, i, DAY);
    if (day === undefined || !validDate(year.value, month.value, day.value)) continue;
    found.push({ kind: 'date', start: year.start, end: day.next });
    at = day.next - 1;
  }
  return found;
}

/** The year before 年 at `at`: four Western digits, or an era and one or two digits (or 元). */
function readYear(codes: Uint16Array, at: number): { value: number; start: number } | undefined {
  let end = at;
  if (codes[end - 1] === SPACE) end--;
  let start = end;
  let value: number;
  if (codes[start - 1] === GAN) {
    start--;
    value = 1;
  } else {
    while (start > 0 && end - start < 5 && isDigit(codes[start - 1])) start--;
    if (start === end || end - start > 4) return undefined;
    value = digitsValue(codes, start, end);
  }
  let eraStart = start;
  if (codes[eraStart - 1] === SPACE) eraStart--;
  for (const [name, first] of ERAS) {
    if (codes[eraStart - 2] === name.charCodeAt(0) && codes[eraStart - 1] === name.charCodeAt(1))
      return end - start <= 2 && value >= 1 ? { value: first + value - 1, start: eraStart - 2 } : undefined;
  }
  const eraLetter = eraOf(codes[eraStart - 1]);
  if (eraLetter !== undefined && end - start <= 2 && value >= 1)
    return { value: eraLetter + value - 1, start: eraStart - 1 };
  return end - start === 4 ? { value, start } : undefined;
}

/** One or two digits after `from` (a space may come before and after), followed by `unit`. */
function readNumber(
  codes: Uint16Array,
  from: number,
  unit: number,
): { value: number; next: number } | undefined {
  let i = from;
  if (codes[i] === SPACE) i++;
  const start = i;
  while (i < codes.length && i - start < 3 && isDigit(codes[i])) i++;
  if (i === start || i - start > 2) return undefined;
  const value = digitsValue(codes, start, i);
  if (codes[i] === SPACE) i++;
  return codes[i] === unit ? { value, next: i + 1 } : undefined;
}
