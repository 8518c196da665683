import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/schema/index.js';
import { browserTestsRun, launchChromium } from '../helpers/chromium.js';
import { exampleTemplate } from '../helpers/templates.js';

/**
 * The renderer in docs/front-end.*.md is meant to be copied: this runs it, as written in the docs,
 * in a real browser against the feature sampler, and checks it with axe-core.
 */
const doc = (lang: string) =>
  readFileSync(new URL(`../../docs/front-end.${lang}.md`, import.meta.url), 'utf8');
const rendererBlock = (markdown: string) => /```js\n(\/\/ mount\.js[\s\S]*?)```/.exec(markdown)?.[1];

describe('the documented vanilla-DOM renderer', () => {
  it('is the same code in both languages', () => {
    const en = rendererBlock(doc('en'));
    expect(en).toContain('export function mount');
    expect(rendererBlock(doc('ja'))).toBe(en);
  });

  describe.runIf(browserTestsRun)('in Chromium', () => {
    let browser: Browser;
    let page: Page;
    let dir: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kizuki-frontend-'));
      writeFileSync(join(dir, 'mount.js'), rendererBlock(doc('en'))!);
      writeFileSync(
        join(dir, 'main.js'),
        `import { createSession } from 'kizuki/engine';
         import { mount } from './mount.js';
         window.submitted = [];
         window.start = (survey) => {
           window.session = createSession(survey, { seed: 1, locale: 'en' });
           mount(document.getElementById('app'), window.session, { onSubmit: (r) => window.submitted.push(r) });
         };`,
      );
      const bundle = await build({
        entryPoints: [join(dir, 'main.js')],
        bundle: true,
        format: 'iife',
        platform: 'browser',
        write: false,
        logLevel: 'silent',
        alias: { 'kizuki/engine': new URL('../../src/engine/index.ts', import.meta.url).pathname },
      });
      browser = await launchChromium();
      page = await browser.newPage();
      await page.setContent(
        '<!doctype html><html lang="en"><head><title>Survey</title></head><body><main id="app"></main></body></html>',
      );
      await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
      await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core') });
      await page.evaluate(
        (survey) => (globalThis as unknown as { start: (s: unknown) => void }).start(survey),
        loadTemplate(exampleTemplate()),
      );
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    // Page-side code is given as text: this project's TypeScript has no DOM types.
    const axeViolations = () =>
      page.evaluate<string[]>(
        'axe.run(document.getElementById("app")).then((r) => r.violations.map((v) => v.id))',
      );
    const focusedId = () =>
      page.evaluate<string>('document.activeElement.id || document.activeElement.tagName');
    const validationMessage = (selector: string) =>
      page.evaluate<string>(`document.querySelector(${JSON.stringify(selector)}).validationMessage`);
    const commit = async (selector: string, value: string) => {
      await page.fill(selector, value);
      await page.press(selector, 'Tab');
    };

    it('runs a respondent through the sampler, accessibly', async () => {
      expect(await page.textContent('h2')).toBe('About you');
      expect(await axeViolations()).toEqual([]);

      await page.click('button[data-action=next]');
      expect(await page.textContent('#kz-sex-error')).toBe('Please answer this question');
      expect(await focusedId()).toBe('kz-sex-opt-1');
      expect(await page.getAttribute('#kz-age-input', 'aria-describedby')).toBe('kz-age-error');
      expect(await axeViolations()).toEqual([]);

      await page.check('#kz-sex-opt-2');
      expect(await focusedId()).toBe('kz-sex-opt-2');
      await commit('#kz-age-input', '３４');
      await commit('#kz-children-input', '12a');
      expect(await validationMessage('#kz-children-input')).toBe('Please enter a number');
      await commit('#kz-children-input', '1');
      expect(await validationMessage('#kz-children-input')).toBe('');
      expect(await page.textContent('.kz-progress')).toBe('3 of 12 answered');

      await page.click('button[data-action=next]');
      expect(await page.textContent('h2')).toBe('Your work');
      expect(await focusedId()).toBe('H2');
      await page.check('#kz-arrangements-opt-6');
      await page.check('#kz-arrangements-opt-1');
      expect(await page.isChecked('#kz-arrangements-opt-6')).toBe(false);
      await page.check('#kz-arrangements-opt-5');
      await commit('#kz-arrangements-other', 'Four-day week');
      await page.check('#kz-workload-opt-2');
      await page.click('button[data-action=next]');
      expect(await page.textContent('#kz-telework_days-error')).toBe('Please answer this question');
      await commit('#kz-telework_days-input', '2.5');
      expect(await axeViolations()).toEqual([]);

      await page.click('button[data-action=next]');
      expect(await page.textContent('h2')).toBe('Views');
      await page.check('#kz-v_care-opt-1');
      await page.check('#kz-why_leave-opt-3');
      await page.check('#kz-why_leave-opt-5');
      await commit('#kz-why_leave-other', '<img src=x onerror="window.pwned=1">');
      expect(await page.textContent('label[for="kz-why_leave-opt-3"]')).toBe('1. Expectations based on sex');
      expect(await page.textContent('#kz-comment-label')).toBe(
        'Tell us more, for example why you chose Expectations based on sex, <img src=x onerror="window.pwned=1">',
      );
      expect(await page.evaluate('window.pwned')).toBeUndefined();
      expect(await axeViolations()).toEqual([]);

      await page.click('button[data-action=next]');
      expect(await page.textContent('h2')).toBe('For parents');
      expect(await page.isVisible('button[data-action=next]')).toBe(false);
      await page.click('button[data-action=submit]');
      const submitted = await page.evaluate<{ answers: unknown; other: unknown }[]>('window.submitted');
      expect(submitted).toHaveLength(1);
      expect(submitted[0]!.answers).toEqual({
        sex: 2,
        age: 34,
        children: 1,
        arrangements: [1, 5],
        telework_days: 2.5,
        workload: 2,
        v_care: 1,
        why_leave: [3, 5],
      });
      expect(submitted[0]!.other).toEqual({
        arrangements: 'Four-day week',
        why_leave: '<img src=x onerror="window.pwned=1">',
      });
    }, 60_000);
  });
});
