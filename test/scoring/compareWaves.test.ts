import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/schema/index.js';
import {
  compareWaves,
  createAggregator,
  meanDifference,
  ScoringError,
  shareDifference,
} from '../../src/scoring/index.js';
import { analysisSurvey, analysisTemplate, response } from './fixtures.js';

const survey = analysisSurvey();

function wave(favourable: number, total: number) {
  const agg = createAggregator(survey, { by: ['sex'], minGroupSize: 5 });
  for (let i = 0; i < total; i++)
    agg.add(response(survey, { sex: 2, r1: i < favourable ? 2 : 3, hours: i % 10 }));
  for (let i = 0; i < 3; i++) agg.add(response(survey, { sex: 3, r1: 1 }));
  return agg;
}

describe('compareWaves', () => {
  it('gives after − before with Newcombe and Welch, per item and score', () => {
    // Newcombe (1998b) example (a) as two waves: 48/80 before, 56/70 after → +20 points, 5.24 to 33.39.
    const before = wave(48, 80);
    const after = wave(56, 70);
    const change = compareWaves({ before, after, group: { sex: 2 } });
    expect(change).toMatchObject({ templateId: survey.template.id, group: 'sex=2' });
    expect(change.before).toMatchObject({ responses: 83, respondents: 80 });
    const r1 = change.items.find((i) => i.id === 'r1')!;
    expect(r1.favourable).toEqual(shareDifference({ count: 56, n: 70 }, { count: 48, n: 80 }));
    expect(r1.favourable!.lower).toBeCloseTo(5.24, 2);
    expect(r1.favourable!.upper).toBeCloseTo(33.39, 2);
    const a = after.result().items.find((i) => i.id === 'hours')!.groups[2]!.mean!;
    const b = before.result().items.find((i) => i.id === 'hours')!.groups[2]!.mean!;
    expect(change.items.find((i) => i.id === 'hours')!.mean).toEqual(meanDifference(a, b));
    expect(change.scores.find((s) => s.id === 'roles_count')!.atLeastOne!.points).toBeCloseTo(20, 10);
  });

  it('accepts results as plain JSON and compares everyone by default', () => {
    const before = JSON.parse(JSON.stringify(wave(10, 20).result()));
    const after = wave(15, 20);
    const change = compareWaves({ before, after, level: 0.9 });
    expect(change.group).toBe('all');
    expect(change.items.find((i) => i.id === 'r1')!.favourable!.points).toBeCloseTo(
      (18 / 23 - 13 / 23) * 100,
      10,
    );
  });

  it('gives null where a group is suppressed', () => {
    const change = compareWaves({ before: wave(1, 3), after: wave(2, 4), group: { sex: 2 } });
    expect(change.items.find((i) => i.id === 'r1')!.favourable).toBeNull();
  });

  it('refuses other templates, groups not analysed and malformed input', () => {
    const other = loadTemplate({ ...analysisTemplate(), id: 'other-template' });
    const otherWave = createAggregator(other);
    expect(() => compareWaves({ before: wave(1, 5), after: otherWave })).toThrow(ScoringError);
    expect(() => compareWaves({ before: wave(1, 5), after: wave(1, 5), group: { age_band: 1 } })).toThrow(
      /age_band/,
    );
    expect(() => compareWaves({ before: { format: 'x' } as never, after: wave(1, 5) })).toThrow(ScoringError);
    expect(() => compareWaves({ before: null as never, after: wave(1, 5) })).toThrow(ScoringError);
  });
});
