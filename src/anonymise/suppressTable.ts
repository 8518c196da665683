import type { MessageLocale } from '../core/issue.js';
import { checkInteger, checkOption, fail } from './anonymiseError.js';
import { cellIntervals, cheapestCycle, type FlowTable } from './tableFlow.js';

/** Options of {@link suppressTable}. */
export interface SuppressTableOptions {
  /** Counts from 1 to threshold − 1 are suppressed (default 5). Agencies use 3, 5 or 10. */
  threshold?: number;
  /** Suppress zero counts as well (default false: a zero is published). */
  suppressZeros?: boolean;
  /** Language of error messages (default `ja`). */
  locale?: MessageLocale;
}

/** Why an entry of a table is shown or hidden. */
export type CellStatus = 'published' | 'primary' | 'secondary';

/**
 * A table of counts ready to publish. Entries are addressed in the extended table of
 * (rows + 1) × (columns + 1): row `rows` holds the column totals, column `columns` the row totals,
 * and the corner the grand total.
 */
export interface SuppressedTable {
  /** The counts, `null` where suppressed. */
  cells: Array<Array<number | null>>;
  rowTotals: Array<number | null>;
  columnTotals: Array<number | null>;
  total: number | null;
  /** Status of every entry of the extended table. */
  status: CellStatus[][];
  /**
   * For every suppressed entry, the range of values consistent with everything published (whole
   * numbers ≥ 0, rows and columns adding up); `upper` is `null` when unbounded. `lower < upper`
   * always holds: no suppressed entry can be recovered exactly.
   */
  intervals: Array<{ row: number; column: number; lower: number; upper: number | null }>;
  /** Entries suppressed because they are small. */
  primary: number;
  /** Entries suppressed to protect them. */
  secondary: number;
}

/**
 * Suppresses small counts in a two-way table with row, column and grand totals, so that they can
 * be published.
 *
 * 1. Primary: every entry — cell or total — from 1 to `threshold − 1` (and 0 with `suppressZeros`).
 * 2. Secondary, to a fixed point: every row and every column (the totals row and column included)
 *    that has exactly one suppressed entry gets a second one, so that it cannot be recovered by
 *    subtraction. The complement is the published entry that is not 0, whose crossing line already
 *    has a suppressed entry (so no new line is opened), and that is smallest, in that order.
 * 3. Audit: for each suppressed entry the exact range of values consistent with the published
 *    entries is computed as a network flow (the table with its totals is a circulation). Where the
 *    range is a single value — a pattern of suppressions that subtraction over several lines can
 *    still undo — the cheapest chain of published entries that closes a cycle through it is
 *    suppressed as well, and the audit runs again.
 *
 * The guarantee: every suppressed entry has at least two possible values given this table. It
 * does not cover other tables of the same data (linked or nested tables, other breakdowns, earlier
 * releases), which can narrow the ranges when combined; nor does it stop an interval from being
 * narrow, or a published zero from telling that nobody has a property.
 *
 * @example
 * ```ts
 * const t = suppressTable([[12, 3, 40], [25, 18, 9]], { threshold: 5 });
 * t.cells; // [[12, null, 40], [25, null, 9]] … plus complementary cells where needed
 * t.rowTotals; // [55, 52]
 * ```
 */
export function suppressTable(
  counts: readonly (readonly number[])[],
  options: SuppressTableOptions = {},
): SuppressedTable {
  const { threshold = 5, suppressZeros = false, locale } = options;
  checkInteger(threshold, 'threshold', 1, locale);
  checkOption(
    typeof suppressZeros === 'boolean',
    'suppressZeros',
    { en: 'true or false', ja: 'true か false' },
    locale,
  );
  const table = extendedTable(counts, locale);
  const m = table.values.length - 1;
  const n = table.values[0]!.length - 1;
  const hidden = table.values.map((row) =>
    row.map((v) => (v > 0 && v < threshold) || (v === 0 && suppressZeros)),
  );
  const primary = hidden.map((row) => [...row]);

  for (;;) {
    completeLines(table.values, hidden);
    const narrow = cellIntervals(table.values, hidden).find((interval) => interval.upper === interval.lower);
    if (narrow === undefined) break;
    for (const [i, j] of cheapestCycle(table.values, hidden, narrow.row, narrow.column)) hidden[i]![j] = true;
  }

  const status = hidden.map((row, i) =>
    row.map((h, j): CellStatus => (!h ? 'published' : primary[i]![j] ? 'primary' : 'secondary')),
  );
  const shown = table.values.map((row, i) => row.map((v, j) => (hidden[i]![j] ? null : v)));
  const flat = status.flat();
  return {
    cells: shown.slice(0, m).map((row) => row.slice(0, n)),
    rowTotals: shown.slice(0, m).map((row) => row[n]!),
    columnTotals: shown[m]!.slice(0, n),
    total: shown[m]![n]!,
    status,
    intervals: cellIntervals(table.values, hidden).map((interval) => ({
      ...interval,
      upper: interval.upper === Number.POSITIVE_INFINITY ? null : interval.upper,
    })),
    primary: flat.filter((s) => s === 'primary').length,
    secondary: flat.filter((s) => s === 'secondary').length,
  };
}

/** The counts with their totals appended, after checking that they are a table of whole numbers. */
function extendedTable(counts: unknown, locale: MessageLocale | undefined): FlowTable {
  if (!Array.isArray(counts) || counts.length === 0 || !Array.isArray(counts[0]) || counts[0].length === 0)
    fail('ragged_table', ['counts'], locale, { expected: '≥ 1', received: 0 });
  const width = (counts[0] as unknown[]).length;
  const values: number[][] = [];
  counts.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== width)
      fail('ragged_table', ['counts', i], locale, {
        expected: width,
        received: Array.isArray(row) ? row.length : 0,
      });
    row.forEach((v: unknown, j) => {
      if (!Number.isSafeInteger(v) || (v as number) < 0) fail('invalid_count', ['counts', i, j], locale);
    });
    const cells = row as number[];
    values.push([...cells, cells.reduce((a, b) => a + b, 0)]);
  });
  values.push(Array.from({ length: width + 1 }, (_, j) => values.reduce((sum, row) => sum + row[j]!, 0)));
  return { values };
}

/**
 * Gives every line (row or column of the extended table) with exactly one hidden entry a second
 * one, until no such line is left.
 */
function completeLines(values: readonly (readonly number[])[], hidden: boolean[][]): void {
  const rows = values.length;
  const cols = values[0]!.length;
  const rowCount = (i: number) => hidden[i]!.filter(Boolean).length;
  const colCount = (j: number) => hidden.filter((row) => row[j]).length;
  const pick = (candidates: Array<{ i: number; j: number; crossing: number }>) => {
    let best: { i: number; j: number; rank: number[] } | undefined;
    for (const { i, j, crossing } of candidates) {
      if (hidden[i]![j]) continue;
      const v = values[i]![j]!;
      const rank = [v === 0 ? 1 : 0, crossing > 0 ? 0 : 1, v];
      if (best === undefined || lexLess(rank, best.rank)) best = { i, j, rank };
    }
    if (best) hidden[best.i]![best.j] = true;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < rows; i++) {
      if (rowCount(i) !== 1) continue;
      pick(Array.from({ length: cols }, (_, j) => ({ i, j, crossing: colCount(j) })));
      changed = true;
    }
    for (let j = 0; j < cols; j++) {
      if (colCount(j) !== 1) continue;
      pick(Array.from({ length: rows }, (_, i) => ({ i, j, crossing: rowCount(i) })));
      changed = true;
    }
  }
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}
