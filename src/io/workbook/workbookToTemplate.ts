import {
  createIssue,
  formatPath,
  type Issue,
  type MessageLocale,
  type PathSegment,
} from '../../core/issue.js';
import {
  defaultTemplateLimits,
  parseTemplate,
  type Survey,
  type Template,
  type TemplateLimits,
} from '../../schema/index.js';
import { customisationsBetween, unexpressedEdit } from '../../templates/customisationsBetween.js';
import { type Customisation, customiseTemplate } from '../../templates/customiseTemplate.js';
import { type CellOrigin, locateIssue } from './locateIssue.js';
import { workbookMessages } from './messages.js';
import { issueReporter, type ReportAt, readSheetRows, type SheetRow } from './readSheetRows.js';
import { readWorkbookSheets } from './readWorkbookSheets.js';
import type { RawSheet } from './readXlsx.js';
import {
  BENCHMARKS,
  CHANGES,
  OPTIONS,
  PASS_RULES,
  QUESTIONS,
  SCALES,
  SCORES,
  SECTIONS,
  SETTING_ROWS,
  SETTINGS,
  SHEETS,
  type SheetLayout,
  SOURCES,
} from './workbookLayout.js';

/** Options of {@link workbookToTemplate}. */
export interface WorkbookToTemplateOptions {
  /** Language of issue messages. Default `ja`. */
  locale?: MessageLocale;
  /** Template size limits; each defaults to `defaultTemplateLimits`. The workbook's limits follow from them. */
  limits?: Partial<TemplateLimits>;
  /**
   * The template the workbook was made from. The edits are then expressed as `customiseTemplate`
   * changes (returned as `changes`) and applied to it, so the id rule applies: a reworded question
   * gets a new id unless its row says 表記修正のみ (editorial), and the result records its base.
   */
  base?: Template;
}

/** The template read from a workbook, or every problem found, each naming its `sheet!cell`. */
export type WorkbookToTemplateResult =
  | { success: true; template: Template; survey: Survey; changes?: Customisation[]; issues: [] }
  | { success: false; issues: Issue[] };

const CHOICE_TYPES = new Set(['single', 'multiple', 'ranking']);

/**
 * Reads a workbook written by {@link templateToWorkbook} (and edited in Excel or LibreOffice) back
 * into a template, checked by `parseTemplate`. Every problem is reported at once and names its cell
 * (`設問!C12`) in the issue's `path` (`['設問', 'C12']`) and message.
 *
 * Hostile files are refused before they cost much: sizes are checked from the zip directory before
 * inflating, inflation stops when an entry grows past its declared size, document type
 * declarations (entity expansion) are refused, as are formulas, error values, links to other
 * files, and sheets with more rows or columns than a template within `limits` can need.
 *
 * @example
 * ```ts
 * import { workbookToTemplate } from 'kizuki/workbook';
 * const result = workbookToTemplate(readFileSync('community.xlsx'));
 * if (result.success) console.log(result.survey.hash);
 * else for (const issue of result.issues) console.error(issue.message); // 設問!C12: …
 * ```
 */
export function workbookToTemplate(
  bytes: Uint8Array,
  options: WorkbookToTemplateOptions = {},
): WorkbookToTemplateResult {
  const locale = options.locale ?? 'ja';
  const limits: TemplateLimits = { ...defaultTemplateLimits, ...options.limits };
  const issues: Issue[] = [];
  const report = issueReporter(issues, locale);
  const sheets = readWorkbookSheets(bytes, limits, report);
  if (!sheets) return { success: false, issues };
  const origins = new Map<object, CellOrigin>();
  const editorial = new Set<string>();
  const template = assemble(sheets, limits, report, origins, editorial);
  if (issues.length > 0 || !template) return { success: false, issues };
  const parsed = parseTemplate(template, { locale, limits });
  if (!parsed.success) {
    return { success: false, issues: parsed.issues.map((issue) => locateIssue(issue, template, origins)) };
  }
  if (options.base) return asCustomisation(options.base, template, editorial, origins, locale);
  return { success: true, template: parsed.survey.template, survey: parsed.survey, issues: [] };
}

/** Applies the workbook's edits to its base as customisations; any edit they cannot express is an issue. */
function asCustomisation(
  base: Template,
  edited: Template,
  editorial: ReadonlySet<string>,
  origins: Map<object, CellOrigin>,
  locale: MessageLocale,
): WorkbookToTemplateResult {
  const changes = customisationsBetween(base, edited, editorial);
  const authors = edited.provenance.authors.filter((a) => !base.provenance.authors.includes(a));
  const result = customiseTemplate(base, {
    id: edited.id,
    version: edited.version,
    authors,
    changes,
    locale,
  });
  if (!result.success) {
    return {
      success: false,
      issues: result.issues.map((issue) => {
        const [head, index] = issue.path;
        if (head !== 'changes' || typeof index !== 'number') return locateIssue(issue, edited, origins);
        // A change's problem is shown at the row of what it changes.
        const change = changes[index] as Record<string, unknown> | undefined;
        const id = change?.id ?? change?.question ?? (change?.question as { id?: string } | undefined)?.id;
        return locateIssue(issue, edited, origins, pathOfId(edited, String(id)));
      }),
    };
  }
  const differs = unexpressedEdit(result.template, edited);
  if (differs) {
    const issue = createIssue(workbookMessages, 'not_a_customisation', differs, locale, {
      detail: formatPath(differs),
    });
    return { success: false, issues: [locateIssue(issue, edited, origins)] };
  }
  return { success: true, template: result.template, survey: result.survey, changes, issues: [] };
}

/** The template path of a question or matrix item by id. */
function pathOfId(template: Template, id: string): PathSegment[] {
  for (const [si, section] of template.sections.entries()) {
    for (const [qi, q] of section.questions.entries()) {
      if (q.id === id) return ['sections', si, 'questions', qi];
      if (q.type === 'matrix') {
        const ii = q.items.findIndex((item) => item.id === id);
        if (ii >= 0) return ['sections', si, 'questions', qi, 'items', ii];
      }
    }
  }
  return [];
}

type Rows = Map<SheetLayout, SheetRow[]>;

function assemble(
  sheets: RawSheet[],
  limits: TemplateLimits,
  report: ReportAt,
  origins: Map<object, CellOrigin>,
  editorial: Set<string>,
): Template | undefined {
  const rows: Rows = new Map();
  const known = new Set(SHEETS.map((s) => s.name));
  for (const sheet of sheets) if (!known.has(sheet.name)) report('unknown_sheet', sheet.name, undefined);
  for (const layout of SHEETS) {
    const sheet = sheets.find((s) => s.name === layout.name);
    if (!sheet) {
      if (layout === SETTINGS || layout === SECTIONS || layout === QUESTIONS)
        report('missing_sheet', layout.name, undefined);
      rows.set(layout, []);
      continue;
    }
    rows.set(layout, readSheetRows(sheet, layout, report, { maxCellLength: limits.maxStringLength }));
  }
  const origin = (object: object, layout: SheetLayout, row: SheetRow, cells = row.cells) => {
    origins.set(object, { sheet: layout.name, cells, fallback: `A${row.row}` });
  };
  const pick = (row: SheetRow, keys: readonly string[]) => {
    const out: Record<string, unknown> = {};
    for (const key of keys) if (row.values[key] !== undefined) out[key] = plain(row.values[key]);
    return out;
  };

  const template = settings(rows.get(SETTINGS)!, report, origins);
  const basedOn = rows.get(SOURCES)!.map((row) => {
    const source = pick(row, ['title', 'publisher', 'year', 'url', 'note']);
    origin(source, SOURCES, row);
    return source;
  });
  if (basedOn.length > 0) (template.provenance as Record<string, unknown>).basedOn = basedOn;
  const changes = rows.get(CHANGES)!.map((row) => {
    const change = pick(row, ['kind', 'target', 'replacedBy', 'editorial', 'note']);
    origin(change, CHANGES, row);
    return change;
  });
  if (template.derivedFrom) (template.derivedFrom as Record<string, unknown>).changes = changes;

  // Sections, then questions into them, matrix items into the matrix above, options into questions.
  const sections = new Map<string, { questions: unknown[] }>();
  template.sections = rows.get(SECTIONS)!.map((row) => {
    const section = { ...pick(row, ['id', 'title', 'description', 'visibleIf']), questions: [] as unknown[] };
    origin(section, SECTIONS, row);
    const id = String(row.values.id ?? '');
    if (sections.has(id)) report('duplicate_id', SECTIONS.name, row.cells.get('id') ?? `A${row.row}`, { id });
    else sections.set(id, section);
    return section;
  });
  const questions = new Map<string, Record<string, unknown>>();
  let sectionId: unknown;
  let matrix: { items: unknown[] } | undefined;
  for (const row of rows.get(QUESTIONS)!) {
    sectionId = row.values.section ?? sectionId;
    if (row.values.editorial === true) editorial.add(String(row.values.id));
    const at = (key: string) => row.cells.get(key) ?? `A${row.row}`;
    if (row.values.type === 'item') {
      const { label, section: _s, type: _t, editorial: _e, ...rest } = pick(row, QUESTION_KEYS);
      const item = { ...rest, ...(label === undefined ? {} : { text: label }) };
      const cells = new Map(row.cells);
      for (const [key, ref] of row.cells)
        if (key.startsWith('label')) cells.set(key.replace('label', 'text'), ref);
      origin(item, QUESTIONS, row, cells);
      if (!matrix) report('item_without_matrix', QUESTIONS.name, at('type'));
      else matrix.items.push(item);
      continue;
    }
    const { section: _s, editorial: _e, ...question } = pick(row, QUESTION_KEYS);
    origin(question, QUESTIONS, row);
    matrix = question.type === 'matrix' ? (question as { items: unknown[] }) : undefined;
    if (matrix) matrix.items = [];
    const target = sections.get(String(sectionId ?? ''));
    if (!target) report('unknown_section', QUESTIONS.name, at('section'), { id: String(sectionId ?? '') });
    else target.questions.push(question);
    if (typeof question.id === 'string') {
      if (questions.has(question.id)) report('duplicate_id', QUESTIONS.name, at('id'), { id: question.id });
      else questions.set(question.id, question);
    }
    if (CHOICE_TYPES.has(String(question.type))) question.options = [];
  }
  for (const row of rows.get(OPTIONS)!) {
    const id = String(row.values.question ?? '');
    const option = pick(row, ['code', 'label', 'value', 'exclusive', 'other', 'pinned', 'missing']);
    origin(option, OPTIONS, row);
    const question = questions.get(id);
    const at = row.cells.get('question') ?? `A${row.row}`;
    if (!question) report('unknown_question', OPTIONS.name, at, { id });
    else if (!Array.isArray(question.options)) {
      report('options_not_allowed', OPTIONS.name, at, { id, type: String(question.type) });
    } else question.options.push(option);
  }

  const scales: Record<string, { options: unknown[] }> = {};
  for (const row of rows.get(SCALES)!) {
    const id = String(row.values.scale ?? '');
    if (row.values.code === undefined) {
      const scale = { ...pick(row, ['label', 'favourable', 'missing']), options: [] as unknown[] };
      origin(scale, SCALES, row);
      if (Object.hasOwn(scales, id) || id === '__proto__') {
        report('duplicate_id', SCALES.name, row.cells.get('scale') ?? `A${row.row}`, { id });
      } else scales[id] = scale;
      continue;
    }
    const option = pick(row, ['code', 'label', 'value']);
    origin(option, SCALES, row);
    if (!Object.hasOwn(scales, id))
      report('unknown_parent', SCALES.name, row.cells.get('scale') ?? `A${row.row}`, { id });
    else scales[id]!.options.push(option);
  }
  if (Object.keys(scales).length > 0) template.scales = scales;

  const scores = rows.get(SCORES)!.map((row) => {
    const score = pick(row, ['id', 'label', 'items', 'method', 'minAnswered']);
    origin(score, SCORES, row);
    return score;
  });
  if (scores.length > 0) template.scores = scores;
  const benchmarks = rows.get(BENCHMARKS)!.map((row) => {
    const benchmark = pick(row, [
      'item',
      'score',
      'statistic',
      'group',
      'value',
      'n',
      'source',
      'year',
      'note',
    ]);
    origin(benchmark, BENCHMARKS, row);
    return benchmark;
  });
  if (benchmarks.length > 0) template.benchmarks = benchmarks;

  const rules: Record<string, unknown>[] = [];
  for (const row of rows.get(PASS_RULES)!) {
    const id = String(row.values.rule ?? '');
    if (row.values.group === undefined) {
      const { rule: _r, ...rest } = pick(row, ['rule', 'label', 'score', 'threshold']);
      const rule = { id, ...rest, groups: [] as unknown[] };
      const cells = new Map(row.cells);
      if (row.cells.has('rule')) cells.set('id', row.cells.get('rule')!);
      origin(rule, PASS_RULES, row, cells);
      rules.push(rule);
      continue;
    }
    const { group, ...rest } = pick(row, ['group', 'label', 'where']);
    const entry = { id: group, ...rest };
    const cells = new Map(row.cells);
    if (row.cells.has('group')) cells.set('id', row.cells.get('group')!);
    origin(entry, PASS_RULES, row, cells);
    const rule = rules.at(-1)?.id === id ? rules.at(-1) : undefined;
    if (!rule) report('unknown_parent', PASS_RULES.name, row.cells.get('rule') ?? `A${row.row}`, { id });
    else (rule.groups as unknown[]).push(entry);
  }
  if (rules.length > 0) template.passRules = rules;
  return template as unknown as Template;
}

const QUESTION_KEYS = QUESTIONS.fields.map((f) => f.key);

/** Turns prototype-free cell values (texts, conditions) into ordinary objects. */
function plain(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return { ...value };
}

function settings(rows: readonly SheetRow[], report: ReportAt, origins: Map<object, CellOrigin>) {
  const template: Record<string, unknown> = {};
  const provenance: Record<string, unknown> = { authors: [] };
  const derivedFrom: Record<string, unknown> = {};
  const cells = new Map<string, string>();
  const provenanceCells = new Map<string, string>();
  const derivedCells = new Map<string, string>();
  const kinds = new Map(SETTING_ROWS.map((r) => [r.key, r.kind]));
  const seen = new Set<string>();
  for (const row of rows) {
    const key = String(row.values.key ?? '');
    const at = row.cells.get('key') ?? `A${row.row}`;
    const kind = kinds.get(key);
    if (!kind) {
      report('unknown_setting', SETTINGS.name, at, { key });
      continue;
    }
    if (kind !== 'values' && seen.has(key)) {
      report('duplicate_setting', SETTINGS.name, at, { key });
      continue;
    }
    seen.add(key);
    const value = kind === 'text' ? plain(row.values.text) : row.values.value;
    const cell = kind === 'text' ? 'text' : 'value';
    if (value === undefined) continue;
    const [head, tail] = key.split('.') as [string, string | undefined];
    const target = head === 'provenance' ? provenance : head === 'derivedFrom' ? derivedFrom : template;
    const targetCells =
      head === 'provenance' ? provenanceCells : head === 'derivedFrom' ? derivedCells : cells;
    const field = tail ?? head;
    for (const [k, ref] of row.cells)
      if (k.startsWith(cell)) targetCells.set(field + k.slice(cell.length), ref);
    if (kind === 'values') (target[field] as unknown[]).push(value);
    else if (key === 'locales')
      target.locales = String(value)
        .split(/[,、，]/)
        .map((s) => s.trim());
    else target[field] = value;
  }
  template.provenance = provenance;
  if (Object.keys(derivedFrom).length > 0) template.derivedFrom = derivedFrom;
  origins.set(template, { sheet: SETTINGS.name, cells, fallback: 'A1' });
  origins.set(provenance, { sheet: SETTINGS.name, cells: provenanceCells, fallback: 'A1' });
  origins.set(derivedFrom, { sheet: SETTINGS.name, cells: derivedCells, fallback: 'A1' });
  return template;
}
