import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * Compares output with the committed golden file `test/golden/<name>`. Run with `UPDATE=1` to
 * (re)write the golden files, then review the diff before committing it.
 */
export function expectGolden(name: string, actual: string): void {
  const url = new URL(`./${name}`, import.meta.url);
  if (process.env.UPDATE === '1' || (!existsSync(url) && process.env.CI === undefined)) {
    writeFileSync(url, actual);
    return;
  }
  expect(actual, `golden file test/golden/${name} (UPDATE=1 rewrites it)`).toBe(readFileSync(url, 'utf8'));
}
