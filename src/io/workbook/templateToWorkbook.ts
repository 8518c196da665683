import type { Issue, MessageLocale } from '../../core/issue.js';
import { createIssue, formatPath } from '../../core/issue.js';
import { parseTemplate, type Template } from '../../schema/index.js';
import { workbookMessages } from './messages.js';
import {
  BENCHMARKS,
  CHANGES,
  type Field,
  NO,
  OPTIONS,
  PASS_RULES,
  QUESTIONS,
  SCALES,
  SCORES,
  SECTIONS,
  SETTING_ROWS,
  SETTINGS,
  type SheetLayout,
  SOURCES,
  textHeader,
  YES,
} from './workbookLayout.js';
import { type CellValue, type ColumnSpec, writeXlsx } from './writeXlsx.js';

/** Options of {@link templateToWorkbook}. */
export interface TemplateToWorkbookOptions {
  /** Language of issue messages. Default `ja`. */
  locale?: MessageLocale;
}

/** The workbook bytes, or every issue that keeps the template from being written. */
export type TemplateToWorkbookResult =
  | { success: true; bytes: Uint8Array; issues: [] }
  | { success: false; issues: Issue[] };

type Row = Record<string, unknown>;

/** Excel refuses cells longer than this (Excel specifications and limits). */
export const EXCEL_CELL_LIMIT = 32_767;

/**
 * Writes a template as an Excel workbook (.xlsx) that a town hall officer can edit: one sheet each
 * for settings, sections, questions (with matrix items right below their matrix), options, scales,
 * scores, benchmarks, pass rules, sources and the change record. Texts sit side by side, one column
 * per locale; type and yes/no columns offer drop-down lists; header rows are frozen and carry a
 * note in Japanese explaining the column. {@link workbookToTemplate} reads it back to the same
 * template (same `hashTemplate`).
 *
 * @example
 * ```ts
 * import { templateToWorkbook } from 'kizuki/workbook';
 * import { getTemplate } from 'kizuki/templates';
 * const result = templateToWorkbook(getTemplate('bias-awareness-community')!);
 * if (result.success) writeFileSync('community.xlsx', result.bytes);
 * ```
 */
export function templateToWorkbook(
  template: Template,
  options: TemplateToWorkbookOptions = {},
): TemplateToWorkbookResult {
  const locale = options.locale ?? 'ja';
  const parsed = parseTemplate(template, { locale });
  if (!parsed.success) return { success: false, issues: parsed.issues };
  const t = parsed.survey.template;
  const tooLong = longTexts(t, locale);
  if (tooLong.length > 0) return { success: false, issues: tooLong };
  const locales = textLocales(t);
  const sheet = (layout: SheetLayout, rows: readonly Row[]) => {
    const columns: ColumnSpec[] = [];
    const cells: ((row: Row) => CellValue)[] = [];
    for (const field of layout.fields) {
      if (field.kind === 'text') {
        for (const l of locales) {
          columns.push({
            header: textHeader(field, l),
            note: `${field.note}（${l}）`,
            width: field.width ?? 14,
          });
          cells.push((row) => (row[field.key] as Record<string, string> | undefined)?.[l]);
        }
        continue;
      }
      const list = field.kind === 'bool' ? [YES, NO] : field.values ? Object.values(field.values) : undefined;
      columns.push({
        header: field.header,
        note: field.note,
        width: field.width ?? 14,
        ...(list ? { list } : {}),
      });
      cells.push((row) => cell(field, row[field.key]));
    }
    return { name: layout.name, columns, rows: rows.map((row) => cells.map((c) => c(row))) };
  };
  const bytes = writeXlsx([
    sheet(SETTINGS, settingRows(t)),
    sheet(SECTIONS, t.sections),
    sheet(
      QUESTIONS,
      t.sections.flatMap((s) =>
        s.questions.flatMap((q) => [
          { ...q, section: s.id },
          ...(q.type === 'matrix'
            ? q.items.map(({ text, ...item }) => ({ ...item, type: 'item', label: text, section: s.id }))
            : []),
        ]),
      ),
    ),
    sheet(
      OPTIONS,
      t.sections.flatMap((s) =>
        s.questions.flatMap((q) => ('options' in q ? q.options.map((o) => ({ ...o, question: q.id })) : [])),
      ),
    ),
    sheet(
      SCALES,
      Object.entries(t.scales ?? {}).flatMap(([id, { options: scaleOptions, ...scale }]) => [
        { ...scale, scale: id },
        ...scaleOptions.map((o) => ({ ...o, scale: id })),
      ]),
    ),
    sheet(SCORES, t.scores ?? []),
    sheet(BENCHMARKS, t.benchmarks ?? []),
    sheet(
      PASS_RULES,
      (t.passRules ?? []).flatMap(({ groups, id, ...rule }) => [
        { ...rule, rule: id },
        ...groups.map(({ id: group, ...g }) => ({ ...g, rule: id, group })),
      ]),
    ),
    sheet(SOURCES, t.provenance.basedOn ?? []),
    sheet(CHANGES, t.derivedFrom?.changes ?? []),
  ]);
  return { success: true, bytes, issues: [] };
}

function cell(field: Field, value: unknown): CellValue {
  if (value === undefined) return undefined;
  switch (field.kind) {
    case 'bool':
      return value ? YES : NO;
    case 'enum':
      return field.values?.[value as string] ?? String(value);
    case 'ids':
    case 'ints':
      return (value as unknown[]).join(', ');
    case 'where':
      return Object.entries(value as Record<string, number>)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
    case 'int':
    case 'number':
    case 'bound':
      return typeof value === 'number' ? spreadsheetNumber(value) : String(value);
    default:
      return String(value);
  }
}

/**
 * Spreadsheets keep 15 significant digits (Excel by specification, LibreOffice when it saves), so a
 * number that needs more, such as 2/3, is written as text, which the reader turns back into the same number.
 */
function spreadsheetNumber(value: number): number | string {
  return Number(value.toPrecision(15)) === value ? value : String(value);
}

function settingRows(t: Template): Row[] {
  const rows: Row[] = [];
  const values: Record<string, unknown> = {
    id: t.id,
    version: t.version,
    locales: t.locales.join(', '),
    licence: t.licence,
    $schema: t.$schema,
    title: t.title,
    description: t.description,
    introduction: t.introduction,
    audience: t.audience,
    'provenance.authors': t.provenance.authors,
    'provenance.notes': t.provenance.notes,
    'derivedFrom.id': t.derivedFrom?.id,
    'derivedFrom.version': t.derivedFrom?.version,
    'derivedFrom.hash': t.derivedFrom?.hash,
  };
  for (const { key, about, kind } of SETTING_ROWS) {
    const value = values[key];
    if (kind === 'values') for (const v of value as string[]) rows.push({ key, about, value: v });
    else if (kind === 'text') rows.push({ key, about, text: value });
    else rows.push({ key, about, value });
  }
  return rows;
}

/** The declared locales, then any other locale a text uses, so that no translation is lost. */
function textLocales(t: Template): string[] {
  const seen = new Set(t.locales);
  walkTexts(t, (text) => {
    for (const key of Object.keys(text)) seen.add(key);
  });
  return [...seen];
}

function longTexts(t: Template, locale: MessageLocale): Issue[] {
  const issues: Issue[] = [];
  const visit = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string' && value.length > EXCEL_CELL_LIMIT) {
      issues.push(
        createIssue(workbookMessages, 'too_long_for_cell', path, locale, {
          path: formatPath(path),
          length: value.length,
          limit: EXCEL_CELL_LIMIT,
        }),
      );
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, [...path, Array.isArray(value) ? Number(k) : k]);
    }
  };
  visit(t, []);
  return issues;
}

/** Calls `visit` on every localised text (an object with a string `ja`) of a parsed template. */
function walkTexts(value: unknown, visit: (text: Record<string, string>) => void): void {
  if (value === null || typeof value !== 'object') return;
  if (!Array.isArray(value) && typeof (value as { ja?: unknown }).ja === 'string') {
    visit(value as Record<string, string>);
    return;
  }
  for (const v of Object.values(value)) walkTexts(v, visit);
}
