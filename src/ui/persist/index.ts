/**
 * Persistence for survey front ends: autosave and resume of drafts across template versions, a
 * submission queue that loses nothing (stored before sending, retried with backoff and on the next
 * page load, idempotent by respondent id), and a kiosk guard for shared devices. No DOM at module
 * level: it runs in browsers, workers and Node.
 *
 * @packageDocumentation
 */
export type {
  DraftLoad,
  DraftStore,
  DraftStoreOptions,
  KeptAsideDraft,
} from './createDraftStore.js';
export { createDraftStore } from './createDraftStore.js';
export type { KioskGuard, KioskGuardOptions } from './createKioskGuard.js';
export { createKioskGuard } from './createKioskGuard.js';
export type {
  Backoff,
  PostJsonOptions,
  QueuedResponse,
  SendResponse,
  SubmissionQueue,
  SubmissionQueueOptions,
  SubmissionStatus,
} from './createSubmissionQueue.js';
export { createSubmissionQueue, postJson } from './createSubmissionQueue.js';
export type {
  DegradedReason,
  DraftStorage,
  FallbackStorage,
  LocalStorageOptions,
  MaybePromise,
  WebStorageLike,
} from './draftStorage.js';
export { localStorageDraftStorage, memoryDraftStorage } from './draftStorage.js';
export type { PersistIssueCode } from './messages.js';
