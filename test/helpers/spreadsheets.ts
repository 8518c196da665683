import { spawnSync } from 'node:child_process';

/** LibreOffice, from Debian's libreoffice-calc-nogui. */
export const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';
/** Debian's Python, which has python3-openpyxl (the python3 on a developer's PATH may not). */
export const OPENPYXL_PYTHON = process.env.OPENPYXL_PYTHON ?? '/usr/bin/python3';

/**
 * Whether the LibreOffice and openpyxl tests run: wherever they are installed, and always in CI,
 * which installs them, so that a missing program fails there instead of being skipped.
 */
export const libreOfficeTestsRun =
  spawnSync(SOFFICE, ['--version']).status === 0 || process.env.CI !== undefined;
export const openpyxlTestsRun =
  spawnSync(OPENPYXL_PYTHON, ['-c', 'import openpyxl']).status === 0 || process.env.CI !== undefined;
if (!libreOfficeTestsRun) console.warn(`LibreOffice tests skipped: ${SOFFICE} is missing. CI runs them.`);
if (!openpyxlTestsRun)
  console.warn(`openpyxl tests skipped: ${OPENPYXL_PYTHON} cannot import openpyxl. CI runs them.`);

/**
 * Opens the files in LibreOffice Calc and saves each back as .xlsx into `outDir` (LibreOffice's own
 * way of writing the format), in one run: starting LibreOffice is most of the cost. `home` is a
 * writable profile folder so that runs do not share one.
 */
export function saveWithLibreOffice(files: readonly string[], outDir: string, home: string) {
  return spawnSync(SOFFICE, ['--headless', '--calc', '--convert-to', 'xlsx', '--outdir', outDir, ...files], {
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, HOME: home },
  });
}
