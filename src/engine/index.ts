/**
 * The headless survey engine: a respondent's session on a survey — pages, visibility, answers
 * checked by type, errors, piping, seeded randomisation, submission and resume — as a small store
 * that any front end (DOM, React, Vue, a LINE mini app, a kiosk) renders. No DOM, no framework, no
 * schema library: it runs in browsers, Node, Deno and workers.
 *
 * @packageDocumentation
 */
export type { Issue, MessageLocale, PathSegment } from '../core/issue.js';
export type { AnswerValue, ResponseMeta, SurveyResponse } from '../schema/response.js';
export type { Survey } from '../schema/survey.js';
export type { SessionOptions } from './createSession.js';
export { createSession } from './createSession.js';
export type { EngineIssueCode } from './messages.js';
export {
  type QuestionTexts,
  type QuestionTextsOptions,
  questionTexts,
  REQUIRED_WORD,
} from './questionTexts.js';
export type { RestoreOptions, RestoreResult } from './restoreSession.js';
export { restoreSession } from './restoreSession.js';
export type { ActionResult, AnswerInput, AnswerResult, Session, SubmitResult } from './session.js';
export type { SessionSnapshot } from './sessionSnapshot.js';
export type {
  DateQuestionView,
  ElementIds,
  LikertQuestionView,
  MatrixItemView,
  MatrixQuestionView,
  MultipleQuestionView,
  NoteQuestionView,
  NumberQuestionView,
  OptionView,
  PageView,
  QuestionView,
  QuestionViewBase,
  RankingQuestionView,
  SessionState,
  SingleQuestionView,
  TextQuestionView,
} from './sessionState.js';
export type { PageMode } from './surveyModel.js';
