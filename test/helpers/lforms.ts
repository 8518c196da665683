import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** NLM's LHC-Forms, the FHIR form renderer the FHIR tests render in. */
export const LFORMS_VERSION = '40.1.3';
const cache = fileURLToPath(new URL('../../node_modules/.cache/lforms/', import.meta.url));

/**
 * The folder of LHC-Forms' built files (`webcomponent/`, `fhir/`). `npm install lforms` stalls on
 * its Angular peer dependencies, and only the built files are needed: the package's tarball is
 * fetched once with `npm pack` from the npm registry and unpacked into `node_modules/.cache`.
 */
export function lformsDist(): string {
  const dist = `${cache}${LFORMS_VERSION}/package/dist/lforms/`;
  if (existsSync(`${dist}webcomponent/lhc-forms.js`)) return dist;
  const dir = `${cache}${LFORMS_VERSION}/`;
  mkdirSync(dir, { recursive: true });
  execFileSync('npm', ['pack', `lforms@${LFORMS_VERSION}`, '--silent'], {
    cwd: dir,
    stdio: 'ignore',
    timeout: 120_000,
  });
  execFileSync('tar', ['xzf', `lforms-${LFORMS_VERSION}.tgz`], { cwd: dir });
  return dist;
}
