import Papa from 'papaparse';
import { DesignError } from '../design/index.js';
import { byteChunks } from '../io/byteChunks.js';
import { decodeChunks } from '../io/csv/decodeChunks.js';
import type { CsvEncoding } from '../io/index.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import { createProgress } from './createProgress.js';
import { designText } from './designText.js';
import { fileSize, openFile } from './fileAccess.js';

/** A CSV file read for the design commands: its header and its rows as records of strings. */
export interface DesignCsv {
  fields: string[];
  rows: Record<string, string>[];
}

/**
 * Reads a CSV with a header row: UTF-8 (with or without BOM) or Shift_JIS (Excel's Windows-31J),
 * told apart as `kizuki validate` does unless `encoding` says which; a progress bar on a terminal.
 * Rows the parser cannot read, and columns the command needs but the header lacks, end the
 * command naming the file line or column.
 */
export async function readDesignCsv(
  context: CliContext,
  file: string,
  required: readonly string[],
  encoding: CsvEncoding = 'auto',
): Promise<DesignCsv> {
  const text = await readDecoded(context, file, encoding);
  const words = designText[context.lang];
  // Rows are built here rather than by Papa's header mode, which assigns cells by `row[field] = …`
  // and so loses a column named __proto__, and renames repeated columns.
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true, delimiter: ',' });
  const problem = parsed.errors[0];
  if (problem !== undefined)
    throw new CliFailure(EXIT.invalid, words.badCsv(file, (problem.row ?? 0) + 1, problem.message));
  const [fields = [], ...records] = parsed.data;
  const repeated = fields.find((field, i) => fields.indexOf(field) !== i);
  if (repeated !== undefined) throw new CliFailure(EXIT.invalid, words.repeatedColumn(file, repeated));
  const missing = required.filter((column) => !fields.includes(column));
  if (missing.length > 0) throw new CliFailure(EXIT.invalid, words.missingColumns(file, missing.join(', ')));
  // A register of a million people takes seconds more after its bytes are read: count the rows too.
  const progress = createProgress(context.io, context.text.progress.rows, records.length, (done) =>
    context.text.progress.rowsDone(done, records.length),
  );
  try {
    const rows = records.map((cells, i) => {
      // Every 65,536 rows: a file smaller than that is done before a bar would help.
      if (i > 0 && (i & 0xffff) === 0) progress.update(i);
      if (cells.length !== fields.length)
        throw new CliFailure(EXIT.invalid, words.cellCount(file, i + 2, cells.length, fields.length));
      return Object.fromEntries(fields.map((field, j) => [field, cells[j]!]));
    });
    return { fields, rows };
  } finally {
    progress.finish();
  }
}

/** The whole text of a file in its encoding (UTF-16 refused, as for responses). */
async function readDecoded(context: CliContext, file: string, encoding: CsvEncoding): Promise<string> {
  const progress = createProgress(context.io, context.text.progress.reading, await fileSize(context, file));
  try {
    const decoded = await decodeChunks(
      byteChunks(openFile(context, file), (bytes) => progress.update(bytes)),
      encoding,
    );
    if (!decoded.ok) throw new CliFailure(EXIT.invalid, designText[context.lang].utf16(file));
    const parts: string[] = [];
    for await (const chunk of decoded.chunks) parts.push(chunk);
    return parts.join('');
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new CliFailure(EXIT.io, context.text.io.cannotRead(file, detail));
  } finally {
    progress.finish();
  }
}

/** A comma-separated list option (`--strata a,b`), empty when not given. */
export function listOption(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '')
    : [];
}

/**
 * Runs a design function, turning its {@link DesignError} into a failure with every issue on its own
 * line (exit 1): the issues already name the row, stratum or column in the command's language; an
 * issue about one record also gets the file line it came from (data row r is line r + 1).
 */
export function runDesign<T>(context: CliContext, file: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (!(error instanceof DesignError)) throw error;
    const words = designText[context.lang];
    throw new CliFailure(
      EXIT.invalid,
      error.issues
        .map((issue) => {
          const row = issue.path[1];
          const at =
            typeof row === 'number' && (issue.path[0] === 'frame' || issue.path[0] === 'records')
              ? words.at(file, row + 2, row + 1)
              : file;
          return `${at}: ${issue.message}`;
        })
        .join('\n'),
    );
  }
}

/**
 * What a spreadsheet would run as a formula, so it gets a leading `'`; signed numbers such as `-2`
 * are data and stay as they are.
 */
const FORMULA = /^(?:[=@\t\r]|[+-](?!\d+(?:\.\d+)?$))/;

/** Writes records as CSV text with the given columns, in that order, formulas defused. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return `${Papa.unparse({ fields: [...columns], data: rows.map((row) => columns.map((c) => (Object.hasOwn(row, c) ? row[c] : ''))) }, { newline: '\n', escapeFormulae: FORMULA })}\n`;
}

/** Display width: full-width characters take two columns, so Japanese labels line up. */
const displayWidth = (text: string) =>
  [...text].reduce((w, ch) => w + (/[\u1100-\uffdc]/.test(ch) ? 2 : 1), 0);

/** Lines up a table for the terminal: the first column to the left, the others (numbers) to the right. */
export function alignTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => displayWidth(row[i] ?? ''))));
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const gap = ' '.repeat(widths[i]! - displayWidth(cell));
          return i === 0 ? cell + gap : gap + cell;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
