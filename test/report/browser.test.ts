import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { synthesiseResponses } from '../../src/cli/synthesiseResponses.js';
import { renderQuestionnaire, renderReport } from '../../src/report/index.js';
import { loadTemplate } from '../../src/schema/index.js';
import { checkPassRule, compareBenchmarks, createAggregator } from '../../src/scoring/index.js';
import { getTemplate } from '../../src/templates/index.js';
import { browserTestsRun, launchChromium } from '../helpers/chromium.js';
import { exampleReportInput } from './reportFixture.js';

const artefacts = fileURLToPath(new URL('../../.artefacts/browser/', import.meta.url));

/** The documents a municipality would open: the community survey's report and questionnaire, and the sampler's report. */
function writeDocuments(): string[] {
  mkdirSync(artefacts, { recursive: true });
  const survey = loadTemplate(getTemplate('bias-awareness-community')!);
  const aggregator = createAggregator(survey, { by: ['sex', 'age_band'] });
  for (const response of synthesiseResponses(survey, { n: 600, seed: 1 })) aggregator.add(response);
  const result = aggregator.result({ gaps: [{ by: 'sex', a: 1, b: 2 }] });
  const files: [string, string][] = [
    ['report.html', renderReport({ survey, result, benchmarks: compareBenchmarks(survey, result) })],
    [
      'report.en.html',
      renderReport({ survey, result, locale: 'en', benchmarks: compareBenchmarks(survey, result) }),
    ],
    ['questionnaire.html', renderQuestionnaire({ survey })],
    [
      'questionnaire.example.en.html',
      renderQuestionnaire({ survey: loadTemplate(getTemplate('example-all-features')!), locale: 'en' }),
    ],
  ];
  const example = exampleReportInput();
  const passRules = (example.survey.template.passRules ?? []).map((r) =>
    checkPassRule(example.survey, example.result, { rule: r.id }),
  );
  files.push(['report.example.html', renderReport({ ...example, passRules })]);
  for (const [name, html] of files) writeFileSync(`${artefacts}${name}`, html);
  return files.map(([name]) => name);
}

describe.runIf(browserTestsRun)('report and questionnaire in a real browser', () => {
  it('render without console errors or network requests, print on A4, and leave screenshots', {
    timeout: 180_000,
  }, async () => {
    const names = writeDocuments();
    const browser = await launchChromium();
    try {
      for (const name of names) {
        const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
        const problems: string[] = [];
        const requests: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error' || message.type() === 'warning')
            problems.push(`${message.type()}: ${message.text()}`);
        });
        page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
        page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
        page.on('request', (request) => requests.push(request.url()));
        const url = pathToFileURL(`${artefacts}${name}`).href;
        await page.goto(url, { waitUntil: 'load' });
        expect(problems, name).toEqual([]);
        expect(requests, name).toEqual([url]);
        // Charts are laid out with a real size, and nothing spills sideways at a phone-to-A4 width.
        // Page scripts go in as text: this project's TypeScript has no DOM types.
        const layout = (await page.evaluate(`({
            svgs: [...document.querySelectorAll('svg')].map((svg) => svg.getBoundingClientRect().width),
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          })`)) as { svgs: number[]; overflow: number };
        expect(
          layout.svgs.every((w) => w > 300),
          name,
        ).toBe(true);
        expect(layout.overflow, name).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${artefacts}${name.replace('.html', '')}.png`, fullPage: true });
        const pdf = await page.pdf({ format: 'A4', printBackground: true });
        expect(pdf.subarray(0, 5).toString(), name).toBe('%PDF-');
        writeFileSync(`${artefacts}${name.replace('.html', '')}.pdf`, pdf);
        await page.close();
      }
      // A wide screen puts each chart's table beside it.
      const wide = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
      await wide.goto(pathToFileURL(`${artefacts}report.html`).href);
      const beside = await wide.evaluate(`(() => {
          const figure = document.querySelector('figure.chart');
          const svg = figure.querySelector('svg').getBoundingClientRect();
          const table = figure.querySelector('table').getBoundingClientRect();
          return table.left >= svg.right;
        })()`);
      expect(beside).toBe(true);
      await wide.screenshot({ path: `${artefacts}report-wide.png` });
      await wide.close();
    } finally {
      await browser.close();
    }
  });
});
