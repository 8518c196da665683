/// <reference lib="dom" />
import type { QuestionView, Session } from '../engine/index.js';
import { bindSession } from './bindSession.js';
import { h } from './h.js';
import { emit, patchAroundFocus } from './KizukiSurvey.js';
import { renderQuestion } from './renderQuestion.js';
import { styleSheet } from './styles.js';
import { wordsFor } from './words.js';

/**
 * `<kizuki-question>`: one question of a session, for hosts that lay out pages themselves. It shows
 * the question while it is visible on the session's current page, redraws when its view changes, and
 * turns input into engine actions (with `kizuki-change` events).
 *
 * @example
 * ```ts
 * const q = document.createElement('kizuki-question');
 * q.session = session;
 * q.questionId = 'age';
 * myLayout.append(q);
 * ```
 */
export class KizukiQuestion extends HTMLElement {
  #session: Session | null = null;
  #questionId = '';
  #view: QuestionView | null = null;
  #unsubscribe: (() => void) | null = null;
  #unbind: (() => void) | null = null;
  readonly #box: HTMLElement;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [styleSheet()];
    this.#box = h('div', { class: 'kz', part: 'root' });
    shadow.append(this.#box);
  }

  /** The engine session the question belongs to. */
  get session(): Session | null {
    return this.#session;
  }
  set session(value: Session | null) {
    this.#session = value;
    this.#connect();
  }

  /** The question id (`question-id` attribute). */
  get questionId(): string {
    return this.#questionId;
  }
  set questionId(value: string) {
    this.#questionId = value;
    this.#view = null;
    this.#render();
  }

  static readonly observedAttributes = ['question-id'];

  attributeChangedCallback(_name: string, _previous: string | null, value: string | null): void {
    this.questionId = value ?? '';
  }

  connectedCallback(): void {
    this.#connect();
  }

  disconnectedCallback(): void {
    this.#unsubscribe?.();
    this.#unbind?.();
    this.#unsubscribe = this.#unbind = null;
  }

  #connect(): void {
    this.disconnectedCallback();
    const session = this.#session;
    if (!session || !this.isConnected) return;
    this.#view = null;
    this.#unsubscribe = session.subscribe(() => this.#render());
    this.#unbind = bindSession(this.#box, session, (id, result) =>
      emit(this, 'kizuki-change', { id, result, state: session.getSnapshot() }),
    );
    this.#render();
  }

  #render(): void {
    const state = this.#session?.getSnapshot();
    const view = state?.questions.find((q) => q.id === this.#questionId) ?? null;
    if (view === this.#view) return;
    this.#view = view;
    this.hidden = view === null;
    const active = this.shadowRoot!.activeElement;
    const focused = (active as HTMLElement | null)?.id;
    const element = view && state ? renderQuestion(view, wordsFor(state.locale)) : null;
    const before = this.#box.firstElementChild as HTMLElement | null;
    if (!(element && before && patchAroundFocus(before, element, active)))
      this.#box.replaceChildren(element ?? '');
    if (state) this.#box.setAttribute('lang', state.locale);
    if (focused) (this.shadowRoot!.getElementById(focused) as HTMLElement | null)?.focus();
  }
}
