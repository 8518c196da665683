import { describe, expect, it } from 'vitest';
import type { Session } from '../../src/engine/index.js';
import { createSession, restoreSession } from '../../src/engine/index.js';
import type { Question, Template } from '../../src/schema/index.js';
import { loadTemplate } from '../../src/schema/index.js';
import { exampleTemplate } from '../helpers/templates.js';
import { fixed, options, surveyOf, t } from './surveys.js';

const roundTrip = (session: Session) => JSON.parse(JSON.stringify(session.snapshot()));

/** A session on the feature sampler with most questions answered, some of them hidden again. */
function answered(): Session {
  const session = createSession(loadTemplate(exampleTemplate()), { ...fixed, locale: 'en' });
  session.setAnswer('email', 'someone@example.jp');
  session.setAnswer('sex', 1);
  session.setAnswer('age', 34);
  session.setAnswer('children', 2);
  session.next();
  session.setAnswer('arrangements', [1, 4, 5]);
  session.setOther('arrangements', 'four-day week');
  session.setAnswer('telework_days', 2.5);
  session.setAnswer('leave_plan', 1);
  session.setAnswer('workload', 2);
  session.next();
  session.setAnswer('v_care', 1);
  session.setAnswer('v_lead', 2);
  session.setAnswer('v_share', 3);
  session.setAnswer('why_leave', [3, 5]);
  session.setOther('why_leave', 'family');
  session.setAnswer('comment', 'more to say');
  return session;
}

describe('restoreSession on the same template', () => {
  it('continues exactly where the session was, through JSON', () => {
    const session = answered();
    session.setLocale('ja');
    session.setAnswer('sex', 2); // hides leave_plan, whose answer is kept
    const restored = restoreSession(session.survey, roundTrip(session), fixed);
    expect(restored.issues).toEqual([]);
    expect(restored.templateChanged).toBe(false);
    expect(restored.session.getSnapshot()).toEqual(session.getSnapshot());
    expect(restored.session.snapshot()).toEqual(session.snapshot());
    restored.session.setAnswer('sex', 1);
    session.setAnswer('sex', 1);
    expect(restored.session.submit()).toEqual(session.submit());
  });

  it('keeps seed, respondent id and start time', () => {
    const session = createSession(loadTemplate(exampleTemplate()), { seed: 99, respondentId: () => 'abc' });
    const { session: restored } = restoreSession(session.survey, roundTrip(session), { now: fixed.now });
    const result = restored.submit();
    if (result.success) throw new Error('should need answers');
    const snapshot = restored.snapshot();
    expect([snapshot.seed, snapshot.respondentId, snapshot.startedAt]).toEqual([
      99,
      'abc',
      session.snapshot().startedAt,
    ]);
  });

  it('reports every field it could not use and starts afresh from junk', () => {
    const survey = loadTemplate(exampleTemplate());
    for (const junk of [null, 42, 'text', [], {}, { format: 'kizuki-session/2' }]) {
      const result = restoreSession(survey, junk, fixed);
      expect(result.issues.map((i) => i.code)).toEqual(['snapshot_invalid']);
      expect(result.session.getSnapshot().pageIndex).toBe(0);
    }
    const snapshot = {
      ...roundTrip(answered()),
      seed: -3,
      respondentId: '',
      startedAt: 'yesterday',
      pageMode: 'x',
    };
    const result = restoreSession(survey, { ...snapshot, pageIndex: 'two', locale: 'xx', touched: 5 }, fixed);
    expect(result.issues.map((i) => i.params?.field)).toEqual([
      'locale',
      'seed',
      'respondentId',
      'startedAt',
      'pageMode',
      'pageIndex',
      'touched',
    ]);
    expect(result.session.snapshot()).toMatchObject({ seed: 7, respondentId: 'respondent-1', pageIndex: 0 });
    expect(Object.keys(result.session.snapshot().answers)).toHaveLength(13);
  });

  it('refuses a snapshot of another survey, saying how many answers are lost', () => {
    const snapshot = { ...roundTrip(answered()), templateId: 'another-survey' };
    const result = restoreSession(loadTemplate(exampleTemplate()), snapshot, { ...fixed, locale: 'en' });
    expect(result.issues).toEqual([
      {
        code: 'template_mismatch',
        path: ['templateId'],
        message:
          'The saved session belongs to another survey ("another-survey"); its 13 answers cannot be carried over',
        params: { saved: 'another-survey', answers: 13 },
      },
    ]);
    expect(result.session.snapshot().answers).toEqual({});
  });

  it('checks saved answers like new ones, without re-applying exclusivity', () => {
    const survey = surveyOf([
      {
        id: 'q',
        type: 'multiple',
        label: t('Q'),
        options: [...options(2), { code: 9, label: t('なし'), exclusive: true }],
      },
      { id: 'n', type: 'number', label: t('N'), max: 5 },
      { id: 'x', type: 'text', label: t('X') },
    ]);
    const snapshot = roundTrip(createSession(survey, fixed));
    snapshot.answers = { q: [1, 9], n: 50, x: 12 };
    const result = restoreSession(survey, snapshot, fixed);
    expect(result.issues.map((i) => [i.code, i.path, i.params?.value])).toEqual([
      ['answer_invalid', ['answers', 'x'], 12],
    ]);
    // Accepted values keep their flags: the respondent sees and fixes them.
    const view = result.session.getSnapshot().questions;
    expect(view.find((q) => q.id === 'q')).toMatchObject({ value: [1, 9] });
    const submit = result.session.submit();
    expect(!submit.success && submit.issues.map((i) => i.code)).toEqual(['exclusive_conflict', 'too_large']);
  });
});

describe('restoreSession across a template version', () => {
  /** v1.1.0: email removed, option 4 of arrangements removed, workload now a single choice, v_lead reworded as v_lead2, why_leave without "other". */
  function version110(): Template {
    const template = exampleTemplate();
    template.version = '1.1.0';
    const about = template.sections[0]!;
    about.questions = about.questions.filter((q) => q.id !== 'email');
    const work = template.sections[1]!;
    const arrangements = work.questions.find((q) => q.id === 'arrangements') as Extract<
      Question,
      { type: 'multiple' }
    >;
    arrangements.options = arrangements.options.filter((o) => o.code !== 4);
    work.questions = work.questions.map((q) =>
      q.id === 'workload'
        ? { id: 'workload', type: 'single', label: q.label, required: true, options: options(5) }
        : q,
    );
    const attitudes = template.sections[2]!;
    const views = attitudes.questions.find((q) => q.id === 'views') as Extract<Question, { type: 'matrix' }>;
    views.items = views.items.map((item) =>
      item.id === 'v_lead'
        ? { ...item, id: 'v_lead2', text: t('まとめ役は男性が向いている', 'Men make better leaders') }
        : item,
    );
    attitudes.questions = attitudes.questions.map((q) =>
      q.id === 'why_leave'
        ? { ...q, visibleIf: 'age < 40 or v_lead2 in [1, 2]', options: options(4) }
        : q.id === 'comment'
          ? { ...q, visibleIf: 'count(why_leave) >= 1 or mean(v_care, v_lead2) <= 2.5' }
          : q,
    );
    delete template.benchmarks;
    template.scores = template.scores?.map((s) => ({
      ...s,
      items: s.items.map((i) => (i === 'v_lead' ? 'v_lead2' : i)),
    }));
    return template;
  }

  it('carries unchanged answers and reports every lost one', () => {
    const session = answered();
    const v110 = loadTemplate(version110());
    const result = restoreSession(v110, roundTrip(session), fixed);
    expect(result.templateChanged).toBe(true);
    expect(result.issues.map((i) => [i.code, i.path.join('.'), i.params?.value])).toEqual([
      ['question_removed', 'answers.email', 'someone@example.jp'],
      ['code_removed', 'answers.arrangements', [1, 4, 5]],
      ['type_changed', 'answers.workload', 2],
      ['question_removed', 'answers.v_lead', 2],
      ['code_removed', 'answers.why_leave', [3, 5]],
      ['other_removed', 'other.why_leave', 'family'],
    ]);
    expect(result.issues[1]?.params?.codes).toEqual([4]);
    expect(result.issues[1]?.message).toBe(
      'Option 4 of "arrangements" no longer exists, so its answer cannot be carried over',
    );
    expect(result.issues[2]?.params).toMatchObject({ saved: 'likert', current: 'single' });
    const carried = result.session.snapshot();
    expect(carried.answers).toEqual({
      sex: 1,
      age: 34,
      children: 2,
      telework_days: 2.5,
      leave_plan: 1,
      v_care: 1,
      v_share: 3,
      comment: 'more to say',
    });
    // The arrangements "other" text is kept: its option still exists, ready when it is chosen again.
    expect(carried.other).toEqual({ arrangements: 'four-day week' });
    expect(carried.templateVersion).toBe('1.1.0');
    expect(carried.seed).toBe(7);
    expect(result.session.getSnapshot().pageIndex).toBe(2);
  });

  it('reports in Japanese when the session is in Japanese', () => {
    const session = answered();
    session.setLocale('ja');
    const result = restoreSession(loadTemplate(version110()), roundTrip(session), fixed);
    expect(result.issues[0]?.message).toBe('「email」はこの版のアンケートにないため、回答を引き継げません');
  });
});
