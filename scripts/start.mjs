// `npm start`: runs `kizuki demo` — made-up responses to a built-in template, checked, anonymised,
// tallied, and written to out/ as a paper questionnaire, a CSV and a report. Extra arguments pass through.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/kizuki.mjs', import.meta.url));
const { status } = spawnSync(process.execPath, [bin, 'demo', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(status ?? 1);
