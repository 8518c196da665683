import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTimeReader } from '../../src/cli/createTimeReader.js';

const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));

// ISO date-times as respondents' devices write them, with parts now and then out of range.
const isoTime = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
    month: two(13),
    day: two(32),
    hour: two(25),
    minute: two(60),
    second: two(60),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }),
    zone: fc.oneof(
      fc.constant('Z'),
      fc.tuple(fc.constantFrom('+', '-'), two(24), two(60)).map(([sign, h, m]) => `${sign}${h}:${m}`),
    ),
  })
  .map(
    (t) =>
      `${t.year}-${t.month}-${t.day}T${t.hour}:${t.minute}:${t.second}${t.fraction === undefined ? '' : `.${t.fraction}`}${t.zone}`,
  );

describe('createTimeReader', () => {
  it('gives what Date.parse gives for ISO date-times, valid or not, in any order', () => {
    fc.assert(
      fc.property(fc.array(isoTime, { maxLength: 30 }), (texts) => {
        const read = createTimeReader();
        for (const text of texts) expect(read(text)).toBe(Date.parse(text));
      }),
      { seed: 20261205, numRuns: 300 },
    );
  });

  it('gives what Date.parse gives for other text, and NaN where it does', () => {
    const read = createTimeReader();
    const texts = [
      '',
      '2026-06-01',
      '2026-06-01T09:30:00',
      '2026-06-01t09:30:00z',
      '2026-06-01T09:30:00.Z',
      '2026-06-01T09:30:00Z ',
      '2026-06-01T09:30:00+0900',
      '2026-06-01T24:00:00Z',
      '2026-06-01T09:30:60Z',
      '+002026-06-01T09:30:00Z',
      'June 1, 2026 09:30',
      '２０２６-06-01T09:30:00Z',
      '2026-06-01T09:30:00.123456789-09:30',
    ];
    for (const text of texts) expect(read(text)).toBe(Date.parse(text));
    // A day met again after others is read from its own date, not the last one's.
    expect(read('2026-06-01T00:00:00Z')).toBe(Date.UTC(2026, 5, 1));
    expect(read('2025-06-01T00:00:00Z')).toBe(Date.UTC(2025, 5, 1));
  });
});
