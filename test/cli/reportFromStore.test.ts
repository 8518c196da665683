import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CollectStore,
  createCollector,
  createPostgresStore,
  schemaVersion,
} from '../../src/collect/index.js';
import { aaporRates, type RateSummary } from '../../src/design/index.js';
import type { SurveyResponse } from '../../src/schema/index.js';
import { exampleResponses, exampleSurvey } from '../fixtures/io/exampleResponses.js';
import { builtCli } from '../helpers/builtCli.js';
import { postgresTestsRun, postgresTool, startTestCluster, type TestCluster } from '../helpers/postgres.js';
import { rateTable } from '../helpers/rateTable.js';
import { submitFromConnections } from '../helpers/submitFromConnections.js';
import { exampleTemplate } from '../helpers/templates.js';

// The loop's last step without a browser: a store with invitations, responses and dispositions is
// reported by `kizuki report --database`, and its admin export by `kizuki report FILE --dispositions`;
// both reports carry the same live response rates by stratum, equal to AAPOR's formulas.
const { work, kizuki } = builtCli('report-store');
const survey = exampleSurvey();
const [first, second] = exampleResponses(survey) as [SurveyResponse, SurveyResponse];
// The collector takes ids as kizuki/ui makes them.
const one = { ...first, respondentId: 'respondent-0000000001' };
const two = { ...second, respondentId: 'respondent-0000000002' };

const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
/** What the table shows for one group: cases, completes, e, RR1, RR2, RR3, RR5, COOP1, REF1, CON1. */
const expectedRow = (summary: Pick<RateSummary, 'e' | 'rates'>, cases: number, completes: number) => [
  String(cases),
  String(completes),
  summary.e === null ? '—' : summary.e.toFixed(3),
  ...(['RR1', 'RR2', 'RR3', 'RR5', 'COOP1', 'REF1', 'CON1'] as const).map((n) => pct(summary.rates[n])),
];

describe.runIf(postgresTestsRun)('kizuki report from the collector’s store', () => {
  let cluster: TestCluster;
  let store: CollectStore;
  beforeAll(async () => {
    cluster = await startTestCluster();
    store = await createPostgresStore({ connectionString: cluster.url });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    cluster?.destroy();
  });

  it('shows the live response rates by stratum, the same from the store and from the admin export', async () => {
    const collector = await createCollector({
      store,
      surveys: { town: survey },
      invitationOnly: ['town'],
      codeKey: new Uint8Array(32).fill(3),
      // Above the default 20 per code and minute, which would turn away most of the 50 senders below.
      rateLimits: { code: { limit: 100, windowMs: 60_000 } },
    });
    const token = await collector.createAdminToken();
    await collector.addInvitations('town', [
      { code: 'NRTH2345', stratum: 'north' },
      { code: 'NRTH3456', stratum: 'north' },
      { code: 'NRTH4567', stratum: 'north' },
      { code: 'STH22345', stratum: 'south' },
      { code: 'STH23456', stratum: 'south' },
    ]);
    const call = (path: string, init: RequestInit = {}) =>
      collector.handle(new Request(`http://kizuki.test${path}`, init), { clientKey: 'c' });
    const submit = (code: string, response: SurveyResponse) =>
      call(`/s/town/responses?code=${code}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(response),
      });
    const admin = { authorization: `Bearer ${token}` };
    // The first letter's response arrives from 50 connections at once: one stored, 50 receipts alike.
    const answers = await submitFromConnections(collector, '/s/town/responses?code=NRTH2345', one, 50);
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(49).fill(200), 201]);
    expect(new Set(answers.map((a) => a.receipt)).size).toBe(1);
    expect(await store.countResponses('town')).toBe(1);
    expect((await submit('STH22345', two)).status).toBe(201);
    const refused = await call('/admin/town/disposition', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'STH23456', disposition: 'refusal' }),
    });
    expect(refused.status).toBe(200);

    writeFileSync(join(work, 'template.json'), JSON.stringify(exampleTemplate()));
    writeFileSync(
      join(work, 'export.jsonl'),
      await (await call('/admin/town/export.jsonl', { headers: admin })).text(),
    );
    const dispositions = await (await call('/admin/town/dispositions.csv', { headers: admin })).text();
    writeFileSync(join(work, 'dispositions.csv'), dispositions);
    // One row per invitation and no code in it: waiting letters are "nothing returned" (3.19).
    expect(
      dispositions
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n')
        .sort(),
    ).toEqual(
      [
        'stratum,disposition',
        'north,complete',
        'north,3.19',
        'north,3.19',
        'south,complete',
        'south,refusal',
      ].sort(),
    );

    const fromStore = kizuki(
      'report',
      'template.json',
      '--database',
      cluster.url,
      '--survey',
      'town',
      '--out',
      'store.html',
      '--min-group',
      '1',
    );
    expect(fromStore.code, fromStore.stderr).toBe(0);
    const fromExport = kizuki(
      'report',
      'template.json',
      'export.jsonl',
      '--dispositions',
      'dispositions.csv',
      '--out',
      'export.html',
      '--min-group',
      '1',
    );
    expect(fromExport.code, fromExport.stderr).toBe(0);

    const table = rateTable(readFileSync(join(work, 'store.html'), 'utf8'));
    expect(rateTable(readFileSync(join(work, 'export.html'), 'utf8'))).toEqual(table);
    // Worked by hand: north 1 complete of 3 (2 letters with nothing back), south 1 of 2 (1 refusal).
    const north = aaporRates({ counts: { I: 1, UH: 2 } });
    const south = aaporRates({ counts: { I: 1, R: 1 } });
    const overall = aaporRates({ counts: { I: 2, UH: 2, R: 1 } });
    expect(north.rates.RR1).toBeCloseTo(1 / 3, 12);
    expect(south.rates.RR1).toBeCloseTo(1 / 2, 12);
    expect(overall.rates.RR1).toBeCloseTo(2 / 5, 12);
    expect([...table.keys()]).toEqual(['層', '全体', 'north', 'south']); // the header row first
    expect(table.get('north')).toEqual(expectedRow(north, 3, 1));
    expect(table.get('south')).toEqual(expectedRow(south, 2, 1));
    expect(table.get('全体')!.slice(0, 2)).toEqual(['5', '2']);
    expect(table.get('全体')![3]).toBe('40.0%');
  }, 120_000);

  /** A new empty database on the test server, by its URL. */
  const newDatabase = async (name: string) => {
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: cluster.url });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    return cluster.url.replace(/\/postgres$/, `/${name}`);
  };

  it('restores a pg_dump of the store into a store that reads and answers the same', async () => {
    const dump = join(work, 'kizuki.dump');
    execFileSync(postgresTool('pg_dump'), ['-Fc', '--no-owner', '-d', cluster.url, '-f', dump]);
    const url = await newDatabase('restored');
    execFileSync(postgresTool('pg_restore'), ['--no-owner', '-d', url, dump]);
    const restored = await createPostgresStore({ connectionString: url });
    try {
      const all = async (s: CollectStore) => {
        const out = [];
        for await (const r of s.responses('town')) out.push(r);
        return out;
      };
      expect(await all(restored)).toEqual(await all(store));
      expect(await all(restored)).toHaveLength(2);
      expect(await restored.dispositionCounts('town')).toEqual(await store.dispositionCounts('town'));
      expect(await restored.adminTokenHashes()).toEqual(await store.adminTokenHashes());
      // The restored store still knows its first receipts, so a late resend is not stored twice.
      const original = await store.storeResponse({ surveyKey: 'town', response: one, receipt: 'late' });
      const again = await restored.storeResponse({ surveyKey: 'town', response: one, receipt: 'late' });
      expect(again).toEqual(original);
      expect(again.status).toBe('duplicate');
    } finally {
      await restored.close();
    }
    const rates = (database: string) => kizuki('rates', '--database', database, '--survey', 'town', '--json');
    expect(rates(url).stdout).toBe(rates(cluster.url).stdout);
  }, 60_000);

  it('refuses a store from a newer kizuki in the user’s language, naming it', async () => {
    const url = await newDatabase('future');
    await (await createPostgresStore({ connectionString: url })).close();
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: url });
    await client.connect();
    await client.query('insert into kizuki_migrations (version) values ($1)', [schemaVersion + 1]);
    await client.end();
    const en = kizuki('rates', '--database', url, '--lang', 'en');
    expect(en.code).toBe(1);
    const shown = url.replace('//postgres@', '//…@'); // the user and any password are never printed
    expect(en.stderr).toContain(
      `${shown}: The store was made by a newer kizuki (schema ${schemaVersion + 1}`,
    );
    const ja = kizuki('rates', '--database', url);
    expect(ja.code).toBe(1);
    expect(ja.stderr).toContain(`スキーマ ${schemaVersion + 1}、この kizuki は ${schemaVersion} まで`);
  }, 60_000);
});
