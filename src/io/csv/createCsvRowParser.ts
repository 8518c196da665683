import Papa from 'papaparse';

/** One parsed row: its cells, and the parser's complaint about it if it is malformed. */
export interface CsvRow {
  cells: string[];
  problem?: 'quote_not_closed' | 'csv_syntax';
  detail?: string;
  /** True when the rest of the input could not be read (a quote never closed within the limit). */
  gaveUp?: boolean;
}

/** The rows parsed from one stretch of text, in order. */
export interface CsvBatch {
  rows: CsvRow[];
  /**
   * True when no cell of these rows holds a line feed, so each row is one line of the file and
   * the reader need not look into the cells to count lines.
   */
  plain: boolean;
}

/**
 * A row may not grow past this many characters while its end is sought. Beyond it a quote is taken
 * as never closed; otherwise an early stray quote would make each chunk re-read all that follows it.
 */
const MAX_PENDING_ROW = 16 * 1024 * 1024;

/** A CSV parser fed text piece by piece (see {@link createCsvRowParser}). */
export interface CsvRowParser {
  /** Adds text and parses the rows it completes; undefined when none is complete yet. */
  push(text: string): CsvBatch | undefined;
  /** Parses what is left at the end of the input. */
  end(): CsvBatch | undefined;
  /** True when no part of a row is waiting: the next text starts a new row. */
  readonly idle: boolean;
  /**
   * True when the text waiting holds an odd number of quotes: a quoted cell is open, and only text
   * with a quote in it can close it.
   */
  readonly open: boolean;
  /** The line break, once the first line has been seen. */
  readonly newline: '\r\n' | '\n' | '\r' | undefined;
  /** True once a quote was never closed within the limit: nothing after it can be read. */
  readonly gaveUp: boolean;
}

/**
 * Splits decoded CSV text, arriving in pieces, into rows with Papa Parse (RFC 4180, relaxed about
 * stray quotes). The complete rows of each piece are parsed at once and given as one batch; the
 * unfinished last row is carried into the next piece. The line break (CRLF, LF or CR) is taken
 * from the first line, as Excel writes one kind throughout, unless it is given (for text that
 * starts after the header of its file).
 */
export function createCsvRowParser(options: { newline?: '\r\n' | '\n' | undefined } = {}): CsvRowParser {
  let newline: '\r\n' | '\n' | '\r' | undefined = options.newline;
  let parser = newline === undefined ? undefined : new Papa.Parser({ delimiter: ',', newline });
  let pending = '';
  let gaveUp = false;
  // The unfinished row left by the last parse. It is parsed again once the text has doubled, so
  // that a long quoted cell arriving in many small pieces costs linear, not quadratic, time; or
  // sooner, when its quotes are balanced (so it may be complete) and the parsing done early so far
  // stays within twice the text pushed.
  let unfinished = 0;
  let oddQuotes = false;
  let credit = 0;
  return {
    push(text) {
      if (gaveUp) return undefined;
      pending += text;
      for (let at = text.indexOf('"'); at >= 0; at = text.indexOf('"', at + 1)) oddQuotes = !oddQuotes;
      credit += 2 * text.length;
      if (pending.length < 2 * unfinished && pending.length <= MAX_PENDING_ROW) {
        if (oddQuotes || pending.length > credit) return undefined;
        credit -= pending.length;
      }
      if (parser === undefined) {
        newline = lineBreakOf(pending);
        if (newline === undefined) return undefined;
        parser = new Papa.Parser({ delimiter: ',', newline });
      }
      const result = parser.parse(pending, 0, true) as Papa.ParseResult<string[]>;
      const rows = withProblems(result);
      // Every complete row ends in a line break; any further line feed is inside a cell.
      const plain =
        result.errors.length === 0 &&
        lineFeeds(pending, result.meta.cursor) === (newline === '\r' ? 0 : rows.length);
      pending = pending.slice(result.meta.cursor);
      unfinished = pending.length;
      oddQuotes = false;
      for (let at = pending.indexOf('"'); at >= 0; at = pending.indexOf('"', at + 1)) oddQuotes = !oddQuotes;
      if (pending.length > MAX_PENDING_ROW) {
        gaveUp = true;
        rows.push({ cells: [pending.slice(0, 200)], problem: 'quote_not_closed', gaveUp: true });
        pending = '';
        return { rows, plain: false };
      }
      return rows.length > 0 ? { rows, plain } : undefined;
    },
    end() {
      if (gaveUp || pending.length === 0) return undefined;
      parser ??= new Papa.Parser({ delimiter: ',', newline: lineBreakOf(`${pending}\n`) ?? '\n' });
      // Complete rows first, so that a final line break does not add an empty row after them.
      const complete = parser.parse(pending, 0, true) as Papa.ParseResult<string[]>;
      const rows = withProblems(complete);
      const last = pending.slice(complete.meta.cursor);
      if (last.length > 0)
        rows.push(...withProblems(parser.parse(last, 0, false) as Papa.ParseResult<string[]>));
      pending = '';
      return rows.length > 0 ? { rows, plain: false } : undefined;
    },
    get idle() {
      return pending.length === 0;
    },
    get open() {
      return oddQuotes;
    },
    get newline() {
      return newline;
    },
    get gaveUp() {
      return gaveUp;
    },
  };
}

function withProblems(result: Papa.ParseResult<string[]>): CsvRow[] {
  const rows: CsvRow[] = new Array(result.data.length);
  for (let i = 0; i < result.data.length; i++) rows[i] = { cells: result.data[i]! };
  // A row may have several complaints; an unclosed quote matters most, as it swallows what follows.
  for (const error of result.errors) {
    const row = error.row === undefined ? undefined : rows[error.row];
    if (row === undefined || row.problem === 'quote_not_closed') continue;
    if (error.code === 'MissingQuotes') {
      row.problem = 'quote_not_closed';
      delete row.detail;
    } else if (row.problem === undefined) {
      row.problem = 'csv_syntax';
      row.detail = error.message;
    }
  }
  return rows;
}

/** Line feeds in the first `end` characters of `text`. */
function lineFeeds(text: string, end: number): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

function lineBreakOf(text: string): '\r\n' | '\n' | '\r' | undefined {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (lf < 0 && cr < 0) return undefined;
  if (lf < 0 || (cr >= 0 && cr + 1 < lf)) return cr === text.length - 1 ? undefined : '\r';
  return cr === lf - 1 ? '\r\n' : '\n';
}
