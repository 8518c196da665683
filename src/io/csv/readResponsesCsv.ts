import { Buffer } from 'node:buffer';
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
import { type CsvBatch, createCsvRowParser } from './createCsvRowParser.js';
import { createIdLines, type IdLines } from './createIdLines.js';
import { createRowMapper, type MetaDefaults, type RowMapper } from './createRowMapper.js';
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
  /**
   * The file's line break, when known: for a slice (with `columns`), as the file's header ends.
   * Without it the break is taken from the first line, which must then go through the parser (in
   * a slice, a line feed inside a quoted cell there could be mistaken for the break).
   */
  newline?: '\r\n' | '\n';
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
/**
 * Rows in a run that a {@link FastRows} check accepted and tallied at once, without response
 * objects (the check gives each one's id and time to its own callback).
 */
export interface TalliedRecord {
  kind: 'tallied';
  rows: number;
}

/**
 * Tallies a row straight from its UTF-8 bytes — `bytes[start, end)`, one line without its line
 * break — when a compiled check shows that the full path would accept it and tally it the same;
 * returns false (the row takes the full path) otherwise.
 */
export type FastRow = (bytes: Buffer, start: number, end: number, line: number) => boolean;

/**
 * Compiles a {@link FastRow} for a header; `seenIds` is the row mapper's map of respondent ids, so
 * that first occurrences count in file order on both paths. Undefined: no fast path for this header.
 */
export type FastRows = (header: readonly string[], seenIds: IdLines) => FastRow | undefined;

/** A line longer than this is handed to the parser before its end is found (it is no fast row). */
const MAX_FAST_LINE = 1 << 20;

/**
 * The records of a CSV file, in batches. With `fast`, byte input is read line by line: a line the
 * check accepts is tallied at once, without being decoded or parsed, and counted in a
 * {@link TalliedRecord}; every other line, and every line while a quoted cell is open, goes to the parser as text.
 * A batch holding a response is handed over before the next fast row is tallied, so that the
 * consumer adds it first and rows are tallied in file order.
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
  const source = byteChunks(input, options.onProgress);
  const encoding = options.encoding ?? 'auto';
  const decoded =
    fast === undefined ? await decodeChunks(source, encoding) : await decodeChunks(source, encoding, 'utf8');
  if (!decoded.ok) {
    yield [{ kind: 'file', line: 1, fatal: true, issues: [issue('utf16_unsupported')] }];
    return;
  }

  let mapper: RowMapper | undefined;
  let fastRow: FastRow | undefined;
  const seenIds = createIdLines();
  const startMapper = (header: readonly string[]): RowMapper => {
    const made = createRowMapper(survey, header, { ...mapperOptions(options, locale), seenIds });
    if (made.fatal.length === 0) fastRow = fast?.(header, seenIds);
    return made;
  };
  let nextLine = options.firstLine ?? 1;
  let row = 0;
  let batch: (ResponseRecord | TalliedRecord)[] = [];
  // Whether the batch holds a response that its consumer has yet to add.
  let pending = false;
  let done = false;
  if (options.columns) {
    mapper = startMapper(options.columns);
    const header = headerRecord(mapper, nextLine);
    if (header) yield [header];
    if (mapper.fatal.length > 0) return;
  }

  /** Turns parsed rows into records, handing over full batches. */
  function* take(parsed: CsvBatch | undefined): Generator<(ResponseRecord | TalliedRecord)[]> {
    if (parsed === undefined) return;
    const { rows, plain } = parsed;
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
          done = true;
          return;
        }
        continue;
      }
      row += 1;
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
  }

  const parser = createCsvRowParser({ newline: options.newline });
  // Bytes that the parser gets go through one streaming decoder, so a character cut between two
  // pieces is joined; lines end in a line feed, so the decoder holds nothing when a fast line comes.
  const decoder = new TextDecoder('utf-8');
  // The start of a line whose end is in the next chunk.
  let carry: Uint8Array | undefined;

  /** Reads bytes line by line: fast rows are tallied, the rest goes to the parser. */
  function* lines(bytes: Buffer): Generator<(ResponseRecord | TalliedRecord)[]> {
    let at = 0;
    while (at < bytes.length && !done && !parser.gaveUp) {
      // Line by line while a fast path may come (the header decides) and lines end in a line feed.
      const byLine =
        fast !== undefined && parser.newline !== '\r' && (mapper === undefined || fastRow !== undefined);
      let lf = byLine ? bytes.indexOf(0x0a, at) : -1;
      if (lf < 0) {
        if (byLine && bytes.length - at <= MAX_FAST_LINE) carry = bytes.subarray(at);
        else yield* take(parser.push(decoder.decode(bytes.subarray(at), { stream: true })));
        return;
      }
      if (parser.open) {
        // A quoted cell is open: the lines go to the parser in one piece, up to the first line end
        // where the quotes balance (or the chunk's last line end), as no earlier one can end the
        // row. One piece per line made a file of millions of short lines inside one open quote
        // four times as slow.
        let odd = true;
        for (let quote = bytes.indexOf(0x22, at); ; ) {
          while (quote >= 0 && quote < lf) {
            odd = !odd;
            quote = bytes.indexOf(0x22, quote + 1);
          }
          const next = odd ? bytes.indexOf(0x0a, lf + 1) : -1;
          if (next < 0) break;
          lf = next;
        }
      }
      if (fastRow !== undefined && parser.idle && parser.newline !== undefined) {
        if (pending) {
          yield batch;
          batch = [];
          pending = false;
        }
        // In a CRLF file a lone line feed is inside a cell: such a line is left to the parser.
        const end = parser.newline === '\n' ? lf : bytes[lf - 1] === 0x0d && lf > at ? lf - 1 : -1;
        if (end >= 0 && fastRow(bytes, at, end, nextLine)) {
          const last = batch[batch.length - 1];
          if (last?.kind === 'tallied') last.rows += 1;
          else batch.push({ kind: 'tallied', rows: 1 });
          row += 1;
          nextLine += 1;
          at = lf + 1;
          continue;
        }
      }
      yield* take(parser.push(decoder.decode(bytes.subarray(at, lf + 1), { stream: true })));
      at = lf + 1;
    }
  }

  for await (const chunk of decoded.chunks) {
    if (typeof chunk === 'string') yield* take(parser.push(chunk));
    else {
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (carry === undefined) yield* lines(bytes);
      else {
        // The carried start of a line is joined with the line's end, not with the whole chunk.
        const lf = bytes.indexOf(0x0a);
        const joined = Buffer.concat([carry, lf < 0 ? bytes : bytes.subarray(0, lf + 1)]);
        carry = undefined;
        yield* lines(joined);
        if (lf >= 0) yield* lines(bytes.subarray(lf + 1));
      }
    }
    if (done || parser.gaveUp) break;
  }
  if (!done && !parser.gaveUp) {
    if (carry !== undefined) yield* take(parser.push(decoder.decode(carry, { stream: true })));
    const tail = decoder.decode();
    if (tail.length > 0 && !done) yield* take(parser.push(tail));
    if (!done) yield* take(parser.end());
  }
  if (batch.length > 0) yield batch;
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
