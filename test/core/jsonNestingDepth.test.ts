import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonNestingDepth } from '../../src/core/jsonNestingDepth.js';

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('jsonNestingDepth', () => {
  it('equals the nesting of the parsed value, brackets inside strings not counted', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        expect(jsonNestingDepth(JSON.stringify(value))).toBe(depthOf(value));
      }),
    );
    expect(jsonNestingDepth('{"a":"[[[{\\"]]"}')).toBe(1);
  });

  it('measures text nested far beyond what JSON.parse and a recursive walk survive', () => {
    expect(jsonNestingDepth(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`)).toBe(1_000_000);
  });
});
