import type { ReportAt } from '../workbook/readSheetRows.js';
import type { RawSheet } from '../workbook/readXlsx.js';
import { columnName } from '../workbook/writeXlsx.js';

/** One cell of an XLSForm row: its value, its A1 reference and the header of its column. */
export interface FormCell {
  value: string | number | boolean;
  ref: string;
  column: string;
}

/** One row of an XLSForm sheet: plain cells by lower-case header, texts by base header and language. */
export interface FormRow {
  /** One-based row number, as spreadsheets show it. */
  row: number;
  cells: Map<string, FormCell>;
  /** `label::Japanese (ja)` → `texts.get('label').get('ja')`. */
  texts: Map<string, Map<string, FormCell>>;
}

/** Columns that hold text in a language (`label`, `label::en`, `hint::Japanese (ja)`, …). */
const TEXT_COLUMNS: ReadonlySet<string> = new Set([
  'label',
  'hint',
  'constraint_message',
  'required_message',
  'guidance_hint',
  'image',
  'audio',
  'video',
  'media::image',
  'media::audio',
  'media::video',
]);
/** Language names ODK users write without a code. */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  japanese: 'ja',
  日本語: 'ja',
  english: 'en',
  英語: 'en',
};
/** Older spellings of column headers that pyxform still accepts. */
const ALIASES: Readonly<Record<string, string>> = {
  'list name': 'list_name',
  caption: 'label',
  'constraint message': 'constraint_message',
  'required message': 'required_message',
  'bind::relevant': 'relevant',
  'bind::constraint': 'constraint',
  'bind::required': 'required',
  'bind::jr:constraintmsg': 'constraint_message',
  'bind::jr:requiredmsg': 'required_message',
};
const LOCALE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** The language code of `Japanese (ja)`, `(ja)`, `ja` or `Japanese`; undefined when it cannot be told. */
export function languageOf(text: string): string | undefined {
  const trimmed = text.trim();
  const bracket = /\(([^()]{1,35})\)\s*$/.exec(trimmed);
  const code = bracket ? bracket[1]!.trim() : trimmed;
  if (LOCALE.test(code)) return code;
  return Object.hasOwn(LANGUAGE_NAMES, code.toLowerCase()) ? LANGUAGE_NAMES[code.toLowerCase()] : undefined;
}

/** What went wrong with a header: an unknown language or a column given twice. */
export type HeaderProblem = (
  code: 'unknown_language' | 'duplicate_column',
  ref: string,
  column: string,
) => void;

/**
 * Reads the rows of an XLSForm sheet by its header row, as pyxform does: headers are matched
 * without regard to case, `label::Japanese (ja)` columns are texts in a language, and a text
 * column without a language is in `defaultLanguage`. Formulas, error values and over-long cells
 * are reported at their cell and left out; the rest of the sheet is still read.
 */
export function readXlsFormSheet(
  sheet: RawSheet,
  defaultLanguage: string,
  report: ReportAt,
  header: HeaderProblem,
  limits: { maxCellLength: number },
): FormRow[] {
  const columns = new Map<number, { key: string; language?: string; column: string }>();
  const taken = new Set<string>();
  for (const [col, raw] of sheet.rows.get(0) ?? []) {
    if (raw.kind !== 'value') continue;
    const column = String(raw.value).trim();
    const ref = `${columnName(col)}1`;
    const lower = column.toLowerCase();
    // hasOwn: a header such as `__proto__` must not reach Object.prototype.
    const [base, language] = splitHeader(Object.hasOwn(ALIASES, lower) ? ALIASES[lower]! : column);
    let entry: { key: string; language?: string; column: string } = { key: base, column };
    if (TEXT_COLUMNS.has(base) || language !== undefined) {
      const code = language === undefined ? defaultLanguage : languageOf(language);
      if (code === undefined || !TEXT_COLUMNS.has(base)) {
        if (code === undefined) {
          header('unknown_language', ref, column);
          continue;
        }
        // A language on a column that has none (`required::en`): kept whole, reported as unknown later.
        entry = { key: lower, column };
      } else entry = { key: base, language: code, column };
    }
    const name = entry.language === undefined ? entry.key : `${entry.key}::${entry.language}`;
    if (taken.has(name)) {
      header('duplicate_column', ref, column);
      continue;
    }
    taken.add(name);
    columns.set(col, entry);
  }
  const out: FormRow[] = [];
  const rowNumbers = [...sheet.rows.keys()].filter((r) => r > 0).sort((a, b) => a - b);
  for (const r of rowNumbers) {
    const cells = new Map<string, FormCell>();
    const texts = new Map<string, Map<string, FormCell>>();
    for (const [col, raw] of sheet.rows.get(r)!) {
      const ref = `${columnName(col)}${r + 1}`;
      const entry = columns.get(col);
      if (!entry) continue;
      if (raw.kind === 'formula') {
        report('formula', sheet.name, ref);
        continue;
      }
      if (raw.kind === 'error') {
        report('error_value', sheet.name, ref, { value: raw.value });
        continue;
      }
      const value = typeof raw.value === 'string' ? raw.value.trim() : raw.value;
      if (value === '') continue;
      if (typeof value === 'string' && value.length > limits.maxCellLength) {
        report('cell_too_long', sheet.name, ref, { length: value.length, limit: limits.maxCellLength });
        continue;
      }
      const cell = { value, ref, column: entry.column };
      if (entry.language === undefined) cells.set(entry.key, cell);
      else {
        if (!texts.has(entry.key)) texts.set(entry.key, new Map());
        texts.get(entry.key)!.set(entry.language, cell);
      }
    }
    if (cells.size > 0 || texts.size > 0) out.push({ row: r + 1, cells, texts });
  }
  return out;
}

/** The lower-case base of a header and the language part after `::`, as written. */
function splitHeader(header: string): [string, string | undefined] {
  // `media::image` is one column name, not a text in the language "image".
  const skip = header.toLowerCase().startsWith('media::') ? 7 : 0;
  const at = header.indexOf('::', skip);
  if (at < 0) return [header.trim().toLowerCase(), undefined];
  return [header.slice(0, at).trim().toLowerCase(), header.slice(at + 2)];
}
