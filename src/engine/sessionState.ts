import type { Issue } from '../core/issue.js';
import type { PageMode } from './surveyModel.js';

/**
 * Everything a front end renders, as one immutable object. A new object is made only when something
 * changed, and unchanged parts (pages, question views) keep their identity, so `===` tells a renderer
 * what to redraw and React's `useSyncExternalStore` works as is.
 */
export interface SessionState {
  /** The locale texts are shown in (one of the template's `locales`). */
  readonly locale: string;
  /** The survey title, in `locale`. */
  readonly title: string;
  /** The introduction shown before the first page, in `locale`, if the template has one. */
  readonly introduction: string | null;
  readonly pageMode: PageMode;
  /** Every page, shown or not; `visible` says whether the current answers lead to it. */
  readonly pages: readonly PageView[];
  /** Index of the current page in `pages`. */
  readonly pageIndex: number;
  /** The current page. */
  readonly page: PageView;
  /** The visible questions of the current page, in template order. */
  readonly questions: readonly QuestionView[];
  /** Answered of visible answers in the whole survey (each matrix item counts once). */
  readonly progress: { readonly answered: number; readonly visible: number };
  /** An earlier visible page exists. */
  readonly canBack: boolean;
  /** A later visible page exists: show "next". */
  readonly canNext: boolean;
  /** No later visible page exists: show "submit" instead of "next". */
  readonly canSubmit: boolean;
}

/** A page: a section, or (in question mode) one question of a section. */
export interface PageView {
  readonly index: number;
  /** The section id. */
  readonly sectionId: string;
  /** The question id in question mode; null in section mode. */
  readonly questionId: string | null;
  /** The section title and description, in the session locale. */
  readonly title: string;
  readonly description: string | null;
  /** Whether the current answers lead to this page (its section is shown and so is one of its questions). */
  readonly visible: boolean;
}

/** Ids for the elements of a question, so that ARIA attributes can point at them. */
export interface ElementIds {
  /** `kz-<id>-label`: the label or legend. */
  readonly label: string;
  /** `kz-<id>-help`: the help text. */
  readonly help: string;
  /** `kz-<id>-error`: the error messages. */
  readonly error: string;
  /** `kz-<id>-input`: the input of a number, text or date question (choices have one id per option). */
  readonly input: string;
}

/** An answer option in presentation order. */
export interface OptionView {
  readonly code: number;
  /** Plain text: set it as text content, never as HTML. */
  readonly label: string;
  /** The same text, HTML-escaped. */
  readonly labelHtml: string;
  /** `kz-<id>-opt-<code>`: the id of the option's input. */
  readonly id: string;
  readonly selected: boolean;
  /** Ranking: the 1-based rank given to this option, else null. */
  readonly rank: number | null;
  /** Multiple choice: choosing it clears every other option. */
  readonly exclusive: boolean;
  /** "Other, please specify": asks for a text when chosen. */
  readonly other: boolean;
  readonly pinned: boolean;
  /** A "don't know" / "prefer not to say" option. */
  readonly missing: boolean;
}

/** What every question view has. */
export interface QuestionViewBase {
  readonly id: string;
  /** Plain text with piped answers: set it as text content, never as HTML. */
  readonly label: string;
  /** The same text, HTML-escaped (piped answers included). */
  readonly labelHtml: string;
  readonly help: string | null;
  readonly helpHtml: string | null;
  readonly required: boolean;
  /**
   * What is wrong with the answer, in the session's message language; empty until the respondent has
   * answered the question or tried to leave the page. A matrix lists the issues of all its items.
   */
  readonly errors: readonly Issue[];
  /** `errors.length > 0`: for `aria-invalid`. */
  readonly invalid: boolean;
  readonly ids: ElementIds;
  /** The ids of the help and error elements that exist now, for `aria-describedby`. */
  readonly describedBy: string;
}

/** Single choice (radio buttons or a select). */
export interface SingleQuestionView extends QuestionViewBase {
  readonly kind: 'single';
  readonly value: number | null;
  readonly options: readonly OptionView[];
  readonly otherText: string | null;
  /** `kz-<id>-other`: the id of the "other" text input, if the question has an "other" option. */
  readonly otherId: string | null;
}

/** Multiple choice (check boxes). */
export interface MultipleQuestionView extends QuestionViewBase {
  readonly kind: 'multiple';
  readonly value: readonly number[] | null;
  readonly options: readonly OptionView[];
  readonly otherText: string | null;
  readonly otherId: string | null;
  readonly minSelected: number | null;
  readonly maxSelected: number | null;
}

/** Ranking: `value` lists codes from first to last. */
export interface RankingQuestionView extends QuestionViewBase {
  readonly kind: 'ranking';
  readonly value: readonly number[] | null;
  readonly options: readonly OptionView[];
  readonly otherText: string | null;
  readonly otherId: string | null;
  readonly minRanked: number | null;
  readonly maxRanked: number;
}

/** One statement on a scale. */
export interface LikertQuestionView extends QuestionViewBase {
  readonly kind: 'likert';
  readonly value: number | null;
  readonly options: readonly OptionView[];
}

/** A row of a matrix. */
export interface MatrixItemView {
  readonly id: string;
  readonly label: string;
  readonly labelHtml: string;
  readonly value: number | null;
  readonly required: boolean;
  readonly errors: readonly Issue[];
  readonly invalid: boolean;
  /** `kz-<itemId>-label` and `kz-<itemId>-error`. */
  readonly ids: { readonly label: string; readonly error: string };
  /** The scale's options for this row, with this row's input ids and selection. */
  readonly options: readonly OptionView[];
}

/** Several statements on a shared scale; answers belong to the items. */
export interface MatrixQuestionView extends QuestionViewBase {
  readonly kind: 'matrix';
  /** The scale's options: the column headings (their `id` and `selected` are not per row). */
  readonly options: readonly OptionView[];
  /** The rows in presentation order. */
  readonly items: readonly MatrixItemView[];
}

/** A number. */
export interface NumberQuestionView extends QuestionViewBase {
  readonly kind: 'number';
  readonly value: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly integer: boolean;
  /** The unit to show after the input, in the session locale. */
  readonly unit: string | null;
  /** For the `inputmode` attribute: a numeric keypad, with a decimal point when decimals are allowed. */
  readonly inputMode: 'numeric' | 'decimal';
  /** Survey answers are not the browser's to remember. */
  readonly autocomplete: 'off';
}

/** Free text. */
export interface TextQuestionView extends QuestionViewBase {
  readonly kind: 'text';
  readonly value: string | null;
  /** In characters; the template's or 5,000. */
  readonly maxLength: number;
  /** A long answer: use a text area. */
  readonly multiline: boolean;
  /** The answer may contain personal data (say so near the field). */
  readonly personalData: boolean;
  readonly inputMode: 'text';
  readonly autocomplete: 'off';
}

/** A calendar date, `YYYY-MM-DD`. */
export interface DateQuestionView extends QuestionViewBase {
  readonly kind: 'date';
  readonly value: string | null;
  readonly min: string | null;
  readonly max: string | null;
  readonly autocomplete: 'off';
}

/** Display-only text. */
export interface NoteQuestionView extends QuestionViewBase {
  readonly kind: 'note';
}

/** A visible question, narrowed by `kind`. */
export type QuestionView =
  | SingleQuestionView
  | MultipleQuestionView
  | RankingQuestionView
  | LikertQuestionView
  | MatrixQuestionView
  | NumberQuestionView
  | TextQuestionView
  | DateQuestionView
  | NoteQuestionView;
