import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort.js';

/** The newest Debian PostgreSQL server binaries, if installed (`apt-get install postgresql`). */
function serverBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

const bin = serverBin();

/** A program of the installed PostgreSQL, such as `pg_dump` (the tests' server version). */
export function postgresTool(name: string): string {
  if (bin === undefined) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  return join(bin, name);
}

/**
 * Whether the PostgreSQL tests run: wherever the server is installed, and always in CI, which installs
 * it, so that a missing server fails there instead of being skipped.
 */
export const postgresTestsRun = bin !== undefined || process.env.CI !== undefined;
if (!postgresTestsRun) {
  console.warn(
    'PostgreSQL tests skipped: no /usr/lib/postgresql/*/bin/initdb (apt-get install -y postgresql). CI runs them.',
  );
}

/** A throwaway PostgreSQL cluster on loopback; PostgreSQL refuses to run as root, so it runs as `postgres`. */
export interface TestCluster {
  url: string;
  port: number;
  /** Stops the server at once (like a crash: `-m immediate`) or cleanly. */
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  /** Stops the server and removes its data folder. */
  destroy(): void;
}

export async function startTestCluster(): Promise<TestCluster> {
  if (bin === undefined) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'kizuki-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const asPostgres = (args: string[]) => {
    const root = process.getuid?.() === 0;
    const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', ...args]] : [args[0]!, args.slice(1)];
    return execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };
  asPostgres([join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`;
  const start = () => {
    asPostgres([join(bin, 'pg_ctl'), '-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  };
  const stop = (mode: 'fast' | 'immediate' = 'fast') => {
    try {
      asPostgres([join(bin, 'pg_ctl'), '-D', data, '-m', mode, '-w', 'stop']);
    } catch {
      // Already stopped.
    }
  };
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    destroy() {
      stop('immediate');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
