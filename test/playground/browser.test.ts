import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRun, launchChromium, pageProblems, WATCH_CSP_VIOLATIONS } from '../helpers/chromium.js';
import { STRICT_CSP, type StaticServer, serveStatic } from '../helpers/staticServer.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const artefacts = join(repo, '.artefacts', 'playground');

describe.runIf(browserTestsRun)('the playground in Chromium, under the strict CSP', () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let url: string;
  let consoleProblems: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kizuki-playground-'));
    await build({
      configFile: join(repo, 'examples/playground/vite.config.ts'),
      build: { outDir: dir, emptyOutDir: true },
      logLevel: 'error',
    });
    dir = resolve(dir);
    server = await serveStatic({ dir, csp: STRICT_CSP });
    url = server.url;
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1000, height: 900 } });
    await context.addInitScript({ content: WATCH_CSP_VIOLATIONS });
    page = await context.newPage();
    consoleProblems = pageProblems(page);
    mkdirSync(artefacts, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: join(artefacts, `${name}.png`), fullPage: true });
  /** Whether the focused element — inside <kizuki-survey>'s shadow root too — matches, and has the text. */
  const focused = (selector: string, text?: string) =>
    page.evaluate(
      ([s, t]) => {
        let a: Element | null = document.activeElement;
        while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
        return a?.matches(s!) === true && (t === undefined || a.textContent?.trim() === t);
      },
      [selector, text] as const,
    );

  /** Presses Tab (or Shift+Tab) until the focused element matches `selector` (and has `text`). */
  async function tabTo(selector: string, backwards = false, text?: string): Promise<void> {
    for (let i = 0; i < 80; i++) {
      if (await focused(selector, text)) return;
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`Tab never reached ${selector} ${text ?? ''}`);
  }

  /** Chooses a radio button of a group by keyboard: Tab into the group, then arrows to the option. */
  async function chooseRadio(name: string, value: number): Promise<void> {
    await tabTo(`input[type=radio][name="${name}"]`);
    await page.keyboard.press('Space');
    for (let i = 0; i < 12 && !(await focused(`input[name="${name}"][value="${value}"]:checked`)); i++)
      await page.keyboard.press('ArrowDown');
    expect(await focused(`input[name="${name}"][value="${value}"]:checked`)).toBe(true);
  }

  async function typeInto(selector: string, text: string): Promise<void> {
    await tabTo(selector);
    await page.keyboard.type(text);
    await page.keyboard.press('Tab');
  }

  /** Presses a button of the form by keyboard, found by its text. */
  async function press(text: string): Promise<void> {
    await tabTo('button', false, text);
    await page.keyboard.press('Enter');
  }

  const visible = (id: string) => page.locator(`[id^="kz-${id}-"]`).first().isVisible();
  // The page title of the form, inside <kizuki-survey> (locators reach into its open shadow root).
  const title = () => page.locator('kizuki-survey h3').textContent();
  // Locators, not waitForFunction: a predicate given as a string is evaluated with eval in the page,
  // which this page's policy forbids.
  const waitForTitle = (text: string) =>
    page.locator('kizuki-survey h3', { hasText: new RegExp(`^${text}$`) }).waitFor();

  async function seriousViolations(): Promise<string[]> {
    // axe cannot come in by <script> under this policy (inline scripts are blocked), so it is
    // evaluated through the DevTools protocol, which CSP does not govern: the page keeps its policy.
    const source = readFileSync(join(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');
    await page.evaluate(source);
    const found = await page.evaluate<{ id: string; impact: string; nodes: { target: string[] }[] }[]>(
      `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
    );
    return found
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }

  it('is filled in by keyboard alone, with skip logic, resumed after a reload, and validated', async () => {
    await page.goto(url);
    await page.waitForSelector('#template-select');
    expect(await seriousViolations()).toEqual([]);
    await shot('1-setup');

    // Choose the feature sampler and start, by keyboard.
    await tabTo('#template-select');
    await page.selectOption('#template-select', 'example-all-features');
    await tabTo('#start');
    await page.keyboard.press('Enter');
    await waitForTitle('あなたについて');
    expect(await title()).toBe('あなたについて');

    // Next without the required answers is refused, and focus goes to the first error.
    await press('次へ');
    await page.waitForSelector('[aria-invalid="true"]');
    expect(await focused('[aria-invalid="true"]')).toBe(true);
    expect(await page.locator('#kz-sex-error').textContent()).not.toBe('');
    expect(await seriousViolations()).toEqual([]);
    await shot('2-errors');

    await chooseRadio('sex', 1);
    await typeInto('#kz-age-input', '34');
    await typeInto('#kz-children-input', '2');
    expect(await visible('birth_date')).toBe(true); // shown once the age is known
    await press('次へ');
    await waitForTitle('働き方');

    // Skip logic: telework days appear only after choosing telework; the leave plan because sex = 1 and children > 0.
    expect(await visible('telework_days')).toBe(false);
    expect(await visible('leave_plan')).toBe(true);
    await tabTo('input[name="arrangements"][value="1"]');
    await page.keyboard.press('Space');
    await page.waitForSelector('#kz-telework_days-input');
    await typeInto('#kz-telework_days-input', '2');
    await chooseRadio('workload', 2);
    await shot('3-skip-logic');

    // Leave half-way: the reload resumes on the same page with the answers.
    await page.reload();
    await waitForTitle('働き方');
    expect(await page.locator('input[name="arrangements"][value="1"]').isChecked()).toBe(true);
    expect(await page.locator('#kz-telework_days-input').inputValue()).toBe('2');
    expect(await page.locator('kizuki-survey .kz-notice').textContent()).toContain('再開');
    await shot('4-resumed');

    await press('次へ');
    await waitForTitle('考え方');
    await chooseRadio('v_care', 2);
    await chooseRadio('v_lead', 1);
    await chooseRadio('v_share', 3);
    await tabTo('input[name="why_leave"][value="2"]');
    await page.keyboard.press('Space');
    await page.waitForSelector('#kz-comment-input');
    await typeInto('#kz-comment-input', '地元に仕事が少ない');
    await press('次へ');
    await waitForTitle('子育て中の方へ');
    await chooseRadio('care_support', 1);
    // The element's review step lists the answers before they are sent.
    await press('回答を確認する');
    await page.locator('kizuki-survey .kz-review').waitFor();
    expect(await page.locator('kizuki-survey .kz-review').textContent()).toContain('地元に仕事が少ない');
    await shot('5-review');
    await press('この内容で送信する');

    await page.waitForSelector('#verdict');
    expect(await page.locator('#verdict').getAttribute('data-valid')).toBe('true');
    const response = JSON.parse((await page.locator('#response-json').textContent())!);
    expect(response.answers).toMatchObject({
      sex: 1,
      age: 34,
      children: 2,
      telework_days: 2,
      workload: 2,
      v_care: 2,
      v_lead: 1,
      v_share: 3,
      why_leave: [2],
      comment: '地元に仕事が少ない',
      care_support: 1,
    });
    expect(response.answers.arrangements).toContain(1);
    expect(await page.locator('.feedback').textContent()).toContain(
      'チームのまとめ役には男性のほうが向いている',
    );
    expect(await seriousViolations()).toEqual([]);
    await shot('6-result');

    // The page switches to English, texts and all.
    await tabTo('button[lang="en"]', true);
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: /^kizuki playground$/ }).waitFor();
    expect(await page.locator('.feedback h2').textContent()).toBe('Your answers beside the national figures');
    await shot('7-result-en');

    // No Content Security Policy violation, and nothing on the console, from start to end.
    expect(await page.evaluate<string[]>('window.__violations')).toEqual([]);
    expect(consoleProblems).toEqual([]);
  }, 180_000);

  it('shows the problems of pasted template JSON with their paths', async () => {
    await page.evaluate('localStorage.clear()');
    await page.goto(url);
    await page.waitForSelector('#template-select');
    await page.locator('details summary').click();
    await page.locator('#template-json').fill(JSON.stringify({ id: 'Bad Id', version: '1', sections: [] }));
    await page.locator('#load-json').click();
    await page.waitForSelector('#json-issues');
    const text = await page.locator('#json-issues').textContent();
    expect(text).toContain('id');
    expect(text).toContain('sections');
    expect(await seriousViolations()).toEqual([]);
    await shot('8-pasted-issues');
    expect(await page.evaluate<string[]>('window.__violations')).toEqual([]);
  }, 60_000);
});
