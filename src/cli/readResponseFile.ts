import { csvRecords, type FastRows, type TalliedRecord } from '../io/csv/readResponsesCsv.js';
import {
  type CsvEncoding,
  type ResponseCheck,
  type ResponseRecord,
  readResponsesFhir,
  readResponsesJsonl,
} from '../io/index.js';
import type { Survey, SurveyResponse } from '../schema/index.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import { createProgress } from './createProgress.js';
import { fileSize, openFile } from './fileAccess.js';
import { formatIssue } from './formatIssue.js';

/** The kind of a responses file, by its extension. */
export function responseFormat(context: CliContext, path: string): 'csv' | 'jsonl' | 'fhir' {
  const lower = path.toLowerCase();
  // With a template given, a .json file of responses is FHIR: a QuestionnaireResponse or a Bundle.
  if (lower.endsWith('.json')) return 'fhir';
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  throw new CliFailure(EXIT.usage, context.text.usage.unknownFileType(path));
}

/** How a file went: rows seen, accepted, rejected, blank, and whether it could be read at all. */
export interface ReadTally {
  rows: number;
  valid: number;
  rejected: number;
  blank: number;
  fatal: boolean;
}

/** Options of {@link readResponseFile}. */
export interface ReadResponseFileOptions {
  encoding: CsvEncoding;
  validate?: ResponseCheck;
  /** Called with each accepted response, in file order. */
  onResponse(response: SurveyResponse): void;
  /** Where problems are listed: standard output for `validate`, standard error otherwise. */
  problemsTo: 'stdout' | 'stderr';
  /** Rows with problems listed at most; the rest are counted. Default: all. */
  maxShown?: number;
  /**
   * A CSV file's fast path (see `compileFastRows`): rows it takes are tallied while read and given
   * to its own callback, not to `onResponse`.
   */
  fast?: FastRows | undefined;
}

/** Opens a responses file as a reader of its format. */
export function openResponses(
  context: CliContext,
  survey: Survey,
  path: string,
  options: {
    encoding: CsvEncoding;
    validate?: ResponseCheck;
    onProgress?: (bytes: number) => void;
    fast?: FastRows | undefined;
  },
): { batches(): AsyncIterable<(ResponseRecord | TalliedRecord)[]> } {
  const input = openFile(context, path);
  const common = {
    locale: context.lang,
    ...(options.validate === undefined ? {} : { validate: options.validate }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };
  const format = responseFormat(context, path);
  if (format === 'csv') {
    const csv = { ...common, encoding: options.encoding };
    return { batches: () => csvRecords(survey, input, csv, options.fast) };
  }
  return format === 'fhir'
    ? readResponsesFhir(survey, input, common)
    : readResponsesJsonl(survey, input, common);
}

/**
 * Reads a responses file to the end, streaming: each accepted response goes to `onResponse`; each
 * rejected row is listed with its file, line, row number, path and reason. Shows a progress bar on
 * a terminal. Fails with exit code 3 when the file cannot be read.
 */
export async function readResponseFile(
  context: CliContext,
  survey: Survey,
  path: string,
  options: ReadResponseFileOptions,
): Promise<ReadTally> {
  const total = await fileSize(context, path);
  const progress = createProgress(context.io, context.text.progress.reading, total);
  const reader = openResponses(context, survey, path, {
    encoding: options.encoding,
    onProgress: (bytes) => progress.update(bytes),
    ...(options.validate === undefined ? {} : { validate: options.validate }),
    ...(options.fast === undefined ? {} : { fast: options.fast }),
  });
  const printer = createProblemPrinter(context, path, options);
  const tally: ReadTally = { rows: 0, valid: 0, rejected: 0, blank: 0, fatal: false };
  try {
    for await (const batch of reader.batches()) {
      for (const record of batch) {
        if (record.kind === 'response') {
          tally.rows += 1;
          tally.valid += 1;
          options.onResponse(record.response);
          continue;
        }
        if (record.kind === 'tallied') {
          tally.rows += record.rows;
          tally.valid += record.rows;
          continue;
        }
        progress.finish();
        if (record.kind === 'rejected') {
          tally.rows += 1;
          tally.rejected += 1;
        } else if (record.kind === 'blank') {
          tally.rows += 1;
          tally.blank += 1;
        } else if (record.fatal) tally.fatal = true;
        printer.print(record);
      }
    }
  } catch (error) {
    progress.finish();
    // A failure the caller raised while taking a response (such as a missing weight) stays as it is.
    if (error instanceof CliFailure) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new CliFailure(EXIT.io, context.text.io.cannotRead(path, detail));
  }
  progress.finish();
  printer.finish(tally);
  return tally;
}

/** Lists problems as they come, up to `maxShown` rows, then a count of the rest. */
export function createProblemPrinter(
  context: CliContext,
  path: string,
  options: { problemsTo: 'stdout' | 'stderr'; maxShown?: number },
) {
  const { text } = context;
  const write = options.problemsTo === 'stdout' ? context.out : context.err;
  const max = options.maxShown ?? Number.POSITIVE_INFINITY;
  let shown = 0;
  let hidden = 0;
  return {
    print(record: ResponseRecord) {
      if (record.kind === 'rejected') {
        if (shown >= max) {
          hidden += 1;
          return;
        }
        shown += 1;
        const at = text.lines.at(path, record.line, record.row);
        for (const issue of record.issues) write(`  ✗ ${at} ${formatIssue(issue)}`);
      } else if (record.kind === 'file') {
        if (record.fatal) context.err(text.lines.fatal(path));
        for (const issue of record.issues) {
          const label = record.fatal ? text.lines.problem : text.lines.notice;
          context.err(
            `  ${record.fatal ? '✗' : '!'} ${label}: ${text.lines.at(path, record.line)} ${formatIssue(issue)}`,
          );
        }
      }
    },
    /** Ends the list; `unseen` counts rejected rows that never reached the printer. */
    finish(tally: ReadTally, unseen = 0) {
      if (hidden + unseen > 0) write(text.lines.moreProblems(hidden + unseen));
      if (tally.blank > 0) context.err(text.lines.blank(tally.blank));
    },
  };
}
