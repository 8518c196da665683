import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CollectStore,
  createPgliteStore,
  createPostgresStore,
  liveResponseRates,
  StoreSchemaError,
} from '../collect/index.js';
import { dispositionRecords } from '../collect/liveResponseRates.js';
import { collectMessages } from '../collect/messages.js';
import type { ResponseRates } from '../design/index.js';
import type { Survey } from '../schema/index.js';
import { type Aggregator, createAggregator } from '../scoring/index.js';
import { createResponseValidator } from '../validate/index.js';
import type { AggregateTally } from './aggregateResponses.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import { resolvePath } from './fileAccess.js';
import { formatIssue } from './formatIssue.js';
import { buildWhoAnswered, createCellTally, type InputsAggregate } from './reportInputs.js';
import { serveText } from './serveText.js';

/** The options that point a command at the collector's store instead of a file. */
export const storeOptions = {
  data: { type: 'string' },
  database: { type: 'string' },
  survey: { type: 'string' },
} as const;

/** Whether the options point at a store (`--data` or `--database`). */
export const readsStore = (values: Record<string, unknown>): boolean =>
  typeof values.data === 'string' || typeof values.database === 'string';

/** Where a store is: the embedded one's folder, or a PostgreSQL connection string. */
export type StoreLocation = { dataDir: string } | { database: string };

/** The store the options name, or undefined when they name none. */
export function storeLocation(
  context: CliContext,
  values: Record<string, unknown>,
  fallbackDataDir?: string,
): StoreLocation | undefined {
  if (typeof values.database === 'string') return { database: values.database };
  const dir = typeof values.data === 'string' ? values.data : fallbackDataDir;
  return dir === undefined ? undefined : { dataDir: resolvePath(context, dir) };
}

/** The location for logs: a connection string loses its password. */
export const shownLocation = (location: StoreLocation): string =>
  'dataDir' in location ? location.dataDir : location.database.replace(/\/\/[^@/]*@/, '//…@');

const ownerFile = (dataDir: string) => join(dataDir, 'serve.pid');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Opens the store. PGlite is one process's database: a second process opening the same folder
 * would damage it, so `kizuki serve` marks the folder as its own while it runs, and every other
 * command refuses a folder that a living server holds.
 */
export async function openStore(
  context: CliContext,
  location: StoreLocation,
  options: { serve?: boolean } = {},
): Promise<{ store: CollectStore; release: () => void }> {
  const words = serveText[context.lang];
  // A store from a newer kizuki is refused in the user's language, naming where it is.
  const opened = (open: Promise<CollectStore>) =>
    open.catch((error: unknown) => {
      if (!(error instanceof StoreSchemaError)) throw error;
      throw new CliFailure(
        EXIT.invalid,
        `${shownLocation(location)}: ${collectMessages.schema_too_new[context.lang](error.params)}`,
      );
    });
  if ('database' in location) {
    const store = await opened(createPostgresStore({ connectionString: location.database }));
    return { store, release: () => {} };
  }
  const { dataDir } = location;
  const file = ownerFile(dataDir);
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
      throw new CliFailure(EXIT.usage, words.folderInUse(dataDir, pid));
  }
  if (!options.serve && !existsSync(join(dataDir, 'pglite')))
    throw new CliFailure(EXIT.io, words.noStore(dataDir));
  mkdirSync(dataDir, { recursive: true });
  if (options.serve) writeFileSync(file, `${process.pid}\n`);
  const store = await opened(createPgliteStore({ dataDir: join(dataDir, 'pglite') })).catch((error) => {
    if (options.serve) rmSync(file, { force: true });
    throw error;
  });
  return { store, release: () => (options.serve ? rmSync(file, { force: true }) : undefined) };
}

/** The survey a reading command means: `--survey`, else the template's id, else the store's only survey. */
export async function chooseSurvey(
  context: CliContext,
  store: CollectStore,
  option: unknown,
  survey?: Survey,
): Promise<string> {
  const words = serveText[context.lang];
  const keys = await store.listSurveys();
  const wanted = typeof option === 'string' ? option : survey?.template.id;
  if (wanted !== undefined) {
    if (!keys.includes(wanted)) throw new CliFailure(EXIT.usage, words.noSurvey(wanted, keys));
    return wanted;
  }
  if (keys.length !== 1) throw new CliFailure(EXIT.usage, words.chooseSurvey(keys));
  return keys[0]!;
}

/**
 * Tallies the responses a store holds for one survey, checking each again against the template
 * given (the store must hold responses to this very template: same hash).
 */
async function aggregateStore(
  context: CliContext,
  store: CollectStore,
  key: string,
  survey: Survey,
  options: { by: string[]; minGroupSize: number },
): Promise<{ aggregator: Aggregator; tally: AggregateTally }> {
  const words = serveText[context.lang];
  const record = await store.getSurvey(key);
  if (record !== undefined && record.templateHash !== survey.hash)
    throw new CliFailure(EXIT.invalid, words.otherTemplate(key, record.templateVersion));
  const aggregator = createAggregator(survey, {
    by: options.by,
    minGroupSize: options.minGroupSize,
    locale: context.lang,
  });
  const validate = createResponseValidator(survey, { locale: context.lang });
  const tally: AggregateTally = { rows: 0, rejected: 0, blank: 0, fatal: false };
  for await (const response of store.responses(key)) {
    tally.rows++;
    const verdict = validate(response);
    if (verdict.success) aggregator.add(verdict.response);
    else {
      tally.rejected++;
      for (const issue of verdict.issues) context.err(`${key} #${tally.rows} ${formatIssue(issue)}`);
    }
  }
  return { aggregator, tally };
}

/**
 * `kizuki report … --data | --database`: the chosen survey's responses, tallied, and the "Who
 * answered" section with the live response rates from the store's dispositions (when it has
 * invitations); the store closed after.
 */
export async function reportFromStore(
  context: CliContext,
  values: Record<string, unknown>,
  survey: Survey,
  options: { by: string[]; minGroupSize: number },
): Promise<InputsAggregate> {
  const location = storeLocation(context, values)!;
  const { store } = await openStore(context, location);
  try {
    const key = await chooseSurvey(context, store, values.survey, survey);
    const read = await aggregateStore(context, store, key, survey, options);
    const { records, stratified } = dispositionRecords(await store.dispositionCounts(key));
    if (records.length === 0) return read;
    // The same path as `--dispositions FILE`, so the figures equal those of the admin's dispositions.csv.
    const whoAnswered = buildWhoAnswered(context, survey, {
      variables: [],
      tally: createCellTally(survey, []),
      dispositions: {
        file: `${shownLocation(location)} (${key})`,
        csv: { fields: stratified ? ['stratum', 'disposition'] : ['disposition'], rows: records },
      },
    });
    return { ...read, ...(whoAnswered === undefined ? {} : { whoAnswered }) };
  } finally {
    await store.close();
  }
}

/** `kizuki rates --data | --database`: the live response rates by stratum of the chosen survey. */
export async function ratesFromStore(
  context: CliContext,
  values: Record<string, unknown>,
  e: number | undefined,
): Promise<ResponseRates> {
  const { store } = await openStore(context, storeLocation(context, values)!);
  try {
    const surveyKey = await chooseSurvey(context, store, values.survey);
    return await liveResponseRates({
      store,
      surveyKey,
      locale: context.lang,
      ...(e === undefined ? {} : { e }),
    });
  } finally {
    await store.close();
  }
}
