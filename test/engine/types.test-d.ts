import { describe, expectTypeOf, it } from 'vitest';
import type {
  ActionResult,
  AnswerResult,
  AnswerValue,
  Issue,
  QuestionView,
  RestoreResult,
  Session,
  SessionSnapshot,
  SessionState,
  SubmitResult,
  SurveyResponse,
} from '../../src/engine/index.js';
import { createSession, restoreSession } from '../../src/engine/index.js';
import type { Survey } from '../../src/schema/index.js';

declare const survey: Survey;

describe('engine public types', () => {
  it('creates and restores sessions', () => {
    expectTypeOf(createSession).parameter(0).toEqualTypeOf<Survey>();
    expectTypeOf(createSession(survey)).toEqualTypeOf<Session>();
    expectTypeOf(restoreSession(survey, {})).toEqualTypeOf<RestoreResult>();
    expectTypeOf<RestoreResult['issues']>().toEqualTypeOf<Issue[]>();
    // @ts-expect-error pageMode is 'section' or 'question'
    createSession(survey, { pageMode: 'all' });
  });

  it('gives a store that useSyncExternalStore accepts', () => {
    const session = createSession(survey);
    expectTypeOf(session.subscribe).toEqualTypeOf<(listener: () => void) => () => void>();
    expectTypeOf(session.getSnapshot).returns.toEqualTypeOf<SessionState>();
    expectTypeOf(session.snapshot).returns.toEqualTypeOf<SessionSnapshot>();
    expectTypeOf(session.submit).returns.toEqualTypeOf<SubmitResult>();
    expectTypeOf(session.next).returns.toEqualTypeOf<ActionResult>();
  });

  it('returns discriminated results', () => {
    const session = createSession(survey);
    const set = session.setAnswer('q', [1, 2]);
    expectTypeOf(set).toEqualTypeOf<AnswerResult>();
    if (set.success) expectTypeOf(set.value).toEqualTypeOf<AnswerValue | null>();
    else expectTypeOf(set).not.toHaveProperty('value');
    const submitted = session.submit();
    if (submitted.success) expectTypeOf(submitted.response).toEqualTypeOf<SurveyResponse>();
    else expectTypeOf(submitted.issues).toEqualTypeOf<Issue[]>();
    // @ts-expect-error answers are codes, numbers, strings or arrays of codes
    session.setAnswer('q', { code: 1 });
  });

  it('narrows question views by kind', () => {
    const q = {} as QuestionView;
    expectTypeOf(q.kind).toEqualTypeOf<
      'single' | 'multiple' | 'ranking' | 'likert' | 'matrix' | 'number' | 'text' | 'date' | 'note'
    >();
    if (q.kind === 'multiple') {
      expectTypeOf(q.value).toEqualTypeOf<readonly number[] | null>();
      expectTypeOf(q.maxSelected).toEqualTypeOf<number | null>();
    }
    if (q.kind === 'number') {
      expectTypeOf(q.value).toEqualTypeOf<number | null>();
      expectTypeOf(q.inputMode).toEqualTypeOf<'numeric' | 'decimal'>();
    }
    if (q.kind === 'matrix') {
      expectTypeOf(q.items[0]!.value).toEqualTypeOf<number | null>();
      expectTypeOf(q).not.toHaveProperty('value');
    }
    if (q.kind === 'note') expectTypeOf(q).not.toHaveProperty('options');
    expectTypeOf(q.errors).toEqualTypeOf<readonly Issue[]>();
  });
});
