import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/schema/index.js';
import { exampleTemplate } from '../helpers/templates.js';

/** Replaces the value at a random path of the template with an arbitrary value. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

describe('parseTemplate properties', () => {
  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true }),
        (value) => {
          const result = parseTemplate(value);
          expect(result.success).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary JSON text', () => {
    fc.assert(
      fc.property(fc.json(), fc.string(), (json, junk) => {
        parseTemplate(json);
        parseTemplate(junk);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws when any part of a valid template is replaced by arbitrary JSON', () => {
    const base = exampleTemplate();
    const all = paths(base).filter((p) => p.length > 0);
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.jsonValue(), (path, replacement) => {
        const t = structuredClone(base) as unknown as Record<string | number, unknown>;
        let parent: Record<string | number, unknown> = t;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        parent[path.at(-1)!] = replacement;
        const result = parseTemplate(t);
        if (!result.success) {
          for (const issue of result.issues) expect(issue.message).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
  });
});
