import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateSample, DesignError, drawSample, INVITATION_ALPHABET } from '../../src/design/index.js';

/** A frame of `sizes[h]` people in stratum `S<h>`. */
const frameOf = (sizes: number[]) =>
  sizes.flatMap((size, h) =>
    Array.from({ length: size }, (_, i) => ({
      id: `S${h}-${i}`,
      stratum: `S${h}`,
      age: 20 + (i % 60),
      name: `Name ${h}-${i}`,
      address: `Addr ${i}`,
    })),
  );

const codeOf = (error: unknown) => (error instanceof DesignError ? error.issues.map((i) => i.code) : error);
const catchIssues = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    if (error instanceof DesignError) return error.issues;
    throw error;
  }
  throw new Error('expected a DesignError');
};

describe('allocateSample', () => {
  it('proportional with largest remainder: 600/400 of 101 → 60.6, 40.4 → 61, 40', () => {
    const out = allocateSample({
      strata: [
        { stratum: 'N', size: 600 },
        { stratum: 'S', size: 400 },
      ],
      n: 101,
    });
    expect(out.map((a) => a.n)).toEqual([61, 40]);
    expect(out[0]!.exact).toBeCloseTo(60.6, 12);
  });

  it('three strata 1/3 each of 10: 3.33 each, the first listed gets the extra one', () => {
    const out = allocateSample({ strata: ['a', 'b', 'c'].map((s) => ({ stratum: s, size: 100 })), n: 10 });
    expect(out.map((a) => a.n)).toEqual([4, 3, 3]);
  });

  it('minimum: 950/50 of 100 with at least 10 → the small stratum gets 10, the large 90', () => {
    const out = allocateSample({
      strata: [
        { stratum: 'big', size: 950 },
        { stratum: 'small', size: 50 },
      ],
      n: 100,
      minimum: 10,
    });
    // proportional would give 95 / 5; the minimum lifts 5 to 10, c solves 950c + 10 = 100 → 90.
    expect(out.map((a) => a.n)).toEqual([90, 10]);
  });

  it('equal allocation capped by stratum size: sizes 3, 100, 100, n = 30 → 3, 14 (13.5 + tie), 13', () => {
    const out = allocateSample({
      strata: [
        { stratum: 'a', size: 3 },
        { stratum: 'b', size: 100 },
        { stratum: 'c', size: 100 },
      ],
      n: 30,
      allocation: 'equal',
    });
    expect(out.map((a) => a.n)).toEqual([3, 14, 13]);
  });

  it('Neyman: N_h·S_h = 100·1, 100·3 → 1:3 of 40 → 10, 30', () => {
    const out = allocateSample({
      strata: [
        { stratum: 'a', size: 100, sd: 1 },
        { stratum: 'b', size: 100, sd: 3 },
      ],
      n: 40,
      allocation: 'neyman',
    });
    expect(out.map((a) => a.n)).toEqual([10, 30]);
  });

  it('fixed sizes are kept and checked against the stratum', () => {
    expect(allocateSample({ strata: [{ stratum: 'a', size: 5, fixed: 2 }], allocation: 'fixed' })[0]!.n).toBe(
      2,
    );
    expect(
      codeOf(
        catchIssues(() =>
          allocateSample({ strata: [{ stratum: 'a', size: 5, fixed: 6 }], allocation: 'fixed' }),
        )[0]?.code,
      ),
    ).toBe('stratum_too_small');
  });

  it('reports a sample larger than the frame, an impossible minimum and a missing SD, in ja and en', () => {
    const strata = [
      { stratum: 'a', size: 5 },
      { stratum: 'b', size: 5 },
    ];
    const tooLarge = catchIssues(() => allocateSample({ strata, n: 11, locale: 'en' }));
    expect(tooLarge[0]).toMatchObject({ code: 'sample_too_large', path: ['n'] });
    expect(tooLarge[0]!.message).toBe('The sample size 11 is larger than the frame (10)');
    expect(catchIssues(() => allocateSample({ strata, n: 11 }))[0]!.message).toContain('超えています');
    expect(catchIssues(() => allocateSample({ strata, n: 6, minimum: 4 }))[0]!.code).toBe(
      'minimum_too_large',
    );
    expect(catchIssues(() => allocateSample({ strata, n: 6, allocation: 'neyman' }))[0]).toMatchObject({
      code: 'missing_stratum_value',
      path: ['strata', 0, 'sd'],
    });
  });

  it('property: sums to n, respects minimums and sizes, for every allocation', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            size: fc.integer({ min: 0, max: 500 }),
            sd: fc.double({ min: 0, max: 10, noNaN: true }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.constantFrom('proportional' as const, 'equal' as const, 'neyman' as const),
        fc.integer({ min: 0, max: 20 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (raw, allocation, minimum, share) => {
          const strata = raw.map((s, h) => ({ stratum: `s${h}`, size: s.size, sd: s.sd }));
          const total = strata.reduce((a, s) => a + s.size, 0);
          const floor = strata.reduce((a, s) => a + Math.min(minimum, s.size), 0);
          const n = floor + Math.floor(share * (total - floor));
          const out = allocateSample({ strata, n, allocation, minimum });
          expect(out.reduce((a, s) => a + s.n, 0)).toBe(n);
          out.forEach((s, h) => {
            expect(Number.isInteger(s.n)).toBe(true);
            expect(s.n).toBeLessThanOrEqual(strata[h]!.size);
            expect(s.n).toBeGreaterThanOrEqual(Math.min(minimum, strata[h]!.size));
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('drawSample', () => {
  const frame = frameOf([40, 25, 35]);

  it('golden: seed "kizuki-golden" draws the same people on every platform', () => {
    const sample = drawSample({ frame, id: 'id', strata: ['stratum'], size: 10, seed: 'kizuki-golden' });
    expect(sample.records.map((r) => r.data.id)).toMatchInlineSnapshot(`
      [
        "S0-0",
        "S0-12",
        "S0-14",
        "S0-27",
        "S1-6",
        "S1-9",
        "S1-19",
        "S2-5",
        "S2-17",
        "S2-27",
      ]
    `);
    const systematic = drawSample({
      frame,
      id: 'id',
      size: 7,
      selection: 'systematic',
      sortBy: ['age'],
      seed: 42,
    });
    expect(systematic.records.map((r) => r.data.id)).toMatchInlineSnapshot(`
      [
        "S0-11",
        "S1-6",
        "S2-1",
        "S2-15",
        "S2-20",
        "S2-25",
        "S2-32",
      ]
    `);
    expect(systematic.design.starts).toMatchInlineSnapshot(`
      {
        "all": 5.072594959064725,
      }
    `);
  });

  it('records π = n_h/N_h and the weight 1/π, the seed, selection and allocation', () => {
    const sample = drawSample({ frame, id: 'id', strata: ['stratum'], size: 20, seed: 7 });
    expect(sample.design).toMatchObject({
      seed: 7,
      selection: 'srs',
      allocation: 'proportional',
      frameSize: 100,
      sampleSize: 20,
    });
    expect(sample.design.allocations.map((a) => [a.stratum, a.size, a.n])).toEqual([
      ['S0', 40, 8],
      ['S1', 25, 5],
      ['S2', 35, 7],
    ]);
    for (const r of sample.records) {
      const a = sample.design.allocations.find((x) => x.stratum === r.stratum)!;
      expect(r.pi).toBe(a.n / a.size);
      expect(r.weight).toBe(a.size / a.n);
      expect(r.data.stratum).toBe(r.stratum);
    }
  });

  it('keeps names and addresses out of the analysis sample and codes in both files', () => {
    const sample = drawSample({ frame, id: 'id', size: 12, seed: 's', contactFields: ['name', 'address'] });
    expect(sample.records).toHaveLength(12);
    for (const [i, r] of sample.records.entries()) {
      expect(Object.keys(r.data).sort()).toEqual(['age', 'id', 'stratum']);
      expect(Object.keys(sample.mailingList[i]!.contact).sort()).toEqual(['address', 'name']);
      expect(sample.mailingList[i]!.code).toBe(r.code);
      expect(r.code).toMatch(new RegExp(`^[${INVITATION_ALPHABET}]{10}$`));
      expect(r.code).not.toMatch(/[01OIl]/);
    }
    expect(new Set(sample.records.map((r) => r.code)).size).toBe(12);
  });

  it('codes do not come from the seed: the same seed draws the same people with new codes', () => {
    const a = drawSample({ frame, id: 'id', size: 12, seed: 's' });
    const b = drawSample({ frame, id: 'id', size: 12, seed: 's' });
    expect(a.records.map((r) => r.row)).toEqual(b.records.map((r) => r.row));
    expect(a.records.map((r) => r.code)).not.toEqual(b.records.map((r) => r.code));
  });

  it('systematic: interval N/n with a random start, one per interval of the sorted frame', () => {
    const sample = drawSample({
      frame,
      id: 'id',
      size: 8,
      selection: 'systematic',
      sortBy: ['stratum', 'age'],
      seed: 3,
    });
    const start = sample.design.starts!.all!;
    expect(start).toBeGreaterThanOrEqual(0);
    expect(start).toBeLessThan(100 / 8);
    // The frame is already sorted by stratum, then age: positions floor(start + j·12.5).
    const sorted = frame
      .map((r, row) => ({ r, row }))
      .sort((a, b) =>
        a.r.stratum < b.r.stratum ? -1 : a.r.stratum > b.r.stratum ? 1 : a.r.age - b.r.age || a.row - b.row,
      );
    const expected = Array.from({ length: 8 }, (_, j) => sorted[Math.floor(start + j * 12.5)]!.row).sort(
      (a, b) => a - b,
    );
    expect(sample.records.map((r) => r.row)).toEqual(expected);
    expect(sample.records.every((r) => r.pi === 0.08 && r.weight === 12.5)).toBe(true);
  });

  it('property: a fixed seed gives the same sample; Σ 1/π over the sample is N in every stratum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        fc.oneof(fc.string(), fc.integer()),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('srs' as const, 'systematic' as const),
        (sizes, seed, share, selection) => {
          const f = frameOf(sizes);
          const size = Math.floor(share * f.length);
          const draw = () =>
            drawSample({ frame: f, id: 'id', strata: ['stratum'], size, seed, selection, sortBy: ['age'] });
          const a = draw();
          expect(a.records.map((r) => r.row)).toEqual(draw().records.map((r) => r.row));
          expect(new Set(a.records.map((r) => r.row)).size).toBe(a.records.length);
          for (const { stratum, size: N, n } of a.design.allocations) {
            const inStratum = a.records.filter((r) => r.stratum === stratum);
            expect(inStratum).toHaveLength(n);
            for (const r of inStratum) {
              expect(r.pi).toBeGreaterThan(0);
              expect(r.pi).toBeLessThanOrEqual(1);
            }
            if (n > 0) expect(inStratum.reduce((s, r) => s + 1 / r.pi, 0)).toBeCloseTo(N, 9);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reports duplicate ids, a sample larger than a stratum, unknown strata and duplicate codes', () => {
    const dup = [...frameOf([3]), { id: 'S0-1', stratum: 'S0', age: 1 }];
    expect(
      catchIssues(() => drawSample({ frame: dup, id: 'id', size: 1, seed: 1, locale: 'en' }))[0],
    ).toMatchObject({
      code: 'duplicate_id',
      path: ['frame', 3, 'id'],
      message: 'The person id "S0-1" appears twice in the frame (rows 2 and 4)',
    });
    expect(catchIssues(() => drawSample({ frame, id: 'id', size: 101, seed: 1 }))[0]!.code).toBe(
      'sample_too_large',
    );
    expect(
      catchIssues(() =>
        drawSample({
          frame,
          id: 'id',
          strata: ['stratum'],
          allocation: 'fixed',
          fixed: { S0: 41, S1: 1, S2: 1 },
          seed: 1,
        }),
      )[0],
    ).toMatchObject({ code: 'stratum_too_small', params: { stratum: 'S0', n: 41, size: 40 } });
    expect(
      catchIssues(() =>
        drawSample({
          frame,
          id: 'id',
          strata: ['stratum'],
          allocation: 'neyman',
          size: 5,
          sds: { S9: 1 },
          seed: 1,
        }),
      )[0],
    ).toMatchObject({
      code: 'unknown_stratum',
      path: ['sds', 'S9'],
    });
    expect(
      catchIssues(() => drawSample({ frame, id: 'id', size: 3, seed: 1, codeGenerator: () => 'SAME' }))[0]!
        .code,
    ).toBe('duplicate_code');
    expect(catchIssues(() => drawSample({ frame: [{ x: 1 }], id: 'id', size: 1, seed: 1 }))[0]).toMatchObject(
      { code: 'missing_value', path: ['frame', 0, 'id'] },
    );
  });

  it('hostile keys stay plain keys', () => {
    const hostile = [
      JSON.parse('{"id":"a","__proto__":{"polluted":true},"constructor":"x","stratum":"__proto__"}'),
      { id: 'b', stratum: 'toString' },
    ];
    const sample = drawSample({
      frame: hostile,
      id: 'id',
      strata: ['stratum'],
      size: 2,
      seed: 1,
      contactFields: ['__proto__'],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(sample.records.map((r) => r.stratum)).toEqual(['__proto__', 'toString']);
    expect(Object.getPrototypeOf(sample.mailingList[0]!.contact)).toBe(Object.prototype);
    expect(Object.keys(sample.mailingList[0]!.contact)).toEqual(['__proto__']);
    expect(Object.keys(sample.records[0]!.data)).toEqual(['id', 'constructor', 'stratum']);
  });
});
