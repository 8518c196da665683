/**
 * The order in which to present `count` things (option or item indexes), shuffled by a seed that is
 * mixed with the question id, so each randomised question gets its own order, the same for the same
 * seed everywhere. Indexes for which `pinned` is true keep their relative order at the end.
 */
export function seededOrder(
  seed: number,
  questionId: string,
  count: number,
  pinned: (i: number) => boolean,
): number[] {
  const free: number[] = [];
  const last: number[] = [];
  for (let i = 0; i < count; i++) (pinned(i) ? last : free).push(i);
  const next = mulberry32(fnv1a(questionId, seed));
  // Fisher–Yates, drawing from the seeded generator.
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = free[i]!;
    free[i] = free[j]!;
    free[j] = t;
  }
  return free.concat(last);
}

/** FNV-1a over UTF-16 code units, started from the seed: a cheap, well-spread 32-bit mix. */
function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny 32-bit PRNG, plenty for shuffling a handful of options reproducibly. */
function mulberry32(state: number): () => number {
  let a = state;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
