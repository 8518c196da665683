// 1,000,000 synthetic responses × 40 items, grouped by sex × 5 age bands: on one core (objects and
// typed columns) and split over a pool of worker threads whose states are merged at the end.
// Run: npx vitest bench --run bench/scoring.bench.ts   (numbers: docs/performance.md)
//
// The code measured is an esbuild bundle of src/scoring (as tsup ships it), imported natively
// (bench/importBundled.ts says why).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { afterAll, bench, describe } from 'vitest';
import type { AggregateState } from '../src/scoring/index.js';
import { importBundled } from './importBundled.js';

const bundle = await importBundled<typeof import('./scoring.worker.js')>(
  new URL('./scoring.worker.ts', import.meta.url),
  'scoring',
);
const lib = bundle.module;
const { BY, ITEMS, aggregatorFromJSON, benchSurvey, createAggregator, responsePool } = lib;

const RESPONSES = 1_000_000;
const POOL = 250_000;
const WORKERS = Math.max(2, Math.min(4, availableParallelism()));
const options = { time: 0, iterations: 3, warmupTime: 0, warmupIterations: 1 };

const survey = benchSurvey();
// A pool of distinct responses, cycled to make a million adds: add() keeps nothing per response,
// so a reused object costs what a new one would (the pool is far larger than any CPU cache).
const pool = responsePool(survey, POOL, 1);
const rssAfterData = process.memoryUsage().rss;

const keys = ['sex', 'age_band', ...Array.from({ length: ITEMS }, (_, i) => `i${i}`)];
const columns: Record<string, Float64Array> = Object.fromEntries(
  keys.map((k) => [k, new Float64Array(POOL).fill(Number.NaN)]),
);
pool.forEach((r, row) => {
  for (const [k, v] of Object.entries(r.answers)) columns[k]![row] = v as number;
});

// Every bench response has an age band, so it can serve as the stratum.
const WEIGHTED_DESIGN = { strata: 'age_band' };
// Unequal weights (0.5 to 2.25), as after nonresponse adjustment.
const weights = Float64Array.from({ length: POOL }, (_, i) => 0.5 + (i % 8) / 4);

const workers = Array.from(
  { length: WORKERS },
  (_, i) =>
    new Worker(bundle.path, {
      workerData: {
        role: 'kizuki-scoring-shard',
        survey,
        poolSize: Math.ceil(POOL / WORKERS),
        seed: 100 + i,
      },
    }),
);
await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));

// Wall time and process CPU time (all threads; the idle workers add next to nothing to single-core runs).
const timings: Record<string, Array<{ wall: number; cpu: number }>> = {};
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const record = (name: string, wall: number, cpu: number) => {
  timings[name] = [...(timings[name] ?? []), { wall, cpu }];
};
const timed = <T>(name: string, run: () => T): T => {
  const wall = performance.now();
  const cpu = cpuNow();
  const value = run();
  record(name, performance.now() - wall, cpuNow() - cpu);
  return value;
};

function shardStates(): Promise<Array<{ state: AggregateState }>> {
  const perWorker = Math.ceil(RESPONSES / WORKERS);
  return Promise.all(
    workers.map(
      (w, i) =>
        new Promise<{ state: AggregateState }>((resolve) => {
          w.once('message', resolve);
          w.postMessage({ type: 'run', count: Math.min(perWorker, RESPONSES - i * perWorker) });
        }),
    ),
  );
}

describe(`scoring: ${RESPONSES.toLocaleString('en')} responses × ${ITEMS} items by sex × 5 age bands`, () => {
  bench(
    'reference loop: 1e8 floating-point additions (machine speed, for ratios)',
    () => {
      timed('reference', () => {
        const a = columns.i0!;
        let s = 0;
        for (let k = 0; k < 400; k++) for (let i = 0; i < a.length; i++) s += a[i]!;
        return s;
      });
    },
    options,
  );

  bench(
    'one core: add() of response objects, then result()',
    () => {
      const agg = createAggregator(survey, { by: BY });
      timed('objects', () => {
        for (let n = 0; n < RESPONSES; n++) agg.add(pool[n % POOL]!);
      });
      timed('result', () => agg.result());
    },
    options,
  );

  // Weighted: strata by age band (5), a weight per response; the same responses as above.
  bench(
    'one core: weighted add() of response objects (5 strata), then result()',
    () => {
      const agg = createAggregator(survey, { by: BY, design: WEIGHTED_DESIGN });
      timed('weighted objects', () => {
        for (let n = 0; n < RESPONSES; n++) agg.add(pool[n % POOL]!, weights[n % POOL]!);
      });
      timed('weighted result', () => agg.result());
    },
    options,
  );

  bench(
    'one core: weighted addColumns() of Float64Array columns',
    () => {
      const agg = createAggregator(survey, { by: BY, design: WEIGHTED_DESIGN });
      timed('weighted columns', () => {
        for (let done = 0; done < RESPONSES; done += POOL)
          agg.addColumns({ rows: Math.min(POOL, RESPONSES - done), columns, weights });
      });
    },
    options,
  );

  bench(
    'one core: addColumns() of Float64Array columns',
    () => {
      const agg = createAggregator(survey, { by: BY });
      timed('columns', () => {
        for (let done = 0; done < RESPONSES; done += POOL)
          agg.addColumns({ rows: Math.min(POOL, RESPONSES - done), columns });
      });
    },
    options,
  );

  bench(
    `worker pool: ${WORKERS} shards of add(), toJSON() states merged, then result()`,
    async () => {
      const wall = performance.now();
      const cpu = cpuNow();
      const shards = await shardStates();
      const merged = timed('merge', () => {
        const target = aggregatorFromJSON(survey, shards[0]!.state);
        for (const shard of shards.slice(1)) target.merge(shard.state);
        target.result();
        return target;
      });
      record('pool', performance.now() - wall, cpuNow() - cpu);
      if (merged.responses !== RESPONSES) throw new Error(`merged ${merged.responses} responses`);
    },
    options,
  );
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.terminate()));
  bundle.dispose();
  const best = (name: string, key: 'wall' | 'cpu') => Math.min(...(timings[name] ?? []).map((t) => t[key]));
  const both = (name: string) =>
    `${best(name, 'wall').toFixed(0)} ms wall, ${best(name, 'cpu').toFixed(0)} ms CPU`;
  const ratio = (name: string) => (best(name, 'cpu') / best('reference', 'cpu')).toFixed(1);
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
  const single = best('objects', 'wall') + best('result', 'wall');
  const lines = [
    `reference loop (1e8 adds): ${both('reference')}`,
    `one core, add() objects: ${both('objects')} (CPU ${ratio('objects')} × reference); result(): ${both('result')}`,
    `one core, addColumns(): ${both('columns')} (CPU ${ratio('columns')} × reference)`,
    `weighted (5 strata), add() objects: ${both('weighted objects')} (${(best('weighted objects', 'cpu') / best('objects', 'cpu')).toFixed(2)} × unweighted CPU); result(): ${both('weighted result')}`,
    `weighted (5 strata), addColumns(): ${both('weighted columns')} (${(best('weighted columns', 'cpu') / best('columns', 'cpu')).toFixed(2)} × unweighted CPU)`,
    `worker pool (${WORKERS} shards): ${both('pool')} (CPU of all threads) incl. merge + result (${both('merge')}); wall speed-up over one core: ${(single / best('pool', 'wall')).toFixed(2)}×`,
    `memory: rss after generating the ${POOL.toLocaleString('en')}-response pool ${mb(rssAfterData)}; peak rss of the process (all threads) ${mb(process.resourceUsage().maxRSS * 1024)}; one aggregate state as JSON ${(JSON.stringify(createAggregator(survey, { by: BY }).toJSON()).length / 1e3).toFixed(0)} kB`,
    `(best of ${options.iterations} runs each)`,
  ];
  console.log(`\n${lines.join('\n')}`);
});
