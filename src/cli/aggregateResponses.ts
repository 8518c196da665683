import type { CsvEncoding } from '../io/index.js';
import type { Survey } from '../schema/index.js';
import { type Aggregator, createAggregator } from '../scoring/index.js';
import type { CliContext } from './cliContext.js';
import { compileFastRows } from './compileFastRows.js';
import { readInParallel } from './readInParallel.js';
import { type ReadTally, readResponseFile, responseFormat } from './readResponseFile.js';
import { validateWhenNeeded } from './validateWhenNeeded.js';

const MAX_SHOWN = 100;

/** What reading a responses file into an aggregator found. */
export type AggregateTally = Pick<ReadTally, 'rows' | 'rejected' | 'blank' | 'fatal'>;

/**
 * Reads, checks and tallies a responses file (CSV in worker threads when it is large, otherwise in
 * this thread); problems go to standard error. Shared by `report` and `aggregate`.
 */
export async function aggregateResponses(
  context: CliContext,
  survey: Survey,
  file: string,
  options: { encoding: CsvEncoding; by: string[]; minGroupSize: number; jobs: number | undefined },
): Promise<{ aggregator: Aggregator; tally: AggregateTally }> {
  const format = responseFormat(context, file);
  const settings = { by: options.by, minGroupSize: options.minGroupSize, locale: context.lang } as const;
  const parallel =
    format === 'csv'
      ? await readInParallel(context, survey, file, {
          encoding: options.encoding,
          settings,
          maxShown: MAX_SHOWN,
          jobs: options.jobs,
        })
      : undefined;
  if (parallel !== undefined) return parallel;
  const aggregator = createAggregator(survey, settings);
  const validate = validateWhenNeeded(survey, context.lang);
  const tally = await readResponseFile(context, survey, file, {
    encoding: options.encoding,
    validate,
    onResponse: (response) => aggregator.add(response),
    fast: compileFastRows(survey, aggregator),
    problemsTo: 'stderr',
    maxShown: MAX_SHOWN,
  });
  return { aggregator, tally };
}
