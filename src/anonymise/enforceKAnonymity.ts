import type { MessageLocale } from '../core/issue.js';
import { checkInteger, checkOption } from './anonymiseError.js';
import type { AuditEntry } from './auditEntry.js';
import {
  type CodedColumn,
  encodeColumn,
  equivalenceClasses,
  sameValue,
  valueKey,
} from './equivalenceClasses.js';
import {
  defaultHierarchy,
  type Hierarchy,
  type HierarchyFunction,
  resolveHierarchy,
  SUPPRESSED,
} from './hierarchies.js';
import { SuppressedColumns, suppressLocally } from './localSuppression.js';
import { summariseClasses } from './measureKAnonymity.js';
import { distinctPerClass } from './measureLDiversity.js';
import { checkRecords, type DataRecord, recordColumn, setOwn } from './records.js';

/** Options of {@link enforceKAnonymity}. */
export interface EnforceKAnonymityOptions {
  /** Fields that together could single a person out. */
  quasiIdentifiers: readonly string[];
  /** Every class of equal quasi-identifiers must hold at least k records. */
  k: number;
  /** Generalisation hierarchies by field; the default suits the data (see {@link defaultHierarchy}). */
  hierarchies?: Readonly<Record<string, Hierarchy>>;
  /** Share of records (0–1) that local suppression may touch instead of more generalisation (default 0.05). */
  maxSuppression?: number;
  /** Sensitive field(s) for l-diversity; each must take at least `l` distinct values in every class. */
  sensitive?: string | readonly string[];
  /** Distinct l-diversity to reach as well (needs `sensitive`). */
  l?: number;
  /** Language of error messages (default `ja`). */
  locale?: MessageLocale;
}

/** What {@link enforceKAnonymity} changed. */
export interface EnforceKAnonymityReport {
  k: number;
  l?: number;
  /** The generalisation level chosen per quasi-identifier; `maxLevel` means every value became `'*'`. */
  steps: Array<{ field: string; level: number; maxLevel: number }>;
  /** Quasi-identifier values replaced by `'*'` through local suppression. */
  suppressedCells: number;
  /** Records with at least one locally suppressed value. */
  suppressedRecords: number;
  /** Records removed because their class could not reach l-diversity. */
  removedRecords: number;
  /** Records whose quasi-identifier values differ from the input. */
  recordsChanged: number;
  /** The smallest class in the output (0 when no records are left). */
  smallestClass: number;
  /** Number of classes in the output. */
  classes: number;
  /** Whether every class holds at least k records (and l distinct sensitive values, if asked). */
  satisfied: boolean;
  /** The same in audit-log form. */
  log: AuditEntry[];
}

/** Records made k-anonymous, and the report. */
export interface EnforceKAnonymityResult {
  /** New record objects, in input order (minus removed records). */
  records: Record<string, unknown>[];
  report: EnforceKAnonymityReport;
}

/**
 * Makes records k-anonymous in two stages. First generalisation: one level per quasi-identifier,
 * chosen by a greedy bottom-up walk of the lattice of levels that each time takes the step with the
 * least estimated information loss (generalisation loss level/maxLevel per value, plus one whole
 * record of loss per record still at risk), until at most `maxSuppression` of the records sit in
 * classes smaller than k; then it drops levels again where that lowers the loss. Second, local
 * suppression: the records still at risk get `'*'` in as few quasi-identifiers as possible —
 * subsets of one field first, then two, … — until they join a class of at least k; the rest get
 * `'*'` everywhere, and if that all-`'*'` class is still too small, records are moved into it from
 * classes that can spare them.
 *
 * A suppressed value counts as the value `'*'`: it forms its own value and matches only other
 * `'*'`, never the value it hides. This is the conservative reading, under which an attacker who
 * knows someone's real values cannot be misled into counting `'*'` rows as look-alikes.
 *
 * With `sensitive` and `l`, classes with fewer than l distinct sensitive values are merged into the
 * all-`'*'` class; if that class then fails k or l, its records are removed.
 *
 * @example
 * ```ts
 * const { records: safe, report } = enforceKAnonymity(rows, { quasiIdentifiers: ['age', 'sex', 'dept'], k: 5 });
 * report.steps; // [{ field: 'age', level: 2, maxLevel: 6 }, …]
 * report.smallestClass; // ≥ 5
 * ```
 */
export function enforceKAnonymity(
  records: readonly DataRecord[],
  options: EnforceKAnonymityOptions,
): EnforceKAnonymityResult {
  const locale = options?.locale;
  checkRecords(records, options?.quasiIdentifiers, 'quasiIdentifiers', locale);
  const { quasiIdentifiers: fields, k, maxSuppression = 0.05, l } = options;
  checkInteger(k, 'k', 1, locale);
  checkOption(
    typeof maxSuppression === 'number' && maxSuppression >= 0 && maxSuppression <= 1,
    'maxSuppression',
    { en: 'a share from 0 to 1', ja: '0以上1以下の割合' },
    locale,
  );
  const sensitive = options.sensitive === undefined ? [] : [options.sensitive].flat();
  checkOption(
    sensitive.every((f) => typeof f === 'string') && (l === undefined || sensitive.length > 0),
    'sensitive',
    { en: 'field names, required with l', ja: '項目名（l を指定するときは必須）' },
    locale,
  );
  if (l !== undefined) checkInteger(l, 'l', 1, locale);
  const hierarchies = readHierarchies(options.hierarchies, fields, locale);

  const n = records.length;
  const q = fields.length;
  const ladders = fields.map((field) => new Ladder(recordColumn(records, field), hierarchies.get(field)));
  const levels =
    n < k ? ladders.map((ladder) => ladder.maxLevel) : chooseLevels(ladders, n, k, maxSuppression);
  const generalised = ladders.map((ladder, i) => ladder.at(levels[i]!));

  const starValue = valueKey(SUPPRESSED);
  const state = new SuppressedColumns(
    generalised.map(({ column }) => column),
    generalised.map(({ keys }) => {
      const code = keys.indexOf(starValue);
      return code < 0 ? undefined : code;
    }),
    n,
  );
  suppressLocally(state, k);
  const kept =
    l === undefined
      ? Array.from({ length: n }, (_, i) => i)
      : enforceDiversity(records, state, sensitive, k, l);
  const removedRecords = n - kept.length;

  const out: Record<string, unknown>[] = [];
  const changed = new Array<number>(q).fill(0);
  const suppressedPerField = new Array<number>(q).fill(0);
  let recordsChanged = 0;
  let suppressedRecords = 0;
  for (const i of kept) {
    const record: Record<string, unknown> = { ...records[i] };
    let any = false;
    let touched = false;
    for (let f = 0; f < q; f++) {
      const field = fields[f]!;
      const before = Object.hasOwn(record, field) ? record[field] : undefined;
      const { column, values } = generalised[f]!;
      // Suppression is the only step that changes a code after generalisation.
      const isSuppressed = state.columns[f]!.codes[i] !== column.codes[i];
      const after = isSuppressed ? SUPPRESSED : values[column.codes[i]!];
      if (isSuppressed) {
        suppressedPerField[f]!++;
        touched = true;
      }
      if (!sameValue(after, before)) {
        any = true;
        if (!isSuppressed) changed[f]!++;
        setOwn(record, field, after);
      }
    }
    if (touched) suppressedRecords++;
    if (any) recordsChanged++;
    out.push(record);
  }

  const classes = equivalenceClasses(
    state.columns.map(({ codes, cardinality }) => ({
      codes: Int32Array.from(kept, (i) => codes[i]!),
      cardinality,
    })),
    kept.length,
  );
  const measure = summariseClasses(classes.sizes, k);
  const diverse =
    l === undefined ||
    distinctPerClass(
      classes,
      sensitive.map((field) => {
        const values = recordColumn(records, field);
        return kept.map((i) => values[i]);
      }),
    ).every((d) => d >= l);
  const satisfied = measure.recordsAtRisk === 0 && diverse;

  const steps = fields.map((field, f) => ({ field, level: levels[f]!, maxLevel: ladders[f]!.maxLevel }));
  const log: AuditEntry[] = [];
  steps.forEach(({ field, level, maxLevel }, f) => {
    const suppressedHere = suppressedPerField[f]!;
    if (level > 0)
      log.push({ step: 'generalise', field, count: changed[f]!, parameters: { level, maxLevel } });
    if (suppressedHere > 0) log.push({ step: 'suppressValues', field, count: suppressedHere });
  });
  if (removedRecords > 0)
    log.push({ step: 'removeRecords', count: removedRecords, parameters: { reason: 'lDiversity', l } });
  const suppressedCells = suppressedPerField.reduce((a, b) => a + b, 0);
  log.push({
    step: 'kAnonymity',
    count: out.length,
    parameters: {
      k,
      ...(l === undefined ? {} : { l }),
      smallestClass: measure.smallestClass,
      classes: measure.classes,
      satisfied,
    },
  });
  return {
    records: out,
    report: {
      k,
      ...(l === undefined ? {} : { l }),
      steps,
      suppressedCells,
      suppressedRecords,
      removedRecords,
      recordsChanged,
      smallestClass: measure.smallestClass,
      classes: measure.classes,
      satisfied,
      log,
    },
  };
}

/** One column with its hierarchy, generalised lazily level by level. */
class Ladder {
  readonly maxLevel: number;
  private readonly base: CodedColumn;
  private readonly distinct: unknown[];
  private readonly hierarchy: HierarchyFunction;
  private readonly cache = new Map<number, { column: CodedColumn; values: unknown[]; keys: string[] }>();

  constructor(values: readonly unknown[], hierarchy: Hierarchy | undefined) {
    this.base = encodeColumn(values);
    this.distinct = new Array(this.base.cardinality);
    this.base.codes.forEach((code, i) => {
      this.distinct[code] = values[i];
    });
    this.hierarchy = hierarchy === undefined ? defaultHierarchy(this.distinct) : resolveHierarchy(hierarchy);
    this.maxLevel = this.hierarchy.levels + 1;
  }

  /** The column at a level: codes per record, and the value and key of each code. */
  at(level: number): { column: CodedColumn; values: unknown[]; keys: string[] } {
    let entry = this.cache.get(level);
    if (entry === undefined) {
      // Generalise each distinct value once, then re-code records through it.
      const generalised = this.distinct.map((v) => {
        if (level === 0) return v;
        if (level >= this.maxLevel) return SUPPRESSED;
        return v === undefined || v === null ? v : this.hierarchy.generalise(v, level);
      });
      const recode = encodeColumn(generalised);
      const codes = this.base.codes.map((code) => recode.codes[code]!);
      const values: unknown[] = new Array(recode.cardinality);
      const keys: string[] = new Array(recode.cardinality);
      generalised.forEach((v, code) => {
        values[recode.codes[code]!] = v;
        keys[recode.codes[code]!] = valueKey(v);
      });
      entry = { column: { codes, cardinality: recode.cardinality }, values, keys };
      this.cache.set(level, entry);
    }
    return entry;
  }
}

/** The greedy walk through the lattice of generalisation levels; see {@link enforceKAnonymity}. */
function chooseLevels(ladders: readonly Ladder[], n: number, k: number, maxSuppression: number): number[] {
  const q = ladders.length;
  const allowed = Math.floor(maxSuppression * n);
  const seen = new Map<string, { atRisk: number; cost: number }>();
  const evaluate = (levels: number[]) => {
    const id = levels.join(',');
    let result = seen.get(id);
    if (result === undefined) {
      const classes = equivalenceClasses(
        ladders.map((ladder, i) => ladder.at(levels[i]!).column),
        n,
      );
      let atRisk = 0;
      for (const size of classes.sizes) if (size < k) atRisk += size;
      const loss = levels.reduce((sum, level, i) => sum + level / ladders[i]!.maxLevel, 0);
      result = { atRisk, cost: n * loss + atRisk * q };
      seen.set(id, result);
    }
    return result;
  };
  const neighbours = (levels: number[], step: 1 | -1) =>
    levels.flatMap((level, i) => {
      const next = level + step;
      if (next < 0 || next > ladders[i]!.maxLevel) return [];
      const candidate = [...levels];
      candidate[i] = next;
      return [candidate];
    });

  let current = new Array<number>(q).fill(0);
  let score = evaluate(current);
  for (;;) {
    const feasible = score.atRisk <= allowed;
    let best: { levels: number[]; atRisk: number; cost: number } | undefined;
    for (const candidate of neighbours(current, 1)) {
      const s = evaluate(candidate);
      if (feasible && (s.atRisk > allowed || s.cost >= score.cost)) continue;
      if (best === undefined || s.cost < best.cost || (s.cost === best.cost && s.atRisk < best.atRisk))
        best = { levels: candidate, ...s };
    }
    if (best === undefined) break;
    current = best.levels;
    score = best;
  }
  // Going up greedily can overshoot: step back down wherever that stays feasible and costs less.
  for (let improved = true; improved; ) {
    improved = false;
    for (const candidate of neighbours(current, -1)) {
      const s = evaluate(candidate);
      if (s.atRisk <= allowed && s.cost < score.cost) {
        current = candidate;
        score = s;
        improved = true;
        break;
      }
    }
  }
  return current;
}

/**
 * Merges classes with too few distinct sensitive values into the all-`'*'` class; removes that
 * class if it then fails k or l. Returns the indices of the records kept.
 */
function enforceDiversity(
  records: readonly DataRecord[],
  state: SuppressedColumns,
  sensitive: readonly string[],
  k: number,
  l: number,
): number[] {
  const n = records.length;
  const q = state.columns.length;
  const all = Array.from({ length: n }, (_, i) => i);
  const classes = equivalenceClasses(state.columns, n);
  const sensitiveColumns = sensitive.map((field) => recordColumn(records, field));
  const distinct = distinctPerClass(classes, sensitiveColumns);
  for (const i of all)
    if (distinct[classes.classOf[i]!]! < l) for (let f = 0; f < q; f++) state.suppress(i, f);

  const star = all.filter((i) => state.columns.every((_, f) => state.isStar(i, f)));
  const starDistinct = Math.min(
    ...sensitiveColumns.map((values) => new Set(star.map((i) => valueKey(values[i]))).size),
  );
  if (star.length === 0 || (star.length >= k && starDistinct >= l)) return all;
  const removed = new Set(star);
  return all.filter((i) => !removed.has(i));
}

function readHierarchies(
  value: unknown,
  fields: readonly string[],
  locale: MessageLocale | undefined,
): Map<string, Hierarchy> {
  const out = new Map<string, Hierarchy>();
  if (value === undefined) return out;
  const expected = {
    en: 'per quasi-identifier, { levels, generalise } or { table }',
    ja: '準識別子ごとに { levels, generalise } か { table }',
  };
  checkOption(typeof value === 'object' && value !== null, 'hierarchies', expected, locale);
  for (const [field, hierarchy] of Object.entries(value as Record<string, unknown>)) {
    const h = hierarchy as Partial<HierarchyFunction> & { table?: unknown };
    const ok =
      fields.includes(field) &&
      typeof h === 'object' &&
      h !== null &&
      ((typeof h.generalise === 'function' && Number.isSafeInteger(h.levels) && h.levels! >= 0) ||
        (Array.isArray(h.table) && h.table.every(Array.isArray)));
    checkOption(ok, 'hierarchies', expected, locale);
    out.set(field, hierarchy as Hierarchy);
  }
  return out;
}
