import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SurveyResponse } from '../../../src/engine/index.js';
import {
  createSubmissionQueue,
  type DraftStorage,
  localStorageDraftStorage,
  memoryDraftStorage,
  postJson,
  type SubmissionStatus,
} from '../../../src/ui/persist/index.js';
import { FakeWebStorage, responseOf } from './helpers.js';

/** A host that stores responses by respondent id and fails while `failures` is above zero. */
function host(failures = 0) {
  const stored = new Map<string, SurveyResponse>();
  const calls: string[] = [];
  const state = { failures };
  const send = async (response: SurveyResponse) => {
    calls.push(response.respondentId);
    if (state.failures > 0) {
      state.failures--;
      throw new TypeError('Failed to fetch');
    }
    stored.set(response.respondentId, response);
    return { id: response.respondentId };
  };
  return { stored, calls, state, send };
}

const noJitter = { initialMs: 1000, factor: 2, maxMs: 60_000, jitter: 0 };

describe('createSubmissionQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stores before sending and empties the queue once the host confirms', async () => {
    const storage = memoryDraftStorage();
    let seen: string | null = 'unset';
    const queue = createSubmissionQueue({
      storage,
      send: async (r) => {
        seen = await storage.get('kizuki:outbox');
        return `ok ${r.respondentId}`;
      },
    });
    const events: SubmissionStatus[] = [];
    queue.subscribe((s) => events.push(s));
    const result = await queue.submit(responseOf('r1'));
    expect(JSON.parse(seen!)).toEqual([{ response: responseOf('r1') }]);
    expect(result).toEqual({ status: 'success', respondentId: 'r1', attempt: 1, receipt: 'ok r1' });
    expect(events.map((e) => e.status)).toEqual(['pending', 'success']);
    expect(await storage.get('kizuki:outbox')).toBeNull();
  });

  it('host failing twice then succeeding: one stored response, retries after 1 s and 2 s, queue empty', async () => {
    const h = host(2);
    const storage = memoryDraftStorage();
    const queue = createSubmissionQueue({ storage, send: h.send, backoff: noJitter, locale: 'en' });
    const events: SubmissionStatus[] = [];
    queue.subscribe((s) => events.push(s));
    const done = queue.submit(responseOf('r1'));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.calls).toEqual(['r1']);
    const first = events[1] as Extract<SubmissionStatus, { status: 'failure' }>;
    expect(first.status).toBe('failure');
    expect(first.retryAt).toBe(Date.now() + 1000);
    expect(first.issue.code).toBe('submit_failed');
    expect(first.issue.message).toBe(
      'The answers could not be sent (Failed to fetch). They are saved and will be sent again in 1 s',
    );
    expect(JSON.parse((await storage.get('kizuki:outbox'))!)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(h.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(await done).toMatchObject({ status: 'success', attempt: 3 });
    expect(events.map((e) => e.status)).toEqual([
      'pending',
      'failure',
      'pending',
      'failure',
      'pending',
      'success',
    ]);
    expect([...h.stored.keys()]).toEqual(['r1']);
    expect(await queue.entries()).toEqual([]);
  });

  it('a double-clicked submit sends once, and the queue never holds two entries for one id', async () => {
    const h = host(2);
    const storage = memoryDraftStorage();
    const queue = createSubmissionQueue({ storage, send: h.send, backoff: noJitter });
    const a = queue.submit(responseOf('r1'));
    const b = queue.submit(responseOf('r1'));
    expect(b).toBe(a);
    await vi.advanceTimersByTimeAsync(0);
    expect(await queue.entries()).toHaveLength(1);
    queue.submit(responseOf('r2'));
    await vi.advanceTimersByTimeAsync(0);
    expect((await queue.entries()).map((e) => e.response.respondentId)).toEqual(['r1', 'r2']);
    await vi.advanceTimersByTimeAsync(1000);
    await a;
    expect(h.calls).toEqual(['r1', 'r2', 'r1', 'r2']);
    expect(await queue.entries()).toEqual([]);
  });

  it('a reload in the middle of the retries delivers the response once', async () => {
    const h = host(1);
    const web = new FakeWebStorage();
    const first = createSubmissionQueue({
      storage: localStorageDraftStorage({ storage: () => web }),
      send: h.send,
      backoff: noJitter,
    });
    void first.submit(responseOf('r1'));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.calls).toEqual(['r1']);
    first.dispose(); // the page goes away while waiting to retry
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.calls).toEqual(['r1']);
    expect(web.map.has('kizuki:outbox')).toBe(true);

    const second = createSubmissionQueue({
      storage: localStorageDraftStorage({ storage: () => web }),
      send: h.send,
      backoff: noJitter,
    });
    const results = await second.resume();
    expect(results.map((r) => r.status)).toEqual(['success']);
    expect(h.calls).toEqual(['r1', 'r1']);
    expect([...h.stored.keys()]).toEqual(['r1']);
    expect(web.map.has('kizuki:outbox')).toBe(false);
  });

  it('resume sends a response waiting for its retry at once', async () => {
    const h = host(1);
    const queue = createSubmissionQueue({ storage: memoryDraftStorage(), send: h.send, backoff: noJitter });
    const done = queue.submit(responseOf('r1'));
    await vi.advanceTimersByTimeAsync(0);
    await queue.resume(); // the browser came back online
    expect(await done).toMatchObject({ status: 'success', attempt: 2 });
    expect(h.calls).toEqual(['r1', 'r1']);
  });

  it('surfaces a permanent refusal, keeps the response, and does not retry it', async () => {
    const storage = memoryDraftStorage();
    const send = vi.fn(async () => {
      throw Object.assign(new Error('HTTP 422'), { permanent: true });
    });
    const queue = createSubmissionQueue({ storage, send });
    const result = await queue.submit(responseOf('r1'));
    expect(result).toMatchObject({ status: 'failure', retryAt: null, issue: { code: 'submit_rejected' } });
    expect(result.status === 'failure' && result.issue.message).toBe(
      '送信先が回答を受け付けませんでした（HTTP 422）。回答はこの端末に保存されています',
    );
    await vi.advanceTimersByTimeAsync(3_600_000);
    await queue.resume();
    expect(send).toHaveBeenCalledTimes(1);
    const [entry] = await queue.entries();
    expect(entry?.response).toEqual(responseOf('r1'));
    expect(entry?.rejected?.code).toBe('submit_rejected');
    // A corrected submit for the same respondent replaces it; discard removes it.
    send.mockResolvedValueOnce('ok' as never);
    expect(await queue.submit(responseOf('r1', 2))).toMatchObject({ status: 'success' });
    expect(await queue.entries()).toEqual([]);
    await queue.submit(responseOf('r2'));
    expect(await queue.entries()).toHaveLength(1);
    await queue.discard('r2');
    expect(await queue.entries()).toEqual([]);
  });

  it('backs off exponentially within the jitter bounds, up to the maximum delay', async () => {
    for (const random of [0, 0.999999]) {
      const h = host(Number.POSITIVE_INFINITY);
      const queue = createSubmissionQueue({
        storage: memoryDraftStorage(),
        send: h.send,
        backoff: { initialMs: 1000, factor: 3, maxMs: 20_000, jitter: 0.5 },
        random: () => random,
      });
      const delays: number[] = [];
      queue.subscribe((s) => {
        if (s.status === 'failure' && s.retryAt !== null) delays.push(s.retryAt - Date.now());
      });
      void queue.submit(responseOf('r'));
      await vi.advanceTimersByTimeAsync(200_000);
      queue.dispose();
      const bases = [1000, 3000, 9000, 20_000, 20_000];
      for (const [i, base] of bases.entries()) {
        expect(delays[i]).toBeGreaterThanOrEqual(base * 0.5);
        expect(delays[i]).toBeLessThanOrEqual(base);
      }
      expect(delays[0]).toBe(random === 0 ? 1000 : 500);
    }
  });

  it('moves an unreadable stored queue aside instead of overwriting it', async () => {
    const storage = memoryDraftStorage();
    await storage.set('kizuki:outbox', '{"oops"');
    const queue = createSubmissionQueue({ storage, send: async () => 'ok' });
    await queue.submit(responseOf('r1'));
    expect(await storage.get('kizuki:outbox:unreadable')).toBe('{"oops"');
    // Entries of a foreign shape are kept in the list, not sent and not dropped.
    await storage.set('kizuki:outbox', JSON.stringify([{ junk: true }, { response: responseOf('r2') }]));
    await queue.resume();
    expect(JSON.parse((await storage.get('kizuki:outbox'))!)).toEqual([{ junk: true }]);
  });

  it('still sends when the storage fails, from memory', async () => {
    const broken: DraftStorage = {
      get: () => {
        throw new Error('no');
      },
      set: async () => {
        throw new Error('no');
      },
      remove: async () => {},
    };
    const h = host();
    const queue = createSubmissionQueue({ storage: broken, send: h.send });
    expect(await queue.submit(responseOf('r1'))).toMatchObject({ status: 'success' });
    expect([...h.stored.keys()]).toEqual(['r1']);
  });

  it('any interleaving of submit, failure, reload and success delivers each respondent id exactly once', async () => {
    const command = fc.oneof(
      fc.record({ kind: fc.constant('submit' as const), id: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('fail' as const), n: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('lose-reply' as const) }),
      fc.record({ kind: fc.constant('reload' as const) }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3000 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 30 }), async (commands) => {
        const web = new FakeWebStorage();
        // What the host stored, by idempotency key, and how many times a page learnt that it had.
        const stored = new Map<string, number>();
        const confirmed = new Map<string, number>();
        let failures = 0;
        let loseReply = false;
        let page = 0;
        const open = () => {
          const mine = ++page;
          return createSubmissionQueue({
            storage: localStorageDraftStorage({ storage: () => web }),
            // 50 ms on the wire, so that a reload can cut a send short.
            send: async (r) => {
              await new Promise((resolve) => setTimeout(resolve, 50));
              if (failures > 0) {
                failures--;
                throw new Error('network');
              }
              stored.set(r.respondentId, (stored.get(r.respondentId) ?? 0) + 1);
              if (loseReply || mine !== page) {
                loseReply = false; // stored, but the reply never reached a living page
                throw new Error('reply lost');
              }
              confirmed.set(r.respondentId, (confirmed.get(r.respondentId) ?? 0) + 1);
              return 'ok';
            },
            backoff: { initialMs: 100, maxMs: 1000, jitter: 0.5 },
          });
        };
        const reload = () => {
          queue.dispose();
          queue = open();
          void queue.resume();
        };
        let queue = open();
        const submitted = new Set<string>();
        for (const c of commands) {
          if (c.kind === 'submit') {
            const id = `r${c.id}`;
            // After a confirmation the page shows its thank-you: no submit button any more.
            if (confirmed.has(id)) continue;
            submitted.add(id);
            void queue.submit(responseOf(id));
          } else if (c.kind === 'fail') failures += c.n;
          else if (c.kind === 'lose-reply') loseReply = true;
          else if (c.kind === 'reload') {
            await vi.advanceTimersByTimeAsync(0); // a reload comes between tasks, never inside one
            reload();
          } else await vi.advanceTimersByTimeAsync(c.ms);
        }
        // The host recovers, and the respondent opens the page once more.
        failures = 0;
        loseReply = false;
        await vi.advanceTimersByTimeAsync(0);
        reload();
        await vi.advanceTimersByTimeAsync(10_000);
        expect(web.map.has('kizuki:outbox')).toBe(false);
        expect([...stored.keys()].sort()).toEqual([...submitted].sort());
        // Confirmed once each: nothing is sent again after the host has confirmed it. Sends whose
        // reply was lost may repeat, under the same idempotency key, so the host stores one response.
        expect([...confirmed.entries()].sort()).toEqual([...submitted].sort().map((id) => [id, 1]));
        queue.dispose();
      }),
      { numRuns: 200 },
    );
  });
});

describe('postJson', () => {
  it('POSTs JSON with the respondent id as Idempotency-Key and sorts statuses into confirm, retry and refuse', async () => {
    const requests: { url: string; init: RequestInit }[] = [];
    let status = 201;
    const fetch = (async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return new Response(status === 204 ? null : '{"stored":true}', { status });
    }) as typeof globalThis.fetch;
    const send = postJson('/api/responses', { fetch, headers: { authorization: 'Bearer t' } });
    expect(await send(responseOf('abc'))).toEqual({ status: 201, body: '{"stored":true}' });
    expect(requests[0]?.url).toBe('/api/responses');
    expect(requests[0]?.init.method).toBe('POST');
    expect(requests[0]?.init.headers).toEqual({
      'content-type': 'application/json',
      'idempotency-key': 'abc',
      authorization: 'Bearer t',
    });
    expect(JSON.parse(requests[0]?.init.body as string)).toEqual(responseOf('abc'));
    for (const [code, permanent] of [
      [500, false],
      [503, false],
      [408, false],
      [409, false],
      [429, false],
      [400, true],
      [422, true],
      [403, true],
    ] as const) {
      status = code;
      await expect(send(responseOf('abc'))).rejects.toMatchObject({ message: `HTTP ${code}`, permanent });
    }
    const offline = postJson('/x', {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(offline(responseOf('a'))).rejects.not.toHaveProperty('permanent');
  });
});
