import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlStore } from '../../src/collect/createSqlStore.js';
import type { CollectStore } from '../../src/collect/index.js';
import { migrate, StoreSchemaError, schemaVersion } from '../../src/collect/migrations.js';
import type { SqlClient } from '../../src/collect/sqlClient.js';
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

  const versions = async (client: SqlClient) =>
    (
      await client.query<{ version: number }>('select version from kizuki_migrations order by version')
    ).rows.map((r) => Number(r.version));
  const hasStoreFunction = async (client: SqlClient) =>
    Number(
      (
        await client.query<{ n: string | number }>(
          "select count(*) as n from pg_proc where proname = 'kizuki_store_response'",
        )
      ).rows[0]!.n,
    ) > 0;

  it.runIf(kind.run)('upgrades a version-1 store to today’s schema with nothing lost', async () => {
    const client = await kind.openClient();
    expect(await migrate(client, 1)).toBe(1);
    expect(await hasStoreFunction(client)).toBe(false);
    // What version 1 wrote: a survey, responses (one through a code), invitations with their
    // dispositions, a draft and an admin token, each as plain rows.
    await client.query(
      `insert into kizuki_surveys (survey_key, template_id, template_version, template_hash) values ('s1', 't', '1.0.0', 'sha256-x')`,
    );
    await client.query(
      `insert into kizuki_responses (survey_key, respondent_id, receipt, invitation, response, received_at)
       values ('s1', 'r1', 'R-ONE', 'h1', $1, '2026-05-01T09:05:01Z'), ('s1', 'r2', 'R-TWO', null, $2, '2026-05-01T09:06:00Z')`,
      [JSON.stringify(response('r1', 41)), JSON.stringify(response('r2', 52))],
    );
    await client.query(
      `insert into kizuki_invitations (survey_key, code_hash, stratum, disposition, respondent_id) values
       ('s1', 'h1', 'north', 'complete', 'r1'), ('s1', 'h2', 'south', 'refusal', null),
       ('s1', 'h3', 'south', 'pending', null), ('s1', 'h4', 'north', 'pending', null)`,
    );
    await client.query(`insert into kizuki_drafts (survey_key, code_hash, draft) values ('s1', 'h3', $1)`, [
      JSON.stringify({ answers: { age: 7 } }),
    ]);
    await client.query(`insert into kizuki_admin_tokens (token_hash) values ('tok')`);

    const s = await createSqlStore(client);
    expect(await versions(client)).toEqual(Array.from({ length: schemaVersion }, (_, i) => i + 1));
    expect(await hasStoreFunction(client)).toBe(true);
    const stored = [];
    for await (const r of s.responses('s1')) stored.push(r);
    expect(stored).toEqual([response('r1', 41), response('r2', 52)]);
    expect(await s.getSurvey('s1')).toEqual({
      surveyKey: 's1',
      templateId: 't',
      templateVersion: '1.0.0',
      templateHash: 'sha256-x',
      open: true,
    });
    expect(await s.dispositionCounts('s1')).toEqual([
      { stratum: 'north', disposition: 'complete', count: 1 },
      { stratum: 'north', disposition: 'pending', count: 1 },
      { stratum: 'south', disposition: 'pending', count: 1 },
      { stratum: 'south', disposition: 'refusal', count: 1 },
    ]);
    expect(await s.loadDraft('s1', 'h3')).toEqual({ answers: { age: 7 } });
    expect(await s.adminTokenHashes()).toEqual(['tok']);
    // Version 1's rows work with version 2's code: a repeat gets its old receipt, the used code
    // stays used, and a new response through a waiting code takes it and drops its draft.
    expect(await s.storeResponse({ surveyKey: 's1', response: response('r1'), receipt: 'X' })).toEqual({
      status: 'duplicate',
      receipt: { receipt: 'R-ONE', respondentId: 'r1', receivedAt: '2026-05-01T09:05:01.000Z' },
    });
    expect(
      (await s.storeResponse({ surveyKey: 's1', response: response('r9'), codeHash: 'h1', receipt: 'Y' }))
        .status,
    ).toBe('code_used');
    expect(
      (await s.storeResponse({ surveyKey: 's1', response: response('r3'), codeHash: 'h3', receipt: 'Z' }))
        .status,
    ).toBe('stored');
    expect(await s.loadDraft('s1', 'h3')).toBeUndefined();
    expect(await s.countResponses('s1')).toBe(3);
    await s.close();
  });

  it.runIf(kind.run)(
    'refuses a store made by a newer kizuki, in Japanese and English, changing nothing',
    async () => {
      const client = await kind.openClient();
      await migrate(client);
      await client.query('insert into kizuki_migrations (version) values ($1)', [schemaVersion + 1]);
      const error = await createSqlStore(client).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreSchemaError);
      const refusal = error as StoreSchemaError;
      expect(refusal.code).toBe('schema_too_new');
      expect(refusal.params).toEqual({ found: schemaVersion + 1, known: schemaVersion });
      expect(refusal.message).toContain(`スキーマ ${schemaVersion + 1}`);
      expect(refusal.message).toContain('kizuki を更新して');
      expect(refusal.message).toContain(`newer kizuki (schema ${schemaVersion + 1}`);
      expect(await versions(client)).toEqual([
        ...Array.from({ length: schemaVersion }, (_, i) => i + 1),
        schemaVersion + 1,
      ]);
      await client.close();
    },
  );

  it.runIf(kind.run)(
    'leaves a migration interrupted half-way undone, and the store then upgrades',
    async () => {
      const client = await kind.openClient();
      await migrate(client, 1);
      await client.query(
        `insert into kizuki_surveys (survey_key, template_id, template_version, template_hash) values ('s1', 't', '1.0.0', 'sha256-x')`,
      );
      await client.query(
        `insert into kizuki_responses (survey_key, respondent_id, receipt, response) values ('s1', 'r1', 'R-ONE', $1)`,
        [JSON.stringify(response('r1'))],
      );
      // The process dies after step 2 ran but before it was recorded: the function exists inside
      // the transaction at that moment, and must be gone once the transaction is undone.
      let seenInside = false;
      const dying: SqlClient = {
        ...client,
        transaction: (work) =>
          client.transaction((tx) =>
            work({
              exec: (text) => tx.exec(text),
              async query(text, params) {
                if (text.startsWith('insert into kizuki_migrations') && params?.[0] === 2) {
                  seenInside =
                    (await tx.query("select 1 from pg_proc where proname = 'kizuki_store_response'")).rows
                      .length > 0;
                  throw new Error('simulated crash');
                }
                return tx.query(text, params);
              },
            }),
          ),
      };
      await expect(createSqlStore(dying)).rejects.toThrow('simulated crash');
      expect(seenInside).toBe(true);
      expect(await versions(client)).toEqual([1]);
      expect(await hasStoreFunction(client)).toBe(false);
      const s = await createSqlStore(client);
      expect(await versions(client)).toEqual([1, 2]);
      expect(await s.countResponses('s1')).toBe(1);
      expect(
        (await s.storeResponse({ surveyKey: 's1', response: response('r2'), receipt: 'B' })).status,
      ).toBe('stored');
      await s.close();
    },
  );
});
