// Times merging 1,741 state files (one per municipality in Japan): the library's steps one by one
// (reading the files, readStateFile = JSON.parse + checksum, mergeStates = checks + merge), then the
// built `kizuki merge` on the same files. The files are made from one real state by changing one
// count per copy (so no two tallies are equal) and re-sealed with writeStateFile.
// Usage: node bench/merge-states.mjs STATE.json [N] (a state from `kizuki aggregate`; `npm run build` first).

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../dist/cli.js';
import { loadTemplate } from '../dist/schema.js';
import { mergeStates, readStateFile, writeStateFile } from '../dist/scoring.js';
import { getTemplate } from '../dist/templates.js';

const [source, count = '1741'] = process.argv.slice(2);
const base = JSON.parse(readFileSync(source, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'kizuki-merge-'));
const files = [];
for (let k = 0; k < Number(count); k++) {
  const aggregate = structuredClone(base.aggregate);
  aggregate.counts[0] += k;
  aggregate.cellRespondents[0] += k;
  aggregate.responses += k;
  const file = join(dir, `m${k}.json`);
  writeFileSync(file, writeStateFile(aggregate, { municipalities: [`m${k}`], waveDate: base.waveDate }));
  files.push(file);
}
const survey = loadTemplate(getTemplate(base.template.id));
// Wall and CPU milliseconds of each step: the machine is shared, so CPU time is the steadier figure.
const times = {};
async function timed(name, work) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  times[name] = {
    wall: Math.round(performance.now() - wall),
    cpu: Math.round((used.user + used.system) / 1000),
  };
  return value;
}
// A fixed amount of arithmetic, to compare machines and loads: 1e8 floating-point additions.
await timed('reference1e8Additions', () => {
  let sum = 0;
  for (let i = 0; i < 1e8; i++) sum += i * 0.5;
  return sum;
});
const texts = await timed('readFiles', () => Promise.all(files.map((f) => readFile(f, 'utf8'))));
await timed('readStateFilePortableSha256', () => {
  for (const [i, text] of texts.entries()) readStateFile(text, { file: files[i] });
});
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
await timed('readStateFileNodeSha256', () => {
  for (const [i, text] of texts.entries()) readStateFile(text, { file: files[i], sha256 });
});
// Each state parsed when the merge takes it, then let go (from texts, as the command did before).
await timed('readStateFileAndMergeStates', () =>
  mergeStates({
    survey,
    states: (function* () {
      for (const [i, text] of texts.entries())
        yield { file: files[i], state: readStateFile(text, { file: files[i], sha256 }) };
    })(),
  }),
);
// As the command does it now: the files read as bytes, hashed as they are, decoded once to parse.
const bytes = await timed('readFilesAsBytes', () => Promise.all(files.map((f) => readFile(f))));
const sha256OfBytes = (b) => createHash('sha256').update(b).digest('hex');
await timed('readStateFileBytesNodeSha256', () => {
  for (const [i, b] of bytes.entries()) readStateFile(b, { file: files[i], sha256OfBytes });
});
await timed('readStateFileBytesAndMergeStates', () =>
  mergeStates({
    survey,
    states: (function* () {
      for (const [i, b] of bytes.entries())
        yield { file: files[i], state: readStateFile(b, { file: files[i], sha256OfBytes }) };
    })(),
  }),
);
const code = await timed('kizukiMerge', () =>
  runCli(['merge', ...files, '--out', join(dir, 'national.json')], {
    stdout: { write: () => true },
    stderr: process.stderr,
    cwd: dir,
  }),
);
// A peer in the same run: another build of the command (e.g. main's, bundled with esbuild), given as
// KIZUKI_BASELINE_CLI=/path/to/cli.mjs.
if (process.env.KIZUKI_BASELINE_CLI) {
  const baseline = await import(process.env.KIZUKI_BASELINE_CLI);
  await timed('baselineKizukiMerge', () =>
    baseline.runCli(['merge', ...files, '--out', join(dir, 'baseline.json')], {
      stdout: { write: () => true },
      stderr: process.stderr,
      cwd: dir,
    }),
  );
}
process.stderr.write(
  `${JSON.stringify({ code, files: files.length, bytesEach: readFileSync(files[0]).length, ms: times, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
);
rmSync(dir, { recursive: true, force: true });
process.exitCode = code;
