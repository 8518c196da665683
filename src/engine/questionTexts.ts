import type { MessageLocale } from '../core/issue.js';
import type { LocalisedText, Question } from '../schema/templateSchema.js';
import { localeText } from './localeText.js';
import { pipeText } from './pipeText.js';

/** Options of {@link questionTexts}. */
export interface QuestionTextsOptions {
  /** The template locale to show (`ja` when the template has no text in it). */
  locale: string;
  /**
   * The text a `{id}` reference pipes in: the answer on screen, "(your answer to Q3)" on paper;
   * undefined leaves the braces as written. Without it every reference stays as written.
   */
  pipe?: (id: string) => string | undefined;
}

/** The texts a respondent reads for one question, as plain text (escape them for HTML). */
export interface QuestionTexts {
  /** The question (or note) text, with piped answers. */
  label: string;
  /** The help text under it, with piped answers; null when there is none. */
  help: string | null;
  /** The unit beside a number field (`人`, `hours`); null for other questions or none. */
  unit: string | null;
  /** The statements of a matrix, in template order, with piped answers; empty for other questions. */
  items: string[];
}

/**
 * How a required question is marked, in words (never by colour or an asterisk alone): `必須` /
 * `required`. The form shows it after the label in brackets, the paper as a badge.
 */
export const REQUIRED_WORD: Readonly<Record<MessageLocale, string>> = { ja: '必須', en: 'required' };

/**
 * The label, help, unit and matrix statements of a question in one locale, with `{id}` references
 * piped: the one source of question text for the on-screen form (through the engine's views) and
 * the paper questionnaire (`kizuki print`), so that both always say the same thing.
 *
 * @example
 * ```ts
 * import { questionTexts } from 'kizuki/engine';
 *
 * const [q] = survey.template.sections[0]!.questions;
 * questionTexts(q!, { locale: 'en', pipe: (id) => `(your answer to ${id})` }).label;
 * ```
 */
export function questionTexts(question: Question, options: QuestionTextsOptions): QuestionTexts {
  const text = (t: LocalisedText) => questionText(t, options);
  return {
    label: text(question.label),
    help: question.help ? text(question.help) : null,
    unit: question.type === 'number' && question.unit ? localeText(question.unit, options.locale) : null,
    items: question.type === 'matrix' ? question.items.map((item) => text(item.text)) : [],
  };
}

/** One template text in the locale, with `{id}` references piped (internal to the engine and report). */
export function questionText(text: LocalisedText, options: QuestionTextsOptions): string {
  const local = localeText(text, options.locale);
  return options.pipe ? pipeText(local, options.pipe) : local;
}
