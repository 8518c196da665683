import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { synthesiseResponses } from '../../src/cli/synthesiseResponses.js';
import { renderReport } from '../../src/report/index.js';
import { loadTemplate } from '../../src/schema/index.js';
import {
  checkPassRule,
  compareBenchmarks,
  createAggregator,
  readStateFile,
  stateAggregator,
  writeStateFile,
} from '../../src/scoring/index.js';
import { getTemplate } from '../../src/templates/index.js';
import { browserTestsRun, launchChromium } from '../helpers/chromium.js';
import { exampleReportInput } from './reportFixture.js';

// A report goes on a municipal website, which must meet JIS X 8341-3 (WCAG 2.x AA): axe finds no
// violation at a desktop and a phone width, the page never scrolls sideways, every chart has a text
// name and description and a data table, and it prints on A4 without anything cut off.
const repo = fileURLToPath(new URL('../../', import.meta.url));
const artefacts = join(repo, '.artefacts/browser/');
const axeSource = readFileSync(join(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * The built demo's report (ja): weighted, with "Who answered" and "What changed" since last year's
 * wave and its trend charts — every section a report can have at once.
 */
function demoReport(): string {
  const out = mkdtempSync(join(tmpdir(), 'kizuki-a11y-demo-'));
  try {
    const run = spawnSync(process.execPath, [join(repo, 'bin/kizuki.mjs'), 'demo', '--out', out], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`kizuki demo failed: ${run.stderr}`);
    return readFileSync(join(out, 'report.html'), 'utf8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The reports a municipality publishes: from responses (ja), from a state with peers (en), weighted (ja), with pass rules (ja), the demo's (ja). */
function reports(): [string, string][] {
  const survey = loadTemplate(getTemplate('bias-awareness-community')!);
  const aggregator = createAggregator(survey, { by: ['sex', 'age_band'] });
  for (const response of synthesiseResponses(survey, { n: 400, seed: 3 })) aggregator.add(response);
  const result = aggregator.result({ gaps: [{ by: 'sex', a: 1, b: 2 }] });
  const benchmarks = compareBenchmarks(survey, result);
  // From a state file with a high threshold, so that suppressed groups show.
  const state = readStateFile(writeStateFile(aggregator, { municipalities: ['A'] }), { file: 's.json' });
  const fromState = stateAggregator(state, { survey, file: 's.json' }).result({
    minGroupSize: 40,
    gaps: [{ by: 'sex', a: 1, b: 2 }],
    locale: 'en',
  });
  const peers = stateAggregator(state, { survey, file: 's.json' });
  const other = createAggregator(survey, { by: ['sex', 'age_band'] });
  for (const response of synthesiseResponses(survey, { n: 300, seed: 4 })) other.add(response);
  peers.merge(other);
  // With weights (design-based estimates): men weigh 2, everyone else 1.
  const weightedAgg = createAggregator(survey, { by: ['sex', 'age_band'], design: {} });
  for (const response of synthesiseResponses(survey, { n: 400, seed: 3 }))
    weightedAgg.add(response, response.answers.sex === 1 ? 2 : 1);
  const weighted = weightedAgg.result({ gaps: [{ by: 'sex', a: 1, b: 2 }] });
  const example = exampleReportInput();
  const passRules = (example.survey.template.passRules ?? []).map((r) =>
    checkPassRule(example.survey, example.result, { rule: r.id }),
  );
  return [
    ['a11y.responses.ja.html', renderReport({ survey, result, benchmarks })],
    [
      'a11y.state.en.html',
      renderReport({
        survey,
        result: fromState,
        locale: 'en',
        benchmarks: compareBenchmarks(survey, fromState, { locale: 'en' }),
        // With the peers section: this state against itself merged with another municipality.
        peers: { result: peers.result({ minGroupSize: 40 }), municipalities: 2, includedOwn: true },
      }),
    ],
    ['a11y.weighted.ja.html', renderReport({ survey, result: weighted })],
    ['a11y.example.ja.html', renderReport({ ...example, passRules })],
    ['a11y.demo.ja.html', demoReport()],
  ];
}

interface Layout {
  overflow: number;
  unreachableScrollers: string[];
  charts: { name: string; description: string; table: boolean }[];
}

// Page scripts go in as text: this project's TypeScript has no DOM types.
const LAYOUT = `(() => {
  const root = document.documentElement;
  const text = (ids) => (ids ?? '').split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
  return {
    overflow: root.scrollWidth - root.clientWidth,
    unreachableScrollers: [...document.querySelectorAll('body *')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
      .filter((e) => !(e.tabIndex === 0 && e.getAttribute('role') === 'region' && (e.getAttribute('aria-label') ?? '') !== ''))
      .map((e) => e.outerHTML.slice(0, 80)),
    charts: [...document.querySelectorAll('svg')].map((svg) => {
      const [title, description] = (svg.getAttribute('aria-labelledby') ?? '').split(/\\s+/);
      return {
        name: svg.getAttribute('role') === 'img' ? text(title) : '',
        description: text(svg.getAttribute('aria-describedby') ?? description),
        table: svg.closest('figure')?.querySelector('table') !== null,
      };
    }),
  };
})()`;

describe.runIf(browserTestsRun)('a report a municipality can publish', () => {
  it('has no axe violations (WCAG 2.2 AA) at 1280 and 320 px, reflows, names its charts, and prints on A4', {
    timeout: 300_000,
  }, async () => {
    mkdirSync(artefacts, { recursive: true });
    const browser = await launchChromium();
    try {
      for (const [name, html] of reports()) {
        writeFileSync(join(artefacts, name), html);
        const url = pathToFileURL(join(artefacts, name)).href;
        for (const width of [1280, 320]) {
          const page = await browser.newPage({ viewport: { width, height: 900 } });
          await page.goto(url, { waitUntil: 'load' });
          await page.evaluate(axeSource);
          const violations = (await page.evaluate(
            `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } })
              .then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html.slice(0, 80)).join(' | ')))`,
          )) as string[];
          expect(violations, `${name} at ${width} px`).toEqual([]);
          const layout = (await page.evaluate(LAYOUT)) as Layout;
          expect(layout.overflow, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
          expect(layout.unreachableScrollers, `${name} at ${width} px`).toEqual([]);
          expect(layout.charts.length, name).toBeGreaterThan(0);
          for (const chart of layout.charts) {
            expect(chart.name, name).not.toBe('');
            expect(chart.description, name).not.toBe('');
            expect(chart.table, `${name}: ${chart.name}`).toBe(true);
          }
          if (width === 320)
            await page.screenshot({ path: join(artefacts, name.replace('.html', '.320.png')) });
          await page.close();
        }
        // Print: at the width of an A4 page inside its margins (210 mm − 2 × 13 mm = 184 mm ≈ 695 px),
        // nothing reaches past the page edge; the PDF's pages are A4 (595 × 842 pt).
        const print = await browser.newPage({ viewport: { width: 695, height: 1000 } });
        await print.goto(url, { waitUntil: 'load' });
        await print.emulateMedia({ media: 'print' });
        const outside = (await print.evaluate(
          `[...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map((e) => e.outerHTML.slice(0, 80))`,
        )) as string[];
        expect(outside, `${name} in print`).toEqual([]);
        const pdf = await print.pdf({ format: 'A4', printBackground: true });
        const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
        expect(boxes.length, name).toBeGreaterThan(1);
        for (const [, w, h] of boxes) {
          expect(Math.abs(Number(w) - 595.3), name).toBeLessThan(2);
          expect(Math.abs(Number(h) - 841.9), name).toBeLessThan(2);
        }
        writeFileSync(join(artefacts, name.replace('.html', '.pdf')), pdf);
        await print.close();
      }
    } finally {
      await browser.close();
    }
  });
});
