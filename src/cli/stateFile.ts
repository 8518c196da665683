import { canonicalJson } from '../core/canonicalJson.js';
import { sha256Hex } from '../core/sha256.js';
import type { Survey } from '../schema/index.js';
import { type AggregateState, type Aggregator, aggregatorFromJSON, ScoringError } from '../scoring/index.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import { readTextFile } from './fileAccess.js';
import { stateText } from './stateText.js';

/**
 * A state file (format "kizuki-state", version 1; docs/effect.en.md): one aggregator state with
 * what it was made from, and a SHA-256 over the canonical JSON of everything else, so a damaged or
 * edited file is refused rather than merged.
 */
export interface StateFile {
  format: 'kizuki-state';
  version: 1;
  /** Why the file must not be published (ja and en). */
  confidentiality: { ja: string; en: string };
  template: { id: string; version: string; hash: string };
  by: string[];
  minGroupSize: number;
  /** Municipalities whose responses are in the state; a merge refuses to count one twice. */
  municipalities: string[];
  /** When the survey was run (YYYY-MM-DD), or null when unknown or merged from several dates. */
  waveDate: string | null;
  aggregate: AggregateState;
  /** Lowercase hex SHA-256 of the canonical JSON of the file without this field. */
  checksum: string;
}

/** The state file of an aggregator, as text to write. */
export function stateFileText(
  aggregator: Aggregator,
  meta: { municipalities: string[]; waveDate: string | null },
): string {
  const aggregate = aggregator.toJSON();
  const body: Omit<StateFile, 'checksum'> = {
    format: 'kizuki-state',
    version: 1,
    confidentiality: { ja: stateText.ja.confidentiality, en: stateText.en.confidentiality },
    template: { id: aggregate.templateId, version: aggregate.templateVersion, hash: aggregate.surveyHash },
    by: aggregate.options.by,
    minGroupSize: aggregate.options.minGroupSize,
    municipalities: [...meta.municipalities].sort(),
    waveDate: meta.waveDate,
    aggregate,
  };
  return `${JSON.stringify({ ...body, checksum: sha256Hex(canonicalJson(body)) }, null, 1)}\n`;
}

/** Reads a state file and checks its format and checksum (not yet its numbers); fails naming the file. */
export async function readStateFile(context: CliContext, path: string): Promise<StateFile> {
  const t = stateText[context.lang];
  const invalid = (message: string): never => {
    throw new CliFailure(EXIT.invalid, message);
  };
  const text = await readTextFile(context, path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    invalid(t.corrupt(path, error instanceof Error ? error.message : String(error)));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) invalid(t.notState(path));
  const record = value as Record<string, unknown>;
  const get = (key: string): unknown => (Object.hasOwn(record, key) ? record[key] : undefined);
  if (get('format') !== 'kizuki-state') invalid(t.notState(path));
  if (get('version') !== 1) invalid(t.badVersion(path, String(get('version'))));
  const { checksum, ...body } = record;
  if (typeof checksum !== 'string' || sha256Hex(canonicalJson(body)) !== checksum) invalid(t.altered(path));
  // The checksum holds, so the header was written by kizuki; its shape still gets a light check.
  const template = get('template') as StateFile['template'] | undefined;
  const ok =
    template !== undefined &&
    typeof template?.id === 'string' &&
    typeof template.hash === 'string' &&
    Array.isArray(get('by')) &&
    typeof get('minGroupSize') === 'number' &&
    Array.isArray(get('municipalities')) &&
    typeof get('aggregate') === 'object';
  if (!ok) invalid(t.notState(path));
  return record as unknown as StateFile;
}

/** Refuses a state of another template (id or content hash) than the survey's, naming the file. */
export function checkStateTemplate(
  context: CliContext,
  path: string,
  state: StateFile,
  survey: Survey,
): void {
  const t = stateText[context.lang];
  if (state.template.id !== survey.template.id)
    throw new CliFailure(EXIT.invalid, t.otherTemplate(path, state.template.id, survey.template.id));
  if (state.template.hash !== survey.hash)
    throw new CliFailure(EXIT.invalid, t.otherHash(path, state.template.id));
}

/** The aggregator of a checked state file; wrong numbers fail naming the file and the place. */
export function stateAggregator(
  context: CliContext,
  path: string,
  state: StateFile,
  survey: Survey,
): Aggregator {
  checkStateTemplate(context, path, state, survey);
  try {
    return aggregatorFromJSON(survey, state.aggregate, { locale: context.lang });
  } catch (error) {
    if (error instanceof ScoringError)
      throw new CliFailure(EXIT.invalid, stateText[context.lang].badState(path, error.message));
    throw error;
  }
}
