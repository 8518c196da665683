import { describe, expect, it } from 'vitest';
import { timingSafeIncludes } from '../../src/collect/secrets.js';

// The admin token check: its time cannot be asserted on a shared machine, so this checks what the
// comparison answers, including the cases a short-circuiting compare is usually written for.
describe('timingSafeIncludes', () => {
  const hashes = ['a'.repeat(64), `${'b'.repeat(63)}c`];
  it('finds a token only when one candidate equals it in full', () => {
    expect(timingSafeIncludes(hashes, 'a'.repeat(64))).toBe(true);
    expect(timingSafeIncludes(hashes, `${'b'.repeat(63)}c`)).toBe(true);
    expect(timingSafeIncludes(hashes, 'b'.repeat(64))).toBe(false); // all but the last character
    expect(timingSafeIncludes(hashes, 'a'.repeat(63))).toBe(false); // a prefix
    expect(timingSafeIncludes(hashes, 'a'.repeat(65))).toBe(false); // longer
    expect(timingSafeIncludes(hashes, '')).toBe(false);
    expect(timingSafeIncludes([], '')).toBe(false);
    expect(timingSafeIncludes([''], '')).toBe(true);
  });
});
