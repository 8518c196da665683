import { describe, expect, it, vi } from 'vitest';
import { localStorageDraftStorage, memoryDraftStorage } from '../../../src/ui/persist/index.js';
import { FakeWebStorage } from './helpers.js';

describe('localStorageDraftStorage', () => {
  it('reads and writes the web storage while it works', () => {
    const web = new FakeWebStorage();
    const storage = localStorageDraftStorage({ storage: () => web });
    storage.set('a', '1');
    expect(web.map.get('a')).toBe('1');
    expect(storage.get('a')).toBe('1');
    storage.remove('a');
    expect(storage.get('a')).toBeNull();
    expect(storage.degraded).toBeNull();
    expect(storage.notice()).toBeNull();
  });

  it('keeps in memory what a full storage refuses, loses nothing and says so once', () => {
    const web = new FakeWebStorage(20);
    const onDegraded = vi.fn();
    const storage = localStorageDraftStorage({ storage: () => web, onDegraded });
    storage.set('small', 'x');
    storage.set('big', 'y'.repeat(100));
    storage.set('big2', 'z'.repeat(100));
    expect(web.map.has('big')).toBe(false);
    expect(storage.get('big')).toBe('y'.repeat(100));
    expect(storage.get('big2')).toBe('z'.repeat(100));
    expect(storage.get('small')).toBe('x');
    expect(storage.degraded).toBe('full');
    expect(onDegraded).toHaveBeenCalledTimes(1);
    expect(onDegraded).toHaveBeenCalledWith('full');
    expect(storage.notice('ja')).toMatchObject({ code: 'storage_full', path: [] });
    expect(storage.notice('ja')?.message).toContain('保存領域がいっぱい');
    expect(storage.notice('en')?.message).toContain('storage on this device is full');
    // Once a value fits again it goes back to the web storage and the memory copy goes.
    web.quota = 1000;
    storage.set('big', 'short');
    expect(web.map.get('big')).toBe('short');
    expect(storage.get('big')).toBe('short');
    storage.remove('big2');
    expect(storage.get('big2')).toBeNull();
  });

  it('works in memory when localStorage is missing or blocked', () => {
    for (const source of [
      () => undefined,
      () => {
        throw new DOMException('denied', 'SecurityError');
      },
      () => new FakeWebStorage(Number.POSITIVE_INFINITY, true),
    ]) {
      const storage = localStorageDraftStorage({ storage: source });
      expect(storage.get('k')).toBeNull();
      storage.set('k', 'v');
      expect(storage.get('k')).toBe('v');
      expect(storage.degraded).toBe('unavailable');
      expect(storage.notice('en')?.code).toBe('storage_unavailable');
      storage.remove('k');
      expect(storage.get('k')).toBeNull();
    }
  });

  it('uses globalThis.localStorage lazily, and memory in Node where there is none', () => {
    const storage = localStorageDraftStorage();
    const had = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
    const web = new FakeWebStorage();
    Object.defineProperty(globalThis, 'localStorage', { value: web, configurable: true });
    try {
      storage.set('k', 'v');
      expect(web.map.get('k')).toBe('v');
    } finally {
      if (had) Object.defineProperty(globalThis, 'localStorage', had);
      else delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});

describe('memoryDraftStorage', () => {
  it('keeps strings by key', () => {
    const storage = memoryDraftStorage();
    storage.set('__proto__', 'v');
    expect(storage.get('__proto__')).toBe('v');
    expect(storage.get('constructor')).toBeNull();
    storage.remove('__proto__');
    expect(storage.get('__proto__')).toBeNull();
  });
});
