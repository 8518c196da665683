import type { MessageLocale } from '../core/issue.js';
import { checkOption, describeValue, fail } from './anonymiseError.js';
import { foldText, hasWordAt, type Span } from './foldText.js';
import { scanEmails } from './scanEmails.js';
import { scanKanjiDates } from './scanKanjiDates.js';
import { scanNumbers } from './scanNumbers.js';
import { scanUrls } from './scanUrls.js';

/** A kind of personal data that {@link redactText} finds. */
export type RedactionKind =
  | 'email'
  | 'url'
  | 'phone'
  | 'postal_code'
  | 'my_number'
  | 'date_of_birth'
  | 'date'
  | 'name';

/** Every kind; all but `date` are on by default. */
export const REDACTION_KINDS: readonly RedactionKind[] = [
  'email',
  'url',
  'phone',
  'postal_code',
  'my_number',
  'date_of_birth',
  'date',
  'name',
];

/** One piece of personal data found, with UTF-16 offsets into the original text. */
export interface RedactionFinding {
  kind: RedactionKind;
  start: number;
  end: number;
  /** The original characters; only with `includeOriginal`, since findings are often logged. */
  original?: string;
}

/** Options of {@link redactText}. */
export interface RedactTextOptions {
  /** Kinds to redact (default: all but `date`). */
  kinds?: readonly RedactionKind[];
  /** A name finder supplied by the host (a dictionary or a model): spans of names in the original text. */
  nameDetector?: (text: string) => ReadonlyArray<{ start: number; end: number }>;
  /** What to put in place of each finding (default: a label such as ［電話番号］ or [phone], by `locale`). */
  replacement?: string | ((finding: RedactionFinding) => string);
  /** Put the original characters in the findings (default false). */
  includeOriginal?: boolean;
  /** Language of the default labels and of error messages (default `ja`). */
  locale?: MessageLocale;
}

/** Redacted text and what was found. */
export interface RedactTextResult {
  text: string;
  findings: RedactionFinding[];
}

const LABELS: Record<MessageLocale, Record<RedactionKind, string>> = {
  ja: {
    email: '［メールアドレス］',
    url: '［URL］',
    phone: '［電話番号］',
    postal_code: '［郵便番号］',
    my_number: '［個人番号］',
    date_of_birth: '［生年月日］',
    date: '［日付］',
    name: '［氏名］',
  },
  en: {
    email: '[email]',
    url: '[URL]',
    phone: '[phone]',
    postal_code: '[postal code]',
    my_number: '[My Number]',
    date_of_birth: '[date of birth]',
    date: '[date]',
    name: '[name]',
  },
};

/** Words that mark a nearby full date as a date of birth: before it within 16 characters… */
const BIRTH_BEFORE = ['生年月日', '誕生', '生まれ', '産まれ', '出生', 'birth', 'born', 'dob', 'd.o.b'];
/** …or right after it (1985年4月12日生まれ). */
const BIRTH_AFTER = ['生', '産まれ'];
const BIRTH_WINDOW = 16;

/**
 * Finds and replaces personal data in free text: e-mail addresses, web addresses, Japanese phone
 * numbers (fixed, mobile, IP, free dial, 0570, +81), postal codes, My Numbers, dates of birth, and
 * names through a host-supplied detector. Full-width characters and hyphen look-alikes are folded
 * first (one character for one, so offsets stay those of the original).
 *
 * Decisions: a 12-digit number is a My Number only if its check digit is right — otherwise it is
 * left alone, as it is more likely an order or account number; a full date (year, month, day) is
 * a date of birth when a birth word (生年月日, 誕生日, 生まれ, birth, born, DOB…) stands up to 16
 * characters before it or 生/生まれ right after it; other full dates are kind `date`, redacted only
 * if asked for. Every scanner is hand-written and linear in the text's length.
 *
 * @example
 * ```ts
 * redactText('連絡先は０９０ー１２３４ー５６７８、taro@example.jp です');
 * // { text: '連絡先は［電話番号］、［メールアドレス］ です',
 * //   findings: [{ kind: 'phone', start: 4, end: 17 }, { kind: 'email', start: 18, end: 33 }] }
 * ```
 */
export function redactText(text: string, options: RedactTextOptions = {}): RedactTextResult {
  const { locale = 'ja', includeOriginal = false } = options;
  if (typeof text !== 'string') fail('not_text', ['text'], locale, { received: describeValue(text) });
  const kinds = new Set(options.kinds ?? REDACTION_KINDS.filter((k) => k !== 'date'));
  checkOption(
    [...kinds].every((k) => REDACTION_KINDS.includes(k)),
    'kinds',
    { en: REDACTION_KINDS.join(', '), ja: REDACTION_KINDS.join('・') },
    locale,
  );
  const replacement = options.replacement ?? ((finding: RedactionFinding) => LABELS[locale][finding.kind]);
  checkOption(
    typeof replacement === 'string' || typeof replacement === 'function',
    'replacement',
    { en: 'a string or a function', ja: '文字列か関数' },
    locale,
  );

  const codes = foldText(text);
  const spans: Span[] = [
    ...scanEmails(codes),
    ...scanUrls(codes),
    ...scanNumbers(codes),
    ...scanKanjiDates(codes),
  ];
  for (const span of spans)
    if (span.kind === 'date' && nearBirthWord(codes, span)) span.kind = 'date_of_birth';
  if (options.nameDetector !== undefined && kinds.has('name'))
    for (const span of detectNames(text, options.nameDetector, locale)) spans.push(span);

  const chosen = spans
    .filter((span) => kinds.has(span.kind as RedactionKind))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const findings: RedactionFinding[] = [];
  let out = '';
  let done = 0;
  for (const span of chosen) {
    if (span.start < done) continue; // overlaps a longer or earlier finding
    const finding: RedactionFinding = { kind: span.kind as RedactionKind, start: span.start, end: span.end };
    if (includeOriginal) finding.original = text.slice(span.start, span.end);
    out +=
      text.slice(done, span.start) + (typeof replacement === 'string' ? replacement : replacement(finding));
    done = span.end;
    findings.push(finding);
  }
  return { text: out + text.slice(done), findings };
}

function nearBirthWord(codes: Uint16Array, span: Span): boolean {
  for (let at = Math.max(0, span.start - BIRTH_WINDOW); at < span.start; at++)
    if (BIRTH_BEFORE.some((word) => hasWordAt(codes, at, word))) return true;
  let after = span.end;
  if (codes[after] === 0x20) after++;
  return BIRTH_AFTER.some((word) => hasWordAt(codes, after, word));
}

function detectNames(
  text: string,
  detector: NonNullable<RedactTextOptions['nameDetector']>,
  locale: MessageLocale,
): Span[] {
  const spans = detector(text);
  if (!Array.isArray(spans))
    fail('invalid_span', ['nameDetector'], locale, { start: '?', end: '?', length: text.length });
  return spans.map((span: unknown, i) => {
    const { start, end } = (typeof span === 'object' && span !== null ? span : {}) as Record<string, unknown>;
    if (
      !Number.isSafeInteger(start) ||
      !Number.isSafeInteger(end) ||
      (start as number) < 0 ||
      (start as number) >= (end as number) ||
      (end as number) > text.length
    )
      fail('invalid_span', ['nameDetector', i], locale, { start, end, length: text.length });
    return { kind: 'name', start: start as number, end: end as number };
  });
}
