import { customAlphabet } from 'nanoid';
import type { Issue, MessageLocale } from '../core/issue.js';
import type { Allocation, StratumAllocation } from './allocateSample.js';
import { allocateSample } from './allocateSample.js';
import { designIssue, fail, throwIfAny } from './messages.js';
import type { DesignRecord } from './records.js';
import { cellLabel, isMissing, ownValue, setOwn } from './records.js';
import { SeededRandom } from './seededRandom.js';

/**
 * The alphabet of invitation codes: digits and capital letters without the look-alikes 0/O and
 * 1/I (lower-case l never appears), so that codes typed from a letter are typed right.
 */
export const INVITATION_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Options of {@link drawSample}. */
export interface DrawSampleOptions {
  /** The frame: one record per person (a register extract). */
  frame: readonly DesignRecord[];
  /** The column holding a unique person id; checked for duplicates. */
  id: string;
  /** The total sample size n (not needed for fixed allocation). */
  size?: number;
  /** Columns whose values define explicit strata. None: the frame is one stratum. */
  strata?: readonly string[];
  /** Allocation of n to strata (default proportional). */
  allocation?: Allocation;
  /** At least this many per stratum (or the whole stratum). */
  minimum?: number;
  /** Stratum standard deviations for Neyman allocation, by stratum name. */
  sds?: Readonly<Record<string, number>>;
  /** Sample size per stratum for fixed allocation, by stratum name. */
  fixed?: Readonly<Record<string, number>>;
  /**
   * How people are chosen within a stratum: simple random sampling without replacement (`'srs'`,
   * default) or systematic sampling from the frame sorted by `sortBy`, with a random start and a
   * fractional interval N_h/n_h (implicit stratification by the sort keys).
   */
  selection?: 'srs' | 'systematic';
  /** Sort keys for systematic selection (frame order when omitted). */
  sortBy?: readonly string[];
  /** The seed: the same seed, frame and options give the same sample on every platform. */
  seed: string | number;
  /** Columns that identify or reach a person (name, address): they go to the mailing list only. */
  contactFields?: readonly string[];
  /** Length of invitation codes. Default 10 (50 random bits). */
  codeLength?: number;
  /** Makes invitation codes; default: nanoid's `customAlphabet` over {@link INVITATION_ALPHABET}. */
  codeGenerator?: () => string;
  /** Language of error messages. Default `'ja'`. */
  locale?: MessageLocale;
}

/** One sampled person in the analysis file: no contact fields. */
export interface SampledRecord {
  /** The invitation code printed on the letter; the key that joins responses and dispositions. */
  code: string;
  /** The stratum's name (`'all'` without strata). */
  stratum: string;
  /** π, the probability that this person was drawn: n_h / N_h. */
  pi: number;
  /** The base weight 1/π. */
  weight: number;
  /** The person's row in the frame (0-based). */
  row: number;
  /** The frame's columns other than the contact fields. */
  data: Record<string, unknown>;
}

/** One line of the mailing list: the code and the contact fields, nothing else. */
export interface MailingEntry {
  code: string;
  contact: Record<string, unknown>;
}

/** What was done, to be kept with the sample (the design file). */
export interface SampleDesign {
  seed: string | number;
  selection: 'srs' | 'systematic';
  allocation: Allocation;
  minimum: number;
  strata: readonly string[];
  sortBy: readonly string[];
  /** N: the frame's size. */
  frameSize: number;
  /** n: the sample's size. */
  sampleSize: number;
  /** Per stratum: N_h, n_h and the unrounded share. */
  allocations: StratumAllocation[];
  /** For systematic selection: the random start of each stratum, in [0, N_h/n_h). */
  starts?: Record<string, number>;
}

/** The result of {@link drawSample}. */
export interface Sample {
  /** The analysis sample in frame order. */
  records: SampledRecord[];
  /** Names and addresses with codes, for the letters; keep apart from the analysis files. */
  mailingList: MailingEntry[];
  design: SampleDesign;
}

/**
 * Draws a stratified sample from a frame: simple random sampling without replacement or
 * systematic sampling within each stratum, the stratum sizes from {@link allocateSample}. Every
 * drawn person gets π = n_h/N_h, the base weight 1/π and an invitation code that is
 * cryptographically random (not derived from the seed or from any field). Contact fields go to
 * the mailing list only.
 *
 * @example
 * ```ts
 * const sample = drawSample({
 *   frame: register,            // [{ id: 'P001', district: '北', age: 34, name: '…', address: '…' }, …]
 *   id: 'id',
 *   strata: ['district'],
 *   size: 1200,
 *   minimum: 50,
 *   seed: '2026-resident-survey',
 *   contactFields: ['name', 'address'],
 * });
 * sample.records[0]; // { code: 'K7Q2…', stratum: '北', pi: 0.08, weight: 12.5, row: 17, data: { id, district, age } }
 * ```
 */
export function drawSample(options: DrawSampleOptions): Sample {
  const { frame, id, locale } = options;
  const strataFields = options.strata ?? [];
  const sortBy = options.sortBy ?? [];
  const selection = options.selection ?? 'srs';
  const allocation = options.allocation ?? 'proportional';
  const contact = new Set(options.contactFields ?? []);
  if (selection !== 'srs' && selection !== 'systematic') {
    fail('invalid_option', ['selection'], locale, {
      expectedJa: 'srs または systematic',
      expectedEn: 'srs or systematic',
    });
  }
  if (typeof options.seed !== 'string' && !Number.isFinite(options.seed)) {
    fail('invalid_option', ['seed'], locale, {
      expectedJa: '文字列または有限の数',
      expectedEn: 'a string or a finite number',
    });
  }
  if (frame.length === 0) fail('empty_frame', ['frame'], locale);

  // Check ids and stratum values in one pass, collecting every problem.
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  const strataRows = new Map<string, number[]>();
  frame.forEach((record, row) => {
    const value = ownValue(record, id);
    if (isMissing(value))
      issues.push(designIssue('missing_value', ['frame', row, id], locale, { row: row + 1, field: id }));
    else {
      const key = String(value);
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push(
          designIssue('duplicate_id', ['frame', row, id], locale, {
            id: key,
            first: first + 1,
            row: row + 1,
          }),
        );
      } else seen.set(key, row);
    }
    const levels: string[] = [];
    for (const field of strataFields) {
      const v = ownValue(record, field);
      if (isMissing(v))
        issues.push(designIssue('missing_value', ['frame', row, field], locale, { row: row + 1, field }));
      levels.push(String(v));
    }
    const stratum = strataFields.length === 0 ? 'all' : cellLabel(levels);
    const rows = strataRows.get(stratum);
    if (rows) rows.push(row);
    else strataRows.set(stratum, [row]);
  });
  throwIfAny(issues);

  const names = [...strataRows.keys()];
  for (const [option, given] of [
    ['sds', options.sds],
    ['fixed', options.fixed],
  ] as const) {
    for (const name of given ? Object.keys(given) : []) {
      if (!strataRows.has(name)) fail('unknown_stratum', [option, name], locale, { stratum: name });
    }
  }
  const pick = (table: Readonly<Record<string, number>> | undefined, name: string) =>
    table && Object.hasOwn(table, name) ? table[name] : undefined;
  const allocations = allocateSample({
    strata: names.map((name) => {
      const stratum: { stratum: string; size: number; sd?: number; fixed?: number } = {
        stratum: name,
        size: strataRows.get(name)!.length,
      };
      const sd = pick(options.sds, name);
      const fixedSize = pick(options.fixed, name);
      if (sd !== undefined) stratum.sd = sd;
      if (fixedSize !== undefined) stratum.fixed = fixedSize;
      return stratum;
    }),
    ...(options.size === undefined ? {} : { n: options.size }),
    allocation,
    ...(options.minimum === undefined ? {} : { minimum: options.minimum }),
    ...(locale === undefined ? {} : { locale }),
  });

  const random = new SeededRandom(options.seed);
  const chosen: Array<{ row: number; stratum: string; pi: number }> = [];
  const starts: Record<string, number> = Object.create(null);
  for (const { stratum, size, n } of allocations) {
    const rows = strataRows.get(stratum)!;
    const pi = size === 0 ? 0 : n / size;
    if (selection === 'srs') {
      // Partial Fisher–Yates: the first n positions become a uniform sample without replacement.
      const pool = rows.slice();
      for (let j = 0; j < n; j++) {
        const k = j + random.below(size - j);
        const t = pool[j]!;
        pool[j] = pool[k]!;
        pool[k] = t;
        chosen.push({ row: pool[j]!, stratum, pi });
      }
    } else if (n > 0) {
      const sorted = sortBy.length === 0 ? rows : sortRows(frame, rows, sortBy);
      const interval = size / n;
      const start = random.unit() * interval;
      setOwn(starts, stratum, start);
      for (let j = 0; j < n; j++)
        chosen.push({ row: sorted[Math.floor(start + j * interval)]!, stratum, pi });
    }
  }
  chosen.sort((a, b) => a.row - b.row);

  const makeCode = options.codeGenerator ?? customAlphabet(INVITATION_ALPHABET, options.codeLength ?? 10);
  const codes = new Map<string, number>();
  const records: SampledRecord[] = [];
  const mailingList: MailingEntry[] = [];
  chosen.forEach(({ row, stratum, pi }, index) => {
    let code = makeCode();
    // A collision of 50-bit codes is all but impossible; draw again a few times, then say so.
    for (let attempt = 0; codes.has(code) && attempt < 8; attempt++) code = makeCode();
    const first = codes.get(code);
    if (first !== undefined)
      fail('duplicate_code', ['records', index, 'code'], locale, { code, first: first + 1, row: index + 1 });
    codes.set(code, index);
    const record = frame[row]!;
    const data: Record<string, unknown> = {};
    const reach: Record<string, unknown> = {};
    for (const key of Object.keys(record)) setOwn(contact.has(key) ? reach : data, key, record[key]);
    records.push({ code, stratum, pi, weight: 1 / pi, row, data });
    mailingList.push({ code, contact: reach });
  });

  const design: SampleDesign = {
    seed: options.seed,
    selection,
    allocation,
    minimum: options.minimum ?? 0,
    strata: [...strataFields],
    sortBy: [...sortBy],
    frameSize: frame.length,
    sampleSize: records.length,
    allocations,
  };
  if (selection === 'systematic') design.starts = { ...starts };
  return { records, mailingList, design };
}

/**
 * The rows sorted by the keys: numbers before text, numbers by value, text by UTF-16 code units
 * (not by locale, whose collation differs between platforms); ties keep frame order.
 */
function sortRows(
  frame: readonly DesignRecord[],
  rows: readonly number[],
  keys: readonly string[],
): number[] {
  const compare = (x: unknown, y: unknown): number => {
    const xn = typeof x === 'number';
    const yn = typeof y === 'number';
    if (xn && yn) return (x as number) - (y as number);
    if (xn !== yn) return xn ? -1 : 1;
    const xs = String(x ?? '');
    const ys = String(y ?? '');
    return xs < ys ? -1 : xs > ys ? 1 : 0;
  };
  return rows.slice().sort((a, b) => {
    for (const key of keys) {
      const c = compare(ownValue(frame[a]!, key), ownValue(frame[b]!, key));
      if (c !== 0) return c;
    }
    return a - b;
  });
}
