import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnonymiseError, measureKAnonymity } from '../../src/anonymise/index.js';
import { bruteForceClassSizes } from './helpers.js';

describe('measureKAnonymity', () => {
  const rows = [
    { age: '30-39', sex: 1, dept: 'A' },
    { age: '30-39', sex: 1, dept: 'A' },
    { age: '30-39', sex: 2, dept: 'A' },
    { age: '40-49', sex: 2, dept: 'B' },
    { age: '40-49', sex: 2, dept: 'B' },
    { age: '40-49', sex: 2, dept: 'B' },
  ];

  it('reports the smallest class, records at risk and the histogram', () => {
    expect(measureKAnonymity(rows, { quasiIdentifiers: ['age', 'sex', 'dept'], k: 3 })).toEqual({
      records: 6,
      classes: 3,
      smallestClass: 1,
      recordsAtRisk: 3,
      classSizes: [
        { size: 1, classes: 1 },
        { size: 2, classes: 1 },
        { size: 3, classes: 1 },
      ],
    });
    expect(measureKAnonymity(rows, { quasiIdentifiers: ['age'] })).toMatchObject({
      smallestClass: 3,
      recordsAtRisk: 0,
    });
  });

  it('counts unique records as at risk by default', () => {
    expect(measureKAnonymity(rows, { quasiIdentifiers: ['age', 'sex'] }).recordsAtRisk).toBe(1);
  });

  it('treats missing values as one value and "*" as a value of its own', () => {
    const data = [{ a: null }, {}, { a: undefined }, { a: '*' }, { a: '*' }, { a: 1 }, { a: '1' }];
    expect(measureKAnonymity(data, { quasiIdentifiers: ['a'] }).classSizes).toEqual([
      { size: 1, classes: 2 },
      { size: 2, classes: 1 },
      { size: 3, classes: 1 },
    ]);
  });

  it('compares arrays by content', () => {
    const data = [{ a: [1, 2] }, { a: [1, 2] }, { a: [2, 1] }];
    expect(measureKAnonymity(data, { quasiIdentifiers: ['a'] }).smallestClass).toBe(1);
    expect(measureKAnonymity(data, { quasiIdentifiers: ['a'] }).classes).toBe(2);
  });

  it('handles no records and no quasi-identifiers', () => {
    expect(measureKAnonymity([], { quasiIdentifiers: ['a'] })).toEqual({
      records: 0,
      classes: 0,
      smallestClass: 0,
      recordsAtRisk: 0,
      classSizes: [],
    });
    expect(measureKAnonymity(rows, { quasiIdentifiers: [] }).smallestClass).toBe(6);
  });

  it('reads only own fields', () => {
    const data = [JSON.parse('{"__proto__": 1}'), JSON.parse('{"__proto__": 1}'), { toString: 2 }, {}];
    const m = measureKAnonymity(data, { quasiIdentifiers: ['__proto__', 'toString'] });
    expect(m.classSizes).toEqual([
      { size: 1, classes: 2 },
      { size: 2, classes: 1 },
    ]);
  });

  it('agrees with the brute-force class sizes', () => {
    const record = fc.record({
      a: fc.integer({ min: 0, max: 3 }),
      b: fc.constantFrom('x', 'y', null),
      c: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (data, k) => {
        const sizes = bruteForceClassSizes(data, ['a', 'b', 'c']);
        const m = measureKAnonymity(data, { quasiIdentifiers: ['a', 'b', 'c'], k });
        expect(m.smallestClass).toBe(sizes.length === 0 ? 0 : Math.min(...sizes));
        expect(m.recordsAtRisk).toBe(sizes.filter((s) => s < k).length);
        expect(m.classes).toBe(new Set(data.map((r) => JSON.stringify([r.a, r.b, r.c]))).size);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    [null, { quasiIdentifiers: ['a'] }, ['records']],
    [[1], { quasiIdentifiers: ['a'] }, ['records', 0]],
    [[{}], { quasiIdentifiers: 'a' }, ['options', 'quasiIdentifiers']],
    [[{}], { quasiIdentifiers: ['a'], k: 0 }, ['options', 'k']],
  ])('refuses bad input with its path (%#)', (records, options, path) => {
    try {
      measureKAnonymity(records as never, options as never);
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(AnonymiseError);
      expect((error as AnonymiseError).issues[0]!.path).toEqual(path);
    }
  });
});
