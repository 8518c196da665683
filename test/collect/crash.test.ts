import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteStore, createPostgresStore } from '../../src/collect/index.js';
import type { SurveyResponse } from '../../src/schema/index.js';
import { exampleResponses, exampleSurvey } from '../fixtures/io/exampleResponses.js';
import { freePort } from '../helpers/freePort.js';
import { postgresTestsRun, startTestCluster } from '../helpers/postgres.js';

// Crash safety of `kizuki serve`, run as users run it (the built command): every response the
// server acknowledged must be in the store after the process (or its database) died under load,
// and none may be stored twice.
const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/kizuki.mjs');
const work = mkdtempSync(join(tmpdir(), 'kizuki-crash-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const survey = exampleSurvey();
const templateFile = join(work, 'template.json');
writeFileSync(templateFile, JSON.stringify(survey.template));
const sample = exampleResponses(survey)[0]!;
const respondent = (i: number): SurveyResponse => ({
  ...sample,
  respondentId: `crash-test-${String(i).padStart(8, '0')}`,
});

/** Starts `kizuki serve` and resolves once it prints its URL. */
function serve(args: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'serve', '--template', templateFile, ...args], { cwd: work });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      if (out.includes('http://')) resolve(child);
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening: ${err}`)));
  });
}

/**
 * Sends `total` distinct responses from `concurrency` clients; each keeps resending its current
 * response until acknowledged, as the form's submission queue does. Returns the acknowledged ids and
 * how many attempts failed (refused connections, 503s) while `disrupt` ran.
 */
async function load(url: string, total: number, concurrency: number, disrupt: () => Promise<void>) {
  const acknowledged = new Set<string>();
  let next = 0;
  let failures = 0;
  let broken: unknown;
  const client = async () => {
    while (next < total && broken === undefined) {
      const response = respondent(next++);
      while (broken === undefined) {
        try {
          const res = await fetch(`${url}/s/${survey.template.id}/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': response.respondentId },
            body: JSON.stringify(response),
            signal: AbortSignal.timeout(10_000),
          });
          if (res.status === 201 || res.status === 200) {
            acknowledged.add(response.respondentId);
            break;
          }
          if (res.status !== 503 && res.status !== 429)
            throw new Error(`unexpected ${res.status}: ${await res.text()}`);
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('unexpected')) throw error;
        }
        failures++;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const disruption = disrupt().catch((error: unknown) => {
    broken = error;
  });
  await Promise.all([...Array.from({ length: concurrency }, client), disruption]);
  if (broken !== undefined) throw broken;
  return { acknowledged, failures };
}

async function storedIds(open: () => ReturnType<typeof createPgliteStore>) {
  const store = await open();
  const ids: string[] = [];
  for await (const response of store.responses(survey.template.id)) ids.push(response.respondentId);
  await store.close();
  return ids;
}

/** Stops a server that is still running and waits until it is gone. */
async function kill(server: ChildProcess, signal: NodeJS.Signals = 'SIGKILL') {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill(signal);
  await exited;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crash safety of kizuki serve', () => {
  it('keeps every acknowledged response when the server is SIGKILLed repeatedly (PGlite)', async () => {
    const port = await freePort();
    const data = join(work, 'data');
    const args = ['--data', data, '--port', String(port), '--rate-limit', '1000000'];
    let server = await serve(args);
    const { acknowledged, failures } = await load(`http://127.0.0.1:${port}`, 1500, 16, async () => {
      for (let round = 0; round < 2; round++) {
        await pause(400 + round * 300);
        await kill(server);
        server = await serve(args);
      }
    });
    await kill(server, 'SIGTERM');
    const ids = await storedIds(() => createPgliteStore({ dataDir: join(data, 'pglite') }));
    expect(failures).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of acknowledged) expect(ids).toContain(id);
    expect(acknowledged.size).toBe(1500);
  }, 900_000);

  it.runIf(postgresTestsRun)(
    'keeps every acknowledged response when PostgreSQL restarts and the server is SIGKILLed under load',
    async () => {
      const cluster = await startTestCluster();
      try {
        const port = await freePort();
        const key = join(work, 'code.key');
        writeFileSync(key, `${'ab'.repeat(32)}\n`);
        const args = [
          '--database',
          cluster.url,
          '--code-key',
          key,
          '--port',
          String(port),
          '--rate-limit',
          '1000000',
        ];
        let server = await serve(args);
        const { acknowledged, failures } = await load(`http://127.0.0.1:${port}`, 2000, 32, async () => {
          await pause(500);
          cluster.stop('immediate');
          await pause(500);
          cluster.start();
          await pause(500);
          // The server must have lived through the database restart.
          expect(server.exitCode).toBeNull();
          await kill(server);
          server = await serve(args);
        });
        await kill(server, 'SIGTERM');
        const ids = await storedIds(() => createPostgresStore({ connectionString: cluster.url }));
        expect(failures).toBeGreaterThan(0);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of acknowledged) expect(ids).toContain(id);
        expect(acknowledged.size).toBe(2000);
      } finally {
        cluster.destroy();
      }
    },
    900_000,
  );
});
