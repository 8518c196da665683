import { createReadStream } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { csvRecords } from '../io/csv/readResponsesCsv.js';
import type { CsvEncoding } from '../io/index.js';
import type { Issue, Survey } from '../schema/index.js';
import { type AggregateState, type AggregatorOptions, createAggregator } from '../scoring/index.js';
import { compileFastRows } from './compileFastRows.js';
import { createTimeReader } from './createTimeReader.js';
import { READ_CHUNK_BYTES } from './fileAccess.js';
import { validateWhenNeeded } from './validateWhenNeeded.js';
import { idHashes } from './waveIds.js';

/** What a report worker is given: one slice of a CSV file and how to tally it. */
export interface ReportWorkerData {
  /** The URL of the built `cli.js` that the worker loads. */
  entry: string;
  file: string;
  start: number;
  end: number;
  /** Column names for slices after the first; the first slice reads its own header. */
  columns?: string[];
  /** The file's line break, for slices after the first. */
  newline?: '\r\n' | '\n';
  firstLine: number;
  survey: Survey;
  encoding: CsvEncoding;
  settings: AggregatorOptions & { locale: 'ja' | 'en' };
  maxShown: number;
  /** Also sum the submission times of the accepted responses (a wave's date, see readWave). */
  times?: boolean;
  /** The main thread's seeds for {@link idHashes}, so that the hashes of every slice match. */
  idSeeds: readonly [number, number];
}

/** A rejected row or a problem of the file, as a worker reports it. */
export type WorkerProblem =
  | { kind: 'rejected'; line: number; row: number; issues: Issue[] }
  | { kind: 'file'; line: number; fatal: boolean; issues: Issue[] };

/** Messages from a report worker. */
export type ReportWorkerMessage =
  | { type: 'progress'; bytes: number }
  | {
      type: 'done';
      state: AggregateState;
      rows: number;
      rejected: number;
      blank: number;
      /** Problems in file order; rejected rows at most `maxShown`. */
      problems: WorkerProblem[];
      /** Respondent ids of the accepted responses joined by NUL, for finding duplicates across slices. */
      ids: string;
      /** Two hashes per id of `ids` ({@link idHashes}), made here so that the main thread need not. */
      hashes: Int32Array;
      /** Sum of the accepted responses' submission times (ms) and how many had one; 0 unless asked. */
      timeSum: number;
      timed: number;
    }
  | { type: 'error'; message: string };

/**
 * The body of a worker thread of `kizuki report`: reads one slice of a CSV file, checks each row,
 * and sends back the aggregate's mergeable state. Exported from the built module only so that
 * worker threads can load it; not for other use.
 */
export async function runReportWorker(data: ReportWorkerData, port: MessagePort): Promise<void> {
  try {
    const aggregator = createAggregator(data.survey, data.settings);
    const validate = validateWhenNeeded(data.survey, data.settings.locale);
    const problems: WorkerProblem[] = [];
    const ids: string[] = [];
    let rows = 0;
    let rejected = 0;
    let blank = 0;
    let shown = 0;
    let timeSum = 0;
    let timed = 0;
    const timeOf = createTimeReader();
    const accepted = (respondentId: string, submittedAt: string) => {
      ids.push(respondentId);
      if (data.times) {
        const time = timeOf(submittedAt);
        if (Number.isFinite(time)) {
          timeSum += time;
          timed += 1;
        }
      }
    };
    let lastProgress = 0;
    const records = csvRecords(
      data.survey,
      createReadStream(data.file, { start: data.start, end: data.end - 1, highWaterMark: READ_CHUNK_BYTES }),
      {
        encoding: data.encoding,
        locale: data.settings.locale,
        validate,
        firstLine: data.firstLine,
        ...(data.columns === undefined ? {} : { columns: data.columns, newline: data.newline }),
        onProgress: (bytes) => {
          if (bytes - lastProgress >= 4_000_000) {
            port.postMessage({ type: 'progress', bytes: bytes - lastProgress } satisfies ReportWorkerMessage);
            lastProgress = bytes;
          }
        },
      },
      compileFastRows(data.survey, aggregator, accepted),
    );
    for await (const batch of records) {
      for (const record of batch) {
        if (record.kind === 'tallied') rows += record.rows;
        else if (record.kind === 'response') {
          aggregator.add(record.response);
          rows += 1;
          accepted(record.response.respondentId, record.response.meta.submittedAt);
        } else if (record.kind === 'rejected') {
          rows += 1;
          rejected += 1;
          if (shown < data.maxShown) {
            shown += 1;
            problems.push(record);
          }
        } else if (record.kind === 'blank') {
          rows += 1;
          blank += 1;
        } else {
          problems.push(record);
        }
      }
    }
    const joined = ids.join('\u0000');
    const hashes = idHashes(joined, data.idSeeds);
    const done: ReportWorkerMessage = {
      type: 'done',
      state: aggregator.toJSON(),
      rows,
      rejected,
      blank,
      problems,
      ids: joined,
      hashes,
      timeSum,
      timed,
    };
    port.postMessage(done, [hashes.buffer]);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    port.postMessage({ type: 'error', message } satisfies ReportWorkerMessage);
  }
}
