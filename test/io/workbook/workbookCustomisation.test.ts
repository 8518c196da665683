import { describe, expect, it } from 'vitest';
import { templateToWorkbook, workbookToTemplate } from '../../../src/io/workbook/index.js';
import { hashTemplate } from '../../../src/schema/index.js';
import { getTemplate } from '../../../src/templates/index.js';
import { column, editWorkbook } from './editWorkbook.js';

const base = getTemplate('bias-awareness-community')!;
const written = templateToWorkbook(base);
if (!written.success) throw new Error('not written');
const bytes = written.bytes;

/** The row (grid index) of a question or item id on the questions sheet. */
const rowOf = (grid: unknown[][], id: string) => grid.findIndex((row) => row[1] === id);

describe('a workbook made from a base template', () => {
  it('expresses an officer’s edits as customisations, so the id rule applies', () => {
    const edited = editWorkbook(bytes, (grids) => {
      const settings = grids.get('設定')!;
      settings[settings.findIndex((r) => r[0] === 'id')]![2] = 'toyooka-bias-2026';
      settings.push(['provenance.authors', '', '豊岡市']);
      // The municipality's name filled in where the template has {municipality}.
      for (const row of settings) {
        for (const [i, cell] of row.entries()) {
          if (typeof cell === 'string' && cell.includes('{municipality}')) {
            row[i] = cell.replaceAll('{municipality}', i === 3 ? '豊岡市' : 'Toyooka City');
          }
        }
      }
      const q = grids.get('設問')!;
      const ja = column(q, '文言 (ja)');
      const en = column(q, '文言 (en)');
      // Reworded in meaning: gets a new id.
      q[rowOf(q, 'c08')]![ja] = '消防団の団員は、男性が務めるものだ。';
      q[rowOf(q, 'c08')]![en] = 'Fire brigade members should be men.';
      // A typo fixed, marked editorial: keeps its id.
      q[rowOf(q, 'c01')]![ja] = `${q[rowOf(q, 'c01')]![ja]}　`;
      q[rowOf(q, 'c01')]![column(q, '表記修正のみ')] = 'はい';
      // Removed, and taken out of the scores that used it.
      q.splice(rowOf(q, 'c03'), 1);
      const scores = grids.get('得点')!;
      const items = column(scores, '項目');
      for (const row of scores.slice(1)) {
        row[items] = String(row[items])
          .split(', ')
          .filter((id) => id !== 'c03')
          .join(', ');
      }
    });
    const result = workbookToTemplate(edited, { base });
    expect(result.issues).toEqual([]);
    if (!result.success) return;
    expect(result.changes!.map((c) => `${c.kind} ${'id' in c ? c.id : ''}`)).toEqual([
      'substitute ',
      'removeItem c03',
      'rewordItem c01',
      'rewordItem c08',
    ]);
    const { derivedFrom } = result.template;
    expect(derivedFrom?.id).toBe(base.id);
    expect(derivedFrom?.hash).toBe(hashTemplate(base));
    expect(derivedFrom?.changes.find((c) => c.target === 'c08')?.replacedBy).toBe('c08_m1');
    expect(derivedFrom?.changes.find((c) => c.target === 'c01')).toMatchObject({ editorial: true });
    expect(result.template.provenance.authors).toContain('豊岡市');
    expect(result.changes![0]).toEqual({
      kind: 'substitute',
      values: { municipality: { ja: '豊岡市', en: 'Toyooka City' } },
    });
    expect(result.template.introduction?.ja.startsWith('豊岡市では')).toBe(true);
  });

  it('refuses an edit no customisation can express, at its cell', () => {
    const edited = editWorkbook(bytes, (grids) => {
      const settings = grids.get('設定')!;
      settings[settings.findIndex((r) => r[0] === 'id')]![2] = 'toyooka-bias-2026';
      const scores = grids.get('得点')!;
      const method = column(scores, '計算方法');
      scores[1]![method] = scores[1]![method] === 'sum' ? 'mean' : 'sum';
    });
    const result = workbookToTemplate(edited, { base });
    expect(result.success).toBe(false);
    expect(result.issues[0]!.code).toBe('not_a_customisation');
    expect(result.issues[0]!.message).toMatch(/^得点!E2: /);
  });

  it('asks for a new id when the base’s id is kept', () => {
    const result = workbookToTemplate(bytes, { base });
    expect(result.issues.map((i) => `${i.path.join('!')} ${i.code}`)).toEqual(['設定!C2 same_template_id']);
  });
});
