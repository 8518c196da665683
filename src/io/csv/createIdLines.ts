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

/**
 * An open-addressing table of ids: one probe sequence per new id, where a `Map` needs a lookup
 * and an insertion, and a million ids cost a `Map` half a second in each worker thread.
 */
export function createIdLines(): IdLines {
  let slots = new Int32Array(1024);
  let hashes = new Int32Array(512);
  const ids: string[] = [];
  const lines: number[] = [];

  /** The slot holding `id`, or the empty slot where it would go. */
  const slotOf = (id: string, hash: number): number => {
    const mask = slots.length - 1;
    let at = hash & mask;
    for (let entry = slots[at]!; entry !== 0; entry = slots[at]!) {
      if (hashes[entry - 1] === hash && ids[entry - 1] === id) return at;
      at = (at + 1) & mask;
    }
    return at;
  };
  const insert = (at: number, id: string, hash: number, line: number): void => {
    if (ids.length === hashes.length) {
      const grown = new Int32Array(hashes.length * 2);
      grown.set(hashes);
      hashes = grown;
    }
    hashes[ids.length] = hash;
    ids.push(id);
    lines.push(line);
    slots[at] = ids.length;
    // Kept at most half full, so that probe sequences stay short.
    if (ids.length * 2 > slots.length) {
      slots = new Int32Array(slots.length * 2);
      const mask = slots.length - 1;
      for (let e = 0; e < ids.length; e++) {
        let p = hashes[e]! & mask;
        while (slots[p] !== 0) p = (p + 1) & mask;
        slots[p] = e + 1;
      }
    }
  };
  return {
    get(id) {
      const entry = slots[slotOf(id, hashOf(id))]!;
      return entry === 0 ? undefined : lines[entry - 1];
    },
    addIfNew(id, line) {
      const hash = hashOf(id);
      const at = slotOf(id, hash);
      if (slots[at] !== 0) return false;
      insert(at, id, hash, line);
      return true;
    },
  };
}

/** FNV-1a over UTF-16 code units, mixed at the end so that the low bits used as a slot vary. */
function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  return hash ^ (hash >>> 13);
}
