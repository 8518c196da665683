import { describe, expect, it } from 'vitest';
import { compareGapChange, ScoringError } from '../../src/scoring/index.js';
import { waveResult, waveSeries } from '../report/wavesFixture.js';

const [first, second] = waveSeries(2, 51, 1);
const before = waveResult(first!);
const after = waveResult(second!);

describe('compareGapChange', () => {
  it('is the difference of the two gaps with the Wald variance of four independent groups', () => {
    const changes = compareGapChange({ before: before.gaps[0]!, after: after.gaps[0]! });
    expect(changes.map((c) => c.id)).toEqual(after.gaps[0]!.items.map((i) => i.id));
    let checked = 0;
    for (const c of changes) {
      const a = after.gaps[0]!.items.find((i) => i.id === c.id)!.favourable;
      const b = before.gaps[0]!.items.find((i) => i.id === c.id)!.favourable;
      // Items without favourable answers (plain choice questions) have no gap to compare.
      if (a === null || b === null) {
        expect(c.change).toBeNull();
        continue;
      }
      checked += 1;
      const variance = [a, b].reduce(
        (sum, d) => sum + (d.a * (1 - d.a)) / d.nA + (d.b * (1 - d.b)) / d.nB!,
        0,
      );
      const se = Math.sqrt(variance) * 100;
      expect(c.before).toBe(b.points);
      expect(c.after).toBe(a.points);
      expect(c.change!.difference).toBeCloseTo(a.points - b.points, 10);
      expect(c.change!.upper - c.change!.difference).toBeCloseTo(1.959963984540054 * se, 8);
      // Two-sided normal p-value: z = difference / se.
      expect(c.change!.z).toBeCloseTo(c.change!.difference / se, 10);
      expect(c.weighted).toBe(false);
    }
    expect(checked).toBe(40);
  });

  it('refuses gaps between different groups, in ja and en', () => {
    const other = { ...after.gaps[0]!, a: 2, b: 1 };
    expect(() => compareGapChange({ before: before.gaps[0]!, after: other })).toThrow(ScoringError);
    expect(() => compareGapChange({ before: before.gaps[0]!, after: other })).toThrow(
      '前の回と同じグループ間の差',
    );
    expect(() => compareGapChange({ before: before.gaps[0]!, after: other, locale: 'en' })).toThrow(
      'the gap between the same groups as in the earlier wave',
    );
  });
});
