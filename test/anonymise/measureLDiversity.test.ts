import { describe, expect, it } from 'vitest';
import { AnonymiseError, measureLDiversity } from '../../src/anonymise/index.js';

describe('measureLDiversity', () => {
  const rows = [
    { age: '30-39', sex: 1, health: 'good' },
    { age: '30-39', sex: 1, health: 'poor' },
    { age: '30-39', sex: 1, health: 'good' },
    { age: '40-49', sex: 2, health: 'poor' },
    { age: '40-49', sex: 2, health: 'poor' },
    { age: '40-49', sex: 2, health: 'poor' },
  ];

  it('finds the class with the fewest distinct sensitive values', () => {
    expect(measureLDiversity(rows, { quasiIdentifiers: ['age', 'sex'], sensitive: 'health' })).toEqual({
      l: 1,
      classes: 2,
      classesBelow: 1,
      recordsBelow: 3,
    });
    expect(measureLDiversity(rows, { quasiIdentifiers: ['sex'], sensitive: 'health', l: 3 })).toEqual({
      l: 1,
      classes: 2,
      classesBelow: 2,
      recordsBelow: 6,
    });
    expect(measureLDiversity(rows, { quasiIdentifiers: [], sensitive: 'health' }).l).toBe(2);
  });

  it('counts a missing sensitive value as one value', () => {
    const data = [{ q: 1 }, { q: 1, s: 'x' }, { q: 1, s: null }];
    expect(measureLDiversity(data, { quasiIdentifiers: ['q'], sensitive: 's' }).l).toBe(2);
  });

  it('is 0 for no records, and refuses a missing sensitive field', () => {
    expect(measureLDiversity([], { quasiIdentifiers: ['a'], sensitive: 's' }).l).toBe(0);
    expect(() => measureLDiversity(rows, { quasiIdentifiers: ['a'] } as never)).toThrow(AnonymiseError);
  });
});
