import { describe, expect, it, vi } from 'vitest';
import type { ActionResult, QuestionView, Session } from '../../src/engine/index.js';
import { createSession } from '../../src/engine/index.js';
import type { Question } from '../../src/schema/index.js';
import { loadTemplate } from '../../src/schema/index.js';
import { exampleTemplate } from '../helpers/templates.js';
import { fixed, options, surveyOf, t } from './surveys.js';

const view = (session: Session, id: string): QuestionView => {
  const found = session.getSnapshot().questions.find((q) => q.id === id);
  if (!found) throw new Error(`${id} is not on the current page`);
  return found;
};
const codes = (issues: readonly { code: string }[]) => issues.map((i) => i.code);
const refused = (result: ActionResult) => (result.success ? [] : codes(result.issues));
const one = (question: Question) => createSession(surveyOf([question]), fixed);

describe('createSession: the first state', () => {
  it('starts on the first visible page with texts in the session locale', () => {
    const session = createSession(loadTemplate(exampleTemplate()), { ...fixed, locale: 'en-US' });
    const state = session.getSnapshot();
    expect(state.locale).toBe('en');
    expect(state.title).toBe('Feature sampler questionnaire');
    expect(state.introduction).toMatch(/^This questionnaire/);
    expect(state.pages.map((p) => [p.sectionId, p.visible])).toEqual([
      ['about', true],
      ['work', true],
      ['attitudes', true],
      ['parents', false],
    ]);
    expect(state.pageIndex).toBe(0);
    expect(state.page.title).toBe('About you');
    expect(state.questions.map((q) => q.id)).toEqual(['email', 'sex', 'age', 'children']);
    expect(state.progress).toEqual({ answered: 0, visible: 9 });
    expect([state.canBack, state.canNext, state.canSubmit]).toEqual([false, true, false]);
  });

  it('falls back to Japanese for a locale the template lacks', () => {
    const session = createSession(loadTemplate(exampleTemplate()), { locale: 'fr-FR' });
    expect(session.getSnapshot().locale).toBe('ja');
    expect(session.getSnapshot().title).toBe('機能見本アンケート');
  });

  it('shows one question per page in question mode', () => {
    const session = createSession(loadTemplate(exampleTemplate()), { ...fixed, pageMode: 'question' });
    const state = session.getSnapshot();
    expect(state.pages[0]).toMatchObject({ sectionId: 'about', questionId: 'email', visible: true });
    expect(state.questions.map((q) => q.id)).toEqual(['email']);
    // birth_date needs an age, so its page is hidden and "next" from children skips it.
    expect(state.pages.find((p) => p.questionId === 'birth_date')?.visible).toBe(false);
  });
});

describe('answers by question type', () => {
  it('single choice: codes must exist; integer strings from the DOM are codes', () => {
    const session = one({ id: 'q', type: 'single', label: t('Q'), options: options(3) });
    expect(session.setAnswer('q', '2')).toEqual({ success: true, value: 2, issues: [] });
    expect(codes(session.setAnswer('q', 9).issues)).toEqual(['unknown_code']);
    expect(codes(session.setAnswer('q', 1.5).issues)).toEqual(['invalid_type']);
    expect(codes(session.setAnswer('q', [1]).issues)).toEqual(['invalid_type']);
    expect(view(session, 'q')).toMatchObject({ kind: 'single', value: 2 });
    expect(session.setAnswer('q', null)).toMatchObject({ success: true, value: null });
    expect(view(session, 'q')).toMatchObject({ value: null });
  });

  it('Likert: answered on the scale codes', () => {
    const session = one({ id: 'q', type: 'likert', label: t('Q'), scale: 'agree4' });
    expect(session.setAnswer('q', 4).success).toBe(true);
    expect(codes(session.setAnswer('q', 5).issues)).toEqual(['unknown_code']);
    const q = view(session, 'q');
    expect(q.kind === 'likert' && q.options.map((o) => [o.code, o.selected])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
  });

  it('matrix: answers belong to items; the matrix id itself takes none', () => {
    const session = one({
      id: 'm',
      type: 'matrix',
      label: t('M'),
      scale: 'agree4',
      required: true,
      items: [
        { id: 'm1', text: t('一') },
        { id: 'm2', text: t('二') },
      ],
    });
    expect(codes(session.setAnswer('m', 1).issues)).toEqual(['not_answerable']);
    expect(session.setAnswer('m1', 2).success).toBe(true);
    const m = view(session, 'm');
    if (m.kind !== 'matrix') throw new Error('not a matrix');
    expect(m.items.map((i) => [i.id, i.value, i.options.find((o) => o.selected)?.id ?? null])).toEqual([
      ['m1', 2, 'kz-m1-opt-2'],
      ['m2', null, null],
    ]);
    // A required matrix needs every item.
    const next = session.next();
    expect(next.success).toBe(false);
    expect(!next.success && next.issues.map((i) => i.path)).toEqual([['answers', 'm2']]);
    const after = view(session, 'm');
    expect(after.kind === 'matrix' && after.items.map((i) => codes(i.errors))).toEqual([[], ['required']]);
  });

  it('multiple choice: choosing "none" clears the others and the other way round', () => {
    const session = one({
      id: 'q',
      type: 'multiple',
      label: t('Q'),
      options: [...options(3), { code: 9, label: t('どれもない', 'None'), exclusive: true }],
    });
    expect(session.toggleOption('q', 1)).toMatchObject({ value: [1] });
    expect(session.toggleOption('q', 3)).toMatchObject({ value: [1, 3] });
    expect(session.toggleOption('q', 9)).toMatchObject({ value: [9] });
    expect(session.toggleOption('q', 2)).toMatchObject({ value: [2] });
    expect(session.setAnswer('q', [2, 9])).toMatchObject({ value: [9] });
    expect(session.setAnswer('q', [9, 1, 3])).toMatchObject({ value: [1, 3] });
    // Both new at once: the exclusive option wins, as a click on it last would.
    session.clearAnswer('q');
    expect(session.setAnswer('q', [1, 9])).toMatchObject({ value: [9] });
    expect(session.toggleOption('q', 9)).toMatchObject({ value: null });
  });

  it('multiple choice: codes exist, no duplicates; counts are flagged, not refused', () => {
    const session = one({
      id: 'q',
      type: 'multiple',
      label: t('Q'),
      options: options(4),
      minSelected: 2,
      maxSelected: 3,
    });
    expect(codes(session.setAnswer('q', [1, 7]).issues)).toEqual(['unknown_code']);
    expect(codes(session.setAnswer('q', [1, 1]).issues)).toEqual(['duplicate_code']);
    expect(codes(session.setAnswer('q', 1).issues)).toEqual(['invalid_type']);
    expect(session.setAnswer('q', [3, 1])).toMatchObject({ success: true, value: [1, 3], issues: [] });
    const four = session.setAnswer('q', [1, 2, 3, 4]);
    expect(four.success).toBe(true);
    expect(codes(four.issues)).toEqual(['too_many_selected']);
    expect(codes(view(session, 'q').errors)).toEqual(['too_many_selected']);
    expect(codes(session.setAnswer('q', [2]).issues)).toEqual(['too_few_selected']);
    expect(session.next().success).toBe(false);
  });

  it('multiple choice: an empty selection is no answer, so a required one is missing', () => {
    const session = one({ id: 'q', type: 'multiple', label: t('Q'), options: options(2), required: true });
    session.toggleOption('q', 1);
    expect(session.toggleOption('q', 1)).toMatchObject({ success: true, value: null });
    expect(codes(view(session, 'q').errors)).toEqual(['required']);
    expect(session.getSnapshot().progress).toEqual({ answered: 0, visible: 1 });
  });

  it('"other, please specify": required when chosen, submitted only when chosen', () => {
    const session = one({
      id: 'q',
      type: 'multiple',
      label: t('Q'),
      options: [...options(2), { code: 5, label: t('その他', 'Other'), other: true }],
    });
    expect(codes(session.toggleOption('q', 5).issues)).toEqual(['other_required']);
    expect(codes(session.setOther('q', '   ').issues)).toEqual(['other_required']);
    expect(session.setOther('q', '週4日勤務')).toMatchObject({ success: true, issues: [] });
    const q = view(session, 'q');
    expect(q.kind === 'multiple' && [q.otherText, q.otherId]).toEqual(['週4日勤務', 'kz-q-other']);
    const with5 = session.submit();
    expect(with5.success && with5.response.other).toEqual({ q: '週4日勤務' });
    session.setAnswer('q', [1]);
    const without = session.submit();
    expect(without.success && without.response).not.toHaveProperty('other');
    // The text is kept in the session, so choosing "other" again brings it back.
    session.toggleOption('q', 5);
    expect(view(session, 'q')).toMatchObject({ otherText: '週4日勤務', errors: [] });
  });

  it('"other" text is refused for questions without an other option', () => {
    const session = one({ id: 'q', type: 'single', label: t('Q'), options: options(2) });
    expect(codes(session.setOther('q', 'x').issues)).toEqual(['no_other_option']);
    expect(codes(session.setOther('nope', 'x').issues)).toEqual(['unknown_question']);
  });

  it('ranking: no duplicates; clicks rank in order; counts flagged', () => {
    const session = one({
      id: 'q',
      type: 'ranking',
      label: t('Q'),
      options: options(4),
      maxRanked: 2,
      minRanked: 2,
    });
    expect(codes(session.setAnswer('q', [2, 2]).issues)).toEqual(['duplicate_code']);
    expect(codes(session.toggleOption('q', 3).issues)).toEqual(['too_few_ranked']);
    expect(session.toggleOption('q', 1)).toMatchObject({ value: [3, 1], issues: [] });
    const q = view(session, 'q');
    expect(q.kind === 'ranking' && q.options.map((o) => o.rank)).toEqual([2, null, 1, null]);
    expect(codes(session.toggleOption('q', 2).issues)).toEqual(['too_many_ranked']);
    expect(session.toggleOption('q', 3)).toMatchObject({ value: [1, 2], issues: [] });
  });

  it('number: full-width digits, integer and bounds flagged, non-numbers refused', () => {
    const session = one({ id: 'n', type: 'number', label: t('N'), integer: true, min: 0, max: 20 });
    expect(session.setAnswer('n', '１２')).toMatchObject({ success: true, value: 12 });
    expect(session.setAnswer('n', ' -0 ')).toMatchObject({ value: 0 });
    expect(Object.is((session.setAnswer('n', -0) as { value: number }).value, 0)).toBe(true);
    expect(codes(session.setAnswer('n', 2.5).issues)).toEqual(['not_integer']);
    expect(codes(session.setAnswer('n', 21).issues)).toEqual(['too_large']);
    expect(codes(session.setAnswer('n', -1).issues)).toEqual(['too_small']);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '12a', '1e400', 'Infinity']) {
      expect(codes(session.setAnswer('n', bad).issues)).toEqual(['not_a_number']);
    }
    expect(codes(session.setAnswer('n', [1]).issues)).toEqual(['not_a_number']);
    expect(view(session, 'n')).toMatchObject({
      value: -1,
      integer: true,
      inputMode: 'numeric',
      min: 0,
      max: 20,
    });
    expect(session.setAnswer('n', '')).toMatchObject({ success: true, value: null });
  });

  it('number: decimals get a decimal keypad and the unit in the session locale', () => {
    const session = one({ id: 'n', type: 'number', label: t('N'), unit: t('日/週', 'days a week') });
    expect(session.setAnswer('n', '２．５')).toMatchObject({ value: 2.5 });
    expect(view(session, 'n')).toMatchObject({ inputMode: 'decimal', unit: '日/週', autocomplete: 'off' });
  });

  it('text: a string within maxLength, counted in characters', () => {
    const session = one({
      id: 'x',
      type: 'text',
      label: t('X'),
      maxLength: 3,
      size: 'long',
      personalData: true,
    });
    expect(session.setAnswer('x', '😀😀😀')).toMatchObject({ success: true, issues: [] });
    expect(codes(session.setAnswer('x', 'abcd').issues)).toEqual(['text_too_long']);
    expect(codes(session.setAnswer('x', 12).issues)).toEqual(['invalid_type']);
    expect(view(session, 'x')).toMatchObject({
      multiline: true,
      maxLength: 3,
      personalData: true,
      inputMode: 'text',
    });
  });

  it('text: 5,000 characters when the template sets no limit', () => {
    const session = one({ id: 'x', type: 'text', label: t('X') });
    expect(session.setAnswer('x', 'あ'.repeat(5_000)).issues).toEqual([]);
    expect(codes(session.setAnswer('x', 'あ'.repeat(5_001)).issues)).toEqual(['text_too_long']);
  });

  it('date: real ISO dates only; bounds flagged', () => {
    const session = one({ id: 'd', type: 'date', label: t('D'), min: '2000-01-01', max: '2010-12-31' });
    expect(session.setAnswer('d', '2004-02-29')).toMatchObject({ success: true, issues: [] });
    for (const bad of ['2003-02-29', '2004-13-01', '2004-1-1', '20040101', '2004-04-31']) {
      expect(codes(session.setAnswer('d', bad).issues)).toEqual(['invalid_date']);
    }
    expect(codes(session.setAnswer('d', '1999-12-31').issues)).toEqual(['date_too_early']);
    expect(codes(session.setAnswer('d', '2011-01-01').issues)).toEqual(['date_too_late']);
    expect(view(session, 'd')).toMatchObject({ kind: 'date', min: '2000-01-01', max: '2010-12-31' });
  });

  it('notes take no answer and unknown ids are reported', () => {
    const session = createSession(
      surveyOf([
        { id: 'info', type: 'note', label: t('お知らせ') },
        { id: 'q', type: 'single', label: t('Q'), options: options(2) },
      ]),
    );
    expect(codes(session.setAnswer('info', 1).issues)).toEqual(['not_answerable']);
    expect(codes(session.setAnswer('missing', 1).issues)).toEqual(['unknown_question']);
    expect(codes(session.toggleOption('info', 1).issues)).toEqual(['not_answerable']);
    expect(view(session, 'info')).toMatchObject({ kind: 'note', required: false, errors: [] });
  });
});

describe('required and requiredIf', () => {
  const survey = () =>
    surveyOf([
      { id: 'works', type: 'single', label: t('働いていますか'), options: options(2), required: true },
      {
        id: 'hours',
        type: 'number',
        label: t('週の労働時間'),
        requiredIf: 'works = 1',
      },
    ]);

  it('next is refused until required answers are given, and errors then show', () => {
    const session = createSession(survey(), fixed);
    expect(view(session, 'works').errors).toEqual([]);
    const refused = session.next();
    expect(refused.success).toBe(false);
    expect(!refused.success && refused.issues.map((i) => [i.code, i.path])).toEqual([
      ['required', ['answers', 'works']],
    ]);
    expect(view(session, 'works')).toMatchObject({ invalid: true, describedBy: 'kz-works-error' });
    expect(view(session, 'works').errors[0]?.message).toBe('この質問にお答えください');
  });

  it('requiredIf follows the answers it reads', () => {
    const session = createSession(survey(), fixed);
    expect(view(session, 'hours').required).toBe(false);
    session.setAnswer('works', 1);
    expect(view(session, 'hours').required).toBe(true);
    expect(session.submit().success).toBe(false);
    session.setAnswer('works', 2);
    expect(view(session, 'hours').required).toBe(false);
    expect(session.submit().success).toBe(true);
  });
});

describe('skip logic across pages', () => {
  const survey = () =>
    surveyOf(
      [
        { id: 'children', type: 'number', label: t('子どもの人数'), integer: true, min: 0 },
        { id: 'sex', type: 'single', label: t('性別'), options: options(2) },
      ],
      [{ id: 'care', type: 'single', label: t('育児'), options: options(2), visibleIf: 'children > 0' }],
      [
        { id: 'leave', type: 'single', label: t('休業'), options: options(2), visibleIf: 'care = 1' },
        { id: 'after', type: 'text', label: t('その後'), visibleIf: 'answered(leave) or sex = 2' },
      ],
    );

  it('skips hidden pages and keeps hidden answers out of conditions and the response', () => {
    const session = createSession(survey(), fixed);
    expect(session.getSnapshot().pages.map((p) => p.visible)).toEqual([true, false, false]);
    expect(refused(session.goTo(1))).toEqual(['page_hidden']);
    session.setAnswer('children', 2);
    expect(session.getSnapshot().pages.map((p) => p.visible)).toEqual([true, true, false]);
    session.next();
    session.setAnswer('care', 1);
    session.next();
    expect(session.getSnapshot().questions.map((q) => q.id)).toEqual(['leave']);
    session.setAnswer('leave', 2);
    expect(session.getSnapshot().questions.map((q) => q.id)).toEqual(['leave', 'after']);
    session.setAnswer('after', 'メモ');

    // Hiding "care" hides "leave" (care's answer no longer counts), and with it "after" and the page.
    session.goTo(0);
    session.setAnswer('children', 0);
    expect(session.getSnapshot().pages.map((p) => p.visible)).toEqual([true, false, false]);
    expect(session.getSnapshot().canSubmit).toBe(true);
    const hidden = session.submit();
    expect(hidden.success && hidden.response.answers).toEqual({ children: 0 });

    // Toggling back restores every kept answer.
    session.setAnswer('children', 1);
    const shown = session.submit();
    expect(shown.success && shown.response.answers).toEqual({
      children: 1,
      care: 1,
      leave: 2,
      after: 'メモ',
    });
  });

  it('a section condition hides its page', () => {
    const template = exampleTemplate();
    const session = createSession(loadTemplate(template), fixed);
    expect(session.getSnapshot().pages[3]?.visible).toBe(false);
    session.setAnswer('children', 1);
    expect(session.getSnapshot().pages[3]?.visible).toBe(true);
    expect(session.getSnapshot().progress.visible).toBe(10);
  });

  it('going forward with goTo checks the pages passed over', () => {
    const session = createSession(survey(), fixed);
    session.setAnswer('children', 2);
    session.setAnswer('care', 1);
    expect(session.goTo(2).success).toBe(true);
    expect(session.getSnapshot().pageIndex).toBe(2);
    expect(session.back().success).toBe(true);
    expect(session.getSnapshot().pageIndex).toBe(1);
    expect(refused(session.goTo(7))).toEqual(['no_such_page']);
    expect(refused(session.goTo(0.5))).toEqual(['no_such_page']);
    session.goTo(0);
    expect(refused(session.back())).toEqual(['no_previous_page']);
  });

  it('goTo forward is refused while a passed page has errors', () => {
    const session = createSession(
      surveyOf(
        [{ id: 'a', type: 'single', label: t('A'), options: options(2), required: true }],
        [{ id: 'b', type: 'single', label: t('B'), options: options(2) }],
      ),
      fixed,
    );
    expect(refused(session.goTo(1))).toEqual(['required']);
    expect(session.getSnapshot().pageIndex).toBe(0);
    expect(refused(session.next())).toEqual(['required']);
    session.setAnswer('a', 1);
    expect(session.next().success).toBe(true);
    expect(refused(session.next())).toEqual(['no_next_page']);
  });
});

describe('submit', () => {
  it('returns the response with metadata, answers in template order', () => {
    const survey = loadTemplate(exampleTemplate());
    const session = createSession(survey, { ...fixed, locale: 'en' });
    session.setAnswer('age', 34);
    session.setAnswer('sex', 2);
    session.setAnswer('arrangements', [6]);
    session.setAnswer('workload', 3);
    session.setAnswer('v_care', 2);
    const result = session.submit();
    if (!result.success) throw new Error(JSON.stringify(result.issues));
    expect(result.response).toEqual({
      templateId: 'example-all-features',
      templateVersion: '1.0.0',
      templateHash: survey.hash,
      respondentId: 'respondent-1',
      answers: { sex: 2, age: 34, arrangements: [6], workload: 3, v_care: 2 },
      meta: {
        locale: 'en',
        startedAt: '2026-05-01T09:00:00.000Z',
        submittedAt: '2026-05-01T09:00:00.000Z',
        seed: 7,
        order: {
          arrangements: expect.any(Array),
          views: expect.any(Array),
          why_leave: expect.any(Array),
        },
      },
    });
    // The recorded order is the order the views presented.
    const order = result.response.meta.order!;
    session.goTo(1);
    const arrangements = view(session, 'arrangements');
    expect(arrangements.kind === 'multiple' && arrangements.options.map((o) => o.code)).toEqual(
      order.arrangements,
    );
  });

  it('a blocked submit moves to the first page with an issue', () => {
    const session = createSession(loadTemplate(exampleTemplate()), fixed);
    session.setAnswer('sex', 1);
    session.setAnswer('age', 30);
    session.goTo(2);
    const result = session.submit();
    expect(!result.success && result.issues.map((i) => i.path[1])).toEqual(['arrangements', 'workload']);
    expect(session.getSnapshot().pageIndex).toBe(1);
    expect(view(session, 'workload').invalid).toBe(true);
  });

  it('draws a random respondent id and seed when none are given', () => {
    const survey = surveyOf([{ id: 'q', type: 'single', label: t('Q'), options: options(2) }]);
    const a = createSession(survey).submit();
    const b = createSession(survey).submit();
    if (!a.success || !b.success) throw new Error('submit failed');
    expect(a.response.respondentId).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(a.response.respondentId).not.toBe(b.response.respondentId);
    expect(Number.isInteger(a.response.meta.seed) && a.response.meta.seed >= 0).toBe(true);
  });
});

describe('locale switch', () => {
  it('relabels questions, options, pages and messages mid-session', () => {
    const session = createSession(loadTemplate(exampleTemplate()), fixed);
    session.next();
    const before = session.getSnapshot();
    expect(before.questions.find((q) => q.id === 'sex')?.errors[0]?.message).toBe('この質問にお答えください');
    expect(session.setLocale('en')).toEqual({ success: true });
    const after = session.getSnapshot();
    expect(after).not.toBe(before);
    expect(after.page.title).toBe('About you');
    const sex = after.questions.find((q) => q.id === 'sex')!;
    expect(sex.label).toBe('Sex');
    expect(sex.kind === 'single' && sex.options.map((o) => o.label)).toEqual([
      'Male',
      'Female',
      'Other',
      'Prefer not to say',
    ]);
    expect(sex.errors[0]?.message).toBe('Please answer this question');
    expect(codes(session.setAnswer('sex', 7).issues)).toEqual(['unknown_code']);
    expect(session.setAnswer('sex', 7).issues[0]?.message).toBe('Option 7 does not exist in this question');
  });

  it('refuses locales the survey does not have', () => {
    const session = createSession(loadTemplate(exampleTemplate()), fixed);
    const result = session.setLocale('de');
    expect(!result.success && result.issues[0]).toMatchObject({ code: 'unknown_locale', path: ['locale'] });
    expect(session.getSnapshot().locale).toBe('ja');
  });
});

describe('the store', () => {
  it('notifies once per change, never for no-ops, and keeps the snapshot identity until a change', () => {
    const session = one({ id: 'q', type: 'single', label: t('Q'), options: options(2) });
    const listener = vi.fn();
    const unsubscribe = session.subscribe(listener);
    const first = session.getSnapshot();
    expect(session.getSnapshot()).toBe(first);
    session.setAnswer('q', 1);
    expect(listener).toHaveBeenCalledTimes(1);
    const second = session.getSnapshot();
    expect(second).not.toBe(first);
    session.setAnswer('q', 1);
    session.setAnswer('q', 5);
    session.setLocale('ja');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(session.getSnapshot()).toBe(second);
    unsubscribe();
    session.setAnswer('q', 2);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps the identity of unchanged question views and pages', () => {
    const session = createSession(loadTemplate(exampleTemplate()), fixed);
    const before = session.getSnapshot();
    session.setAnswer('email', 'a@example.jp');
    const after = session.getSnapshot();
    expect(after.pages).toBe(before.pages);
    expect(after.questions[0]).not.toBe(before.questions[0]);
    expect(after.questions.slice(1)).toEqual(before.questions.slice(1));
    after.questions.slice(1).forEach((q, i) => expect(q).toBe(before.questions[i + 1]));
  });

  it('lets the same listener subscribe twice, each unsubscribe removing one', () => {
    const session = one({ id: 'q', type: 'single', label: t('Q'), options: options(2) });
    const listener = vi.fn();
    const off1 = session.subscribe(listener);
    session.subscribe(listener);
    off1();
    session.setAnswer('q', 1);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('works with unbound methods, as hooks pass them', () => {
    const session = one({ id: 'q', type: 'single', label: t('Q'), options: options(2) });
    const { subscribe, getSnapshot, setAnswer } = session;
    const listener = vi.fn();
    subscribe(listener);
    setAnswer('q', 2);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(getSnapshot().questions[0]).toMatchObject({ value: 2 });
  });

  it('freezes stored arrays so a renderer cannot change an answer behind the engine', () => {
    const session = one({ id: 'q', type: 'multiple', label: t('Q'), options: options(3) });
    session.setAnswer('q', [1, 2]);
    const q = view(session, 'q');
    expect(Object.isFrozen(q.kind === 'multiple' ? q.value : null)).toBe(true);
  });
});
