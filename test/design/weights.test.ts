import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Margin } from '../../src/design/index.js';
import {
  adjustNonresponse,
  calibrate,
  DesignError,
  poststratify,
  rake,
  trimWeights,
  weightDiagnostics,
} from '../../src/design/index.js';

const issuesOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    if (error instanceof DesignError) return error.issues;
    throw error;
  }
  throw new Error('expected a DesignError');
};

// Four respondents: two women (weights 10, 30), two men (20, 20).
const small = [
  { sex: 'F', age: 'y', w: 10 },
  { sex: 'F', age: 'o', w: 30 },
  { sex: 'M', age: 'y', w: 20 },
  { sex: 'M', age: 'o', w: 20 },
];

describe('poststratify (hand-worked)', () => {
  it('multiplies each cell by N_c / Σw_c: F 100/40 = 2.5, M 60/40 = 1.5', () => {
    const out = poststratify({
      records: small,
      weight: 'w',
      cells: { variable: 'sex', totals: { F: 100, M: 60 } },
    });
    expect(out.weights).toEqual([25, 75, 30, 30]);
    expect(out.fit.map((f) => [f.cell, f.before, f.after, f.factor, f.respondents])).toEqual([
      ['F', 40, 100, 2.5, 2],
      ['M', 40, 60, 1.5, 2],
    ]);
    expect(out.calibration).toEqual({
      method: 'poststratify',
      variables: ['sex'],
      terms: [['sex']],
      numeric: [],
      totals: 'population',
    });
  });
});

describe('weightDiagnostics (hand-worked)', () => {
  it('weights 1, 1, 2, 4: Σw = 8, Σw² = 22, n_eff = 64/22, deff = 4·22/64 = 1.375, CV = √0.375', () => {
    const d = weightDiagnostics({ weights: [1, 1, 2, 4] });
    expect(d).toMatchObject({ n: 4, sum: 8, min: 1, max: 4, mean: 2, median: 1.5, ratio: 4, nonPositive: 0 });
    expect(d.nEffective).toBeCloseTo(64 / 22, 14);
    expect(d.designEffect).toBeCloseTo(1.375, 14);
    expect(d.cv).toBeCloseTo(Math.sqrt(0.375), 14);
  });
});

describe('rake', () => {
  it('reports every cycle and the deviation left, the last one within the tolerance', () => {
    const cycles: Array<[number, number]> = [];
    const out = rake({
      records: small,
      weight: 'w',
      margins: [
        { variable: 'sex', totals: { F: 100, M: 60 } },
        { variable: 'age', totals: { y: 70, o: 90 } },
      ],
      tolerance: 1e-12,
      onCycle: (cycle, deviation) => cycles.push([cycle, deviation]),
    });
    expect(cycles.map(([c]) => c)).toEqual(cycles.map((_, i) => i + 1));
    expect(cycles.length).toBe(out.iterations);
    expect(cycles.at(-1)![1]).toBeLessThan(1e-12);
    if (cycles.length > 1) expect(cycles[0]![1]).toBeGreaterThan(cycles.at(-1)![1]);
  });

  it('a 2 × 2 table: the weights reproduce both margins', () => {
    const out = rake({
      records: small,
      weight: 'w',
      margins: [
        { variable: 'sex', totals: { F: 100, M: 60 } },
        { variable: 'age', totals: { y: 70, o: 90 } },
      ],
      tolerance: 1e-12,
    });
    const sum = (f: (r: (typeof small)[number]) => boolean) =>
      out.weights.reduce((s, w, i) => s + (f(small[i]!) ? w : 0), 0);
    expect(sum((r) => r.sex === 'F')).toBeCloseTo(100, 9);
    expect(sum((r) => r.age === 'y')).toBeCloseTo(70, 9);
    expect(out.calibration.method).toBe('rake');
    expect(out.diagnostics.sum).toBeCloseTo(160, 9);
  });

  it('property: raking reproduces every margin to the tolerance', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            a: fc.integer({ min: 0, max: 2 }),
            b: fc.integer({ min: 0, max: 3 }),
            w: fc.double({ min: 0.5, max: 20, noNaN: true }),
          }),
          { minLength: 30, maxLength: 120 },
        ),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 4, maxLength: 4 }),
        (rows, ra, rb) => {
          const records = rows.map((r) => ({ a: `a${r.a}`, b: `b${r.b}`, w: r.w }));
          // Only cells that have respondents get a population; both margins sum to 1000.
          const levels = (k: 'a' | 'b', raw: number[]) => {
            const present = raw.map((_, i) => records.some((r) => r[k] === `${k}${i}`));
            const total = raw.reduce((s, x, i) => s + (present[i] ? x : 0), 0);
            return Object.fromEntries(
              raw.flatMap((x, i) => (present[i] ? [[`${k}${i}`, (1000 * x) / total]] : [])),
            );
          };
          const margins: Margin[] = [
            { variable: 'a', totals: levels('a', ra) },
            { variable: 'b', totals: levels('b', rb) },
          ];
          let out: ReturnType<typeof rake>;
          try {
            out = rake({ records, weight: 'w', margins, tolerance: 1e-8, maxIterations: 2000 });
          } catch (error) {
            // A sparse table can make the margins unreachable: then raking must say so.
            expect((error as DesignError).issues[0]!.code).toBe('not_converged');
            return;
          }
          for (const f of out.fit) expect(Math.abs(f.after - f.target) / f.target).toBeLessThan(1e-8);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('says when it does not converge: the iterations and the largest deviation', () => {
    // Both respondents are (F, y): the age margin asks for o, which no F respondent can give.
    const records = [
      { sex: 'F', age: 'y' },
      { sex: 'M', age: 'o' },
      { sex: 'F', age: 'o' },
    ];
    const margins: Margin[] = [
      {
        variables: ['sex', 'age'],
        cells: [
          { levels: ['F', 'y'], total: 50 },
          { levels: ['M', 'o'], total: 20 },
          { levels: ['F', 'o'], total: 30 },
        ],
      },
      { variable: 'sex', totals: { F: 10, M: 90 } },
    ];
    const [issue] = issuesOf(() => rake({ records, margins, maxIterations: 5, locale: 'en' }));
    expect(issue).toMatchObject({ code: 'not_converged', params: { iterations: 5 } });
    expect(issue!.message).toMatch(
      /^Did not converge in 5 iterations \(largest remaining deviation: [\d.e-]+ at sex × age "/,
    );
  });

  it('names the margin cell, in words of the locale, when raking calibration does not converge', () => {
    const records = [
      { sex: 'F', age: 'y' },
      { sex: 'M', age: 'o' },
      { sex: 'F', age: 'o' },
      { sex: 'M', age: 'y' },
    ];
    const margins: Margin[] = [
      { variable: 'sex', totals: { F: 50, M: 50 } },
      { variable: 'age', totals: { y: 50, o: 50 } },
    ];
    // One Newton step cannot reach margins this far from the sample.
    const [ja] = issuesOf(() =>
      calibrate({ records, margins, calfun: 'raking', maxIterations: 1, weight: [1, 1, 1, 30] }),
    );
    expect(ja).toMatchObject({ code: 'not_converged' });
    expect(ja!.message).toMatch(
      /^1回の反復で収束しませんでした（最大の残差: (母集団「合計」|sex「M」|age「o」)で [\d.e-]+）$/,
    );
    const [en] = issuesOf(() =>
      calibrate({
        records,
        margins,
        calfun: 'raking',
        maxIterations: 1,
        weight: [1, 1, 1, 30],
        locale: 'en',
      }),
    );
    expect(en!.message).not.toContain('column');
    expect(en!.message).toMatch(/at (population "total"|sex "M"|age "o")\)$/);
  });

  it('names margins whose totals disagree, categories missing from margins and empty cells', () => {
    expect(
      issuesOf(() =>
        rake({
          records: small,
          margins: [
            { variable: 'sex', totals: { F: 1, M: 1 } },
            { variable: 'age', totals: { y: 1, o: 2 } },
          ],
          locale: 'en',
        }),
      )[0],
    ).toMatchObject({
      code: 'margins_disagree',
      path: ['margins', 1],
      message: 'The margins have different population totals ("sex" sums to 2, "age" to 3)',
    });
    const issues = issuesOf(() =>
      rake({ records: small, margins: [{ variable: 'sex', totals: { F: 1, X: 1 } }] }),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['category_not_in_margin', ['records', 2, 'sex']],
      ['category_not_in_margin', ['records', 3, 'sex']],
      ['empty_cell', ['margins', 0, 'X']],
    ]);
    expect(issues[0]!.message).toBe(
      '3件目の「sex」の値「M」が母集団の表にありません（表に加えるか、カテゴリを統合してください）',
    );
    expect(issues[2]!.message).toContain('統合してください');
  });

  it('rejects zero, negative, NaN and missing weights and a missing weight column', () => {
    const records = [
      { s: 'a', w: 0 },
      { s: 'a', w: -1 },
      { s: 'a', w: Number.NaN },
      { s: 'a' },
      { s: 'a', w: '2' },
    ];
    const issues = issuesOf(() =>
      rake({ records, weight: 'w', margins: [{ variable: 's', totals: { a: 5 } }], locale: 'en' }),
    );
    expect(issues.map((i) => i.path)).toEqual([
      ['records', 0, 'w'],
      ['records', 1, 'w'],
      ['records', 2, 'w'],
      ['records', 3, 'w'],
    ]);
    expect(issues[0]!.message).toBe('Row 1 has a weight that is not a positive finite number (0)');
    expect(
      issuesOf(() =>
        rake({ records: small, weight: 'weight', margins: [{ variable: 'sex', totals: { F: 1, M: 1 } }] }),
      )[0]!.code,
    ).toBe('missing_weight_column');
  });

  it('hostile keys in records and margins do not pollute', () => {
    const records = [JSON.parse('{"k":"__proto__"}'), { k: 'constructor' }];
    const totals = JSON.parse('{"__proto__": 3, "constructor": 1}');
    const out = rake({ records, margins: [{ variable: 'k', totals }] });
    expect(out.weights).toEqual([3, 1]);
    expect(({} as Record<string, unknown>).k).toBeUndefined();
  });
});

describe('trimming', () => {
  it('trimWeights as R: 1, 2, 3, 10 with upper 5 → 5 cut and shared by the other three', () => {
    const out = trimWeights({ weights: [1, 2, 3, 10], upper: 5 });
    expect(out.weights).toEqual([1 + 5 / 3, 2 + 5 / 3, 3 + 5 / 3, 5]);
    expect(out).toMatchObject({ trimmed: 1, lower: Number.NEGATIVE_INFINITY, upper: 5 });
  });

  it('trim then re-rake: within the bounds and still on the margins', () => {
    const records = Array.from({ length: 60 }, (_, i) => ({
      sex: i < 40 ? 'F' : 'M',
      age: i % 3 === 0 ? 'y' : 'o',
    }));
    const margins: Margin[] = [
      { variable: 'sex', totals: { F: 500, M: 500 } },
      { variable: 'age', totals: { y: 400, o: 600 } },
    ];
    const untrimmed = rake({ records, margins });
    const out = rake({ records, margins, trim: { upper: 1.8, relative: 'median' } });
    expect(untrimmed.diagnostics.max).toBeGreaterThan(out.trim!.upper);
    expect(out.diagnostics.max).toBeLessThanOrEqual(out.trim!.upper * (1 + 1e-9));
    for (const f of out.fit) expect(Math.abs(f.after - f.target) / f.target).toBeLessThan(1e-6);
    expect(out.trim!.trimmed).toBeGreaterThan(0);
  });

  it('says when the bounds and the margins cannot both hold', () => {
    const records = [{ s: 'a' }, { s: 'b' }, { s: 'b' }];
    expect(
      issuesOf(() =>
        poststratify({
          records,
          cells: { variable: 's', totals: { a: 100, b: 2 } },
          trim: { upper: 10, maxRounds: 3 },
        }),
      )[0]!.code,
    ).toBe('trim_not_reached');
  });

  it('names the bounds asked for and the weights reached, without -Infinity, in ja and en', () => {
    const run = (locale: 'ja' | 'en') =>
      issuesOf(() =>
        poststratify({
          records: [{ s: 'a' }, { s: 'b' }, { s: 'b' }],
          cells: { variable: 's', totals: { a: 100, b: 2 } },
          trim: { upper: 10, maxRounds: 3 },
          locale,
        }),
      )[0]!;
    const en = run('en');
    expect(en.params).toMatchObject({ lower: null, upper: 10, reachedMin: 1, reachedMax: 100 });
    expect(en.message).toContain('asked no lower bound to 10, reached 1 to 100');
    expect(en.message).not.toMatch(/Infinity/);
    const ja = run('ja');
    expect(ja.message).toContain('指定 下限なし〜10、到達 1〜100');
    expect(ja.message).not.toMatch(/Infinity/);
  });
});

describe('calibrate', () => {
  it('linear calibration to a total alone is the ratio adjustment N / Σw', () => {
    const out = calibrate({ records: small, weight: 'w', calfun: 'linear', size: 160 });
    expect(out.weights.map((w) => w / 2)).toEqual([10, 30, 20, 20]);
  });

  it('reports linearly dependent auxiliaries and bad numeric values', () => {
    const margins: Margin[] = [
      { variable: 'sex', totals: { F: 100, M: 60 } },
      {
        variables: ['sex'],
        cells: [
          { levels: ['F'], total: 100 },
          { levels: ['M'], total: 60 },
        ],
      },
    ];
    expect(issuesOf(() => calibrate({ records: small, calfun: 'linear', margins }))[0]!.code).toBe(
      'singular_calibration',
    );
    expect(
      issuesOf(() => calibrate({ records: small, calfun: 'raking', totals: { w: 100, age: 3 }, size: 4 }))[0],
    ).toMatchObject({
      code: 'invalid_numeric',
      path: ['records', 0, 'age'],
    });
  });
});

describe('adjustNonresponse (hand-worked)', () => {
  it('class F: Σw all 40, respondents 10 → factor 4; class M: 40 / 20 = 2', () => {
    const records = small.map((r, i) => ({ ...r, ok: i === 0 || i === 2 }));
    const out = adjustNonresponse({ records, weight: 'w', responded: 'ok', classes: ['sex'] });
    expect(out.weights).toEqual([40, 0, 40, 0]);
    expect(out.respondents).toEqual([0, 2]);
    expect(out.factors.map((f) => [f.label, f.sampled, f.respondents, f.factor])).toEqual([
      ['F', 2, 1, 4],
      ['M', 2, 1, 2],
    ]);
    expect(out.calibration).toMatchObject({ method: 'poststratify', totals: 'sample' });
  });

  it('names a class without respondents', () => {
    const records = small.map((r) => ({ ...r, ok: r.sex === 'F' }));
    expect(
      issuesOf(() => adjustNonresponse({ records, responded: 'ok', classes: ['sex'], locale: 'en' }))[0],
    ).toMatchObject({
      code: 'empty_class',
      message: 'The weighting class "M" has no respondents (collapse it with a neighbouring class)',
    });
  });
});
