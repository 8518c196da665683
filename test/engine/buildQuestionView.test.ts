import { describe, expect, it } from 'vitest';
import type { QuestionView, Session } from '../../src/engine/index.js';
import { createSession } from '../../src/engine/index.js';
import { loadTemplate } from '../../src/schema/index.js';
import { fixed, options, section, surveyOf, t, templateOf } from './surveys.js';

const view = (session: Session, id: string): QuestionView => {
  const found = session.getSnapshot().questions.find((q) => q.id === id);
  if (!found) throw new Error(`${id} is not on the current page`);
  return found;
};

describe('piping', () => {
  const survey = () =>
    surveyOf([
      { id: 'name', type: 'text', label: t('呼び名') },
      {
        id: 'pick',
        type: 'single',
        label: t('好きなもの'),
        options: [...options(2), { code: 9, label: t('その他', 'Other'), other: true }],
      },
      { id: 'many', type: 'multiple', label: t('複数'), options: options(3) },
      { id: 'rank', type: 'ranking', label: t('順位'), options: options(3), maxRanked: 3 },
      { id: 'n', type: 'number', label: t('数') },
      { id: 'd', type: 'date', label: t('日付') },
      { id: 'gate', type: 'single', label: t('表示'), options: options(2) },
      { id: 'hidden', type: 'text', label: t('隠れる'), visibleIf: 'gate = 1' },
      {
        id: 'echo',
        type: 'text',
        label: t(
          '{name} さん: {pick} / {many} / {rank} / {n} / {d} / {hidden} / {nobody} / {}',
          '{name}: {pick} / {many} / {rank} / {n} / {d} / {hidden}',
        ),
        help: t('「{name}」について'),
      },
    ]);

  it('pipes answer labels, values and list separators in the session locale', () => {
    const session = createSession(survey(), fixed);
    session.setAnswer('name', 'ゆう');
    session.setAnswer('pick', 2);
    session.setAnswer('many', [1, 3]);
    session.setAnswer('rank', [3, 1]);
    session.setAnswer('n', 2.5);
    session.setAnswer('d', '2026-04-01');
    expect(view(session, 'echo').label).toBe(
      'ゆう さん: 選択肢2 / 選択肢1、選択肢3 / 選択肢3、選択肢1 / 2.5 / 2026-04-01 /  / {nobody} / {}',
    );
    expect(view(session, 'echo').help).toBe('「ゆう」について');
    session.setLocale('en');
    expect(view(session, 'echo').label).toBe(
      'ゆう: Option 2 / Option 1, Option 3 / Option 3, Option 1 / 2.5 / 2026-04-01 / ',
    );
  });

  it('pipes the "other" text instead of the option label when one is written', () => {
    const session = createSession(survey(), fixed);
    session.setAnswer('pick', 9);
    expect(view(session, 'echo').label).toContain(' さん: その他 / ');
    session.setOther('pick', 'ねこ');
    expect(view(session, 'echo').label).toContain(' さん: ねこ / ');
  });

  it('pipes an empty string for unanswered and hidden answers', () => {
    const session = createSession(survey(), fixed);
    expect(view(session, 'echo').label).toBe(' さん:  /  /  /  /  /  / {nobody} / {}');
    session.setAnswer('gate', 1);
    session.setAnswer('hidden', '見える');
    expect(view(session, 'echo').label).toMatch(/ \/ 見える \/ /);
    session.setAnswer('gate', 2);
    expect(view(session, 'echo').label).not.toContain('見える');
  });

  it('escapes HTML in piped answers (and in the template text) for labelHtml', () => {
    const session = createSession(survey(), fixed);
    session.setAnswer('name', '<script>alert("x")</script>&');
    const echo = view(session, 'echo');
    expect(echo.label.startsWith('<script>alert("x")</script>& さん')).toBe(true);
    expect(echo.labelHtml.startsWith('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp; さん')).toBe(
      true,
    );
    expect(echo.labelHtml).not.toContain('<');
    expect(echo.helpHtml).toBe('「&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;」について');
  });

  it('redraws a piping question when the piped answer changes, and only then', () => {
    const session = createSession(survey(), fixed);
    const before = view(session, 'echo');
    session.setAnswer('gate', 2);
    expect(view(session, 'echo')).toBe(before);
    session.setAnswer('n', 3);
    expect(view(session, 'echo')).not.toBe(before);
  });

  it('pipes matrix items and escapes item texts', () => {
    const session = createSession(
      surveyOf([
        {
          id: 'm',
          type: 'matrix',
          label: t('表'),
          scale: 'agree4',
          items: [
            { id: 'm1', text: t('A & B') },
            { id: 'm2', text: t('前の答え: {m1}') },
          ],
        },
      ]),
      fixed,
    );
    session.setAnswer('m1', 2);
    const m = view(session, 'm');
    if (m.kind !== 'matrix') throw new Error('not a matrix');
    expect(m.items.map((i) => [i.label, i.labelHtml])).toEqual([
      ['A & B', 'A &amp; B'],
      ['前の答え: ややそう思う', '前の答え: ややそう思う'],
    ]);
  });
});

describe('view models', () => {
  it('gives stable element ids and ARIA wiring', () => {
    const session = createSession(
      surveyOf([
        {
          id: 'q',
          type: 'single',
          label: t('Q'),
          help: t('ヘルプ'),
          required: true,
          options: [{ code: -1, label: t('マイナス') }, ...options(1)],
        },
      ]),
      fixed,
    );
    const q = view(session, 'q');
    expect(q.ids).toEqual({
      label: 'kz-q-label',
      help: 'kz-q-help',
      error: 'kz-q-error',
      input: 'kz-q-input',
    });
    expect(q.describedBy).toBe('kz-q-help');
    expect(q.kind === 'single' && q.options.map((o) => o.id)).toEqual(['kz-q-opt--1', 'kz-q-opt-1']);
    expect(q.kind === 'single' && q.otherId).toBeNull();
    session.next();
    expect(view(session, 'q').describedBy).toBe('kz-q-help kz-q-error');
  });

  it('marks option flags and keeps pinned options last when randomised', () => {
    const session = createSession(
      surveyOf([
        {
          id: 'q',
          type: 'multiple',
          label: t('Q'),
          randomise: true,
          options: [
            { code: 8, label: t('その他'), other: true, pinned: true },
            ...options(5),
            { code: 9, label: t('なし'), exclusive: true, pinned: true, missing: true },
          ],
        },
      ]),
      fixed,
    );
    const q = view(session, 'q');
    if (q.kind !== 'multiple') throw new Error('not multiple');
    expect(q.options.slice(-2).map((o) => [o.code, o.other, o.exclusive, o.pinned, o.missing])).toEqual([
      [8, true, false, true, false],
      [9, false, true, true, true],
    ]);
    expect(
      q.options
        .slice(0, 5)
        .map((o) => o.code)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5]);
  });

  it('shows a section without questions as a page of its own', () => {
    const session = createSession(
      loadTemplate(
        templateOf([
          section('intro', [], { description: t('はじめに', 'Welcome') }),
          section('main', [{ id: 'q', type: 'single', label: t('Q'), options: options(2) }]),
        ]),
      ),
      { ...fixed, pageMode: 'question', locale: 'en' },
    );
    const state = session.getSnapshot();
    expect(state.pages.map((p) => [p.sectionId, p.questionId, p.visible])).toEqual([
      ['intro', null, true],
      ['main', 'q', true],
    ]);
    expect(state.page.description).toBe('Welcome');
    expect(state.questions).toEqual([]);
  });
});
