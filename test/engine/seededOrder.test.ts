import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/engine/index.js';
import { seededOrder } from '../../src/engine/seededOrder.js';
import { options, surveyOf, t } from './surveys.js';

describe('seededOrder', () => {
  it('is a permutation, the same for the same seed and question, pinned indexes last in order', () => {
    fc.assert(
      fc.property(
        fc.nat(0xffff_ffff),
        fc.string({ maxLength: 20 }),
        fc.array(fc.boolean(), { maxLength: 12 }),
        (seed, id, pins) => {
          const order = seededOrder(seed, id, pins.length, (i) => pins[i]!);
          expect(seededOrder(seed, id, pins.length, (i) => pins[i]!)).toEqual(order);
          expect([...order].sort((a, b) => a - b)).toEqual(pins.map((_, i) => i));
          const pinned = pins.flatMap((p, i) => (p ? [i] : []));
          expect(order.slice(order.length - pinned.length)).toEqual(pinned);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('spreads orders evenly over seeds and differs between questions', () => {
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 6_000; seed++) {
      const key = seededOrder(seed, 'q1', 3, () => false).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const n of counts.values()) expect(Math.abs(n - 1_000)).toBeLessThan(120);
    const a = Array.from({ length: 20 }, (_, s) => seededOrder(s, 'q1', 8, () => false).join());
    const b = Array.from({ length: 20 }, (_, s) => seededOrder(s, 'q2', 8, () => false).join());
    expect(a).not.toEqual(b);
  });
});

describe('randomisation in sessions', () => {
  const survey = surveyOf([
    { id: 'q', type: 'single', label: t('Q'), options: options(6), randomise: true },
    {
      id: 'm',
      type: 'matrix',
      label: t('M'),
      scale: 'agree4',
      randomise: true,
      items: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, text: t(id) })),
    },
    { id: 'plain', type: 'single', label: t('P'), options: options(4) },
  ]);
  const presented = (seed: number) => {
    const state = createSession(survey, { seed }).getSnapshot();
    return state.questions.map((q) =>
      q.kind === 'matrix'
        ? q.items.map((i) => i.id).join()
        : 'options' in q
          ? q.options.map((o) => o.code).join()
          : '',
    );
  };

  it('gives the same order for the same seed and records it', () => {
    expect(presented(123)).toEqual(presented(123));
    expect(presented(123)[2]).toBe('1,2,3,4');
    const seeds = Array.from({ length: 10 }, (_, i) => presented(i).join('|'));
    expect(new Set(seeds).size).toBeGreaterThan(5);
    const session = createSession(survey, { seed: 123 });
    const result = session.submit();
    expect(result.success && result.response.meta).toMatchObject({
      seed: 123,
      order: { q: presented(123)[0]!.split(',').map(Number), m: presented(123)[1]!.split(',') },
    });
  });

  it('takes the seed as an unsigned 32-bit integer', () => {
    expect(presented(-1)).toEqual(presented(0xffff_ffff));
    const result = createSession(survey, { seed: 2 ** 32 + 5 }).submit();
    expect(result.success && result.response.meta.seed).toBe(5);
  });
});
