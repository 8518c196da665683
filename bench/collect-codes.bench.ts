import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { exampleResponses, exampleSurvey } from '../test/fixtures/io/exampleResponses.js';
import { postgresTestsRun, startTestCluster, type TestCluster } from '../test/helpers/postgres.js';
import { randomSource } from '../test/scoring/fixtures.js';
import { serveForBench } from './kizukiServe.js';

// Does a wrong invitation code take as long as a right one (issue #19)? `kizuki serve` (the built
// command, its own process) with invitation codes, some answered; then, one request at a time in a
// shuffled order (fixed seed), the same requests with unknown codes, open codes and answered codes.
// Every request uses a code of its own, as someone guessing codes would, so the per-code rate limit
// never answers instead. Prints the median and p90 latency of each kind, and its ratio to the same
// request with an unknown code. Run `npm run build` first. KIZUKI_BENCH_ROUNDS (default 200) sets
// the requests of each kind.
const work = mkdtempSync(join(tmpdir(), 'kizuki-bench-codes-'));
const rounds = Number(process.env.KIZUKI_BENCH_ROUNDS ?? 200);
const warmup = 30;

const survey = exampleSurvey();
const key = survey.template.id;
const templateFile = join(work, 'template.json');
writeFileSync(templateFile, JSON.stringify(survey.template));
const sample = exampleResponses(survey)[0]!;
const draftBody = JSON.stringify({ answers: { q1: 1 }, page: 2 });

let cluster: TestCluster | undefined;
const servers: ChildProcess[] = [];
afterAll(() => {
  for (const server of servers) server.kill('SIGKILL');
  cluster?.destroy();
  rmSync(work, { recursive: true, force: true });
});

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** Codes shaped like `kizuki sample`'s, from a seeded generator (never the server's). */
function codeMaker(seed: number): () => string {
  const random = randomSource(seed);
  return () => Array.from({ length: 10 }, () => ALPHABET[Math.floor(random() * 32)]).join('');
}

type Kind =
  | 'draft GET unknown'
  | 'draft GET open'
  | 'draft GET answered'
  | 'draft PUT unknown'
  | 'draft PUT open'
  | 'draft PUT answered'
  | 'submit unknown'
  | 'submit answered';
const KINDS: Kind[] = [
  'draft GET unknown',
  'draft GET open',
  'draft GET answered',
  'draft PUT unknown',
  'draft PUT open',
  'draft PUT answered',
  'submit unknown',
  'submit answered',
];
/** What each kind must answer: the same status where the code's existence must not show. */
const STATUS: Record<Kind, number> = {
  'draft GET unknown': 404,
  'draft GET open': 404,
  'draft GET answered': 404,
  'draft PUT unknown': 204,
  'draft PUT open': 204,
  'draft PUT answered': 409,
  'submit unknown': 403,
  'submit answered': 409,
};

async function measure(label: string, args: string[]): Promise<void> {
  const total = rounds + warmup;
  const next = codeMaker(label.length * 7919);
  const pools: Record<'open' | 'openPut' | 'answered', string[]> = { open: [], openPut: [], answered: [] };
  // Answered codes serve three kinds of request, open ones one each.
  for (const [name, pool] of Object.entries(pools))
    for (let i = 0; i < total * (name === 'answered' ? 3 : 1); i++) pool.push(next());
  const file = join(work, `${label}-invitations.csv`);
  const all = [...pools.open, ...pools.openPut, ...pools.answered];
  writeFileSync(file, `code,stratum\n${all.map((c) => `${c},a`).join('\n')}\n`);
  const server = await serveForBench(
    { cwd: work, templateFile, args: [...args, '--invitations', file] },
    servers,
  );
  let id = 0;
  const submit = (code: string) =>
    fetch(`${server.url}/s/${key}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'kizuki-code': code },
      body: JSON.stringify({
        ...sample,
        respondentId: `codes-bench-${label}-${String(id++).padStart(8, '0')}`,
      }),
    });
  // Answer the "answered" codes first (each submit must be stored).
  const answered = pools.answered;
  for (const code of answered) {
    const r = await submit(code);
    await r.arrayBuffer();
    if (r.status !== 201) throw new Error(`${label}: answering a code gave ${r.status}`);
  }
  const take = { open: 0, openPut: 0, answered: 0 };
  const codeFor = (kind: Kind): string => {
    if (kind.endsWith('unknown')) return next();
    if (kind.endsWith('answered')) return answered[take.answered++]!;
    if (kind === 'draft PUT open') return pools.openPut[take.openPut++]!;
    return pools.open[take.open++]!;
  };
  const send = (kind: Kind, code: string) => {
    if (kind.startsWith('submit')) return submit(code);
    const url = `${server.url}/s/${key}/draft?code=${code}`;
    return kind.startsWith('draft GET')
      ? fetch(url)
      : fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: draftBody });
  };
  const order = Array.from({ length: total }, () => [...KINDS]).flat();
  const random = randomSource(20261204);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const times = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  const seen = new Map<Kind, number>(KINDS.map((k) => [k, 0]));
  for (const kind of order) {
    const code = codeFor(kind);
    const started = performance.now();
    const response = await send(kind, code);
    await response.arrayBuffer();
    const ms = performance.now() - started;
    if (response.status !== STATUS[kind]) throw new Error(`${label} ${kind}: status ${response.status}`);
    const n = seen.get(kind)! + 1;
    seen.set(kind, n);
    if (n > warmup) times.get(kind)!.push(ms);
  }
  await server.stop();
  const quantile = (list: number[], q: number) => {
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  };
  const rows = KINDS.map((kind) => {
    const list = times.get(kind)!;
    const peer = times.get(kind.replace(/ (open|answered)$/, ' unknown') as Kind)!;
    return {
      store: label,
      kind,
      status: STATUS[kind],
      n: list.length,
      p50ms: Number(quantile(list, 0.5).toFixed(3)),
      p90ms: Number(quantile(list, 0.9).toFixed(3)),
      p50VsUnknown: Number((quantile(list, 0.5) / quantile(peer, 0.5)).toFixed(2)),
      p90VsUnknown: Number((quantile(list, 0.9) / quantile(peer, 0.9)).toFixed(2)),
    };
  });
  for (const row of rows) console.log(`collect codes: ${JSON.stringify(row)}`);
}

const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };

describe('kizuki serve: a wrong invitation code against a right one', () => {
  bench('PGlite', async () => measure('PGlite', ['--data', join(work, 'pglite-data')]), once);
  bench.skipIf(!postgresTestsRun)(
    'PostgreSQL (local server, fsync on)',
    async () => {
      cluster ??= await startTestCluster();
      const keyFile = join(work, 'code.key');
      writeFileSync(keyFile, `${'cd'.repeat(32)}\n`);
      await measure('PostgreSQL', ['--database', cluster.url, '--code-key', keyFile]);
    },
    once,
  );
});
