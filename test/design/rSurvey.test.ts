import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Margin } from '../../src/design/index.js';
import { calibrate, poststratify, rake, trimWeights } from '../../src/design/index.js';
import { SeededRandom } from '../../src/design/seededRandom.js';
import { rTestsRun, runR } from '../helpers/rscript.js';

/**
 * kizuki's weights against R survey 4.1.1 on the same generated data: rake(), calibrate() with
 * calfun "linear" and "raking", postStratify() and trimWeights(). Every weight must agree to 1e-9
 * relative.
 */
const random = new SeededRandom('design-vs-r');
const SEXES = ['F', 'M'];
const AGES = ['a18', 'a30', 'a40', 'a50', 'a60', 'a70'];
const DISTRICTS = ['d1', 'd2', 'd3', 'd4', 'd5'];
// Differential response: women and the old answer more often, so the weights have work to do.
const records = Array.from({ length: 800 }, () => {
  const sex = SEXES[random.unit() < 0.58 ? 0 : 1]!;
  const age = AGES[Math.min(5, Math.floor(Math.sqrt(random.unit()) * 6))]!;
  const district = DISTRICTS[random.below(5)]!;
  return { sex, age, district, w: 5 + random.unit() * 20, x: Math.round(100 + random.unit() * 900) / 10 };
});
const count = (f: (r: (typeof records)[number]) => boolean) => records.filter(f).length;
const N = 24_000;
// Population margins proportional to 1 + the index, and a cross of sex × age for post-stratification.
const share = (levels: string[]) => {
  const raw = levels.map((_, i) => 1 + i);
  const total = raw.reduce((a, b) => a + b, 0);
  return Object.fromEntries(levels.map((l, i) => [l, (N * raw[i]!) / total]));
};
const totals = { sex: { F: 12_400, M: 11_600 }, age: share(AGES), district: share(DISTRICTS) };
const cells = SEXES.flatMap((sex) =>
  AGES.map((age) => ({ sex, age, total: (totals.sex[sex as 'F'] * totals.age[age]!) / N })),
);
const xtotal = 1.04 * records.reduce((s, r) => s + r.w * r.x, 0);
const margins: Margin[] = [
  { variable: 'sex', totals: totals.sex },
  { variable: 'age', totals: totals.age },
  { variable: 'district', totals: totals.district },
];

let dir = '';
let r: Record<string, number[]> = {};

/** Largest relative difference between two equally long lists of weights. */
const maxRel = (ours: number[], theirs: number[]) => {
  expect(ours).toHaveLength(theirs.length);
  return Math.max(...ours.map((x, i) => Math.abs(x - theirs[i]!) / Math.abs(theirs[i]!)));
};

describe.runIf(rTestsRun)('weights equal R survey 4.1.1', () => {
  beforeAll(() => {
    expect(count((x) => x.age === 'a18')).toBeGreaterThan(5);
    dir = mkdtempSync(join(tmpdir(), 'kizuki-design-r-'));
    const header = 'sex,age,district,w,x';
    const lines = records.map((x) => `${x.sex},${x.age},${x.district},${x.w.toPrecision(17)},${x.x}`);
    writeFileSync(join(dir, 'data.csv'), `${header}\n${lines.join('\n')}\n`);
    const raked = rake({ records, weight: 'w', margins, tolerance: 1e-13, maxIterations: 1000 }).weights;
    const sorted = [...raked].sort((a, b) => a - b);
    trim = { lower: sorted[40]!, upper: sorted[760]! };
    writeFileSync(
      join(dir, 'margins.json'),
      JSON.stringify({
        ...totals,
        xtotal,
        trim,
        cells: {
          sex: cells.map((c) => c.sex),
          age: cells.map((c) => c.age),
          total: cells.map((c) => c.total),
        },
      }),
    );
    runR('test/design/r/weights.R', [dir]);
    r = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  let trim = { lower: 0, upper: 0 };

  it('rake() with base weights and for a census (all weights 1)', () => {
    expect(
      maxRel(rake({ records, weight: 'w', margins, tolerance: 1e-13, maxIterations: 1000 }).weights, r.rake!),
    ).toBeLessThan(1e-9);
    expect(
      maxRel(rake({ records, margins, tolerance: 1e-13, maxIterations: 1000 }).weights, r.rakeCensus!),
    ).toBeLessThan(1e-9);
  });

  it('calibrate(calfun = "linear") with a numeric auxiliary', () => {
    const ours = calibrate({ records, weight: 'w', calfun: 'linear', margins, totals: { x: xtotal } });
    expect(maxRel(ours.weights, r.linear!)).toBeLessThan(1e-9);
    expect(ours.calibration).toEqual({
      method: 'linear',
      variables: ['sex', 'age', 'district', 'x'],
      terms: [['sex'], ['age'], ['district']],
      numeric: ['x'],
      totals: 'population',
    });
  });

  it('calibrate(calfun = "raking"), with base weights and for a census (R rescales those)', () => {
    const ours = calibrate({
      records,
      weight: 'w',
      calfun: 'raking',
      margins,
      totals: { x: xtotal },
      epsilon: 1e-10,
    });
    expect(maxRel(ours.weights, r.raking!)).toBeLessThan(1e-9);
    expect(
      maxRel(calibrate({ records, calfun: 'raking', margins, epsilon: 1e-10 }).weights, r.rakingCensus!),
    ).toBeLessThan(1e-9);
    // Raking calibration to categorical margins only is raking: the same weights as rake().
    expect(
      maxRel(calibrate({ records, calfun: 'raking', margins, epsilon: 1e-10 }).weights, r.rakeCensus!),
    ).toBeLessThan(1e-9);
  });

  it('postStratify() to sex × age cells', () => {
    const ours = poststratify({
      records,
      weight: 'w',
      cells: {
        variables: ['sex', 'age'],
        cells: cells.map((c) => ({ levels: [c.sex, c.age], total: c.total })),
      },
    });
    expect(maxRel(ours.weights, r.post!)).toBeLessThan(1e-9);
  });

  it('trimWeights(), strict and relative to the median', () => {
    const raked = r.rake!;
    expect(maxRel(trimWeights({ weights: raked, ...trim }).weights, r.trim!)).toBeLessThan(1e-9);
    expect(
      maxRel(trimWeights({ weights: raked, ...trim, strict: true }).weights, r.trimStrict!),
    ).toBeLessThan(1e-9);
    expect(
      maxRel(trimWeights({ weights: raked, upper: 1.6, relative: 'median' }).weights, r.trimMedian!),
    ).toBeLessThan(1e-9);
    // The comparison would be empty if nothing were trimmed.
    expect(r.trim!.filter((w, i) => w !== raked[i])).not.toHaveLength(0);
  });
});
