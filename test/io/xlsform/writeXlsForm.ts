import { writeXlsx } from '../../../src/io/workbook/writeXlsx.js';

/** Sheets as a person types them: the header row first, then rows (empty strings are empty cells). */
export type FormSheets = Record<string, (string | number)[][]>;

/** Writes an XLSForm with our own .xlsx writer, sheet by sheet as given. */
export function writeXlsForm(sheets: FormSheets): Uint8Array {
  return writeXlsx(
    Object.entries(sheets).map(([name, [header = [], ...rows]]) => ({
      name,
      columns: header.map((h) => ({ header: String(h), note: String(h), width: 16 })),
      rows: rows.map((row) => row.map((cell) => (cell === '' ? undefined : cell))),
    })),
  );
}
