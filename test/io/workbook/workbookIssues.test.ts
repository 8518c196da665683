import { deflateSync, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { templateToWorkbook, workbookToTemplate } from '../../../src/io/workbook/index.js';
import { getTemplate } from '../../../src/templates/index.js';
import { column, editWorkbook, patchPart } from './editWorkbook.js';

function workbookOf(id: string): Uint8Array {
  const written = templateToWorkbook(getTemplate(id)!);
  if (!written.success) throw new Error('not written');
  return written.bytes;
}

const sampler = workbookOf('example-all-features');

describe('mistakes in a workbook', () => {
  it('reports several at once, each at its sheet and cell, in Japanese and English', () => {
    const edited = editWorkbook(sampler, (grids) => {
      const questions = grids.get('設問')!;
      questions[3]![column(questions, '種類')] = '単一せんたく'; // row 4: not a type
      questions[4]![column(questions, '必須')] = 'たぶん'; // row 5: not yes/no
      questions[5]![column(questions, '節ID')] = 'nowhere'; // row 6: unknown section
      const options = grids.get('選択肢')!;
      options[2]![column(options, 'コード')] = '2.5'; // row 3: not an integer
    });
    const ja = workbookToTemplate(edited);
    expect(ja.success).toBe(false);
    const where = ja.issues.map((i) => `${i.path.join('!')} ${i.code}`);
    expect(where).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^設問!C4 bad_value$/),
        expect.stringMatching(/^設問!H5 bad_value$/),
        expect.stringMatching(/^設問!A6 unknown_section$/),
        expect.stringMatching(/^選択肢!B3 bad_value$/),
      ]),
    );
    expect(ja.issues.find((i) => i.path[1] === 'H5')!.message).toBe(
      '設問!H5: 「たぶん」は「はい」か「いいえ」ではありません',
    );
    const en = workbookToTemplate(edited, { locale: 'en' });
    expect(en.issues.find((i) => i.path[1] === 'H5')!.message).toBe(
      '設問!H5: "たぶん" is not "はい" (yes) or "いいえ" (no)',
    );
  });

  it('names the cell of a mistake that only the template check finds (a condition on an unknown id)', () => {
    const edited = editWorkbook(sampler, (grids) => {
      const questions = grids.get('設問')!;
      questions[2]![column(questions, '表示条件')] = 'nosuch = 1';
      const scores = grids.get('得点')!;
      scores[1]![column(scores, '項目')] = 'c01, ghost';
    });
    const result = workbookToTemplate(edited);
    expect(result.success).toBe(false);
    const cells = result.issues.map((i) => i.path.join('!'));
    expect(cells).toContain('設問!J3');
    expect(cells).toContain('得点!D2');
    for (const issue of result.issues) expect(issue.message).toMatch(/^(設問|得点)![A-Z]+\d+: /);
  });

  it('reads columns by their headers, so columns may be moved', () => {
    const edited = editWorkbook(workbookOf('youth-voice'), (grids) => {
      const sections = grids.get('節')!;
      const width = sections[0]!.length;
      for (const row of sections) {
        row.length = width;
        row.reverse();
      }
    });
    const result = workbookToTemplate(edited);
    expect(result.issues).toEqual([]);
    expect(result.success && result.template).toEqual(getTemplate('youth-voice'));
  });

  it('reports unknown columns and sheets rather than dropping them', () => {
    const edited = editWorkbook(sampler, (grids) => {
      grids.get('設問')![0]!.push('メモ');
      grids.set('下書き', [['a'], ['b']]);
    });
    const result = workbookToTemplate(edited);
    expect(result.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['unknown_column', 'unknown_sheet']),
    );
  });
});

describe('hostile workbooks', () => {
  it('refuses bytes that are not a workbook', () => {
    expect(workbookToTemplate(strToU8('hello')).issues[0]!.code).toBe('not_workbook');
    expect(workbookToTemplate(new Uint8Array(0)).issues[0]!.code).toBe('not_workbook');
  });

  it('refuses an entry whose declared size is over the limit without inflating it', () => {
    const bytes = sampler.slice();
    const view = new DataView(bytes.buffer);
    // Every central-directory entry claims 3 GB.
    for (let at = 0; at < bytes.length - 4; at++) {
      if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 0xf0000000, true);
    }
    expect(workbookToTemplate(bytes).issues[0]!.code).toBe('workbook_too_large');
  });

  it('stops inflating an entry that grows past its declared size (a lying zip bomb)', () => {
    const bomb = deflateSync(new Uint8Array(8_000_000), { level: 9 });
    const lying = withEntry(sampler, 'xl/worksheets/sheet1.xml', bomb, 2_000);
    const result = workbookToTemplate(lying);
    expect(result.issues[0]!.code).toBe('workbook_too_large');
  });

  it('refuses document type declarations (entity expansion)', () => {
    const laughs = patchPart(sampler, 'xl/worksheets/sheet1.xml', (xml) =>
      xml.replace('<worksheet', '<!DOCTYPE lol [<!ENTITY lol "lol">]><worksheet'),
    );
    expect(workbookToTemplate(laughs).issues[0]!.code).toBe('corrupt_workbook');
  });

  it('refuses formulas and names their cells', () => {
    const formula = patchPart(sampler, 'xl/worksheets/sheet3.xml', (xml) =>
      xml.replace(
        /<c r="D2" t="inlineStr"><is><t xml:space="preserve">[^<]*<\/t><\/is><\/c>/,
        '<c r="D2" t="str"><f>HYPERLINK("http://x")</f><v>x</v></c>',
      ),
    );
    const result = workbookToTemplate(formula);
    expect(result.issues.map((i) => `${i.path.join('!')} ${i.code}`)).toContain('設問!D2 formula');
  });

  it('refuses links to other files', () => {
    const linked = patchPart(sampler, 'xl/externalLinks/externalLink1.xml', () => '<externalLink/>');
    expect(workbookToTemplate(linked).issues[0]!.code).toBe('external_link');
  });

  it('refuses a sheet with more rows than any template needs, naming the row', () => {
    const huge = patchPart(sampler, 'xl/worksheets/sheet3.xml', (xml) =>
      xml.replace('</sheetData>', '<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>'),
    );
    const issue = workbookToTemplate(huge).issues[0]!;
    expect(issue.code).toBe('too_many_rows');
    expect(issue.path).toEqual(['設問', 'A1048576']);
  });

  it('keeps prototype keys as plain text and never pollutes Object.prototype', () => {
    const edited = editWorkbook(sampler, (grids) => {
      const settings = grids.get('設定')!;
      settings.push(['__proto__', '', 'x']);
      const scales = grids.get('尺度')!;
      scales.push(['__proto__'], ['constructor']);
      grids.get('節')![0]!.push('見出し (__proto__)');
    });
    const result = workbookToTemplate(edited);
    expect(result.success).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['unknown_setting', 'duplicate_id', 'unknown_column']),
    );
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('options');
  });

  it('refuses a cell longer than the template limit', () => {
    const edited = editWorkbook(sampler, (grids) => {
      grids.get('設問')![1]![column(grids.get('設問')!, '文言 (en)')] = 'x'.repeat(1001);
    });
    const issue = workbookToTemplate(edited, { limits: { maxStringLength: 1000 } }).issues[0]!;
    expect(issue.code).toBe('cell_too_long');
    expect(issue.path).toEqual(['設問', 'E2']);
  });
});

/** A copy of the archive whose entry `name` holds `data` (deflated) but declares `declared` bytes. */
function withEntry(bytes: Uint8Array, name: string, data: Uint8Array, declared: number): Uint8Array {
  const files = unzipSync(bytes);
  delete files[name];
  const rest = zipSync(files, { level: 0 });
  const nameBytes = strToU8(name);
  const local = new Uint8Array(30 + nameBytes.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, declared, true);
  lv.setUint16(26, nameBytes.length, true);
  local.set(nameBytes, 30);
  // Rebuild: the bomb's local entry first, then the other entries, then a directory listing all.
  const view = new DataView(rest.buffer, rest.byteOffset, rest.byteLength);
  let eocd = rest.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const dirStart = view.getUint32(eocd + 16, true);
  const dirSize = view.getUint32(eocd + 12, true);
  const count = view.getUint16(eocd + 10, true);
  const shift = local.length + data.length;
  const dir = rest.slice(dirStart, dirStart + dirSize);
  const dv = new DataView(dir.buffer);
  for (let at = 0; at < dir.length; ) {
    dv.setUint32(at + 42, dv.getUint32(at + 42, true) + shift, true);
    at += 46 + dv.getUint16(at + 28, true) + dv.getUint16(at + 30, true) + dv.getUint16(at + 32, true);
  }
  const entry = new Uint8Array(46 + nameBytes.length);
  const ev = new DataView(entry.buffer);
  ev.setUint32(0, 0x02014b50, true);
  ev.setUint16(4, 20, true);
  ev.setUint16(6, 20, true);
  ev.setUint16(10, 8, true);
  ev.setUint32(20, data.length, true);
  ev.setUint32(24, declared, true);
  ev.setUint16(28, nameBytes.length, true);
  ev.setUint32(42, 0, true);
  entry.set(nameBytes, 46);
  const end = new Uint8Array(22);
  const endView = new DataView(end.buffer);
  endView.setUint32(0, 0x06054b50, true);
  endView.setUint16(8, count + 1, true);
  endView.setUint16(10, count + 1, true);
  endView.setUint32(12, dir.length + entry.length, true);
  endView.setUint32(16, shift + dirStart, true);
  const out = new Uint8Array(shift + dirStart + dir.length + entry.length + 22);
  out.set(local, 0);
  out.set(data, local.length);
  out.set(rest.subarray(0, dirStart), shift);
  out.set(dir, shift + dirStart);
  out.set(entry, shift + dirStart + dir.length);
  out.set(end, shift + dirStart + dir.length + entry.length);
  return out;
}
