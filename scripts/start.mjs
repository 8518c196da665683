// `npm start`: checks every built-in template and prints a summary of each.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/kizuki.mjs', import.meta.url));
const templates = fileURLToPath(new URL('../templates', import.meta.url));
const { status } = spawnSync(process.execPath, [bin, templates, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(status ?? 1);
