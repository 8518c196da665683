/**
 * A wave's respondent ids: kept as the worker threads send them (NUL-joined text) or as the set a
 * single thread collected, and made into a set only when two waves really share ids. Finding
 * whether they share any is done on pairs of 32-bit hashes, which costs a million ids tens of
 * milliseconds where a set of strings costs half a second.
 */
export interface WaveIds {
  readonly size: number;
  /** Two hashes per id (see {@link idHashes}). */
  hashes(): Int32Array;
  /** The ids themselves, built on first use. */
  set(): Set<string>;
}

/** Ids from NUL-joined lists (empty strings hold no ids), with their hashes if already made. */
export function joinedWaveIds(lists: readonly string[], made?: readonly Int32Array[]): WaveIds {
  const filled = lists.filter((list) => list !== '');
  let size = 0;
  for (const list of filled) {
    size += 1;
    for (let at = list.indexOf('\u0000'); at >= 0; at = list.indexOf('\u0000', at + 1)) size += 1;
  }
  let set: Set<string> | undefined;
  let hashes: Int32Array | undefined;
  return {
    size,
    hashes: () => {
      hashes ??= concatHashes(made ?? filled.map((list) => idHashes(list)));
      return hashes;
    },
    set: () => {
      set ??= new Set(filled.flatMap((list) => list.split('\u0000')));
      return set;
    },
  };
}

/** Ids collected in a set. */
export function setWaveIds(set: Set<string>): WaveIds {
  let hashes: Int32Array | undefined;
  return {
    get size() {
      return set.size;
    },
    hashes: () => {
      hashes ??= idHashes([...set].join('\u0000'));
      return hashes;
    },
    set: () => set,
  };
}

/**
 * The seeds of {@link idHashes}, chosen once per process (ids written to collide under known seeds
 * cannot be planned) and handed to worker threads, whose hashes must match the main thread's.
 */
export const ID_HASH_SEEDS: readonly [number, number] = [
  (Math.random() * 0x100000000) | 0,
  (Math.random() * 0x100000000) | 0,
];

/** Two seeded FNV-1a hashes (with a final mix) of each id of a NUL-joined list, in order: 2 per id. */
export function idHashes(
  joined: string,
  seeds: readonly [number, number] = ID_HASH_SEEDS,
): Int32Array<ArrayBuffer> {
  if (joined === '') return new Int32Array(0);
  const [seedA, seedB] = seeds;
  let count = 1;
  for (let at = joined.indexOf('\u0000'); at >= 0; at = joined.indexOf('\u0000', at + 1)) count += 1;
  const out = new Int32Array(2 * count);
  let a = 0x811c9dc5 ^ seedA;
  let b = 0x01000193 ^ seedB;
  let k = 0;
  for (let i = 0; i <= joined.length; i++) {
    const c = i < joined.length ? joined.charCodeAt(i) : 0;
    if (c !== 0) {
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      continue;
    }
    out[k++] = mix(a);
    out[k++] = mix(b ^ (b >>> 15));
    a = 0x811c9dc5 ^ seedA;
    b = 0x01000193 ^ seedB;
  }
  return out;
}

function mix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function concatHashes(parts: readonly Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Past this many probes the hashes are taken to meet, and the caller compares the ids themselves. */
const MAX_PROBES = 64;

/**
 * Whether two ids of the lists may be equal: false only when no hash pair occurs twice (equal ids
 * always have equal hashes, so false is certain; true may be a collision, and the caller then
 * compares the ids). The lists' own ids are unique, so a pair met twice within one list is such a
 * collision too. The pairs are first sorted into buckets by the top bits of their second hash, and
 * each bucket is checked in a table small enough for the processor's cache: one table for a million
 * ids missed the cache about once per id and took three times as long.
 */
export function hashesMeet(lists: readonly Int32Array[]): boolean {
  let total = 0;
  for (const list of lists) total += list.length / 2;
  let bits = 1;
  while (bits < 16 && total >> bits > 4096) bits += 1;
  const buckets = 1 << bits;
  const shift = 32 - bits;
  const starts = new Int32Array(buckets + 1);
  for (const list of lists) for (let i = 1; i < list.length; i += 2) starts[(list[i]! >>> shift) + 1]! += 1;
  for (let k = 0; k < buckets; k++) starts[k + 1]! += starts[k]!;
  const next = starts.slice(0, buckets);
  const pairs = new Int32Array(2 * total);
  for (const list of lists)
    for (let i = 0; i < list.length; i += 2) {
      const to = 2 * next[list[i + 1]! >>> shift]!++;
      pairs[to] = list[i]!;
      pairs[to + 1] = list[i + 1]!;
    }
  let largest = 0;
  for (let k = 0; k < buckets; k++) largest = Math.max(largest, starts[k + 1]! - starts[k]!);
  let capacity = 16;
  while (capacity < 2 * largest) capacity *= 2;
  const mask = capacity - 1;
  // Slot s holds a pair at 2s, 2s+1; (0, 0) marks an empty slot, so that pair itself is kept aside.
  const table = new Int32Array(2 * capacity);
  let zeroPair = false;
  for (let k = 0; k < buckets; k++) {
    if (k > 0) table.fill(0);
    for (let p = 2 * starts[k]!; p < 2 * starts[k + 1]!; p += 2) {
      const a = pairs[p]!;
      const b = pairs[p + 1]!;
      if ((a | b) === 0) {
        if (zeroPair) return true;
        zeroPair = true;
        continue;
      }
      let at = a & mask;
      for (let probes = 0; (table[2 * at]! | table[2 * at + 1]!) !== 0; at = (at + 1) & mask) {
        if (table[2 * at] === a && table[2 * at + 1] === b) return true;
        if (++probes > MAX_PROBES) return true;
      }
      table[2 * at] = a;
      table[2 * at + 1] = b;
    }
  }
  return false;
}

/** How many ids of `current` are also in `last`: no set of strings is built when none can be. */
export function countLinked(last: WaveIds, current: WaveIds): number {
  if (last.size === 0 || current.size === 0 || !hashesMeet([last.hashes(), current.hashes()])) return 0;
  const earlier = last.set();
  let linked = 0;
  for (const id of current.set()) if (earlier.has(id)) linked += 1;
  return linked;
}
