// Regenerates the screenshots in docs/images from the demo's report and questionnaire, in Japanese
// and English. Needs `npm run build` and Debian's chromium: `node scripts/doc-images.mjs`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'kizuki-doc-images-'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });

/** Screenshots the `index`-th element matching `selector`, with a margin, cut at `maxHeight`. */
async function shot(file, out, selector, { index = 0, maxHeight } = {}) {
  const page = await browser.newPage({ viewport: { width: 900, height: 1000 }, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(file).href);
  const box = await page.locator(selector).nth(index).boundingBox();
  if (box === null) throw new Error(`${selector} is not shown in ${file}`);
  const height = Math.min(maxHeight ?? Number.POSITIVE_INFINITY, box.height + 24);
  const clip = {
    x: Math.max(0, box.x - 12),
    y: Math.max(0, box.y - 12),
    width: Math.min(900, box.width + 24),
    height,
  };
  await page.screenshot({ path: join(root, 'docs/images', out), clip, fullPage: true });
  await page.close();
}

try {
  for (const lang of ['ja', 'en']) {
    const dir = join(work, lang);
    const demo = spawnSync(process.execPath, [
      join(root, 'bin/kizuki.mjs'),
      'demo',
      '--out',
      dir,
      '--lang',
      lang,
    ]);
    if (demo.status !== 0) throw new Error(`kizuki demo failed: ${demo.stderr}`);
    const report = join(dir, 'report.html');
    const questionnaire = join(dir, 'questionnaire.html');
    await shot(report, `cli-${lang}-report-overview.png`, '#overview');
    await shot(report, `cli-${lang}-report-statements.png`, '#items figure.chart', { maxHeight: 700 });
    await shot(report, `cli-${lang}-report-gaps.png`, '#gaps figure.chart svg', { maxHeight: 560 });
    await shot(report, `cli-${lang}-report-benchmarks.png`, '#benchmarks figure.chart', { maxHeight: 900 });
    await shot(questionnaire, `cli-${lang}-questionnaire.png`, 'body', { maxHeight: 900 });
    await shot(questionnaire, `cli-${lang}-questionnaire-routing.png`, 'section', {
      index: 4,
      maxHeight: 1000,
    });
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
