import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formAssets } from '../../src/cli/formAssets.js';
import {
  type Collector,
  type CollectStore,
  createCollector,
  createPgliteStore,
  toNodeListener,
} from '../../src/collect/index.js';
import type { SurveyResponse } from '../../src/schema/index.js';
import { exampleResponses, exampleSurvey } from '../fixtures/io/exampleResponses.js';
import { browserTestsRun, launchChromium } from '../helpers/chromium.js';

// The form page served by the collector, in a real browser: the built ui bundle renders the survey
// under the collector's strict CSP, and the element posts to the collector with the letter's code.
const survey = exampleSurvey();
const response: SurveyResponse = { ...exampleResponses(survey)[0]!, respondentId: 'browser-test-0000000001' };
let store: CollectStore;
let collector: Collector;
let server: Server;
let base = '';

beforeAll(async () => {
  if (!browserTestsRun) return;
  store = await createPgliteStore();
  // formAssets reads dist/browser/, which the global setup (test/buildForCli.ts) builds.
  const assets = formAssets(new URL('../../dist/browser/', import.meta.url));
  collector = await createCollector({
    store,
    surveys: { demo: survey },
    codeKey: new Uint8Array(32).fill(3),
    assets,
  });
  await collector.addInvitations('demo', [{ code: 'CODE2345', stratum: 'north' }]);
  server = createServer(toNodeListener(collector));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
}, 120_000);
afterAll(async () => {
  if (!browserTestsRun) return;
  server.close();
  await store.close();
});

describe.runIf(browserTestsRun)('the collector form page in Chromium', () => {
  it('renders under the strict CSP and posts with the invitation code, once per code', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${base}/s/demo/?code=code2345`);
      await page.waitForFunction(() => {
        const el = document.querySelector('kizuki-survey') as unknown as {
          session: unknown;
          shadowRoot: ShadowRoot;
        };
        return el?.session != null && el.shadowRoot.querySelector('fieldset, input') !== null;
      });
      const sent = await page.evaluate(async (r) => {
        const el = document.querySelector('kizuki-survey') as unknown as {
          send: (x: unknown) => Promise<unknown>;
        };
        const first = await el.send(r);
        const again = await el.send({ ...r, respondentId: 'browser-test-0000000002' }).then(
          () => 'stored',
          (error: unknown) => String((error as Error).message ?? error),
        );
        return { first, again };
      }, response);
      expect(sent.again).not.toBe('stored');
      expect(await store.countResponses('demo')).toBe(1);
      expect(await store.dispositionCounts('demo')).toEqual([
        { stratum: 'north', disposition: 'complete', count: 1 },
      ]);
      // Chromium logs the refused second response (409) as a failed resource; nothing else may fail.
      expect(problems.filter((p) => !p.includes('status of 409'))).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
