import type { MessageLocale } from '../core/issue.js';
import { checkInteger, checkOption } from './anonymiseError.js';
import { type Classes, encodeColumn, equivalenceClasses } from './equivalenceClasses.js';
import { checkRecords, type DataRecord, recordColumn } from './records.js';

/** Options of {@link measureLDiversity}. */
export interface MeasureLDiversityOptions {
  /** Fields that together could single a person out. */
  quasiIdentifiers: readonly string[];
  /** The sensitive field whose values must vary within each class. */
  sensitive: string;
  /** Classes with fewer distinct sensitive values than this are counted as failing (default 2). */
  l?: number;
  /** Language of error messages (default `ja`). */
  locale?: MessageLocale;
}

/** How varied the sensitive values are within each equivalence class. */
export interface LDiversityMeasure {
  /** The fewest distinct sensitive values in any class (distinct l-diversity); 0 when there are no records. */
  l: number;
  /** Number of equivalence classes. */
  classes: number;
  /** Classes with fewer than `l` distinct sensitive values (the option). */
  classesBelow: number;
  /** Records in those classes. */
  recordsBelow: number;
}

/**
 * Measures distinct l-diversity: within each class of equal quasi-identifiers, how many different
 * values the sensitive field takes. A class whose members all share one value discloses it even if
 * the class is large. A missing sensitive value counts as one value.
 *
 * @example
 * ```ts
 * measureLDiversity(rows, { quasiIdentifiers: ['ageBand', 'sex'], sensitive: 'health', l: 2 });
 * // { l: 1, classes: 12, classesBelow: 1, recordsBelow: 6 }
 * ```
 */
export function measureLDiversity(
  records: readonly DataRecord[],
  options: MeasureLDiversityOptions,
): LDiversityMeasure {
  const { locale, l = 2 } = options ?? {};
  checkRecords(records, options?.quasiIdentifiers, 'quasiIdentifiers', locale);
  checkOption(
    typeof options.sensitive === 'string',
    'sensitive',
    { en: 'a field name', ja: '項目名' },
    locale,
  );
  checkInteger(l, 'l', 1, locale);
  const columns = options.quasiIdentifiers.map((field) => encodeColumn(recordColumn(records, field)));
  const classes = equivalenceClasses(columns, records.length);
  const distinct = distinctPerClass(classes, [recordColumn(records, options.sensitive)]);
  let min = Number.POSITIVE_INFINITY;
  let classesBelow = 0;
  let recordsBelow = 0;
  distinct.forEach((d, c) => {
    min = Math.min(min, d);
    if (d < l) {
      classesBelow++;
      recordsBelow += classes.sizes[c]!;
    }
  });
  return { l: distinct.length === 0 ? 0 : min, classes: distinct.length, classesBelow, recordsBelow };
}

/** For each class, the fewest distinct values over the given sensitive columns. */
export function distinctPerClass(classes: Classes, sensitiveColumns: readonly unknown[][]): number[] {
  const fewest = new Array<number>(classes.sizes.length).fill(Number.POSITIVE_INFINITY);
  for (const values of sensitiveColumns) {
    const { codes, cardinality } = encodeColumn(values);
    const seen = new Set<number>();
    const counts = new Array<number>(classes.sizes.length).fill(0);
    codes.forEach((code, i) => {
      const c = classes.classOf[i]!;
      const pair = c * cardinality + code;
      if (!seen.has(pair)) {
        seen.add(pair);
        counts[c]!++;
      }
    });
    counts.forEach((count, c) => {
      fewest[c] = Math.min(fewest[c]!, count);
    });
  }
  return fewest.map((f) => (f === Number.POSITIVE_INFINITY ? 0 : f));
}
