import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/kizuki.mjs', import.meta.url));

/**
 * The built `kizuki` command as users run it (test/buildForCli.ts keeps dist/ current), run in a
 * temporary folder of its own that is removed after the test file.
 */
export function builtCli(name: string, options: { timeout?: number } = {}) {
  const work = mkdtempSync(join(tmpdir(), `kizuki-${name}-`));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const kizuki = (...args: string[]) => {
    const result = spawnSync(process.execPath, [bin, ...args], {
      cwd: work,
      encoding: 'utf8',
      timeout: options.timeout ?? 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  return { work, kizuki };
}
