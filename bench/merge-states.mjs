// Times the built `kizuki merge` on 1,741 state files (one per municipality in Japan), made from one
// real state by changing one count per copy (so no two tallies are equal) and re-sealing the checksum.
// Usage: node bench/merge-states.mjs STATE.json [N] (a state from `kizuki aggregate`; run `npm run build` first).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../dist/cli.js';

const canonical = (v) =>
  v === null || typeof v !== 'object'
    ? JSON.stringify(v)
    : Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
          .join(',')}}`;

const [source, count = '1741'] = process.argv.slice(2);
const base = JSON.parse(readFileSync(source, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'kizuki-merge-'));
const files = [];
for (let k = 0; k < Number(count); k++) {
  const { checksum: _, ...body } = structuredClone(base);
  body.municipalities = [`m${k}`];
  body.aggregate.counts[0] += k;
  const file = join(dir, `m${k}.json`);
  writeFileSync(
    file,
    JSON.stringify({ ...body, checksum: createHash('sha256').update(canonical(body)).digest('hex') }),
  );
  files.push(file);
}
const started = performance.now();
const code = await runCli(['merge', ...files, '--out', join(dir, 'national.json')], {
  stdout: { write: () => true },
  stderr: process.stderr,
  cwd: dir,
});
const seconds = (performance.now() - started) / 1000;
process.stderr.write(
  `${JSON.stringify({ code, files: files.length, bytesEach: readFileSync(files[0]).length, seconds, peakRssMB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
rmSync(dir, { recursive: true, force: true });
process.exitCode = code;
