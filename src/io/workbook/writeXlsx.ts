import { strToU8, zipSync } from 'fflate';
import { escapeCellText, escapeXml } from './xmlText.js';

/** A cell: text, a number, or nothing. */
export type CellValue = string | number | undefined;

/** One column of a sheet: its header, the note on the header, and an optional list of allowed values. */
export interface ColumnSpec {
  header: string;
  note: string;
  width: number;
  list?: readonly string[];
}

/** A sheet to write: a frozen header row with notes, then the rows. */
export interface SheetSpec {
  name: string;
  columns: readonly ColumnSpec[];
  rows: readonly (readonly CellValue[])[];
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
// A fixed date keeps the bytes of the same template the same.
const MTIME = new Date('2020-01-01T00:00:00Z');

/** The A1 name of a zero-based column. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * Writes an .xlsx with only the parts Excel, LibreOffice and openpyxl need: inline strings (no
 * shared-string table), a bold frozen header row, column widths, list validations and header notes.
 */
export function writeXlsx(sheets: readonly SheetSpec[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const put = (name: string, xml: string) => {
    files[name] = strToU8(xml);
  };
  const overrides: string[] = [
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>',
  ];
  sheets.forEach((sheet, i) => {
    const n = i + 1;
    put(`xl/worksheets/sheet${n}.xml`, sheetXml(sheet));
    put(
      `xl/worksheets/_rels/sheet${n}.xml.rels`,
      rels([
        ['rId1', 'comments', `../comments${n}.xml`],
        ['rId2', 'vmlDrawing', `../drawings/vmlDrawing${n}.vml`],
      ]),
    );
    put(`xl/comments${n}.xml`, commentsXml(sheet));
    put(`xl/drawings/vmlDrawing${n}.vml`, vmlXml(sheet, n));
    overrides.push(
      `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      `<Override PartName="/xl/comments${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>`,
    );
  });
  put(
    '[Content_Types].xml',
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>${overrides.join('')}</Types>`,
  );
  put('_rels/.rels', rels([['rId1', 'officeDocument', 'xl/workbook.xml']]));
  put(
    'xl/workbook.xml',
    `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets
      .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  put(
    'xl/_rels/workbook.xml.rels',
    rels([
      ...sheets.map((_, i): [string, string, string] => [
        `rId${i + 1}`,
        'worksheet',
        `worksheets/sheet${i + 1}.xml`,
      ]),
      [`rId${sheets.length + 1}`, 'styles', 'styles.xml'],
    ]),
  );
  put('xl/styles.xml', STYLES);
  return zipSync(files, { level: 6, mtime: MTIME });
}

function rels(list: readonly [string, string, string][]): string {
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL}">${list
    .map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`)
    .join('')}</Relationships>`;
}

function sheetXml(sheet: SheetSpec): string {
  const out: string[] = [
    `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>`,
  ];
  sheet.columns.forEach((c, i) =>
    out.push(`<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`),
  );
  out.push('</cols><sheetData><row r="1">');
  sheet.columns.forEach((c, i) => out.push(cellXml(`${columnName(i)}1`, c.header, 1)));
  out.push('</row>');
  sheet.rows.forEach((row, r) => {
    out.push(`<row r="${r + 2}">`);
    row.forEach((value, i) => {
      if (value !== undefined) out.push(cellXml(`${columnName(i)}${r + 2}`, value, 0));
    });
    out.push('</row>');
  });
  out.push('</sheetData>');
  const lists = sheet.columns.flatMap((c, i) => (c.list ? [[columnName(i), c.list] as const] : []));
  if (lists.length > 0) {
    out.push(`<dataValidations count="${lists.length}">`);
    for (const [col, list] of lists) {
      out.push(
        `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${col}2:${col}1048576"><formula1>${escapeXml(`"${list.join(',')}"`)}</formula1></dataValidation>`,
      );
    }
    out.push('</dataValidations>');
  }
  out.push(
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><legacyDrawing r:id="rId2"/></worksheet>',
  );
  return out.join('');
}

function cellXml(ref: string, value: string | number, style: number): string {
  const s = style === 0 ? '' : ` s="${style}"`;
  if (typeof value === 'number') return `<c r="${ref}"${s}><v>${value}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeCellText(value)}</t></is></c>`;
}

function commentsXml(sheet: SheetSpec): string {
  return `${XML_HEAD}<comments xmlns="${MAIN}"><authors><author>kizuki</author></authors><commentList>${sheet.columns
    .map(
      (c, i) =>
        `<comment ref="${columnName(i)}1" authorId="0"><text><t xml:space="preserve">${escapeCellText(c.note)}</t></text></comment>`,
    )
    .join('')}</commentList></comments>`;
}

// Excel shows a note only if a VML shape anchors it; LibreOffice and openpyxl read the comments part.
function vmlXml(sheet: SheetSpec, n: number): string {
  const shapes = sheet.columns.map(
    (_, i) =>
      `<v:shape id="_x0000_s${n * 1024 + i + 1}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:220pt;height:90pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${i + 1}, 15, 0, 2, ${i + 4}, 15, 5, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>0</x:Row><x:Column>${i}</x:Column></x:ClientData></v:shape>`,
  );
  return `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${n}"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>${shapes.join('')}</xml>`;
}

// Style 0: default; style 1: the header row, bold on pale grey, wrapped.
const STYLES = `${XML_HEAD}<styleSheet xmlns="${MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE7E6E6"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
