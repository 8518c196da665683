import type { Issue, MessageLocale } from '../core/issue.js';
import { createIssue } from '../core/issue.js';
import type { AnswerValue } from '../schema/response.js';
import { localeText } from './localeText.js';
import { type EngineIssueCode, engineMessages } from './messages.js';
import type { QuestionModel } from './surveyModel.js';

/** The longest text answer (and "other" text) when the template sets no `maxLength`, in characters. */
export const DEFAULT_MAX_LENGTH = 5_000;

/** What {@link answerIssues} needs to know about one question in a session. */
export interface AnswerContext {
  /** The stored answer under a key, if any. */
  value: (key: string) => AnswerValue | undefined;
  /** The "other, please specify" text, if any. */
  otherText: string | undefined;
  /** Whether the question is required now (`required`, or a true `requiredIf`). */
  required: boolean;
  /** Language of the messages. */
  messageLocale: MessageLocale;
  /** Locale of option labels quoted in messages. */
  locale: string;
}

/**
 * Everything that blocks submitting a question's answers: a missing required answer (every item of a
 * required matrix), selection and ranking counts, an exclusive option chosen with others, a missing
 * "other" text, a non-integer or out-of-range number, a text that is too long, a date out of range.
 * Paths point into the response: `['answers', key]` or `['other', questionId]`.
 */
export function answerIssues(model: QuestionModel, context: AnswerContext): Issue[] {
  const issues: Issue[] = [];
  const q = model.question;
  const add = (code: EngineIssueCode, path: (string | number)[], params?: Record<string, unknown>) => {
    issues.push(createIssue(engineMessages, code, path, context.messageLocale, params));
  };
  const label = (code: number): string => {
    const option = model.options.find((o) => o.code === code);
    return option ? localeText(option.label, context.locale) : String(code);
  };
  for (const key of model.keys) {
    const value = context.value(key);
    const path = ['answers', key];
    if (value === undefined) {
      if (context.required) add('required', path);
      continue;
    }
    switch (q.type) {
      case 'multiple': {
        const codes = value as number[];
        if (q.minSelected !== undefined && codes.length < q.minSelected) {
          add('too_few_selected', path, { min: q.minSelected, count: codes.length });
        }
        if (q.maxSelected !== undefined && codes.length > q.maxSelected) {
          add('too_many_selected', path, { max: q.maxSelected, count: codes.length });
        }
        if (codes.length > 1) {
          const exclusive = codes.find((c) =>
            model.options.some((o) => o.code === c && o.exclusive === true),
          );
          if (exclusive !== undefined)
            add('exclusive_conflict', path, { code: exclusive, label: label(exclusive) });
        }
        break;
      }
      case 'ranking': {
        const codes = value as number[];
        if (codes.length > q.maxRanked)
          add('too_many_ranked', path, { max: q.maxRanked, count: codes.length });
        if (q.minRanked !== undefined && codes.length < q.minRanked) {
          add('too_few_ranked', path, { min: q.minRanked, count: codes.length });
        }
        break;
      }
      case 'number': {
        const n = value as number;
        if (q.integer === true && !Number.isInteger(n)) add('not_integer', path, { value: n });
        if (q.min !== undefined && n < q.min) add('too_small', path, { min: q.min, value: n });
        if (q.max !== undefined && n > q.max) add('too_large', path, { max: q.max, value: n });
        break;
      }
      case 'text': {
        const max = q.maxLength ?? DEFAULT_MAX_LENGTH;
        const length = characterCount(value as string);
        if (length > max) add('text_too_long', path, { max, length });
        break;
      }
      case 'date': {
        const date = value as string;
        if (q.min !== undefined && date < q.min) add('date_too_early', path, { min: q.min, value: date });
        if (q.max !== undefined && date > q.max) add('date_too_late', path, { max: q.max, value: date });
        break;
      }
    }
  }
  const chosen = model.otherCode !== null ? context.value(q.id) : undefined;
  if (model.otherCode !== null && chosen !== undefined && includes(chosen, model.otherCode)) {
    const path = ['other', q.id];
    const text = context.otherText ?? '';
    if (text.trim() === '') add('other_required', path, { label: label(model.otherCode) });
    else if (characterCount(text) > DEFAULT_MAX_LENGTH) {
      add('text_too_long', path, { max: DEFAULT_MAX_LENGTH, length: characterCount(text) });
    }
  }
  return issues;
}

/** Whether an answer is, or contains, a code. */
export function includes(value: AnswerValue, code: number): boolean {
  return Array.isArray(value) ? value.includes(code) : value === code;
}

/**
 * Length in Unicode characters (code points), as JSON Schema's `maxLength` counts, so an emoji is one
 * character here and in the response validator alike.
 */
export function characterCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}
