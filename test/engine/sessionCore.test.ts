import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession } from '../../src/engine/index.js';
import * as expr from '../../src/expr/index.js';
import type { Question } from '../../src/schema/index.js';
import { options, surveyOf, t } from './surveys.js';

// The engine's calls to the evaluator are counted; the evaluator itself is unchanged.
vi.mock('../../src/expr/index.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/expr/index.js')>();
  return { ...actual, evaluateExpression: vi.fn(actual.evaluateExpression) };
});
const evaluations = vi.mocked(expr.evaluateExpression);

describe('incremental recomputation', () => {
  // Twenty independent pairs a_k → b_k, then questions that depend on visibility and answers downstream.
  const pairs: Question[] = Array.from({ length: 20 }, (_, k): Question[] => [
    { id: `a${k}`, type: 'single', label: t(`a${k}`), options: options(2) },
    { id: `b${k}`, type: 'text', label: t(`b${k}`), visibleIf: `a${k} = 1` },
  ]).flat();
  const survey = surveyOf(
    [
      { id: 'late_reader', type: 'text', label: t('x'), visibleIf: 'answered(later)' },
      ...pairs,
      { id: 'c', type: 'text', label: t('c'), visibleIf: 'answered(b0)' },
      { id: 'd', type: 'text', label: t('d'), requiredIf: 'a3 = 1' },
    ],
    [
      { id: 'z', type: 'single', label: t('z'), options: options(2) },
      { id: 'later', type: 'single', label: t('later'), options: options(2), visibleIf: 'z = 1' },
    ],
  );
  const shown = (session: ReturnType<typeof createSession>) =>
    session.getSnapshot().questions.map((q) => q.id);

  beforeEach(() => evaluations.mockClear());

  it('evaluates only the conditions that read the changed answer', () => {
    const session = createSession(survey);
    expect(evaluations).toHaveBeenCalledTimes(survey.conditions.length);
    evaluations.mockClear();
    session.setAnswer('a5', 1);
    expect(evaluations).toHaveBeenCalledTimes(1);
    expect(shown(session)).toContain('b5');
    evaluations.mockClear();
    session.setAnswer('a3', 1);
    expect(evaluations).toHaveBeenCalledTimes(2); // b3's visibleIf and d's requiredIf
    expect(session.getSnapshot().questions.find((q) => q.id === 'd')?.required).toBe(true);
    evaluations.mockClear();
    session.setAnswer('b5', 'text nobody reads');
    expect(evaluations).not.toHaveBeenCalled();
  });

  it('follows visibility changes through the answers they hide, in dependency order', () => {
    const session = createSession(survey);
    session.setAnswer('a0', 1);
    session.setAnswer('b0', 'answer');
    expect(shown(session)).toContain('c');
    evaluations.mockClear();
    session.setAnswer('a0', 2); // hides b0, whose answer then no longer counts for c
    expect(evaluations).toHaveBeenCalledTimes(2);
    expect(shown(session)).not.toContain('c');
    session.setAnswer('a0', 1);
    expect(shown(session)).toContain('c');

    // A condition on an earlier page that reads a later question is settled after it.
    session.setAnswer('later', 1); // kept, but "later" is hidden until z = 1
    expect(shown(session)).not.toContain('late_reader');
    session.setAnswer('z', 1);
    expect(shown(session)).toContain('late_reader');
    session.setAnswer('z', 2);
    expect(shown(session)).not.toContain('late_reader');
  });
});
