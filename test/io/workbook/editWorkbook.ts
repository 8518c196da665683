import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readXlsx } from '../../../src/io/workbook/readXlsx.js';
import { type CellValue, writeXlsx } from '../../../src/io/workbook/writeXlsx.js';

const LIMITS = { maxEntries: 1000, maxEntryBytes: 1e8, maxTotalBytes: 1e8, maxRows: 1e5, maxColumns: 256 };

/** Sheets as grids of cells, header row first, as a person editing the workbook sees them. */
export type Grids = Map<string, CellValue[][]>;

/** Reads a workbook into grids, lets `edit` change them, and writes it again as the kizuki writer would. */
export function editWorkbook(bytes: Uint8Array, edit: (grids: Grids) => void): Uint8Array {
  const grids: Grids = new Map();
  for (const sheet of readXlsx(bytes, LIMITS)) {
    const grid: CellValue[][] = [];
    for (const [r, cells] of sheet.rows) {
      const row: CellValue[] = [];
      grid[r] = row;
      for (const [c, cell] of cells)
        row[c] = cell.kind === 'value' ? (cell.value as string | number) : undefined;
    }
    grids.set(
      sheet.name,
      Array.from(grid, (row) => row ?? []),
    );
  }
  edit(grids);
  return writeXlsx(
    [...grids].map(([name, [header = [], ...rows]]) => ({
      name,
      columns: header.map((h) => ({ header: String(h ?? ''), note: '', width: 10 })),
      rows,
    })),
  );
}

/** The column index of a header in a grid. */
export function column(grid: CellValue[][], header: string): number {
  const index = grid[0]!.indexOf(header);
  if (index === -1) throw new Error(`no column ${header}`);
  return index;
}

/** Rewrites one part of the zip archive as text. */
export function patchPart(bytes: Uint8Array, name: string, patch: (xml: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  files[name] = strToU8(patch(files[name] ? strFromU8(files[name]) : ''));
  return zipSync(files);
}
