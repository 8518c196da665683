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
      hashes ??= concatHashes(made ?? filled.map(idHashes));
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

// Chosen once per process: ids written to collide under known seeds cannot be planned.
const SEED_A = (Math.random() * 0x100000000) | 0;
const SEED_B = (Math.random() * 0x100000000) | 0;

/** Two seeded FNV-1a hashes (with a final mix) of each id of a NUL-joined list, in order: 2 per id. */
export function idHashes(joined: string): Int32Array {
  if (joined === '') return new Int32Array(0);
  let count = 1;
  for (let at = joined.indexOf('\u0000'); at >= 0; at = joined.indexOf('\u0000', at + 1)) count += 1;
  const out = new Int32Array(2 * count);
  let a = 0x811c9dc5 ^ SEED_A;
  let b = 0x01000193 ^ SEED_B;
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
    a = 0x811c9dc5 ^ SEED_A;
    b = 0x01000193 ^ SEED_B;
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
 * Whether some id of a later list may also be in an earlier one: false only when no hash pair of
 * a list occurs in the lists before it (equal ids always have equal hashes, so false is certain;
 * true may be a collision, and the caller then compares the ids).
 */
export function hashesMeet(lists: readonly Int32Array[]): boolean {
  const total = lists.reduce((n, list) => n + list.length / 2, 0);
  let capacity = 1024;
  while (capacity < 2 * total) capacity *= 2;
  const mask = capacity - 1;
  // Slot s holds a pair at 2s, 2s+1; empty slots are marked in `used`.
  const table = new Int32Array(2 * capacity);
  const used = new Uint8Array(capacity);
  for (const list of lists) {
    for (let i = 0; i < list.length; i += 2) {
      let at = list[i]! & mask;
      for (let probes = 0; used[at] === 1; at = (at + 1) & mask) {
        if (table[2 * at] === list[i] && table[2 * at + 1] === list[i + 1]) return true;
        if (++probes > MAX_PROBES) return true;
      }
    }
    for (let i = 0; i < list.length; i += 2) {
      let at = list[i]! & mask;
      for (let probes = 0; used[at] === 1; at = (at + 1) & mask) if (++probes > MAX_PROBES) return true;
      used[at] = 1;
      table[2 * at] = list[i]!;
      table[2 * at + 1] = list[i + 1]!;
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
