import Papa from 'papaparse';

/** One parsed row: its cells, and the parser's complaint about it if it is malformed. */
export interface CsvRow {
  cells: string[];
  problem?: 'quote_not_closed' | 'csv_syntax';
  detail?: string;
  /** True when the rest of the input could not be read (a quote never closed within the limit). */
  gaveUp?: boolean;
}

/**
 * A row may not grow past this many characters while its end is sought. Beyond it a quote is taken
 * as never closed; otherwise an early stray quote would make each chunk re-read all that follows it.
 */
const MAX_PENDING_ROW = 16 * 1024 * 1024;

/**
 * Splits decoded CSV text, arriving in chunks, into rows with Papa Parse (RFC 4180, relaxed about
 * stray quotes). Complete rows of each chunk are parsed at once; the unfinished last row is carried
 * into the next chunk. The line break (CRLF, LF or CR) is taken from the first line, as Excel writes
 * one kind throughout.
 */
export async function* csvRows(chunks: AsyncIterable<string>): AsyncGenerator<CsvRow> {
  let parser: Papa.Parser | undefined;
  let pending = '';
  // The unfinished row left by the last parse. It is parsed again only once the text has doubled,
  // so that a long quoted cell arriving in many small chunks costs linear, not quadratic, time.
  let unfinished = 0;
  for await (const chunk of chunks) {
    pending += chunk;
    if (pending.length < 2 * unfinished && pending.length <= MAX_PENDING_ROW) continue;
    if (parser === undefined) {
      const newline = lineBreakOf(pending);
      if (newline === undefined) continue;
      parser = new Papa.Parser({ delimiter: ',', newline });
    }
    const result = parser.parse(pending, 0, true) as Papa.ParseResult<string[]>;
    yield* withProblems(result);
    pending = pending.slice(result.meta.cursor);
    unfinished = pending.length;
    if (pending.length > MAX_PENDING_ROW) {
      yield { cells: [pending.slice(0, 200)], problem: 'quote_not_closed', gaveUp: true };
      return;
    }
  }
  if (pending.length === 0) return;
  parser ??= new Papa.Parser({ delimiter: ',', newline: lineBreakOf(`${pending}\n`) ?? '\n' });
  // Complete rows first, so that a final line break does not add an empty row after them.
  const complete = parser.parse(pending, 0, true) as Papa.ParseResult<string[]>;
  yield* withProblems(complete);
  const last = pending.slice(complete.meta.cursor);
  if (last.length > 0) yield* withProblems(parser.parse(last, 0, false) as Papa.ParseResult<string[]>);
}

function* withProblems(result: Papa.ParseResult<string[]>): Generator<CsvRow> {
  const problems = new Map<number, Papa.ParseError>();
  // A row may have several complaints; an unclosed quote matters most, as it swallows what follows.
  for (const error of result.errors)
    if (error.row !== undefined && (!problems.has(error.row) || error.code === 'MissingQuotes'))
      problems.set(error.row, error);
  for (let i = 0; i < result.data.length; i++) {
    const error = problems.get(i);
    if (error === undefined) yield { cells: result.data[i]! };
    else if (error.code === 'MissingQuotes') yield { cells: result.data[i]!, problem: 'quote_not_closed' };
    else yield { cells: result.data[i]!, problem: 'csv_syntax', detail: error.message };
  }
}

function lineBreakOf(text: string): '\r\n' | '\n' | '\r' | undefined {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (lf < 0 && cr < 0) return undefined;
  if (lf < 0 || (cr >= 0 && cr + 1 < lf)) return cr === text.length - 1 ? undefined : '\r';
  return cr === lf - 1 ? '\r\n' : '\n';
}
