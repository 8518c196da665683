import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, bench, describe } from 'vitest';
import { loadTemplate } from '../src/schema/index.js';
import { launchChromium } from '../test/helpers/chromium.js';
import { generateTemplate, toSurveyJs } from '../test/helpers/generateTemplate.js';
import { STRICT_CSP, serveStatic } from '../test/helpers/staticServer.js';

/**
 * Render speed of kizuki/ui in Chromium on the generated 1,000-question survey (20 pages of 50):
 * a page change and an answer update of <kizuki-survey>, DOM and layout included, beside the
 * headless engines — kizuki/engine and SurveyJS's survey-core 3.1.1 — in the same page and run.
 * survey-core's own UI (survey-js-ui) cannot be installed beside survey-core 3.1.1: its latest
 * release, 2.5.38, requires survey-core 2.5.38. Each operation is timed inside the page with
 * performance.now(); the table printed first is the result (the bench rows add a DevTools round trip).
 */
const root = new URL('..', import.meta.url).pathname;
const dir = await mkdtemp(join(tmpdir(), 'kizuki-ui-bench-'));
const template = generateTemplate({ questions: 1_000, chained: true });
await build({
  entryPoints: [join(root, 'bench/ui-render/page.ts')],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outfile: join(dir, 'main.js'),
  logLevel: 'silent',
});
await copyFile(join(root, 'bench/ui-render/index.html'), join(dir, 'index.html'));
await writeFile(join(dir, 'survey.json'), JSON.stringify(loadTemplate(template)));
await writeFile(join(dir, 'surveyjs.json'), JSON.stringify(toSurveyJs(template)));
const server = await serveStatic({ dir, csp: STRICT_CSP });
const browser = await launchChromium();
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await page.goto(server.url);
// A function, not a string: a string predicate is evaluated with eval, which the page's CSP refuses.
await page.waitForFunction(() => '__bench' in window, null, { timeout: 60_000 });
const names = await page.evaluate<string[]>('window.__bench.names');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results = new Map<string, number>();
for (const name of names) {
  // Even batches: every sample goes forth and back (or sets 1 and 4) equally often.
  const [samples, batch] = name.startsWith('kizuki/ui') ? [60, 2] : [40, 20];
  const run = ([n, s, b]: readonly [string, number, number]) =>
    (window as never as Bench).__bench.run(n, s, b);
  await page.evaluate(run, [name, 5, batch] as const); // warm-up
  const times = await page.evaluate(run, [name, samples, batch] as const);
  results.set(name, median(times));
}
const ratio = (a: string, b: string) => (results.get(a)! / results.get(b)!).toPrecision(2);
console.log(
  [
    'median ms per operation, in Chromium (1,000 questions, 50 per page):',
    ...[...results].map(([name, ms]) => `  ${name.padEnd(42)} ${ms.toFixed(4)}`),
    `  kizuki/ui page change / survey-core headless page change: ${ratio('kizuki/ui page change', 'survey-core page change (headless)')}×`,
    `  kizuki/ui answer update / survey-core headless answer update: ${ratio('kizuki/ui answer update', 'survey-core answer update (headless)')}×`,
    `  kizuki/engine / survey-core, headless page change: ${ratio('kizuki/engine page change (headless)', 'survey-core page change (headless)')}×, answer update: ${ratio('kizuki/engine answer update (headless)', 'survey-core answer update (headless)')}×`,
  ].join('\n'),
);

interface Bench {
  __bench: { run(name: string, n: number, batch: number): number[] };
}

afterAll(async () => {
  await browser.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('1,000-question survey in Chromium (10 operations per sample, with a DevTools round trip)', () => {
  for (const name of names)
    bench(name, async () => {
      await page.evaluate(([n]) => (window as never as Bench).__bench.run(n, 1, 10), [name] as const);
    });
});
