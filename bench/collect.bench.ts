import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { afterAll, bench, describe } from 'vitest';
import { exampleResponses, exampleSurvey } from '../test/fixtures/io/exampleResponses.js';
import { postgresTestsRun, startTestCluster, type TestCluster } from '../test/helpers/postgres.js';
import { type BenchServer, serveForBench } from './kizukiServe.js';

// Throughput of `kizuki serve` as users run it (the built command, its own process), with autocannon
// as the load generator on the same machine. Every request carries a new respondent id, so each one
// is validated, stored and committed before it is acknowledged. Run `npm run build` first.
// Settings: KIZUKI_BENCH_SECONDS (default 10), KIZUKI_BENCH_CONNECTIONS (default 16).
const work = mkdtempSync(join(tmpdir(), 'kizuki-bench-collect-'));
const seconds = Number(process.env.KIZUKI_BENCH_SECONDS ?? 10);
const connections = Number(process.env.KIZUKI_BENCH_CONNECTIONS ?? 16);

const survey = exampleSurvey();
const templateFile = join(work, 'template.json');
writeFileSync(templateFile, JSON.stringify(survey.template));
const sample = exampleResponses(survey)[0]!;

let cluster: TestCluster | undefined;
const servers: ChildProcess[] = [];
afterAll(() => {
  for (const server of servers) server.kill('SIGKILL');
  cluster?.destroy();
  rmSync(work, { recursive: true, force: true });
});

/** Starts `kizuki serve` on a free port (see serveForBench). */
const serve = (args: string[]) => serveForBench({ cwd: work, templateFile, args }, servers);

let run = 0;
/**
 * Sends distinct responses for `seconds` from `connections` connections, then, as a peer measured
 * in the same run, as many requests that the server refuses before validation or the store (wrong
 * content type): their rate is what HTTP alone costs on this machine at this moment.
 */
async function load(label: string, server: BenchServer, extra: Record<string, number> = {}): Promise<void> {
  run++;
  let sent = 0;
  const url = `${server.url}/s/${survey.template.id}/responses`;
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            ...sample,
            respondentId: `collect-bench-${run}-${String(sent++).padStart(8, '0')}`,
          }),
        }),
      },
    ],
  });
  const peer = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'text/plain' },
    body: 'x',
  });
  const created = result['2xx'];
  const failed = result.errors + result.timeouts + result.non2xx;
  const line = {
    store: label,
    connections,
    seconds,
    submissionsPerSecond: Math.round(created / seconds),
    p50ms: result.latency.p50,
    p90ms: result.latency.p90,
    p99ms: result.latency.p99,
    maxMs: result.latency.max,
    acknowledged: created,
    errors: failed,
    httpOnlyPerSecond: Math.round(peer['4xx'] / seconds),
    httpOnlyP99ms: peer.latency.p99,
    serverStartMs: Math.round(server.startMs),
    ...extra,
  };
  console.log(`collect load: ${JSON.stringify(line)}`);
  await server.stop();
  if (failed > 0) throw new Error(`${label}: ${failed} submissions failed`);
}

const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };

describe('kizuki serve: validated, committed submissions', () => {
  bench(
    'PGlite (embedded, a data folder)',
    async () => {
      const args = ['--data', join(work, 'pglite-data')];
      // A new data folder first (PGlite runs initdb), then the restart a survey sees every day.
      const first = await serve(args);
      await first.stop();
      await load('PGlite', await serve(args), { newFolderStartMs: Math.round(first.startMs) });
    },
    once,
  );
  bench.skipIf(!postgresTestsRun)(
    'PostgreSQL (local server, fsync on)',
    async () => {
      cluster ??= await startTestCluster();
      await load('PostgreSQL', await serve(['--database', cluster.url, '--code-key', keyFile()]));
    },
    once,
  );
});

function keyFile(): string {
  const path = join(work, 'code.key');
  writeFileSync(path, `${'ab'.repeat(32)}\n`);
  return path;
}
