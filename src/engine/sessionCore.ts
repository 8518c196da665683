import type { Issue, MessageLocale, PathSegment } from '../core/issue.js';
import { createIssue } from '../core/issue.js';
import { evaluateExpression, isTrue } from '../expr/index.js';
import type { AnswerValue, SurveyResponse } from '../schema/response.js';
import type { QuestionType } from '../schema/templateSchema.js';
import { type Acceptance, acceptAnswer } from './acceptAnswer.js';
import { answerIssues, includes } from './answerIssues.js';
import { buildQuestionView } from './buildQuestionView.js';
import { localeText } from './localeText.js';
import { type EngineIssueCode, engineMessages } from './messages.js';
import { PositionHeap } from './positionHeap.js';
import { messageLocaleOf, resolveLocale } from './resolveLocale.js';
import { seededOrder } from './seededOrder.js';
import type { ActionResult, AnswerResult, SubmitResult } from './session.js';
import type { SessionSnapshot } from './sessionSnapshot.js';
import type { PageView, QuestionView, SessionState } from './sessionState.js';
import type { SurveyModel } from './surveyModel.js';

/** How a core starts: fresh from `createSession`, or checked values from a snapshot. */
export interface CoreInit {
  model: SurveyModel;
  seed: number;
  respondentId: string;
  startedAt: string;
  /** A declared locale of the template. */
  locale: string;
  now: () => Date;
  /** Answers already accepted for their questions. */
  answers?: ReadonlyMap<string, AnswerValue>;
  other?: ReadonlyMap<string, string>;
  touched?: Iterable<string>;
  pageIndex?: number;
}

interface CachedView {
  stamp: number;
  locale: string;
  view: QuestionView;
}

/**
 * The engine's state and actions. It mutates private tables in place — answers, visibility, the
 * values conditions read — and hands out immutable {@link SessionState} objects, rebuilt only when
 * `version` moved and only where something changed (views are cached per question by a stamp).
 */
export class SessionCore {
  readonly model: SurveyModel;
  readonly seed: number;
  readonly respondentId: string;
  readonly startedAt: string;
  /** Moves on every change a renderer could see. */
  version = 0;
  private readonly now: () => Date;
  private locale: string;
  private messageLocale: MessageLocale;
  private pageIndex: number;
  private readonly answers = new Map<string, AnswerValue>();
  private readonly other = new Map<string, string>();
  /** The answers conditions and piping see: those of visible questions only. */
  private readonly effective: Record<string, AnswerValue> = Object.create(null);
  private readonly sectionShown: boolean[];
  private readonly ownShown: boolean[];
  private readonly requiredNow: boolean[];
  private readonly touched: boolean[];
  /** Per question: moves whenever its view could look different. */
  private readonly stamps: number[];
  private readonly views: (CachedView | undefined)[];
  private readonly orders: (readonly number[] | undefined)[];
  private visibleCount = 0;
  private answeredCount = 0;
  private pagesShown: boolean[] = [];
  private pagesDirty = true;
  private pageViews: PageView[] = [];
  private pageViewsLocale = '';
  private cached: { version: number; state: SessionState } | undefined;

  constructor(init: CoreInit) {
    this.model = init.model;
    this.seed = init.seed;
    this.respondentId = init.respondentId;
    this.startedAt = init.startedAt;
    this.now = init.now;
    this.locale = init.locale;
    this.messageLocale = messageLocaleOf(init.locale);
    const n = this.model.questions.length;
    this.sectionShown = new Array(this.model.sections.length).fill(true);
    this.ownShown = new Array(n).fill(true);
    this.requiredNow = new Array(n).fill(false);
    this.touched = new Array(n).fill(false);
    this.stamps = new Array(n).fill(0);
    this.views = new Array(n).fill(undefined);
    this.orders = new Array(n).fill(undefined);
    for (const [key, value] of init.answers ?? []) this.answers.set(key, freeze(value));
    for (const [id, text] of init.other ?? []) this.other.set(id, text);
    for (const id of init.touched ?? []) {
      const qi = this.model.questionIndex.get(id);
      if (qi !== undefined) this.touched[qi] = true;
    }
    this.initialise();
    const last = this.model.pages.length - 1;
    const wanted = init.pageIndex ?? this.nextShownPage(-1);
    this.pageIndex = Math.min(Math.max(wanted, 0), last);
  }

  /**
   * Evaluates every `visibleIf` once, in dependency order. Conditions only ever hide, so starting
   * from "all shown, all answers readable" and hiding as the sweep goes leaves each condition reading
   * final values: whatever it depends on comes earlier in the order.
   */
  private initialise(): void {
    const { model, effective } = this;
    for (const [key, value] of this.answers) effective[key] = value;
    for (const rule of model.visibility) {
      if (isTrue(evaluateExpression(rule.expr, effective))) continue;
      if (rule.target === 'section') {
        this.sectionShown[rule.index] = false;
        for (const qi of model.sectionQuestions[rule.index] ?? []) this.hideKeys(qi);
      } else {
        this.ownShown[rule.index] = false;
        this.hideKeys(rule.index);
      }
    }
    for (const q of model.questions) {
      this.requiredNow[q.index] = this.evaluateRequired(q.index);
      if (!this.shown(q.index)) continue;
      for (const key of q.keys) {
        this.visibleCount++;
        if (this.answers.has(key)) this.answeredCount++;
      }
    }
  }

  private hideKeys(qi: number): void {
    for (const key of this.model.questions[qi]!.keys) delete this.effective[key];
  }

  private shown(qi: number): boolean {
    return this.ownShown[qi]! && this.sectionShown[this.model.questions[qi]!.sectionIndex]!;
  }

  private evaluateRequired(qi: number): boolean {
    const expr = this.model.requiredIf[qi];
    return expr !== undefined && isTrue(evaluateExpression(expr, this.effective));
  }

  private isRequired(qi: number): boolean {
    const q = this.model.questions[qi]!.question;
    return q.type !== 'note' && (q.required === true || this.requiredNow[qi]!);
  }

  /**
   * Re-evaluates only the conditions that read a changed answer, in dependency order, following
   * visibility changes through the answers they hide or reveal; `requiredIf`s afterwards, once
   * visibility has settled.
   */
  private propagate(changedKey: string): void {
    const { model } = this;
    const heap = new PositionHeap(model.visibility.length);
    const requiredDirty = new Set<number>();
    const enqueue = (key: string) => {
      for (const position of model.visibilityReaders.get(key) ?? []) heap.push(position);
      for (const qi of model.requiredReaders.get(key) ?? []) requiredDirty.add(qi);
    };
    enqueue(changedKey);
    for (let position = heap.pop(); position >= 0; position = heap.pop()) {
      const rule = model.visibility[position]!;
      const shown = isTrue(evaluateExpression(rule.expr, this.effective));
      if (rule.target === 'section') {
        if (this.sectionShown[rule.index] === shown) continue;
        this.sectionShown[rule.index] = shown;
        for (const qi of model.sectionQuestions[rule.index] ?? []) {
          if (this.ownShown[qi]) this.visibilityChanged(qi, enqueue);
        }
      } else {
        if (this.ownShown[rule.index] === shown) continue;
        this.ownShown[rule.index] = shown;
        if (this.sectionShown[model.questions[rule.index]!.sectionIndex])
          this.visibilityChanged(rule.index, enqueue);
      }
    }
    for (const qi of requiredDirty) {
      const required = this.evaluateRequired(qi);
      if (required !== this.requiredNow[qi]) {
        this.requiredNow[qi] = required;
        this.stamps[qi]!++;
      }
    }
  }

  private visibilityChanged(qi: number, enqueue: (key: string) => void): void {
    const shown = this.shown(qi);
    const delta = shown ? 1 : -1;
    this.pagesDirty = true;
    this.stamps[qi]!++;
    for (const key of this.model.questions[qi]!.keys) {
      this.visibleCount += delta;
      const value = this.answers.get(key);
      if (value === undefined) continue;
      this.answeredCount += delta;
      if (shown) this.effective[key] = value;
      else delete this.effective[key];
      enqueue(key);
    }
    this.restampPipes(qi);
  }

  /** Questions whose texts pipe an answer of `qi` must be redrawn when that answer shows differently. */
  private restampPipes(qi: number): void {
    for (const reader of this.model.pipeReaders.get(qi) ?? []) this.stamps[reader]!++;
  }

  private issue(code: EngineIssueCode, path: PathSegment[], params?: Record<string, unknown>): Issue {
    return createIssue(engineMessages, code, path, this.messageLocale, params);
  }

  private fail(code: EngineIssueCode, path: PathSegment[], params?: Record<string, unknown>) {
    return { success: false as const, issues: [this.issue(code, path, params)] };
  }

  /** The question an answer key belongs to, or the issue why there is none. */
  private owner(id: string, path: PathSegment[]): number | Issue {
    const qi = this.model.keyOwner.get(id);
    if (qi !== undefined) return qi;
    const other = this.model.questionIndex.get(id);
    if (other !== undefined) {
      return this.issue('not_answerable', path, { id, kind: this.model.questions[other]!.question.type });
    }
    return this.issue('unknown_question', path, { id: id.slice(0, 100) });
  }

  setAnswer(id: unknown, input: unknown): AnswerResult {
    const key = toId(id);
    const path = ['answers', key.slice(0, 100)];
    const qi = this.owner(key, path);
    if (typeof qi !== 'number') return { success: false, issues: [qi] };
    const accepted = safely(() =>
      acceptAnswer(this.model.questions[qi]!, input, { value: this.answers.get(key) }),
    );
    if (!accepted.ok) return this.fail(accepted.code, path, accepted.params);
    this.store(qi, key, accepted.value);
    return {
      success: true,
      value: accepted.value,
      issues: this.issuesOf(qi).filter((i) => i.path[1] === key),
    };
  }

  toggleOption(id: unknown, code: unknown): AnswerResult {
    const key = toId(id);
    const path = ['answers', key.slice(0, 100)];
    const qi = this.owner(key, path);
    if (typeof qi !== 'number') return { success: false, issues: [qi] };
    const type = this.model.questions[qi]!.question.type;
    if (type === 'number' || type === 'text' || type === 'date')
      return this.fail('not_choice', path, { id: key });
    if (type !== 'multiple' && type !== 'ranking') return this.setAnswer(key, code);
    const chosen = (this.answers.get(key) as number[] | undefined) ?? [];
    const n = typeof code === 'string' && /^-?\d{1,15}$/.test(code) ? Number(code) : code;
    if (typeof n !== 'number') return this.fail('invalid_type', path, { expected: 'code' });
    return this.setAnswer(key, chosen.includes(n) ? chosen.filter((c) => c !== n) : [...chosen, n]);
  }

  private store(qi: number, key: string, value: AnswerValue | null): void {
    const previous = this.answers.get(key);
    const changed = !sameValue(previous, value);
    if (!changed && this.touched[qi]) return;
    this.touched[qi] = true;
    this.stamps[qi]!++;
    this.version++;
    if (!changed) return;
    if (value === null) this.answers.delete(key);
    else this.answers.set(key, freeze(value));
    if (!this.shown(qi)) return;
    // A hidden question's answer is kept but read by nothing, so only a shown one propagates.
    if (previous === undefined) this.answeredCount++;
    else if (value === null) this.answeredCount--;
    if (value === null) delete this.effective[key];
    else this.effective[key] = value;
    this.restampPipes(qi);
    this.propagate(key);
  }

  setOther(id: unknown, text: unknown): AnswerResult {
    const questionId = toId(id);
    const path = ['other', questionId.slice(0, 100)];
    const qi = this.model.questionIndex.get(questionId);
    if (qi === undefined) return this.fail('unknown_question', path, { id: path[1] });
    const model = this.model.questions[qi]!;
    if (model.otherCode === null) return this.fail('no_other_option', path, { id: questionId });
    if (typeof text !== 'string') return this.fail('invalid_type', path, { expected: 'text' });
    const changed = (this.other.get(questionId) ?? '') !== text;
    if (changed || !this.touched[qi]) {
      if (text === '') this.other.delete(questionId);
      else this.other.set(questionId, text);
      this.touched[qi] = true;
      this.stamps[qi]!++;
      this.version++;
      if (changed && this.shown(qi)) this.restampPipes(qi);
    }
    const issues = this.issuesOf(qi).filter((i) => i.path[0] === 'other');
    return { success: true, value: text === '' ? null : text, issues };
  }

  setLocale(requested: unknown): ActionResult {
    const locales = this.model.template.locales;
    const locale = resolveLocale(requested, locales);
    if (locale === undefined) {
      return this.fail('unknown_locale', ['locale'], { locale: display(requested), locales });
    }
    if (locale !== this.locale) {
      this.locale = locale;
      this.messageLocale = messageLocaleOf(locale);
      this.version++;
    }
    return { success: true };
  }

  private issuesOf(qi: number): Issue[] {
    const model = this.model.questions[qi]!;
    return answerIssues(model, {
      value: (key) => this.answers.get(key),
      otherText: this.other.get(model.question.id),
      required: this.isRequired(qi),
      messageLocale: this.messageLocale,
      locale: this.locale,
    });
  }

  /** Issues of the shown questions among `questions`; those questions start showing their errors. */
  private checkQuestions(questions: Iterable<number>): Issue[] {
    const issues: Issue[] = [];
    for (const qi of questions) {
      if (!this.shown(qi)) continue;
      const found = this.issuesOf(qi);
      if (found.length === 0) continue;
      issues.push(...found);
      if (!this.touched[qi]) {
        this.touched[qi] = true;
        this.stamps[qi]!++;
        this.version++;
      }
    }
    return issues;
  }

  private refreshPages(): boolean[] {
    if (this.pagesDirty) {
      this.pagesShown = this.model.pages.map(
        (page) =>
          this.sectionShown[page.sectionIndex]! &&
          (page.questions.length === 0 || page.questions.some((qi) => this.ownShown[qi])),
      );
      this.pagesDirty = false;
    }
    return this.pagesShown;
  }

  private nextShownPage(from: number): number {
    const shown = this.refreshPages();
    for (let i = from + 1; i < shown.length; i++) if (shown[i]) return i;
    return -1;
  }

  private previousShownPage(from: number): number {
    const shown = this.refreshPages();
    for (let i = from - 1; i >= 0; i--) if (shown[i]) return i;
    return -1;
  }

  private moveTo(pageIndex: number): void {
    if (pageIndex === this.pageIndex) return;
    this.pageIndex = pageIndex;
    this.version++;
  }

  next(): ActionResult {
    const issues = this.checkQuestions(this.model.pages[this.pageIndex]!.questions);
    if (issues.length > 0) return { success: false, issues };
    const next = this.nextShownPage(this.pageIndex);
    if (next < 0) return this.fail('no_next_page', ['pageIndex']);
    this.moveTo(next);
    return { success: true };
  }

  back(): ActionResult {
    const previous = this.previousShownPage(this.pageIndex);
    if (previous < 0) return this.fail('no_previous_page', ['pageIndex']);
    this.moveTo(previous);
    return { success: true };
  }

  goTo(pageIndex: unknown): ActionResult {
    const pages = this.model.pages;
    if (
      typeof pageIndex !== 'number' ||
      !Number.isInteger(pageIndex) ||
      pageIndex < 0 ||
      pageIndex >= pages.length
    ) {
      return this.fail('no_such_page', ['pageIndex'], { page: display(pageIndex), last: pages.length - 1 });
    }
    if (!this.refreshPages()[pageIndex]) return this.fail('page_hidden', ['pageIndex'], { page: pageIndex });
    if (pageIndex > this.pageIndex) {
      const passed: number[] = [];
      for (let p = this.pageIndex; p < pageIndex; p++) passed.push(...pages[p]!.questions);
      const issues = this.checkQuestions(passed);
      if (issues.length > 0) return { success: false, issues };
    }
    this.moveTo(pageIndex);
    return { success: true };
  }

  submit(): SubmitResult {
    const issues = this.checkQuestions(this.model.questions.map((q) => q.index));
    if (issues.length > 0) {
      const first = issues[0]!.path[1];
      const qi = this.model.keyOwner.get(String(first)) ?? this.model.questionIndex.get(String(first));
      if (qi !== undefined) this.moveTo(this.model.pageOf[qi]!);
      return { success: false, issues };
    }
    return { success: true, response: this.response() };
  }

  private response(): SurveyResponse {
    const { model } = this;
    const answers: Record<string, AnswerValue> = {};
    const other: Record<string, string> = {};
    const order: Record<string, number[] | string[]> = {};
    for (const q of model.questions) {
      if (!this.shown(q.index)) continue;
      for (const key of q.keys) {
        const value = this.answers.get(key);
        if (value !== undefined) answers[key] = Array.isArray(value) ? [...value] : value;
      }
      const id = q.question.id;
      const chosen = answers[id];
      const text = this.other.get(id);
      if (
        q.otherCode !== null &&
        chosen !== undefined &&
        includes(chosen, q.otherCode) &&
        text !== undefined
      ) {
        other[id] = text;
      }
      if (q.randomised) {
        const presented = this.orderOf(q.index);
        const question = q.question;
        order[id] =
          question.type === 'matrix'
            ? presented.map((i) => question.items[i]!.id)
            : presented.map((i) => q.options[i]!.code);
      }
    }
    const template = model.template;
    return {
      templateId: template.id,
      templateVersion: template.version,
      templateHash: model.survey.hash,
      respondentId: this.respondentId,
      answers,
      ...(Object.keys(other).length > 0 ? { other } : {}),
      meta: {
        locale: this.locale,
        startedAt: this.startedAt,
        submittedAt: this.now().toISOString(),
        seed: this.seed,
        ...(Object.keys(order).length > 0 ? { order } : {}),
      },
    };
  }

  /** The presentation order of a randomised question: option indexes, or item indexes of a matrix. */
  private orderOf(qi: number): readonly number[] {
    let order = this.orders[qi];
    if (order === undefined) {
      const q = this.model.questions[qi]!;
      const question = q.question;
      order =
        question.type === 'matrix'
          ? seededOrder(this.seed, question.id, question.items.length, () => false)
          : seededOrder(this.seed, question.id, q.options.length, (i) => q.options[i]!.pinned === true);
      this.orders[qi] = order;
    }
    return order;
  }

  snapshot(): SessionSnapshot {
    const template = this.model.template;
    const answers: Record<string, AnswerValue> = {};
    const kinds: Record<string, QuestionType> = {};
    for (const [key, value] of this.answers) {
      answers[key] = Array.isArray(value) ? [...value] : value;
      kinds[key] = this.model.questions[this.model.keyOwner.get(key)!]!.question.type;
    }
    return {
      format: 'kizuki-session/1',
      templateId: template.id,
      templateVersion: template.version,
      templateHash: this.model.survey.hash,
      respondentId: this.respondentId,
      startedAt: this.startedAt,
      seed: this.seed,
      locale: this.locale,
      pageMode: this.model.pageMode,
      pageIndex: this.pageIndex,
      answers,
      kinds,
      other: Object.fromEntries(this.other),
      touched: this.model.questions.filter((q) => this.touched[q.index]).map((q) => q.question.id),
    };
  }

  /** The current state; rebuilt only after a change, reusing every part that did not change. */
  state(): SessionState {
    if (this.cached && this.cached.version === this.version) return this.cached.state;
    const previous = this.cached?.state;
    const { model, locale } = this;
    const pages = this.pageViewList();
    const page = pages[this.pageIndex]!;
    const questions: QuestionView[] = [];
    for (const qi of model.pages[this.pageIndex]!.questions)
      if (this.shown(qi)) questions.push(this.viewOf(qi));
    const canNext = this.nextShownPage(this.pageIndex) >= 0;
    const progress =
      previous &&
      previous.progress.answered === this.answeredCount &&
      previous.progress.visible === this.visibleCount
        ? previous.progress
        : { answered: this.answeredCount, visible: this.visibleCount };
    const template = model.template;
    const state: SessionState = {
      locale,
      title: localeText(template.title, locale),
      introduction: template.introduction ? localeText(template.introduction, locale) : null,
      pageMode: model.pageMode,
      pages,
      pageIndex: this.pageIndex,
      page,
      questions: previous && sameItems(previous.questions, questions) ? previous.questions : questions,
      progress,
      canBack: this.previousShownPage(this.pageIndex) >= 0,
      canNext,
      canSubmit: !canNext,
    };
    this.cached = { version: this.version, state };
    return state;
  }

  private pageViewList(): PageView[] {
    const shown = this.refreshPages();
    const { locale, model } = this;
    const sameLocale = this.pageViewsLocale === locale;
    let changed = !sameLocale || this.pageViews.length === 0;
    const pages = model.pages.map((page, index) => {
      const old = this.pageViews[index];
      if (old && sameLocale && old.visible === shown[index]) return old;
      changed = true;
      const section = model.sections[page.sectionIndex]!;
      return {
        index,
        sectionId: section.id,
        questionId: page.questionId,
        title: localeText(section.title, locale),
        description: section.description ? localeText(section.description, locale) : null,
        visible: shown[index]!,
      };
    });
    if (changed) {
      this.pageViews = pages;
      this.pageViewsLocale = locale;
    }
    return this.pageViews;
  }

  private viewOf(qi: number): QuestionView {
    const cached = this.views[qi];
    const stamp = this.stamps[qi]!;
    if (cached && cached.stamp === stamp && cached.locale === this.locale) return cached.view;
    const model = this.model.questions[qi]!;
    const view = buildQuestionView(model, {
      locale: this.locale,
      messageLocale: this.messageLocale,
      value: (key) => this.answers.get(key),
      otherText: this.other.get(model.question.id),
      required: this.isRequired(qi),
      showErrors: this.touched[qi]!,
      order: model.randomised ? this.orderOf(qi) : null,
      pipe: (id) => this.pipe(id),
    });
    this.views[qi] = { stamp, locale: this.locale, view };
    return view;
  }

  /**
   * The text `{id}` pipes in: the option label of a choice (the "other" text when one was written),
   * labels joined with the locale's list separator for multiple choice and ranking, the value itself
   * otherwise; an empty string when the answer is missing or hidden; undefined for an unknown id.
   */
  private pipe(id: string): string | undefined {
    const qi = this.model.keyOwner.get(id);
    if (qi === undefined) return undefined;
    const value = this.effective[id];
    if (value === undefined) return '';
    const q = this.model.questions[qi]!;
    if (q.question.type === 'number' || q.question.type === 'text' || q.question.type === 'date')
      return String(value);
    const otherText = this.other.get(q.question.id);
    const label = (code: number) => {
      if (code === q.otherCode && otherText !== undefined && otherText.trim() !== '') return otherText;
      const option = q.options.find((o) => o.code === code);
      return option ? localeText(option.label, this.locale) : String(code);
    };
    if (!Array.isArray(value)) return label(value as number);
    return value.map(label).join(this.messageLocale === 'ja' ? '、' : ', ');
  }
}

/** Reads a caller's value; a proxy or getter that throws makes it a value of the wrong type. */
function safely(read: () => Acceptance): Acceptance {
  try {
    return read();
  } catch {
    return { ok: false, code: 'invalid_type', params: { expected: 'value' } };
  }
}

/** An id from a caller that may pass anything; only strings and numbers can name a question. */
function toId(id: unknown): string {
  return typeof id === 'string' ? id : typeof id === 'number' ? String(id) : '';
}

/** A caller's value for a message, without calling anything it might have overridden. */
function display(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 40) : typeof value;
}

function sameValue(a: AnswerValue | undefined, b: AnswerValue | null): boolean {
  if (a === undefined) return b === null;
  if (b === null) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function freeze(value: AnswerValue): AnswerValue {
  // Frozen because views hand the stored array to renderers, which must not change it behind our back.
  return Array.isArray(value) ? (Object.freeze(value) as number[]) : value;
}
