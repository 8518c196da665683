import { describe, expect, it } from 'vitest';
import { AnonymiseError, suppressDerived, suppressTable, tableShares } from '../../src/anonymise/index.js';

const counts = [
  [12, 3, 40],
  [25, 18, 9],
];
const table = suppressTable(counts);

describe('suppressDerived', () => {
  it('hides a derived figure wherever its count is hidden', () => {
    const means = [
      [3.1, 2.0, 2.8],
      [3.4, 2.2, 1.9],
    ];
    expect(suppressDerived(table, means)).toEqual([
      [null, null, 2.8],
      [null, null, 1.9],
    ]);
  });

  it('accepts figures for the totals as well', () => {
    const withTotals = [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
    ];
    expect(suppressDerived(table, withTotals)).toEqual([
      [null, null, 3, 4],
      [null, null, 7, 8],
      [9, 10, 11, 12],
    ]);
  });

  it('refuses a table of another shape', () => {
    expect(() => suppressDerived(table, [[1, 2, 3]])).toThrow(AnonymiseError);
    expect(() => suppressDerived(table, 'x' as never)).toThrow(AnonymiseError);
  });
});

describe('tableShares', () => {
  it('divides by row totals and leaves hidden counts out', () => {
    expect(tableShares(table, { by: 'row' })).toEqual([
      [null, null, 40 / 55, 1],
      [null, null, 9 / 52, 1],
      [37 / 107, 21 / 107, 49 / 107, 1],
    ]);
  });

  it('divides by column totals or the grand total', () => {
    expect(tableShares(table, { by: 'column' })[0]).toEqual([null, null, 40 / 49, 55 / 107]);
    expect(tableShares(table, { by: 'total' })[2]).toEqual([37 / 107, 21 / 107, 49 / 107, 1]);
  });

  it('gives no share over a hidden or zero total', () => {
    const small = suppressTable([
      [1, 2],
      [30, 40],
    ]);
    expect(tableShares(small, { by: 'row' })[0]).toEqual([null, null, null]);
    const zero = suppressTable([
      [0, 0],
      [30, 40],
    ]);
    expect(tableShares(zero, { by: 'row' })[0]).toEqual([null, null, null]);
  });

  it('refuses an unknown denominator', () => {
    expect(() => tableShares(table, { by: 'cell' as never })).toThrow(AnonymiseError);
  });
});
