import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/schema/index.js';
import { hostileTemplates } from '../fixtures/hostileTemplates.js';

describe('parseTemplate on hostile input', () => {
  it('has a corpus of at least 30 cases', () => {
    expect(hostileTemplates.length).toBeGreaterThanOrEqual(30);
  });

  it.each(hostileTemplates.map((c) => [c.name, c] as const))(
    '%s: issues, quickly, prototype untouched',
    (_name, c) => {
      const input = c.input();
      const started = performance.now();
      const result = parseTemplate(input, { locale: 'en' });
      const elapsed = performance.now() - started;
      expect(result.success).toBe(false);
      if (!result.success) {
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) {
          expect(typeof issue.code).toBe('string');
          expect(Array.isArray(issue.path)).toBe(true);
          expect(issue.message.length).toBeGreaterThan(0);
        }
      }
      // Generous bound for a loaded CI machine; typical cases take a few milliseconds.
      expect(elapsed).toBeLessThan(1000);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    },
  );
});
