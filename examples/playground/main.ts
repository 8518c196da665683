// The kizuki playground: a whole front end on the public API — choose or paste a template, answer it
// in <kizuki-survey> (kizuki/ui, over the headless engine), leave and resume, submit, validate with a
// standalone validator, and see one's own answers beside national figures.
// biome-ignore-all assist/source/organizeImports: jitless.js must be evaluated before kizuki builds its schemas.
import { zodConfig } from '../shared/jitless.js';
import type { SurveyResponse } from 'kizuki/engine';
import { type Benchmark, type Issue, parseTemplate, type Survey } from 'kizuki/schema';
import { getTemplate, listTemplates } from 'kizuki/templates';
import { createDraftStore, defineElements, localStorageDraftStorage } from 'kizuki/ui';
import { createStandaloneValidator } from 'kizuki/validate';
import { h } from '../shared/h.js';
import { validators } from './generated/validators.generated.js';
import '../shared/base.css';
import './style.css';

if (zodConfig.jitless !== true) throw new Error('zod must parse without eval under this page’s CSP');
defineElements();

type Locale = 'ja' | 'en';
type Source = { kind: 'builtin'; id: string } | { kind: 'json'; text: string };

/** Where the template being answered came from; the answers are the element's draft. */
const SOURCE_KEY = 'kizuki-playground:source';
const LOCALE_KEY = 'kizuki-playground:locale';
/** The draft key of <kizuki-survey>: one survey at a time in the playground. */
const DRAFT_KEY = 'kizuki-playground';

const WORDS = {
  ja: {
    heading: 'kizuki プレイグラウンド',
    lead: 'テンプレートを選ぶか JSON を貼り付けて、回答画面を試せます。回答はこのブラウザーの中だけに保存されます。',
    language: '表示言語',
    template: 'テンプレート',
    start: '回答を始める',
    paste: 'テンプレート JSON を貼り付ける',
    pasteLabel: 'テンプレート JSON',
    load: '読み込んで始める',
    notJson: 'JSON として読めません',
    issuesHeading: (n: number) => `テンプレートに ${n} 件の問題があります`,
    quit: '中断して最初の画面へ',
    resumeIssues: '前回の回答のうち、引き継げなかったもの:',
    resultHeading: '送信された回答',
    valid: '回答は検証に合格しました（このテンプレート専用のスタンドアロン検証器で確認）。',
    invalid: '回答に問題があります:',
    noValidator:
      '貼り付けたテンプレートには事前に作った検証器がないため、検証は省略しました（kizuki validate で作れます）。',
    feedbackHeading: 'あなたの回答と全国の回答',
    feedbackLead:
      'あなたの答えを、全国調査の結果と並べました。どちらが正しいということではありません。ほかの人の受け止め方を知ることが、気づきのきっかけになります。',
    yourAnswer: 'あなたの答え',
    notAnswered: '（回答なし）',
    nationwide: '全国',
    share: (group: string, year: number, percent: string, labels: string[]) =>
      `${group}（${year}年）: 「${labels.join('」「')}」と答えた人は ${percent}%`,
    mean: (group: string, year: number, value: string) => `${group}（${year}年）: 平均 ${value}`,
    yours: 'あなたと同じグループ',
    source: '出典',
    noFeedback: 'このテンプレートには全国の比較値がないため、比較は表示しません。',
    again: '最初の画面へ',
  },
  en: {
    heading: 'kizuki playground',
    lead: 'Choose a template or paste template JSON to try the answering screens. Answers are kept in this browser only.',
    language: 'Language',
    template: 'Template',
    start: 'Start answering',
    paste: 'Paste template JSON',
    pasteLabel: 'Template JSON',
    load: 'Load and start',
    notJson: 'This is not valid JSON',
    issuesHeading: (n: number) => `The template has ${n} problem${n === 1 ? '' : 's'}`,
    quit: 'Stop and go to the start screen',
    resumeIssues: 'Earlier answers that could not be carried over:',
    resultHeading: 'The submitted response',
    valid: 'The response passed validation (checked with the standalone validator made for this template).',
    invalid: 'The response has problems:',
    noValidator:
      'A pasted template has no prebuilt validator, so validation was skipped (make one with kizuki validate).',
    feedbackHeading: 'Your answers beside the national figures',
    feedbackLead:
      'Here are your answers beside the results of a national survey. Neither is right or wrong: seeing how others see things is a chance to notice.',
    yourAnswer: 'Your answer',
    notAnswered: '(not answered)',
    nationwide: 'Nationwide',
    share: (group: string, year: number, percent: string, labels: string[]) =>
      `${group} (${year}): ${percent}% answered “${labels.join('” or “')}”`,
    mean: (group: string, year: number, value: string) => `${group} (${year}): mean ${value}`,
    yours: 'your group',
    source: 'Source',
    noFeedback: 'This template has no national figures to compare with.',
    again: 'Back to the start screen',
  },
};
type Words = (typeof WORDS)[Locale];

// ---------------------------------------------------------------------------------------------
// The respondent's feedback: their answers beside national figures, for noticing, not judging.

function feedback(survey: Survey, response: SurveyResponse, words: Words, locale: Locale): HTMLElement {
  const { template } = survey;
  const text = (t: Record<string, string> & { ja: string }) => t[locale] ?? t.ja;
  const benchmarks = (template.benchmarks ?? []).filter(
    (b): b is Benchmark & { item: string } => b.item !== undefined,
  );
  const section = h('section', { class: 'feedback', 'aria-labelledby': 'feedback-title' });
  section.append(h('h2', { id: 'feedback-title' }, words.feedbackHeading));
  if (benchmarks.length === 0) {
    section.append(h('p', {}, words.noFeedback));
    return section;
  }
  section.append(h('p', {}, words.feedbackLead));
  const questions = template.sections.flatMap((s) => s.questions);
  const itemOwner = (id: string) => {
    for (const q of questions) {
      if (q.type === 'matrix') {
        const item = q.items.find((i) => i.id === id);
        if (item) return { label: item.text, scale: q.scale };
      }
      if (q.id === id && q.type === 'likert') return { label: q.label, scale: q.scale };
    }
    return undefined;
  };
  const groupLabel = (group: Record<string, number> | undefined) => {
    if (!group || Object.keys(group).length === 0) return words.nationwide;
    const parts = Object.entries(group).map(([id, code]) => {
      const q = questions.find((x) => x.id === id);
      const option = q && 'options' in q ? q.options.find((o) => o.code === code) : undefined;
      return option ? text(option.label) : `${id}=${code}`;
    });
    return `${words.nationwide}・${parts.join('・')}`;
  };
  const byItem = new Map<string, (Benchmark & { item: string })[]>();
  for (const b of benchmarks) byItem.set(b.item, [...(byItem.get(b.item) ?? []), b]);
  const list = h('ul', { class: 'feedback-list' });
  for (const [item, marks] of byItem) {
    const owner = itemOwner(item);
    if (!owner) continue;
    const scale = template.scales?.[owner.scale];
    const code = response.answers[item];
    const option = scale?.options.find((o) => o.code === code);
    const answer = option ? text(option.label) : words.notAnswered;
    // A favourable share counts the scale's favourable answers: name them rather than judge them.
    const favourable = (scale?.options ?? [])
      .filter((o) => scale?.favourable?.includes(o.code))
      .map((o) => text(o.label));
    const figures = h('ul', { class: 'figures' });
    for (const mark of marks) {
      const mine = Object.entries(mark.group ?? {}).every(([id, c]) => response.answers[id] === c);
      const statistic = mark.statistic ?? 'favourableShare';
      const line =
        statistic === 'favourableShare'
          ? words.share(groupLabel(mark.group), mark.year, (mark.value * 100).toFixed(1), favourable)
          : words.mean(groupLabel(mark.group), mark.year, mark.value.toFixed(2));
      const bar = h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { class: 'fill' }));
      if (statistic === 'favourableShare')
        (bar.firstChild as HTMLElement).style.width = `${Math.max(0, Math.min(1, mark.value)) * 100}%`;
      figures.append(
        h(
          'li',
          { class: mine && mark.group ? 'mine' : null },
          h('span', {}, line, mine && mark.group ? ` — ${words.yours}` : ''),
          statistic === 'favourableShare' ? bar : null,
          mark.note ? h('small', { class: 'note' }, text(mark.note)) : null,
        ),
      );
    }
    const source = [...new Set(marks.map((m) => m.source))].join(' / ');
    list.append(
      h(
        'li',
        {},
        h('p', { class: 'statement' }, text(owner.label)),
        h('p', { class: 'answer' }, `${words.yourAnswer}: `, h('strong', {}, answer)),
        figures,
        h('p', { class: 'source' }, `${words.source}: ${source}`),
      ),
    );
  }
  section.append(list);
  return section;
}

// ---------------------------------------------------------------------------------------------
// The app: choose, answer, resume, submit.

const app = document.getElementById('app')!;
let locale: Locale = localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'ja';
let rerender: () => void = () => {};
const words = () => WORDS[locale];

function surveyFrom(source: Source): { survey: Survey } | { issues: Issue[] } {
  let input: unknown;
  if (source.kind === 'builtin') input = getTemplate(source.id);
  else {
    try {
      input = JSON.parse(source.text);
    } catch (error) {
      return {
        issues: [{ code: 'invalid_json', path: [], message: `${words().notJson}: ${String(error)}` }],
      };
    }
  }
  const result = parseTemplate(input, { locale });
  return result.success ? { survey: result.survey } : { issues: result.issues };
}

function header(): HTMLElement {
  const language = h('div', { class: 'language', role: 'group', 'aria-label': words().language });
  for (const [code, name] of [
    ['ja', '日本語'],
    ['en', 'English'],
  ] as const) {
    const button = h(
      'button',
      { type: 'button', lang: code, 'aria-pressed': locale === code ? 'true' : 'false' },
      name,
    );
    button.addEventListener('click', () => {
      locale = code;
      localStorage.setItem(LOCALE_KEY, code);
      document.documentElement.lang = code;
      rerender();
    });
    language.append(button);
  }
  return h('header', {}, h('h1', {}, words().heading), language);
}

function shell(...content: HTMLElement[]): void {
  app.replaceChildren(header(), h('main', { id: 'main' }, ...content));
}

function showSetup(issues: Issue[] = [], pasted = ''): void {
  rerender = () =>
    showSetup(
      issues,
      (document.getElementById('template-json') as HTMLTextAreaElement | null)?.value ?? pasted,
    );
  const w = words();
  const select = h('select', { id: 'template-select' });
  for (const t of listTemplates()) select.append(h('option', { value: t.id }, t.title[locale] ?? t.title.ja));
  const start = h('button', { type: 'button', class: 'primary', id: 'start' }, w.start);
  start.addEventListener('click', () => begin({ kind: 'builtin', id: (select as HTMLSelectElement).value }));
  const textarea = h(
    'textarea',
    { id: 'template-json', rows: 10, spellcheck: 'false', autocomplete: 'off' },
    pasted,
  );
  const load = h('button', { type: 'button', id: 'load-json' }, w.load);
  load.addEventListener('click', () =>
    begin({ kind: 'json', text: (textarea as HTMLTextAreaElement).value }),
  );
  const problems =
    issues.length === 0
      ? null
      : h(
          'div',
          { class: 'issues', role: 'alert', id: 'json-issues' },
          h('p', {}, w.issuesHeading(issues.length)),
          h(
            'ul',
            {},
            ...issues.slice(0, 50).map((i) => h('li', {}, h('code', {}, formatPath(i.path)), ' ', i.message)),
          ),
        );
  if (problems) textarea.setAttribute('aria-describedby', 'json-issues');
  shell(
    h(
      'section',
      { class: 'setup', 'aria-labelledby': 'setup-title' },
      h('h2', { id: 'setup-title', tabindex: '-1' }, w.template),
      h('p', {}, w.lead),
      h('div', { class: 'row' }, h('label', { for: 'template-select' }, w.template), select, start),
      h(
        'details',
        { open: issues.length > 0 || pasted !== '' },
        h('summary', {}, w.paste),
        h('label', { for: 'template-json' }, w.pasteLabel),
        textarea,
        problems,
        load,
      ),
    ),
  );
  if (problems) (textarea as HTMLTextAreaElement).focus();
}

function formatPath(path: Issue['path']): string {
  return path.length === 0
    ? '(root)'
    : path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
        .join('')
        .replace(/^\./, '');
}

/** The element's saved draft (answers, page, seed): removed when a new survey starts or on quitting. */
const drafts = createDraftStore({ storage: localStorageDraftStorage(), key: DRAFT_KEY });

function begin(source: Source): void {
  const loaded = surveyFrom(source);
  if ('issues' in loaded) {
    showSetup(loaded.issues, source.kind === 'json' ? source.text : '');
    return;
  }
  void drafts.clear().then(() => run(source, loaded.survey));
}

/**
 * Answers a survey in <kizuki-survey>, which renders it, autosaves the answers as a draft and
 * resumes them after a reload; the page keeps only where the template came from.
 */
function run(source: Source, survey: Survey): void {
  localStorage.setItem(SOURCE_KEY, JSON.stringify(source));
  const form = document.createElement('kizuki-survey');
  form.setAttribute('draft-key', DRAFT_KEY);
  form.locale = locale;
  form.survey = survey;
  const notice = h('div', { class: 'notice', role: 'status', hidden: true });
  form.addEventListener('kizuki-error', (event) => {
    // Answers of an earlier visit that no longer fit the template: the element keeps them aside.
    if (event.detail.kind !== 'answers') return;
    notice.replaceChildren(
      h('p', {}, words().resumeIssues),
      h('ul', {}, ...event.detail.issues.map((i) => h('li', {}, i.message))),
    );
    notice.hidden = false;
  });
  form.addEventListener('kizuki-submit', (event) => {
    localStorage.removeItem(SOURCE_KEY);
    void showResult(source, survey, event.detail.response);
  });
  const quit = h('button', { type: 'button', class: 'quiet', id: 'quit' }, words().quit);
  quit.addEventListener('click', () => {
    localStorage.removeItem(SOURCE_KEY);
    form.remove();
    void drafts.clear().then(() => {
      showSetup();
      document.getElementById('setup-title')?.focus();
    });
  });
  // A language switch goes to the element, which keeps its session; only the page's own texts change.
  rerender = () => {
    form.locale = locale;
    app.firstElementChild?.replaceWith(header());
    quit.textContent = words().quit;
  };
  shell(notice, form, h('div', { class: 'quit' }, quit));
}

async function showResult(source: Source, survey: Survey, response: SurveyResponse): Promise<void> {
  rerender = () => void showResult(source, survey, response);
  const w = words();
  let verdict: HTMLElement;
  const load = source.kind === 'builtin' ? validators[source.id] : undefined;
  if (load) {
    const { validateSchema, plan } = await load();
    const result = createStandaloneValidator({ validateSchema, plan, locale })(
      JSON.parse(JSON.stringify(response)),
    );
    verdict = result.success
      ? h('p', { class: 'valid', id: 'verdict', 'data-valid': 'true' }, w.valid)
      : h(
          'div',
          { class: 'invalid', id: 'verdict', 'data-valid': 'false' },
          h('p', {}, w.invalid),
          h(
            'ul',
            {},
            ...result.issues.map((i) => h('li', {}, h('code', {}, formatPath(i.path)), ' ', i.message)),
          ),
        );
  } else {
    verdict = h('p', { id: 'verdict', 'data-valid': 'skipped' }, w.noValidator);
  }
  const again = h('button', { type: 'button', class: 'primary' }, w.again);
  again.addEventListener('click', () => showSetup());
  const heading = h('h2', { tabindex: '-1', id: 'result-title' }, w.resultHeading);
  shell(
    feedback(survey, response, w, locale),
    h(
      'section',
      { class: 'result', 'aria-labelledby': 'result-title' },
      heading,
      verdict,
      h(
        'pre',
        { id: 'response-json', tabindex: '0', 'aria-label': w.resultHeading },
        JSON.stringify(response, null, 2),
      ),
      again,
    ),
  );
  document.getElementById('feedback-title')?.setAttribute('tabindex', '-1');
  document.getElementById('feedback-title')?.focus();
}

/** Where the template being answered came from, if storage holds a readable one (it is the respondent's to change). */
function readSource(): Source | undefined {
  try {
    const source = JSON.parse(localStorage.getItem(SOURCE_KEY) ?? 'null') as Partial<Source> | null;
    const valid =
      (source?.kind === 'builtin' && typeof source.id === 'string') ||
      (source?.kind === 'json' && typeof source.text === 'string');
    return valid ? (source as Source) : undefined;
  } catch {
    return undefined;
  }
}

function start(): void {
  document.documentElement.lang = locale;
  const source = readSource();
  const loaded = source ? surveyFrom(source) : undefined;
  // The element resumes its own draft, and says so.
  if (source && loaded && 'survey' in loaded) run(source, loaded.survey);
  else showSetup();
}

start();
