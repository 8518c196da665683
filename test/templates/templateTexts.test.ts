import { describe, expect, it } from 'vitest';
import { localeCompleteness, type PathSegment } from '../../src/schema/index.js';
import { getTemplate, listTemplates, templateTexts } from '../../src/templates/index.js';

function at(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const key of path) value = (value as Record<PathSegment, unknown>)[key];
  return value;
}

describe('templateTexts', () => {
  it.each(listTemplates().map((t) => t.id))(
    '%s: one entry per text, unique keys, paths that lead to the text',
    (id) => {
      const template = getTemplate(id)!;
      const texts = templateTexts(template);
      expect(texts).toHaveLength(localeCompleteness({ template })[0]!.total);
      expect(new Set(texts.map((t) => t.key)).size).toBe(texts.length);
      for (const { path, text } of texts) expect(at(template, path)).toBe(text);
    },
  );

  it('keys texts by ids and codes, in reading order', () => {
    const keys = templateTexts(getTemplate('bias-awareness-community')!).map((t) => t.key);
    expect(keys.slice(0, 5)).toEqual([
      'title',
      'description',
      'introduction',
      'audience',
      'provenance.notes',
    ]);
    expect(keys).toEqual(
      expect.arrayContaining([
        'scales.agree4.label',
        'scales.agree4.options.9',
        'sections.home.title',
        'questions.home_items.label',
        'items.h01',
        'questions.sex.options.9',
        'scores.agreed_count.label',
        'benchmarks.0.note',
      ]),
    );
    expect(keys.indexOf('items.h01')).toBeLessThan(keys.indexOf('items.c01'));
    const rules = templateTexts(getTemplate('workplace-attractiveness')!).map((t) => t.key);
    expect(rules.slice(-3)).toEqual([
      'passRules.two_thirds.label',
      'passRules.two_thirds.groups.men.label',
      'passRules.two_thirds.groups.women.label',
    ]);
    const units = templateTexts(getTemplate('employer-practices')!).map((t) => t.key);
    expect(units).toContain('questions.hc_reg_m.unit');
  });
});
