import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Collector,
  type CollectStore,
  createCollector,
  createPgliteStore,
} from '../../src/collect/index.js';
import { aaporRates, type ResponseRates } from '../../src/design/index.js';
import type { SurveyResponse } from '../../src/schema/index.js';
import { exampleResponses, exampleSurvey } from '../fixtures/io/exampleResponses.js';
import { submitFromConnections } from '../helpers/submitFromConnections.js';
import { appWithSurveys } from './snippets/honoApp.js';

const survey = exampleSurvey();
const [first, second] = exampleResponses(survey) as [SurveyResponse, SurveyResponse];
const id = (n: number) => `respondent-${String(n).padStart(10, '0')}`;
const valid: SurveyResponse = { ...first, respondentId: id(1) };
const other: SurveyResponse = { ...second, respondentId: id(2) };
const codeKey = new Uint8Array(32).fill(7);
let store: CollectStore;
let collector: Collector;
let token: string;
let clock = 0;

const base = 'http://kizuki.test';
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  collector.handle(
    new Request(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    { clientKey: headers['x-client'] ?? 'c1' },
  );
interface Body {
  error: { code: string; message: string };
  receipt: Record<string, unknown>;
}
const json = async (res: Response) => (await res.json()) as Body;
const get = (path: string, headers: Record<string, string> = {}) =>
  collector.handle(new Request(base + path, { headers }), { clientKey: 'c1' });

beforeAll(async () => {
  store = await createPgliteStore();
  collector = await createCollector({
    store,
    surveys: { demo: survey, invited: survey },
    invitationOnly: ['invited'],
    codeKey,
    now: () => clock,
    rateLimits: { client: { limit: 1000, windowMs: 60_000 }, code: { limit: 5, windowMs: 60_000 } },
    assets: { 'kizuki-form.js': { body: 'export {}', type: 'text/javascript' } },
  });
  token = await collector.createAdminToken();
  await collector.addInvitations('invited', [
    { code: 'ABCD2345', stratum: 'north' },
    { code: 'WXYZ6789', stratum: 'south' },
  ]);
}, 60_000);
afterAll(() => store.close());

describe('createCollector', () => {
  it('serves the form page with strict security headers and no cookies', async () => {
    const res = await get('/s/demo/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<kizuki-survey');
    expect(html).not.toMatch(/<script>|style=/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await (await get('/s/demo/survey.json')).json()).toEqual(JSON.parse(JSON.stringify(survey)));
    const bare = await get('/s/demo?code=AB');
    expect([bare.status, bare.headers.get('location')]).toEqual([308, '/s/demo/?code=AB']);
    expect((await get('/assets/kizuki-form.js')).status).toBe(200);
    expect((await get('/assets/__proto__')).status).toBe(404);
  });

  it('stores a response once; a repeat gets the first receipt', async () => {
    const first = await post('/s/demo/responses', valid, { 'idempotency-key': valid.respondentId });
    expect(first.status).toBe(201);
    const receipt = (await json(first)).receipt;
    const again = await post('/s/demo/responses', valid);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ receipt, duplicate: true });
    expect(await store.countResponses('demo')).toBe(1);
  });

  it('rejects bad bodies with a clear error in ja or en and stores nothing', async () => {
    const before = await store.countResponses('demo');
    const cases: [Response, number, string][] = [
      [await post('/s/demo/responses', 'not json'), 400, 'invalid_json'],
      [
        await collector.handle(
          new Request(`${base}/s/demo/responses`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain' },
            body: '{}',
          }),
        ),
        415,
        'unsupported_media_type',
      ],
      [await post('/s/demo/responses', JSON.stringify({ a: 'x'.repeat(300_000) })), 413, 'body_too_large'],
      [await post('/s/demo/responses', '['.repeat(5000) + ']'.repeat(5000)), 400, 'too_deep'],
      [
        await post(
          '/s/demo/responses',
          JSON.stringify({ ...valid, respondentId: id(11) }).replace(
            '"answers":{',
            '"answers":{"__proto__":{"x":1},',
          ),
        ),
        422,
        'invalid_response',
      ],
      [
        await post('/s/demo/responses', JSON.parse(`{"__proto__": {"polluted": true}}`)),
        422,
        'invalid_response',
      ],
      [
        await post('/s/demo/responses', { ...valid, respondentId: id(12), extra: 1 }),
        422,
        'invalid_response',
      ],
      [
        await post('/s/demo/responses', { ...valid, respondentId: id(13) }, { 'idempotency-key': 'other' }),
        422,
        'id_mismatch',
      ],
      [await post('/s/nope/responses', valid), 404, 'unknown_survey'],
    ];
    for (const [res, status, code] of cases) {
      expect(res.status).toBe(status);
      const body = await json(res);
      expect(body.error.code).toBe(code);
      expect(body.error.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    const en = await collector.handle(
      new Request(`${base}/s/demo/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en-GB' },
        body: '{',
      }),
    );
    expect((await json(en)).error.message).toBe('The body is not valid JSON');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await store.countResponses('demo')).toBe(before);
  });

  it('takes one response per invitation code; a wrong code looks like any wrong code', async () => {
    const none = await post('/s/invited/responses', valid);
    expect(none.status).toBe(403);
    const wrong = await post('/s/invited/responses', valid, { 'kizuki-code': 'ZZZZ2222' });
    expect(wrong.status).toBe(403);
    expect((await json(wrong)).error.code).toBe('invalid_code');
    const ok = await post('/s/invited/responses?code=abcd2345', valid);
    expect(ok.status).toBe(201);
    const used = await post('/s/invited/responses', other, { 'kizuki-code': 'ABCD2345' });
    expect(used.status).toBe(409);
    expect((await json(used)).error.code).toBe('already_answered');
    const counts = await store.dispositionCounts('invited');
    expect(counts).toEqual([
      { stratum: 'north', disposition: 'complete', count: 1 },
      { stratum: 'south', disposition: 'pending', count: 1 },
    ]);
  });

  it('keeps server-side drafts by code, indistinguishable for unknown codes', async () => {
    const put = (code: string, body: unknown) =>
      collector.handle(
        new Request(`${base}/s/invited/draft?code=${code}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    expect((await put('WXYZ6789', { answers: { sex: 1 } })).status).toBe(204);
    expect((await put('QQQQ3333', { answers: { sex: 1 } })).status).toBe(204);
    expect(await (await get('/s/invited/draft?code=wxyz6789')).json()).toEqual({ answers: { sex: 1 } });
    const unknown = await get('/s/invited/draft?code=QQQQ3333');
    const empty = await get('/s/invited/draft?code=ABCD2345');
    expect([unknown.status, empty.status]).toEqual([404, 404]);
    expect(await unknown.text()).toBe(await empty.text());
  });

  it('guards admin routes with the token and exports what report reads', async () => {
    expect((await get('/admin/demo/status')).status).toBe(401);
    expect((await get('/admin/demo/status', { authorization: 'Bearer wrong' })).status).toBe(401);
    const auth = { authorization: `Bearer ${token}` };
    const status = await (await get('/admin/invited/status', auth)).json();
    expect(status).toMatchObject({ survey: 'invited', open: true, responses: 1 });
    const jsonl = await (await get('/admin/demo/export.jsonl', auth)).text();
    expect(
      jsonl
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([valid]);
    const csv = await (await get('/admin/demo/export.csv', auth)).text();
    expect(csv.split('\n')[1]).toContain(valid.respondentId);
    const close = await collector.handle(
      new Request(`${base}/admin/demo/close`, { method: 'POST', headers: auth }),
    );
    expect(await close.json()).toEqual({ survey: 'demo', open: false });
    expect((await post('/s/demo/responses', other)).status).toBe(410);
    await collector.handle(new Request(`${base}/admin/demo/open`, { method: 'POST', headers: auth }));
    expect((await post('/s/demo/responses', other)).status).toBe(201);
  });

  it('keeps dispositions and gives live AAPOR rates by stratum in the status', async () => {
    await collector.addInvitations('invited', [
      { code: 'RFSE2345', stratum: 'south' },
      { code: 'GONE2345', stratum: 'north' },
      { code: 'WAIT2345', stratum: 'north' },
    ]);
    const auth = { authorization: `Bearer ${token}` };
    const mark = (body: unknown, headers: Record<string, string> = auth) =>
      collector.handle(
        new Request(`${base}/admin/invited/disposition`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers },
          body: JSON.stringify(body),
        }),
      );
    expect((await mark({ code: 'RFSE2345', disposition: 'refusal' }, {})).status).toBe(401);
    expect((await mark({ code: 'rfse2345', disposition: 'refusal' })).status).toBe(200);
    expect((await mark({ code: 'GONE2345', disposition: '4.31' })).status).toBe(200);
    const bad = await mark({ code: 'WAIT2345', disposition: 'maybe' });
    expect(bad.status).toBe(422);
    expect((await json(bad)).error.message).toContain('"maybe"');
    // An answered code keeps its complete; an unknown code looks the same.
    const answered = await mark({ code: 'ABCD2345', disposition: 'refusal' });
    const unknown = await mark({ code: 'NONE2345', disposition: 'refusal' });
    expect([answered.status, unknown.status]).toEqual([409, 409]);
    await expect(store.setDisposition('invited', 'x', '__proto__')).rejects.toThrow(/AAPOR/);

    const status = (await (await get('/admin/invited/status', auth)).json()) as {
      rates: ResponseRates;
    };
    // By hand: north I=1, NE=1, waiting (3.19, UH)=1; south R=1, waiting=1. e by the proportional
    // method: (I+P+R+NC+O) / (that + NE).
    const { overall, breakdowns } = status.rates;
    expect(overall.counts).toMatchObject({ I: 1, R: 1, NE: 1, UH: 2 });
    expect(overall.rates.RR1).toBeCloseTo(1 / 4, 12); // I / (D + U) = 1 / (2 + 2)
    expect(overall.e).toBeCloseTo(2 / 3, 12);
    expect(overall.rates.RR3).toBeCloseTo(0.3, 12); // 1 / (2 + 2/3 · 2)
    expect(overall.rates.REF1).toBeCloseTo(1 / 4, 12);
    const byStratum = Object.fromEntries(breakdowns[0]!.groups.map((g) => [g.label, g]));
    expect(breakdowns[0]!.by).toEqual(['stratum']);
    expect(byStratum.north!.rates.RR1).toBeCloseTo(1 / 2, 12);
    expect(byStratum.north!.rates.RR3).toBeCloseTo(2 / 3, 12); // e = 1/2: 1 / (1 + 0.5)
    expect(byStratum.south!.rates.RR1).toBe(0);
    expect(byStratum.south!.rates.REF2).toBeCloseTo(1 / 2, 12); // e = 1
    // Equal to kizuki/design on the same dispositions.
    expect(byStratum.north!.rates).toEqual(aaporRates({ counts: { I: 1, NE: 1, UH: 1 } }).rates);
  });

  it('lets the host choose frame-ancestors and logs no code, answer or respondent id', async () => {
    const lines: string[] = [];
    const framed = await createCollector({
      store,
      surveys: { invited: survey },
      codeKey,
      frameAncestors: ['https://town.example'],
      log: (entry) => lines.push(JSON.stringify(entry)),
    });
    const page = await framed.handle(new Request(`${base}/s/invited/?code=WAIT2345`));
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors https://town.example');
    const fresh = { ...valid, respondentId: id(30) };
    const sent = await framed.handle(
      new Request(`${base}/s/invited/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'kizuki-code': 'WAIT2345' },
        body: JSON.stringify(fresh),
      }),
    );
    expect(sent.status).toBe(201);
    expect(lines).toHaveLength(2);
    const logged = lines.join('\n');
    const texts = [...Object.values(fresh.answers), ...Object.values(fresh.other ?? {})].filter(
      (v): v is string => typeof v === 'string' && v.length > 3,
    );
    expect(texts.length).toBeGreaterThan(0);
    for (const secret of ['WAIT2345', fresh.respondentId, ...texts])
      expect(logged).not.toContain(String(secret));
  });

  it('rate-limits per invitation code', async () => {
    const fresh = { ...other, respondentId: id(20) };
    for (let i = 0; i < 5; i++) await post('/s/invited/responses', fresh, { 'kizuki-code': 'LIMT2345' });
    const limited = await post('/s/invited/responses', fresh, { 'kizuki-code': 'LIMT2345' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    clock += 60_000;
    expect((await post('/s/invited/responses', fresh, { 'kizuki-code': 'LIMT2345' })).status).toBe(403);
  });

  it('rate-limits per client, each client on its own count', async () => {
    const limited = await createCollector({
      store,
      surveys: { demo: survey },
      codeKey,
      now: () => clock,
      rateLimits: { client: { limit: 3, windowMs: 60_000 } },
    });
    const send = (n: number, client: string) =>
      limited.handle(
        new Request(`${base}/s/demo/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...valid, respondentId: id(40 + n) }),
        }),
        { clientKey: client },
      );
    const before = await store.countResponses('demo');
    for (let n = 0; n < 3; n++) expect((await send(n, '192.0.2.1')).status).toBe(201);
    const refused = await send(3, '192.0.2.1');
    expect(refused.status).toBe(429);
    expect((await json(refused)).error.code).toBe('rate_limited');
    expect((await send(4, '192.0.2.2')).status).toBe(201); // another client is not held back
    expect(await store.countResponses('demo')).toBe(before + 4);
    clock += 60_000;
    expect((await send(3, '192.0.2.1')).status).toBe(201);
  });

  it('mounts in Hono as the guide shows: its own routes, and the form, storing and admin through the collector', async () => {
    const app = appWithSurveys(collector);
    expect(await (await app.request('/health')).text()).toBe('ok');
    const page = await app.request('/s/demo/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const fresh = { ...valid, respondentId: id(60) };
    const sent = await app.request('/s/demo/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-real-ip': '198.51.100.7' },
      body: JSON.stringify(fresh),
    });
    expect(sent.status).toBe(201);
    const exported = await app.request('/admin/demo/export.jsonl', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await exported.text()).toContain(fresh.respondentId);
    expect((await app.request('/admin/demo/export.jsonl')).status).toBe(401);
  });

  it('stores one response sent at once over 50 connections exactly once, every sender getting its receipt', async () => {
    const before = await store.countResponses('demo');
    const answers = await submitFromConnections(
      collector,
      '/s/demo/responses',
      { ...valid, respondentId: id(70) },
      50,
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(49);
    expect(new Set(answers.map((a) => a.receipt)).size).toBe(1);
    expect(await store.countResponses('demo')).toBe(before + 1);
  });

  it('does the same store work for an unknown code as for a known one, and never serves the decoy drafts', async () => {
    // A collector of its own, so that its codes and drafts change nothing the other tests count.
    const store = await createPgliteStore();
    const collector = await createCollector({ store, surveys: { invited: survey }, codeKey });
    await collector.addInvitations('invited', [{ code: 'MNPQ2345' }, { code: 'RSTU6789' }]);
    const get = (path: string) => collector.handle(new Request(base + path));
    const calls: string[] = [];
    const spied = (name: 'invitationState' | 'loadDraft' | 'saveDraft') => {
      const original = store[name].bind(store) as (...args: unknown[]) => Promise<unknown>;
      (store as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        calls.push(name);
        return original(...args);
      };
      return () => {
        (store as unknown as Record<string, unknown>)[name] = original;
      };
    };
    const restore = [spied('invitationState'), spied('loadDraft'), spied('saveDraft')];
    const work = async (request: () => Promise<Response>) => {
      calls.length = 0;
      const res = await request();
      return { status: res.status, body: await res.text(), calls: [...calls] };
    };
    const put = (code: string) =>
      collector.handle(
        new Request(`${base}/s/invited/draft?code=${code}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ answers: { sex: 2 } }),
        }),
      );
    try {
      // GET: a code unknown, known without a draft: the same answer after the same look-ups.
      const unknownGet = await work(() => get('/s/invited/draft?code=ZZZZ9999'));
      const openGet = await work(() => get('/s/invited/draft?code=MNPQ2345'));
      expect(openGet).toEqual(unknownGet);
      expect(unknownGet.calls).toEqual(['invitationState', 'loadDraft']);
      // PUT: the same answer after the same write.
      const unknownPut = await work(() => put('ZZZZ9999'));
      const openPut = await work(() => put('RSTU6789'));
      expect(openPut).toEqual(unknownPut);
      expect(unknownPut.calls).toEqual(['invitationState', 'saveDraft']);
    } finally {
      for (const r of restore) r();
    }
    // The unknown code's draft went to a decoy row: never served, for that code or any other.
    expect((await get('/s/invited/draft?code=ZZZZ9999')).status).toBe(404);
    expect(await (await get('/s/invited/draft?code=RSTU6789')).json()).toEqual({ answers: { sex: 2 } });
    // However many codes are guessed, the decoys are at most 16 rows per survey, keyed by no hash.
    const keys = new Set<string>();
    const save = store.saveDraft.bind(store);
    store.saveDraft = (survey, key, draft) => {
      keys.add(key);
      return save(survey, key, draft);
    };
    try {
      for (let i = 0; i < 80; i++) expect((await put(`GUESS${String(i).padStart(4, '2')}`)).status).toBe(204);
    } finally {
      store.saveDraft = save;
    }
    expect(keys.size).toBeGreaterThan(1);
    expect(keys.size).toBeLessThanOrEqual(16);
    for (const key of keys) expect(key).not.toMatch(/^[0-9a-f]{64}$/);
    await store.close();
  }, 60_000);
});
