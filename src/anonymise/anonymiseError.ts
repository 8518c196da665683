import { createIssue, type Issue, type MessageLocale, type PathSegment } from '../core/issue.js';
import { type AnonymiseIssueCode, anonymiseMessages } from './messages.js';

/**
 * Thrown by the anonymisation helpers when their input or options cannot be used: a short key, an
 * overspent privacy budget, a table that is not a table. It carries the problems as issues.
 *
 * @example
 * ```ts
 * try {
 *   await hmacPseudonym(new Uint8Array(16), 'E-1234');
 * } catch (error) {
 *   if (error instanceof AnonymiseError) console.log(error.issues[0]?.code); // 'key_too_short'
 * }
 * ```
 */
export class AnonymiseError extends Error {
  /** What is wrong, with paths into the input. */
  readonly issues: Issue[];

  constructor(issues: Issue[]) {
    super(issues.map((issue) => issue.message).join('; '));
    this.name = 'AnonymiseError';
    this.issues = issues;
  }
}

/** Throws an `AnonymiseError` with one issue. */
export function fail(
  code: AnonymiseIssueCode,
  path: PathSegment[],
  locale: MessageLocale | undefined,
  params?: Record<string, unknown>,
): never {
  throw new AnonymiseError([createIssue(anonymiseMessages, code, path, locale ?? 'ja', params)]);
}

/** Throws `invalid_option` unless `ok`; `expected` says what is allowed, in both languages. */
export function checkOption(
  ok: boolean,
  option: string,
  expected: { en: string; ja: string },
  locale: MessageLocale | undefined,
): void {
  if (!ok)
    fail('invalid_option', ['options', option], locale, {
      option,
      expected: expected.en,
      expectedJa: expected.ja,
    });
}

/** Throws `invalid_option` unless `value` is a whole number of at least `minimum`. */
export function checkInteger(
  value: unknown,
  option: string,
  minimum: number,
  locale: MessageLocale | undefined,
): void {
  checkOption(
    Number.isSafeInteger(value) && (value as number) >= minimum,
    option,
    { en: `a whole number of at least ${minimum}`, ja: `${minimum}以上の整数` },
    locale,
  );
}

/** A short description of what a value is, for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
