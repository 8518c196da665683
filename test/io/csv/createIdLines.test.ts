import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIdLines } from '../../../src/io/csv/createIdLines.js';

describe('createIdLines', () => {
  it('answers as a Map of first lines would, through growth and colliding slots', () => {
    // Few distinct ids (so many repeat) or many (so the table grows several times).
    const id = fc.oneof(fc.string({ maxLength: 3 }), fc.string({ minLength: 16, maxLength: 24 }));
    fc.assert(
      fc.property(fc.array(id, { maxLength: 3000 }), (ids) => {
        const table = createIdLines();
        const map = new Map<string, number>();
        ids.forEach((value, line) => {
          const isNew = !map.has(value);
          if (isNew) map.set(value, line);
          expect(table.addIfNew(value, line)).toBe(isNew);
        });
        for (const value of [...ids, 'never seen', '__proto__'])
          expect(table.get(value)).toBe(map.get(value));
      }),
      { seed: 20261205, numRuns: 60 },
    );
  });

  it('keeps 100,000 ids and their lines', () => {
    const table = createIdLines();
    for (let i = 0; i < 100_000; i++) expect(table.addIfNew(`id-${i}`, i + 2)).toBe(true);
    expect(table.addIfNew('id-99999', 5)).toBe(false);
    expect(table.get('id-0')).toBe(2);
    expect(table.get('id-99999')).toBe(100_001);
    expect(table.get('id-100000')).toBeUndefined();
  });
});

describe('createIdLines with ids made to collide', () => {
  it('hands over to a Map and still answers exactly, in linear time', () => {
    // Every id on one slot: without the hand-over each new id would probe all the others.
    const table = createIdLines({ hash: () => 7 });
    for (let i = 0; i < 50_000; i++) expect(table.addIfNew(`x${i}`, i)).toBe(true);
    expect(table.addIfNew('x123', 1)).toBe(false);
    expect(table.get('x123')).toBe(123);
    expect(table.get('y')).toBeUndefined();
  });
});
