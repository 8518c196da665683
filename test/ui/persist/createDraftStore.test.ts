import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession } from '../../../src/engine/index.js';
import {
  createDraftStore,
  type DraftStorage,
  localStorageDraftStorage,
  memoryDraftStorage,
} from '../../../src/ui/persist/index.js';
import { FakeWebStorage, surveyV1, surveyV2 } from './helpers.js';

const fixed = { now: () => new Date('2026-05-01T09:00:00.000Z'), seed: 7 };

describe('createDraftStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts a new session when there is no draft', async () => {
    const drafts = createDraftStore({ storage: memoryDraftStorage(), key: 'minimal' });
    const load = await drafts.load(surveyV1(), { ...fixed, locale: 'en' });
    expect(load).toMatchObject({ resumed: false, templateChanged: false, issues: [] });
    expect(load.session.getSnapshot().locale).toBe('en');
  });

  it('saves as the respondent goes (once typing pauses) and a reload resumes every answer', async () => {
    const web = new FakeWebStorage();
    const storage = localStorageDraftStorage({ storage: () => web });
    const drafts = createDraftStore({ storage, key: 'minimal', delayMs: 300 });
    const { session } = await drafts.load(surveyV1(), fixed);
    drafts.watch(session);
    session.setAnswer('q1', 2);
    for (const text of ['あ', 'あい', 'あいう']) session.setAnswer('q2', text);
    await vi.advanceTimersByTimeAsync(299);
    expect(web.map.size).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(JSON.parse(web.map.get('kizuki:draft:minimal')!).answers).toEqual({ q1: 2, q2: 'あいう' });

    // A reload days later: new storage object and store over the same web storage.
    const again = createDraftStore({
      storage: localStorageDraftStorage({ storage: () => web }),
      key: 'minimal',
    });
    const load = await again.load(surveyV1(), { now: () => new Date('2026-05-04T10:00:00.000Z') });
    expect(load).toMatchObject({ resumed: true, templateChanged: false, issues: [] });
    expect(load.session.snapshot()).toEqual(session.snapshot());
  });

  it('saves a steady stream of changes every delayMs, not only once they pause', async () => {
    // A respondent who answers quickly, or keeps typing, has a change every 100 ms; the draft must
    // not wait for a pause that never comes (kiosk mode lost every answer that way).
    const storage = memoryDraftStorage();
    const drafts = createDraftStore({ storage, key: 'k', delayMs: 300 });
    const { session } = await drafts.load(surveyV1(), fixed);
    drafts.watch(session);
    const saved = async () => JSON.parse((await storage.get('kizuki:draft:k')) ?? 'null')?.answers;
    const typed = '途中まで書いた回答';
    for (let i = 1; i <= typed.length; i++) {
      session.setAnswer('q2', typed.slice(0, i));
      await vi.advanceTimersByTimeAsync(100);
      // Never more than 300 ms (three keystrokes) behind what is typed.
      if (i >= 3) expect((await saved())?.q2.length).toBeGreaterThanOrEqual(i - 3);
    }
    await vi.advanceTimersByTimeAsync(300);
    expect(await saved()).toEqual({ q2: typed });
  });

  it('a full storage keeps the draft in memory with a notice, and nothing is lost', async () => {
    const web = new FakeWebStorage(50);
    const storage = localStorageDraftStorage({ storage: () => web });
    const drafts = createDraftStore({ storage, key: 'minimal' });
    const { session } = await drafts.load(surveyV1(), fixed);
    drafts.watch(session);
    session.setAnswer('q1', 1);
    session.setAnswer('q2', '長い回答'.repeat(50));
    await drafts.flush();
    expect(web.map.size).toBe(0);
    expect(storage.degraded).toBe('full');
    expect(storage.notice('ja')?.message).toContain('閉じる前に送信してください');
    const again = await createDraftStore({ storage, key: 'minimal' }).load(surveyV1(), fixed);
    expect(again.session.snapshot()).toEqual(session.snapshot());
  });

  it('flush saves a waiting change at once, and stopping watching saves it too', async () => {
    const storage = memoryDraftStorage();
    const drafts = createDraftStore({ storage, key: 'k' });
    const { session } = await drafts.load(surveyV1(), fixed);
    const stop = drafts.watch(session);
    session.setAnswer('q1', 1);
    await drafts.flush();
    expect(JSON.parse((await storage.get('kizuki:draft:k'))!).answers).toEqual({ q1: 1 });
    session.setAnswer('q1', 2);
    await stop();
    expect(JSON.parse((await storage.get('kizuki:draft:k'))!).answers).toEqual({ q1: 2 });
    session.setAnswer('q1', 1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(JSON.parse((await storage.get('kizuki:draft:k'))!).answers).toEqual({ q1: 2 });
  });

  it('restores a draft of an older template version and keeps the answers that do not fit aside', async () => {
    const storage = memoryDraftStorage();
    const old = createSession(surveyV1(), { ...fixed, locale: 'en' });
    old.setAnswer('q1', 2);
    old.setAnswer('q2', 'keep me');
    await storage.set('kizuki:draft:minimal', JSON.stringify(old.snapshot()));

    const drafts = createDraftStore({ storage, key: 'minimal' });
    const load = await drafts.load(surveyV2(), fixed);
    expect(load.resumed).toBe(true);
    expect(load.templateChanged).toBe(true);
    expect(load.issues.map((i) => [i.code, i.params?.id, i.params?.value])).toEqual([
      ['code_removed', 'q1', 2],
      ['question_removed', 'q2', 'keep me'],
    ]);
    expect(load.issues[1]?.message).toContain('q2');
    expect(load.session.snapshot().respondentId).toBe(old.snapshot().respondentId);
    const aside = await drafts.keptAside();
    expect(aside).toHaveLength(1);
    expect(aside[0]).toEqual({
      keptAt: '2026-05-01T09:00:00.000Z',
      issues: load.issues,
      saved: old.snapshot(),
    });
    // The draft now holds the resumed session, so the next load reports nothing new.
    const next = await drafts.load(surveyV2(), fixed);
    expect(next.issues).toEqual([]);
    expect(await drafts.keptAside()).toHaveLength(1);
  });

  it('keeps text that is not JSON aside and starts afresh', async () => {
    const storage = memoryDraftStorage();
    await storage.set('kizuki:draft:minimal', '{"format":"kizuki-session/1", broken');
    const drafts = createDraftStore({ storage, key: 'minimal' });
    const load = await drafts.load(surveyV1(), { ...fixed, locale: 'ja' });
    expect(load.resumed).toBe(false);
    expect(load.issues.map((i) => i.code)).toEqual(['snapshot_invalid']);
    expect(load.issues[0]?.message).toMatch(/[ぁ-ん]/);
    expect((await drafts.keptAside())[0]?.saved).toBe('{"format":"kizuki-session/1", broken');
  });

  it('keeps a draft of another survey aside whole', async () => {
    const storage = memoryDraftStorage();
    const other = createSession(surveyV1(), fixed).snapshot();
    const foreign = { ...other, templateId: 'another', answers: { x: 1 } };
    await storage.set('kizuki:draft:minimal', JSON.stringify(foreign));
    const drafts = createDraftStore({ storage, key: 'minimal' });
    const load = await drafts.load(surveyV1(), fixed);
    expect(load.resumed).toBe(false);
    expect(load.issues.map((i) => i.code)).toEqual(['template_mismatch']);
    expect((await drafts.keptAside())[0]?.saved).toEqual(foreign);
  });

  it('survives hostile stored values: prototype keys, huge strings, deep nesting, a tampered aside list', async () => {
    const storage = memoryDraftStorage();
    const base = createSession(surveyV1(), fixed).snapshot();
    const hostile = `{"format":"kizuki-session/1","templateId":"minimal","templateVersion":"1.0.0","templateHash":"x","respondentId":"r","startedAt":"${base.startedAt}","seed":1,"locale":"ja","pageMode":"section","pageIndex":0,"answers":{"__proto__":{"polluted":1},"constructor":2,"q2":"${'長'.repeat(1_000_000)}"},"kinds":{"__proto__":"single"},"other":{"__proto__":"x"},"touched":[]}`;
    await storage.set('kizuki:draft:minimal', hostile);
    await storage.set('kizuki:aside:minimal', '{"not":"a list"}');
    const drafts = createDraftStore({ storage, key: 'minimal' });
    const load = await drafts.load(surveyV1(), fixed);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(load.resumed).toBe(true);
    const codes = load.issues.map((i) => `${i.code}:${i.path.join('.')}`);
    expect(codes).toContain('question_removed:answers.__proto__');
    expect(codes).toContain('question_removed:answers.constructor');
    // Too long for the question, so kept and flagged, as the engine does with any over-long text.
    expect(load.session.snapshot().answers.q2).toHaveLength(1_000_000);
    const aside = await drafts.keptAside();
    expect(aside[0]).toEqual({ keptAt: '', issues: [], saved: '{"not":"a list"}' });
    expect(Object.hasOwn((aside[1]!.saved as { answers: object }).answers, '__proto__')).toBe(true);

    for (const deep of [
      `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
      hostile.replace('"constructor":2', `"constructor":${'['.repeat(200_000)}${']'.repeat(200_000)}`),
    ]) {
      await storage.remove('kizuki:aside:minimal');
      await storage.set('kizuki:draft:minimal', deep);
      const again = await drafts.load(surveyV1(), fixed);
      expect(again.issues.length).toBeGreaterThan(0);
      expect((await drafts.keptAside())[0]?.saved).toBe(deep);
    }
  });

  it('clear removes the draft and everything kept aside, and cancels a waiting save', async () => {
    const storage = memoryDraftStorage();
    await storage.set('kizuki:draft:minimal', 'junk');
    const drafts = createDraftStore({ storage, key: 'minimal' });
    const { session } = await drafts.load(surveyV1(), fixed);
    drafts.watch(session);
    session.setAnswer('q1', 1);
    await drafts.clear();
    await vi.advanceTimersByTimeAsync(1000);
    expect(await storage.get('kizuki:draft:minimal')).toBeNull();
    expect(await storage.get('kizuki:aside:minimal')).toBeNull();
  });

  it('reports a failing save of a watched session and works with an asynchronous storage', async () => {
    const map = new Map<string, string>();
    let fail = false;
    const storage: DraftStorage = {
      get: async (key) => map.get(key) ?? null,
      set: async (key, value) => {
        if (fail) throw new Error('disk');
        map.set(key, value);
      },
      remove: async (key) => void map.delete(key),
    };
    const onError = vi.fn();
    const drafts = createDraftStore({ storage, key: 'a', onError });
    const { session } = await drafts.load(surveyV1(), fixed);
    drafts.watch(session);
    fail = true;
    session.setAnswer('q1', 1);
    await vi.advanceTimersByTimeAsync(300);
    expect(onError).toHaveBeenCalledWith(new Error('disk'));
    fail = false;
    session.setAnswer('q1', 2);
    await vi.advanceTimersByTimeAsync(300);
    expect(JSON.parse(map.get('kizuki:draft:a')!).answers).toEqual({ q1: 2 });
  });
});
