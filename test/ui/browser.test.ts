import { mkdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, type Survey, type SurveyResponse } from '../../src/engine/index.js';
import { loadTemplate } from '../../src/schema/index.js';
import { getTemplate, listTemplates } from '../../src/templates/index.js';
import { browserTestsRun, launchChromium } from '../helpers/chromium.js';
import { STRICT_CSP, type StaticServer, serveStatic } from '../helpers/staticServer.js';
import { minimalTemplate } from '../helpers/templates.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const artefacts = join(repo, '.artefacts', 'ui');
const templates = listTemplates().map((t) => t.id);
const surveys = new Map<string, Survey>(templates.map((id) => [id, loadTemplate(getTemplate(id)!)]));

const WATCH_VIOLATIONS = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
`;

/** What the keyboard driver did, as engine actions, to replay on a headless session. */
type Action = ['toggle', string, number] | ['set', string, string | number] | ['other', string, string];

interface Focused {
  id: string;
  tag: string;
  type: string;
  name: string;
  value: string;
  text: string;
}

/** The focused element, through shadow roots. */
function deepFocus(): Focused | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  if (!a) return null;
  const input = a as HTMLInputElement;
  return {
    id: a.id,
    tag: a.tagName.toLowerCase(),
    type: input.type ?? '',
    name: input.name ?? '',
    value: input.value ?? '',
    text: (a.textContent ?? '').trim(),
  };
}

/** A survey whose texts, and a piped answer, look like HTML: they must stay text. */
function hostileSurvey(): Survey {
  const template = minimalTemplate();
  const [q1] = template.sections[0]!.questions;
  template.sections[0]!.questions = [
    { ...q1!, label: { ja: '<img src=x id=pwn-label>ラベル', en: '<img src=x id=pwn-label>label' } },
    { id: 'q2', type: 'text', label: { ja: '回答', en: 'Answer' } },
    { id: 'q3', type: 'note', label: { ja: '前の回答: {q2}', en: 'Before: {q2}' } },
  ] as never;
  return loadTemplate(template);
}

const fullWidth = (text: string) =>
  text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe.runIf(browserTestsRun)('<kizuki-survey> in Chromium under a strict CSP', () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let url: string;
  let dateOrder: 'ymd' | 'mdy' = 'ymd';
  const problems: string[] = [];
  const axeSource = readFileSync(join(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kizuki-ui-'));
    await build({
      entryPoints: [join(repo, 'test/ui/page/main.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outfile: join(dir, 'main.js'),
      logLevel: 'silent',
    });
    await copyFile(join(repo, 'test/ui/page/index.html'), join(dir, 'index.html'));
    await copyFile(join(repo, 'test/ui/page/page.css'), join(dir, 'page.css'));
    mkdirSync(join(dir, 'surveys'));
    mkdirSync(join(dir, 'templates'));
    await writeFile(join(dir, 'surveys', 'hostile.json'), JSON.stringify(hostileSurvey()));
    for (const id of templates) {
      await writeFile(join(dir, 'surveys', `${id}.json`), JSON.stringify(surveys.get(id)));
      await writeFile(join(dir, 'templates', `${id}.json`), JSON.stringify(getTemplate(id)));
    }
    server = await serveStatic({ dir, csp: STRICT_CSP });
    url = server.url;
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
    await context.addInitScript({ content: WATCH_VIOLATIONS });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    mkdirSync(artefacts, { recursive: true });
    const probe = await context.newPage();
    await probe.setContent('<input type="date" id="d">');
    await probe.focus('#d');
    await probe.keyboard.type('01021999');
    dateOrder = (await probe.inputValue('#d')) === '1999-01-02' ? 'mdy' : 'ymd';
    await probe.close();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const focus = () => page.evaluate(deepFocus);

  async function tabTo(match: (f: Focused) => boolean, what: string, backwards = false): Promise<Focused> {
    for (let i = 0; i < 400; i++) {
      const f = await focus();
      if (f && match(f)) return f;
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`Tab never reached ${what}`);
  }

  async function violations(): Promise<string[]> {
    if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(axeSource);
    return page.evaluate<string[]>(
      `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } })
        .then((r) => r.violations.map((v) => v.id + ': ' + JSON.stringify(v.nodes.map((n) => n.target))))`,
    );
  }

  /** The questions on the shown page, in order: id and kind. */
  const shownQuestions = () =>
    page.evaluate(() =>
      Array.from(
        document.querySelector('kizuki-survey')!.shadowRoot!.querySelectorAll<HTMLElement>('[data-question]'),
      ).map((e) => ({ id: e.dataset.question!, kind: e.dataset.kind! })),
    );
  const shadowText = (selector: string) =>
    page.evaluate(
      (s) => document.querySelector('kizuki-survey')!.shadowRoot!.querySelector(s)?.textContent ?? null,
      selector,
    );

  /** Answers one question by keyboard, recording what was done. */
  async function answer(survey: Survey, id: string, kind: string, locale: string, actions: Action[]) {
    const def = survey.template.sections.flatMap((s) => s.questions).find((q) => q.id === id)!;
    const options = 'options' in def && Array.isArray(def.options) ? def.options : [];
    const isOther = (code: number) => options.some((o) => o.code === code && o.other === true);
    const isExclusive = (code: number) => options.some((o) => o.code === code && o.exclusive === true);
    const typeOther = async () => {
      await page.keyboard.press('Tab');
      const f = await focus();
      expect(f?.id).toBe(`kz-${id}-other`);
      const text = locale === 'ja' ? 'その他の内容' : 'something else';
      await page.keyboard.type(text);
      await page.keyboard.press('Tab');
      actions.push(['other', id, text]);
    };
    switch (kind) {
      case 'single':
      case 'likert': {
        await tabTo((f) => f.type === 'radio' && f.name === id, id);
        await page.keyboard.press('Space');
        const code = Number((await focus())!.value);
        actions.push(['toggle', id, code]);
        if (isOther(code)) await typeOther();
        return;
      }
      case 'multiple':
      case 'ranking': {
        const d = def as {
          minSelected?: number;
          maxSelected?: number;
          minRanked?: number;
          maxRanked?: number;
        };
        const max = d.maxSelected ?? d.maxRanked ?? options.length;
        const want = Math.min(Math.max(d.minSelected ?? d.minRanked ?? 1, kind === 'ranking' ? 2 : 1), max);
        const other = options.find((o) => o.other && !o.exclusive);
        let picked = 0;
        let otherDone = false;
        let f = await tabTo((x) => x.type === 'checkbox' && x.name === id, id);
        for (let i = 0; i < options.length + 2 && f.name === id && f.type === 'checkbox'; i++) {
          const code = Number(f.value);
          const takeOther = other?.code === code && picked < max && kind === 'multiple';
          if ((!isExclusive(code) && !isOther(code) && picked < want) || takeOther) {
            await page.keyboard.press('Space');
            actions.push(['toggle', id, code]);
            picked++;
            if (isOther(code)) {
              await typeOther();
              otherDone = true;
            }
          }
          if (picked >= want && (otherDone || !other || kind === 'ranking' || picked >= max)) return;
          if (!isOther(code) || !otherDone) await page.keyboard.press('Tab');
          f = (await focus())!;
        }
        return;
      }
      case 'matrix': {
        const items = (def as { items: { id: string }[] }).items;
        for (let n = 0; n < items.length; n++) {
          const f = await tabTo(
            (x) =>
              x.type === 'radio' &&
              items.some((i) => i.id === x.name) &&
              !actions.some((a) => a[1] === x.name),
            `${id} items`,
          );
          await page.keyboard.press('Space');
          if (n % 2 === 1) await page.keyboard.press('ArrowRight'); // arrows move and choose within a row
          actions.push(['toggle', f.name, Number((await focus())!.value)]);
        }
        return;
      }
      case 'number': {
        const d = def as { min?: number; max?: number };
        const value = Math.min(d.min ?? 1, d.max ?? Number.POSITIVE_INFINITY);
        await tabTo((f) => f.id === `kz-${id}-input`, id);
        // Japanese respondents type full-width digits with an IME; the engine reads them.
        await page.keyboard.type(locale === 'ja' ? fullWidth(String(value)) : String(value));
        await page.keyboard.press('Tab');
        actions.push(['set', id, value]);
        return;
      }
      case 'text': {
        const text = locale === 'ja' ? '特にありません' : 'Nothing in particular';
        await tabTo((f) => f.id === `kz-${id}-input`, id);
        await page.keyboard.type(text);
        await page.keyboard.press('Tab');
        actions.push(['set', id, text]);
        return;
      }
      case 'date': {
        const d = def as { min?: string };
        const value = d.min ?? '2024-04-01';
        await tabTo((f) => f.id === `kz-${id}-input`, id);
        // The date field's segments come in the order of the browser's ICU locale (probed in beforeAll).
        const [y, m, day] = value.split('-');
        await page.keyboard.type(dateOrder === 'ymd' ? `${y}${m}${day}` : `${m}${day}${y}`);
        await page.keyboard.press('Tab');
        actions.push(['set', id, value]);
        return;
      }
    }
  }

  /** Completes a template by keyboard; returns the submitted response and the replayed actions. */
  async function complete(
    id: string,
    locale: string,
    width: number,
    audit: (label: string) => Promise<void>,
    query = '',
  ) {
    const survey = surveys.get(id)!;
    await clearStorage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${url}?survey=${id}&locale=${locale}${query}`);
    await page.locator('kizuki-survey h3').waitFor();
    const actions: Action[] = [];
    const buttonText =
      locale === 'ja'
        ? { next: '次へ', review: '回答を確認する', submit: 'この内容で送信する' }
        : { next: 'Next', review: 'Review your answers', submit: 'Submit these answers' };
    for (let pages = 0; pages < 40; pages++) {
      const title = await shadowText('h3');
      await audit(`${id} ${locale} ${width} page ${pages}`);
      const done = new Set<string>();
      for (;;) {
        const next = (await shownQuestions()).find((q) => !done.has(q.id) && q.kind !== 'note');
        if (!next) break;
        done.add(next.id);
        await answer(survey, next.id, next.kind, locale, actions);
      }
      const button = await tabTo(
        (f) => f.tag === 'button' && (f.text === buttonText.next || f.text === buttonText.review),
        'next',
      );
      await page.keyboard.press('Enter');
      const errors = await page.evaluate(() =>
        Array.from(document.querySelector('kizuki-survey')!.shadowRoot!.querySelectorAll('.kz-error')).map(
          (e) => e.textContent,
        ),
      );
      expect(errors, `${id} ${title}`).toEqual([]);
      if (button.text === buttonText.review) break;
      expect(await shadowText('h3')).not.toBe(title);
      // The new page's title has focus, so screen readers read it and Tab starts at its top.
      expect((await focus())?.tag).toBe('h3');
    }
    await page.locator('kizuki-survey .kz-review').waitFor();
    await audit(`${id} ${locale} ${width} review`);
    await tabTo((f) => f.tag === 'button' && f.text === buttonText.submit, 'submit');
    await page.keyboard.press('Enter');
    await page.locator('kizuki-survey .kz-done').waitFor();
    expect(await page.evaluate('window.__violations')).toEqual([]);
    const events =
      await page.evaluate<{ type: string; detail: { response?: SurveyResponse } }[]>('window.__events');
    const submitted = events.filter((e) => e.type === 'kizuki-submit');
    expect(submitted).toHaveLength(1);
    return { response: submitted[0]!.detail.response!, actions, survey };
  }

  /** The response the engine gives for the same actions, seed and locale. */
  function replay(survey: Survey, response: SurveyResponse, actions: Action[]) {
    const session = createSession(survey, { locale: response.meta.locale, seed: response.meta.seed });
    for (const [what, id, value] of actions) {
      const result =
        what === 'toggle'
          ? session.toggleOption(id, value)
          : what === 'set'
            ? session.setAnswer(id, value)
            : session.setOther(id, value);
      expect(result.success, `${what} ${id} ${value}`).toBe(true);
    }
    const result = session.submit();
    if (!result.success) throw new Error(JSON.stringify(result.issues));
    return result.response;
  }

  const comparable = (r: SurveyResponse) => ({
    ...r,
    respondentId: undefined,
    meta: { ...r.meta, startedAt: undefined, submittedAt: undefined },
  });

  /** Every test starts without drafts or queued responses left by another. */
  const clearStorage = async () => {
    await page.goto(url);
    await page.evaluate(() => localStorage.clear());
  };
  const storageKeys = () => page.evaluate(() => Object.keys(localStorage).sort());
  const snapshotAnswers = () =>
    page.evaluate(() => {
      const s = document.querySelector('kizuki-survey')!.session!.snapshot();
      return { answers: s.answers, other: s.other, pageIndex: s.pageIndex };
    });

  /** Answers the first page of the feature sampler by keyboard and moves to the second. */
  async function firstPage(query: string) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${url}?survey=example-all-features&${query}`);
    await page.locator('kizuki-survey h3').waitFor();
    const actions: Action[] = [];
    for (const q of await shownQuestions())
      if (q.kind !== 'note') await answer(surveys.get('example-all-features')!, q.id, q.kind, 'ja', actions);
    await tabTo((f) => f.tag === 'button' && f.text === '次へ', 'next');
    await page.keyboard.press('Enter');
    await page.locator('kizuki-survey h3', { hasText: '働き方' }).waitFor();
    return actions;
  }

  it('keeps every answer across a reload mid-way, and resumes on the same page', async () => {
    await clearStorage();
    await firstPage('');
    await tabTo((f) => f.type === 'checkbox' && f.name === 'arrangements', 'arrangements');
    await page.keyboard.press('Space');
    const before = await snapshotAnswers();
    expect(Object.keys(before.answers).length).toBeGreaterThan(3);
    await page.reload();
    await page.locator('kizuki-survey h3', { hasText: '働き方' }).waitFor();
    expect(await snapshotAnswers()).toEqual(before);
    expect(await shadowText('.kz-notice')).toBe('前回の続きから再開しました。');
    expect(await storageKeys()).toEqual(['kizuki:draft:example-all-features']);
    await clearStorage();
  }, 120_000);

  it('delivers exactly one response when the host fails twice, and then thanks', async () => {
    await clearStorage();
    const { response } = await complete('workshop-feedback', 'ja', 1280, async () => {}, '&send=flaky');
    await page.locator('kizuki-survey .kz-done[data-status="success"]').waitFor({ timeout: 10_000 });
    const host = await page.evaluate<{ calls: number; stored: Record<string, SurveyResponse> }>(
      'window.__host',
    );
    expect(host.calls).toBe(3);
    expect(Object.keys(host.stored)).toEqual([response.respondentId]);
    expect(comparable(host.stored[response.respondentId]!)).toEqual(comparable(response));
    // Delivered: nothing is left in storage, neither the draft nor the queue.
    expect(await storageKeys()).toEqual([]);
  }, 120_000);

  it('in kiosk mode leaves nothing in storage after a submit or an idle timeout', async () => {
    await clearStorage();
    await firstPage('kiosk=5000');
    // Kiosk mode autosaves like any other form while someone is answering, also when the answers
    // come quicker than the save delay (they did not, while each change restarted the delay): the
    // draft is written at most 300 ms after the first unsaved answer.
    await expect.poll(storageKeys, { timeout: 2_000 }).toEqual(['kizuki:draft:example-all-features']);
    const answered = await snapshotAnswers();
    expect(Object.keys(answered.answers).length).toBeGreaterThan(3);
    await page.waitForTimeout(400); // the save delay is 300 ms
    expect(
      await page.evaluate(
        () => JSON.parse(localStorage.getItem('kizuki:draft:example-all-features')!).answers,
      ),
    ).toEqual(answered.answers);
    // Nobody touches the form: the answers are cleared and a new session starts on the first page.
    await page.locator('kizuki-survey h3', { hasText: 'あなたについて' }).waitFor({ timeout: 20_000 });
    await expect.poll(storageKeys).toEqual([]);
    expect((await snapshotAnswers()).answers).toEqual({});
    // A whole session, then submit: nothing left either.
    await complete('workshop-feedback', 'ja', 1280, async () => {}, '&kiosk=60000');
    await expect.poll(storageKeys).toEqual([]);
  }, 120_000);

  it('shows a survey that cannot be parsed or started as an error message and a kizuki-error event', async () => {
    for (const [source, text] of [
      ['broken-template', 'JSON'],
      ['broken-object', 'アンケートを始められませんでした'],
    ] as const) {
      await page.goto(`${url}?survey=${source}`);
      await page.locator('kizuki-survey [role=alert]').waitFor();
      expect(await shadowText('[role=alert] h2')).toBe('アンケートを表示できません');
      expect(await shadowText('[role=alert] ul')).toContain(text);
      const events =
        await page.evaluate<{ type: string; detail: { kind: string; message: string } }[]>('window.__events');
      expect(events.filter((e) => e.type === 'kizuki-error').map((e) => e.detail.kind)).toEqual(['broken']);
      expect(await violations()).toEqual([]);
    }
  }, 60_000);

  it('shows labels and piped answers as text, and says so when the browser refuses storage', async () => {
    // A separate context whose localStorage throws, as in a private window or with cookies blocked.
    const context = await browser.newContext({ locale: 'ja-JP' });
    await context.addInitScript({
      content: `Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });`,
    });
    const blocked = await context.newPage();
    const errors: string[] = [];
    blocked.on('pageerror', (e) => errors.push(String(e)));
    await blocked.goto(`${url}?survey=hostile`);
    await blocked.locator('kizuki-survey h3').waitFor();
    const text = (selector: string) => blocked.locator(`kizuki-survey ${selector}`).first().textContent();
    expect(await text('[data-question="q1"] legend')).toContain('<img src=x id=pwn-label>ラベル');
    await blocked.locator('kizuki-survey #kz-q2-input').fill('<img src=x id=pwn-answer>');
    await expect.poll(() => text('[data-question="q3"]')).toBe('前の回答: <img src=x id=pwn-answer>');
    expect(await blocked.locator('kizuki-survey img').count()).toBe(0);
    // The answers live in memory only, and the respondent is told so.
    expect(await text('.kz-notice')).toContain('このページを開いている間だけ保持されます');
    expect(await text('.kz-notice')).not.toMatch(/[A-Za-z]/);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('parses template JSON with the parse property', async () => {
    await clearStorage();
    await page.goto(`${url}?survey=template:example-all-features&locale=en`);
    await page.locator('kizuki-survey h3').waitFor();
    expect(await shadowText('h2')).toBe('Feature sampler questionnaire');
    expect(await page.evaluate('window.__violations')).toEqual([]);
  }, 60_000);

  it('saves screenshots at 1280 and 320 px', async () => {
    await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${url}?survey=workplace-attractiveness&locale=ja`);
      await page.locator('kizuki-survey h3').waitFor();
      await page.screenshot({
        path: join(artefacts, `workplace-attractiveness-${width}.png`),
        fullPage: true,
      });
    }
  }, 60_000);

  const runs = [
    { locale: 'ja', width: 1280, scheme: 'light' as const, forced: 'none' as const },
    { locale: 'en', width: 1280, scheme: 'dark' as const, forced: 'none' as const },
    { locale: 'ja', width: 320, scheme: 'light' as const, forced: 'active' as const },
    { locale: 'en', width: 320, scheme: 'light' as const, forced: 'none' as const },
  ];

  it.each(templates)(
    '%s is completed by keyboard alone in ja and en at 1280 and 320 px, with no axe violations',
    async (id) => {
      for (const run of runs) {
        await page.emulateMedia({ colorScheme: run.scheme, forcedColors: run.forced });
        const found: string[] = [];
        const { response, actions, survey } = await complete(id, run.locale, run.width, async (label) => {
          for (const v of await violations())
            found.push(`${label} (${run.scheme}, forced ${run.forced}): ${v}`);
        });
        expect(found).toEqual([]);
        expect(comparable(response)).toEqual(comparable(replay(survey, response, actions)));
        expect(response.meta.locale).toBe(run.locale);
        expect(await page.evaluate('window.__violations')).toEqual([]);
      }
      expect(problems).toEqual([]);
    },
    300_000,
  );
});
