import type { Issue, MessageLocale } from '../core/issue.js';
import { designIssue, fail, throwIfAny } from './messages.js';
import type { DesignRecord } from './records.js';
import { cellLabel, isMissing, ownValue } from './records.js';

/**
 * The AAPOR disposition classes: I complete, P partial, R refusal and break-off, NC non-contact,
 * O other eligible non-response, UH unknown if household/occupied, UO unknown other, NE not eligible.
 */
export type DispositionClass = 'I' | 'P' | 'R' | 'NC' | 'O' | 'UH' | 'UO' | 'NE';

/** Counts of invitations in each disposition class. */
export type DispositionCounts = Record<DispositionClass, number>;

/** The rates of AAPOR Standard Definitions (10th ed., 2023); `null` where the denominator is 0. */
export interface AaporRates {
  RR1: number | null;
  RR2: number | null;
  RR3: number | null;
  RR4: number | null;
  RR5: number | null;
  RR6: number | null;
  COOP1: number | null;
  COOP2: number | null;
  COOP3: number | null;
  COOP4: number | null;
  REF1: number | null;
  REF2: number | null;
  REF3: number | null;
  CON1: number | null;
  CON2: number | null;
  CON3: number | null;
}

/** Rates of one set of counts, with the `e` they used. */
export interface RateSummary {
  counts: DispositionCounts;
  /** The number of invitations counted (all classes, not eligible included). */
  cases: number;
  /** The eligibility share of unknown cases used by RR3, RR4, REF2 and CON2 (`null` if it cannot be estimated). */
  e: number | null;
  /** Whether `e` was given or estimated by the proportional method. */
  eSource: 'given' | 'proportional';
  rates: AaporRates;
}

const CLASSES: readonly DispositionClass[] = ['I', 'P', 'R', 'NC', 'O', 'UH', 'UO', 'NE'];

const NAMES: ReadonlyMap<string, DispositionClass> = new Map([
  ['complete', 'I'],
  ['i', 'I'],
  ['partial', 'P'],
  ['p', 'P'],
  ['refusal', 'R'],
  ['break-off', 'R'],
  ['breakoff', 'R'],
  ['r', 'R'],
  ['non-contact', 'NC'],
  ['noncontact', 'NC'],
  ['nc', 'NC'],
  ['other', 'O'],
  ['o', 'O'],
  ['unknown-household', 'UH'],
  ['uh', 'UH'],
  ['unknown-other', 'UO'],
  ['unknown', 'UO'],
  ['uo', 'UO'],
  ['not-eligible', 'NE'],
  ['ineligible', 'NE'],
  ['ne', 'NE'],
]);

/**
 * The class of a disposition code: an AAPOR numeric code (1.1 complete, 1.2 partial, 2.1x refusal
 * and break-off, 2.2x non-contact, 2.3x other, 3.1x unknown if household, 3.2x–3.9x unknown other,
 * 4.x not eligible; given as a string or a number) or a name (`complete`, `partial`, `refusal`,
 * `break-off`, `non-contact`, `other`, `unknown-household`, `unknown-other`, `not-eligible`, or
 * the letters I, P, R, NC, O, UH, UO, NE). Returns `undefined` for anything else, including the
 * group headings 1.0, 2.0 and 3.0, which do not say which class a case is in.
 *
 * @example
 * ```ts
 * dispositionClass('2.112'); // 'R'
 * dispositionClass(3.21); // 'UO'
 * dispositionClass('non-contact'); // 'NC'
 * ```
 */
export function dispositionClass(code: unknown): DispositionClass | undefined {
  if (typeof code !== 'string' && typeof code !== 'number') return undefined;
  const text = String(code).trim().toLowerCase();
  const named = NAMES.get(text) ?? NAMES.get(text.replace(/[\s_]+/g, '-'));
  if (named) return named;
  const match = /^([1-4])(?:\.(\d{1,4}))?$/.exec(text);
  if (!match) return undefined;
  const group = match[1];
  const sub = match[2]?.[0];
  if (group === '4') return 'NE';
  if (group === '1') return sub === '1' ? 'I' : sub === '2' ? 'P' : undefined;
  if (group === '2') return sub === '1' ? 'R' : sub === '2' ? 'NC' : sub === '3' ? 'O' : undefined;
  if (sub === '1') return 'UH';
  return sub !== undefined && sub !== '0' ? 'UO' : undefined;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** Options of {@link aaporRates}. */
export interface AaporRatesOptions {
  counts: Partial<DispositionCounts>;
  /** The eligible share of unknown cases. Default: the proportional estimate (I+P+R+NC+O)/(I+P+R+NC+O+NE). */
  e?: number;
  locale?: MessageLocale;
}

/**
 * AAPOR response, cooperation, refusal and contact rates from counts, exactly as Standard
 * Definitions (10th ed., 2023) gives them. With D = (I+P) + (R+NC+O) and U = UH+UO:
 * RR1 = I/(D+U), RR2 = (I+P)/(D+U), RR3 = I/(D+eU), RR4 = (I+P)/(D+eU), RR5 = I/D, RR6 = (I+P)/D;
 * COOP1 = I/((I+P)+R+O), COOP2 = (I+P)/((I+P)+R+O), COOP3 = I/((I+P)+R), COOP4 = (I+P)/((I+P)+R);
 * REF1 = R/(D+U), REF2 = R/(D+eU), REF3 = R/D; CON1 = ((I+P)+R+O)/(D+U),
 * CON2 = ((I+P)+R+O)/(D+eU), CON3 = ((I+P)+R+O)/D. Not-eligible cases leave every formula.
 * Unless `e` is given it is estimated by the proportional method (the eligible share among cases
 * whose eligibility is known); `null` when no case's eligibility is known.
 *
 * @example
 * ```ts
 * const { rates } = aaporRates({ counts: { I: 300, P: 20, R: 80, NC: 150, O: 10, UH: 30, UO: 10, NE: 40 } });
 * rates.RR1; // 300 / 600 = 0.5
 * ```
 */
export function aaporRates(options: AaporRatesOptions): RateSummary {
  const counts = {} as DispositionCounts;
  for (const k of CLASSES) {
    const v = Object.hasOwn(options.counts, k) ? options.counts[k] : 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      fail('invalid_count', ['counts', k], options.locale, { field: k, value: v });
    }
    counts[k] = v;
  }
  const { I, P, R, NC, O, UH, UO, NE } = counts;
  const known = I + P + R + NC + O;
  let e: number | null;
  let eSource: 'given' | 'proportional';
  if (options.e !== undefined) {
    if (!Number.isFinite(options.e) || options.e < 0 || options.e > 1) {
      fail('invalid_option', ['e'], options.locale, {
        expectedJa: '0以上1以下の数',
        expectedEn: 'a number from 0 to 1',
      });
    }
    e = options.e;
    eSource = 'given';
  } else {
    e = ratio(known, known + NE);
    eSource = 'proportional';
  }
  const D = known;
  const U = UH + UO;
  const eU = e === null ? null : D + e * U;
  const byE = (num: number) => (eU === null ? (U === 0 ? ratio(num, D) : null) : ratio(num, eU));
  const contacted = I + P + R + O;
  return {
    counts,
    cases: D + U + NE,
    e,
    eSource,
    rates: {
      RR1: ratio(I, D + U),
      RR2: ratio(I + P, D + U),
      RR3: byE(I),
      RR4: byE(I + P),
      RR5: ratio(I, D),
      RR6: ratio(I + P, D),
      COOP1: ratio(I, I + P + R + O),
      COOP2: ratio(I + P, I + P + R + O),
      COOP3: ratio(I, I + P + R),
      COOP4: ratio(I + P, I + P + R),
      REF1: ratio(R, D + U),
      REF2: byE(R),
      REF3: ratio(R, D),
      CON1: ratio(contacted, D + U),
      CON2: byE(contacted),
      CON3: ratio(contacted, D),
    },
  };
}

/** Options of {@link responseRates}. */
export interface ResponseRatesOptions {
  /** One record per invitation. */
  records: readonly DesignRecord[];
  /** The column holding the disposition code. */
  disposition: string;
  /** The column holding the invitation code, checked for duplicates (optional). */
  code?: string;
  /**
   * Groupings to break the rates down by: each a list of columns, such as `[['stratum'],
   * ['sex', 'ageBand'], ['district']]`.
   */
  by?: ReadonlyArray<readonly string[]>;
  /** The eligible share of unknowns; default: estimated within each group by the proportional method. */
  e?: number;
  locale?: MessageLocale;
}

/** The rates of one group of a breakdown. */
export interface GroupRates extends RateSummary {
  /** The group's values, one per column of the grouping. */
  levels: string[];
  /** The values joined for display: `F × 20-29`. */
  label: string;
}

/** The result of {@link responseRates}. */
export interface ResponseRates {
  overall: RateSummary;
  breakdowns: Array<{ by: string[]; groups: GroupRates[] }>;
}

/**
 * AAPOR rates of a disposition file, overall and broken down by any groupings (stratum,
 * sex × age band, district). Every record must carry a known disposition code and, for each
 * grouping, a value; duplicate invitation codes are errors. See {@link aaporRates} for the formulas.
 *
 * @example
 * ```ts
 * const result = responseRates({
 *   records: dispositions, // [{ code: 'K7Q2…', stratum: '北', disposition: '1.1' }, …]
 *   disposition: 'disposition',
 *   code: 'code',
 *   by: [['stratum']],
 * });
 * result.overall.rates.RR3;
 * result.breakdowns[0]!.groups.map((g) => [g.label, g.rates.RR3]);
 * ```
 */
export function responseRates(options: ResponseRatesOptions): ResponseRates {
  const { records, disposition, locale } = options;
  const groupings = (options.by ?? []).map((b) => [...b]);
  const issues: Issue[] = [];
  const classes: DispositionClass[] = [];
  const codes = new Map<string, number>();
  records.forEach((record, row) => {
    const value = ownValue(record, disposition);
    const cls = dispositionClass(value);
    if (cls === undefined) {
      issues.push(
        designIssue('unknown_disposition', ['records', row, disposition], locale, {
          row: row + 1,
          value: String(value ?? ''),
        }),
      );
    } else classes.push(cls);
    if (options.code !== undefined) {
      const code = ownValue(record, options.code);
      if (isMissing(code)) {
        issues.push(
          designIssue('missing_value', ['records', row, options.code], locale, {
            row: row + 1,
            field: options.code,
          }),
        );
      } else {
        const first = codes.get(String(code));
        if (first !== undefined) {
          issues.push(
            designIssue('duplicate_code', ['records', row, options.code], locale, {
              code: String(code),
              first: first + 1,
              row: row + 1,
            }),
          );
        } else codes.set(String(code), row);
      }
    }
    for (const field of new Set(groupings.flat())) {
      if (isMissing(ownValue(record, field))) {
        issues.push(designIssue('missing_value', ['records', row, field], locale, { row: row + 1, field }));
      }
    }
  });
  throwIfAny(issues);
  const summarise = (rows: Iterable<number>) => {
    const counts = Object.fromEntries(CLASSES.map((k) => [k, 0])) as DispositionCounts;
    for (const row of rows) counts[classes[row]!]++;
    return aaporRates({
      counts,
      ...(options.e === undefined ? {} : { e: options.e }),
      ...(locale ? { locale } : {}),
    });
  };
  const all = records.map((_, i) => i);
  return {
    overall: summarise(all),
    breakdowns: groupings.map((by) => {
      const groups = new Map<string, { levels: string[]; rows: number[] }>();
      records.forEach((record, row) => {
        const levels = by.map((field) => String(ownValue(record, field)));
        const key = JSON.stringify(levels);
        const group = groups.get(key);
        if (group) group.rows.push(row);
        else groups.set(key, { levels, rows: [row] });
      });
      return {
        by,
        groups: [...groups.values()].map(({ levels, rows }) => ({
          levels,
          label: cellLabel(levels),
          ...summarise(rows),
        })),
      };
    }),
  };
}
