import { describe, expect, it } from 'vitest';
import { createSession, restoreSession } from '../../src/engine/index.js';
import { options, surveyOf, t } from './surveys.js';

const survey = () =>
  surveyOf([
    { id: 'toString', type: 'single', label: t('{toString} と {valueOf}'), options: options(2) },
    { id: 'valueOf', type: 'multiple', label: t('M'), options: options(3) },
    { id: 'txt', type: 'text', label: t('T') },
  ]);

describe('hostile input to sessions', () => {
  it('treats ids like Object.prototype members as ordinary questions', () => {
    const session = createSession(survey());
    expect(session.getSnapshot().questions[0]!.label).toBe(' と ');
    expect(session.setAnswer('toString', 1).success).toBe(true);
    expect(session.setAnswer('hasOwnProperty', 1).issues[0]?.code).toBe('unknown_question');
    expect(session.setAnswer('__proto__', 1).issues[0]?.code).toBe('unknown_question');
    expect(session.setOther('constructor', 'x').issues[0]?.code).toBe('unknown_question');
    const result = session.submit();
    expect(result.success && result.response.answers).toEqual({ toString: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses values that throw when read, without changing anything', () => {
    const session = createSession(survey());
    const trap = new Proxy([1], {
      get() {
        throw new Error('trap');
      },
    });
    const before = session.getSnapshot();
    expect(session.setAnswer('valueOf', trap as never).issues[0]?.code).toBe('invalid_type');
    const evil = {
      toString: () => {
        throw new Error('evil');
      },
    };
    expect(session.setAnswer(evil as never, 1).issues[0]?.code).toBe('unknown_question');
    expect(session.goTo(evil as never).success).toBe(false);
    expect(session.setLocale(evil as never).success).toBe(false);
    expect(session.toggleOption('valueOf', evil as never).success).toBe(false);
    expect(session.setOther('txt', evil as never).success).toBe(false);
    expect(session.getSnapshot()).toBe(before);
  });

  it('handles huge and malformed values', () => {
    const session = createSession(survey());
    const huge = new Array(1_000_000).fill(1);
    expect(session.setAnswer('valueOf', huge).issues[0]?.code).toBe('duplicate_code');
    expect(session.setAnswer('valueOf', [1, Number.NaN]).issues[0]?.code).toBe('invalid_type');
    const holes: number[] = [];
    holes[0] = 1;
    holes[2] = 2;
    expect(session.setAnswer('valueOf', holes).issues[0]?.code).toBe('invalid_type');
    const long = session.setAnswer('txt', 'x'.repeat(1_000_000));
    expect(long.success && long.issues[0]?.code).toBe('text_too_long');
  });

  it('restores snapshots with prototype keys and wrong types without pollution', () => {
    const s = survey();
    const snapshot = JSON.parse(JSON.stringify(createSession(s).snapshot()));
    snapshot.answers = JSON.parse('{"__proto__": {"polluted": 1}, "toString": 2, "valueOf": "x"}');
    snapshot.other = JSON.parse('{"__proto__": "x", "toString": 5}');
    snapshot.kinds = JSON.parse('{"__proto__": "single"}');
    const result = restoreSession(s, snapshot);
    expect(result.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['question_removed', 'answers.__proto__'],
      ['answer_invalid', 'answers.valueOf'],
      ['question_removed', 'other.__proto__'],
      ['snapshot_field_invalid', 'other.toString'],
    ]);
    expect(result.session.snapshot().answers).toEqual({ toString: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survives a snapshot whose getters throw', () => {
    const snapshot = {
      format: 'kizuki-session/1',
      get templateId(): string {
        throw new Error('getter');
      },
    };
    const result = restoreSession(survey(), snapshot);
    expect(result.issues.map((i) => i.code)).toEqual(['snapshot_invalid']);
  });
});
