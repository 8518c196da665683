import { createIssue, type Issue, type MessageLocale } from '../../core/issue.js';
import { type Expr, printExpression } from '../../expr/index.js';
import {
  defaultTemplateLimits,
  type LocalisedText,
  parseTemplate,
  type Survey,
  type Template,
  type TemplateLimits,
} from '../../schema/index.js';
import { type CellOrigin, locateIssue } from '../workbook/locateIssue.js';
import { issueReporter } from '../workbook/readSheetRows.js';
import { readWorkbookSheets } from '../workbook/readWorkbookSheets.js';
import { fromXPath, type XPathName } from './fromXPath.js';
import { xlsFormImportMessages as messages, type XlsFormIssueCode } from './messages.js';
import { parseXPath } from './parseXPath.js';
import { type FormCell, type FormRow, languageOf, readXlsFormSheet } from './readXlsFormSheet.js';
import { xlsFormConstraint } from './xlsFormConstraint.js';

/** Options of {@link fromXlsForm}. */
export interface FromXlsFormOptions {
  /** The XLSForm: the bytes of an .xlsx with `survey`, `choices` and `settings` sheets. */
  data: Uint8Array;
  /** The template id. Default: the form's `form_id` (as kebab case), else `imported-xlsform`. */
  id?: string;
  /** The template version. Default: the form's `version` when it is MAJOR.MINOR.PATCH, else `1.0.0`. */
  version?: string;
  /** The SPDX licence id of the texts. Default `NOASSERTION` (unknown): set it before publishing. */
  licence?: string;
  /** Who wrote the questionnaire. Default `['XLSForm import']`. */
  authors?: string[];
  /** Language of issue messages. Default `ja`. */
  locale?: MessageLocale;
  /** Template size limits; each defaults to `defaultTemplateLimits`. The workbook's limits follow from them. */
  limits?: Partial<TemplateLimits>;
}

/**
 * The result of {@link fromXlsForm}. `template` is there when what translates makes a valid
 * template; `issues` lists everything that did not translate or is wrong, each at its
 * `sheet!cell` (path `['survey', 'F12']`, `params.column` the column header). An issue whose
 * `params.severity` is `notice` is harmless (an ignored display hint, a device value); every other
 * issue means the template lacks something the form has, or the form is wrong.
 */
export interface FromXlsFormResult {
  template?: Template;
  survey?: Survey;
  issues: Issue[];
}

/** Device values ODK records on its own; not questions. */
const METADATA = new Set([
  'start',
  'end',
  'today',
  'deviceid',
  'subscriberid',
  'simserial',
  'phonenumber',
  'username',
  'email',
  'audit',
  'start-geopoint',
  'background-geopoint',
]);
const UNSUPPORTED: Readonly<Record<string, string>> = {
  calculate: 'calculate',
  geopoint: 'geo',
  geotrace: 'geo',
  geoshape: 'geo',
  image: 'media',
  audio: 'media',
  video: 'media',
  file: 'media',
  'background-audio': 'media',
};
/** Columns whose content kizuki has no place for; anything in them is reported per cell. */
const UNSUPPORTED_COLUMNS = new Set([
  'default',
  'read_only',
  'calculation',
  'trigger',
  'parameters',
  'repeat_count',
  'guidance_hint',
  'image',
  'audio',
  'video',
  'media::image',
  'media::audio',
  'media::video',
  'media::big-image',
  'choice_filter',
]);
const SURVEY_COLUMNS = new Set([
  'type',
  'name',
  'label',
  'hint',
  'required',
  'relevant',
  'constraint',
  'constraint_message',
  'required_message',
  'appearance',
]);
const IGNORED_SETTINGS = new Set([
  'instance_name',
  'public_key',
  'submission_url',
  'style',
  'allow_choice_duplicates',
  'auto_send',
  'auto_delete',
  'namespaces',
  'clean_text_values',
]);
const ID = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const RESERVED = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null', 'constructor', 'prototype']);
const SEMVER = /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/;
const TEMPLATE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TRUE = /^(?:yes|true|true\(\))$/i;
const FALSE = /^(?:no|false|false\(\))$/i;
const SCALE_PREFIX = 'scale_';

/** A survey row as a node of the group tree. */
interface Node {
  row: FormRow;
  head: string;
  list?: string;
  name?: string;
  children?: Node[];
}

/** A choice list: its options with codes, where each came from, and the codes by choice name. */
interface ChoiceList {
  options: { code: number; label: LocalisedText; row: FormRow }[];
  codes: Map<string, number>;
}

/**
 * Reads an XLSForm (ODK, KoboToolbox, Enketo) into a kizuki template, following the XLSForm
 * specification (xlsform.org): `survey`, `choices` and `settings` sheets; `select_one`,
 * `select_multiple`, `rank`, `integer`, `decimal`, `text`, `date`, `note`; top-level groups
 * become sections and questions outside groups their own sections; a `field-list` group of
 * `select_one` rows on one list inside a section becomes a matrix, a `select_one` on a list named
 * `scale_<id>` a Likert question on scale `<id>` (as `toXlsForm` writes them); other nested groups
 * are merged into their section with their `relevant` added to each question. `label`, `hint`
 * and their `::Japanese (ja)` columns give the texts; `required`, `relevant` and `constraint` are
 * translated into kizuki expressions and bounds. Choice names that are not whole numbers are
 * numbered from 1, and conditions follow.
 *
 * Every feature that does not translate is reported at its cell (`survey!F12`) with its column,
 * never dropped silently: other types (`geopoint`, `calculate`, `begin repeat`…), functions and
 * constraints kizuki has no counterpart for, `choice_filter`, `default`, media columns, unknown
 * lists, duplicate names; ignored display hints (`appearance`) and device values (`start`,
 * `deviceid`) as notices. The template is then checked by `parseTemplate`, whose issues are moved
 * to the cells they came from. Hostile files are refused as `workbookToTemplate` refuses them, and
 * expressions are parsed within length and depth limits.
 *
 * @example
 * ```ts
 * import { fromXlsForm } from 'kizuki/workbook';
 * const { template, issues } = fromXlsForm({ data: readFileSync('household.xlsx'), locale: 'en' });
 * for (const issue of issues) console.warn(issue.message); // survey!F12 (relevant): …
 * if (template) writeFileSync('household.json', JSON.stringify(template, null, 2));
 * ```
 */
export function fromXlsForm(options: FromXlsFormOptions): FromXlsFormResult {
  const locale = options.locale ?? 'ja';
  const limits: TemplateLimits = { ...defaultTemplateLimits, ...options.limits };
  const issues: Issue[] = [];
  const reportWorkbook = issueReporter(issues, locale);
  const sheets = readWorkbookSheets(options.data, limits, reportWorkbook);
  if (!sheets) return { issues: withSeverity(issues) };
  const sheet = (name: string) => sheets.find((s) => s.name.trim().toLowerCase() === name);
  const surveySheet = sheet('survey');
  if (!surveySheet) {
    reportWorkbook('missing_sheet', 'survey', undefined);
    return { issues: withSeverity(issues) };
  }
  const report = (
    code: XlsFormIssueCode,
    sheetName: string,
    cell: FormCell | { ref: string; column?: string } | undefined,
    params: Record<string, unknown> = {},
    severity: 'error' | 'notice' = 'error',
  ) => {
    const at = cell === undefined ? {} : { cell: cell.ref, ...(cell.column ? { column: cell.column } : {}) };
    const all = { ...params, sheet: sheetName, ...at, severity };
    issues.push(createIssue(messages, code, cell ? [sheetName, cell.ref] : [sheetName], locale, all));
  };
  const read = (name: string, language: string) => {
    const raw = sheet(name);
    if (!raw) return [];
    return readXlsFormSheet(
      raw,
      language,
      reportWorkbook,
      (code, ref, column) => report(code, raw.name, { ref, column }, { column }),
      { maxCellLength: limits.maxStringLength },
    );
  };

  // Settings first: their default language says what a `label` column without one is in.
  const settingsRows = read('settings', 'ja');
  const settings = settingsRows[0]?.cells ?? new Map<string, FormCell>();
  const languageCell = settings.get('default_language');
  let defaultLanguage = 'ja';
  if (languageCell) {
    const code = languageOf(String(languageCell.value));
    if (code === undefined)
      report('unknown_language', 'settings', languageCell, { column: String(languageCell.value) });
    else defaultLanguage = code;
  }
  for (const [key, cell] of settings) {
    if (IGNORED_SETTINGS.has(key)) report('ignored_setting', 'settings', cell, {}, 'notice');
    else if (!['form_title', 'form_id', 'version', 'default_language'].includes(key))
      report('unsupported_column', 'settings', cell);
  }
  const locales = new Set<string>();
  const texts = (row: FormRow, key: string): LocalisedText | undefined => {
    const byLanguage = row.texts.get(key);
    if (!byLanguage) return undefined;
    const out: Record<string, string> = {};
    for (const [language, cell] of byLanguage) {
      out[language] = String(cell.value);
      locales.add(language);
    }
    return out as LocalisedText;
  };

  // Choice lists, with integer codes: the names themselves when all are whole numbers.
  const lists = new Map<string, ChoiceList>();
  const listRows = new Map<string, FormRow[]>();
  for (const row of read('choices', defaultLanguage)) {
    const list = row.cells.get('list_name');
    const name = row.cells.get('name');
    if (!list) {
      report('missing_name', 'choices', { ref: `A${row.row}`, column: 'list_name' });
      continue;
    }
    if (!name) {
      report('missing_name', 'choices', { ref: list.ref, column: 'name' });
      continue;
    }
    const key = String(list.value);
    if (!listRows.has(key)) listRows.set(key, []);
    listRows.get(key)!.push(row);
    for (const [column, cell] of row.cells) {
      if (column === 'list_name' || column === 'name') continue;
      if (UNSUPPORTED_COLUMNS.has(column)) report('unsupported_column', 'choices', cell);
      else report('ignored_column', 'choices', cell, { why: 'unknown' }, 'notice');
    }
    for (const [column, byLanguage] of row.texts) {
      if (column === 'label') continue;
      for (const cell of byLanguage.values()) report('unsupported_column', 'choices', cell);
    }
  }
  for (const [key, rows] of listRows) {
    const names = rows.map((r) => String(r.cells.get('name')!.value).trim());
    const numeric = names.every((n) => /^-?\d{1,9}$/.test(n));
    const list: ChoiceList = { options: [], codes: new Map() };
    rows.forEach((row, i) => {
      const name = names[i]!;
      if (list.codes.has(name)) {
        report('duplicate_choice', 'choices', row.cells.get('name'), { list: key, name });
        return;
      }
      const code = numeric ? Number(name) : list.options.length + 1;
      list.codes.set(name, code);
      const label = texts(row, 'label');
      // A choice, question or item without a label is reported and left out, so the checker does not say it again.
      if (!label) {
        report('missing_label', 'choices', { ref: row.cells.get('name')!.ref, column: 'label' }, { name });
        return;
      }
      list.options.push({ code, label, row });
    });
    if (!numeric) {
      const mapping = [...list.codes].map(([n, c]) => `${n}=${c}`).join(', ');
      report('codes_assigned', 'choices', rows[0]!.cells.get('list_name'), { list: key, mapping }, 'notice');
    }
    lists.set(key, list);
  }

  // The survey sheet as a tree of groups; every name is known before any condition is translated.
  const names = new Map<string, XPathName & { cell: FormCell }>();
  const root: Node[] = [];
  const stack: Node[] = [];
  let skipping: { node: Node; depth: number; rows: number[] } | undefined;
  for (const row of read('survey', defaultLanguage)) {
    const typeCell = row.cells.get('type');
    if (!typeCell) {
      report('missing_type', 'survey', { ref: `A${row.row}`, column: 'type' });
      continue;
    }
    const [head = '', list, ...extra] = normaliseType(String(typeCell.value));
    if (skipping) {
      skipping.rows.push(row.row);
      if (head === 'begin_repeat' || head === 'begin_group') skipping.depth++;
      else if ((head === 'end_repeat' || head === 'end_group') && --skipping.depth === 0) {
        const { node, rows } = skipping;
        report('skipped_rows', 'survey', node.row.cells.get('type'), {
          name: node.name ?? '',
          count: rows.length - 2,
          from: node.row.row + 1,
          to: row.row - 1,
        });
        skipping = undefined;
      }
      continue;
    }
    const nameCell = row.cells.get('name');
    const node: Node = {
      row,
      head,
      ...(list ? { list } : {}),
      ...(nameCell ? { name: String(nameCell.value) } : {}),
    };
    const parent = stack.at(-1)?.children ?? root;
    if (head === 'end_group' || head === 'end_repeat') {
      if (stack.length === 0 || head === 'end_repeat')
        report('unmatched_end', 'survey', typeCell, { type: typeCell.value });
      else stack.pop();
      continue;
    }
    if (head === 'begin_repeat') {
      report('unsupported_type', 'survey', typeCell, { type: typeCell.value, reason: 'repeat' });
      skipping = { node, depth: 1, rows: [row.row] };
      continue;
    }
    if (METADATA.has(head)) {
      report('metadata_type', 'survey', typeCell, { type: head }, 'notice');
      continue;
    }
    const known = [
      'begin_group',
      'select_one',
      'select_multiple',
      'rank',
      'integer',
      'decimal',
      'text',
      'date',
      'note',
    ];
    if (!known.includes(head) || extra.length > 0) {
      report('unsupported_type', 'survey', typeCell, {
        type: typeCell.value,
        reason: Object.hasOwn(UNSUPPORTED, head) ? UNSUPPORTED[head] : 'other',
      });
      continue;
    }
    if (['select_one', 'select_multiple', 'rank'].includes(head)) {
      if (list === undefined) {
        report('missing_list', 'survey', typeCell, { type: head });
        continue;
      }
      if (!lists.has(list)) {
        report('unknown_list', 'survey', typeCell, { list });
        continue;
      }
    }
    if (!nameCell) {
      report('missing_name', 'survey', { ref: typeCell.ref.replace(/^[A-Z]+/, 'B'), column: 'name' });
      continue;
    }
    const name = String(nameCell.value);
    if (!ID.test(name) || RESERVED.has(name)) {
      report('bad_name', 'survey', nameCell, { name });
      continue;
    }
    const first = names.get(name);
    if (first) {
      report('duplicate_name', 'survey', nameCell, { name, first: first.cell.ref });
      continue;
    }
    const codes = list === undefined ? undefined : lists.get(list)?.codes;
    names.set(name, { id: name, cell: nameCell, ...(codes ? { codes } : {}) });
    parent.push(node);
    if (head === 'begin_group') {
      node.children = [];
      stack.push(node);
    }
  }
  if (skipping) {
    report('unclosed_group', 'survey', skipping.node.row.cells.get('type'), {
      name: skipping.node.name ?? '',
    });
  }
  for (const open of stack)
    report('unclosed_group', 'survey', open.row.cells.get('type'), { name: open.name ?? '' });

  // Expressions, translated with every name known.
  const xpathLimits = { maxLength: limits.maxExpressionLength, maxDepth: 64 };
  const expression = (cell: FormCell | undefined, self?: string): Expr | undefined => {
    if (cell === undefined) return undefined;
    const source = String(cell.value);
    const parsed = parseXPath(source, xpathLimits);
    if (!('node' in parsed)) {
      report('expression', 'survey', cell, {
        source,
        gap: parsed.reason,
        detail: parsed.detail,
        position: parsed.position,
      });
      return undefined;
    }
    const translated = fromXPath(parsed.node, { names, ...(self === undefined ? {} : { self }) });
    if ('gap' in translated) {
      const { reason, detail, position } = translated.gap;
      report('expression', 'survey', cell, { source, gap: reason, detail, position });
      return undefined;
    }
    return translated.expr;
  };
  const both = (a: Expr | undefined, b: Expr | undefined): Expr | undefined =>
    a && b ? { type: 'binary', op: 'and', left: a, right: b, start: 0, end: 0 } : (a ?? b);

  const origins = new Map<object, CellOrigin>();
  const originOf = (
    object: object,
    row: FormRow,
    sheetName: string,
    extra: Record<string, string | undefined> = {},
  ) => {
    const cells = new Map<string, string>();
    const add = (key: string, ref: string | undefined) => ref !== undefined && cells.set(key, ref);
    add('id', row.cells.get('name')?.ref);
    add('type', row.cells.get('type')?.ref);
    add('visibleIf', row.cells.get('relevant')?.ref);
    add('required', row.cells.get('required')?.ref);
    add('requiredIf', row.cells.get('required')?.ref);
    for (const [key, target] of [
      ['label', 'label'],
      ['hint', 'help'],
    ] as const) {
      const byLanguage = row.texts.get(key);
      if (!byLanguage) continue;
      for (const [language, cell] of byLanguage) add(`${target}.${language}`, cell.ref);
      add(target, (byLanguage.get('ja') ?? [...byLanguage.values()][0])?.ref);
    }
    for (const [key, ref] of Object.entries(extra)) add(key, ref);
    origins.set(object, { sheet: sheetName, cells, fallback: `A${row.row}` });
  };

  /** The cells of a row that no column reading below takes: reported, never dropped silently. */
  const otherCells = (row: FormRow, used: ReadonlySet<string>) => {
    for (const [column, cell] of row.cells) {
      if (used.has(column)) continue;
      if (column === 'choice_filter') report('choice_filter', 'survey', cell);
      else if (column === 'constraint_message' || column === 'required_message')
        report('ignored_column', 'survey', cell, { why: 'message' }, 'notice');
      else if (UNSUPPORTED_COLUMNS.has(column) || SURVEY_COLUMNS.has(column))
        report('unsupported_column', 'survey', cell);
      else report('ignored_column', 'survey', cell, { why: 'unknown' }, 'notice');
    }
    for (const [column, byLanguage] of row.texts) {
      if (column === 'label' || column === 'hint') continue;
      for (const cell of byLanguage.values()) {
        if (column === 'constraint_message' || column === 'required_message')
          report('ignored_column', 'survey', cell, { why: 'message' }, 'notice');
        else report('unsupported_column', 'survey', cell);
      }
    }
  };
  const appearance = (row: FormRow, allowed: readonly string[]): string[] => {
    const cell = row.cells.get('appearance');
    if (!cell) return [];
    const words = String(cell.value)
      .split(/\s+/)
      .filter((w) => w !== '');
    for (const word of words)
      if (!allowed.includes(word)) report('ignored_appearance', 'survey', cell, { value: word }, 'notice');
    return words;
  };

  const scales = new Map<string, { id: string; list: string }>();
  const scaleOf = (list: string): string => {
    const id = list.startsWith(SCALE_PREFIX) ? list.slice(SCALE_PREFIX.length) : list;
    scales.set(list, { id, list });
    return id;
  };
  const label = (node: Node): LocalisedText | undefined => {
    const text = texts(node.row, 'label');
    if (!text)
      report(
        'missing_label',
        'survey',
        { ref: node.row.cells.get('name')!.ref, column: 'label' },
        { name: node.name },
      );
    return text;
  };
  const requirement = (node: Node, question: Record<string, unknown>) => {
    const cell = node.row.cells.get('required');
    if (!cell) return;
    if (cell.value === true || TRUE.test(String(cell.value))) question.required = true;
    else if (cell.value === false || FALSE.test(String(cell.value))) return;
    else {
      const expr = expression(cell);
      if (expr) question.requiredIf = printExpression(expr);
    }
  };

  const question = (node: Node, inherited: Expr | undefined): Record<string, unknown> | undefined => {
    const { row, head } = node;
    const text = label(node);
    if (!text) return undefined;
    const q: Record<string, unknown> = { id: node.name!, type: '', label: text };
    const help = texts(row, 'hint');
    if (help) q.help = help;
    const used = new Set(['type', 'name', 'relevant', 'appearance']);
    const visible = both(inherited, expression(row.cells.get('relevant')));
    if (visible) q.visibleIf = printExpression(visible);
    const options = () =>
      lists.get(node.list!)!.options.map((o) => {
        const option = { code: o.code, label: o.label };
        originOf(option, o.row, 'choices', { code: o.row.cells.get('name')?.ref });
        return option;
      });
    let words: string[] = [];
    switch (head) {
      case 'select_one':
        if (node.list!.startsWith(SCALE_PREFIX))
          Object.assign(q, { type: 'likert', scale: scaleOf(node.list!) });
        else Object.assign(q, { type: 'single', options: options() });
        break;
      case 'select_multiple':
        Object.assign(q, { type: 'multiple', options: options() });
        break;
      case 'rank': {
        const list = options();
        Object.assign(q, { type: 'ranking', options: list, maxRanked: list.length });
        break;
      }
      case 'integer':
      case 'decimal':
        Object.assign(q, { type: 'number', ...(head === 'integer' ? { integer: true } : {}) });
        break;
      case 'text':
        q.type = 'text';
        words = appearance(row, ['multiline']);
        if (words.includes('multiline')) q.size = 'long';
        break;
      default:
        q.type = head;
    }
    if (head !== 'text') appearance(row, []);
    if (head !== 'note') {
      used.add('required');
      requirement(node, q);
    }
    const constraint = row.cells.get('constraint');
    if (constraint && head !== 'note') {
      used.add('constraint');
      const parsed = parseXPath(String(constraint.value), xpathLimits);
      if (!('node' in parsed)) {
        report('expression', 'survey', constraint, {
          source: String(constraint.value),
          gap: parsed.reason,
          detail: parsed.detail,
          position: parsed.position,
        });
      } else {
        const { bounds, rest } = xlsFormConstraint(parsed.node, q.type as never, q.integer === true);
        Object.assign(q, bounds);
        for (const part of rest) {
          report('constraint', 'survey', constraint, {
            part: String(constraint.value).slice(part.start, part.end),
          });
        }
      }
    }
    otherCells(row, used);
    const bounds: Record<string, string | undefined> = {};
    for (const key of ['min', 'max', 'minSelected', 'maxSelected', 'maxLength'])
      bounds[key] = constraint?.ref;
    originOf(q, row, 'survey', {
      ...bounds,
      options: row.cells.get('type')?.ref,
      scale: row.cells.get('type')?.ref,
    });
    return q;
  };

  /** A field-list group of `select_one` rows on one list and nothing else: a matrix (null: one without a label). */
  const matrix = (node: Node, inherited: Expr | undefined): Record<string, unknown> | null | undefined => {
    const children = node.children!;
    const list = children[0]?.list;
    const plain = (c: Node) =>
      c.head === 'select_one' &&
      c.list === list &&
      [...c.row.cells.keys()].every((k) => ['type', 'name'].includes(k)) &&
      [...c.row.texts.keys()].every((k) => k === 'label');
    const words = String(node.row.cells.get('appearance')?.value ?? '').split(/\s+/);
    if (!words.includes('field-list') || children.length === 0 || !children.every(plain)) return undefined;
    const text = label(node);
    if (!text) return null;
    const q: Record<string, unknown> = { id: node.name!, type: 'matrix', label: text };
    const help = texts(node.row, 'hint');
    if (help) q.help = help;
    const visible = both(inherited, expression(node.row.cells.get('relevant')));
    if (visible) q.visibleIf = printExpression(visible);
    requirement(node, q);
    q.scale = scaleOf(list!);
    q.items = children.flatMap((c) => {
      const text = label(c);
      if (!text) return [];
      const item = { id: c.name!, text };
      originOf(item, c.row, 'survey');
      const cells = origins.get(item)!.cells;
      for (const [key, ref] of cells)
        if (key.startsWith('label')) cells.set(key.replace('label', 'text'), ref);
      return [item];
    });
    appearance(node.row, ['field-list']);
    otherCells(node.row, new Set(['type', 'name', 'relevant', 'appearance', 'required']));
    originOf(q, node.row, 'survey', { scale: children[0]!.row.cells.get('type')?.ref });
    return q;
  };

  const formTitle = settings.get('form_title');
  const title: LocalisedText = formTitle
    ? ({ [defaultLanguage]: String(formTitle.value) } as LocalisedText)
    : { ja: String(settings.get('form_id')?.value ?? 'XLSForm') };
  if (formTitle) locales.add(defaultLanguage);

  /** Questions of a section: nested groups become matrices or are merged in with their condition. */
  const collect = (nodes: readonly Node[], inherited: Expr | undefined, out: unknown[]) => {
    for (const node of nodes) {
      if (node.head !== 'begin_group') {
        const q = question(node, inherited);
        if (q) out.push(q);
        continue;
      }
      const asMatrix = matrix(node, inherited);
      if (asMatrix !== undefined) {
        if (asMatrix) out.push(asMatrix);
        continue;
      }
      report('nested_group', 'survey', node.row.cells.get('type'), { name: node.name }, 'notice');
      appearance(node.row, ['field-list']);
      otherCells(node.row, new Set(['type', 'name', 'relevant', 'appearance']));
      // The heading is said in the notice; a hint under it has nowhere to go.
      for (const cell of node.row.texts.get('hint')?.values() ?? [])
        report('unsupported_column', 'survey', cell);
      const condition = both(inherited, expression(node.row.cells.get('relevant')));
      collect(node.children!, condition, out);
    }
  };
  const sections: Record<string, unknown>[] = [];
  const taken = new Set(names.keys());
  let loose: Node[] = [];
  const flushLoose = () => {
    if (loose.length === 0) return;
    let n = sections.length + 1;
    while (taken.has(`section${n}`)) n++;
    taken.add(`section${n}`);
    const questions: unknown[] = [];
    collect(loose, undefined, questions);
    sections.push({ id: `section${n}`, title, questions });
    loose = [];
  };
  for (const node of root) {
    if (node.head !== 'begin_group') {
      loose.push(node);
      continue;
    }
    flushLoose();
    const section: Record<string, unknown> = { id: node.name!, title: texts(node.row, 'label') ?? title };
    const help = texts(node.row, 'hint');
    if (help) section.description = help;
    const visible = expression(node.row.cells.get('relevant'));
    if (visible) section.visibleIf = printExpression(visible);
    appearance(node.row, ['field-list']);
    otherCells(node.row, new Set(['type', 'name', 'relevant', 'appearance']));
    const questions: unknown[] = [];
    collect(node.children!, undefined, questions);
    section.questions = questions;
    originOf(section, node.row, 'survey', { title: node.row.texts.get('label')?.values().next().value?.ref });
    sections.push(section);
  }
  flushLoose();

  // A `scale_` list is a scale even when no question uses it yet (as `toXlsForm` writes them).
  for (const list of lists.keys()) if (list.startsWith(SCALE_PREFIX)) scaleOf(list);
  const scaleRecord: Record<string, unknown> = {};
  for (const { id, list } of scales.values()) {
    scaleRecord[id] = {
      options: lists.get(list)!.options.map((o) => {
        const option = { code: o.code, label: o.label };
        originOf(option, o.row, 'choices', { code: o.row.cells.get('name')?.ref });
        return option;
      }),
    };
  }
  if (!locales.has('ja')) report('no_japanese', 'survey', undefined);

  const formId = settings.get('form_id');
  let id = options.id;
  if (id === undefined) {
    const raw = formId === undefined ? '' : String(formId.value);
    const kebab = raw
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64);
    id = TEMPLATE_ID.test(kebab) ? kebab : 'imported-xlsform';
    if (formId && id !== raw) {
      report(
        'bad_setting',
        'settings',
        formId,
        {
          value: raw,
          used: id,
          expectedJa: 'テンプレートID（英小文字・数字・ハイフン）',
          expectedEn: 'a template id (lower-case letters, digits, hyphens)',
        },
        'notice',
      );
    }
  }
  const versionCell = settings.get('version');
  let version = options.version;
  if (version === undefined) {
    const raw = versionCell === undefined ? '' : String(versionCell.value);
    version = SEMVER.test(raw) ? raw : '1.0.0';
    if (versionCell && version !== raw) {
      report(
        'bad_setting',
        'settings',
        versionCell,
        {
          value: raw,
          used: version,
          expectedJa: '1.2.0 の形の版',
          expectedEn: 'a version such as 1.2.0',
        },
        'notice',
      );
    }
  }
  const ordered = ['ja', ...[...locales].filter((l) => l !== 'ja')];
  // XLSForm's form_title has one language; the template needs the title in each.
  const titled = Object.keys(title);
  const copied = ordered.filter((l) => !titled.includes(l));
  if (copied.length > 0) {
    const text = title[titled[0]!]!;
    for (const l of copied) (title as Record<string, string>)[l] = text;
    report('title_copied', 'settings', formTitle, { languages: copied.join(', ') }, 'notice');
  }
  const template: Record<string, unknown> = {
    id,
    version,
    locales: ordered,
    title,
    provenance: { authors: options.authors ?? ['XLSForm import'] },
    licence: options.licence ?? 'NOASSERTION',
    ...(scales.size > 0 ? { scales: scaleRecord } : {}),
    sections,
  };
  origins.set(template, {
    sheet: 'settings',
    cells: new Map(
      [
        ['id', formId?.ref],
        ['version', versionCell?.ref],
        ['title', formTitle?.ref],
      ].filter((e): e is [string, string] => e[1] !== undefined),
    ),
    fallback: 'A1',
  });
  // Nothing usable comes of a form whose structure is broken; its own issues say why.
  if (issues.some((i) => i.params?.severity !== 'notice' && structural(i.code)))
    return { issues: withSeverity(issues) };
  const parsed = parseTemplate(template, { locale, limits });
  if (!parsed.success) {
    issues.push(...parsed.issues.map((issue) => locateIssue(issue, template, origins)));
    return { issues: withSeverity(issues) };
  }
  return { template: parsed.survey.template, survey: parsed.survey, issues: withSeverity(issues) };
}

/** Issue codes after which the survey's structure is not what the form meant. */
function structural(code: string): boolean {
  return ['unmatched_end', 'unclosed_group', 'no_japanese'].includes(code);
}

/** Every issue says whether it is an error or a harmless notice. */
function withSeverity(issues: Issue[]): Issue[] {
  return issues.map((issue) =>
    issue.params?.severity === undefined
      ? { ...issue, params: { ...issue.params, severity: 'error' } }
      : issue,
  );
}

/** `begin group` → `begin_group`; `select one list` → `select_one list`; lower case, single spaces. */
function normaliseType(type: string): string[] {
  const [first = '', ...rest] = type.trim().split(/\s+/);
  // List names keep their case (pyxform matches them exactly); the type word does not.
  const words = [first.toLowerCase(), ...rest];
  if (
    words[1] !== undefined &&
    (words[0] === 'begin' || words[0] === 'end') &&
    ['group', 'repeat'].includes(words[1].toLowerCase())
  ) {
    return [`${words[0]}_${words[1].toLowerCase()}`, ...words.slice(2)];
  }
  if (
    words[1] !== undefined &&
    words[0] === 'select' &&
    ['one', 'multiple'].includes(words[1].toLowerCase())
  ) {
    return [`select_${words[1].toLowerCase()}`, ...words.slice(words[2]?.toLowerCase() === 'from' ? 3 : 2)];
  }
  return words;
}
