import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createDraftStore,
  createKioskGuard,
  createSubmissionQueue,
  localStorageDraftStorage,
} from '../../../src/ui/persist/index.js';
import { FakeWebStorage, surveyV1 } from './helpers.js';

describe('createKioskGuard', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function kiosk(idleMs: number) {
    const web = new FakeWebStorage();
    const storage = localStorageDraftStorage({ storage: () => web });
    const drafts = createDraftStore({ storage, key: 'minimal' });
    const { session } = await drafts.load(surveyV1());
    drafts.watch(session);
    const target = new EventTarget();
    const onIdle = vi.fn();
    const guard = createKioskGuard({ idleMs, clear: () => drafts.clear(), onIdle, target });
    return { web, storage, drafts, session, target, onIdle, guard };
  }

  it('clears every stored draft after the idle time, and activity postpones it', async () => {
    const k = await kiosk(60_000);
    k.session.setAnswer('q1', 1);
    k.session.setAnswer('q2', '個人的なこと');
    await vi.advanceTimersByTimeAsync(1000);
    expect(k.web.map.size).toBe(1);
    await vi.advanceTimersByTimeAsync(50_000);
    k.target.dispatchEvent(new Event('keydown'));
    await vi.advanceTimersByTimeAsync(59_000);
    expect(k.onIdle).not.toHaveBeenCalled();
    expect(k.web.map.size).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(k.onIdle).toHaveBeenCalledTimes(1);
    expect(k.web.map.size).toBe(0);
    // Nothing more happens until someone uses the device again.
    await vi.advanceTimersByTimeAsync(600_000);
    expect(k.onIdle).toHaveBeenCalledTimes(1);
    k.guard.touch();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(k.onIdle).toHaveBeenCalledTimes(2);
  });

  it('after a delivered submit nothing is left in storage', async () => {
    const k = await kiosk(120_000);
    const queue = createSubmissionQueue({ storage: k.storage, send: async () => 'ok' });
    k.session.setAnswer('q1', 2);
    await vi.advanceTimersByTimeAsync(300);
    const result = k.session.submit();
    expect(result.success).toBe(true);
    if (result.success) await queue.submit(result.response);
    await k.guard.end();
    expect(k.web.map.size).toBe(0);
    expect(k.onIdle).not.toHaveBeenCalled();
  });

  it('clears the drafts kept aside too, and the memory fallback', async () => {
    const storage = localStorageDraftStorage({ storage: () => undefined });
    await storage.set('kizuki:draft:minimal', 'junk');
    const drafts = createDraftStore({ storage, key: 'minimal' });
    await drafts.load(surveyV1());
    expect(await drafts.keptAside()).toHaveLength(1);
    const guard = createKioskGuard({ idleMs: 1000, clear: () => drafts.clear() });
    await vi.advanceTimersByTimeAsync(1000);
    expect(await storage.get('kizuki:draft:minimal')).toBeNull();
    expect(await drafts.keptAside()).toEqual([]);
    guard.dispose();
  });

  it('starts over even when clearing fails, and reports it; dispose stops everything', async () => {
    const onError = vi.fn();
    const onIdle = vi.fn();
    const target = new EventTarget();
    const guard = createKioskGuard({
      idleMs: 1000,
      clear: async () => {
        throw new Error('locked');
      },
      onIdle,
      onError,
      target,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(onError).toHaveBeenCalledWith(new Error('locked'));
    expect(onIdle).toHaveBeenCalledTimes(1);
    guard.dispose();
    target.dispatchEvent(new Event('pointerdown'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});
