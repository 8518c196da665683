import type { Issue, SurveyResponse } from '../schema/index.js';

/**
 * What a reader yields, in file order: a response, a rejected row with every reason, a skipped
 * blank row, or a problem of the file as a whole (a `fatal` one ends the reading).
 */
export type ResponseRecord =
  | { kind: 'response'; line: number; row: number; response: SurveyResponse }
  | { kind: 'rejected'; line: number; row: number; issues: Issue[] }
  | { kind: 'blank'; line: number; row: number }
  | { kind: 'file'; line: number; fatal: boolean; issues: Issue[] };

/** A row that was not turned into a response: its line in the file, its data row number and why. */
export interface RejectedRow {
  /** The line of the file where the row starts (1 = the first line). */
  line: number;
  /** The data row number (1 = the first row after the header, or the first line of JSON Lines). */
  row: number;
  issues: Issue[];
}

/** A problem of the file as a whole, such as ignored columns (a notice) or an unreadable header (fatal). */
export interface FileIssue {
  line: number;
  fatal: boolean;
  issue: Issue;
}

/** Everything a reader found: accepted responses, and an account of every other row. */
export interface ReadResponsesResult {
  responses: SurveyResponse[];
  rejected: RejectedRow[];
  /** Lines of rows with no values at all, which are skipped. */
  blankLines: number[];
  fileIssues: FileIssue[];
  /** Data rows seen: responses + rejected + blank. */
  rows: number;
}

/** Checks a mapped response, e.g. the validator of `createResponseValidator` from `kizuki/validate`. */
export type ResponseCheck = (
  response: SurveyResponse,
) => { success: true } | { success: false; issues: Issue[] };

/**
 * A reader of responses: iterate it with `for await` to stream, or `collect()` everything.
 * It can be consumed once.
 */
export interface ResponseReader extends AsyncIterable<ResponseRecord> {
  /**
   * The same records, in the same order, a batch at a time: one `await` per batch instead of one
   * per record, which counts when a file has a million rows.
   *
   * @example
   * ```ts
   * for await (const batch of readResponsesCsv(survey, createReadStream('responses.csv')).batches())
   *   for (const record of batch) if (record.kind === 'response') aggregator.add(record.response);
   * ```
   */
  batches(): AsyncIterable<ResponseRecord[]>;
  /** Reads to the end and gathers the responses and the account of every other row. */
  collect(): Promise<ReadResponsesResult>;
}

/**
 * Wraps a generator of records, or of batches of records (in file order), as a
 * {@link ResponseReader}.
 */
export function createResponseReader(
  source: (() => AsyncGenerator<ResponseRecord>) | { batches: () => AsyncGenerator<ResponseRecord[]> },
): ResponseReader {
  let used = false;
  const claim = () => {
    if (used) throw new Error('A response reader can be consumed only once');
    used = true;
  };
  const records = (): AsyncGenerator<ResponseRecord> => {
    claim();
    return typeof source === 'function' ? source() : flatten(source.batches());
  };
  const batches = (): AsyncIterable<ResponseRecord[]> => {
    claim();
    return typeof source === 'function' ? singly(source()) : source.batches();
  };
  return {
    [Symbol.asyncIterator]: records,
    batches,
    async collect() {
      const result: ReadResponsesResult = {
        responses: [],
        rejected: [],
        blankLines: [],
        fileIssues: [],
        rows: 0,
      };
      for await (const batch of batches()) {
        for (const record of batch) {
          switch (record.kind) {
            case 'response':
              result.responses.push(record.response);
              result.rows += 1;
              break;
            case 'rejected':
              result.rejected.push({ line: record.line, row: record.row, issues: record.issues });
              result.rows += 1;
              break;
            case 'blank':
              result.blankLines.push(record.line);
              result.rows += 1;
              break;
            case 'file':
              for (const issue of record.issues) {
                result.fileIssues.push({ line: record.line, fatal: record.fatal, issue });
              }
              break;
          }
        }
      }
      return result;
    },
  };
}

async function* flatten(batches: AsyncGenerator<ResponseRecord[]>): AsyncGenerator<ResponseRecord> {
  for await (const batch of batches) yield* batch;
}

async function* singly(records: AsyncGenerator<ResponseRecord>): AsyncGenerator<ResponseRecord[]> {
  for await (const record of records) yield [record];
}
