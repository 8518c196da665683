import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countLinked, hashesMeet, idHashes, joinedWaveIds, setWaveIds } from '../../src/cli/waveIds.js';

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
});
