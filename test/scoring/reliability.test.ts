import { describe, expect, it } from 'vitest';
import { reliabilityOf } from '../../src/scoring/reliability.js';

/** A reliability state (n, mean/M2 of the total, per item mean/M2/co-moment) from a covariance matrix. */
function stateFromCovariance(n: number, cov: number[][]): Float64Array {
  const k = cov.length;
  const state = new Float64Array(3 + 3 * k);
  state[0] = n;
  state[2] = (n - 1) * cov.flat().reduce((a, b) => a + b, 0);
  cov.forEach((row, i) => {
    state[3 + 3 * i + 1] = (n - 1) * row[i]!;
    state[3 + 3 * i + 2] = (n - 1) * row.reduce((a, b) => a + b, 0);
  });
  return state;
}

describe('Cronbach’s alpha from moments', () => {
  it('matches the StatsBase.jl documentation example', () => {
    // StatsBase.jl, cronbachalpha([10 6 6 6; 6 11 6 6; 6 6 12 6; 6 6 6 13]): alpha 0.8136;
    // if an item is dropped: 0.7500, 0.7606, 0.7714, 0.7826.
    const cov = [
      [10, 6, 6, 6],
      [6, 11, 6, 6],
      [6, 6, 12, 6],
      [6, 6, 6, 13],
    ];
    const r = reliabilityOf(stateFromCovariance(50, cov), 0, ['a', 'b', 'c', 'd'], 5);
    expect(r.alpha).toBeCloseTo(0.8136, 4);
    expect(r.items!.map((i) => i.alphaIfDeleted)).toEqual([
      expect.closeTo(0.75, 4),
      expect.closeTo(0.7606, 4),
      expect.closeTo(0.7714, 4),
      expect.closeTo(0.7826, 4),
    ]);
    // Item–rest correlation of item 1: cov(x₁, rest) = 18, var(rest) = 11 + 12 + 13 + 2·18 = 72.
    expect(r.items![0]!.itemRestCorrelation).toBeCloseTo(18 / Math.sqrt(10 * 72), 12);
  });

  it('is undefined without variance, items or cases, and suppressed below the minimum', () => {
    expect(
      reliabilityOf(
        stateFromCovariance(50, [
          [0, 0],
          [0, 0],
        ]),
        0,
        ['a', 'b'],
        5,
      ).alpha,
    ).toBeNull();
    expect(reliabilityOf(stateFromCovariance(50, [[2]]), 0, ['a'], 5).alpha).toBeNull();
    expect(
      reliabilityOf(
        stateFromCovariance(1, [
          [1, 0],
          [0, 1],
        ]),
        0,
        ['a', 'b'],
        1,
      ).alpha,
    ).toBeNull();
    expect(
      reliabilityOf(
        stateFromCovariance(3, [
          [1, 0.5],
          [0.5, 1],
        ]),
        0,
        ['a', 'b'],
        5,
      ),
    ).toEqual({
      n: 3,
      suppressed: true,
      alpha: null,
      items: null,
    });
    // Two items: alpha exists, alpha-if-deleted does not (one item is left).
    const two = reliabilityOf(
      stateFromCovariance(30, [
        [1, 0.5],
        [0.5, 1],
      ]),
      0,
      ['a', 'b'],
      5,
    );
    expect(two.alpha).toBeCloseTo(2 * (1 - 2 / 3), 12);
    expect(two.items!.every((i) => i.alphaIfDeleted === null)).toBe(true);
  });
});
