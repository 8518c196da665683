// The kizuki template editor: open a built-in template, a JSON file or a workbook; edit its texts in
// Japanese and English side by side, reorder, remove and add questions, options and items, set
// visibility conditions; see the form, the paper and the change report at once; download the result.
// The state lives in editorState.ts; this file only draws it and turns clicks and keys into edits.
// biome-ignore-all assist/source/organizeImports: jitless.js must be evaluated before kizuki builds its schemas.
import { zodConfig } from '../shared/jitless.js';
import { renderQuestionnaire } from 'kizuki/report';
import { type Issue, parseTemplate, type Question, type Template } from 'kizuki/schema';
import { getTemplate, listTemplates, renderTemplateComparison } from 'kizuki/templates';
import { defineElements } from 'kizuki/ui';
import { templateToWorkbook, toXlsForm, workbookToTemplate } from 'kizuki/workbook';
import { jsonNestingDepth } from '../../src/core/jsonNestingDepth.js';
import { h } from '../shared/h.js';
import {
  applyEdit,
  canRedo,
  canUndo,
  conditionIssues,
  type Edit,
  type EditorState,
  type Locale,
  type Outcome,
  openTemplate,
  outcome,
  redo,
  setIdentity,
  type TextTarget,
  targetKey,
  undo,
} from './editorState.js';
import { WORDS, type Words } from './words.js';
import '../shared/base.css';
import './style.css';

if (zodConfig.jitless !== true) throw new Error('zod must parse without eval under this page’s CSP');
defineElements();

/** Largest file the page reads, and deepest JSON nesting: far above any template within the limits. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const MAX_JSON_DEPTH = 64;
/** How long the preview, paper and change report wait for typing to pause. */
const DEBOUNCE_MS = 250;

const app = document.getElementById('app')!;
const LOCALE_KEY = 'kizuki-editor:locale';
/** The chosen language is remembered where the browser allows storage (not in every file:// or private setting). */
function storedLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}
let locale: Locale = storedLocale();
const words = (): Words => WORDS[locale];
let state: EditorState | undefined;
let result: Outcome | undefined;
let openIssues: Issue[] = [];
/** The name of what is open, and of the file that could not be opened (with `openIssues`). */
let openedName = '';
let refusedName = '';
let chosenBuiltin = '';

function button(
  id: string,
  text: string,
  onClick: () => void,
  attributes: Record<string, string | boolean> = {},
) {
  const b = h('button', { type: 'button', id, ...attributes }, text);
  b.addEventListener('click', onClick);
  return b;
}

const local = (text: Record<string, string> | undefined) => (text ? (text[locale] ?? text.ja ?? '') : '');

// ---------------------------------------------------------------------------------------------
// Layout: a header, the open bar, the toolbar, then the editor beside the results.

function render(): void {
  document.documentElement.lang = locale;
  document.title = words().title;
  const w = words();
  const language = h('div', { class: 'language', role: 'group', 'aria-label': w.language });
  for (const [code, name] of [
    ['ja', '日本語'],
    ['en', 'English'],
  ] as const) {
    language.append(
      button(
        `lang-${code}`,
        name,
        () => {
          locale = code;
          try {
            localStorage.setItem(LOCALE_KEY, code);
          } catch {
            // Not remembered, still switched.
          }
          result = undefined; // its messages are in the other language
          render();
          document.getElementById(`lang-${code}`)?.focus();
        },
        { lang: code, 'aria-pressed': locale === code ? 'true' : 'false' },
      ),
    );
  }
  app.replaceChildren(
    h('header', {}, h('h1', {}, w.title), language),
    h(
      'main',
      { id: 'main' },
      openBar(),
      h('div', { id: 'toolbar-slot' }),
      // Kept across redraws, so that screen readers announce what is put in it.
      h('div', { id: 'download-notice', role: 'status' }),
      h(
        'div',
        { class: 'columns' },
        h('section', { id: 'editor', 'aria-labelledby': 'editor-title' }),
        h('section', { id: 'results', 'aria-labelledby': 'results-title' }),
      ),
    ),
  );
  renderToolbar();
  renderEditor();
  renderResults();
}

function openBar(): HTMLElement {
  const w = words();
  const select = h('select', { id: 'builtin' }) as HTMLSelectElement;
  for (const t of listTemplates()) {
    select.append(h('option', { value: t.id, selected: t.id === chosenBuiltin }, local(t.title)));
  }
  select.addEventListener('change', () => {
    chosenBuiltin = select.value;
  });
  const file = h('input', {
    type: 'file',
    id: 'file',
    accept: '.json,.xlsx,application/json',
  }) as HTMLInputElement;
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (chosen) void openFile(chosen);
  });
  const problems =
    openIssues.length === 0
      ? null
      : h(
          'div',
          { id: 'open-issues', class: 'issues', role: 'alert' },
          h('p', {}, w.openProblems(refusedName, openIssues.length)),
          issueList(openIssues),
        );
  return h(
    'section',
    { class: 'open', 'aria-labelledby': 'open-title' },
    h('h2', { id: 'open-title' }, w.open),
    h('p', {}, w.lead),
    h(
      'div',
      { class: 'row' },
      h('label', { for: 'builtin' }, w.builtin),
      select,
      button('open-builtin', w.openBuiltin, () => {
        const template = getTemplate(select.value);
        if (template)
          start(template as Template, local(listTemplates().find((t) => t.id === select.value)?.title));
      }),
    ),
    h('div', { class: 'row' }, h('label', { for: 'file' }, w.file), file),
    problems,
  );
}

function issueList(issues: readonly Issue[]): HTMLElement {
  return h(
    'ul',
    {},
    ...issues
      .slice(0, 50)
      .map((i) => h('li', {}, i.path.length > 0 ? h('code', {}, i.path.join('.')) : null, ' ', i.message)),
  );
}

async function openFile(file: File): Promise<void> {
  refusedName = file.name;
  const fail = (issues: Issue[]) => {
    openIssues = issues;
    render();
    document.getElementById('file')?.focus();
  };
  const problem = (message: string): Issue => ({ code: 'unreadable_file', path: [], message });
  if (file.size > MAX_FILE_BYTES) return fail([problem(words().tooBig(MAX_FILE_BYTES / 1024 / 1024))]);
  const bytes = new Uint8Array(await file.arrayBuffer());
  // A workbook is a zip: it starts with "PK".
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const read = workbookToTemplate(bytes, { locale });
    if (read.success) start(read.template, file.name);
    else fail(read.issues);
    return;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail([problem(words().notUtf8)]);
  }
  if (jsonNestingDepth(text) > MAX_JSON_DEPTH) return fail([problem(words().tooDeep(MAX_JSON_DEPTH))]);
  const parsed = parseTemplate(text, { locale });
  if (parsed.success) start(parsed.survey.template, file.name);
  else fail(parsed.issues);
}

function start(template: Template, name: string): void {
  openIssues = [];
  openedName = name;
  state = openTemplate(template);
  result = undefined;
  render();
  document.getElementById('editor-title')?.focus();
}

// ---------------------------------------------------------------------------------------------
// The toolbar: undo/redo, the result's id and version, downloads.

function renderToolbar(): void {
  const slot = document.getElementById('toolbar-slot');
  if (!slot) return;
  if (!state) {
    slot.replaceChildren();
    return;
  }
  const w = words();
  const current = state;
  const identity = (field: 'id' | 'version') => {
    const input = h('input', {
      id: `result-${field}`,
      value: current[field],
      autocomplete: 'off',
      spellcheck: 'false',
    }) as HTMLInputElement;
    input.addEventListener('change', () => {
      if (!state) return;
      const id = field === 'id' ? input.value.trim() : state.id;
      const version = field === 'version' ? input.value.trim() : state.version;
      state = setIdentity(state, id, version);
      scheduleResults(0);
    });
    return h('div', { class: 'field' }, h('label', { for: `result-${field}` }, w[field]), input);
  };
  const invalid = result === undefined || result.kind === 'invalid';
  slot.replaceChildren(
    h(
      'div',
      { class: 'toolbar', role: 'group', 'aria-label': w.tools },
      h(
        'div',
        { class: 'row' },
        button('undo', w.undo, () => step(undo), {
          disabled: !canUndo(current),
          'aria-keyshortcuts': 'Control+Z',
        }),
        button('redo', w.redo, () => step(redo), {
          disabled: !canRedo(current),
          'aria-keyshortcuts': 'Control+Y',
        }),
      ),
      h(
        'div',
        { class: 'row' },
        identity('id'),
        identity('version'),
        h('a', { href: '#results-title' }, w.toResults),
      ),
      h(
        'div',
        { class: 'row downloads' },
        button('download-json', w.downloadJson, () => download('json'), { disabled: invalid }),
        button('download-xlsx', w.downloadXlsx, () => download('xlsx'), { disabled: invalid }),
        button('download-xlsform', w.downloadXlsForm, () => download('xlsform'), { disabled: invalid }),
        button('download-paper', w.downloadPaper, () => download('paper'), { disabled: invalid }),
      ),
    ),
  );
}

function step(move: (s: EditorState) => EditorState): void {
  if (!state) return;
  const focused = document.activeElement?.id;
  state = move(state);
  renderEditor();
  renderToolbar();
  scheduleResults();
  refocus(focused);
}

/** Puts focus back on the element with this id after a redraw (or the editor heading if it is gone). */
function refocus(id: string | undefined, fallback = 'editor-title'): void {
  let target = (id && document.getElementById(id)) || document.getElementById(fallback);
  // Moved to the top or the bottom: its other move button.
  if (target instanceof HTMLButtonElement && target.disabled && id) {
    const other = id.includes('-up-') ? id.replace('-up-', '-down-') : id.replace('-down-', '-up-');
    target = document.getElementById(other);
  }
  if (target instanceof HTMLButtonElement && target.disabled) target = document.getElementById(fallback);
  target?.focus();
}

document.addEventListener('keydown', (event) => {
  if (!state || !(event.ctrlKey || event.metaKey) || event.altKey) return;
  // Inside the preview form, the keys belong to the form's own fields.
  if (event.composedPath().some((node) => node instanceof HTMLElement && node.localName === 'kizuki-survey'))
    return;
  const key = event.key.toLowerCase();
  if (key === 'z' && !event.shiftKey) {
    event.preventDefault();
    step(undo);
  } else if (key === 'y' || (key === 'z' && event.shiftKey)) {
    event.preventDefault();
    step(redo);
  }
});

// ---------------------------------------------------------------------------------------------
// The editor: every text in ja and en side by side, with buttons to move, remove and add.

function edit(change: Edit, focus?: string): void {
  if (!state) return;
  const before = state;
  state = applyEdit(state, change);
  if (state === before) return;
  if (change.kind === 'text' || change.kind === 'condition' || change.kind === 'editorial') {
    // Typing: the field keeps its element and focus; only the toolbar and the results follow.
    if (change.kind === 'condition') renderCondition(change.question);
    renderToolbar();
    scheduleResults();
    return;
  }
  const focused = document.activeElement?.id;
  const fields = new Set(japaneseFields());
  renderEditor();
  renderToolbar();
  scheduleResults();
  // Something added: its first Japanese field, ready to type into.
  const added = change.kind.startsWith('add') ? japaneseFields().find((id) => !fields.has(id)) : undefined;
  refocus(added ?? focus ?? focused);
}

const japaneseFields = () =>
  [...document.querySelectorAll('#editor [lang="ja"]:is(input, textarea)')].map((field) => field.id);

function textPair(
  target: TextTarget,
  text: Record<string, string> | undefined,
  caption: string,
): HTMLElement {
  const w = words();
  const field = (lang: Locale) => {
    const id = `f-${targetKey(target, lang)}`;
    // Question texts and matrix statements can be long: a box of two lines that shows them whole.
    const long = target.kind === 'label' || target.kind === 'help' || target.kind === 'item';
    const input = (
      long
        ? h('textarea', { id, lang, rows: 2 }, text?.[lang] ?? '')
        : h('input', { id, lang, value: text?.[lang] ?? '', autocomplete: 'off' })
    ) as HTMLInputElement | HTMLTextAreaElement;
    input.addEventListener('input', () => edit({ kind: 'text', target, locale: lang, value: input.value }));
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, `${caption}（${w.languageName[lang]}）`),
      input,
    );
  };
  return h('div', { class: 'pair' }, field('ja'), field('en'));
}

function moveButtons(
  kind: 'q' | 'o' | 'i',
  key: string,
  name: string,
  at: number,
  count: number,
  move: (by: -1 | 1) => void,
  remove: () => void,
) {
  const w = words();
  return h(
    'div',
    { class: 'row actions' },
    button(`${kind}-up-${key}`, w.up, () => move(-1), { disabled: at === 0, 'aria-label': w.upOf(name) }),
    button(`${kind}-down-${key}`, w.down, () => move(1), {
      disabled: at === count - 1,
      'aria-label': w.downOf(name),
    }),
    button(`${kind}-remove-${key}`, w.remove, remove, { 'aria-label': w.removeOf(name), class: 'danger' }),
  );
}

function renderEditor(): void {
  const host = document.getElementById('editor');
  if (!host) return;
  const w = words();
  const heading = h('h2', { id: 'editor-title', tabindex: '-1' }, w.editor);
  if (!state) {
    host.replaceChildren(heading, h('p', {}, w.nothingOpen));
    return;
  }
  const { draft } = state;
  const sections = draft.sections.map((section) => {
    const questions = section.questions.map((q, qi) => questionEditor(q, qi, section.questions.length));
    const addAtEnd = button(`add-q-${section.id}`, w.addQuestion, () =>
      edit({ kind: 'addQuestion', section: section.id }, `add-q-${section.id}`),
    );
    return h(
      'section',
      { class: 'section', 'aria-labelledby': `s-${section.id}` },
      h('h3', { id: `s-${section.id}` }, `${w.section} ${section.id}: ${local(section.title)}`),
      textPair({ kind: 'section', section: section.id }, section.title, w.sectionTitle),
      h('ol', { class: 'questions' }, ...questions),
      addAtEnd,
    );
  });
  host.replaceChildren(
    heading,
    h('p', { class: 'opened' }, w.opened(openedName, state.base.id, state.base.version)),
    textPair({ kind: 'title' }, draft.title, w.templateTitle),
    ...sections,
  );
  for (const section of draft.sections) for (const q of section.questions) renderCondition(q.id);
}

function questionEditor(q: Question, at: number, count: number): HTMLElement {
  const w = words();
  const name = `${q.id} ${local(q.label)}`;
  const parts: (HTMLElement | null)[] = [
    h('h4', { id: `q-${q.id}` }, `${q.id}（${w.types[q.type]}）`),
    moveButtons(
      'q',
      q.id,
      name,
      at,
      count,
      (by) => edit({ kind: 'moveQuestion', question: q.id, by }, `q-${by < 0 ? 'up' : 'down'}-${q.id}`),
      () => edit({ kind: 'removeQuestion', question: q.id }, `q-remove-${nextQuestionId(q.id) ?? ''}`),
    ),
    textPair({ kind: 'label', question: q.id }, q.label, w.label),
    textPair({ kind: 'help', question: q.id }, q.help, w.help),
    editorialBox(q.id),
    conditionEditor(q),
  ];
  if (q.type === 'single' || q.type === 'multiple' || q.type === 'ranking') {
    parts.push(
      childList(
        w.optionsOf(q.id),
        q.options.map((o, oi) => [
          textPair({ kind: 'option', question: q.id, code: o.code }, o.label, w.option(o.code)),
          moveButtons(
            'o',
            `${q.id}-${o.code}`,
            `${w.option(o.code)} ${local(o.label)}`,
            oi,
            q.options.length,
            (by) =>
              edit(
                { kind: 'moveOption', question: q.id, code: o.code, by },
                `o-${by < 0 ? 'up' : 'down'}-${q.id}-${o.code}`,
              ),
            () => edit({ kind: 'removeOption', question: q.id, code: o.code }, `add-o-${q.id}`),
          ),
        ]),
        button(`add-o-${q.id}`, w.addOption, () =>
          edit({ kind: 'addOption', question: q.id }, `add-o-${q.id}`),
        ),
      ),
    );
  }
  if (q.type === 'matrix') {
    parts.push(
      childList(
        w.itemsOf(q.id),
        q.items.map((item, ii) => [
          textPair({ kind: 'item', item: item.id }, item.text, w.item(item.id)),
          editorialBox(item.id),
          moveButtons(
            'i',
            item.id,
            `${w.item(item.id)} ${local(item.text)}`,
            ii,
            q.items.length,
            (by) => edit({ kind: 'moveItem', item: item.id, by }, `i-${by < 0 ? 'up' : 'down'}-${item.id}`),
            () => edit({ kind: 'removeItem', item: item.id }, `add-i-${q.id}`),
          ),
        ]),
        button(`add-i-${q.id}`, w.addItem, () => edit({ kind: 'addItem', question: q.id }, `add-i-${q.id}`)),
      ),
    );
  }
  const section = state?.draft.sections.find((s) => s.questions.some((x) => x.id === q.id));
  parts.push(
    button(`add-after-${q.id}`, w.addQuestionAfter, () =>
      edit({ kind: 'addQuestion', section: section!.id, after: q.id }),
    ),
  );
  return h('li', { class: 'question', 'aria-labelledby': `q-${q.id}` }, ...parts);
}

/** The options of a choice or the items of a matrix: a labelled group, one row each, and an add button. */
function childList(label: string, rows: (HTMLElement | null)[][], add: HTMLElement): HTMLElement {
  return h(
    'div',
    { class: 'options', role: 'group', 'aria-label': label },
    h('ol', {}, ...rows.map((row) => h('li', {}, ...row))),
    add,
  );
}

/**
 * "Only the wording changed": a reworded question or item of the base keeps its id, and so its
 * comparability with the previous wave. Not shown for what the base does not have.
 */
function editorialBox(id: string): HTMLElement | null {
  if (!state || !baseIds().has(id)) return null;
  const box = h('input', {
    type: 'checkbox',
    id: `e-${id}`,
    checked: state.editorial.includes(id),
  }) as HTMLInputElement;
  box.addEventListener('change', () => edit({ kind: 'editorial', id, editorial: box.checked }));
  return h('div', { class: 'check' }, box, h('label', { for: `e-${id}` }, words().editorial));
}

let baseIdsOf: { base: Template; ids: Set<string> } | undefined;
function baseIds(): Set<string> {
  if (state && baseIdsOf?.base !== state.base) {
    const ids = new Set<string>();
    for (const section of state.base.sections) {
      for (const q of section.questions) {
        ids.add(q.id);
        if (q.type === 'matrix') for (const item of q.items) ids.add(item.id);
      }
    }
    baseIdsOf = { base: state.base, ids };
  }
  return baseIdsOf?.ids ?? new Set();
}

function nextQuestionId(id: string): string | undefined {
  const all = state?.draft.sections.flatMap((s) => s.questions.map((q) => q.id)) ?? [];
  const at = all.indexOf(id);
  return all[at + 1] ?? all[at - 1];
}

function conditionEditor(q: Question): HTMLElement {
  const w = words();
  const id = `c-${q.id}`;
  const input = h('input', {
    id,
    value: q.visibleIf ?? '',
    autocomplete: 'off',
    spellcheck: 'false',
    class: 'code',
    'aria-describedby': `${id}-hint ${id}-messages`,
  }) as HTMLInputElement;
  input.addEventListener('input', () => edit({ kind: 'condition', question: q.id, source: input.value }));
  return h(
    'div',
    { class: 'field condition' },
    h('label', { for: id }, w.condition),
    input,
    h('p', { id: `${id}-hint`, class: 'hint' }, w.conditionHint),
    h('div', { id: `${id}-messages`, class: 'messages' }),
  );
}

/** The expression checker's messages under a condition field, and its aria-invalid. */
function renderCondition(question: string): void {
  if (!state) return;
  const input = document.getElementById(`c-${question}`);
  const messages = document.getElementById(`c-${question}-messages`);
  if (!input || !messages) return;
  const issues = conditionIssues(state.draft, question, locale);
  input.setAttribute('aria-invalid', issues.length > 0 ? 'true' : 'false');
  messages.replaceChildren(...issues.map((i) => h('p', { class: 'error' }, i.message)));
}

// ---------------------------------------------------------------------------------------------
// Results: what the edits come to, the change report, the live form and the paper.

let timer: ReturnType<typeof setTimeout> | undefined;
function scheduleResults(delay = DEBOUNCE_MS): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    if (!state) return;
    result = outcome(state, locale);
    renderResults();
    renderToolbar();
  }, delay);
}

function renderResults(): void {
  const host = document.getElementById('results');
  if (!host) return;
  const w = words();
  const heading = h('h2', { id: 'results-title', tabindex: '-1' }, w.results);
  if (!state) {
    host.replaceChildren(heading);
    return;
  }
  if (!result) {
    host.replaceChildren(heading, h('p', { id: 'outcome', role: 'status' }, w.working));
    scheduleResults(0);
    return;
  }
  const summary = h(
    'div',
    { id: 'outcome', role: 'status', 'data-kind': result.kind },
    h('p', {}, w.outcome[result.kind](result.changes?.length ?? 0, result.unexpressed?.join('.') ?? '')),
    result.survey
      ? h('p', { class: 'hash' }, `${w.hash}: `, h('code', { id: 'result-hash' }, result.survey.hash))
      : null,
    result.kind === 'invalid'
      ? h('div', { class: 'issues', id: 'result-issues' }, issueList(result.issues))
      : null,
  );
  const report = h('div', {
    id: 'report',
    class: 'scroll',
    tabindex: '0',
    role: 'region',
    'aria-label': w.report,
  });
  // The library escapes every template text in this fragment.
  if (result.comparison)
    report.innerHTML = renderTemplateComparison(result.comparison, { format: 'html', locale });
  const preview = h('div', { id: 'preview', class: 'preview' });
  const paper = h('div', {
    id: 'paper',
    class: 'scroll',
    tabindex: '0',
    role: 'region',
    'aria-label': w.paper,
  });
  if (result.survey) {
    const form = document.createElement('kizuki-survey');
    // A preview: answers are tried out, never saved (no autosave to localStorage) nor sent.
    form.storage = null;
    form.locale = locale;
    form.survey = result.survey;
    preview.append(form);
    showPaper(paper, renderQuestionnaire({ survey: result.survey, locale }));
  }
  host.replaceChildren(
    heading,
    summary,
    h('h3', {}, w.report),
    report,
    h('h3', {}, w.preview),
    preview,
    h('h3', {}, w.paper),
    paper,
  );
}

/**
 * Shows the paper questionnaire (a whole HTML document with its own <style>) in a shadow root: its
 * styles are adopted as a constructed style sheet, which the page's `style-src 'self'` allows where
 * an inline <style> or an iframe's srcdoc would not.
 */
function showPaper(host: HTMLElement, html: string): void {
  // Styles are taken out of the text before it is parsed: Chrome checks even a DOMParser document's
  // <style> and style attributes against this page's policy. The renderer writes both plainly.
  let css = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
  css = css.replace(/:root\b/g, ':host').replace(/(^|[\s,}])body(?=[\s,{])/g, '$1.paper');
  // Style attributes (the widths of writing boxes) become classes.
  const classes = new Map<string, string>();
  const body = (/<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '').replace(
    / style="([^"]*)"/g,
    (_, style: string) => {
      if (!classes.has(style)) classes.set(style, `kz-style-${classes.size}`);
      return ` data-style="${classes.get(style)}"`;
    },
  );
  for (const [style, name] of classes) css += `\n[data-style="${name}"] { ${style} }`;
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${body}</body>`, 'text/html');
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [sheet];
  const paper = h('div', { class: 'paper', lang: /<html lang="([a-z-]+)"/.exec(html)?.[1] ?? locale });
  paper.append(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
  root.append(paper);
}

// ---------------------------------------------------------------------------------------------
// Downloads.

function download(kind: 'json' | 'xlsx' | 'xlsform' | 'paper'): void {
  const survey = result?.survey;
  if (!survey) return;
  const template = survey.template;
  const name = `${template.id}-${template.version}`;
  let blob: Blob;
  let file: string;
  let dropped: Issue[] = [];
  if (kind === 'json') {
    blob = new Blob([`${JSON.stringify(template, null, 2)}\n`], { type: 'application/json' });
    file = `${name}.json`;
  } else if (kind === 'paper') {
    blob = new Blob([renderQuestionnaire({ survey, locale })], { type: 'text/html' });
    file = `${name}-paper.html`;
  } else {
    const made = kind === 'xlsx' ? templateToWorkbook(template, { locale }) : toXlsForm(template, { locale });
    if (!made.success) {
      notice(words().notSaved, made.issues);
      return;
    }
    // What XLSForm cannot carry is said, never dropped silently.
    if (kind === 'xlsform')
      dropped = (made as Extract<ReturnType<typeof toXlsForm>, { success: true }>).dropped;
    blob = new Blob([made.bytes as Uint8Array<ArrayBuffer>], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    file = kind === 'xlsx' ? `${name}.xlsx` : `${name}-xlsform.xlsx`;
  }
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: file, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  notice(words().saved(file), dropped, words().dropped(dropped.length));
}

/** Says what was saved, with the problems or the left-out parts in a list that opens on request. */
function notice(message: string, issues: readonly Issue[] = [], summary = ''): void {
  const host = document.getElementById('download-notice');
  if (!host) return;
  const list = issueList(issues);
  const details = summary === '' ? list : h('details', {}, h('summary', {}, summary), list);
  host.replaceChildren(h('p', {}, message), ...(issues.length === 0 ? [] : [details]));
}

render();
