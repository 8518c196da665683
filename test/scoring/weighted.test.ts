import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SurveyResponse } from '../../src/schema/index.js';
import {
  type AggregateResult,
  type AggregateState,
  aggregatorFromJSON,
  compareBenchmarks,
  compareWaves,
  createAggregator,
  type EstimationDesign,
  ScoringError,
} from '../../src/scoring/index.js';
import { analysisSurvey, randomAnswers, randomSource, response } from './fixtures.js';

const survey = analysisSurvey();
const sets = [{ id: 'any', items: ['r1', 'r2', 'care'] }];
const design: EstimationDesign = {
  strata: 'stratum',
  fpc: { 1: 900, 2: 700, 3: 1200 },
  lonelyPsu: 'certainty',
};

interface Weighted {
  response: SurveyResponse;
  weight: number;
}

function weightedResponses(seed: number, count: number, unit = false): Weighted[] {
  const random = randomSource(seed);
  return Array.from({ length: count }, () => {
    const answers = randomAnswers(random);
    answers.stratum = 1 + Math.floor(random() * 3);
    // Dyadic weights keep sums exact, so shards must agree with one pass to the last bit.
    return { response: response(survey, answers), weight: unit ? 1 : 0.5 + Math.floor(random() * 8) / 4 };
  });
}

const options = (d: EstimationDesign = design) => ({
  by: ['sex', 'age_band'],
  minGroupSize: 1,
  sets,
  design: d,
});

function onePass(list: readonly Weighted[], d?: EstimationDesign): AggregateState {
  const agg = createAggregator(survey, options(d));
  for (const r of list) agg.add(r.response, r.weight);
  return agg.toJSON();
}

/** Drops the weighted parts of a result, leaving what an unweighted aggregate reports. */
function unweightedPart(result: AggregateResult): unknown {
  return JSON.parse(
    JSON.stringify(result, (key, value) => (key === 'weighted' || key === 'weighting' ? undefined : value)),
  );
}

describe('weighted aggregates merge exactly', () => {
  it('any split into shards, merged in any order (or through JSON), equals one pass', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 5 }),
        fc.infiniteStream(fc.nat()),
        fc.boolean(),
        (seed, count, shards, picks, viaJson) => {
          const list = weightedResponses(seed, count);
          const parts = Array.from({ length: shards }, () => createAggregator(survey, options()));
          const it = picks[Symbol.iterator]();
          for (const r of list) parts[it.next().value % shards]!.add(r.response, r.weight);
          const order = parts.map((_, i) => i).sort(() => (it.next().value % 3) - 1);
          const target = createAggregator(survey, options());
          for (const i of order)
            target.merge(viaJson ? JSON.parse(JSON.stringify(parts[i]!.toJSON())) : parts[i]!);
          const merged = target.toJSON().weighted!;
          const single = onePass(list).weighted!;
          expect(merged.strata.map((b) => b.key).sort()).toEqual(single.strata.map((b) => b.key).sort());
          for (const block of single.strata) {
            const other = merged.strata.find((b) => b.key === block.key)!;
            // Counts and dyadic sums are exact; sums of products with score means (thirds) may
            // differ in the last bits with the order of additions.
            for (const field of ['rows', 'codes', 'targets'] as const) {
              block[field].forEach((y, i) => {
                expect(Math.abs(other[field][i]! - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
              });
            }
            expect(other.rows).toEqual(block.rows);
            expect(other.codes).toEqual(block.codes);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a restored state gives the same weighted result', () => {
    const list = weightedResponses(7, 150);
    const agg = createAggregator(survey, options());
    for (const r of list) agg.add(r.response, r.weight);
    const restored = aggregatorFromJSON(survey, JSON.parse(JSON.stringify(agg.toJSON())));
    expect(restored.result({ gaps: [{ by: 'sex', a: 1, b: 2 }] })).toEqual(
      agg.result({ gaps: [{ by: 'sex', a: 1, b: 2 }] }),
    );
  });

  it('refuses to merge aggregates of different designs', () => {
    const a = createAggregator(survey, options());
    const b = createAggregator(survey, options({ strata: 'stratum' }));
    expect(() => a.merge(b)).toThrow(ScoringError);
    expect(() =>
      a.merge(createAggregator(survey, { by: ['sex', 'age_band'], minGroupSize: 1, sets })),
    ).toThrow(/design/);
  });
});

describe('weights of 1 give the unweighted results', () => {
  it('every unweighted figure is unchanged and weighted shares and means equal them', () => {
    fc.assert(
      // (One respondent alone is a lonely stratum: a variance then needs design.lonelyPsu.)
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 2, max: 150 }), (seed, count) => {
        const list = weightedResponses(seed, count, true);
        const plain = createAggregator(survey, { by: ['sex', 'age_band'], minGroupSize: 1, sets });
        const weighted = createAggregator(survey, options({}));
        for (const r of list) {
          plain.add(r.response);
          weighted.add(r.response, 1);
        }
        const gaps = [{ by: 'sex', a: 1, b: 2 }];
        const p = plain.result({ gaps });
        const w = weighted.result({ gaps });
        expect(unweightedPart(w)).toEqual(JSON.parse(JSON.stringify(p)));
        expect('weighting' in p).toBe(false);
        expect(JSON.stringify(plain.toJSON())).not.toMatch(/weighted|design/);
        w.items.forEach((item, i) => {
          item.groups.forEach((g, gi) => {
            const u = p.items[i]!.groups[gi]!;
            if (u.favourable) expect(g.weighted!.favourable!.mean).toBeCloseTo(u.favourable.share, 12);
            if (u.mean) expect(g.weighted!.mean!.mean).toBeCloseTo(u.mean.mean, 10);
          });
        });
      }),
      { numRuns: 25 },
    );
  });

  it('with one stratum and weights of 1, the SE of a share is √(p(1 − p)/(n − 1))', () => {
    const agg = createAggregator(survey, { design: {} });
    const codes = [1, 1, 1, 2, 3, 4, 4, 1, 2, 3];
    for (const r1 of codes) agg.add(response(survey, { r1 }), 1);
    const fav = agg.result().items.find((i) => i.id === 'r1')!.groups[0]!.weighted!.favourable!;
    const p = 6 / 10;
    expect(fav.mean).toBeCloseTo(p, 14);
    expect(fav.se).toBeCloseTo(Math.sqrt((p * (1 - p)) / 9), 14);
    expect(fav.total).toBeCloseTo(6, 12);
    expect(fav.df).toBe(9);
  });
});

describe('columns', () => {
  it('addColumns with weights equals add with weights', () => {
    const list = weightedResponses(11, 200);
    const keys = ['sex', 'age_band', 'r1', 'r2', 'r3', 'r4', 'care', 'satisfaction', 'hours', 'stratum'];
    const columns = Object.fromEntries(
      keys.map((k) => [
        k,
        Float64Array.from(list, (r) => {
          const v = (r.response.answers as Record<string, unknown>)[k];
          return typeof v === 'number' ? v : Number.NaN;
        }),
      ]),
    );
    const byColumns = createAggregator(survey, options());
    byColumns.addColumns({ rows: list.length, columns, weights: list.map((r) => r.weight) });
    const byRows = createAggregator(survey, options());
    for (const r of list) {
      const answers = Object.fromEntries(
        Object.entries(r.response.answers as Record<string, unknown>).filter(
          ([k, v]) => keys.includes(k) && typeof v === 'number' && !Number.isNaN(v),
        ),
      );
      byRows.add(response(survey, answers), r.weight);
    }
    expect(byColumns.toJSON().weighted).toEqual(byRows.toJSON().weighted);
  });
});

describe('bad input is refused with a message in ja and en', () => {
  const agg = () => createAggregator(survey, { design: { strata: 'stratum', fpc: 'N' }, locale: 'en' });
  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, undefined, '2'])('weight %s', (weight) => {
    expect(() => agg().add(response(survey, { stratum: 1, N: 10 }), weight as number)).toThrow(
      /Invalid weight/,
    );
    try {
      createAggregator(survey, { design: {} }).add(response(survey, {}), weight as number);
    } catch (error) {
      expect((error as ScoringError).issues[0]!.message).toMatch(/重み/);
      expect((error as ScoringError).issues[0]!.path).toEqual(['weight']);
    }
  });
  it('names the row of a bad column weight', () => {
    const a = createAggregator(survey, { design: {}, locale: 'en' });
    try {
      a.addColumns({ rows: 3, columns: { r1: [1, 2, 3] }, weights: [1, 0, 1] });
      expect.unreachable();
    } catch (error) {
      expect((error as ScoringError).issues[0]!.path).toEqual(['weights', 1]);
    }
  });
  it('a weight on an unweighted aggregate, a missing stratum, disagreeing or too small populations', () => {
    expect(() => createAggregator(survey, { locale: 'en' }).add(response(survey, {}), 2)).toThrow(
      /not weighted/,
    );
    expect(() => agg().add(response(survey, { N: 10 }), 1)).toThrow(/"stratum" has no value/);
    const a = agg();
    a.add(response(survey, { stratum: 1, N: 10 }), 1);
    expect(() => a.add(response(survey, { stratum: 1, N: 12 }), 1)).toThrow(/differs between responses/);
    const b = createAggregator(survey, { design: { strata: 'stratum', fpc: { 1: 1 } }, locale: 'ja' });
    b.add(response(survey, { stratum: 1 }), 1);
    b.add(response(survey, { stratum: 1 }), 1);
    expect(() => b.result()).toThrow(/層「1」の母集団の大きさ（1）が回答者数（2）より小さい/);
    const c = createAggregator(survey, { design: { strata: 'stratum', fpc: { 1: 10 } }, locale: 'en' });
    c.add(response(survey, { stratum: '__proto__' }), 1);
    expect(() => c.result()).toThrow(/No population size \(fpc\) is given for stratum "__proto__"/);
  });
  it('bad designs name the field', () => {
    const bad = (d: unknown) => () =>
      createAggregator(survey, { design: d as EstimationDesign, locale: 'en' });
    expect(bad({ calibration: { method: 'magic', variables: ['sex'] } })).toThrow(
      /poststratify, rake, linear, raking/,
    );
    expect(bad({ calibration: { method: 'rake', variables: ['nope'] } })).toThrow(
      /No question or item "nope"/,
    );
    expect(bad({ calibration: { method: 'rake', variables: ['hours'] } })).toThrow(/cannot define groups/);
    expect(bad({ lonelyPsu: 'remove' })).toThrow(/fail, certainty, adjust, average/);
    expect(bad({ fpc: { 1: -5 } })).toThrow(/population size/);
  });
  it('a calibration variable must be answered', () => {
    const a = createAggregator(survey, {
      design: { calibration: { method: 'rake', variables: ['sex'] } },
      locale: 'en',
    });
    expect(() => a.add(response(survey, { r1: 1 }), 1)).toThrow(/The design variable "sex" has no value/);
    expect(a.responses).toBe(0);
  });
});

describe('waves and benchmarks use the weighted figures', () => {
  it('a wave difference has the SE √(se_a² + se_b²)', () => {
    const wave = (seed: number) => {
      const agg = createAggregator(survey, options());
      for (const r of weightedResponses(seed, 300)) agg.add(r.response, r.weight);
      return agg;
    };
    const before = wave(1);
    const after = wave(2);
    const change = compareWaves({ before, after });
    const a = after.result().items.find((i) => i.id === 'r1')!.groups[0]!.weighted!.favourable!;
    const b = before.result().items.find((i) => i.id === 'r1')!.groups[0]!.weighted!.favourable!;
    const d = change.items.find((i) => i.id === 'r1')!.weighted!.favourable!;
    expect(d.difference).toBeCloseTo((a.mean - b.mean) * 100, 10);
    expect(d.se).toBeCloseTo(Math.hypot(a.se, b.se) * 100, 10);
    expect(d.lower).toBeLessThan(d.difference);
    // Unweighted waves carry no weighted part.
    const plain = createAggregator(survey, {});
    expect(compareWaves({ before: plain, after: plain }).items[0]).not.toHaveProperty('weighted');
  });

  it('benchmarks compare with the weighted share', () => {
    const agg = createAggregator(survey, options());
    for (const r of weightedResponses(3, 300)) agg.add(r.response, r.weight);
    const compared = compareBenchmarks(survey, agg).filter((c) => c.status === 'compared');
    expect(compared.length).toBeGreaterThan(0);
    for (const c of compared) {
      expect(c.weighted).toBeDefined();
      if (c.weighted) expect(c.weighted.b).toBe(c.benchmark.value);
    }
  });
});
