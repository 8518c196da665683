import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** R's front end; tests compare kizuki's figures with R packages (survey, psych) through it. */
export const RSCRIPT = process.env.RSCRIPT_PATH ?? '/usr/bin/Rscript';

/**
 * Whether the R comparison tests run: wherever Rscript is installed, and always in CI, which
 * installs it (.ci/run), so that a missing R fails there instead of being skipped.
 */
export const rTestsRun = existsSync(RSCRIPT) || process.env.CI !== undefined;
if (!rTestsRun) {
  console.warn(
    `R comparison tests skipped: ${RSCRIPT} is missing (apt-get install -y r-cran-survey). CI runs them.`,
  );
}

/** Runs an R script with arguments; throws with R's messages when it fails. */
export function runRscript(script: string, args: readonly string[]): void {
  execFileSync(RSCRIPT, ['--vanilla', script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
}
