import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../../src/engine/index.js';
import {
  type FhirQuestionnaireItem,
  KIZUKI_VISIBLE_IF_URL,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
} from '../../../src/io/index.js';
import type { SurveyResponse } from '../../../src/schema/index.js';
import { browserTestsRun, launchChromium } from '../../helpers/chromium.js';
import { LFORMS_VERSION, lformsDist } from '../../helpers/lforms.js';
import { builtInSurveys, random, visibleQuestions, walk } from '../interopPaths.js';

const PATHS = 8;
const PAGE = `<!doctype html><html><head><meta charset="utf-8">
</head><body><div id="form"></div>
<script src="/lforms/webcomponent/assets/lib/zone.min.js"></script>
<script src="/lforms/webcomponent/lhc-forms.js"></script>
<script src="/lforms/fhir/lformsFHIRAll.min.js"></script>
</body></html>`;

/** Serves the page and LHC-Forms' built files on 127.0.0.1. */
function serve(dist: string): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    const file = normalize(path.replace(/^\/lforms\//, ''));
    if (!path.startsWith('/lforms/') || file.startsWith('..')) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(`${dist}${file}`);
      response
        .writeHead(200, {
          'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream',
        })
        .end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The linkIds LHC-Forms enables (`getUserData` without hidden items) after loading the questionnaire with the response's answers. */
async function enabledInLhcForms(page: Page, questionnaire: unknown, response: unknown): Promise<string[]> {
  // A script in the page's own terms: the tests are type-checked without the DOM library.
  return page.evaluate(`(async ({ q, qr }) => {
    const el = document.getElementById('form');
    el.innerHTML = '';
    try {
      await LForms.Util.addFormToPage(q, el, { questionnaireResponse: qr });
    } catch (e) {
      throw new Error('LHC-Forms refused the form: ' + JSON.stringify(e).slice(0, 500));
    }
    // LHC-Forms names an item without a code by its linkId.
    const ids = [];
    const visit = (items) => {
      for (const item of items) {
        if (item.questionCode) ids.push(item.questionCode);
        visit(item.items || []);
      }
    };
    visit(LForms.Util.getUserData(el, true, false, true).itemsData);
    return ids;
  })(${JSON.stringify({ q: questionnaire, qr: response ?? null })})`);
}

const kept = (item: FhirQuestionnaireItem) =>
  item.extension?.some((e) => e.url === KIZUKI_VISIBLE_IF_URL) === true;

describe.runIf(browserTestsRun)(`every built-in template in LHC-Forms ${LFORMS_VERSION} (Chromium)`, () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let compared = 0;

  beforeAll(async () => {
    server = await serve(lformsDist());
    browser = await launchChromium();
    page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction("typeof LForms === 'object' && typeof LForms.Util === 'object'");
    expect(errors).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    console.info(`LHC-Forms: ${compared} answer paths compared with the engine`);
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it.each(builtInSurveys())(
    '$file renders, and enables the questions the engine shows on random paths',
    async ({ survey }) => {
      const { questionnaire } = toFhirQuestionnaire(survey);
      const empty = await enabledInLhcForms(page, questionnaire, undefined);
      expect(empty.length).toBeGreaterThan(0);
      for (let seed = 1; seed <= PATHS; seed++) {
        const session = createSession(survey, { seed });
        walk(session, random(seed), () => {});
        const submitted = session.submit();
        expect(submitted.success).toBe(true);
        const response = (submitted as { response: SurveyResponse }).response;
        const { questionnaireResponse } = toFhirQuestionnaireResponse(survey, response);
        const enabled = new Set(await enabledInLhcForms(page, questionnaire, questionnaireResponse));
        const visible = new Set(visibleQuestions(session));
        for (const section of questionnaire.item) {
          if (section.type !== 'group' || kept(section)) continue;
          for (const question of section.item ?? []) {
            if (kept(question) || question.linkId.includes('.')) continue;
            expect(enabled.has(question.linkId), `${question.linkId} on path ${seed}`).toBe(
              visible.has(question.linkId),
            );
          }
        }
        compared++;
      }
    },
    120_000,
  );
});
