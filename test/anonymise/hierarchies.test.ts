import { describe, expect, it } from 'vitest';
import { dateHierarchy, rangeHierarchy } from '../../src/anonymise/index.js';

describe('rangeHierarchy', () => {
  it('widens aligned ranges level by level', () => {
    const h = rangeHierarchy({ widths: [5, 10, 20] });
    expect(h.levels).toBe(3);
    expect([1, 2, 3].map((level) => h.generalise(34, level))).toEqual(['30-34', '30-39', '20-39']);
    expect(h.generalise(-3, 1)).toBe('-5--1');
  });

  it('labels decimal ranges with an open upper end and passes non-numbers through', () => {
    const h = rangeHierarchy({ widths: [0.5] });
    expect(h.generalise(1.7, 1)).toBe('1.5-<2');
    expect(rangeHierarchy({ widths: [10], integer: false }).generalise(34, 1)).toBe('30-<40');
    expect(h.generalise('70+', 1)).toBe('70+');
  });
});

describe('dateHierarchy', () => {
  it('cuts dates to month, then year', () => {
    const h = dateHierarchy();
    expect([1, 2].map((level) => h.generalise('1985-04-12', level))).toEqual(['1985-04', '1985']);
    expect(h.generalise('1985-04', 2)).toBe('1985');
    expect(h.generalise('April', 1)).toBe('April');
  });
});
