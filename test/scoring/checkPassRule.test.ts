import { describe, expect, it } from 'vitest';
import { checkPassRule, createAggregator, ScoringError } from '../../src/scoring/index.js';
import { analysisSurvey, response } from './fixtures.js';

const survey = analysisSurvey();
const favourable = { r1: 1, r2: 2, r3: 4, r4: 1 }; // r3 is reverse-keyed: 4 is favourable
const unfavourable = { r1: 4, r2: 3, r3: 1, r4: 4 };

function aggregate(men: [number, number], women: [number, number], minGroupSize = 5) {
  const agg = createAggregator(survey, { by: ['sex'], minGroupSize });
  const add = (sex: number, [yes, no]: [number, number]) => {
    for (let i = 0; i < yes; i++) agg.add(response(survey, { sex, ...favourable }));
    for (let i = 0; i < no; i++) agg.add(response(survey, { sex, ...unfavourable }));
  };
  add(1, men);
  add(2, women);
  return agg;
}

describe('checkPassRule (Toyooka-style: 2/3 overall, among men and among women)', () => {
  it('passes at exactly two thirds and reports the margins', () => {
    const check = checkPassRule(survey, aggregate([6, 3], [8, 1]), { rule: 'certified' });
    expect(check).toMatchObject({ rule: 'certified', score: 'roles_share', threshold: 2 / 3, passed: true });
    expect(check.overall).toMatchObject({ id: 'overall', group: 'all', n: 18, passed: true });
    expect(check.overall.share).toBeCloseTo(14 / 18, 12);
    expect(check.overall.marginPoints).toBeCloseTo((14 / 18 - 2 / 3) * 100, 10);
    const men = check.groups[0]!;
    expect(men).toMatchObject({ id: 'men', where: { sex: 1 }, group: 'sex=1', n: 9, passed: true });
    expect(men.marginPoints).toBeCloseTo(0, 10);
  });

  it('fails when one group falls short, even if everyone together passes', () => {
    const check = checkPassRule(survey, aggregate([20, 0], [3, 3]), { rule: 'certified' });
    expect(check.overall.passed).toBe(true);
    expect(check.groups[1]).toMatchObject({ id: 'women', passed: false, share: 0.5 });
    expect(check.groups[1]!.marginPoints).toBeCloseTo(-50 / 3, 10);
    expect(check.passed).toBe(false);
  });

  it('is undecided when a group is suppressed', () => {
    const check = checkPassRule(survey, aggregate([9, 0], [2, 0]), { rule: 'certified' });
    expect(check.groups[1]).toMatchObject({ suppressed: true, share: null, passed: null });
    expect(check.passed).toBeNull();
    expect(checkPassRule(survey, aggregate([9, 0], [2, 0], 1), { rule: 'certified' }).passed).toBe(true);
  });

  it('refuses unknown rules and aggregates not grouped by the rule’s questions', () => {
    expect(() => checkPassRule(survey, aggregate([1, 1], [1, 1]), { rule: 'nope' })).toThrow(/nope/);
    const ungrouped = createAggregator(survey);
    try {
      checkPassRule(survey, ungrouped, { rule: 'certified', locale: 'en' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScoringError);
      expect((error as ScoringError).issues[0]).toMatchObject({
        code: 'unknown_group',
        path: ['passRules', 0, 'groups', 0, 'where'],
      });
      expect((error as ScoringError).message).toContain('add its question to by');
    }
  });
});
