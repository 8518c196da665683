import type { Issue, MessageLocale } from '../../core/issue.js';
import type { SurveyResponse } from '../../engine/index.js';
import type { DraftStorage } from './draftStorage.js';

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
  /** Sends every stored response that the host has not refused: call it on page load and on `online`. */
  resume(): Promise<void>;
  /** The responses in the queue. */
  entries(): Promise<QueuedResponse[]>;
  /** Removes a response from the queue unsent (after a permanent refusal that the host has dealt with). */
  discard(respondentId: string): Promise<void>;
  /** Calls `listener` on every state change; returns the function that unsubscribes. */
  subscribe(listener: (status: SubmissionStatus) => void): () => void;
  /** Stops retry timers (the stored responses stay for the next page load). */
  dispose(): void;
}
