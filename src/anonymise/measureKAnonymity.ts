import type { MessageLocale } from '../core/issue.js';
import { checkInteger } from './anonymiseError.js';
import { encodeColumn, equivalenceClasses } from './equivalenceClasses.js';
import { checkRecords, type DataRecord, recordColumn } from './records.js';

/** Options of {@link measureKAnonymity}. */
export interface MeasureKAnonymityOptions {
  /** Fields that together could single a person out (age band, sex, department…). */
  quasiIdentifiers: readonly string[];
  /** Records in classes smaller than this are "at risk" (default 2: unique records). */
  k?: number;
  /** Language of error messages (default `ja`). */
  locale?: MessageLocale;
}

/** How identifiable records are through their quasi-identifiers. */
export interface KAnonymityMeasure {
  /** Number of records. */
  records: number;
  /** Number of equivalence classes (distinct combinations of quasi-identifier values). */
  classes: number;
  /** The smallest class: the data are k-anonymous for every k up to this (0 when there are no records). */
  smallestClass: number;
  /** Records in classes smaller than `k`. */
  recordsAtRisk: number;
  /** How many classes have each size, smallest size first. */
  classSizes: Array<{ size: number; classes: number }>;
}

/**
 * Measures k-anonymity: records are grouped by their values in the quasi-identifiers (values are
 * compared exactly; missing values form a value of their own, and so does the suppressed marker
 * `'*'`, which matches only other `'*'`).
 *
 * @example
 * ```ts
 * const m = measureKAnonymity(rows, { quasiIdentifiers: ['ageBand', 'sex', 'dept'], k: 5 });
 * m.smallestClass; // 1 → someone is unique
 * m.recordsAtRisk; // records in classes of fewer than 5
 * ```
 */
export function measureKAnonymity(
  records: readonly DataRecord[],
  options: MeasureKAnonymityOptions,
): KAnonymityMeasure {
  const { locale, k = 2 } = options ?? {};
  checkRecords(records, options?.quasiIdentifiers, 'quasiIdentifiers', locale);
  checkInteger(k, 'k', 1, locale);
  const columns = options.quasiIdentifiers.map((field) => encodeColumn(recordColumn(records, field)));
  return summariseClasses(equivalenceClasses(columns, records.length).sizes, k);
}

/** The measure of a list of class sizes. */
export function summariseClasses(sizes: ArrayLike<number>, k: number): KAnonymityMeasure {
  const histogram = new Map<number, number>();
  let records = 0;
  let recordsAtRisk = 0;
  for (let c = 0; c < sizes.length; c++) {
    const size = sizes[c]!;
    histogram.set(size, (histogram.get(size) ?? 0) + 1);
    records += size;
    if (size < k) recordsAtRisk += size;
  }
  const classSizes = [...histogram]
    .map(([size, classes]) => ({ size, classes }))
    .sort((a, b) => a.size - b.size);
  return {
    records,
    classes: sizes.length,
    smallestClass: classSizes[0]?.size ?? 0,
    recordsAtRisk,
    classSizes,
  };
}
