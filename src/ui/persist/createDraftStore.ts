import type { Issue } from '../../core/issue.js';
import type { RestoreOptions, Session, Survey } from '../../engine/index.js';
import type { DraftStorage } from './draftStorage.js';

/** Options of {@link createDraftStore}. */
export interface DraftStoreOptions {
  storage: DraftStorage;
  /**
   * Names the draft: one draft per key. Use the template id (it stays the same across versions, so
   * a draft made on an older version is found and restored); add an organisation or wave when one
   * device answers several.
   */
  key: string;
  /** How long to wait after a change before saving, in ms (typing is saved once it pauses). Default 300. */
  delayMs?: number;
}

/**
 * A saved draft that could not be restored in full, kept aside rather than dropped: the draft as
 * it was stored and the issues that say which answers did not carry over (each with `params.id` and
 * `params.value`).
 */
export interface KeptAsideDraft {
  /** ISO 8601 date-time it was set aside. */
  keptAt: string;
  /** What the restore reported, in the session's message language. */
  issues: Issue[];
  /** The stored draft: the snapshot as parsed, or the stored text when it was not JSON. */
  saved: unknown;
}

/** The result of {@link DraftStore.load}. */
export interface DraftLoad {
  /** The session: resumed from the draft, or a new one. Always usable. */
  session: Session;
  /** A draft was found and its session resumed (perhaps with some answers kept aside). */
  resumed: boolean;
  /** The draft was made on another version of the template. */
  templateChanged: boolean;
  /** What could not be carried over; the whole draft is then in {@link DraftStore.keptAside}. */
  issues: Issue[];
}

/** Autosave and resume of one survey's draft. Every method reports storage errors by rejecting. */
export interface DraftStore {
  /**
   * Resumes the saved draft on `survey` (on any version of its template), or starts a new session
   * when there is none. A draft that cannot be restored in full is first kept aside, so nothing the
   * respondent wrote is lost; the resumed session is then saved over it.
   */
  load(survey: Survey, options?: RestoreOptions): Promise<DraftLoad>;
  /** Saves the session's snapshot now. */
  save(session: Session): Promise<void>;
  /**
   * Saves the session after every change (once changes pause for `delayMs`); returns the function
   * that stops watching (it saves a pending change first).
   */
  watch(session: Session): () => Promise<void>;
  /** Saves a change that is waiting for its delay now: call it on `pagehide`. */
  flush(): Promise<void>;
  /** Drafts kept aside by earlier loads, oldest first. */
  keptAside(): Promise<KeptAsideDraft[]>;
  /** Removes the draft and everything kept aside (after submit, or in a kiosk). */
  clear(): Promise<void>;
}
