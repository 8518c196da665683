import type { Issue } from '../core/issue.js';
import type { AnswerValue, SurveyResponse } from '../schema/response.js';
import type { Survey } from '../schema/survey.js';
import type { SessionSnapshot } from './sessionSnapshot.js';
import type { SessionState } from './sessionState.js';

/**
 * An answer as a front end passes it: an option code (single, Likert, matrix item), an array of
 * codes (multiple, ranking), a number (or the text typed for it), a string (text, `YYYY-MM-DD`
 * date). Codes may be integer strings, as DOM values are. `null`, `undefined`, `''` and `[]` clear.
 */
export type AnswerInput = number | string | readonly (number | string)[] | null | undefined;

/**
 * The result of setting an answer. On success, `value` is what was stored (`null`: cleared) and
 * `issues` is what is still wrong with it (shown to the respondent too, and blocking "next"); on
 * failure nothing changed and `issues` says why the value was refused.
 */
export type AnswerResult =
  | { success: true; value: AnswerValue | null; issues: Issue[] }
  | { success: false; issues: Issue[] };

/** The result of navigation and of changing the locale. */
export type ActionResult = { success: true } | { success: false; issues: Issue[] };

/** The result of {@link Session.submit}: the response to store, or what blocks it. */
export type SubmitResult = { success: true; response: SurveyResponse } | { success: false; issues: Issue[] };

/**
 * A respondent's session: a small store around the engine's state. Every method is a plain function
 * bound to the session, so `session.subscribe` and `session.getSnapshot` can be passed around as is.
 * Actions never throw on bad input: they return issues.
 */
export interface Session {
  /** The survey this session runs. */
  readonly survey: Survey;
  /** The current state; the same object until something changes. */
  getSnapshot(): SessionState;
  /** Calls `listener` after every change; returns the function that unsubscribes. */
  subscribe(listener: () => void): () => void;
  /** Sets the answer under a question id or a matrix item id. */
  setAnswer(id: string, value: AnswerInput): AnswerResult;
  /** Clears the answer under a question id or a matrix item id (kept nowhere: unlike a hidden answer). */
  clearAnswer(id: string): AnswerResult;
  /**
   * Chooses an option as a click would: single, Likert and matrix items select it; multiple choice
   * toggles it (with exclusivity); ranking appends it as the next rank or removes it.
   */
  toggleOption(id: string, code: number | string): AnswerResult;
  /** Sets the "other, please specify" text of a question. */
  setOther(questionId: string, text: string): AnswerResult;
  /** Goes to the next visible page; refused with the issues of the current page's visible questions. */
  next(): ActionResult;
  /** Goes to the previous visible page. */
  back(): ActionResult;
  /**
   * Jumps to a visible page. Going forward checks every page passed over, as `next` would; going
   * back is always allowed.
   */
  goTo(pageIndex: number): ActionResult;
  /** Shows the survey in another of its locales; messages follow (Japanese for `ja`, else English). */
  setLocale(locale: string): ActionResult;
  /**
   * Checks every visible question and returns the response, or the issues that block it (and moves
   * to the first page with one). The session stays usable; submitting again gives a response with the
   * same respondent id, so a server can treat it as a replacement.
   */
  submit(): SubmitResult;
  /** Everything needed to resume later, as JSON. */
  snapshot(): SessionSnapshot;
}
