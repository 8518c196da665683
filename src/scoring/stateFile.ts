import { canonicalJson } from '../core/canonicalJson.js';
import type { MessageLocale } from '../core/issue.js';
import { jsonNestingDepth } from '../core/jsonNestingDepth.js';
import { sha256Hex, sha256HexOfBytes } from '../core/sha256.js';
import type { Survey } from '../schema/survey.js';
import type { AggregateState } from './aggregateState.js';
import { type Aggregator, aggregatorFromJSON } from './createAggregator.js';
import { fail } from './messages.js';
import { ScoringError } from './scoringError.js';

/**
 * A state file (format "kizuki-state", version 1; docs/effect.en.md): one aggregator state with
 * what it was made from, and a SHA-256 over the canonical JSON of everything else, so that a
 * damaged or edited file is refused rather than merged. It keeps the counts of small groups (merges
 * must be exact), so it is as confidential as the responses and says so in `confidentiality`.
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

/** Options of {@link writeStateFile}. */
export interface WriteStateFileOptions {
  /** Municipalities whose responses are in the aggregate. Default none. */
  municipalities?: readonly string[];
  /** When the survey was run, YYYY-MM-DD. Default null (unknown). */
  waveDate?: string | null;
}

/** Options of {@link readStateFile}. */
export interface ReadStateFileOptions {
  /** The file's name, used in every message about it. */
  file: string;
  /** Language of error messages. Default `ja`. */
  locale?: MessageLocale;
  /**
   * A faster SHA-256 of the UTF-8 text, as lowercase hex, where the platform has one (Node's
   * `createHash`); the default is kizuki's own, which runs everywhere. The checksum is the same.
   */
  sha256?: (text: string) => string;
  /**
   * The same for bytes, used when the file is given as bytes (Node's `createHash` again); the
   * default is kizuki's own.
   */
  sha256OfBytes?: (bytes: Uint8Array) => string;
}

/** Options of {@link stateAggregator}. */
export interface StateAggregatorOptions extends ReadStateFileOptions {
  /** The survey the state must have been made with (same template id and content hash). */
  survey: Survey;
}

const CONFIDENTIALITY = {
  ja: 'この集計ファイルは回答データと同じく機密です。少人数のグループの件数も正確な合算のために残しているため、公開・配布しないでください。公表する数値は kizuki report で作る報告書（少人数のグループを伏せたもの）を使ってください。',
  en: 'This state file is as confidential as the responses: it keeps the counts of small groups so that merges are exact. Do not publish or share it. Publish the report made by kizuki report, which hides small groups.',
} as const;

// The file is written as `{"checksum":"<64 hex>",` followed by the canonical JSON of the rest
// without its opening brace, so a reader checks it by hashing the text as it is: no
// re-serialisation, which made merging 1,741 files take seconds. Files formatted otherwise (an
// editor re-indented one) are still checked the slow way, against their canonical JSON.
const PREFIX = '{"checksum":"';
const BODY_AT = PREFIX.length + 64 + 2;
/** Deeper nesting than this is not a state file; refused before `JSON.parse` walks it. */
const MAX_DEPTH = 16;

/**
 * The text of a state file for an aggregator (or its saved state): counts and moments only — no
 * rows, no free text, no pseudonyms — with a checksum.
 *
 * @example
 * ```ts
 * const agg = createAggregator(survey, { by: ['sex'] });
 * for (const r of responses) agg.add(r);
 * const text = writeStateFile(agg, { municipalities: ['Kamiyama'], waveDate: '2026-06-01' });
 * // write `text` to a file; readStateFile(text, { file }) reads it back
 * ```
 */
export function writeStateFile(
  aggregator: Aggregator | AggregateState,
  options: WriteStateFileOptions = {},
): string {
  const aggregate = 'toJSON' in aggregator ? aggregator.toJSON() : aggregator;
  const body: Omit<StateFile, 'checksum'> = {
    format: 'kizuki-state',
    version: 1,
    confidentiality: { ja: CONFIDENTIALITY.ja, en: CONFIDENTIALITY.en },
    template: { id: aggregate.templateId, version: aggregate.templateVersion, hash: aggregate.surveyHash },
    by: [...aggregate.options.by],
    minGroupSize: aggregate.options.minGroupSize,
    municipalities: [...new Set(options.municipalities ?? [])].sort(),
    waveDate: options.waveDate ?? null,
    aggregate,
  };
  const canonical = canonicalJson(body);
  return `${PREFIX}${sha256Hex(canonical)}",${canonical.slice(1)}\n`;
}

/**
 * Reads a state file — its text, or its bytes as read from disk (UTF-8) — and checks its format and
 * checksum (its numbers are checked when it is turned into an aggregator). Given bytes, a file as
 * kizuki wrote it is hashed as it is, without decoding and encoding it again, which is what makes
 * merging thousands of files quick. Throws a {@link ScoringError} whose message names the file.
 *
 * @example
 * ```ts
 * try {
 *   const state = readStateFile(text, { file: 'kamiyama.json', locale: 'en' });
 *   console.log(state.municipalities, state.aggregate.responses);
 * } catch (error) {
 *   if (error instanceof ScoringError) console.error(error.issues[0]?.message); // names kamiyama.json
 * }
 * ```
 */
export function readStateFile(input: string | Uint8Array, options: ReadStateFileOptions): StateFile {
  const text = typeof input === 'string' ? input : utf8.decode(input);
  const { file } = options;
  const locale = options.locale ?? 'ja';
  const notState = (path: (string | number)[]): never => fail('state_not_state', path, locale, { file });
  if (jsonNestingDepth(text) > MAX_DEPTH)
    fail('state_unreadable', [], locale, { file, detail: `nesting deeper than ${MAX_DEPTH}` });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail('state_unreadable', [], locale, {
      file,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) notState([]);
  const record = value as Record<string, unknown>;
  const get = (key: string): unknown => (Object.hasOwn(record, key) ? record[key] : undefined);
  if (get('format') !== 'kizuki-state') notState(['format']);
  if (get('version') !== 1)
    fail('state_version', ['version'], locale, { file, version: String(get('version')) });
  const checksum = get('checksum');
  if (typeof checksum !== 'string' || !checksumHolds(input, text, record, checksum, options))
    fail('state_altered', ['checksum'], locale, { file });
  // The checksum holds, so kizuki wrote the header; its shape still gets a light check.
  const template = get('template') as Record<string, unknown> | null | undefined;
  if (
    template === null ||
    typeof template !== 'object' ||
    typeof template.id !== 'string' ||
    typeof template.version !== 'string' ||
    typeof template.hash !== 'string'
  )
    notState(['template']);
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (!strings(get('by'))) notState(['by']);
  if (typeof get('minGroupSize') !== 'number') notState(['minGroupSize']);
  if (!strings(get('municipalities'))) notState(['municipalities']);
  const waveDate = get('waveDate');
  if (waveDate !== null && typeof waveDate !== 'string') notState(['waveDate']);
  const aggregate = get('aggregate');
  if (aggregate === null || typeof aggregate !== 'object' || Array.isArray(aggregate))
    notState(['aggregate']);
  return record as unknown as StateFile;
}

function checksumHolds(
  input: string | Uint8Array,
  text: string,
  record: Record<string, unknown>,
  checksum: string,
  options: ReadStateFileOptions,
): boolean {
  const sha256 = options.sha256 ?? sha256Hex;
  if (typeof input === 'string') {
    if (
      text.startsWith(PREFIX) &&
      text.slice(PREFIX.length, PREFIX.length + 64) === checksum &&
      text.slice(BODY_AT - 2, BODY_AT) === '",' &&
      sha256(`{${text.slice(BODY_AT).trimEnd()}`) === checksum
    )
      return true;
  } else if (bytesHold(input, checksum, options.sha256OfBytes ?? sha256HexOfBytes)) return true;
  const { checksum: _, ...body } = record;
  return sha256(canonicalJson(body)) === checksum;
}

/**
 * The aggregator of a state file read by {@link readStateFile}, after checking that it was made
 * with `survey` (template id and content hash) and that its numbers are sound. Throws a
 * {@link ScoringError} naming the file.
 *
 * @example
 * ```ts
 * const state = readStateFile(text, { file: 'national.json' });
 * const agg = stateAggregator(state, { survey, file: 'national.json' });
 * const result = agg.result({ minGroupSize: state.minGroupSize });
 * ```
 */
export function stateAggregator(state: StateFile, options: StateAggregatorOptions): Aggregator {
  const { survey, file } = options;
  const locale = options.locale ?? 'ja';
  checkStateTemplate(state, survey, file, locale);
  return asStateError(file, locale, () => aggregatorFromJSON(survey, state.aggregate, { locale }));
}

/** Refuses a state of another template (id or content hash) than `survey`, naming the file. */
export function checkStateTemplate(
  state: StateFile,
  survey: Survey,
  file: string,
  locale: MessageLocale,
): void {
  if (state.template.id !== survey.template.id)
    fail('state_other_template', ['template', 'id'], locale, {
      file,
      actual: state.template.id,
      expected: survey.template.id,
    });
  if (state.template.hash !== survey.hash)
    fail('state_other_hash', ['template', 'hash'], locale, { file, id: state.template.id });
}

/** Runs `work`, turning a scoring error about the numbers into one that names the file. */
export function asStateError<T>(file: string, locale: MessageLocale, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof ScoringError)) throw error;
    const first = error.issues[0];
    return fail('state_bad_numbers', ['aggregate', ...(first?.path ?? [])], locale, {
      file,
      detail: error.message,
    });
  }
}

const utf8 = new TextDecoder();

/**
 * Whether the bytes are a file as kizuki writes it, checksum first, whose body hashes to it. Any
 * byte up to a space at the end is left out as trimEnd does: JSON.parse has already refused others.
 */
function bytesHold(bytes: Uint8Array, checksum: string, sha256: (bytes: Uint8Array) => string): boolean {
  // The header's characters are ASCII (the checksum was parsed from these bytes, so 64 hex if equal).
  const header = `${PREFIX}${checksum}",`;
  if (bytes.length < BODY_AT || header.length !== BODY_AT) return false;
  for (let i = 0; i < BODY_AT; i++) if (bytes[i] !== header.charCodeAt(i)) return false;
  let end = bytes.length;
  while (end > BODY_AT && bytes[end - 1]! <= 0x20) end--;
  // `{` and the body, copied: the caller's bytes stay as they are (Node's Buffer#slice is a view).
  const body = new Uint8Array(end - BODY_AT + 1);
  body[0] = 0x7b;
  body.set(bytes.subarray(BODY_AT, end), 1);
  return sha256(body) === checksum;
}
