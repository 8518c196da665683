import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AnonymiseError,
  enforceKAnonymity,
  measureKAnonymity,
  measureLDiversity,
  rangeHierarchy,
} from '../../src/anonymise/index.js';
import { bruteForceClassSizes, seeded } from './helpers.js';

const QIS = ['age', 'dept', 'sex'];
const recordArb = fc.record({
  age: fc.integer({ min: 15, max: 80 }),
  dept: fc.constantFrom('sales', 'plant', 'office', 'lab', null),
  sex: fc.constantFrom(1, 2, 9),
  score: fc.integer({ min: 1, max: 4 }),
});

/** Whether `after` is `before`, `'*'`, or a range label that contains `before`. */
function generalisesNumber(before: number, after: unknown): boolean {
  if (after === before || after === '*') return true;
  const m = typeof after === 'string' ? /^(\d+)-(\d+)$/.exec(after) : null;
  return m !== null && Number(m[1]) <= before && before <= Number(m[2]);
}

describe('enforceKAnonymity', () => {
  it('makes every class at least k, by a brute-force count, changing only quasi-identifiers', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((k) => fc.tuple(fc.constant(k), fc.array(recordArb, { minLength: k, maxLength: 40 }))),
        fc.constantFrom(0, 0.05, 0.3, 1),
        ([k, records], maxSuppression) => {
          const { records: out, report } = enforceKAnonymity(records, {
            quasiIdentifiers: QIS,
            k,
            maxSuppression,
          });
          const sizes = bruteForceClassSizes(out, QIS);
          expect(Math.min(...sizes)).toBeGreaterThanOrEqual(k);
          expect(report.smallestClass).toBe(Math.min(...sizes));
          expect(report.satisfied).toBe(true);
          expect(out).toHaveLength(records.length);
          out.forEach((row, i) => {
            const input = records[i]!;
            expect(row.score).toBe(input.score);
            expect(generalisesNumber(input.age, row.age)).toBe(true);
            expect(generalisesNumber(input.sex, row.sex)).toBe(true);
            expect([input.dept, '*']).toContain(row.dept);
          });
          const stars = out.reduce((n, row) => n + QIS.filter((f) => row[f] === '*').length, 0);
          expect(report.suppressedCells).toBeLessThanOrEqual(stars);
          expect(report.recordsChanged).toBe(
            out.filter((row, i) => QIS.some((f) => row[f] !== (records[i] as Record<string, unknown>)[f]))
              .length,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reaches l-diversity too, removing only what it must', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((k) => fc.tuple(fc.constant(k), fc.array(recordArb, { minLength: k, maxLength: 40 }))),
        fc.integer({ min: 1, max: 3 }),
        ([k, records], l) => {
          const { records: out, report } = enforceKAnonymity(records, {
            quasiIdentifiers: QIS,
            k,
            sensitive: 'score',
            l,
          });
          expect(report.removedRecords).toBe(records.length - out.length);
          if (out.length === 0) return;
          expect(Math.min(...bruteForceClassSizes(out, QIS))).toBeGreaterThanOrEqual(k);
          expect(
            measureLDiversity(out, { quasiIdentifiers: QIS, sensitive: 'score' }).l,
          ).toBeGreaterThanOrEqual(l);
          expect(report.satisfied).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('generalises only, never suppresses, when maxSuppression is 0', () => {
    const r = seeded(3);
    const records = Array.from({ length: 300 }, () => ({
      age: 15 + Math.floor(r() * 70),
      sex: 1 + Math.floor(r() * 2),
    }));
    const { records: out, report } = enforceKAnonymity(records, {
      quasiIdentifiers: ['age', 'sex'],
      k: 10,
      maxSuppression: 0,
    });
    expect(report.suppressedCells).toBe(0);
    expect(report.steps.find((s) => s.field === 'age')!.level).toBeGreaterThan(0);
    expect(measureKAnonymity(out, { quasiIdentifiers: ['age', 'sex'], k: 10 }).recordsAtRisk).toBe(0);
  });

  it('uses widening age ranges from the data by default', () => {
    const records = Array.from({ length: 85 }, (_, i) => ({ age: 15 + i }));
    const { records: out, report } = enforceKAnonymity(records, {
      quasiIdentifiers: ['age'],
      k: 5,
      maxSuppression: 0,
    });
    expect(report.steps).toEqual([{ field: 'age', level: 1, maxLevel: 6 }]);
    expect(out.slice(0, 6).map((r) => r.age)).toEqual(['15-19', '15-19', '15-19', '15-19', '15-19', '20-24']);
    expect(report.log).toContainEqual({
      step: 'generalise',
      field: 'age',
      count: 85,
      parameters: { level: 1, maxLevel: 6 },
    });
  });

  it('leaves data that are already k-anonymous as they are', () => {
    const records = Array.from({ length: 12 }, (_, i) => ({ sex: i % 2, dept: i % 3 === 0 ? 'a' : 'b' }));
    const { records: out, report } = enforceKAnonymity(records, { quasiIdentifiers: ['sex', 'dept'], k: 2 });
    expect(out).toEqual(records);
    expect(report).toMatchObject({
      recordsChanged: 0,
      suppressedCells: 0,
      satisfied: true,
      smallestClass: 2,
    });
  });

  it('suppresses single values of the rare records rather than whole records where it can', () => {
    const records = [
      ...Array.from({ length: 20 }, (_, i) => ({ sex: 'MF'[i % 2], dept: 'sales' })),
      { sex: 'M', dept: 'board' },
      { sex: 'M', dept: 'board' },
      { sex: 'F', dept: 'board' },
    ];
    const options = { quasiIdentifiers: ['sex', 'dept'], k: 3, maxSuppression: 0.2 };
    const { records: out, report } = enforceKAnonymity(records, options);
    expect(out.slice(20)).toEqual(Array(3).fill({ sex: '*', dept: 'board' }));
    expect(report).toMatchObject({
      suppressedCells: 3,
      suppressedRecords: 3,
      smallestClass: 3,
      steps: [{ level: 0 }, { level: 0 }],
    });
    expect(report.log).toContainEqual({ step: 'suppressValues', field: 'sex', count: 3 });
  });

  it('counts a suppressed value as "*" only, so a lone rare record borrows others into the all-"*" class', () => {
    const records = [
      ...Array.from({ length: 20 }, (_, i) => ({ sex: 'MF'[i % 2], dept: 'sales' })),
      { sex: 'M', dept: 'board' },
    ];
    const { records: out, report } = enforceKAnonymity(records, { quasiIdentifiers: ['sex', 'dept'], k: 3 });
    expect(out.filter((r) => r.sex === '*' && r.dept === '*')).toHaveLength(3);
    expect(out[20]).toEqual({ sex: '*', dept: '*' });
    expect(report).toMatchObject({ suppressedRecords: 3, smallestClass: 3, satisfied: true });
  });

  it('follows hierarchies given as tables and functions', () => {
    const records = [
      ...Array(4).fill({ job: 'nurse' }),
      ...Array(4).fill({ job: 'doctor' }),
      { job: 'surgeon' },
      { job: 'teacher' },
    ];
    const table = {
      table: [
        ['nurse', 'health'],
        ['doctor', 'health'],
        ['surgeon', 'health'],
        ['teacher', 'education'],
      ],
    };
    const { records: out, report } = enforceKAnonymity(records, {
      quasiIdentifiers: ['job'],
      k: 2,
      maxSuppression: 0,
      hierarchies: { job: table },
    });
    expect(new Set(out.map((r) => r.job))).toEqual(new Set(['*']));
    expect(report.steps[0]).toEqual({ field: 'job', level: 2, maxLevel: 2 });

    const ages = Array.from({ length: 40 }, (_, i) => ({ age: 20 + i }));
    const custom = enforceKAnonymity(ages, {
      quasiIdentifiers: ['age'],
      k: 10,
      maxSuppression: 0,
      hierarchies: { age: rangeHierarchy({ widths: [10, 20] }) },
    });
    expect(custom.records.map((r) => r.age).slice(0, 11)).toEqual([...Array(10).fill('20-29'), '30-39']);
  });

  it('reports failure when there are fewer records than k', () => {
    const { records: out, report } = enforceKAnonymity([{ a: 1 }, { a: 2 }], {
      quasiIdentifiers: ['a'],
      k: 3,
    });
    expect(out).toEqual([{ a: '*' }, { a: '*' }]);
    expect(report).toMatchObject({ satisfied: false, smallestClass: 2 });
  });

  it('never changes its input', () => {
    const records = Array.from({ length: 30 }, (_, i) => ({ age: 20 + i, tags: [i] }));
    const copy = structuredClone(records);
    enforceKAnonymity(records, { quasiIdentifiers: ['age', 'tags'], k: 4 });
    expect(records).toEqual(copy);
  });

  it('writes odd field names as data', () => {
    const records = Array.from({ length: 4 }, (_, i) => JSON.parse(`{"__proto__": ${i}}`));
    const { records: out } = enforceKAnonymity(records, {
      quasiIdentifiers: ['__proto__'],
      k: 2,
      maxSuppression: 0,
    });
    for (const row of out) expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(out.map((r) => Object.getOwnPropertyDescriptor(r, '__proto__')?.value)).toEqual([
      '0-1',
      '0-1',
      '2-3',
      '2-3',
    ]);
  });

  it('refuses bad options with their path', () => {
    const issue = (options: object) => {
      try {
        enforceKAnonymity([{ a: 1 }], options as never);
      } catch (error) {
        expect(error).toBeInstanceOf(AnonymiseError);
        return (error as AnonymiseError).issues[0]!.path;
      }
      throw new Error('expected an error');
    };
    expect(issue({ quasiIdentifiers: ['a'], k: 0 })).toEqual(['options', 'k']);
    expect(issue({ quasiIdentifiers: ['a'], k: 2, maxSuppression: 2 })).toEqual([
      'options',
      'maxSuppression',
    ]);
    expect(issue({ quasiIdentifiers: ['a'], k: 2, l: 2 })).toEqual(['options', 'sensitive']);
    expect(issue({ quasiIdentifiers: ['a'], k: 2, hierarchies: { b: { table: [] } } })).toEqual([
      'options',
      'hierarchies',
    ]);
    expect(
      issue({ quasiIdentifiers: ['a'], k: 2, hierarchies: { a: { levels: -1, generalise: () => 1 } } }),
    ).toEqual(['options', 'hierarchies']);
  });
});
