// The kizuki playground: a whole front end on the public API — choose or paste a template, answer it
// with the headless engine, leave and resume, submit, validate with a standalone validator, and see
// one's own answers beside national figures.
// biome-ignore-all assist/source/organizeImports: jitless.js must be evaluated before kizuki builds its schemas.
import { zodConfig } from './jitless.js';
import {
  createSession,
  type QuestionView,
  restoreSession,
  type Session,
  type SurveyResponse,
} from 'kizuki/engine';
import { type Benchmark, type Issue, parseTemplate, type Survey } from 'kizuki/schema';
import { getTemplate, listTemplates } from 'kizuki/templates';
import { createStandaloneValidator } from 'kizuki/validate';
import { validators } from './generated/validators.generated.js';
import './style.css';

if (zodConfig.jitless !== true) throw new Error('zod must parse without eval under this page’s CSP');

type Locale = 'ja' | 'en';
type Source = { kind: 'builtin'; id: string } | { kind: 'json'; text: string };
interface Saved {
  source: Source;
  snapshot: unknown;
}

const SESSION_KEY = 'kizuki-playground:session';
const LOCALE_KEY = 'kizuki-playground:locale';

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
    back: '戻る',
    next: '次へ',
    submit: '送信する',
    quit: '中断して最初の画面へ',
    required: '（必須）',
    progress: (answered: number, visible: number) => `${visible}問中 ${answered}問に回答済み`,
    resumed: '前回の続きから再開しました。',
    resumeIssues: '前回の回答のうち、引き継げなかったもの:',
    personal: '個人が特定できることは書かないでください。',
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
    back: 'Back',
    next: 'Next',
    submit: 'Submit',
    quit: 'Stop and go to the start screen',
    required: ' (required)',
    progress: (answered: number, visible: number) => `${answered} of ${visible} answered`,
    resumed: 'You are continuing where you left off.',
    resumeIssues: 'Earlier answers that could not be carried over:',
    personal: 'Please do not write anything that identifies a person.',
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

/** Creates an element; attributes of null, undefined or false are left out, true sets an empty one. */
function h(
  tag: string,
  attributes: Record<string, string | number | boolean | null | undefined> = {},
  ...children: (Node | string | null | undefined | (Node | string | null | undefined)[])[]
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  // Strings become text nodes: template texts and answers are never parsed as HTML.
  for (const child of children.flat()) if (child !== null && child !== undefined) element.append(child);
  return element;
}

// ---------------------------------------------------------------------------------------------
// Questions

function renderQuestion(q: QuestionView, words: Words): HTMLElement {
  const title = q.required ? [q.label, words.required] : [q.label];
  const help = q.help === null ? null : h('p', { id: q.ids.help, class: 'kz-help' }, q.help);
  const errors = q.invalid
    ? h('ul', { id: q.ids.error, class: 'kz-error' }, ...q.errors.map((issue) => h('li', {}, issue.message)))
    : null;
  const aria = { 'aria-describedby': q.describedBy || null, 'aria-invalid': q.invalid ? 'true' : null };

  switch (q.kind) {
    case 'note':
      return h('div', { class: 'kz-q kz-note' }, h('p', { id: q.ids.label }, q.label), help);
    case 'number':
    case 'text':
    case 'date': {
      const multiline = q.kind === 'text' && q.multiline;
      const input = multiline
        ? h(
            'textarea',
            { id: q.ids.input, 'data-answer': q.id, rows: 4, autocomplete: 'off', ...aria },
            q.value ?? '',
          )
        : h('input', {
            id: q.ids.input,
            'data-answer': q.id,
            type: q.kind === 'date' ? 'date' : 'text',
            inputmode: q.kind === 'number' ? q.inputMode : null,
            min: q.kind === 'date' ? q.min : null,
            max: q.kind === 'date' ? q.max : null,
            value: q.value === null ? '' : String(q.value),
            autocomplete: 'off',
            ...aria,
          });
      const unit = q.kind === 'number' && q.unit !== null ? h('span', { class: 'kz-unit' }, q.unit) : null;
      const personal =
        q.kind === 'text' && q.personalData ? h('p', { class: 'kz-note-small' }, words.personal) : null;
      return h(
        'div',
        { class: 'kz-q' },
        h('label', { id: q.ids.label, for: q.ids.input }, ...title),
        help,
        personal,
        h('div', { class: 'kz-field' }, input, unit),
        errors,
      );
    }
    case 'matrix': {
      const column = (code: number) => `kz-${q.id}-col-${code}`;
      const head = h(
        'tr',
        {},
        h('td'),
        ...q.options.map((o) => h('th', { scope: 'col', id: column(o.code) }, o.label)),
      );
      const rows = q.items.map((item) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', id: item.ids.label }, item.label),
          ...item.options.map((o) =>
            h(
              'td',
              {},
              h('input', {
                type: 'radio',
                id: o.id,
                name: item.id,
                value: o.code,
                checked: o.selected,
                'data-choose': item.id,
                'aria-labelledby': `${item.ids.label} ${column(o.code)}`,
                'aria-invalid': item.invalid ? 'true' : null,
                'aria-describedby': item.invalid ? q.ids.error : null,
              }),
            ),
          ),
        ),
      );
      return h(
        'fieldset',
        { class: 'kz-q kz-matrix', 'aria-describedby': q.describedBy || null },
        h('legend', { id: q.ids.label }, ...title),
        help,
        h('div', { class: 'kz-scroll' }, h('table', {}, h('thead', {}, head), h('tbody', {}, ...rows))),
        errors,
      );
    }
    default: {
      // single and likert: radio buttons; multiple and ranking: check boxes, ranking numbers them.
      const type = q.kind === 'single' || q.kind === 'likert' ? 'radio' : 'checkbox';
      const otherId = q.kind === 'likert' ? null : q.otherId;
      const options = q.options.map((o) =>
        h(
          'div',
          { class: 'kz-option' },
          h('input', {
            type,
            id: o.id,
            name: q.id,
            value: o.code,
            checked: o.selected,
            'data-choose': q.id,
            ...aria,
          }),
          h('label', { for: o.id }, o.rank === null ? o.label : `${o.rank}. ${o.label}`),
          o.other && o.selected && otherId !== null
            ? h('input', {
                type: 'text',
                id: otherId,
                class: 'kz-other',
                'data-other': q.id,
                value: q.kind === 'likert' ? '' : (q.otherText ?? ''),
                'aria-label': o.label,
                autocomplete: 'off',
              })
            : null,
        ),
      );
      return h(
        'fieldset',
        { class: `kz-q kz-${q.kind}` },
        h('legend', { id: q.ids.label }, ...title),
        help,
        ...options,
        errors,
      );
    }
  }
}

/** Renders a session into `root` and keeps it current; returns the function that stops it. */
function mountSession(
  root: HTMLElement,
  session: Session,
  options: { words: () => Words; onSubmit: (response: SurveyResponse) => void; onQuit: () => void },
): () => void {
  const progress = h('p', { class: 'kz-progress', 'aria-live': 'polite' });
  const intro = h('p', { class: 'kz-intro' });
  const title = h('h2', { tabindex: '-1', id: 'page-title' });
  const description = h('p', { class: 'kz-description' });
  const questions = h('div', { class: 'kz-questions' });
  const back = h('button', { type: 'button', 'data-action': 'back' });
  const next = h('button', { type: 'button', 'data-action': 'next', class: 'primary' });
  const submit = h('button', { type: 'button', 'data-action': 'submit', class: 'primary' });
  const quit = h('button', { type: 'button', 'data-action': 'quit', class: 'quiet' });
  const form = h(
    'form',
    { class: 'kz', novalidate: true, 'aria-labelledby': 'page-title' },
    intro,
    progress,
    title,
    description,
    questions,
    h('div', { class: 'kz-nav' }, back, next, submit),
    h('div', { class: 'kz-nav' }, quit),
  );
  root.replaceChildren(form);

  const rendered = new Map<string, { view: QuestionView; element: HTMLElement; locale: string }>();
  let shownPage = -1;

  function render(): void {
    const state = session.getSnapshot();
    const words = options.words();
    const focused = document.activeElement?.id;
    form.lang = state.locale;
    intro.textContent = state.pageIndex === 0 ? (state.introduction ?? '') : '';
    intro.hidden = intro.textContent === '';
    progress.textContent = words.progress(state.progress.answered, state.progress.visible);
    title.textContent = state.page.title;
    description.textContent = state.page.description ?? '';
    description.hidden = state.page.description === null;
    back.textContent = words.back;
    next.textContent = words.next;
    submit.textContent = words.submit;
    quit.textContent = words.quit;
    back.hidden = !state.canBack;
    next.hidden = !state.canNext;
    submit.hidden = !state.canSubmit;

    // A view keeps its identity while nothing about it changes: only changed questions are redrawn.
    const elements = state.questions.map((view) => {
      const previous = rendered.get(view.id);
      if (previous?.view === view && previous.locale === state.locale) return previous.element;
      const element = renderQuestion(view, words);
      rendered.set(view.id, { view, element, locale: state.locale });
      return element;
    });
    const current = [...questions.children];
    if (current.length !== elements.length || elements.some((element, i) => element !== current[i])) {
      questions.replaceChildren(...elements);
    }
    if (state.pageIndex !== shownPage) {
      // A new page: move focus to its title so that screen readers announce it.
      if (shownPage !== -1) title.focus();
      shownPage = state.pageIndex;
    } else if (focused && document.activeElement?.id !== focused) {
      // A redrawn question replaced the focused input: focus its successor, which has the same id.
      document.getElementById(focused)?.focus();
    }
  }

  const focusFirstError = () => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();

  /** Shows why a typed value was refused (such as "12a" for a number) with the browser's own bubble. */
  function report(input: HTMLInputElement, result: { success: boolean; issues: Issue[] }): void {
    input.setCustomValidity(result.success ? '' : result.issues.map((issue) => issue.message).join('\n'));
    if (!result.success) input.reportValidity();
  }

  form.addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    if (input.dataset.choose) session.toggleOption(input.dataset.choose, Number(input.value));
    else if (input.dataset.answer) report(input, session.setAnswer(input.dataset.answer, input.value));
    else if (input.dataset.other) report(input, session.setOther(input.dataset.other, input.value));
  });
  form.addEventListener('click', (event) => {
    const action = (event.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset.action;
    if (action === 'back') session.back();
    if (action === 'next' && !session.next().success) focusFirstError();
    if (action === 'quit') options.onQuit();
    if (action === 'submit') {
      const result = session.submit();
      if (result.success) options.onSubmit(result.response);
      else focusFirstError();
    }
  });
  // Enter in a text field commits it (a change event) but must not submit the page.
  form.addEventListener('submit', (event) => event.preventDefault());
  const unsubscribe = session.subscribe(render);
  render();
  return unsubscribe;
}

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
let stop: (() => void) | undefined;
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

function shell(...content: HTMLElement[]): void {
  stop?.();
  stop = undefined;
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
  const header = h('header', {}, h('h1', {}, words().heading), language);
  app.replaceChildren(header, h('main', { id: 'main' }, ...content));
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

function begin(source: Source): void {
  const loaded = surveyFrom(source);
  if ('issues' in loaded) {
    showSetup(loaded.issues, source.kind === 'json' ? source.text : '');
    return;
  }
  const session = createSession(loaded.survey, { locale });
  run(source, loaded.survey, session, []);
}

function run(source: Source, survey: Survey, session: Session, notices: string[]): void {
  const save = () =>
    localStorage.setItem(
      SESSION_KEY,
      JSON.stringify({ source, snapshot: session.snapshot() } satisfies Saved),
    );
  save();
  const root = h('div', { class: 'survey' });
  const notice =
    notices.length > 0
      ? h('div', { class: 'notice', role: 'status' }, ...notices.map((n) => h('p', {}, n)))
      : null;
  rerender = () => {
    if (session.getSnapshot().locale !== locale) session.setLocale(locale);
    run(source, survey, session, notices);
  };
  shell(...(notice ? [notice] : []), h('h2', { class: 'survey-title' }, session.getSnapshot().title), root);
  const unmount = mountSession(root, session, {
    words,
    onSubmit: (response) => {
      localStorage.removeItem(SESSION_KEY);
      void showResult(source, survey, response);
    },
    onQuit: () => {
      localStorage.removeItem(SESSION_KEY);
      showSetup();
      document.getElementById('setup-title')?.focus();
    },
  });
  const unsubscribe = session.subscribe(save);
  stop = () => {
    unmount();
    unsubscribe();
  };
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

/** The saved session, if storage holds a readable one (storage is the respondent's to change). */
function readSaved(): Saved | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Partial<Saved> | null;
    const source = saved?.source;
    const valid =
      (source?.kind === 'builtin' && typeof source.id === 'string') ||
      (source?.kind === 'json' && typeof source.text === 'string');
    return valid ? (saved as Saved) : undefined;
  } catch {
    return undefined;
  }
}

function start(): void {
  document.documentElement.lang = locale;
  const saved = readSaved();
  const loaded = saved ? surveyFrom(saved.source) : undefined;
  if (saved && loaded && 'survey' in loaded) {
    const { session, issues } = restoreSession(loaded.survey, saved.snapshot, { locale });
    if (session.getSnapshot().locale !== locale) session.setLocale(locale);
    const notices = [words().resumed];
    if (issues.length > 0) notices.push(words().resumeIssues, ...issues.map((i) => i.message));
    run(saved.source, loaded.survey, session, notices);
    return;
  }
  showSetup();
}

start();
