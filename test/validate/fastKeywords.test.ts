import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../../src/validate/createAjv.js';

// UTF-16 strings of every kind: ASCII, kana, astral characters, and lone surrogates.
const utf16 = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }),
      fc.integer({ min: 0x3040, max: 0x30ff }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
    ),
    { maxLength: 24 },
  )
  .map((units) => String.fromCharCode(...units));

describe('fastKeywords', () => {
  const ours = createAjv();
  const plain = new Ajv2020({ strict: true });

  it('maxLength and minLength count code points exactly as ajv does', () => {
    const cache = new Map<number, [(v: unknown) => boolean, (v: unknown) => boolean]>();
    const compiled = (keyword: 'maxLength' | 'minLength', limit: number) => {
      const key = limit * 2 + (keyword === 'maxLength' ? 0 : 1);
      if (!cache.has(key)) {
        const schema = { type: 'string', [keyword]: limit };
        cache.set(key, [ours.compile(schema), plain.compile(schema)]);
      }
      return cache.get(key)!;
    };
    fc.assert(
      fc.property(
        utf16,
        fc.integer({ min: 0, max: 16 }),
        fc.constantFrom('maxLength' as const, 'minLength' as const),
        (s, limit, keyword) => {
          const [fast, reference] = compiled(keyword, limit);
          const codePoints = [...s].length;
          expect(fast(s)).toBe(keyword === 'maxLength' ? codePoints <= limit : codePoints >= limit);
          expect(fast(s)).toBe(reference(s));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('uniqueItems finds duplicates exactly as ajv does, with -0 equal to 0', () => {
    const schema = { type: 'array', maxItems: 12, uniqueItems: true, items: { type: 'integer' } };
    const fast = ours.compile(schema);
    const reference = plain.compile(schema);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -3, max: 6 }), fc.constant(-0)), { maxLength: 12 }),
        (codes) => {
          expect(fast(codes)).toBe(new Set(codes).size === codes.length);
          expect(fast(codes)).toBe(reference(codes));
        },
      ),
      { numRuns: 1_000 },
    );
    expect(fast([0, -0])).toBe(false);
  });
});
