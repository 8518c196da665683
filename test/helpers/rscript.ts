import { spawnSync } from 'node:child_process';

/** Debian's R front end; the comparison scripts need the `survey` and `jsonlite` packages. */
export const RSCRIPT = process.env.RSCRIPT_PATH ?? 'Rscript';

/**
 * Whether the R comparisons run: wherever Rscript is installed, and always in CI, which installs
 * it, so that a missing R fails there instead of being skipped.
 */
export const rTestsRun = spawnSync(RSCRIPT, ['--version']).status === 0 || process.env.CI !== undefined;
if (!rTestsRun) {
  console.warn(
    `R comparisons skipped: ${RSCRIPT} is missing (apt-get install -y r-cran-survey). CI runs them.`,
  );
}

/** Runs an R script with arguments and returns its standard output; throws with R's messages on failure. */
export function runR(script: string, args: readonly string[]): string {
  const result = spawnSync(RSCRIPT, ['--vanilla', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`Rscript ${script} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}
