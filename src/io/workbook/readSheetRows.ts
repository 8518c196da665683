import type { Issue, MessageLocale } from '../../core/issue.js';
import { createIssue } from '../../core/issue.js';
import { EXPECTED, workbookMessages } from './messages.js';
import type { RawCell, RawSheet } from './readXlsx.js';
import { type Field, NO, type SheetLayout, YES } from './workbookLayout.js';
import { columnName } from './writeXlsx.js';

/** One data row of a sheet: its values by field key, and the cell each came from. */
export interface SheetRow {
  /** One-based row number, as Excel shows it. */
  row: number;
  /** Values by field key; texts as `{ ja, en }`. Prototype-free: a cell cannot reach `Object.prototype`. */
  values: Record<string, unknown>;
  /** A1 reference of each field's cell; for texts also `key.locale`. */
  cells: Map<string, string>;
}

/** Reports an issue at a cell of a sheet. */
export type ReportAt = (
  code: keyof typeof workbookMessages,
  sheet: string,
  cell: string | undefined,
  params?: Record<string, unknown>,
) => void;

/** Makes the reporter that prefixes every issue with its `sheet!cell`. */
export function issueReporter(issues: Issue[], locale: MessageLocale): ReportAt {
  return (code, sheet, cell, params = {}) => {
    const all = { ...params, sheet, ...(cell === undefined ? {} : { cell }) };
    issues.push(
      createIssue(workbookMessages, code, cell === undefined ? [sheet] : [sheet, cell], locale, all),
    );
  };
}

const TEXT_HEADER = /^(.+) \(([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\)$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads the rows of a sheet by its header row, so that columns may be moved or (for texts in a
 * language) added. Every unreadable cell is reported and the rest of the sheet is still read.
 */
export function readSheetRows(
  sheet: RawSheet,
  layout: SheetLayout,
  report: ReportAt,
  limits: { maxCellLength: number },
): SheetRow[] {
  const byHeader = new Map<string, { field: Field; locale?: string }>();
  for (const field of layout.fields) byHeader.set(field.header, { field });
  const columns = new Map<number, { field: Field; locale?: string }>();
  const taken = new Set<string>();
  for (const [col, raw] of sheet.rows.get(0) ?? []) {
    if (raw.kind !== 'value') continue;
    const header = String(raw.value).trim();
    const ref = `${columnName(col)}1`;
    let found = byHeader.get(header);
    const text = TEXT_HEADER.exec(header);
    if (!found && text) {
      const field = layout.fields.find((f) => f.kind === 'text' && f.header === text[1]);
      if (field) found = { field, locale: text[2]! };
    }
    if (!found || (found.field.kind === 'text' && found.locale === undefined)) {
      report('unknown_column', layout.name, ref, { header });
      continue;
    }
    const name = found.locale === undefined ? found.field.key : `${found.field.key}.${found.locale}`;
    if (taken.has(name)) {
      report('duplicate_column', layout.name, ref, { header });
      continue;
    }
    taken.add(name);
    columns.set(col, found);
  }
  const keyField = layout.fields[0]!;
  if (sheet.rows.size > 1 && !taken.has(keyField.key) && keyField.kind !== 'text') {
    report('missing_column', layout.name, undefined, { header: keyField.header });
  }
  const out: SheetRow[] = [];
  const rowNumbers = [...sheet.rows.keys()].filter((r) => r > 0).sort((a, b) => a - b);
  for (const r of rowNumbers) {
    const values: Record<string, unknown> = Object.create(null);
    const cells = new Map<string, string>();
    for (const [col, raw] of sheet.rows.get(r)!) {
      const ref = `${columnName(col)}${r + 1}`;
      const column = columns.get(col);
      if (!column) {
        if (raw.kind === 'value' && String(raw.value).trim() !== '') {
          report('unknown_column', layout.name, ref, { header: '' });
        }
        continue;
      }
      const value = cellValue(raw, column.field, layout.name, ref, report, limits);
      if (value === undefined) continue;
      if (column.locale !== undefined) {
        if (values[column.field.key] === undefined) values[column.field.key] = Object.create(null);
        const text = values[column.field.key] as Record<string, string>;
        text[column.locale] = value as string;
        cells.set(`${column.field.key}.${column.locale}`, ref);
        if (!cells.has(column.field.key) || column.locale === 'ja') cells.set(column.field.key, ref);
      } else {
        values[column.field.key] = value;
        cells.set(column.field.key, ref);
      }
    }
    if (Object.keys(values).length > 0) out.push({ row: r + 1, values, cells });
  }
  return out;
}

function cellValue(
  raw: RawCell,
  field: Field,
  sheet: string,
  ref: string,
  report: ReportAt,
  limits: { maxCellLength: number },
): unknown {
  if (raw.kind === 'formula') return void report('formula', sheet, ref);
  if (raw.kind === 'error') return void report('error_value', sheet, ref, { value: raw.value });
  const value = raw.value;
  if (typeof value === 'string' && value.length > limits.maxCellLength) {
    return void report('cell_too_long', sheet, ref, { length: value.length, limit: limits.maxCellLength });
  }
  const bad = (expected: keyof typeof EXPECTED) =>
    void report('bad_value', sheet, ref, { value: String(value), ...EXPECTED[expected] });
  const trimmed = typeof value === 'string' ? value.trim() : value;
  if (trimmed === '') return undefined;
  switch (field.kind) {
    case 'string':
    case 'text':
      if (typeof value === 'boolean') return bad('text');
      return String(value);
    case 'int':
    case 'number': {
      const n =
        typeof trimmed === 'number'
          ? trimmed
          : typeof trimmed === 'string' && NUMBER.test(trimmed)
            ? Number(trimmed)
            : Number.NaN;
      if (!Number.isFinite(n) || (field.kind === 'int' && !Number.isInteger(n))) return bad(field.kind);
      return n;
    }
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (trimmed === YES || /^(true|yes)$/i.test(String(trimmed))) return true;
      if (trimmed === NO || /^(false|no)$/i.test(String(trimmed))) return false;
      return bad('bool');
    case 'enum': {
      const text = String(trimmed);
      for (const [key, label] of Object.entries(field.values ?? {}))
        if (text === label || text === key) return key;
      report('bad_value', sheet, ref, {
        value: text,
        expectedJa: `「${Object.values(field.values ?? {}).join('」「')}」のどれか`,
        expectedEn: `one of ${Object.values(field.values ?? {}).join(', ')}`,
      });
      return undefined;
    }
    case 'ids':
      return String(trimmed)
        .split(/[,、，]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
    case 'ints': {
      const parts = String(trimmed)
        .split(/[,、，]/)
        .map((s) => s.trim());
      if (!parts.every((p) => /^[+-]?\d+$/.test(p))) return bad('ints');
      return parts.map(Number);
    }
    case 'where': {
      const map: Record<string, number> = Object.create(null);
      for (const part of String(trimmed).split(/[,、，]/)) {
        const match = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*=\s*([+-]?\d+)\s*$/.exec(part);
        if (!match || Object.hasOwn(map, match[1]!)) return bad('where');
        map[match[1]!] = Number(match[2]);
      }
      return { ...map };
    }
    case 'bound': {
      if (typeof trimmed === 'number') return trimmed;
      const text = String(trimmed);
      if (NUMBER.test(text)) return Number(text);
      if (DATE.test(text)) return text;
      return bad('bound');
    }
  }
}
