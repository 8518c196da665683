import { createIssue, type Issue, type MessageLocale } from '../../core/issue.js';
import { persistMessages } from './messages.js';

/** A value or a promise of it: storages may be synchronous (`localStorage`) or not (IndexedDB, a server). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Where drafts and unsent responses are kept: strings under string keys. Any store fits —
 * `localStorage`, IndexedDB, a native app's storage in a LINE mini app — synchronous or not.
 * Methods may throw or reject; kizuki reports that rather than losing answers.
 *
 * @example
 * ```ts
 * const sessionStore: DraftStorage = {
 *   get: (key) => sessionStorage.getItem(key),
 *   set: (key, value) => sessionStorage.setItem(key, value),
 *   remove: (key) => sessionStorage.removeItem(key),
 * };
 * ```
 */
export interface DraftStorage {
  get(key: string): MaybePromise<string | null>;
  set(key: string, value: string): MaybePromise<void>;
  remove(key: string): MaybePromise<void>;
}

/** Why a {@link FallbackStorage} keeps values in memory: no storage at all, or a full one. */
export type DegradedReason = 'unavailable' | 'full';

/** A {@link DraftStorage} that keeps in memory what the browser's storage refuses, and says so. */
export interface FallbackStorage extends DraftStorage {
  /** `null` while everything reaches the browser's storage; otherwise why some values live in memory only. */
  readonly degraded: DegradedReason | null;
  /** The notice to show the respondent while degraded (`null` otherwise), in `locale` (Japanese by default). */
  notice(locale?: MessageLocale): Issue | null;
}

/** The part of the Web Storage API used here, so that tests can pass a fake. */
export interface WebStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Options of {@link localStorageDraftStorage}. */
export interface LocalStorageOptions {
  /** The storage to use; `globalThis.localStorage` by default (read lazily: touching it can throw). */
  storage?: () => WebStorageLike | undefined;
  /** Called once when values start living in memory, so that the page can show {@link FallbackStorage.notice}. */
  onDegraded?: (reason: DegradedReason) => void;
}

const isQuota = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'QuotaExceededError' ||
    error.name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    (error as { code?: unknown }).code === 22);

/**
 * The default storage: `localStorage`, degrading to memory when it is missing, blocked (private
 * mode, a sandboxed frame, cookies disabled) or full. A value that cannot be written is kept in
 * memory instead — nothing is lost while the page stays open — and `degraded` says why, so the page
 * can ask the respondent to submit before leaving.
 *
 * @example
 * ```ts
 * const storage = localStorageDraftStorage({ onDegraded: () => showNotice(storage.notice('ja')?.message) });
 * const drafts = createDraftStore({ storage, key: survey.template.id });
 * ```
 */
export function localStorageDraftStorage(options: LocalStorageOptions = {}): FallbackStorage {
  const memory = new Map<string, string>();
  let degraded: DegradedReason | null = null;
  const degrade = (reason: DegradedReason) => {
    // "full" is the more useful notice once storage exists at all; report the first change only.
    if (degraded === reason || degraded === 'full') return;
    const first = degraded === null;
    degraded = reason;
    if (first) options.onDegraded?.(reason);
  };
  const web = (): WebStorageLike | undefined => {
    try {
      const s = options.storage
        ? options.storage()
        : (globalThis as { localStorage?: WebStorageLike }).localStorage;
      if (s) return s;
    } catch {
      // A SecurityError from merely reading `localStorage` (blocked storage): fall through.
    }
    degrade('unavailable');
    return undefined;
  };
  return {
    get degraded() {
      return degraded;
    },
    notice: (locale = 'ja') =>
      degraded === null ? null : createIssue(persistMessages, `storage_${degraded}`, [], locale),
    get(key) {
      const kept = memory.get(key);
      if (kept !== undefined) return kept;
      try {
        return web()?.getItem(key) ?? null;
      } catch {
        degrade('unavailable');
        return null;
      }
    },
    set(key, value) {
      try {
        const s = web();
        if (s) {
          s.setItem(key, value);
          memory.delete(key);
          return;
        }
      } catch (error) {
        degrade(isQuota(error) ? 'full' : 'unavailable');
      }
      memory.set(key, value);
    },
    remove(key) {
      memory.delete(key);
      try {
        web()?.removeItem(key);
      } catch {
        degrade('unavailable');
      }
    },
  };
}

/**
 * A storage in memory only: for tests, and for kiosks that must never write answers to the device.
 *
 * @example
 * ```ts
 * const drafts = createDraftStore({ storage: memoryDraftStorage(), key: 'kiosk' });
 * ```
 */
export function memoryDraftStorage(): DraftStorage {
  const memory = new Map<string, string>();
  return {
    get: (key) => memory.get(key) ?? null,
    set: (key, value) => void memory.set(key, value),
    remove: (key) => void memory.delete(key),
  };
}
