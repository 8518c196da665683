import { type CodedColumn, equivalenceClasses } from './equivalenceClasses.js';

/** At most this many field subsets are tried before the remaining records are suppressed entirely. */
const MAX_SUBSETS = 4096;

/**
 * The coded quasi-identifier columns (`codes[field][record]`) with local suppression applied in
 * place: a suppressed cell takes the field's code of `'*'`.
 */
export class SuppressedColumns {
  readonly columns: CodedColumn[];
  /** Per field, the code that stands for `'*'`. */
  readonly star: number[];
  readonly records: number;

  /** `columns` are copied; `starCodes[f]` is the code of `'*'` in column f, or undefined if none has it. */
  constructor(columns: readonly CodedColumn[], starCodes: readonly (number | undefined)[], records: number) {
    this.columns = columns.map((column, f) => {
      const star = starCodes[f];
      return { codes: column.codes.slice(), cardinality: column.cardinality + (star === undefined ? 1 : 0) };
    });
    this.star = columns.map((column, f) => starCodes[f] ?? column.cardinality);
    this.records = records;
  }

  suppress(record: number, field: number): void {
    this.columns[field]!.codes[record] = this.star[field]!;
  }

  isStar(record: number, field: number): boolean {
    return this.columns[field]!.codes[record] === this.star[field];
  }

  /** The class key of a record, as if the fields in `hidden` were suppressed. */
  pattern(record: number, hidden?: ReadonlySet<number>): string {
    let out = '';
    for (let f = 0; f < this.columns.length; f++)
      out += `${hidden?.has(f) ? this.star[f] : this.columns[f]!.codes[record]},`;
    return out;
  }
}

/**
 * Local suppression: every record in a class smaller than k gets `'*'` in as few fields as
 * possible. For subsets of one field, then two, and so on, records that would together (with any
 * records already showing that pattern) form a class of at least k are suppressed in those fields;
 * within a size, subsets that rescue more records go first. Records left over are suppressed in
 * every field, and if that all-`'*'` class is still smaller than k, records are moved into it from
 * classes with room to spare, then whole classes, smallest first.
 */
export function suppressLocally(state: SuppressedColumns, k: number): void {
  const q = state.columns.length;
  const n = state.records;
  if (q === 0 || n === 0) return;
  const { classOf, sizes } = equivalenceClasses(state.columns, n);
  let atRisk: number[] = [];
  const safe = new Map<string, number>();
  const seen = new Uint8Array(sizes.length);
  for (let i = 0; i < n; i++) {
    const c = classOf[i]!;
    if (sizes[c]! < k) atRisk.push(i);
    else if (seen[c] === 0) {
      seen[c] = 1;
      safe.set(state.pattern(i), sizes[c]!);
    }
  }
  if (atRisk.length === 0) return;

  const groupBy = (rows: number[], hidden: ReadonlySet<number>) => {
    const groups = new Map<string, number[]>();
    for (const i of rows) {
      const p = state.pattern(i, hidden);
      const group = groups.get(p);
      if (group) group.push(i);
      else groups.set(p, [i]);
    }
    return groups;
  };
  const rescued = (pattern: string, size: number) => size + (safe.get(pattern) ?? 0) >= k;

  let tried = 0;
  for (let size = 1; size < q && atRisk.length > 0 && tried < MAX_SUBSETS; size++) {
    const subsets: Set<number>[] = [];
    for (const subset of combinations(q, size)) {
      if (tried++ >= MAX_SUBSETS) break;
      subsets.push(new Set(subset));
    }
    const score = (hidden: Set<number>) => {
      let total = 0;
      for (const [p, rows] of groupBy(atRisk, hidden)) if (rescued(p, rows.length)) total += rows.length;
      return total;
    };
    const ranked = subsets
      .map((hidden) => ({ hidden, score: score(hidden) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score);
    for (const { hidden } of ranked) {
      const done = new Set<number>();
      for (const [p, rows] of groupBy(atRisk, hidden)) {
        if (!rescued(p, rows.length)) continue;
        for (const i of rows) {
          for (const f of hidden) state.suppress(i, f);
          done.add(i);
        }
        safe.set(p, (safe.get(p) ?? 0) + rows.length);
      }
      atRisk = atRisk.filter((i) => !done.has(i));
    }
  }

  const everyField = new Set(Array.from({ length: q }, (_, f) => f));
  const all = state.pattern(0, everyField);
  for (const i of atRisk) for (const f of everyField) state.suppress(i, f);
  let inAll = (safe.get(all) ?? 0) + atRisk.length;
  if (inAll === 0 || inAll >= k) return;

  // Borrow: spare records of big classes first, then whole classes, smallest first.
  const groups = [
    ...groupBy(
      Array.from({ length: n }, (_, i) => i),
      new Set(),
    ),
  ].filter(([p]) => p !== all);
  const take = (rows: number[]) => {
    for (const i of rows) for (const f of everyField) state.suppress(i, f);
    inAll += rows.length;
  };
  for (const [, rows] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    if (inAll >= k) return;
    const spare = Math.min(rows.length - k, k - inAll);
    if (spare > 0) take(rows.splice(rows.length - spare, spare));
  }
  for (const [, rows] of groups.sort((a, b) => a[1].length - b[1].length)) {
    if (inAll >= k) return;
    take(rows);
  }
}

/** All subsets of {0…n−1} with `size` members, in lexicographic order. */
function* combinations(n: number, size: number): Generator<number[]> {
  const subset = Array.from({ length: size }, (_, i) => i);
  for (;;) {
    yield [...subset];
    let i = size - 1;
    while (i >= 0 && subset[i] === n - size + i) i--;
    if (i < 0) return;
    subset[i]!++;
    for (let j = i + 1; j < size; j++) subset[j] = subset[j - 1]! + 1;
  }
}
