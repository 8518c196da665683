import { createIssue, type Issue, type MessageLocale } from '../../core/issue.js';
import type { SurveyResponse } from '../../engine/index.js';
import { parseStored } from './createDraftStore.js';
import type { DraftStorage } from './draftStorage.js';
import { persistMessages } from './messages.js';

/**
 * Delivers one response to the host; resolves with its receipt when the host has stored it. Throw
 * (or reject) to have it retried; throw an object with `permanent: true` when retrying cannot help
 * (the host refused the response as invalid), so that it is surfaced instead of retried forever.
 */
export type SendResponse = (response: SurveyResponse) => Promise<unknown>;

/** Exponential backoff of retries: `initialMs × factor^(attempt−1)`, capped at `maxMs`, less up to `jitter` of it at random. */
export interface Backoff {
  /** Default 2,000 ms. */
  initialMs?: number;
  /** Default 2. */
  factor?: number;
  /** Default 5 minutes. */
  maxMs?: number;
  /** The fraction of each delay drawn at random (0 to 1), so that many devices do not retry together. Default 0.5. */
  jitter?: number;
}

/** Options of {@link createSubmissionQueue}. */
export interface SubmissionQueueOptions {
  /** A function that delivers a response, or a URL to POST it to as JSON (see {@link postJson}). */
  send: SendResponse | string;
  /** Where unsent responses wait: the same storage as the drafts is fine. */
  storage: DraftStorage;
  /** The storage key of the queue. Default `kizuki:outbox`. */
  key?: string;
  backoff?: Backoff;
  /** The language of failure messages. Default `ja`. */
  locale?: MessageLocale;
  /** A number in [0, 1) for jitter; `Math.random` by default. */
  random?: () => number;
  /** The clock, in ms; `Date.now` by default. */
  now?: () => number;
}

/** A response's delivery state, as the queue reports it. */
export type SubmissionStatus =
  /** Stored in the queue and being sent. */
  | { status: 'pending'; respondentId: string; attempt: number }
  /** The host confirmed; the response has left the queue. */
  | { status: 'success'; respondentId: string; attempt: number; receipt: unknown }
  /**
   * Not delivered, and still stored. `retryAt` is when it is sent again (ms, on the queue's clock),
   * or `null` when the host refused it permanently and it waits for a new submit or `discard`.
   */
  | { status: 'failure'; respondentId: string; attempt: number; retryAt: number | null; issue: Issue };

/** A response waiting in the queue. */
export interface QueuedResponse {
  response: SurveyResponse;
  /** Set when the host refused it permanently. */
  rejected?: Issue;
}

/** A queue that stores each response before sending it and keeps it until the host confirms. */
export interface SubmissionQueue {
  /**
   * Stores the response and sends it. Resolves with `success`, or with a permanent `failure`; on a
   * temporary failure it keeps retrying with backoff (and {@link SubmissionQueue.resume} on the next
   * page load) and resolves when that ends. Submitting a respondent id already queued joins the
   * queued delivery (a double click sends once); the respondent id is the idempotency key.
   */
  submit(response: SurveyResponse): Promise<SubmissionStatus>;
  /**
   * Sends every stored response that the host has not refused, now (a response waiting for its
   * retry is sent at once): call it on page load and on `online`. Resolves when they are settled.
   */
  resume(): Promise<SubmissionStatus[]>;
  /** The responses in the queue. */
  entries(): Promise<QueuedResponse[]>;
  /** Removes a response from the queue unsent (after a permanent refusal that the host has dealt with). */
  discard(respondentId: string): Promise<void>;
  /** Calls `listener` on every state change; returns the function that unsubscribes. */
  subscribe(listener: (status: SubmissionStatus) => void): () => void;
  /**
   * Stops for good, as a page that goes away does: no more sends, writes or events. Stored responses
   * wait for the next page's {@link SubmissionQueue.resume}; unfinished `submit` promises resolve
   * with their last status.
   */
  dispose(): void;
}

/** Options of {@link postJson}. */
export interface PostJsonOptions {
  /** Extra request headers (an authorisation token, say). */
  headers?: Record<string, string>;
  /** The fetch to use; `globalThis.fetch` by default. */
  fetch?: typeof fetch;
}

/** HTTP statuses that mean "try again later" although they are 4xx. */
const RETRY_4XX = new Set([408, 409, 425, 429]);

/**
 * A {@link SendResponse} that POSTs the response as JSON with the respondent id as its
 * `Idempotency-Key` header, so that the host can store a retried response once. A 2xx status
 * confirms (the receipt is `{ status, body }`); a network error, 5xx, 408, 409, 425 and 429 are
 * retried; any other 4xx is a permanent refusal (the host found the response invalid).
 *
 * @example
 * ```ts
 * const queue = createSubmissionQueue({
 *   send: postJson('/api/responses', { headers: { authorization: `Bearer ${token}` } }),
 *   storage: localStorageDraftStorage(),
 * });
 * ```
 */
export function postJson(url: string, options: PostJsonOptions = {}): SendResponse {
  return async (response) => {
    const reply = await (options.fetch ?? globalThis.fetch)(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': response.respondentId,
        ...options.headers,
      },
      body: JSON.stringify(response),
    });
    const body = await reply.text();
    if (reply.ok) return { status: reply.status, body };
    const permanent = reply.status < 500 && !RETRY_4XX.has(reply.status);
    throw Object.assign(new Error(`HTTP ${reply.status}`), { permanent });
  };
}

const isEntry = (e: unknown): e is QueuedResponse =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as QueuedResponse).response === 'object' &&
  (e as QueuedResponse).response !== null &&
  typeof (e as QueuedResponse).response.respondentId === 'string';

const reasonOf = (error: unknown): string => {
  try {
    return (error instanceof Error ? error.message : String(error)).slice(0, 200);
  } catch {
    return '?';
  }
};

/**
 * A submission queue that loses nothing: each response is stored before it is sent and stays
 * stored until the host confirms it. Temporary failures (network, 5xx) are retried with exponential
 * backoff and jitter, and again on the next page load through {@link SubmissionQueue.resume}; a
 * permanent refusal is kept and surfaced rather than retried forever. The respondent id is the
 * idempotency key: the queue never holds two entries for one id, and a double-clicked or retried
 * submit sends the same id.
 *
 * @example
 * ```ts
 * const queue = createSubmissionQueue({ send: '/api/responses', storage: localStorageDraftStorage() });
 * queue.subscribe((s) => showStatus(s.status, s.status === 'failure' ? s.issue.message : ''));
 * void queue.resume(); // responses left unsent by an earlier visit
 * const result = session.submit();
 * if (result.success) await queue.submit(result.response);
 * ```
 */
export function createSubmissionQueue(options: SubmissionQueueOptions): SubmissionQueue {
  const { storage } = options;
  const key = options.key ?? 'kizuki:outbox';
  const send = typeof options.send === 'string' ? postJson(options.send) : options.send;
  const { initialMs = 2000, factor = 2, maxMs = 300_000, jitter = 0.5 } = options.backoff ?? {};
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const locale = options.locale ?? 'ja';
  const listeners = new Set<(status: SubmissionStatus) => void>();
  const flights = new Map<string, Promise<SubmissionStatus>>();
  const wakers = new Map<string, () => void>();
  const stopped = new Set<string>();
  let disposed = false;
  // Read-modify-write of the stored list, one at a time.
  let chain: Promise<unknown> = Promise.resolve();

  const emit = (status: SubmissionStatus) => {
    if (!disposed) for (const listener of listeners) listener(status);
    return status;
  };
  const read = async (): Promise<unknown[]> => {
    const text = await storage.get(key);
    if (text === null) return [];
    const list = parseStored(text);
    if (Array.isArray(list)) return list;
    // Unreadable: moved aside as it is rather than overwritten.
    await storage.set(`${key}:unreadable`, text);
    return [];
  };
  const update = (change: (list: unknown[]) => unknown[]): Promise<void> => {
    const run = chain.then(async () => {
      // A disposed queue stands for a page that has gone: it writes nothing more.
      if (disposed) return;
      const list = change(await read());
      await (list.length === 0 ? storage.remove(key) : storage.set(key, JSON.stringify(list)));
    });
    chain = run.catch(() => {});
    return run;
  };
  const others = (id: string) => (list: unknown[]) =>
    list.filter((e) => !isEntry(e) || e.response.respondentId !== id);
  const sleep = (id: string, ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(id);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.set(id, wake);
    });

  const run = async (response: SurveyResponse): Promise<SubmissionStatus> => {
    const respondentId = response.respondentId;
    for (let attempt = 1; ; attempt++) {
      if (disposed) return { status: 'pending', respondentId, attempt };
      emit({ status: 'pending', respondentId, attempt });
      let receipt: unknown;
      try {
        receipt = await send(response);
      } catch (error) {
        const reason = reasonOf(error);
        const params = { respondentId, attempt, reason };
        if ((error as { permanent?: unknown } | null)?.permanent === true) {
          const issue = createIssue(persistMessages, 'submit_rejected', [], locale, params);
          await update((list) => [...others(respondentId)(list), { response, rejected: issue }]).catch(
            () => {},
          );
          return emit({ status: 'failure', respondentId, attempt, retryAt: null, issue });
        }
        const base = Math.min(maxMs, initialMs * factor ** (attempt - 1));
        const delay = Math.round(base * (1 - jitter * random()));
        const retryAt = now() + delay;
        const issue = createIssue(persistMessages, 'submit_failed', [], locale, {
          ...params,
          retryAt,
          seconds: Math.ceil(delay / 1000),
        });
        const failure = emit({ status: 'failure', respondentId, attempt, retryAt, issue });
        await sleep(respondentId, delay);
        if (disposed || stopped.delete(respondentId)) return failure;
        continue;
      }
      // Confirmed: if this removal fails, the next load sends it again under the same idempotency key.
      await update(others(respondentId)).catch(() => {});
      return emit({ status: 'success', respondentId, attempt, receipt });
    }
  };
  const deliver = (respondentId: string, before: Promise<unknown>, response: SurveyResponse) => {
    const known = flights.get(respondentId);
    if (known) return known;
    const flight = before
      .then(() => run(response))
      .finally(() => {
        flights.delete(respondentId);
        stopped.delete(respondentId);
      });
    flights.set(respondentId, flight);
    return flight;
  };

  return {
    submit(response) {
      const id = response.respondentId;
      if (flights.has(id)) return flights.get(id)!;
      // Stored first; a storage that fails must not stop the sending.
      const stored = update((list) => [...others(id)(list), { response }]).catch(() => {});
      return deliver(id, stored, response);
    },
    async resume() {
      for (const wake of [...wakers.values()]) wake();
      const list = await read();
      return Promise.all(
        list
          .filter((e): e is QueuedResponse => isEntry(e) && e.rejected === undefined)
          .map((e) => deliver(e.response.respondentId, Promise.resolve(), e.response)),
      );
    },
    async entries() {
      return (await read()).filter(isEntry);
    },
    async discard(respondentId) {
      if (flights.has(respondentId)) stopped.add(respondentId);
      wakers.get(respondentId)?.();
      await update(others(respondentId));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      for (const wake of [...wakers.values()]) wake();
    },
  };
}
