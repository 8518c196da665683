import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countLinked,
  hashesMeet,
  idHashes,
  joinedWaveIds,
  setWaveIds,
  type WaveIds,
} from '../../src/cli/waveIds.js';

const idArb = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes('\u0000'));

describe('wave ids', () => {
  it('counts the ids two waves share exactly, however the ids are kept', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(idArb, { maxLength: 300 }),
        fc.uniqueArray(idArb, { maxLength: 300 }),
        fc.nat(4),
        (a, b, parts) => {
          const expected = b.filter((id) => a.includes(id)).length;
          // The later wave as NUL-joined lists from several threads, the earlier as a set.
          const size = Math.ceil(b.length / (parts + 1));
          const lists = Array.from({ length: parts + 1 }, (_, k) =>
            b.slice(k * size, (k + 1) * size).join('\u0000'),
          );
          const joined = joinedWaveIds(lists);
          expect(joined.size).toBe(b.length);
          expect(countLinked(setWaveIds(new Set(a)), joined)).toBe(expected);
          expect(countLinked(joined, setWaveIds(new Set(a)))).toBe(expected);
          expect([...joined.set()].sort()).toEqual([...b].sort());
        },
      ),
      { seed: 20261205, numRuns: 200 },
    );
  });

  it('tells slices that share no id apart from slices that share one, on 200,000 ids', () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => `bench${i.toString(36).padStart(16, '0')}`);
    const first = idHashes(ids.slice(0, 100_000).join('\u0000'));
    const second = idHashes(ids.slice(100_000).join('\u0000'));
    expect(first.length).toBe(200_000);
    expect(hashesMeet([first, second])).toBe(false);
    const repeated = idHashes([...ids.slice(100_000, 150_000), ids[5]!].join('\u0000'));
    expect(hashesMeet([first, repeated])).toBe(true);
    expect(hashesMeet([first, new Int32Array(0)])).toBe(false);
  });

  it('gives equal hashes for equal ids, wherever they sit in a list', () => {
    const alone = idHashes('abc');
    const inList = idHashes('x\u0000abc\u0000yy');
    expect([inList[2], inList[3]]).toEqual([alone[0], alone[1]]);
    expect(idHashes('')).toHaveLength(0);
  });

  it('finds a hash pair met twice exactly when a direct search does, in small and bucketed lists', () => {
    // Pairs from a small range, so that many meet; long lists so that they are split into buckets.
    const pair = fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
    const list = fc.array(pair, { maxLength: 2_000 });
    fc.assert(
      fc.property(fc.array(list, { maxLength: 4 }), fc.boolean(), (lists, spread) => {
        // Spread: the first hashes made distinct, so that most lists meet nowhere.
        const made = lists.map((pairs, l) =>
          Int32Array.from(pairs.flatMap(([a, b], i) => [spread ? a * 100_000 + l * 10_000 + i : a, b])),
        );
        const seen = new Set<string>();
        let twice = false;
        for (const hashes of made)
          for (let i = 0; i < hashes.length; i += 2) {
            const key = `${hashes[i]},${hashes[i + 1]}`;
            if (seen.has(key)) twice = true;
            seen.add(key);
          }
        expect(hashesMeet(made)).toBe(twice);
      }),
      { seed: 20261205, numRuns: 150 },
    );
    // The pair (0, 0), which marks empty slots, is still found twice.
    expect(hashesMeet([Int32Array.of(0, 0), Int32Array.of(5, 6, 0, 0)])).toBe(true);
    expect(hashesMeet([Int32Array.of(0, 0), Int32Array.of(5, 6)])).toBe(false);
  });

  it('counts shared ids exactly when different ids have equal hashes', () => {
    // Every id hashed alike: the hashes always meet, and only the ids themselves can tell.
    const colliding = (ids: string[]): WaveIds => ({
      size: ids.length,
      hashes: () => new Int32Array(2 * ids.length).fill(7),
      set: () => new Set(ids),
    });
    const last = colliding(['a', 'b', 'c', 'd']);
    expect(countLinked(last, colliding(['x', 'y']))).toBe(0);
    expect(countLinked(last, colliding(['b', 'd', 'z']))).toBe(2);
    expect(countLinked(colliding([]), last)).toBe(0);
  });
});
