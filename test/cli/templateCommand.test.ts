import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workbookToTemplate } from '../../src/io/workbook/index.js';
import { hashTemplate } from '../../src/schema/index.js';
import { compareTemplates, getTemplate, renderTemplateComparison } from '../../src/templates/index.js';
import { builtCli } from '../helpers/builtCli.js';
import { column, editWorkbook } from '../io/workbook/editWorkbook.js';
import { brokenForm, townForm } from '../io/xlsform/odkForms.js';
import { writeXlsForm } from '../io/xlsform/writeXlsForm.js';

const { work, kizuki } = builtCli('template');

describe('kizuki template', () => {
  it('exports a built-in template as a workbook and imports it back to the same template', () => {
    const exported = kizuki('template', 'export', 'youth-voice', '--xlsx');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('youth-voice.xlsx を書き出しました');
    const imported = kizuki('template', 'import', 'youth-voice.xlsx', '--out', 'back.json');
    expect(imported.code).toBe(0);
    const back = JSON.parse(readFileSync(join(work, 'back.json'), 'utf8'));
    expect(hashTemplate(back)).toBe(hashTemplate(getTemplate('youth-voice')!));
  }, 60_000);

  it('lists every mistake by sheet and cell, in Japanese by default and in English, with exit code 1', () => {
    expect(kizuki('template', 'export', 'youth-voice', '--xlsx', '--out', 'y.xlsx').code).toBe(0);
    const broken = editWorkbook(readFileSync(join(work, 'y.xlsx')), (grids) => {
      const q = grids.get('設問')!;
      q[1]![column(q, '種類')] = 'ふしぎ';
      q[2]![column(q, '必須')] = 'maybe';
    });
    writeFileSync(join(work, 'broken.xlsx'), broken);
    const ja = kizuki('template', 'import', 'broken.xlsx');
    expect(ja.code).toBe(1);
    expect(ja.stderr).toContain('broken.xlsx に 2 件の問題があります');
    expect(ja.stderr).toContain('設問!C2: 「ふしぎ」は');
    expect(ja.stderr).toContain('設問!H3: 「maybe」は「はい」か「いいえ」ではありません');
    const en = kizuki('template', 'import', 'broken.xlsx', '--lang', 'en');
    expect(en.stderr).toContain('設問!H3: "maybe" is not "はい" (yes) or "いいえ" (no)');
  }, 60_000);

  it('records edits against --base as customisations', () => {
    expect(kizuki('template', 'export', 'bias-awareness-community', '--xlsx', '--out', 'c.xlsx').code).toBe(
      0,
    );
    const edited = editWorkbook(readFileSync(join(work, 'c.xlsx')), (grids) => {
      const settings = grids.get('設定')!;
      settings[settings.findIndex((r) => r[0] === 'id')]![2] = 'toyooka-bias-2026';
    });
    writeFileSync(join(work, 'toyooka.xlsx'), edited);
    const r = kizuki('template', 'import', 'toyooka.xlsx', '--base', 'bias-awareness-community');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('元テンプレートに対する変更: 0 件');
    const template = JSON.parse(readFileSync(join(work, 'toyooka.json'), 'utf8'));
    expect(template.derivedFrom).toMatchObject({ id: 'bias-awareness-community', changes: [] });
  }, 60_000);

  it('exports an XLSForm and says what it could not carry', () => {
    const r = kizuki('template', 'export', 'example-all-features', '--xlsform');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('example-all-features.xlsform.xlsx を書き出しました');
    expect(r.stderr).toMatch(/XLSForm で表せないため書き出さなかったもの: \d+ 件/);
    expect(r.stderr).toContain('得点の定義は XLSForm では表せないため、書き出しません');
    expect(readFileSync(join(work, 'example-all-features.xlsform.xlsx')).subarray(0, 2).toString()).toBe(
      'PK',
    );
  }, 60_000);

  it('diff: lists an officer’s edit and what it does to comparability, as compareTemplates does', () => {
    expect(kizuki('template', 'export', 'bias-awareness-community', '--xlsx', '--out', 'd.xlsx').code).toBe(
      0,
    );
    const edited = editWorkbook(readFileSync(join(work, 'd.xlsx')), (grids) => {
      const q = grids.get('設問')!;
      const row = q.findIndex((r) => r[1] === 'c08');
      q[row]![column(q, '文言 (ja)')] = '消防団の団員は、男性が務めるものだ。';
      q[row]![column(q, '文言 (en)')] = 'Fire brigade members should be men.';
    });
    writeFileSync(join(work, 'd-edited.xlsx'), edited);
    const r = kizuki('template', 'diff', 'bias-awareness-community', 'd-edited.xlsx', '--out', 'diff.html');
    expect(r.code).toBe(0);
    const base = getTemplate('bias-awareness-community')!;
    const read = workbookToTemplate(edited);
    if (!read.success) throw new Error('the edited workbook should read');
    const comparison = compareTemplates(base, read.template);
    expect(comparison.differences.some((d) => d.id === 'c08' && d.kind === 'reworded')).toBe(true);
    expect(r.stdout).toContain(renderTemplateComparison(comparison, { locale: 'ja' }));
    const html = readFileSync(join(work, 'diff.html'), 'utf8');
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain(renderTemplateComparison(comparison, { locale: 'ja', format: 'html' }));
    expect(kizuki('template', 'diff', 'bias-awareness-community').code).toBe(2);
  }, 60_000);

  it('imports an XLSForm by its survey sheet, and exports and imports one back', () => {
    writeFileSync(join(work, 'town.xlsx'), writeXlsForm(townForm));
    const r = kizuki('template', 'import', 'town.xlsx');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('town.json を書き出しました');
    expect(r.stderr).toContain('お知らせ（テンプレートの設問と回答は変わりません）: 4 件');
    expect(r.stderr).toContain('survey!H7（appearance）: 表示の指定「minimal」は使いません');
    const template = JSON.parse(readFileSync(join(work, 'town.json'), 'utf8'));
    expect(template.sections.map((s: { id: string }) => s.id)).toEqual(['section1', 'work', 'section3']);
    expect(kizuki('template', 'export', 'youth-voice', '--xlsform').code).toBe(0);
    const back = kizuki('template', 'import', 'youth-voice.xlsform.xlsx', '--xlsform', '--out', 'yv.json');
    expect(back.code).toBe(0);
    expect(JSON.parse(readFileSync(join(work, 'yv.json'), 'utf8')).sections).toHaveLength(
      getTemplate('youth-voice')!.sections.length,
    );
  }, 60_000);

  it('lists everything an XLSForm cannot bring, by cell and column, with exit code 1', () => {
    writeFileSync(join(work, 'broken-form.xlsx'), writeXlsForm(brokenForm));
    const ja = kizuki('template', 'import', 'broken-form.xlsx');
    expect(ja.code).toBe(1);
    expect(ja.stderr).toContain('broken-form.xlsx に 13 件の問題があります');
    expect(ja.stderr).toContain(
      'survey!A2（type）: 種類「geopoint」は取り込めません。位置情報は kizuki の回答の型にないため',
    );
    expect(ja.stderr).toContain(
      'survey!F11（choice_filter）: 選択肢の絞り込み（choice_filter）は取り込めません',
    );
    const en = kizuki('template', 'import', 'broken-form.xlsx', '--lang', 'en');
    expect(en.stderr).toContain('survey!B12 (name): the name "pref" is used twice (first at B10)');
    expect(kizuki('template', 'import', 'broken-form.xlsx', '--base', 'youth-voice').code).toBe(2);
  }, 60_000);

  it('uses the exit codes of the other commands for usage and file errors', () => {
    expect(kizuki('template', 'export', 'youth-voice').code).toBe(2);
    expect(kizuki('template', 'export', 'youth-voice', '--xlsx', '--xlsform').code).toBe(2);
    expect(kizuki('template', 'rename', 'x').code).toBe(2);
    expect(kizuki('template', 'import', 'missing.xlsx').code).toBe(3);
    writeFileSync(join(work, 'not.xlsx'), 'hello');
    const r = kizuki('template', 'import', 'not.xlsx');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Excel ブック（.xlsx）ではありません');
    expect(kizuki('template', '--help').stdout).toContain('使い方: kizuki template export');
  }, 60_000);
});
