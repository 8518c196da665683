import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnonymiseError, suppressTable } from '../../src/anonymise/index.js';

/** The counts with row totals appended and a totals row below. */
function extend(counts: number[][]): number[][] {
  const rows = counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  return [...rows, rows[0]!.map((_, j) => rows.reduce((sum, row) => sum + row[j]!, 0))];
}

/**
 * Brute force, independent of the library's max-flow: every change c ∈ {−1, 0, 1} of the hidden
 * entries that keeps every row and column adding up and every value ≥ 0. A hidden entry can move
 * up (down) exactly when some such change raises (lowers) it — the table's constraint matrix is
 * totally unimodular, so its elementary moves have entries −1, 0 and 1.
 */
function bruteForceMoves(values: number[][], hidden: boolean[][]) {
  const rows = values.length;
  const cols = values[0]!.length;
  const entries: Array<[number, number]> = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) if (hidden[i]![j]) entries.push([i, j]);
  const change = new Map<string, number>();
  const moves = entries.map(() => ({ up: false, down: false }));
  const lineOk = (cells: Array<[number, number]>, total: [number, number]) => {
    let sum = 0;
    for (const [i, j] of cells) sum += change.get(`${i},${j}`) ?? 0;
    return sum === (change.get(`${total[0]},${total[1]}`) ?? 0);
  };
  const rowOk = (i: number) =>
    lineOk(
      Array.from({ length: cols - 1 }, (_, j) => [i, j]),
      [i, cols - 1],
    );
  const colOk = (j: number) =>
    lineOk(
      Array.from({ length: rows - 1 }, (_, i) => [i, j]),
      [rows - 1, j],
    );
  const search = (e: number) => {
    if (e === entries.length) {
      for (let j = 0; j < cols; j++) if (!colOk(j)) return;
      entries.forEach(([i, j], k) => {
        const c = change.get(`${i},${j}`)!;
        if (c > 0) moves[k]!.up = true;
        if (c < 0) moves[k]!.down = true;
      });
      return;
    }
    const [i, j] = entries[e]!;
    for (const c of [-1, 0, 1]) {
      if (values[i]![j]! + c < 0) continue;
      change.set(`${i},${j}`, c);
      const rowDone = entries[e + 1]?.[0] !== i;
      if (!rowDone || rowOk(i)) search(e + 1);
    }
    change.delete(`${i},${j}`);
  };
  search(0);
  return entries.map(([i, j], k) => ({ row: i, column: j, ...moves[k]! }));
}

describe('suppressTable', () => {
  it('suppresses small cells and a complementary rectangle', () => {
    const t = suppressTable([
      [12, 3, 40],
      [25, 18, 9],
    ]);
    expect(t.cells).toEqual([
      [null, null, 40],
      [null, null, 9],
    ]);
    expect(t.rowTotals).toEqual([55, 52]);
    expect(t.columnTotals).toEqual([37, 21, 49]);
    expect(t.total).toBe(107);
    expect(t).toMatchObject({ primary: 1, secondary: 3 });
    expect(t.status[0]).toEqual(['secondary', 'primary', 'published', 'published']);
    expect(t.intervals).toEqual([
      { row: 0, column: 0, lower: 0, upper: 15 },
      { row: 0, column: 1, lower: 0, upper: 15 },
      { row: 1, column: 0, lower: 22, upper: 37 },
      { row: 1, column: 1, lower: 6, upper: 21 },
    ]);
  });

  it('publishes a table without small cells unchanged', () => {
    const t = suppressTable([
      [10, 20],
      [30, 0],
    ]);
    expect(t.cells).toEqual([
      [10, 20],
      [30, 0],
    ]);
    expect(t).toMatchObject({ primary: 0, secondary: 0, intervals: [] });
  });

  it('suppresses zeros only when asked', () => {
    const counts = [
      [10, 0],
      [30, 20],
    ];
    expect(suppressTable(counts).cells[0]).toEqual([10, 0]);
    const t = suppressTable(counts, { suppressZeros: true });
    expect(t.cells[0]![1]).toBeNull();
    expect(t.intervals.find((x) => x.row === 0 && x.column === 1)).toMatchObject({ lower: 0 });
  });

  it('suppresses small totals too', () => {
    const t = suppressTable([
      [1, 2],
      [30, 40],
    ]);
    expect(t.rowTotals[0]).toBeNull();
    expect(t.cells[0]).toEqual([null, null]);
    for (const x of t.intervals) expect(x.upper === null || x.upper > x.lower).toBe(true);
  });

  it('closes a cycle where two-per-line is not enough', () => {
    // Two hidden entries in every line, yet published zeros pin one of them: the audit adds a sixth complement.
    const t = suppressTable([
      [22, 1, 8, 0],
      [2, 0, 11, 0],
      [18, 12, 0, 3],
    ]);
    for (const x of t.intervals) expect(x.upper === null || x.upper > x.lower).toBe(true);
    expect(t).toMatchObject({ primary: 4, secondary: 6 });
  });

  it('uses the threshold given', () => {
    const counts = [
      [7, 12],
      [15, 20],
    ];
    expect(suppressTable(counts, { threshold: 5 }).primary).toBe(0);
    expect(suppressTable(counts, { threshold: 10 }).primary).toBe(1);
  });

  it('leaves no hidden entry recoverable from the published ones (brute force)', () => {
    const count = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 5, max: 30 }));
    const table = fc
      .tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 }))
      .chain(([r, c]) =>
        fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }),
      );
    fc.assert(
      fc.property(table, fc.constantFrom(3, 5, 10), fc.boolean(), (counts, threshold, suppressZeros) => {
        const t = suppressTable(counts, { threshold, suppressZeros });
        const values = extend(counts);
        const hidden = t.status.map((row) => row.map((s) => s !== 'published'));
        // Every line with a hidden entry has at least two.
        for (const line of [...hidden, ...hidden[0]!.map((_, j) => hidden.map((row) => row[j]!))]) {
          const n = line.filter(Boolean).length;
          expect(n === 0 || n >= 2).toBe(true);
        }
        const moves = bruteForceMoves(values, hidden);
        expect(moves.map(({ row, column }) => [row, column])).toEqual(
          t.intervals.map((x) => [x.row, x.column]),
        );
        moves.forEach((move, k) => {
          const interval = t.intervals[k]!;
          const value = values[move.row]![move.column]!;
          expect(move.up || move.down).toBe(true);
          expect(move.up).toBe(interval.upper === null || interval.upper > value);
          expect(move.down).toBe(interval.lower < value);
          expect(interval.lower).toBeLessThanOrEqual(value);
        });
        // Published entries are the true ones; primaries are exactly the small ones.
        values.forEach((row, i) =>
          row.forEach((v, j) => {
            const small = (v > 0 && v < threshold) || (v === 0 && suppressZeros);
            expect(t.status[i]![j] === 'primary').toBe(small);
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    [[], ['counts']],
    [
      [[1, 2], [3]],
      ['counts', 1],
    ],
    [[[1, -2]], ['counts', 0, 1]],
    [[[1, 2.5]], ['counts', 0, 1]],
    [[[1, Number.NaN]], ['counts', 0, 1]],
    [[[1, '2']], ['counts', 0, 1]],
  ])('refuses a table that is not a table of counts (%#)', (counts, path) => {
    try {
      suppressTable(counts as number[][]);
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(AnonymiseError);
      expect((error as AnonymiseError).issues[0]!.path).toEqual(path);
    }
  });
});
