// Benches import the code they measure as an esbuild bundle (as tsup ships it), loaded natively:
// vitest's module runner rewrites imports into property reads, which slows tight loops several-fold
// and would measure the harness rather than the library.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** A bundled module, the bundle's path (for worker threads) and its temporary folder. */
export interface Bundled<T> {
  module: T;
  path: string;
  dir: string;
  /** Removes the folder and everything the bench wrote into it. */
  dispose: () => void;
}

/** Bundles `entry` for Node into a new temporary folder and imports it. */
export async function importBundled<T>(entry: URL, name: string): Promise<Bundled<T>> {
  const dir = mkdtempSync(join(tmpdir(), `kizuki-bench-${name}-`));
  const path = join(dir, `${name}.mjs`);
  const bundled = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  writeFileSync(path, bundled.outputFiles[0]!.text);
  const module = (await import(pathToFileURL(path).href)) as T;
  return { module, path, dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
