import type { Issue, MessageLocale } from '../../core/issue.js';
import { createIssue } from '../../core/issue.js';
import type { Survey } from '../../schema/index.js';
import { byteChunks, type ResponseInput } from '../byteChunks.js';
import { ioMessages } from '../messages.js';
import {
  createResponseReader,
  type ResponseCheck,
  type ResponseReader,
  type ResponseRecord,
} from '../responseReader.js';
import { createRowMapper, type MetaDefaults, type RowMapper } from './createRowMapper.js';
import { csvRows } from './csvRows.js';
import { type CsvEncoding, decodeChunks } from './decodeChunks.js';

/** Options of {@link readResponsesCsv}. */
export interface ReadResponsesCsvOptions {
  /** `auto` (default) tells UTF-8 (with or without BOM) from Shift_JIS by the first 64 KiB. */
  encoding?: CsvEncoding;
  /** Language of issue messages. Default `ja`. */
  locale?: MessageLocale;
  /** Checks each mapped response; its issues reject the row. Pass `createResponseValidator(survey)`. */
  validate?: ResponseCheck;
  /** Metadata for files without `locale`, `startedAt`, `submittedAt` or `seed` columns. Times default to now. */
  defaults?: MetaDefaults;
  /** Called as input is consumed, with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /**
   * For reading a slice of a larger file that starts after its header: the header's column names.
   * Without it, the first row is the header.
   */
  columns?: readonly string[];
  /** The line number of the input's first line, for slices. Default 1. */
  firstLine?: number;
}

/**
 * Reads a wide response CSV — as written by {@link responsesToCsv}, by Excel in UTF-8 (with or
 * without BOM) or Shift_JIS, or typed by hand — streaming it through Papa Parse. Cells may hold codes
 * or labels (Japanese or English); a multiple-choice or ranking question may also be one column
 * listing codes or labels separated by `;`. Every row ends up in the result: as a response, as
 * rejected with its line, row number and every reason, or as a skipped blank row. Problems of the
 * whole file (ignored or missing columns, an unreadable header) are reported once.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * const { responses, rejected } = await readResponsesCsv(survey, createReadStream('responses.csv')).collect();
 * for (const row of rejected) console.log(`line ${row.line}:`, row.issues.map((i) => i.message).join('; '));
 * ```
 */
export function readResponsesCsv(
  survey: Survey,
  input: ResponseInput,
  options: ReadResponsesCsvOptions = {},
): ResponseReader {
  return createResponseReader({
    batches: () => csvRecords(survey, input, options) as AsyncGenerator<ResponseRecord[]>,
  });
}

/**
 * Records in batches of at most this many: one await per batch. Kept small, as responses held in a
 * batch live through minor garbage collections: with 256 the worker threads were 20–70% slower.
 */
const BATCH = 16;

/** A row that a {@link FastRows} check accepted and tallied at once, without a response object. */
export interface TalliedRecord {
  kind: 'tallied';
  line: number;
  row: number;
  /** A copy, not a slice of the parser's chunk. */
  respondentId: string;
  submittedAt: string;
}

/**
 * Tallies a row straight from its cells when a compiled check shows that the full path would
 * accept it and tally it the same; returns undefined (the row takes the full path) otherwise.
 */
export type FastRow = (cells: readonly string[], line: number, row: number) => TalliedRecord | undefined;

/**
 * Compiles a {@link FastRow} for a header; `seenIds` is the row mapper's map of respondent ids, so
 * that first occurrences count in file order on both paths. Undefined: no fast path for this header.
 */
export type FastRows = (header: readonly string[], seenIds: Map<string, number>) => FastRow | undefined;

/**
 * The records of a CSV file, in batches. With `fast`, rows its check accepts are tallied while
 * being read and come as {@link TalliedRecord}s; a batch holding a response is handed over before
 * the next fast row is tallied, so that the consumer adds it first and rows are tallied in file order.
 */
export async function* csvRecords(
  survey: Survey,
  input: ResponseInput,
  options: ReadResponsesCsvOptions,
  fast?: FastRows,
): AsyncGenerator<(ResponseRecord | TalliedRecord)[]> {
  const locale = options.locale ?? 'ja';
  const issue = (code: keyof typeof ioMessages, params?: Record<string, unknown>): Issue =>
    createIssue(ioMessages, code, [], locale, params);
  const decoded = await decodeChunks(byteChunks(input, options.onProgress), options.encoding ?? 'auto');
  if (!decoded.ok) {
    yield [{ kind: 'file', line: 1, fatal: true, issues: [issue('utf16_unsupported')] }];
    return;
  }

  let mapper: RowMapper | undefined;
  let fastRow: FastRow | undefined;
  const seenIds = new Map<string, number>();
  const startMapper = (header: readonly string[]): RowMapper => {
    const made = createRowMapper(survey, header, { ...mapperOptions(options, locale), seenIds });
    if (made.fatal.length === 0) fastRow = fast?.(header, seenIds);
    return made;
  };
  let nextLine = options.firstLine ?? 1;
  let row = 0;
  if (options.columns) {
    mapper = startMapper(options.columns);
    const header = headerRecord(mapper, nextLine);
    if (header) yield [header];
    if (mapper.fatal.length > 0) return;
  }

  for await (const { rows, plain } of csvRows(decoded.chunks)) {
    let batch: (ResponseRecord | TalliedRecord)[] = [];
    // Whether the batch holds a response that its consumer has yet to add.
    let pending = false;
    for (const { cells, problem, detail } of rows) {
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
        pending = false;
      }
      const line = nextLine;
      nextLine += plain ? 1 : 1 + embeddedLineBreaks(cells);
      if (problem !== undefined) {
        row += 1;
        const reason = problem === 'csv_syntax' ? issue('csv_syntax', { detail }) : issue('quote_not_closed');
        batch.push({ kind: 'rejected', line, row, issues: [reason] });
        continue;
      }
      if (mapper === undefined) {
        mapper = startMapper(cells);
        const header = headerRecord(mapper, line);
        if (header) batch.push(header);
        if (mapper.fatal.length > 0) {
          yield batch;
          return;
        }
        continue;
      }
      row += 1;
      if (fastRow !== undefined) {
        if (pending) {
          yield batch;
          batch = [];
          pending = false;
        }
        const tallied = fastRow(cells, line, row);
        if (tallied !== undefined) {
          batch.push(tallied);
          continue;
        }
      }
      const mapped = mapper.map(cells, line);
      if (mapped.kind === 'blank') {
        batch.push({ kind: 'blank', line, row });
      } else if (mapped.kind === 'rejected') {
        batch.push({ kind: 'rejected', line, row, issues: mapped.issues });
      } else {
        const verdict = options.validate?.(mapped.response);
        if (verdict !== undefined && !verdict.success)
          batch.push({ kind: 'rejected', line, row, issues: verdict.issues });
        else {
          batch.push({ kind: 'response', line, row, response: mapped.response });
          pending = true;
        }
      }
    }
    if (batch.length > 0) yield batch;
  }
  if (mapper === undefined) yield [{ kind: 'file', line: 1, fatal: true, issues: [issue('empty_file')] }];
}

function mapperOptions(options: ReadResponsesCsvOptions, locale: MessageLocale) {
  return options.defaults === undefined ? { locale } : { locale, defaults: options.defaults };
}

function headerRecord(mapper: RowMapper, line: number): ResponseRecord | undefined {
  if (mapper.fatal.length > 0) return { kind: 'file', line, fatal: true, issues: mapper.fatal };
  if (mapper.notices.length > 0) return { kind: 'file', line, fatal: false, issues: mapper.notices };
  return undefined;
}

/** Line breaks inside quoted cells (LF and CRLF; a lone CR is not counted as a line). */
function embeddedLineBreaks(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    if (cell.length === 0) continue;
    let at = cell.indexOf('\n');
    while (at >= 0) {
      count += 1;
      at = cell.indexOf('\n', at + 1);
    }
  }
  return count;
}
