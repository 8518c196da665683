// Raking 100,000 respondents to three margins (sex 2 × age band 6 × district 20), against R
// survey::rake on the same data, timed in the same run.
// Run: npx vitest bench --run bench/design.bench.ts   (numbers: docs/performance.md)
//
// Both stop at a relative tolerance of 1e-7: kizuki on the margins, R (epsilon = 1e-7, which R
// multiplies by Σw) on the change of the joint weighted table. R's time is rake() alone, median
// of 3 (bench/design-rake.R): start-up, loading and svydesign() are excluded.
// The code measured is an esbuild bundle of src/design, as in bench/scoring.bench.ts.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, bench, describe } from 'vitest';
import { importBundled } from './importBundled.js';

const bundle = await importBundled<typeof import('../src/design/index.js')>(
  new URL('../src/design/index.ts', import.meta.url),
  'design',
);
const { rake } = bundle.module;
const dir = bundle.dir;

// A seeded linear congruential stream: the same data every run.
let state = 12345;
const next = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return state / 4294967296;
};
const AGES = ['18-29', '30-39', '40-49', '50-59', '60-69', '70+'];
const DISTRICTS = Array.from({ length: 20 }, (_, i) => `d${String(i + 1).padStart(2, '0')}`);
const records = Array.from({ length: 100_000 }, () => ({
  sex: next() < 0.57 ? 'F' : 'M',
  age: AGES[Math.min(5, Math.floor(Math.sqrt(next()) * 6))]!,
  district: DISTRICTS[Math.floor(next() * 20)]!,
  w: 10 + next() * 30,
}));
const N = 2_000_000;
const spread = (levels: string[]) =>
  Object.fromEntries(levels.map((l, i) => [l, (N * (10 + i)) / levels.reduce((s, _, k) => s + 10 + k, 0)]));
const margins = [
  { variable: 'sex', totals: { F: 1_020_000, M: 980_000 } },
  { variable: 'age', totals: spread(AGES) },
  { variable: 'district', totals: spread(DISTRICTS) },
];

writeFileSync(
  join(dir, 'rake.csv'),
  `sex,age,district,w\n${records.map((r) => `${r.sex},${r.age},${r.district},${r.w}`).join('\n')}\n`,
);
for (const m of margins) {
  writeFileSync(
    join(dir, `pop-${m.variable}.csv`),
    `level,Freq\n${Object.entries(m.totals)
      .map(([k, v]) => `${k},${v}`)
      .join('\n')}\n`,
  );
}
const r = spawnSync(
  'Rscript',
  ['--vanilla', fileURLToPath(new URL('./design-rake.R', import.meta.url)), dir],
  { encoding: 'utf8' },
);
const rSeconds = r.status === 0 ? Number(r.stdout.trim()) : Number.NaN;
console.log(
  r.status === 0
    ? `R survey::rake, median of 3: ${(rSeconds * 1000).toFixed(1)} ms`
    : `R not run: ${r.stderr || r.error}`,
);

afterAll(bundle.dispose);

describe('raking 100,000 respondents to 2 × 6 × 20 margins', () => {
  bench(
    'kizuki rake (tolerance 1e-7)',
    () => {
      rake({ records, weight: 'w', margins, tolerance: 1e-7 });
    },
    { iterations: 20, warmupIterations: 5, time: 0 },
  );
});
