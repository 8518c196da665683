import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../src/expr/index.js';
import { toXlsForm } from '../../../src/io/workbook/index.js';
import { readXlsx } from '../../../src/io/workbook/readXlsx.js';
import { toXPath } from '../../../src/io/xlsform/xlsFormExpression.js';
import { getTemplate, listTemplates } from '../../../src/templates/index.js';

const LIMITS = { maxEntries: 100, maxEntryBytes: 1e8, maxTotalBytes: 1e8, maxRows: 1e5, maxColumns: 256 };

/** The sheets of an XLSForm as rows of header → value, as pyxform reads them. */
function sheets(bytes: Uint8Array): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const sheet of readXlsx(bytes, LIMITS)) {
    const header = [...(sheet.rows.get(0) ?? new Map())].map(
      ([c, v]) => [c, v.kind === 'value' ? String(v.value) : ''] as const,
    );
    out[sheet.name] = [...sheet.rows]
      .filter(([r]) => r > 0)
      .map(([, cells]) =>
        Object.fromEntries(
          header.flatMap(([c, h]) => {
            const cell = cells.get(c);
            return cell?.kind === 'value' ? [[h, cell.value]] : [];
          }),
        ),
      );
  }
  return out;
}

const xp = (source: string) => {
  const parsed = parseExpression(source);
  if (!parsed.success) throw new Error(source);
  return toXPath(parsed.expr);
};

describe('kizuki expressions as XLSForm XPath', () => {
  it('translates references, selected(), count(), answered() and lists', () => {
    expect(xp('sex = 2 and children > 0')).toEqual({ xpath: '((${sex} = 2) and (${children} > 0))' });
    expect(xp('selected(arrangements, 1)')).toEqual({ xpath: "selected(${arrangements}, '1')" });
    expect(xp('count(arrangements) >= 2')).toEqual({ xpath: '(count-selected(${arrangements}) >= 2)' });
    expect(xp('not answered(age)')).toEqual({ xpath: 'not(string-length(${age}) > 0)' });
    expect(xp('area in [1, 3]')).toEqual({ xpath: '(${area} = 1 or ${area} = 3)' });
    expect(xp('area not in [2]')).toEqual({ xpath: 'not(${area} = 2)' });
    expect(xp('age % 2 = 0')).toEqual({ xpath: '((${age} mod 2) = 0)' });
  });

  it('names what XPath cannot state', () => {
    expect(xp('sum(a, b) > 3')).toEqual({ unsupported: 'sum()' });
    expect(xp('mean(a, b) > 3')).toEqual({ unsupported: 'mean()' });
  });
});

describe('toXlsForm', () => {
  it('writes survey, choices and settings sheets the way ODK users write them', () => {
    const result = toXlsForm(getTemplate('example-all-features')!);
    if (!result.success) throw new Error('not written');
    const form = sheets(result.bytes);
    expect(Object.keys(form)).toEqual(['survey', 'choices', 'settings']);
    const row = (name: string) => form.survey!.find((r) => r.name === name && r.type !== 'end_group')!;
    expect(row('about')).toMatchObject({
      type: 'begin_group',
      'label::Japanese (ja)': 'あなたについて',
      'label::English (en)': 'About you',
    });
    expect(row('sex')).toMatchObject({ type: 'select_one list_sex', required: 'yes' });
    expect(row('age')).toMatchObject({ type: 'integer', constraint: '. >= 15 and . <= 99' });
    expect(row('arrangements')).toMatchObject({
      type: 'select_multiple list_arrangements',
      constraint: 'count-selected(.) >= 1 and count-selected(.) <= 3',
    });
    expect(row('telework_days')).toMatchObject({
      type: 'decimal',
      relevant: "selected(${arrangements}, '1')",
      required: "(selected(${arrangements}, '1') and not(selected(${arrangements}, '6')))",
    });
    expect(row('birth_date')).toMatchObject({
      type: 'date',
      constraint: ". >= date('1920-01-01') and . <= date('2011-12-31')",
    });
    expect(row('work_note')).toMatchObject({ type: 'note' });
    expect(form.choices!.filter((c) => c.list_name === 'list_sex').map((c) => c.name)).toEqual([
      '1',
      '2',
      '3',
      '9',
    ]);
    expect(form.settings![0]).toMatchObject({
      form_id: 'example-all-features',
      version: '1.0.0',
      default_language: 'Japanese (ja)',
    });
    // What XLSForm cannot carry is listed, with its path.
    const dropped = result.dropped.map((d) => `${d.path.join('.')}`);
    expect(dropped).toEqual(
      expect.arrayContaining([
        'scores',
        'benchmarks',
        'passRules',
        'sections.1.questions.1.options.5.exclusive',
      ]),
    );
    expect(result.dropped.find((d) => d.path.join('.') === 'scores')!.message).toBe(
      '得点の定義は XLSForm では表せないため、書き出しません',
    );
  });

  it('writes every built-in template, each matrix as a group of select_one rows on its scale', () => {
    for (const { id } of listTemplates()) {
      const template = getTemplate(id)!;
      const result = toXlsForm(template);
      if (!result.success) throw new Error(id);
      const survey = sheets(result.bytes).survey!;
      for (const section of template.sections) {
        for (const q of section.questions) {
          const names = survey.map((r) => r.name);
          expect(names, `${id} ${q.id}`).toContain(q.id);
          if (q.type === 'matrix') {
            for (const item of q.items) {
              expect(survey.find((r) => r.name === item.id)?.type).toBe(`select_one scale_${q.scale}`);
            }
          }
        }
      }
    }
  });
});
