import { openZip, type ZipLimits } from './readZip.js';
import { scanXml, unescapeCellText } from './xmlText.js';

/** A cell's value as stored: text, a number, a boolean, or a formula or error that the reader refuses. */
export type RawCell =
  | { kind: 'value'; value: string | number | boolean }
  | { kind: 'formula' }
  | { kind: 'error'; value: string };

/** One sheet: cells by zero-based row, then zero-based column. */
export interface RawSheet {
  name: string;
  rows: Map<number, Map<number, RawCell>>;
}

/** Bounds on what a workbook may hold, beyond those of its zip archive. */
export interface XlsxLimits extends ZipLimits {
  maxRows: number;
  maxColumns: number;
}

/** A problem that stops reading, with the sheet and cell where there is one. */
export class XlsxError extends Error {
  constructor(
    readonly reason: 'external_link' | 'too_many_rows' | 'too_many_columns' | 'corrupt',
    readonly detail: { sheet?: string; cell?: string | undefined; limit?: number; part?: string },
  ) {
    super(reason);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the cells of every sheet of an .xlsx. Shared strings, inline strings and rich text are
 * joined into plain text (phonetic guides that Japanese Excel adds are skipped); formulas and
 * error values are kept as such so that the caller can name their cells.
 */
export function readXlsx(bytes: Uint8Array, limits: XlsxLimits): RawSheet[] {
  const zip = openZip(bytes, limits);
  if (zip.names.some((name) => name.startsWith('xl/externalLinks/')))
    throw new XlsxError('external_link', {});
  const text = (name: string) => {
    try {
      return decoder.decode(zip.read(name));
    } catch (error) {
      if (error instanceof TypeError) throw new XlsxError('corrupt', { part: name });
      throw error;
    }
  };
  const rels = relationships(text('xl/_rels/workbook.xml.rels'), 'xl/');
  const shared = rels.sharedStrings.length > 0 ? sharedStrings(text(rels.sharedStrings[0]!)) : [];
  const sheets: RawSheet[] = [];
  scanXml(text('xl/workbook.xml'), (event) => {
    if (event.kind !== 'open' || event.name !== 'sheet') return;
    const target = rels.byId.get(event.attr('id') ?? '');
    if (target === undefined) throw new XlsxError('corrupt', { part: 'xl/workbook.xml' });
    const name = event.attr('name') ?? '';
    sheets.push({ name, rows: readSheet(text(target), name, shared, limits) });
  });
  return sheets;
}

function relationships(xml: string, base: string): { byId: Map<string, string>; sharedStrings: string[] } {
  const byId = new Map<string, string>();
  const shared: string[] = [];
  scanXml(xml, (event) => {
    if (event.kind !== 'open' || event.name !== 'Relationship') return;
    if (event.attr('TargetMode') === 'External') throw new XlsxError('external_link', {});
    const target = event.attr('Target') ?? '';
    const path = target.startsWith('/') ? target.slice(1) : base + target;
    byId.set(event.attr('Id') ?? '', path);
    if ((event.attr('Type') ?? '').endsWith('/sharedStrings')) shared.push(path);
  });
  return { byId, sharedStrings: shared };
}

/** Text of `<si>` or `<is>` elements: every `<t>` outside phonetic runs (`<rPh>`), joined. */
function stringCollector() {
  let inText = false;
  let phonetic = 0;
  let buffer = '';
  return {
    open(name: string) {
      if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    close(name: string) {
      if (name === 'rPh') phonetic--;
      else if (name === 't') inText = false;
    },
    text(t: string) {
      if (inText) buffer += t;
    },
    take(): string {
      const value = unescapeCellText(buffer);
      buffer = '';
      return value;
    },
  };
}

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const collector = stringCollector();
  scanXml(xml, (event) => {
    if (event.kind === 'open') {
      if (event.name === 'si' && !event.empty) collector.take();
      else if (event.name === 'si') out.push('');
      else collector.open(event.name);
    } else if (event.kind === 'close') {
      if (event.name === 'si') out.push(collector.take());
      else collector.close(event.name);
    } else collector.text(event.text);
  });
  return out;
}

const REF = /^([A-Z]{1,3})([0-9]{1,7})$/;

function readSheet(xml: string, sheet: string, shared: readonly string[], limits: XlsxLimits) {
  const rows = new Map<number, Map<number, RawCell>>();
  let row = -1;
  let column = -1;
  let cells = new Map<number, RawCell>();
  let type = 'n';
  let formula = false;
  let inValue = false;
  let value = '';
  let inInline = false;
  const inline = stringCollector();
  scanXml(xml, (event) => {
    if (event.kind === 'open') {
      switch (event.name) {
        case 'row': {
          const r = event.attr('r') === undefined ? row + 1 : Number(event.attr('r')) - 1;
          row = Number.isInteger(r) && r >= 0 ? r : row + 1;
          if (row >= limits.maxRows)
            throw new XlsxError('too_many_rows', { sheet, cell: `A${row + 1}`, limit: limits.maxRows });
          column = -1;
          cells = rows.get(row) ?? new Map();
          rows.set(row, cells);
          return;
        }
        case 'c': {
          const ref = REF.exec(event.attr('r') ?? '');
          if (ref) {
            column = columnIndex(ref[1]!);
            row = Number(ref[2]) - 1;
            if (row >= limits.maxRows)
              throw new XlsxError('too_many_rows', { sheet, cell: ref[0], limit: limits.maxRows });
            cells = rows.get(row) ?? new Map();
            rows.set(row, cells);
          } else column += 1;
          if (column >= limits.maxColumns) {
            throw new XlsxError('too_many_columns', {
              sheet,
              cell: event.attr('r'),
              limit: limits.maxColumns,
            });
          }
          type = event.attr('t') ?? 'n';
          formula = false;
          value = '';
          if (event.empty) finishCell();
          return;
        }
        case 'f':
          formula = true;
          return;
        case 'v':
          inValue = !event.empty;
          return;
        case 'is':
          inInline = !event.empty;
          return;
        default:
          if (inInline) inline.open(event.name);
      }
    } else if (event.kind === 'close') {
      if (event.name === 'c') finishCell();
      else if (event.name === 'v') inValue = false;
      else if (event.name === 'is') inInline = false;
      else if (inInline) inline.close(event.name);
    } else if (inValue) value += event.text;
    else if (inInline) inline.text(event.text);
  });
  return rows;

  function finishCell(): void {
    const text = type === 'inlineStr' ? inline.take() : value;
    if (formula) cells.set(column, { kind: 'formula' });
    else if (type === 'e') cells.set(column, { kind: 'error', value: text });
    else if (type === 's') {
      const index = Number(text);
      const string = shared[index];
      if (string === undefined) throw new XlsxError('corrupt', { sheet, part: 'sharedStrings' });
      if (string !== '') cells.set(column, { kind: 'value', value: string });
    } else if (type === 'b') cells.set(column, { kind: 'value', value: text.trim() === '1' });
    else if (type === 'inlineStr' || type === 'str') {
      if (text !== '')
        cells.set(column, { kind: 'value', value: type === 'str' ? unescapeCellText(text) : text });
    } else if (text.trim() !== '') {
      const number = Number(text);
      cells.set(column, { kind: 'value', value: Number.isFinite(number) ? number : text });
    }
  }
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}
