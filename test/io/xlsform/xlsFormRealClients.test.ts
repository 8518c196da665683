import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromXlsForm, toXlsForm } from '../../../src/io/workbook/index.js';
import { getTemplate } from '../../../src/templates/index.js';
import {
  libreOfficeTestsRun,
  OPENPYXL_PYTHON,
  openpyxlTestsRun,
  saveWithLibreOffice,
} from '../../helpers/spreadsheets.js';
import { householdForm, townForm } from './odkForms.js';
import { writeXlsForm } from './writeXlsForm.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kizuki-xlsform-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ours = (form: typeof townForm) => fromXlsForm({ data: writeXlsForm(form) });

describe.runIf(openpyxlTestsRun)('openpyxl', () => {
  it('writes XLSForms (shared strings, numbers as numbers) that import to the same templates as ours', () => {
    for (const [name, form] of Object.entries({ town: townForm, household: householdForm })) {
      const path = join(dir, `${name}-openpyxl.xlsx`);
      const script = new URL('./writeXlsFormWithOpenpyxl.py', import.meta.url).pathname;
      const run = spawnSync(OPENPYXL_PYTHON, [script, path], {
        input: JSON.stringify(form),
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      const theirs = fromXlsForm({ data: readFileSync(path) });
      const expected = ours(form);
      expect(theirs.template, name).toBeDefined();
      expect(theirs.template).toEqual(expected.template);
      expect(theirs.issues.map((i) => i.message)).toEqual(expected.issues.map((i) => i.message));
    }
  });

  it('opens toXlsForm’s output with the survey, choices and settings sheets and their values', () => {
    const template = getTemplate('example-all-features')!;
    const written = toXlsForm(template);
    if (!written.success) throw new Error('not written');
    const path = join(dir, 'example.xlsform.xlsx');
    writeFileSync(path, written.bytes);
    const script = new URL('../workbook/openWorkbooks.py', import.meta.url).pathname;
    const run = spawnSync(OPENPYXL_PYTHON, [script, path], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(run.status, run.stderr).toBe(0);
    const book = JSON.parse(run.stdout)[path] as {
      sheets: Record<string, { header: string[]; rows: unknown[][] }>;
      warnings: string[];
    };
    expect(book.warnings).toEqual([]);
    expect(Object.keys(book.sheets)).toEqual(['survey', 'choices', 'settings']);
    const survey = book.sheets.survey!;
    expect(survey.header.slice(0, 4)).toEqual([
      'type',
      'name',
      'label::Japanese (ja)',
      'label::English (en)',
    ]);
    const row = (name: string) => {
      const r = survey.rows.find((cells) => cells[1] === name && cells[0] !== 'end_group')!;
      return Object.fromEntries(survey.header.map((h, i) => [h, r[i]]).filter(([, v]) => v !== null));
    };
    expect(row('sex')).toMatchObject({ type: 'select_one list_sex', required: 'yes' });
    expect(row('age')).toMatchObject({ type: 'integer', constraint: '. >= 15 and . <= 99' });
    expect(row('telework_days')).toMatchObject({
      type: 'decimal',
      relevant: "selected(${arrangements}, '1')",
    });
    // Every question of the template is a row, with its Japanese label.
    for (const q of template.sections.flatMap((s) => s.questions)) {
      expect(row(q.id)['label::Japanese (ja)'], q.id).toBe(q.label.ja);
    }
    const settings = book.sheets.settings!;
    expect(Object.fromEntries(settings.header.map((h, i) => [h, settings.rows[0]![i]]))).toEqual({
      form_title: template.title.ja,
      form_id: 'example-all-features',
      version: '1.0.0',
      default_language: 'Japanese (ja)',
    });
    expect(book.sheets.choices!.header).toEqual([
      'list_name',
      'name',
      'label::Japanese (ja)',
      'label::English (en)',
    ]);
  });
});

describe.runIf(libreOfficeTestsRun)('LibreOffice Calc', () => {
  it('saves XLSForms back in its own way, and they import to the same templates', () => {
    const forms = { town: townForm, household: householdForm };
    for (const [name, form] of Object.entries(forms))
      writeFileSync(join(dir, `${name}.xlsx`), writeXlsForm(form));
    const out = join(dir, 'libreoffice');
    mkdirSync(out);
    const run = saveWithLibreOffice(
      Object.keys(forms).map((n) => join(dir, `${n}.xlsx`)),
      out,
      join(dir, 'home'),
    );
    expect(run.status, run.stderr).toBe(0);
    for (const [name, form] of Object.entries(forms)) {
      const theirs = fromXlsForm({ data: readFileSync(join(out, `${name}.xlsx`)) });
      const expected = ours(form);
      expect(theirs.template, name).toEqual(expected.template);
      expect(theirs.issues.map((i) => i.message)).toEqual(expected.issues.map((i) => i.message));
    }
  }, 300_000);
});
