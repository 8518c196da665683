import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateToWorkbook, workbookToTemplate } from '../../../src/io/workbook/index.js';
import { hashTemplate, type Template } from '../../../src/schema/index.js';
import { getTemplate, listTemplates } from '../../../src/templates/index.js';
import {
  libreOfficeTestsRun,
  OPENPYXL_PYTHON,
  openpyxlTestsRun,
  saveWithLibreOffice,
} from '../../helpers/spreadsheets.js';

const templates = listTemplates().map(({ id }) => getTemplate(id)!);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kizuki-workbook-'));
  for (const template of templates) {
    const written = templateToWorkbook(template);
    if (!written.success) throw new Error(`${template.id} not written`);
    writeFileSync(join(dir, `${template.id}.xlsx`), written.bytes);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Seen {
  sheets: Record<
    string,
    { header: unknown[]; freeze: string | null; lists: [string, string][]; notes: number; rows: unknown[][] }
  >;
  warnings: string[];
}

function openWithOpenpyxl(paths: string[]): Record<string, Seen> {
  const script = new URL('./openWorkbooks.py', import.meta.url).pathname;
  const run = spawnSync(OPENPYXL_PYTHON, [script, ...paths], { encoding: 'utf8', maxBuffer: 1 << 27 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

describe.runIf(openpyxlTestsRun)('openpyxl opens the workbook of every built-in template', () => {
  it('with the sheets, values, drop-down lists, frozen headers and notes', () => {
    const seen = openWithOpenpyxl(templates.map((t) => join(dir, `${t.id}.xlsx`)));
    for (const template of templates) {
      const book = seen[join(dir, `${template.id}.xlsx`)]!;
      expect(book.warnings).toEqual([]);
      expect(Object.keys(book.sheets)).toEqual([
        '設定',
        '節',
        '設問',
        '選択肢',
        '尺度',
        '得点',
        '基準値',
        '合格基準',
        '出典',
        '変更履歴',
      ]);
      const questions = book.sheets.設問!;
      expect(questions.freeze).toBe('A2');
      expect(questions.notes).toBe(questions.header.length);
      expect(questions.lists).toContainEqual([
        'C',
        '"単一選択,複数選択,リッカート,マトリクス,マトリクス項目,順位,数値,自由記述,日付,説明文"',
      ]);
      expect(questions.lists).toContainEqual(['H', '"はい,いいえ"']);
      // Every question and matrix item is a row, with its id and Japanese wording where the template has them.
      const rows = template.sections.flatMap((s) =>
        s.questions.flatMap((q) => [
          [q.id, q.label.ja],
          ...(q.type === 'matrix' ? q.items.map((i) => [i.id, i.text.ja]) : []),
        ]),
      );
      expect(questions.rows.map((r) => [r[1], r[3]])).toEqual(rows);
      const settings = book.sheets.設定!;
      expect(settings.rows.find((r) => r[0] === 'title')?.[3]).toBe(template.title.ja);
    }
  });
});

describe.runIf(libreOfficeTestsRun)('LibreOffice Calc', () => {
  it('opens every built-in template’s workbook and saves it back to a file that reads to the same template', () => {
    const out = join(dir, 'libreoffice');
    mkdirSync(out);
    const run = saveWithLibreOffice(
      templates.map((t) => join(dir, `${t.id}.xlsx`)),
      out,
      join(dir, 'home'),
    );
    expect(run.status, run.stderr).toBe(0);
    for (const template of templates) {
      const result = workbookToTemplate(readFileSync(join(out, `${template.id}.xlsx`)));
      expect(result.issues, template.id).toEqual([]);
      expect(hashTemplate((result as { template: Template }).template), template.id).toBe(
        hashTemplate(template),
      );
    }
    if (openpyxlTestsRun) {
      // LibreOffice's own file keeps the drop-down lists.
      const seen = openWithOpenpyxl([join(out, 'example-all-features.xlsx')]);
      const questions = Object.values(seen)[0]!.sheets.設問!;
      expect(questions.lists).toContainEqual(['H', '"はい,いいえ"']);
    }
  }, 300_000);
});
