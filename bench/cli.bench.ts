import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { bench, describe } from 'vitest';
import { synthesiseResponses } from '../src/cli/synthesiseResponses.js';
import { responsesToCsv } from '../src/io/index.js';
import { loadTemplate } from '../src/schema/index.js';
import { getTemplate } from '../src/templates/index.js';

// `kizuki report` on a 1,000,000-row CSV of the residents' survey (44 questions, 73 columns), grouped
// by sex and age band. The CSV is made here (never committed): 2,000 distinct made-up responses
// from the engine, repeated with fresh respondent ids. Goals (issue #16): at most 5 s and 1 GB; with
// `--previous` of the same size at most twice the single report. The earlier wave is the same
// answers from other respondents a year before.
const ROWS = 1_000_000;
const root = fileURLToPath(new URL('..', import.meta.url));
const csv = join(tmpdir(), `kizuki-cli-bench-${ROWS}.csv`);
const previousCsv = join(tmpdir(), `kizuki-cli-bench-previous-${ROWS}.csv`);
const out = join(tmpdir(), 'kizuki-cli-bench-report.html');

async function writeBigCsv(path: string, wave: { idPrefix: string; year: string }): Promise<void> {
  if (existsSync(path) && statSync(path).size > 0) return;
  const survey = loadTemplate(getTemplate('bias-awareness-community')!);
  const lines = responsesToCsv(survey, synthesiseResponses(survey, { n: 2_000, seed: 1 })).split('\r\n');
  const header = lines[0]!;
  // Each row without its id (the first cell: generated ids never need quoting).
  const rows = lines
    .slice(1, -1)
    .map((line) => line.slice(line.indexOf(',')).replaceAll(',2026-', `,${wave.year}-`));
  const file = createWriteStream(path);
  const write = (text: string) =>
    file.write(text)
      ? Promise.resolve()
      : new Promise<void>((resolve) => file.once('drain', () => resolve()));
  await write(`\uFEFF${header}\r\n`);
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    chunk += `${wave.idPrefix}${i.toString(36).padStart(16, '0')}${rows[i % rows.length]}\r\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) =>
    file.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

/** Seconds of the last default single report, for the `--previous` ratio in the same run. */
let singleSeconds = Number.NaN;

function report(options: { jobs?: string; previous?: boolean } = {}): void {
  const args = ['report', 'bias-awareness-community', csv, '--by', 'sex,age_band', '--out', out];
  if (options.jobs !== undefined) args.push('--jobs', options.jobs);
  if (options.previous) args.push('--previous', previousCsv);
  const run = spawnSync(process.execPath, [join(root, 'bench/report-1m.mjs'), ...args], { encoding: 'utf8' });
  const last = run.stderr.trim().split('\n').pop() ?? '';
  if (run.status !== 0) throw new Error(`kizuki report failed (${run.status}): ${run.stderr}`);
  const { seconds } = JSON.parse(last) as { seconds: number };
  if (options.jobs === undefined && !options.previous) singleSeconds = seconds;
  const size = (statSync(csv).size / 1e6).toFixed(0);
  const ratio = options.previous ? `, ${(seconds / singleSeconds).toFixed(2)}× the single report` : '';
  console.log(
    `kizuki report${options.jobs === undefined ? '' : ` --jobs ${options.jobs}`}${options.previous ? ' --previous' : ''}, ${ROWS.toLocaleString('en')} rows (${size} MB): ${last}${ratio}`,
  );
}

await writeBigCsv(csv, { idPrefix: 'bench', year: '2026' });
await writeBigCsv(previousCsv, { idPrefix: 'prevw', year: '2025' });

describe(`kizuki report, ${ROWS.toLocaleString('en')}-row CSV (run npm run build first)`, () => {
  const once = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };
  bench('default: a worker thread per core (at most 4)', () => report(), once);
  bench('one thread', () => report({ jobs: '1' }), once);
  bench('with --previous of the same size (default threads)', () => report({ previous: true }), once);
  // The floor: the CSV parser alone on the same file, in chunks as the reader gets them.
  bench(
    'Papa Parse alone, one thread',
    async () => {
      let rows = 0;
      await new Promise<void>((resolve, reject) =>
        Papa.parse(createReadStream(csv, { encoding: 'utf8', highWaterMark: 1 << 20 }), {
          delimiter: ',',
          chunk: (result) => {
            rows += result.data.length;
          },
          complete: () => resolve(),
          error: reject,
        }),
      );
      if (rows !== ROWS + 1) throw new Error(`read ${rows} records`);
    },
    once,
  );
});
