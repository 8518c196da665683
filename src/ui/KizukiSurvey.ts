/// <reference lib="dom" />
import type { Issue } from '../core/issue.js';
import {
  type AnswerInput,
  createSession,
  type PageMode,
  type QuestionView,
  restoreSession,
  type Session,
  type SessionState,
  type Survey,
} from '../engine/index.js';
import { bindSession } from './bindSession.js';
import type { KizukiErrorDetail } from './events.js';
import { h } from './h.js';
import {
  type Backoff,
  createDraftStore,
  createKioskGuard,
  createSubmissionQueue,
  type DraftStorage,
  type DraftStore,
  type KioskGuard,
  localStorageDraftStorage,
  memoryDraftStorage,
  type SendResponse,
  type SubmissionQueue,
  type SubmissionStatus,
} from './persist/index.js';
import { renderQuestion } from './renderQuestion.js';
import { styleSheet } from './styles.js';
import { type Words, wordsFor } from './words.js';

/** What `parseTemplate` from `kizuki/schema` returns; passed in so that a pre-parsed survey never loads zod. */
export type TemplateParser = (
  template: unknown,
  options: { locale: 'ja' | 'en' },
) => { success: true; survey: Survey } | { success: false; issues: Issue[] };

type Mode = 'form' | 'review' | 'done' | 'broken';

/** Dispatches a typed, bubbling event that crosses shadow roots. */
export function emit<K extends 'kizuki-change' | 'kizuki-page' | 'kizuki-submit' | 'kizuki-error'>(
  target: EventTarget,
  type: K,
  detail: HTMLElementEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/** The text of an answer as the review shows it, from the engine's view only. */
function answerText(q: QuestionView, words: Words): string | null {
  switch (q.kind) {
    case 'note':
    case 'matrix':
      return null;
    case 'single':
    case 'multiple':
    case 'ranking':
    case 'likert': {
      const chosen = q.options.filter((o) => o.selected);
      if (q.kind === 'ranking') chosen.sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
      const other = q.kind === 'likert' ? null : q.otherText;
      const labels = chosen.map((o) => (o.other && other ? `${o.label}: ${other}` : o.label));
      return labels.length === 0 ? null : labels.join(words.separator);
    }
    case 'number':
      return q.value === null ? null : q.unit === null ? String(q.value) : `${q.value} ${q.unit}`;
    default:
      return q.value;
  }
}

/**
 * Redraws a question around the field the respondent is typing in (a text, number, date or "other"
 * field), which stays in the document: moving it would drop the focus, the caret, the IME and a
 * date's half-typed parts. Only its ARIA state is taken from the new rendering. Returns whether
 * `before` was patched (and stays the question's element).
 */
export function patchAroundFocus(before: HTMLElement, after: HTMLElement, focused: Element | null): boolean {
  if (!(focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement)) return false;
  if (focused.type === 'radio' || focused.type === 'checkbox') return false;
  const keep = Array.from(before.children).find((child) => child.contains(focused));
  const fresh = after.querySelector(`[id="${focused.id}"]`);
  const replaced = Array.from(after.children).find((child) => fresh && child.contains(fresh));
  if (!keep || !fresh || !replaced) return false;
  for (const name of ['aria-invalid', 'aria-describedby']) {
    const value = fresh.getAttribute(name);
    if (value === null) focused.removeAttribute(name);
    else focused.setAttribute(name, value);
  }
  for (const child of Array.from(before.children)) if (child !== keep) child.remove();
  const children = Array.from(after.children);
  const at = children.indexOf(replaced);
  keep.before(...children.slice(0, at));
  keep.after(...children.slice(at + 1));
  return true;
}

/**
 * `<kizuki-survey>`: a whole survey form — pages, progress, every question type, validation
 * messages, a review step and a thank-you state — over a session of the headless engine, which
 * decides everything. Give it a parsed survey (`survey`) or template JSON (`template`, with
 * `parse` set to `parseTemplate` from `kizuki/schema`).
 *
 * @example
 * ```ts
 * import { defineElements } from 'kizuki/ui';
 * defineElements();
 * const form = document.createElement('kizuki-survey');
 * form.survey = survey; // from your server: loadTemplate(templateJson)
 * form.addEventListener('kizuki-submit', (e) => send(e.detail.response));
 * document.body.append(form);
 * ```
 */
export class KizukiSurvey extends HTMLElement {
  static readonly observedAttributes = ['locale', 'page-mode', 'action', 'kiosk', 'idle-ms', 'draft-key'];

  #survey: Survey | undefined;
  #template: unknown;
  #parse: TemplateParser | undefined;
  #snapshot: unknown;
  #answers: Readonly<Record<string, AnswerInput>> | undefined;
  #storage: DraftStorage | null | undefined;
  #send: SendResponse | undefined;
  #backoff: Backoff | undefined;
  #session: Session | null = null;
  #unsubscribe: (() => void) | null = null;
  #cleanups: (() => void)[] = [];
  #drafts: DraftStore | null = null;
  #queue: SubmissionQueue | null = null;
  #guard: KioskGuard | null = null;
  #status: SubmissionStatus | null = null;
  #generation = 0;
  #scheduled = false;
  #mode: Mode = 'form';
  #collecting = false;
  #shownPage = -1;
  #rendered = new Map<string, { view: QuestionView; element: HTMLElement }>();
  readonly #shadow: ShadowRoot;
  readonly #live: HTMLElement;
  readonly #main: HTMLElement;
  readonly #notice: HTMLElement;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    this.#shadow.adoptedStyleSheets = [styleSheet()];
    this.#live = h('p', { class: 'kz-sr', role: 'status', 'aria-live': 'polite' });
    this.#notice = h('div', { class: 'kz-notice', part: 'notice', hidden: true });
    this.#main = h('div');
    this.#shadow.append(h('div', { class: 'kz', part: 'root' }, this.#live, this.#notice, this.#main));
  }

  /** A parsed survey (what `loadTemplate` returns), typically sent by the server as JSON. */
  get survey(): Survey | undefined {
    return this.#survey;
  }
  set survey(value: Survey | undefined) {
    this.#survey = value;
    this.#restart();
  }

  /** Template JSON (object or text), parsed in the browser with {@link KizukiSurvey.parse}. */
  get template(): unknown {
    return this.#template;
  }
  set template(value: unknown) {
    this.#template = value;
    this.#survey = undefined;
    this.#restart();
  }

  /** `parseTemplate` from `kizuki/schema`; needed only for {@link KizukiSurvey.template}. */
  get parse(): TemplateParser | undefined {
    return this.#parse;
  }
  set parse(value: TemplateParser | undefined) {
    this.#parse = value;
    if (this.#template !== undefined) this.#restart();
  }

  /** A saved session snapshot to resume (what `session.snapshot()` returned), restored by the engine. */
  get snapshot(): unknown {
    return this.#snapshot;
  }
  set snapshot(value: unknown) {
    this.#snapshot = value;
    this.#restart();
  }

  /** Answers to start with, by question or matrix item id; refused ones are reported by `kizuki-error`. */
  get answers(): Readonly<Record<string, AnswerInput>> | undefined {
    return this.#answers;
  }
  set answers(value: Readonly<Record<string, AnswerInput>> | undefined) {
    this.#answers = value;
    this.#restart();
  }

  /** The language (`locale` attribute): `ja` by default, or another of the template's locales. */
  get locale(): string {
    return this.getAttribute('locale') ?? 'ja';
  }
  set locale(value: string) {
    this.setAttribute('locale', value);
  }

  /** `section` (default): a page per section; `question`: a page per question (`page-mode` attribute). */
  get pageMode(): PageMode {
    return this.getAttribute('page-mode') === 'question' ? 'question' : 'section';
  }
  set pageMode(value: PageMode) {
    this.setAttribute('page-mode', value);
  }

  /**
   * Where drafts (and unsent responses) are kept: `localStorage` by default, which degrades to
   * memory with a visible notice when it is unavailable or full; any {@link DraftStorage}; or `null`
   * for no autosave.
   */
  get storage(): DraftStorage | null | undefined {
    return this.#storage;
  }
  set storage(value: DraftStorage | null | undefined) {
    this.#storage = value;
    this.#restart();
  }

  /**
   * Delivers a submitted response: resolve when the host has stored it, reject to have it retried.
   * Or set the `action` attribute to a URL to POST it as JSON. Without either, the host takes the
   * response from the `kizuki-submit` event.
   */
  get send(): SendResponse | undefined {
    return this.#send;
  }
  set send(value: SendResponse | undefined) {
    this.#send = value;
    this.#restart();
  }

  /** The retry schedule of failed deliveries (see the submission queue). */
  get backoff(): Backoff | undefined {
    return this.#backoff;
  }
  set backoff(value: Backoff | undefined) {
    this.#backoff = value;
    this.#restart();
  }

  /** The engine session behind the form (null before a survey is given or when it is broken). */
  get session(): Session | null {
    return this.#session;
  }

  /** Shows a notice above the form (such as "answers are kept only until this page is closed"); null hides it. */
  showNotice(text: string | null): void {
    this.#notice.textContent = text ?? '';
    this.#notice.hidden = text === null;
  }

  connectedCallback(): void {
    this.#restart();
  }

  disconnectedCallback(): void {
    void this.#drafts?.flush();
    this.#generation++;
    this.#teardown();
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (previous === value) return;
    if (name === 'locale' && this.#session && value !== null) {
      this.#session.setLocale(value);
      if (this.#mode !== 'form') this.#renderMode();
    } else this.#restart();
  }

  /** Starts again once, after the properties set in the same task. */
  #restart(): void {
    if (this.#scheduled || !this.isConnected) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      void this.#start();
    });
  }

  #teardown(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.#drafts = this.#queue = this.#guard = null;
  }

  async #start(): Promise<void> {
    const generation = ++this.#generation;
    this.#teardown();
    this.#status = null;
    this.#session = null;
    this.#rendered.clear();
    this.#shownPage = -1;
    const words = wordsFor(this.locale);
    const messageLocale = words === wordsFor('ja') ? 'ja' : 'en';
    let survey = this.#survey;
    if (survey === undefined && this.#template !== undefined) {
      if (!this.#parse) {
        this.#broken([{ code: 'no_parser', path: [], message: words.noParser }]);
        return;
      }
      const parsed = this.#parse(this.#template, { locale: messageLocale });
      if (!parsed.success) {
        this.#broken(parsed.issues);
        return;
      }
      survey = parsed.survey;
    }
    if (survey === undefined) return;
    const storage: DraftStorage | null =
      this.#storage === null
        ? null
        : (this.#storage ??
          localStorageDraftStorage({
            onDegraded: () => this.showNotice(fallback.notice(messageLocale)?.message ?? null),
          }));
    const fallback = storage as ReturnType<typeof localStorageDraftStorage>;
    try {
      const options = { locale: this.locale, pageMode: this.pageMode };
      if (this.#snapshot !== undefined) {
        const restored = restoreSession(survey, this.#snapshot, options);
        this.#session = restored.session;
        if (restored.issues.length > 0) this.#error('answers', restored.issues);
      } else if (storage) {
        const drafts = createDraftStore({
          storage,
          key: this.getAttribute('draft-key') ?? survey.template.id,
        });
        const loaded = await drafts.load(survey, options);
        if (generation !== this.#generation) return;
        this.#drafts = drafts;
        this.#session = loaded.session;
        // A locale the host sets explicitly wins over the one the draft was saved in.
        if (this.hasAttribute('locale')) loaded.session.setLocale(this.locale);
        if (loaded.issues.length > 0) {
          this.#error('answers', loaded.issues);
          this.showNotice(words.keptAside);
        } else if (loaded.resumed) this.showNotice(words.resumed);
      } else this.#session = createSession(survey, options);
    } catch (error) {
      // A survey object that was not made by parseTemplate: say so rather than show a blank form.
      const reason = error instanceof Error ? error.message : String(error);
      this.#broken([{ code: 'survey_invalid', path: [], message: words.crashed(reason) }]);
      return;
    }
    const session = this.#session;
    const refused: Issue[] = [];
    for (const [id, value] of Object.entries(this.#answers ?? {})) {
      const result = session.setAnswer(id, value);
      if (!result.success) refused.push(...result.issues);
    }
    if (refused.length > 0) this.#error('answers', refused);
    this.#persist(storage, messageLocale);
    this.#mode = 'form';
    this.#unsubscribe = session.subscribe(() => {
      if (!this.#collecting && this.#mode === 'form') this.#render();
    });
    this.#renderMode();
  }

  /** Autosave, the submission queue and kiosk mode, from the persistence module. */
  #persist(storage: DraftStorage | null, locale: 'ja' | 'en'): void {
    const session = this.#session!;
    const drafts = this.#drafts;
    if (drafts) {
      const stop = drafts.watch(session);
      const flush = () => void drafts.flush();
      addEventListener('pagehide', flush);
      this.#cleanups.push(() => {
        void stop();
        removeEventListener('pagehide', flush);
      });
    }
    const send = this.#send ?? this.getAttribute('action') ?? undefined;
    if (send !== undefined) {
      const queue = createSubmissionQueue({
        send,
        storage: storage ?? memoryDraftStorage(),
        locale,
        ...(this.#backoff ? { backoff: this.#backoff } : {}),
      });
      this.#queue = queue;
      const unsubscribe = queue.subscribe((status) => this.#delivery(status));
      this.#cleanups.push(() => {
        unsubscribe();
        queue.dispose();
      });
      // Responses left unsent by an earlier visit go out now.
      void queue.resume();
    }
    if (this.hasAttribute('kiosk')) {
      const idle = Number(this.getAttribute('idle-ms'));
      const guard = createKioskGuard({
        ...(idle > 0 ? { idleMs: idle } : {}),
        clear: () => drafts?.clear(),
        onIdle: () => {
          this.#snapshot = undefined;
          this.#restart();
        },
        target: this,
      });
      this.#guard = guard;
      this.#cleanups.push(() => guard.dispose());
    }
  }

  #delivery(status: SubmissionStatus): void {
    if (status.respondentId !== this.#session?.snapshot().respondentId) return;
    this.#status = status;
    if (status.status === 'failure') this.#error('delivery', [status.issue]);
    if (status.status !== 'pending') void this.#drafts?.clear();
    if (this.#mode === 'done') this.#done();
  }

  #error(kind: KizukiErrorDetail['kind'], issues: readonly Issue[]): void {
    emit(this, 'kizuki-error', { kind, issues, message: issues.map((issue) => issue.message).join('\n') });
  }

  #broken(issues: readonly Issue[]): void {
    const words = wordsFor(this.locale);
    this.#mode = 'broken';
    this.#main.replaceChildren(
      h(
        'div',
        { class: 'kz-notice kz-broken', role: 'alert', part: 'error' },
        h('h2', {}, words.brokenTitle),
        h('p', {}, words.brokenLead),
        h(
          'ul',
          {},
          ...issues.map((issue) =>
            h('li', {}, issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message),
          ),
        ),
      ),
    );
    this.#error('broken', issues);
  }

  #renderMode(): void {
    if (this.#mode === 'form') this.#renderForm();
    else if (this.#mode === 'review') this.#review();
    else if (this.#mode === 'done') this.#done();
  }

  // The form is built once per session and then patched by #render.
  #form: {
    title: HTMLElement;
    intro: HTMLElement;
    progress: HTMLProgressElement;
    progressText: HTMLElement;
    heading: HTMLElement;
    description: HTMLElement;
    questions: HTMLElement;
    back: HTMLElement;
    next: HTMLElement;
    review: HTMLElement;
  } | null = null;

  #renderForm(): void {
    const session = this.#session!;
    const f = {
      title: h('h2', { part: 'title' }),
      intro: h('p', { class: 'kz-help' }),
      progress: h('progress', { 'aria-hidden': 'true' }) as HTMLProgressElement,
      progressText: h('span'),
      heading: h('h3', { tabindex: '-1', part: 'page-title' }),
      description: h('p', { class: 'kz-help' }),
      questions: h('div'),
      back: h('button', { type: 'button', part: 'button' }),
      next: h('button', { type: 'button', class: 'kz-primary', part: 'button primary' }),
      review: h('button', { type: 'button', class: 'kz-primary', part: 'button primary' }),
    };
    this.#form = f;
    this.#rendered.clear();
    f.back.addEventListener('click', () => session.back());
    f.next.addEventListener('click', () => {
      const result = session.next();
      if (!result.success) this.#focusFirstError(result.issues.length);
    });
    f.review.addEventListener('click', () => this.#toReview());
    const form = h(
      'form',
      { novalidate: true, part: 'form' },
      f.heading,
      f.description,
      f.questions,
      h('div', { class: 'kz-nav' }, f.back, f.next, f.review),
    );
    // Enter in a text field commits it (a change event) but must not submit anything.
    form.addEventListener('submit', (event) => event.preventDefault());
    bindSession(form, session, (id, result) =>
      emit(this, 'kizuki-change', { id, result, state: session.getSnapshot() }),
    );
    this.#main.replaceChildren(
      h('header', {}, f.title, f.intro),
      h('p', { class: 'kz-progress', part: 'progress' }, f.progress, f.progressText),
      form,
    );
    this.#render();
  }

  #render(): void {
    const f = this.#form;
    const session = this.#session;
    if (!f || !session) return;
    const state = session.getSnapshot();
    const words = wordsFor(state.locale);
    const focusedId = this.#shadow.activeElement?.id;
    this.#main.parentElement!.setAttribute('lang', state.locale);
    f.title.textContent = state.title;
    f.intro.textContent = state.introduction ?? '';
    f.intro.hidden =
      state.introduction === null || state.pageIndex !== state.pages.findIndex((p) => p.visible);
    f.progress.max = Math.max(state.progress.visible, 1);
    f.progress.value = state.progress.answered;
    f.progressText.textContent = words.progress(state.progress.answered, state.progress.visible);
    f.heading.textContent = state.page.title;
    f.description.textContent = state.page.description ?? '';
    f.description.hidden = state.page.description === null;
    f.back.textContent = words.back;
    f.next.textContent = words.next;
    f.review.textContent = words.review;
    f.back.hidden = !state.canBack;
    f.next.hidden = !state.canNext;
    f.review.hidden = !state.canSubmit;

    // A view keeps its identity while nothing about it changes: only changed questions are redrawn.
    const elements = state.questions.map((view) => {
      const previous = this.#rendered.get(view.id);
      if (previous?.view === view) return previous.element;
      const fresh = renderQuestion(view, words);
      const element =
        previous && patchAroundFocus(previous.element, fresh, this.#shadow.activeElement)
          ? previous.element
          : fresh;
      this.#rendered.set(view.id, { view, element });
      return element;
    });
    const current = Array.from(f.questions.children);
    if (current.length !== elements.length || elements.some((element, i) => element !== current[i])) {
      f.questions.replaceChildren(...elements);
    }

    if (state.pageIndex !== this.#shownPage) {
      const first = this.#shownPage === -1;
      this.#shownPage = state.pageIndex;
      for (const id of [...this.#rendered.keys()])
        if (!state.questions.some((q) => q.id === id)) this.#rendered.delete(id);
      if (!first) {
        // A new page: focus its title, so screen readers read it and Tab starts from the top.
        f.heading.focus();
        const visible = state.pages.filter((p) => p.visible);
        this.#announce(words.page(visible.indexOf(state.page) + 1, visible.length, state.page.title));
      }
      emit(this, 'kizuki-page', { state });
    } else if (focusedId && this.#shadow.activeElement?.id !== focusedId) {
      // A redrawn question replaced the focused input: focus its successor, which has the same id.
      (this.#shadow.getElementById(focusedId) as HTMLElement | null)?.focus();
    }
  }

  #announce(text: string): void {
    // Cleared first so that the same text twice is announced twice.
    this.#live.textContent = '';
    requestAnimationFrame(() => {
      this.#live.textContent = text;
    });
  }

  #focusFirstError(count: number): void {
    const words = wordsFor(this.#session!.getSnapshot().locale);
    (this.#shadow.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
    this.#announce(words.errors(count));
  }

  #toReview(): void {
    const session = this.#session!;
    const result = session.submit();
    if (!result.success) {
      this.#focusFirstError(result.issues.length);
      return;
    }
    this.#mode = 'review';
    this.#review();
  }

  /** The review step: every visible page's questions and answers, as the engine shows them. */
  #review(): void {
    const session = this.#session!;
    const here = session.getSnapshot().pageIndex;
    const pages: { index: number; state: SessionState }[] = [];
    this.#collecting = true;
    try {
      for (const page of session.getSnapshot().pages) {
        if (!page.visible) continue;
        session.goTo(page.index);
        pages.push({ index: page.index, state: session.getSnapshot() });
      }
      session.goTo(here);
    } finally {
      this.#collecting = false;
    }
    const words = wordsFor(session.getSnapshot().locale);
    const heading = h('h2', { tabindex: '-1', part: 'title' }, words.reviewTitle);
    const submit = h('button', { type: 'button', class: 'kz-primary', part: 'button primary' }, words.submit);
    submit.addEventListener('click', () => this.#submit());
    const sections = pages.map(({ index, state }) => {
      const edit = h('button', { type: 'button', part: 'button' }, words.edit);
      edit.addEventListener('click', () => {
        session.goTo(index);
        this.#mode = 'form';
        this.#shownPage = -1;
        this.#renderForm();
        this.#form?.heading.focus();
      });
      const rows = state.questions.flatMap((q) => {
        if (q.kind === 'matrix')
          return q.items.flatMap((item) => [
            h('dt', {}, `${q.label} — ${item.label}`),
            h('dd', {}, item.options.find((o) => o.selected)?.label ?? words.notAnswered),
          ]);
        if (q.kind === 'note') return [];
        return [h('dt', {}, q.label), h('dd', {}, answerText(q, words) ?? words.notAnswered)];
      });
      return h('section', {}, h('h3', {}, state.page.title), h('dl', {}, ...rows), edit);
    });
    this.#main.parentElement!.setAttribute('lang', session.getSnapshot().locale);
    this.#main.replaceChildren(
      h(
        'div',
        { class: 'kz-review', part: 'review' },
        heading,
        h('p', {}, words.reviewLead),
        ...sections,
        h('div', { class: 'kz-nav' }, submit),
      ),
    );
    heading.focus();
  }

  #submit(): void {
    const result = this.#session!.submit();
    if (!result.success) {
      this.#mode = 'form';
      this.#renderForm();
      this.#focusFirstError(result.issues.length);
      return;
    }
    emit(this, 'kizuki-submit', { response: result.response });
    this.#mode = 'done';
    const queue = this.#queue;
    if (queue) {
      this.#status = { status: 'pending', respondentId: result.response.respondentId, attempt: 1 };
      void queue.submit(result.response);
    } else void this.#drafts?.clear();
    void this.#guard?.end();
    this.#done();
  }

  /** The end: pending, delivered (thank you) or failed-and-kept, as the submission queue reports. */
  #done(): void {
    const words = wordsFor(this.#session?.getSnapshot().locale ?? this.locale);
    const status = this.#status;
    let title = words.thanks;
    let lead = words.thanksLead;
    let retry: HTMLElement | null = null;
    if (status?.status === 'pending') [title, lead] = [words.sending, words.sendingLead];
    else if (status?.status === 'failure') {
      // A refusal shows the receiver's own explanation (the collector's is in the survey's
      // language); a network failure shows plain words, and its technical reason (often the
      // browser's English) goes to the host in kizuki-error.
      title = status.retryAt === null ? words.refused : words.retrying;
      lead = status.retryAt === null ? status.issue.message : words.retryingLead;
      if (status.retryAt !== null) {
        retry = h('button', { type: 'button', class: 'kz-primary', part: 'button primary' }, words.retryNow);
        retry.addEventListener('click', () => void this.#queue?.resume());
      }
    }
    const heading = h('h2', { tabindex: '-1', part: 'title' }, title);
    this.#main.replaceChildren(
      h(
        'div',
        { class: 'kz-done', part: 'done', 'data-status': status?.status ?? 'success' },
        heading,
        h('p', {}, lead),
        retry,
      ),
    );
    heading.focus();
    this.#announce(title);
  }
}
