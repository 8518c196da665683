import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CsvEncoding, ResponseRecord } from '../io/index.js';
import type { Survey } from '../schema/index.js';
import { type Aggregator, type AggregatorOptions, createAggregator } from '../scoring/index.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import { createProgress } from './createProgress.js';
import { fileSize, openFile, resolvePath } from './fileAccess.js';
import { type FileCuts, findCuts } from './findCuts.js';
import { createProblemPrinter, type ReadTally } from './readResponseFile.js';
import type { ReportWorkerData, ReportWorkerMessage } from './reportWorker.js';
import { hashesMeet, ID_HASH_SEEDS, joinedWaveIds, type WaveIds } from './waveIds.js';

/** Files smaller than this are read in one thread: starting workers would cost more than it saves. */
const PARALLEL_FROM_BYTES = 16_000_000;
const MAX_JOBS = 4;

// Runs in each worker: loads the built module and hands over to runReportWorker.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
import(workerData.entry)
  .then((m) => m.runReportWorker(workerData, parentPort))
  .catch((e) => parentPort.postMessage({ type: 'error', message: String((e && e.stack) || e) }));
`;

/**
 * Reads a large CSV file in worker threads: the file is cut into slices at line ends outside
 * quoted cells, each worker checks and aggregates its slice, and the mergeable states are merged —
 * the same result as one pass. Returns undefined (read it in one thread) when the file is small,
 * only one job is wanted, the built module is not known, or the same respondent id turns up in two
 * slices (only a single pass can tell which occurrence comes first). Also gives the accepted
 * respondents' ids and, with `times`, their mean submission time (null when none has one).
 */
export async function readInParallel(
  context: CliContext,
  survey: Survey,
  file: string,
  options: {
    encoding: CsvEncoding;
    settings: AggregatorOptions & { locale: 'ja' | 'en' };
    maxShown: number;
    jobs: number | undefined;
    times?: boolean;
  },
): Promise<{ aggregator: Aggregator; tally: ReadTally; ids: WaveIds; time: number | null } | undefined> {
  const entry = context.io.workerEntry;
  const size = await fileSize(context, file);
  const jobs = Math.min(options.jobs ?? Math.min(availableParallelism(), MAX_JOBS), MAX_JOBS * 4);
  if (entry === undefined || jobs < 2 || (options.jobs === undefined && size < PARALLEL_FROM_BYTES))
    return undefined;

  let found: FileCuts;
  try {
    found = await findCuts(openFile(context, file), size, jobs);
  } catch (error) {
    throw new CliFailure(
      EXIT.io,
      context.text.io.cannotRead(file, error instanceof Error ? error.message : String(error)),
    );
  }
  const { cuts, lines, header, newline } = found;
  if (cuts.length < 3) return undefined;
  context.err(context.text.lines.parallel(cuts.length - 1));
  const progress = createProgress(context.io, context.text.progress.reading, size);
  let read = 0;
  const slices = cuts.slice(0, -1).map((start, k) => {
    const data: ReportWorkerData = {
      entry,
      file: resolvePath(context, file),
      start,
      end: cuts[k + 1]!,
      firstLine: lines[k]!,
      survey,
      encoding: options.encoding,
      settings: options.settings,
      maxShown: options.maxShown,
      times: options.times === true,
      idSeeds: ID_HASH_SEEDS,
      ...(k === 0 ? {} : { columns: header, newline }),
    };
    return runWorker(data, (bytes) => {
      read += bytes;
      progress.update(read);
    });
  });
  let results: Extract<ReportWorkerMessage, { type: 'done' }>[];
  try {
    results = await Promise.all(slices);
  } finally {
    progress.finish();
  }

  // A slice's own ids are unique (it rejects its repeats). Whether an id is in two slices is asked
  // of hashes first (tens of ms for 1,000,000 ids, made by the workers); only when they meet are
  // the ids compared.
  const lists = results.map((result) => result.ids);
  const hashes = results.map((result) => result.hashes);
  if (hashesMeet(hashes)) {
    const seen = new Set<string>();
    for (const list of lists) {
      if (list === '') continue;
      const ids = list.split('\u0000');
      const expected = seen.size + ids.length;
      for (const id of ids) seen.add(id);
      if (seen.size !== expected) {
        context.err(context.text.lines.duplicateAcross);
        return undefined;
      }
    }
  }

  const aggregator = createAggregator(survey, options.settings);
  const tally: ReadTally = { rows: 0, valid: 0, rejected: 0, blank: 0, fatal: false };
  const printer = createProblemPrinter(context, file, { problemsTo: 'stderr', maxShown: options.maxShown });
  let hidden = 0;
  let timeSum = 0;
  let timed = 0;
  results.forEach((result, k) => {
    timeSum += result.timeSum;
    timed += result.timed;
    aggregator.merge(result.state);
    for (const problem of result.problems) {
      // Later slices repeat the header problems of the first; their rows are numbered from their own start.
      if (problem.kind === 'file' && k > 0) continue;
      if (problem.kind === 'file' && problem.fatal) tally.fatal = true;
      const record: ResponseRecord =
        problem.kind === 'rejected' ? { ...problem, row: problem.row + tally.rows } : problem;
      printer.print(record);
    }
    hidden += result.rejected - result.problems.filter((p) => p.kind === 'rejected').length;
    tally.rows += result.rows;
    tally.rejected += result.rejected;
    tally.blank += result.blank;
  });
  tally.valid = tally.rows - tally.rejected - tally.blank;
  printer.finish(tally, hidden);
  return { aggregator, tally, ids: joinedWaveIds(lists, hashes), time: timed === 0 ? null : timeSum / timed };
}

function runWorker(
  data: ReportWorkerData,
  onProgress: (bytes: number) => void,
): Promise<Extract<ReportWorkerMessage, { type: 'done' }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: data });
    worker.on('message', (message: ReportWorkerMessage) => {
      if (message.type === 'progress') onProgress(message.bytes);
      else if (message.type === 'done') {
        resolve(message);
        void worker.terminate();
      } else {
        reject(new Error(message.message));
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`worker exited with code ${code}`));
    });
  });
}
