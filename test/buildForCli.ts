import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Vitest global setup. The CLI tests run the built `kizuki` command, as users do, so the build must
 * be there and current: it is rebuilt when `dist/cli.js` is missing or older than any source file.
 */
export default function buildForCli() {
  const built = 'dist/cli.js';
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource('src')) return;
  const tsup = join(createRequire(import.meta.url).resolve('tsup/package.json'), '../dist/cli-default.js');
  execFileSync(process.execPath, [tsup, '--silent'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/build-browser.mjs'], { stdio: 'inherit' });
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}
