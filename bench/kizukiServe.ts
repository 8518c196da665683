import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/helpers/freePort.js';

const bin = join(fileURLToPath(new URL('../', import.meta.url)), 'bin/kizuki.mjs');

/** A `kizuki serve` process started for a benchmark. */
export interface BenchServer {
  url: string;
  /** How long it took to listen, in ms. */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * Starts the built `kizuki serve` (run `npm run build` first) on a free port, with the client rate
 * limit out of the way, and resolves with its URL once it listens. `servers` collects the processes
 * so that the benchmark can kill them if it fails half-way.
 */
export async function serveForBench(
  options: { cwd: string; templateFile: string; args: readonly string[] },
  servers: ChildProcess[],
): Promise<BenchServer> {
  const port = String(await freePort());
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        bin,
        'serve',
        '--template',
        options.templateFile,
        '--port',
        port,
        '--rate-limit',
        '100000000',
        ...options.args,
      ],
      { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    servers.push(child);
    let out = '';
    // The last of standard error, to say why it stopped; the rest (one line per request) is dropped.
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      err = (err + chunk).slice(-2000);
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const url = /http:\/\/[\d.]+:\d+/.exec(out)?.[0];
      if (url !== undefined) resolve({ url, startMs: performance.now() - started, stop });
    });
    const exited = new Promise((r) => child.once('exit', r));
    const stop = async () => {
      child.kill('SIGTERM');
      await exited;
    };
    child.once('exit', (code) => reject(new Error(`kizuki serve exited with ${code}: ${err}`)));
  });
}
