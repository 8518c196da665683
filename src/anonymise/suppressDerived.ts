import type { MessageLocale } from '../core/issue.js';
import { checkOption, fail } from './anonymiseError.js';
import type { SuppressedTable } from './suppressTable.js';

/**
 * Hides derived figures — means, shares, rates — wherever the count they come from is suppressed,
 * since a mean over a hidden cell reveals that cell's members. `values` has the shape of the counts
 * (rows × columns) or of the extended table with totals (rows + 1 × columns + 1).
 *
 * @example
 * ```ts
 * const counts = suppressTable(countsBySexAndAge);
 * const means = suppressDerived(counts, meanScoreBySexAndAge); // null where the count is hidden
 * ```
 */
export function suppressDerived(
  table: SuppressedTable,
  values: readonly (readonly (number | null)[])[],
  options: { locale?: MessageLocale } = {},
): Array<Array<number | null>> {
  const rows = table.cells.length;
  const cols = table.cells[0]?.length ?? 0;
  const fits = (r: number, c: number) =>
    Array.isArray(values) &&
    values.length === r &&
    values.every((row) => Array.isArray(row) && row.length === c);
  if (!fits(rows, cols) && !fits(rows + 1, cols + 1))
    fail('shape_mismatch', ['values'], options.locale, {
      expected: `${rows} × ${cols} / ${rows + 1} × ${cols + 1}`,
    });
  return values.map((row, i) => row.map((v, j) => (table.status[i]![j] === 'published' ? v : null)));
}

/**
 * Shares computed from a suppressed table: each entry of the extended table (cells and totals)
 * divided by its row total, its column total or the grand total. A share is `null` when its count
 * or its denominator is suppressed (or the denominator is 0), so no hidden count leaks through it.
 *
 * @example
 * ```ts
 * const shares = tableShares(suppressTable(counts), { by: 'row' });
 * shares[0]; // [0.22, null, 0.73, 1] — the last entry is the row total over itself
 * ```
 */
export function tableShares(
  table: SuppressedTable,
  options: { by: 'row' | 'column' | 'total'; locale?: MessageLocale },
): Array<Array<number | null>> {
  const by = options?.by;
  checkOption(
    by === 'row' || by === 'column' || by === 'total',
    'by',
    { en: "'row', 'column' or 'total'", ja: "'row'・'column'・'total' のいずれか" },
    options?.locale,
  );
  const extended = [
    ...table.cells.map((row, i) => [...row, table.rowTotals[i]!]),
    [...table.columnTotals, table.total],
  ];
  const last = extended.length - 1;
  return extended.map((row) =>
    row.map((count, j) => {
      const denominator =
        by === 'row' ? row.at(-1) : by === 'column' ? extended[last]![j] : extended[last]!.at(-1);
      return count === null || denominator === null || denominator === undefined || denominator === 0
        ? null
        : count / denominator;
    }),
  );
}
