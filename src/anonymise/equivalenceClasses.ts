import { canonicalJson } from '../core/canonicalJson.js';

/**
 * A key that is equal exactly when two values are the same for class forming: numbers, strings
 * and booleans by value and type; `undefined` and `null` are both "missing"; arrays and objects by
 * their canonical JSON. The suppressed marker `'*'` is a string like any other, so it matches only
 * other `'*'` values.
 */
export function valueKey(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return `n${value}`;
    case 'string':
      return `s${value}`;
    case 'boolean':
      return `b${value}`;
    case 'undefined':
      return 'm';
    default:
      return value === null ? 'm' : `j${canonicalJson(value)}`;
  }
}

/** Whether two values have the same {@link valueKey}. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b || (a == null && b == null)) return true;
  return typeof a === 'object' && typeof b === 'object' && valueKey(a) === valueKey(b);
}

/** A column of values as dense integer codes 0…cardinality−1. */
export interface CodedColumn {
  codes: Int32Array;
  cardinality: number;
}

/** Codes a column of values by {@link valueKey}. */
export function encodeColumn(values: readonly unknown[]): CodedColumn {
  const ids = new Map<string, number>();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const key = valueKey(values[i]);
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    codes[i] = id;
  }
  return { codes, cardinality: ids.size };
}

/** Equivalence classes: the class of every record and the size of every class. */
export interface Classes {
  classOf: Int32Array;
  sizes: Int32Array;
}

/**
 * Groups records by the combination of their codes in every column. Columns are combined pairwise
 * into dense ids, through a flat table when small and an open-addressing hash table otherwise, so
 * the work stays linear in the number of records.
 */
export function equivalenceClasses(columns: readonly CodedColumn[], count: number): Classes {
  let current: CodedColumn = columns[0] ?? { codes: new Int32Array(count), cardinality: count > 0 ? 1 : 0 };
  for (let c = 1; c < columns.length; c++) current = combine(current, columns[c]!);
  const sizes = new Int32Array(current.cardinality);
  const codes = current.codes;
  for (let i = 0; i < codes.length; i++) sizes[codes[i]!]!++;
  return { classOf: codes, sizes };
}

function combine(a: CodedColumn, b: CodedColumn): CodedColumn {
  const n = a.codes.length;
  const codes = new Int32Array(n);
  let next = 0;
  if (a.cardinality * b.cardinality <= Math.max(1 << 16, 4 * n)) {
    const table = new Int32Array(a.cardinality * b.cardinality).fill(-1);
    for (let i = 0; i < n; i++) {
      const slot = a.codes[i]! * b.cardinality + b.codes[i]!;
      let id = table[slot]!;
      if (id < 0) {
        id = next++;
        table[slot] = id;
      }
      codes[i] = id;
    }
    return { codes, cardinality: next };
  }
  // Open addressing with linear probing; at most n distinct pairs in a table of ≥ 2n slots.
  let size = 1;
  while (size < 2 * n) size <<= 1;
  const mask = size - 1;
  const keyA = new Int32Array(size).fill(-1);
  const keyB = new Int32Array(size);
  const ids = new Int32Array(size);
  for (let i = 0; i < n; i++) {
    const x = a.codes[i]!;
    const y = b.codes[i]!;
    let slot = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77)) & mask;
    for (;;) {
      if (keyA[slot] === -1) {
        keyA[slot] = x;
        keyB[slot] = y;
        ids[slot] = next;
        codes[i] = next++;
        break;
      }
      if (keyA[slot] === x && keyB[slot] === y) {
        codes[i] = ids[slot]!;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { codes, cardinality: next };
}
