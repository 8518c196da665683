import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonNestingDepth } from '../../src/core/jsonNestingDepth.js';

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

/** The plain definition, one character at a time: what the searching version must agree with. */
function depthByCharacter(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return deepest;
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

  it('agrees with a character-by-character scan on any text, broken JSON included', () => {
    // Quotes, backslash runs, brackets of both kinds, unbalanced and unterminated strings.
    const piece = fc.constantFrom('"', '\\', '\\\\', '[', ']', '{', '}', 'a', '1,', 'é', '神', ':');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        expect(jsonNestingDepth(text)).toBe(depthByCharacter(text));
      }),
      { seed: 16, numRuns: 2000 },
    );
    expect(jsonNestingDepth('"\\\\"[[')).toBe(2);
    expect(jsonNestingDepth('["\\\\\\"[",[[]]]')).toBe(3);
    expect(jsonNestingDepth('"unterminated [[[')).toBe(0);
    expect(jsonNestingDepth('')).toBe(0);
  });

  it('measures text nested far beyond what JSON.parse and a recursive walk survive', () => {
    expect(jsonNestingDepth(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`)).toBe(1_000_000);
    // Many strings holding brackets and escaped quotes: each kind is searched forward only, so this
    // stays linear in the length of the text.
    expect(jsonNestingDepth(`[${'"]{\\\\\\"[",'.repeat(300_000)}[]]`)).toBe(2);
  });
});
