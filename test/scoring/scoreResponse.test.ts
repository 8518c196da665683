import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/schema/index.js';
import { ScoringError, scoreResponse } from '../../src/scoring/index.js';
import { analysisSurvey, analysisTemplate, response } from './fixtures.js';

const survey = analysisSurvey();
const byId = (answers: Record<string, unknown>) =>
  new Map(scoreResponse(survey, response(survey, answers)).map((s) => [s.id, s]));

describe('scoreResponse', () => {
  it('computes each method with reverse keying and "don\'t know" left out', () => {
    // r3 is reverse-keyed: code 4 (Disagree, value 1) scores as value 4 and counts as favourable.
    const scores = byId({ r1: 1, r2: 3, r3: 4, r4: 9 });
    expect(scores.get('roles_share')).toEqual({
      id: 'roles_share',
      method: 'favourableShare',
      value: 2 / 3,
      answered: 3,
      items: 4,
    });
    expect(scores.get('roles_mean')!.value).toBeCloseTo((4 + 2 + 4) / 3, 12);
    expect(scores.get('roles_count')!.value).toBe(2);
    expect(scores.get('roles_sum')).toMatchObject({ value: 6, answered: 2, items: 2 });
  });

  it('mirrors favourable codes by position among substantive options', () => {
    // Scale order 1, 2, 3, 4 (9 is missing): reversed, 3 and 4 are favourable, 1 and 2 are not.
    expect(byId({ r3: 1, r1: 9 }).get('roles_count')!.value).toBe(0);
    expect(byId({ r3: 2 }).get('roles_count')!.value).toBe(0);
    expect(byId({ r3: 3 }).get('roles_count')!.value).toBe(1);
    expect(byId({ r3: 4 }).get('roles_count')!.value).toBe(1);
    // Values mirror across 1..4: code 2 (value 3) scores 2.
    expect(byId({ r3: 2, r1: 2 }).get('roles_mean')!.value).toBe((2 + 3) / 2);
  });

  it('leaves a score empty below minAnswered', () => {
    const scores = byId({ r1: 1, r2: 9, r3: 9, r4: 9 });
    expect(scores.get('roles_share')).toMatchObject({ value: null, answered: 1 });
    expect(scores.get('roles_mean')!.value).toBeNull();
    expect(scores.get('roles_count')!.value).toBe(1); // minAnswered defaults to 1
    expect(scores.get('roles_sum')!.value).toBeNull();
    expect(byId({}).get('roles_count')).toMatchObject({ value: null, answered: 0 });
  });

  it('treats values that are not option codes as unanswered', () => {
    const scores = byId({ r1: 77, r2: '1', r3: [1], r4: 1.5, care: null });
    expect(scores.get('roles_count')).toMatchObject({ value: null, answered: 0 });
    expect(byId({ r1: 2, r2: Number.NaN, r3: Infinity }).get('roles_count')).toMatchObject({
      value: 1,
      answered: 1,
    });
  });

  it('never crashes on hostile responses', () => {
    const hostile: unknown[] = [
      null,
      42,
      'text',
      [],
      { answers: null },
      { answers: [1, 2] },
      { answers: JSON.parse('{"__proto__": {"r1": 1}, "r2": 1}') },
      { answers: Object.create(null) },
      Object.create({ answers: { r1: 1 } }),
    ];
    for (const value of hostile) {
      const scores = scoreResponse(survey, value as never);
      expect(scores).toHaveLength(4);
      for (const s of scores) expect(s.value === null || Number.isFinite(s.value)).toBe(true);
    }
    // The own "__proto__" key is data, not a prototype: r1 stays unanswered.
    const polluted = scoreResponse(survey, {
      answers: JSON.parse('{"__proto__": {"r1": 1}, "r2": 1}'),
    } as never);
    expect(polluted.find((s) => s.id === 'roles_count')!.value).toBe(1);
  });

  it('does not read ids such as toString from the object prototype', () => {
    const template = analysisTemplate();
    const matrix = template.sections[0]!.questions.find((q) => q.id === 'views')!;
    if (matrix.type !== 'matrix') throw new Error('fixture changed');
    matrix.items[0]!.id = 'toString';
    template.scores = [{ id: 's', label: { ja: '得点', en: 'Score' }, items: ['toString'], method: 'count' }];
    template.benchmarks = [];
    template.passRules = [];
    const tricky = loadTemplate(template);
    expect(scoreResponse(tricky, response(tricky, {}))[0]).toMatchObject({ value: null, answered: 0 });
    expect(scoreResponse(tricky, response(tricky, { toString: 1 }))[0]).toMatchObject({
      value: 1,
      answered: 1,
    });
  });

  it('refuses something that is not a parsed survey', () => {
    expect(() => scoreResponse({} as never, response(survey, {}))).toThrow(ScoringError);
    expect(() => scoreResponse(null as never, response(survey, {}), { locale: 'en' })).toThrow(
      /parsed survey/,
    );
  });
});
