import type { Issue } from '../../core/issue.js';
import { jsonNestingDepth } from '../../core/jsonNestingDepth.js';
import {
  createSession,
  type RestoreOptions,
  restoreSession,
  type Session,
  type Survey,
} from '../../engine/index.js';
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
  /**
   * How long a change waits before it is saved, in ms: changes within that time are saved together
   * (a burst of typing is one write), and a steady stream of changes is still saved every `delayMs`.
   * Default 300.
   */
  delayMs?: number;
  /** Called when a save made by {@link DraftStore.watch} fails (a storage that throws). */
  onError?: (error: unknown) => void;
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
   * Saves the session after every change (at most `delayMs` after it); returns the function
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

/** Deeper than any draft or queued response can be; deeper stored text is kept aside as text. */
const MAX_STORED_DEPTH = 64;

/** Parses stored JSON; `undefined` for text that is not JSON or is nested too deep (kept aside as text). */
export function parseStored(text: string): unknown {
  if (jsonNestingDepth(text) > MAX_STORED_DEPTH) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Autosave and resume of a respondent's draft in a {@link DraftStorage}: a reload, or a return days
 * later, continues where the respondent left off, also on a newer version of the template (through
 * the engine's `restoreSession`). Answers that no longer fit are reported and the draft they came
 * from is kept aside under its own key, never dropped. Stored text is treated as hostile: text that
 * is not JSON, prototype keys and wrong types give a fresh session and a report, never a crash.
 *
 * @example
 * ```ts
 * const storage = localStorageDraftStorage();
 * const drafts = createDraftStore({ storage, key: survey.template.id });
 * const { session, issues } = await drafts.load(survey, { locale: 'ja' });
 * if (issues.length > 0) showNotice(issues.map((i) => i.message).join('\n')); // kept in drafts.keptAside()
 * drafts.watch(session);
 * addEventListener('pagehide', () => void drafts.flush());
 * ```
 */
export function createDraftStore(options: DraftStoreOptions): DraftStore {
  const { storage } = options;
  const draftKey = `kizuki:draft:${options.key}`;
  const asideKey = `kizuki:aside:${options.key}`;
  const delayMs = options.delayMs ?? 300;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting: Session | undefined;

  const save = async (session: Session) => storage.set(draftKey, JSON.stringify(session.snapshot()));
  const flush = async () => {
    clearTimeout(timer);
    timer = undefined;
    const session = waiting;
    waiting = undefined;
    if (session) await save(session);
  };
  const keptAside = async (): Promise<KeptAsideDraft[]> => {
    const text = await storage.get(asideKey);
    if (text === null) return [];
    const list = parseStored(text);
    // A list that was tampered with is kept whole, as text, rather than overwritten.
    return Array.isArray(list) ? list : [{ keptAt: '', issues: [], saved: text }];
  };

  return {
    async load(survey, restoreOptions = {}) {
      const text = await storage.get(draftKey);
      if (text === null) {
        return {
          session: createSession(survey, restoreOptions),
          resumed: false,
          templateChanged: false,
          issues: [],
        };
      }
      const saved = parseStored(text);
      const result = restoreSession(survey, saved, restoreOptions);
      if (result.issues.length > 0) {
        const keptAt = (restoreOptions.now ?? (() => new Date()))().toISOString();
        const list: unknown[] = await keptAside();
        let json: string;
        try {
          json = JSON.stringify([...list, { keptAt, issues: result.issues, saved: saved ?? text }]);
        } catch {
          // Nesting too deep to write back: the stored text holds everything, the issues say where.
          const issues = result.issues.map(({ params, ...issue }) => ({
            ...issue,
            params: { id: params?.id },
          }));
          json = JSON.stringify([...list, { keptAt, issues, saved: text }]);
        }
        // Kept aside first, so that overwriting the draft below can never lose it.
        await storage.set(asideKey, json);
      }
      await save(result.session);
      const fresh = result.issues.some(
        (i) => i.code === 'snapshot_invalid' || i.code === 'template_mismatch',
      );
      return {
        session: result.session,
        resumed: !fresh,
        templateChanged: result.templateChanged,
        issues: result.issues,
      };
    },
    save,
    watch(session) {
      const unsubscribe = session.subscribe(() => {
        waiting = session;
        // Not restarted by later changes: a respondent who keeps answering (or typing) without a
        // pause of delayMs would otherwise have nothing saved at all.
        timer ??= setTimeout(() => void flush().catch((error) => options.onError?.(error)), delayMs);
      });
      return async () => {
        unsubscribe();
        await flush();
      };
    },
    flush,
    keptAside,
    async clear() {
      clearTimeout(timer);
      timer = undefined;
      waiting = undefined;
      await storage.remove(draftKey);
      await storage.remove(asideKey);
    },
  };
}
