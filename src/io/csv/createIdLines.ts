/**
 * Respondent ids seen so far in a file, each with the line of its first occurrence: what the row
 * mapper and the CSV fast path share to find repeated ids.
 */
export interface IdLines {
  /** The line where `id` was first seen. */
  get(id: string): number | undefined;
  /** Records `id` at `line` and returns true, or returns false when it was seen before. */
  addIfNew(id: string, line: number): boolean;
}

/** Longer probe sequences mean ids made to collide: the table then hands over to a `Map`. */
const MAX_PROBES = 64;

/**
 * An open-addressing table of ids: one probe sequence per new id, where a `Map` needs a lookup
 * and an insertion (a million ids cost a `Map` about half a second in each worker thread). The
 * hash is seeded per table; should ids still pile up on one slot (a file made to slow the reader
 * down), everything moves to a `Map`, whose cost does not depend on the ids. `hash` is for tests.
 */
export function createIdLines(options: { hash?: (id: string) => number } = {}): IdLines {
  const seed = (Math.random() * 0x100000000) >>> 0;
  const hashOf = options.hash ?? ((id: string) => seededHash(id, seed));
  let slots = new Int32Array(1024);
  let hashes = new Int32Array(512);
  const ids: string[] = [];
  const lines: number[] = [];
  let map: Map<string, number> | undefined;

  /** The slot holding `id`, or the empty slot where it would go; -1 after too many probes. */
  const slotOf = (id: string, hash: number): number => {
    const mask = slots.length - 1;
    let at = hash & mask;
    for (let probes = 0, entry = slots[at]!; entry !== 0; entry = slots[at]!) {
      if (hashes[entry - 1] === hash && ids[entry - 1] === id) return at;
      if (++probes > MAX_PROBES) return -1;
      at = (at + 1) & mask;
    }
    return at;
  };
  /** Doubles the slots; false when the ids collide too much to place. */
  const grow = (): boolean => {
    slots = new Int32Array(slots.length * 2);
    const mask = slots.length - 1;
    for (let e = 0; e < ids.length; e++) {
      let p = hashes[e]! & mask;
      for (let probes = 0; slots[p] !== 0; p = (p + 1) & mask) if (++probes > MAX_PROBES) return false;
      slots[p] = e + 1;
    }
    return true;
  };
  const toMap = (): Map<string, number> => {
    const all = new Map<string, number>();
    ids.forEach((id, e) => all.set(id, lines[e]!));
    return all;
  };
  return {
    get(id) {
      if (map !== undefined) return map.get(id);
      const at = slotOf(id, hashOf(id));
      if (at < 0) return toMap().get(id);
      const entry = slots[at]!;
      return entry === 0 ? undefined : lines[entry - 1];
    },
    addIfNew(id, line) {
      if (map === undefined) {
        const hash = hashOf(id);
        const at = slotOf(id, hash);
        if (at >= 0) {
          if (slots[at] !== 0) return false;
          if (ids.length === hashes.length) {
            const longer = new Int32Array(hashes.length * 2);
            longer.set(hashes);
            hashes = longer;
          }
          hashes[ids.length] = hash;
          ids.push(id);
          lines.push(line);
          slots[at] = ids.length;
          // Kept at most half full, so that probe sequences stay short.
          if (ids.length * 2 <= slots.length || grow()) return true;
          map = toMap();
          return true;
        }
        map = toMap();
      }
      if (map.has(id)) return false;
      map.set(id, line);
      return true;
    },
  };
}

/** FNV-1a over UTF-16 code units from a seeded start, mixed at the end so that the low bits vary. */
function seededHash(id: string, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  return hash ^ (hash >>> 13);
}
