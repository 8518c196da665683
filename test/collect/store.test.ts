import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectStore } from '../../src/collect/index.js';
import type { SurveyResponse } from '../../src/schema/index.js';
import { storeKinds } from './storeSuite.js';

function response(respondentId: string, age = 30): SurveyResponse {
  return {
    templateId: 't',
    templateVersion: '1.0.0',
    templateHash: 'sha256-x',
    respondentId,
    answers: { age },
    meta: {
      locale: 'ja',
      startedAt: '2026-05-01T09:00:00.000Z',
      submittedAt: '2026-05-01T09:05:00.000Z',
      seed: 1,
    },
  };
}

const survey = { surveyKey: 's1', templateId: 't', templateVersion: '1.0.0', templateHash: 'sha256-x' };

describe.each(storeKinds)('$name store', (kind) => {
  let store: CollectStore;
  beforeAll(async () => {
    if (!kind.run) return;
    await kind.setup();
  }, 120_000);
  afterAll(async () => {
    await kind.teardown();
  });
  const fresh = async () => {
    store = await kind.open();
    await store.putSurvey(survey);
    return store;
  };

  it.runIf(kind.run)('stores a response once and answers a repeat with the first receipt', async () => {
    const s = await fresh();
    const first = await s.storeResponse({ surveyKey: 's1', response: response('r1'), receipt: 'A1' });
    const again = await s.storeResponse({ surveyKey: 's1', response: response('r1', 99), receipt: 'A2' });
    expect(first.status).toBe('stored');
    expect(again).toEqual({
      status: 'duplicate',
      receipt: first.status === 'stored' ? first.receipt : undefined,
    });
    expect(await s.countResponses('s1')).toBe(1);
    const stored = [];
    for await (const r of s.responses('s1')) stored.push(r);
    expect(stored).toEqual([response('r1')]);
    await s.close();
  });

  it.runIf(kind.run)('stores the same response sent concurrently 50 times exactly once', async () => {
    const s = await fresh();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        s.storeResponse({ surveyKey: 's1', response: response('same'), receipt: `R${i}` }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'stored')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(49);
    const receipts = new Set(
      outcomes.map((o) => (o.status === 'stored' || o.status === 'duplicate' ? o.receipt.receipt : '')),
    );
    expect(receipts.size).toBe(1);
    expect(await s.countResponses('s1')).toBe(1);
    await s.close();
  });

  it.runIf(kind.run)('takes one completed response per invitation code, also under concurrency', async () => {
    const s = await fresh();
    expect(
      await s.addInvitations('s1', [
        { codeHash: 'h1', stratum: 'north' },
        { codeHash: 'h2', stratum: 'south' },
      ]),
    ).toBe(2);
    expect(await s.addInvitations('s1', [{ codeHash: 'h1', stratum: 'north' }])).toBe(0);
    expect(await s.invitationState('s1', 'h1')).toBe('open');
    expect(await s.invitationState('s1', 'nope')).toBe('unknown');
    const outcomes = await Promise.all(
      ['a', 'b', 'c', 'd'].map((id) =>
        s.storeResponse({ surveyKey: 's1', response: response(id), codeHash: 'h1', receipt: id }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'stored')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'code_used')).toHaveLength(3);
    expect(await s.invitationState('s1', 'h1')).toBe('answered');
    expect(
      await s.storeResponse({ surveyKey: 's1', response: response('z'), codeHash: 'nope', receipt: 'z' }),
    ).toEqual({
      status: 'unknown_code',
    });
    expect(await s.countResponses('s1')).toBe(1);
    expect(await s.setDisposition('s1', 'h2', 'refusal')).toBe(true);
    expect(await s.setDisposition('s1', 'h1', 'refusal')).toBe(false);
    expect(await s.dispositionCounts('s1')).toEqual([
      { stratum: 'north', disposition: 'complete', count: 1 },
      { stratum: 'south', disposition: 'refusal', count: 1 },
    ]);
    await s.close();
  });

  it.runIf(kind.run)('refuses new responses while closed but still answers repeats', async () => {
    const s = await fresh();
    await s.storeResponse({ surveyKey: 's1', response: response('r1'), receipt: 'A' });
    await s.setOpen('s1', false);
    expect((await s.getSurvey('s1'))?.open).toBe(false);
    expect((await s.storeResponse({ surveyKey: 's1', response: response('r2'), receipt: 'B' })).status).toBe(
      'closed',
    );
    expect((await s.storeResponse({ surveyKey: 's1', response: response('r1'), receipt: 'C' })).status).toBe(
      'duplicate',
    );
    await s.putSurvey(survey);
    expect((await s.getSurvey('s1'))?.open).toBe(false);
    await s.putSurvey({ ...survey, surveyKey: 'a0' });
    expect(await s.listSurveys()).toEqual(['a0', 's1']);
    expect(
      (await s.storeResponse({ surveyKey: 'other', response: response('r3'), receipt: 'D' })).status,
    ).toBe('unknown_survey');
    await s.close();
  });

  it.runIf(kind.run)(
    'keeps drafts by code hash, drops them when the response arrives, pages through responses',
    async () => {
      const s = await fresh();
      await s.addInvitations('s1', [{ codeHash: 'h1' }]);
      await s.saveDraft('s1', 'h1', { answers: { age: 3 } });
      await s.saveDraft('s1', 'h1', { answers: { age: 4 } });
      expect(await s.loadDraft('s1', 'h1')).toEqual({ answers: { age: 4 } });
      await s.storeResponse({ surveyKey: 's1', response: response('r0'), codeHash: 'h1', receipt: 'x' });
      expect(await s.loadDraft('s1', 'h1')).toBeUndefined();
      for (let i = 1; i < 25; i++)
        await s.storeResponse({ surveyKey: 's1', response: response(`r${i}`, i), receipt: `x${i}` });
      const ids: string[] = [];
      for await (const r of s.responses('s1', 7)) ids.push(r.respondentId);
      expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => `r${i}`));
      // Dispositions other than a complete: only AAPOR codes and names enter.
      await s.addInvitations('s1', [{ codeHash: 'h2', stratum: 'north' }]);
      expect(await s.setDisposition('s1', 'h2', '2.111')).toBe(true);
      expect(await s.setDisposition('s1', 'h1', 'refusal')).toBe(false); // answered: stays complete
      await expect(s.setDisposition('s1', 'h2', 'gone fishing')).rejects.toThrow(/AAPOR/);
      expect(await s.dispositionCounts('s1')).toEqual([
        { stratum: '', disposition: 'complete', count: 1 },
        { stratum: 'north', disposition: '2.111', count: 1 },
      ]);
      await s.addAdminToken('abc');
      await s.addAdminToken('abc');
      expect(await s.adminTokenHashes()).toEqual(['abc']);
      await s.close();
    },
  );
});
