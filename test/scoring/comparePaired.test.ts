import { describe, expect, it } from 'vitest';
import type { SurveyResponse } from '../../src/schema/index.js';
import {
  comparePaired,
  pairedMeanDifference,
  pairedShareDifference,
  ScoringError,
} from '../../src/scoring/index.js';
import { analysisSurvey, response } from './fixtures.js';

const survey = analysisSurvey();

/** Agresti (2002), Table 10.1: approval of the president's performance in two surveys of the same 1,600 people. */
function approvalWaves(): { before: SurveyResponse[]; after: SurveyResponse[] } {
  const cells: Array<[number, number, number]> = [
    [794, 1, 1],
    [150, 1, 4],
    [86, 4, 1],
    [570, 4, 4],
  ];
  const before: SurveyResponse[] = [];
  const after: SurveyResponse[] = [];
  let id = 0;
  for (const [count, first, second] of cells) {
    for (let i = 0; i < count; i++) {
      id++;
      before.push(response(survey, { r1: first }, `p${id}`));
      after.push(response(survey, { r1: second }, `p${id}`));
    }
  }
  after.reverse(); // linking is by respondent id, not by position
  return { before, after };
}

describe('comparePaired', () => {
  it('reproduces McNemar on linked waves (Agresti 2002, Table 10.1)', () => {
    const change = comparePaired({ survey, ...approvalWaves() });
    expect(change.pairs).toBe(1600);
    expect(change.unmatched).toEqual({ before: 0, after: 0 });
    const r1 = change.items.find((i) => i.id === 'r1')!;
    expect(r1.pairs).toBe(1600);
    expect(r1.favourable).toEqual(
      pairedShareDifference({ both: 794, onlyBefore: 150, onlyAfter: 86, neither: 570 }),
    );
    expect(r1.favourable!.chiSquare).toBeCloseTo(17.36, 2);
    // Values 4 (agree) and 1 (disagree): mean change 3 · (86 − 150) / 1600.
    expect(r1.mean!.difference).toBeCloseTo((3 * (86 - 150)) / 1600, 12);
    expect(change.items.find((i) => i.id === 'r2')).toMatchObject({ pairs: 0, favourable: null, mean: null });
  });

  it('reproduces the paired t test (Student 1908 sleep data)', () => {
    const first = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const second = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const pairs = first.map(
      (x, i) => [response(survey, { hours: x }), response(survey, { hours: second[i] })] as const,
    );
    const hours = comparePaired({ survey, pairs }).items.find((i) => i.id === 'hours')!;
    // R: t.test(extra ~ group, data = sleep, paired = TRUE) gives t = −4.0621 for group 1 − group 2.
    expect(hours.mean!.t).toBeCloseTo(4.0621, 4);
    expect(hours.mean!.p).toBeCloseTo(0.002833, 6);
    expect(hours.favourable).toBeNull();
  });

  it('pairs scores and declared sets', () => {
    const pairs = Array.from(
      { length: 12 },
      (_, i) => [response(survey, { r1: 4, r2: 4 }), response(survey, { r1: i < 8 ? 1 : 4, r2: 3 })] as const,
    );
    const change = comparePaired({ survey, pairs, sets: [{ id: 'any', items: ['r1', 'r2'] }] });
    const count = change.scores.find((s) => s.id === 'roles_count')!;
    expect(count.mean).toEqual(
      pairedMeanDifference({
        n: 12,
        mean: 8 / 12,
        sd: Math.sqrt((8 * (1 / 3) ** 2 + 4 * (2 / 3) ** 2) / 11),
      }),
    );
    expect(count.atLeastOne).toMatchObject({
      before: 0,
      after: 8 / 12,
      onlyAfter: 8,
      test: 'exact',
      p: 2 / 256,
    });
    expect(change.sets[0]!.atLeastOne).toMatchObject({ points: (8 / 12) * 100 });
  });

  it('counts unmatched and rejected responses, and suppresses few pairs', () => {
    const before = [
      response(survey, { r1: 1 }, 'a'),
      response(survey, { r1: 1 }, 'b'),
      { answers: {} } as SurveyResponse,
    ];
    const after = [
      response(survey, { r1: 4 }, 'a'),
      { ...response(survey, { r1: 4 }, 'b'), templateId: 'other' },
      response(survey, {}, 'c'),
    ];
    const change = comparePaired({ survey, before, after });
    expect(change).toMatchObject({ pairs: 1, rejected: 1, unmatched: { before: 1, after: 1 } });
    expect(change.items.find((i) => i.id === 'r1')).toMatchObject({
      pairs: 1,
      suppressed: true,
      favourable: null,
    });
    expect(
      comparePaired({ survey, before, after, minGroupSize: 1 }).items.find((i) => i.id === 'r1')!.favourable,
    ).not.toBeNull();
  });

  it('refuses duplicate respondents and malformed input', () => {
    const dup = [response(survey, {}, 'x'), response(survey, {}, 'x')];
    try {
      comparePaired({ survey, before: dup, after: [] });
      expect.unreachable();
    } catch (error) {
      expect((error as ScoringError).issues[0]).toMatchObject({
        code: 'duplicate_respondent',
        path: ['before', 1, 'respondentId'],
      });
    }
    expect(() => comparePaired({ survey, before: [], after: dup })).toThrow(ScoringError);
    expect(() => comparePaired({ survey })).toThrow(ScoringError);
    expect(() => comparePaired({ survey, pairs: [[1] as never] })).toThrow(ScoringError);
    expect(() => comparePaired({ survey, pairs: [], minGroupSize: 0 })).toThrow(ScoringError);
  });
});
