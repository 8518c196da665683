import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SurveyResponse } from '../../src/schema/index.js';
import { type AggregateState, aggregatorFromJSON, createAggregator } from '../../src/scoring/index.js';
import { analysisSurvey, randomAnswers, randomSource, response } from './fixtures.js';

const survey = analysisSurvey();
const options = {
  by: ['sex', 'age_band'],
  minGroupSize: 1,
  sets: [{ id: 'any', items: ['r1', 'r2', 'care'] }],
};

function responses(seed: number, count: number): SurveyResponse[] {
  const random = randomSource(seed);
  return Array.from({ length: count }, () => response(survey, randomAnswers(random)));
}

function onePass(list: readonly SurveyResponse[]): AggregateState {
  const agg = createAggregator(survey, options);
  for (const r of list) agg.add(r);
  return agg.toJSON();
}

/** Counts equal exactly; floating-point moments within 1e-9 relative (docs/analyse.en.md). */
function expectSameState(actual: AggregateState, expected: AggregateState): void {
  expect(actual.responses).toBe(expected.responses);
  expect(actual.rejected).toEqual(expected.rejected);
  expect(actual.cellRespondents).toEqual(expected.cellRespondents);
  expect(actual.counts).toEqual(expected.counts);
  expect(actual.sets).toEqual(expected.sets);
  for (const key of ['numbers', 'scores', 'alpha'] as const) {
    expect(actual[key]).toHaveLength(expected[key].length);
    actual[key].forEach((x, i) => {
      const y = expected[key][i]!;
      expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
    });
  }
}

describe('merge is exact', () => {
  it('any split into shards, merged in any order, equals one pass', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 6 }),
        fc.infiniteStream(fc.nat()),
        fc.boolean(),
        (seed, count, shards, picks, viaJson) => {
          const list = responses(seed, count);
          const parts = Array.from({ length: shards }, () => createAggregator(survey, options));
          const it = picks[Symbol.iterator]();
          for (const r of list) parts[it.next().value % shards]!.add(r);
          // Merge in a random order, optionally through saved JSON states.
          const order = parts.map((_, i) => i).sort(() => (it.next().value % 3) - 1);
          const target = createAggregator(survey, options);
          for (const i of order) {
            const part = parts[i]!;
            target.merge(viaJson ? JSON.parse(JSON.stringify(part.toJSON())) : part);
          }
          expectSameState(target.toJSON(), onePass(list));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a tree of merges equals one pass too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 2, max: 200 }), (seed, count) => {
        const list = responses(seed, count);
        const half = Math.floor(count / 2);
        const left = createAggregator(survey, options);
        const right = createAggregator(survey, options);
        list.slice(0, half).forEach((r) => left.add(r));
        list.slice(half).forEach((r) => right.add(r));
        right.merge(left);
        const restored = aggregatorFromJSON(survey, right.toJSON());
        expectSameState(restored.toJSON(), onePass(list));
      }),
      { numRuns: 20 },
    );
  });
});

describe('order does not matter', () => {
  it('the same responses in any order give the same state', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 0, max: 150 }),
        fc.integer(),
        (seed, count, shuffleSeed) => {
          const list = responses(seed, count);
          const random = randomSource(shuffleSeed);
          const shuffled = [...list];
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          expectSameState(onePass(shuffled), onePass(list));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('results are well formed', () => {
  const inUnit = (x: number) => x >= 0 && x <= 1;
  it('shares lie in [0, 1] and every interval contains its estimate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 0, max: 200 }),
        fc.constantFrom(0.8, 0.95, 0.99),
        (seed, count, level) => {
          const agg = createAggregator(survey, options);
          responses(seed, count).forEach((r) => agg.add(r));
          const result = agg.result({ level, gaps: [{ by: 'sex' }] });
          const shares = [
            ...result.items.flatMap((i) => i.groups.map((g) => g.favourable)),
            ...result.scores.flatMap((s) => s.groups.map((g) => g.atLeastOne)),
            ...result.sets.flatMap((s) => s.groups.map((g) => g.atLeastOne)),
          ];
          for (const s of shares) {
            if (!s) continue;
            expect(inUnit(s.share) && inUnit(s.lower) && inUnit(s.upper)).toBe(true);
            expect(s.lower).toBeLessThanOrEqual(s.share + 1e-12);
            expect(s.upper).toBeGreaterThanOrEqual(s.share - 1e-12);
          }
          for (const item of result.items) {
            for (const g of item.groups) {
              for (const c of g.counts ?? []) if (c.share !== null) expect(inUnit(c.share)).toBe(true);
            }
          }
          const means = [
            ...result.items.flatMap((i) => i.groups.map((g) => g.mean)),
            ...result.scores.flatMap((s) => s.groups.map((g) => g.mean)),
          ];
          for (const m of means) {
            if (!m || m.lower === null || m.upper === null) continue;
            expect(m.lower).toBeLessThanOrEqual(m.mean + 1e-9);
            expect(m.upper).toBeGreaterThanOrEqual(m.mean - 1e-9);
          }
          for (const gap of result.gaps) {
            for (const d of [
              ...gap.items.map((i) => i.favourable),
              ...gap.scores.map((s) => s.atLeastOne),
              ...gap.sets.map((s) => s.atLeastOne),
            ]) {
              if (!d) continue;
              expect(d.lower).toBeLessThanOrEqual(d.points + 1e-9);
              expect(d.upper).toBeGreaterThanOrEqual(d.points - 1e-9);
              expect(d.lower).toBeGreaterThanOrEqual(-100);
              expect(d.upper).toBeLessThanOrEqual(100);
            }
          }
          for (const score of result.scores) {
            const alpha = score.reliability.alpha;
            if (alpha !== null) expect(alpha).toBeLessThanOrEqual(1 + 1e-12);
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});
