// Times merging 1,741 state files (one per municipality in Japan): the library's steps one by one
// (reading the files, readStateFile = JSON.parse + checksum, mergeStates = checks + merge), then the
// built `kizuki merge` on the same files. The files are made from one real state by changing one
// count per copy (so no two tallies are equal) and re-sealed with writeStateFile.
// Usage: node bench/merge-states.mjs STATE.json [N] (a state from `kizuki aggregate`; `npm run build` first).
// The command (and the peer's, KIZUKI_BASELINE_CLI) runs in a fresh process each time, the two
// alternating, three times each: in one process the second command ran with the first one's heap
// and caches, which made either look faster depending on the order.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Child mode: `--run-cli CLI OUT FILE...` runs one `kizuki merge` and prints its wall and CPU
// milliseconds (after the module is loaded) and the process's peak RSS.
if (process.argv[2] === '--run-cli') {
  const [cli, out, ...states] = process.argv.slice(3);
  const { runCli } = await import(cli);
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const code = await runCli(['merge', ...states, '--out', out], {
    stdout: { write: () => true },
    stderr: process.stderr,
    cwd: process.cwd(),
  });
  const used = process.cpuUsage(cpu);
  process.stdout.write(
    JSON.stringify({
      code,
      wall: Math.round(performance.now() - wall),
      cpu: Math.round((used.user + used.system) / 1000),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
  process.exit(0);
}

const { loadTemplate } = await import('../dist/schema.js');
const { mergeStates, readStateFile, writeStateFile } = await import('../dist/scoring.js');
const { getTemplate } = await import('../dist/templates.js');
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
// Each state read from disk just before it is parsed, as the command does now.
await timed('readEachFileThenStateAndMergeStates', () =>
  mergeStates({
    survey,
    states: (function* () {
      for (const file of files)
        yield { file, state: readStateFile(readFileSync(file), { file, sha256OfBytes }) };
    })(),
  }),
);
const clis = { kizukiMerge: fileURLToPath(new URL('../dist/cli.js', import.meta.url)) };
if (process.env.KIZUKI_BASELINE_CLI) clis.baselineKizukiMerge = process.env.KIZUKI_BASELINE_CLI;
const runs = Object.fromEntries(Object.keys(clis).map((name) => [name, []]));
let code = 0;
for (let round = 0; round < 3; round++) {
  for (const [name, cli] of Object.entries(clis)) {
    const out = join(dir, `${name}.json`);
    const run = JSON.parse(
      execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--run-cli', cli, out, ...files], {
        cwd: dir,
        maxBuffer: 1 << 20,
      }).toString(),
    );
    code ||= run.code;
    runs[name].push(run);
  }
}
// Both commands wrote the same merged state.
const identical =
  !clis.baselineKizukiMerge ||
  readFileSync(join(dir, 'kizukiMerge.json')).equals(readFileSync(join(dir, 'baselineKizukiMerge.json')));
process.stderr.write(
  `${JSON.stringify({ code, identical, files: files.length, bytesEach: readFileSync(files[0]).length, ms: times, commandRuns: runs, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
);
rmSync(dir, { recursive: true, force: true });
process.exitCode = code;
