import { describe, expect, it } from 'vitest';
import { randomRespondentId } from '../../src/anonymise/index.js';

describe('randomRespondentId', () => {
  it('gives 21 URL-safe characters, different every time', () => {
    const ids = Array.from({ length: 2000 }, () => randomRespondentId());
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses the whole alphabet', () => {
    const seen = new Set(Array.from({ length: 500 }, () => randomRespondentId()).join(''));
    expect(seen.size).toBe(64);
  });
});
