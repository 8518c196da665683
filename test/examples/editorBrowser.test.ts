import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workbookToTemplate } from '../../src/io/workbook/index.js';
import { hashTemplate, type Template } from '../../src/schema/index.js';
import { getTemplate } from '../../src/templates/index.js';
import { browserTestsRun, launchChromium, pageProblems, WATCH_CSP_VIOLATIONS } from '../helpers/chromium.js';
import { STRICT_CSP, type StaticServer, serveStatic } from '../helpers/staticServer.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const artefacts = join(repo, '.artefacts', 'editor');

describe.runIf(browserTestsRun)('the template editor in Chromium, under the strict CSP', () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[] = [];

  beforeAll(async () => {
    dir = resolve(await mkdtemp(join(tmpdir(), 'kizuki-editor-')));
    await build({
      configFile: join(repo, 'examples/editor/vite.config.ts'),
      build: { outDir: dir, emptyOutDir: true },
      logLevel: 'error',
    });
    server = await serveStatic({ dir, csp: STRICT_CSP });
    browser = await launchChromium();
    const context = await browser.newContext({
      locale: 'ja-JP',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    await context.addInitScript({ content: WATCH_CSP_VIOLATIONS });
    page = await context.newPage();
    consoleProblems = pageProblems(page);
    mkdirSync(artefacts, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: join(artefacts, `${name}.png`), fullPage: true });
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

  /** Presses Tab (or Shift+Tab) until the element with this id has focus. */
  async function tabTo(id: string, backwards = false): Promise<void> {
    for (let i = 0; i < 200; i++) {
      if ((await focusedId()) === id) return;
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`Tab never reached #${id}`);
  }

  async function violations(): Promise<string[]> {
    // axe is evaluated through the DevTools protocol: the page keeps its policy.
    if (!(await page.evaluate('typeof axe !== "undefined"'))) {
      await page.evaluate(readFileSync(join(repo, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    }
    return page.evaluate<string[]>(
      `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } })
        .then((r) => r.violations.map((v) => v.id + ': ' + JSON.stringify(v.nodes.map((n) => n.target))))`,
    );
  }

  const outcome = (kind: string) => page.locator(`#outcome[data-kind="${kind}"]`).waitFor();
  const resultHash = async () => (await page.locator('#result-hash').textContent())!;

  /** Clicks a download button by keyboard-free click and returns the file's bytes. */
  async function download(id: string): Promise<{ bytes: Buffer; path: string; name: string }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`#${id}`).click()]);
    const path = (await file.path())!;
    return { bytes: readFileSync(path), path, name: file.suggestedFilename() };
  }

  it('opens, edits by keyboard, shows the form, paper and change report, and round-trips JSON and workbook', async () => {
    const base = getTemplate('example-all-features')! as Template;
    await page.goto(server.url);
    await page.waitForSelector('#builtin');

    // Open a built-in template by keyboard.
    await tabTo('builtin');
    await page.selectOption('#builtin', 'example-all-features');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('open-builtin');
    await page.keyboard.press('Enter');
    await outcome('unchanged');
    expect(await resultHash()).toBe(hashTemplate(base));
    expect(await page.locator('kizuki-survey h3').first().textContent()).toBe('あなたについて');

    // Change a label by keyboard only: Tab to the field, select its text, type.
    await tabTo('f-label-age-ja');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('満年齢を教えてください');
    await outcome('customised');
    await page.locator('kizuki-survey', { hasText: '満年齢を教えてください' }).waitFor();
    await page.locator('#report', { hasText: '満年齢を教えてください' }).waitFor();
    // The paper follows too.
    await page.locator('#paper .paper', { hasText: '満年齢を教えてください' }).waitFor();

    // Declared editorial, by keyboard: the question keeps its id and stays comparable.
    await tabTo('e-age');
    await page.keyboard.press('Space');
    await page.locator('#report li', { hasText: '表記の修正として宣言済み' }).waitFor();
    expect(await page.locator('#report').textContent()).not.toContain('age_m1');

    // Remove a question by keyboard: Tab to its remove button and press Enter.
    await tabTo('q-remove-email', true);
    await page.keyboard.press('Enter');
    await page.locator('#report li', { hasText: /削除: 質問 email/ }).waitFor();
    expect(await page.locator('#f-label-email-ja').count()).toBe(0);
    expect(await page.locator('kizuki-survey #kz-email-input').count()).toBe(0);

    // Add a question after "children" and word it.
    await page.locator('#add-after-children').click();
    expect(await focusedId()).toBe('f-label-q_new1-ja'); // ready to type
    await page.locator('#f-label-q_new1-ja').fill('町内会に入っていますか');
    await page.locator('#report li', { hasText: /追加: 質問 q_new1/ }).waitFor();
    await page.locator('kizuki-survey', { hasText: '町内会に入っていますか' }).waitFor();

    // A condition with a mistake: the checker's message sits under the field, tied by aria-describedby.
    await page.locator('#c-q_new1').fill('agee >= 18');
    const condition = page.locator('#c-q_new1');
    await page.locator('#c-q_new1-messages .error', { hasText: 'agee' }).waitFor();
    expect(await condition.getAttribute('aria-invalid')).toBe('true');
    expect(await condition.getAttribute('aria-describedby')).toContain('c-q_new1-messages');
    await outcome('invalid');
    expect(await page.locator('#download-json').isDisabled()).toBe(true);
    // Accessible with an error showing, at 1280 and at 320 pixels, with no sideways page scroll on a phone.
    expect(await violations()).toEqual([]);
    await shot('1-edited-1280');
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await violations()).toEqual([]);
    await shot('2-edited-320');
    await page.setViewportSize({ width: 1280, height: 900 });
    await condition.fill('age >= 18');
    expect(await condition.getAttribute('aria-invalid')).toBe('false');
    await outcome('customised');

    // Undo and redo, with the keys: adding an option, taking it back, putting it back.
    const sexOptions = () => page.locator('[id^="f-option-sex-"][id$="-ja"]').count();
    const before = await sexOptions();
    await page.locator('#add-o-sex').click();
    expect(await sexOptions()).toBe(before + 1);
    await page.keyboard.press('Control+Z');
    expect(await sexOptions()).toBe(before);
    await page.keyboard.press('Control+Y');
    expect(await sexOptions()).toBe(before + 1);
    await page.locator('#undo').click();
    expect(await sexOptions()).toBe(before);
    await outcome('customised');

    // Download the JSON: it is the result shown, and re-imported it is the same template.
    const edited = await resultHash();
    const json = await download('download-json');
    expect(json.name).toBe('example-all-features-custom-1.0.0.json');
    const saved = JSON.parse(json.bytes.toString('utf8')) as Template;
    expect(hashTemplate(saved)).toBe(edited);
    expect(saved.derivedFrom?.id).toBe('example-all-features');
    await page.locator('#file').setInputFiles(json.path);
    await outcome('unchanged');
    expect(await resultHash()).toBe(edited);

    // The workbook too: read back in Node and in the page, the same template.
    const workbook = await download('download-xlsx');
    expect(workbook.name).toBe('example-all-features-custom-1.0.0.xlsx');
    const read = workbookToTemplate(new Uint8Array(workbook.bytes));
    expect(read.success && hashTemplate(read.template)).toBe(edited);
    await page.locator('#file').setInputFiles({
      name: workbook.name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook.bytes,
    });
    await page.locator('.opened', { hasText: workbook.name }).waitFor();
    await outcome('unchanged');
    expect(await resultHash()).toBe(edited);

    // XLSForm and the paper download as well.
    const xlsform = await download('download-xlsform');
    expect(xlsform.bytes.subarray(0, 2).toString()).toBe('PK');
    // What XLSForm cannot carry is listed, not dropped silently.
    await page.locator('#download-notice', { hasText: 'XLSForm では表せないため含めなかったもの' }).waitFor();
    expect(await page.locator('#download-notice details li').count()).toBeGreaterThan(0);
    const paper = await download('download-paper');
    expect(paper.bytes.toString('utf8')).toContain('町内会に入っていますか');

    // A broken file is refused with its problems listed.
    await page.locator('#file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"id": "Bad Id", "sections": []}'),
    });
    await page.locator('#open-issues', { hasText: 'broken.json' }).waitFor();
    await page.locator('#file').setInputFiles({
      name: 'deep.json',
      mimeType: 'application/json',
      buffer: Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`),
    });
    await page.locator('#open-issues', { hasText: 'JSON の入れ子が深すぎます' }).waitFor();

    // Reordering by keyboard: focus stays on the moved question's button; a move is no customisation.
    await page.locator('#q-up-children').focus();
    await page.keyboard.press('Enter');
    expect(await focusedId()).toBe('q-up-children');
    await outcome('standalone');
    await page.locator('#report li', { hasText: /移動: 質問 children/ }).waitFor();
    // At the top, the focus goes to its other move button.
    await page.keyboard.press('Enter');
    expect(await focusedId()).toBe('q-down-children');
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
    await outcome('unchanged');

    // The English switch.
    await page.locator('#lang-en').click();
    await page.locator('h1', { hasText: 'kizuki template editor' }).waitFor();
    expect(await violations()).toEqual([]);

    expect(await page.evaluate<string[]>('window.__violations')).toEqual([]);
    expect(consoleProblems).toEqual([]);
  }, 120_000);

  it('works opened from files, with no server (a classic script, no module or CORS request)', async () => {
    const local = await page.context().newPage();
    const problems = pageProblems(local);
    await local.goto(pathToFileURL(join(dir, 'index.html')).href);
    await local.locator('#open-builtin').click();
    await local.locator('#outcome[data-kind="unchanged"]').waitFor();
    await local.locator('kizuki-survey h3').first().waitFor();
    expect(problems).toEqual([]);
    await local.close();
  }, 60_000);
});
