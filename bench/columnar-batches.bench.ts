// Whether a columnar CSV path could tally its rows through addColumns() in file order (issue #16
// item 6; findings in docs/performance.md, "The columnar path: why it is not built"). The same
// 200,000 responses of bench/scoring.worker.ts (40 items, sex × 5 age bands) added as objects with
// add(), as columns in blocks of 1,024 rows, and as columns in runs of 1–3 rows (mean 2): the runs
// a path limited to scalar answers would get on the bench CSV, where it must flush its columns
// before each row that takes the full path so that the state stays identical.
// Run: npx vitest bench --run bench/columnar-batches.bench.ts
//
// Bundled with esbuild and imported natively, as in bench/scoring.bench.ts (bench/importBundled.ts).
import { afterAll, bench, describe } from 'vitest';
import { importBundled } from './importBundled.js';

const lib = await importBundled<typeof import('./scoring.worker.js')>(
  new URL('./scoring.worker.ts', import.meta.url),
  'columnar',
);
const { BY, ITEMS, benchSurvey, createAggregator, responsePool } = lib.module;

const ROWS = 200_000;
const options = { time: 0, iterations: 5, warmupTime: 0, warmupIterations: 1 };
const survey = benchSurvey();
const pool = responsePool(survey, ROWS, 1);
const keys = [...BY, ...Array.from({ length: ITEMS }, (_, i) => `i${i}`)];
const columns: Record<string, Float64Array> = Object.fromEntries(
  keys.map((k) => [k, new Float64Array(ROWS).fill(Number.NaN)]),
);
pool.forEach((r, row) => {
  for (const [k, v] of Object.entries(r.answers)) columns[k]![row] = v as number;
});
// Run lengths 1, 2, 3, 2, 1, 2, 3, 2, … (mean 2), fixed so that every run measures the same work.
const runs: number[] = [];
for (let at = 0, i = 0; at < ROWS; i++) {
  const length = Math.min([1, 2, 3, 2][i % 4]!, ROWS - at);
  runs.push(length);
  at += length;
}
// Views of the columns for each run, made once: the bench measures addColumns(), not subarray().
const runColumns = (length: number, start: number) =>
  Object.fromEntries(keys.map((k) => [k, columns[k]!.subarray(start, start + length)]));
const runBatches = (() => {
  let start = 0;
  return runs.map((length) => {
    const batch = { rows: length, columns: runColumns(length, start) };
    start += length;
    return batch;
  });
})();

afterAll(lib.dispose);

describe(`addColumns() in short runs: ${ROWS.toLocaleString('en')} responses × ${ITEMS} items by sex × 5 age bands`, () => {
  bench(
    'add() of response objects',
    () => {
      const agg = createAggregator(survey, { by: BY });
      for (const response of pool) agg.add(response);
    },
    options,
  );
  bench(
    'addColumns() in blocks of 1,024 rows',
    () => {
      const agg = createAggregator(survey, { by: BY });
      for (let start = 0; start < ROWS; start += 1024) {
        const length = Math.min(1024, ROWS - start);
        agg.addColumns({ rows: length, columns: runColumns(length, start) });
      }
    },
    options,
  );
  bench(
    'addColumns() in runs of 1–3 rows (mean 2)',
    () => {
      const agg = createAggregator(survey, { by: BY });
      for (const batch of runBatches) agg.addColumns(batch);
    },
    options,
  );
});
