import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SurveyResponse } from '../../src/engine/index.js';
import { browserTestsRun, launchChromium } from '../helpers/chromium.js';
import { STRICT_CSP, type StaticServer, serveStatic } from '../helpers/staticServer.js';
import { surveyV1 } from './persist/helpers.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** What the host's API saw and stored. */
const host = { failures: 0, posts: 0, keys: [] as string[], stored: new Map<string, SurveyResponse>() };

/** The host's API: POST /api/responses stores responses by Idempotency-Key, failing the first `failures` POSTs with 503. */
async function api(request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean> {
  if (path !== '/api/responses' || request.method !== 'POST') return false;
  let body = '';
  for await (const chunk of request) body += chunk;
  host.posts++;
  const key = String(request.headers['idempotency-key']);
  host.keys.push(key);
  if (host.failures > 0) {
    host.failures--;
    response.writeHead(503).end();
    return true;
  }
  host.stored.set(key, JSON.parse(body));
  response.writeHead(201, { 'content-type': 'application/json' }).end('{"stored":true}');
  return true;
}

describe.runIf(browserTestsRun)(
  '<kizuki-survey> with autosave, the submission queue and kiosk mode, in Chromium',
  () => {
    let dir: string;
    let server: StaticServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let url: string;
    const problems: string[] = [];

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'kizuki-persist-'));
      await build({
        entryPoints: [join(repo, 'test/ui/persist/page/main.ts')],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        outfile: join(dir, 'main.js'),
        logLevel: 'silent',
      });
      await copyFile(join(repo, 'test/ui/persist/page/index.html'), join(dir, 'index.html'));
      await writeFile(join(dir, 'survey.json'), JSON.stringify(surveyV1()));
      server = await serveStatic({ dir, csp: STRICT_CSP, handle: api });
      url = server.url;
      browser = await launchChromium();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    beforeEach(async () => {
      await context?.close();
      context = await browser.newContext({ locale: 'ja-JP' });
      page = await context.newPage();
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().includes('503')) problems.push(m.text());
      });
      Object.assign(host, { failures: 0, posts: 0, keys: [], stored: new Map() });
    });

    const open = async (query = '') => {
      await page.goto(`${url}${query}`);
      await page.waitForFunction(() => (window as never as { __page: { ready: boolean } }).__page?.ready);
    };
    const pageState = () =>
      page.evaluate(
        () => (window as never as { __page: { statuses: string[]; done: string; issues: string[] } }).__page,
      );
    const stored = () =>
      page.evaluate(() =>
        Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])),
      );
    const answers = () =>
      page.evaluate(() =>
        (
          document.querySelector('kizuki-survey') as never as {
            session: { snapshot(): { answers: object; respondentId: string } };
          }
        ).session.snapshot(),
      );
    /** Answers through the rendered controls, as a respondent does. */
    const answer = async (text: string) => {
      await page.locator('kizuki-survey input[type="radio"]').nth(1).check();
      await page.locator('kizuki-survey textarea, kizuki-survey input[type="text"]').first().fill(text);
      await page.keyboard.press('Tab');
    };
    const submit = async () => {
      await page.locator('kizuki-survey button.kz-primary:visible').click(); // to the review step
      await page.locator('kizuki-survey .kz-review button.kz-primary').click();
    };

    it('host failing twice then succeeding: exactly one stored response, queue and drafts empty', async () => {
      await open();
      await answer('二回失敗しても届く');
      host.failures = 2;
      await submit();
      await page.waitForFunction(
        () => (window as never as { __page: { done: string } }).__page.done !== '',
        null,
        {
          timeout: 15_000,
        },
      );
      const state = await pageState();
      expect(state.done).toBe('success');
      expect(state.statuses).toEqual(['pending', 'failure', 'pending', 'failure', 'pending', 'success']);
      expect(host.posts).toBe(3);
      expect(new Set(host.keys).size).toBe(1);
      expect(host.stored.size).toBe(1);
      const [response] = host.stored.values();
      expect(response?.answers).toEqual({ q1: 2, q2: '二回失敗しても届く' });
      expect(await stored()).toEqual({});
    });

    it('a reload in the middle brings every answer back, and a reload mid-retry delivers once', async () => {
      await open();
      await answer('途中で再読み込み');
      await page.waitForFunction(() =>
        localStorage.getItem('kizuki:draft:minimal')?.includes('途中で再読み込み'),
      );
      const before = await answers();
      await page.reload();
      await page.waitForFunction(() => (window as never as { __page: { ready: boolean } }).__page?.ready);
      expect(await answers()).toEqual(before);
      expect(await page.locator('kizuki-survey input[type="radio"]').nth(1).isChecked()).toBe(true);
      expect(
        await page.locator('kizuki-survey textarea, kizuki-survey input[type="text"]').first().inputValue(),
      ).toBe('途中で再読み込み');

      host.failures = 1000;
      await submit();
      await page.waitForFunction(() =>
        (window as never as { __page: { statuses: string[] } }).__page.statuses.includes('failure'),
      );
      expect(Object.keys(await stored())).toContain('kizuki:outbox');
      host.failures = 0;
      await page.reload();
      await page.waitForFunction(() => localStorage.getItem('kizuki:outbox') === null, null, {
        timeout: 15_000,
      });
      expect(host.stored.size).toBe(1);
      expect([...host.stored.keys()]).toEqual([before.respondentId]);
    });

    it('kiosk: nothing left in localStorage after a submit', async () => {
      await open('?kiosk=60000');
      await answer('窓口の端末');
      await page.waitForFunction(() => localStorage.length > 0);
      await submit();
      await page.waitForFunction(
        () => (window as never as { __page: { done: string } }).__page.done === 'success',
      );
      expect(await stored()).toEqual({});
      expect(host.stored.size).toBe(1);
    });

    it('kiosk: nothing left in localStorage after the idle timeout, and the form starts over', async () => {
      await open('?kiosk=1500');
      await answer('立ち去った人の回答');
      await page.waitForFunction(() => localStorage.length > 0);
      const first = await answers();
      await page.waitForFunction(() => localStorage.length === 0, null, { timeout: 10_000 });
      await page.waitForFunction(() => (window as never as { __page: { ready: boolean } }).__page?.ready);
      const next = await answers();
      expect(next.answers).toEqual({});
      expect(next.respondentId).not.toBe(first.respondentId);
      expect(host.posts).toBe(0);
    });

    describe('built into the element (action, kiosk and idle-ms attributes)', () => {
      const openBuiltIn = async (query = '') => {
        await page.goto(`${url}?builtin${query}`);
        await page.locator('kizuki-survey input[type="radio"]').first().waitFor();
      };
      const delivered = (status: 'success' | 'failure', timeout = 15_000) =>
        page.locator(`kizuki-survey .kz-done[data-status="${status}"]`).waitFor({ timeout });

      it('host failing twice then succeeding: exactly one stored response, nothing left', async () => {
        await openBuiltIn();
        await answer('組み込みでも届く');
        host.failures = 2;
        await submit();
        await delivered('success');
        expect(host.posts).toBe(3);
        expect(new Set(host.keys).size).toBe(1);
        expect([...host.stored.values()].map((r) => r.answers)).toEqual([{ q1: 2, q2: '組み込みでも届く' }]);
        expect(await stored()).toEqual({});
      });

      it('a reload in the middle brings every answer back, and a reload mid-retry delivers once', async () => {
        await openBuiltIn();
        await answer('組み込みで再読み込み');
        await page.waitForFunction(() =>
          localStorage.getItem('kizuki:draft:minimal')?.includes('組み込みで再読み込み'),
        );
        const before = await answers();
        await page.reload();
        await page.locator('kizuki-survey input[type="radio"]').first().waitFor();
        expect(await answers()).toEqual(before);
        expect(await page.locator('kizuki-survey input[type="radio"]').nth(1).isChecked()).toBe(true);
        expect(
          await page.locator('kizuki-survey textarea, kizuki-survey input[type="text"]').first().inputValue(),
        ).toBe('組み込みで再読み込み');

        host.failures = 1000;
        await submit();
        await delivered('failure');
        expect(Object.keys(await stored())).toContain('kizuki:outbox');
        // The respondent reads Japanese only; the host gets the technical reason in kizuki-error.
        const shown = await page.locator('kizuki-survey .kz-done').innerText();
        expect(shown.replace('kizuki', '')).not.toMatch(/[A-Za-z]/);
        expect(
          await page.evaluate(() => (window as never as { __page: { errors: string[] } }).__page.errors),
        ).toContain('delivery');
        host.failures = 0;
        await page.reload();
        await page.waitForFunction(() => localStorage.getItem('kizuki:outbox') === null, null, {
          timeout: 15_000,
        });
        expect([...host.stored.keys()]).toEqual([before.respondentId]);
        expect(await stored()).toEqual({});
      });

      it('a reload keeps text half-typed in a field the respondent never left', async () => {
        await openBuiltIn();
        const field = page.locator('kizuki-survey textarea, kizuki-survey input[type="text"]').first();
        await field.focus();
        await page.keyboard.type('書きかけの');
        await page.keyboard.type('回答');
        // Still in the field: no change event has fired, only input events.
        expect(await field.evaluate((e) => (e.getRootNode() as ShadowRoot).activeElement === e)).toBe(true);
        await page.waitForFunction(() =>
          localStorage.getItem('kizuki:draft:minimal')?.includes('書きかけの回答'),
        );
        await page.reload();
        await page.locator('kizuki-survey input[type="radio"]').first().waitFor();
        expect(await field.inputValue()).toBe('書きかけの回答');
        expect((await answers()).answers).toEqual({ q2: '書きかけの回答' });
      });

      it('kiosk: nothing left in localStorage after a submit', async () => {
        await openBuiltIn('&kiosk=60000');
        await answer('窓口の端末');
        await page.waitForFunction(() => localStorage.length > 0);
        await submit();
        await delivered('success');
        await page.waitForFunction(() => localStorage.length === 0);
        expect(host.stored.size).toBe(1);
      });

      it('kiosk: nothing left in localStorage after the idle timeout, and the form starts over', async () => {
        await openBuiltIn('&kiosk=1500');
        await answer('立ち去った人の回答');
        await page.waitForFunction(() => localStorage.length > 0);
        const first = await answers();
        await page.waitForFunction(() => localStorage.length === 0, null, { timeout: 10_000 });
        await page.waitForFunction(
          (id) =>
            (
              document.querySelector('kizuki-survey') as never as {
                session: { snapshot(): { respondentId: string } } | null;
              }
            ).session?.snapshot().respondentId !== id,
          first.respondentId,
        );
        expect((await answers()).answers).toEqual({});
        expect(host.posts).toBe(0);
      });
    });

    it('left no page errors and no CSP violations', () => {
      expect(problems).toEqual([]);
    });
  },
);
