/**
 * Accessible survey elements for the browser: `<kizuki-survey>` (a whole form) and
 * `<kizuki-question>` (one question, for a host's own layout) over the headless engine, plus the
 * render function and bindings they are built from. Plain custom elements with shadow DOM and a
 * constructable stylesheet: no framework, no inline styles, safe under a strict CSP.
 *
 * @packageDocumentation
 */
export type { Issue } from '../core/issue.js';
export type {
  AnswerInput,
  AnswerResult,
  QuestionView,
  Session,
  SessionState,
  Survey,
  SurveyResponse,
} from '../engine/index.js';
export { bindSession } from './bindSession.js';
export { defineElements } from './defineElements.js';
export type { KizukiQuestionProps, KizukiSurveyProps, KizukiSurveyVueProps } from './elementProps.js';
export type {
  KizukiChangeDetail,
  KizukiErrorDetail,
  KizukiPageDetail,
  KizukiSubmitDetail,
} from './events.js';
export { KizukiQuestion } from './KizukiQuestion.js';
export { KizukiSurvey, type TemplateParser } from './KizukiSurvey.js';
export type {
  Backoff,
  DegradedReason,
  DraftLoad,
  DraftStorage,
  DraftStore,
  DraftStoreOptions,
  FallbackStorage,
  KeptAsideDraft,
  KioskGuard,
  KioskGuardOptions,
  LocalStorageOptions,
  MaybePromise,
  PersistIssueCode,
  PostJsonOptions,
  QueuedResponse,
  SendResponse,
  SubmissionQueue,
  SubmissionQueueOptions,
  SubmissionStatus,
  WebStorageLike,
} from './persist/index.js';
export {
  createDraftStore,
  createKioskGuard,
  createSubmissionQueue,
  localStorageDraftStorage,
  memoryDraftStorage,
  postJson,
} from './persist/index.js';
export { renderQuestion } from './renderQuestion.js';
export { WORDS, type Words } from './words.js';
