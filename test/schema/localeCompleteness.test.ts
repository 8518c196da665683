import { describe, expect, it } from 'vitest';
import { localeCompleteness } from '../../src/schema/index.js';
import { exampleTemplate, minimalTemplate } from '../helpers/templates.js';

describe('localeCompleteness', () => {
  it('reports every text as translated in a complete template', () => {
    const reports = localeCompleteness({ template: exampleTemplate() });
    expect(reports.map((r) => r.locale)).toEqual(['ja', 'en']);
    for (const r of reports) {
      expect(r.total).toBeGreaterThan(50);
      expect(r.translated).toBe(r.total);
      expect(r.ratio).toBe(1);
      expect(r.missing).toEqual([]);
    }
  });

  it('lists the paths still missing for a locale being added', () => {
    const t = minimalTemplate();
    (t.sections[0]!.title as Record<string, string>).ko = '섹션';
    const [ko] = localeCompleteness({ template: t, locales: ['ko'] });
    expect(ko!.translated).toBe(1);
    expect(ko!.total).toBe(7);
    expect(ko!.missing).toContainEqual(['title']);
    expect(ko!.missing).toContainEqual(['scales', 'yesno', 'options', 0, 'label']);
    expect(ko!.missing).not.toContainEqual(['sections', 0, 'title']);
    expect(ko!.ratio).toBeCloseTo(1 / 7);
  });

  it('counts a blank text as missing', () => {
    const t = minimalTemplate();
    t.title.en = '  ';
    const [, en] = localeCompleteness({ template: t });
    expect(en!.missing).toEqual([['title']]);
  });
});
