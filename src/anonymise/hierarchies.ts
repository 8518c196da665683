import { valueKey } from './equivalenceClasses.js';

/** The marker of a suppressed or fully generalised value. */
export const SUPPRESSED = '*';

/**
 * A generalisation hierarchy as a function: `generalise(value, level)` for levels 1…`levels`, each
 * coarser than the one before. Level 0 is the value itself; after the last level comes `'*'`.
 * Missing values (`undefined`, `null`) are never passed in: they stay missing until `'*'`.
 */
export interface HierarchyFunction {
  levels: number;
  generalise: (value: unknown, level: number) => unknown;
}

/**
 * A generalisation hierarchy as a table: each row is a value followed by its generalisations,
 * finest first, e.g. `[34, '30-34', '30-39', '<50']`. Values not in the table become `'*'` at level 1.
 */
export interface HierarchyTable {
  table: ReadonlyArray<readonly unknown[]>;
}

/** A generalisation hierarchy for one quasi-identifier. */
export type Hierarchy = HierarchyFunction | HierarchyTable;

/**
 * A hierarchy of numeric ranges that widen level by level, aligned at multiples of each width:
 * with widths `[5, 10, 20]`, 34 becomes `'30-34'`, `'30-39'`, `'20-39'`, then `'*'`. Labels read
 * `lo-hi` (both included) for whole numbers, `lo-<hi` otherwise. Values that are not finite
 * numbers (such as an already top-coded `'70+'`) pass unchanged until `'*'`.
 *
 * @example
 * ```ts
 * enforceKAnonymity(records, { quasiIdentifiers: ['age', 'sex'], k: 5, hierarchies: { age: rangeHierarchy({ widths: [5, 10, 20] }) } });
 * ```
 */
export function rangeHierarchy(options: { widths: readonly number[]; integer?: boolean }): HierarchyFunction {
  const widths = [...options.widths];
  const integer = options.integer ?? widths.every(Number.isInteger);
  return {
    levels: widths.length,
    generalise(value, level) {
      const width = widths[level - 1];
      if (typeof value !== 'number' || !Number.isFinite(value) || width === undefined) return value;
      const lo = tidy(Math.floor(value / width) * width);
      return formatRange(lo, tidy(lo + width), integer);
    },
  };
}

/**
 * A hierarchy of ISO dates: `'1985-04-12'` becomes `'1985-04'`, then `'1985'`, then `'*'`.
 * Other values pass unchanged until `'*'`.
 *
 * @example
 * ```ts
 * enforceKAnonymity(records, { quasiIdentifiers: ['joined'], k: 5, hierarchies: { joined: dateHierarchy() } });
 * ```
 */
export function dateHierarchy(): HierarchyFunction {
  return { levels: 2, generalise: (value, level) => coarsenDate(value, level === 1 ? 'month' : 'year') };
}

/** `YYYY-MM-DD` or `YYYY-MM` cut to month or year; anything else unchanged. */
export function coarsenDate(value: unknown, to: 'month' | 'year'): unknown {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return value;
  return value.slice(0, to === 'month' ? 7 : 4);
}

const ISO_DATE = /^\d{4}-\d{2}(?:-\d{2})?$/;

/** A range label: `30-39` for whole numbers (both ends included), `2.5-<5` otherwise. */
export function formatRange(lo: number, hi: number, integer: boolean): string {
  return integer ? `${lo}-${hi - 1}` : `${lo}-<${hi}`;
}

/** Rounds away binary noise such as 0.30000000000000004. */
export function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

/** Turns a hierarchy into a function of (value, level), where level `levels + 1` is `'*'`. */
export function resolveHierarchy(hierarchy: Hierarchy): HierarchyFunction {
  if ('generalise' in hierarchy) return hierarchy;
  const rows = new Map<string, readonly unknown[]>();
  let levels = 0;
  for (const row of hierarchy.table) {
    if (row.length === 0) continue;
    rows.set(valueKey(row[0]), row);
    levels = Math.max(levels, row.length - 1);
  }
  return {
    levels,
    generalise: (value, level) => {
      const row = rows.get(valueKey(value));
      return row === undefined || level >= row.length ? SUPPRESSED : row[level];
    },
  };
}

/**
 * The default hierarchy for a column: widening ranges for numbers (starting near a sixteenth of the
 * range, doubling until one range would hold every value), dates by month then year, and for
 * anything else straight to `'*'`.
 */
export function defaultHierarchy(values: readonly unknown[]): HierarchyFunction {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integer = true;
  let dates = 0;
  let others = 0;
  for (const v of values) {
    if (typeof v === 'number' && Number.isFinite(v)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      integer &&= Number.isInteger(v);
    } else if (typeof v === 'string' && ISO_DATE.test(v)) dates++;
    else if (v !== undefined && v !== null) others++;
  }
  if (min <= max) {
    const base = niceNumber((max - min) / 16);
    const widths: number[] = [];
    for (
      let w = integer ? Math.max(1, Math.round(base)) : base;
      Math.floor(min / w) !== Math.floor(max / w);
      w *= 2
    )
      widths.push(w);
    return rangeHierarchy({ widths, integer });
  }
  if (dates > 0 && others === 0) return dateHierarchy();
  return { levels: 0, generalise: (value) => value };
}

/** 1, 2 or 5 times a power of ten, near x. */
function niceNumber(x: number): number {
  if (!(x > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(x));
  const f = x / power;
  return tidy((f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * power);
}
