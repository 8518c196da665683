import type { Issue, MessageLocale, PathSegment } from '../../core/issue.js';
import { createIssue } from '../../core/issue.js';
import { parseExpression } from '../../expr/index.js';
import { type LocalisedText, parseTemplate, type Question, type Template } from '../../schema/index.js';
import { type CellValue, type ColumnSpec, writeXlsx } from '../workbook/writeXlsx.js';
import { xlsFormMessages } from './messages.js';
import { toXPath } from './xlsFormExpression.js';

/** Options of {@link toXlsForm}. */
export interface ToXlsFormOptions {
  /** Language of issue messages. Default `ja`. */
  locale?: MessageLocale;
}

/** The XLSForm bytes and every part of the template XLSForm cannot carry, or the template's issues. */
export type ToXlsFormResult =
  | { success: true; bytes: Uint8Array; dropped: Issue[]; issues: [] }
  | { success: false; issues: Issue[] };

/** Language names as ODK writes them in column headers: `label::Japanese (ja)`. */
const LANGUAGE_NAMES: Record<string, string> = { ja: 'Japanese', en: 'English' };

/**
 * Writes a template as an XLSForm (ODK, KoboToolbox, Enketo): `survey`, `choices` and `settings`
 * sheets, one `label::Japanese (ja)` column per locale, sections as groups, matrices as groups of
 * `select_one` rows, conditions as `relevant`/`required` XPath with `${id}` references, bounds as
 * `constraint`. What XLSForm cannot carry (scores, benchmarks, option values, exclusive options…)
 * is listed in `dropped`, each with its path into the template; nothing is left out silently.
 *
 * @example
 * ```ts
 * import { toXlsForm } from 'kizuki/workbook';
 * const result = toXlsForm(getTemplate('youth-voice')!);
 * if (result.success) {
 *   writeFileSync('youth-voice.xlsform.xlsx', result.bytes);
 *   for (const d of result.dropped) console.log(d.message);
 * }
 * ```
 */
export function toXlsForm(template: Template, options: ToXlsFormOptions = {}): ToXlsFormResult {
  const locale = options.locale ?? 'ja';
  const parsed = parseTemplate(template, { locale });
  if (!parsed.success) return { success: false, issues: parsed.issues };
  const t = parsed.survey.template;
  const dropped: Issue[] = [];
  const drop = (feature: string, path: PathSegment[], detail?: string) =>
    dropped.push(
      createIssue(
        xlsFormMessages,
        'not_in_xlsform',
        path,
        locale,
        detail === undefined ? { feature } : { feature, detail },
      ),
    );
  const labels = (name: string, text: LocalisedText | undefined): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const l of t.locales) {
      const value = text?.[l];
      if (value !== undefined) out[`${name}::${LANGUAGE_NAMES[l] ?? l} (${l})`] = value;
    }
    return out;
  };
  const xpath = (source: string | undefined, path: PathSegment[]): string | undefined => {
    if (source === undefined) return undefined;
    const expr = parseExpression(source);
    const result = expr.success ? toXPath(expr.expr) : { unsupported: source };
    if ('xpath' in result) return result.xpath;
    drop('expression', path, `${source}: ${result.unsupported}`);
    return undefined;
  };

  const survey: Record<string, string>[] = [];
  const choices: Record<string, string>[] = [];
  for (const [id, scale] of Object.entries(t.scales ?? {})) {
    for (const o of scale.options)
      choices.push({ list_name: `scale_${id}`, name: String(o.code), ...labels('label', o.label) });
    if (scale.favourable || scale.missing) drop('scale', ['scales', id]);
    if (scale.label) drop('label', ['scales', id, 'label']);
    scale.options.forEach(
      (o, i) => o.value !== undefined && drop('value', ['scales', id, 'options', i, 'value']),
    );
  }
  t.sections.forEach((section, si) => {
    const path: PathSegment[] = ['sections', si];
    survey.push({
      type: 'begin_group',
      name: section.id,
      ...labels('label', section.title),
      ...optional('relevant', xpath(section.visibleIf, [...path, 'visibleIf'])),
    });
    if (section.description) drop('description', [...path, 'description']);
    section.questions.forEach((q, qi) => question(q, [...path, 'questions', qi]));
    survey.push({ type: 'end_group', name: section.id });
  });

  function question(q: Question, path: PathSegment[]): void {
    const row: Record<string, string> = {
      name: q.id,
      ...labels('label', q.label),
      ...labels('hint', q.help),
      ...optional('relevant', xpath(q.visibleIf, [...path, 'visibleIf'])),
    };
    if (q.type !== 'note') {
      // A question is required when `required` is true or `requiredIf` holds; XLSForm has one cell for both.
      const requiredIf = 'requiredIf' in q ? q.requiredIf : undefined;
      if (q.required) {
        row.required = 'yes';
        if (requiredIf !== undefined) drop('expression', [...path, 'requiredIf'], `${requiredIf}: required`);
      } else {
        const required = xpath(requiredIf, [...path, 'requiredIf']);
        if (required !== undefined) row.required = required;
      }
      for (const key of ['role', 'personalData', 'reverse', 'tags', 'randomise', 'unit', 'size'] as const) {
        if ((q as Record<string, unknown>)[key] !== undefined) drop(key, [...path, key]);
      }
    }
    const constraint: string[] = [];
    switch (q.type) {
      case 'single':
      case 'multiple':
      case 'ranking': {
        const list = `list_${q.id}`;
        row.type = `${q.type === 'single' ? 'select_one' : q.type === 'multiple' ? 'select_multiple' : 'rank'} ${list}`;
        q.options.forEach((o, oi) => {
          choices.push({ list_name: list, name: String(o.code), ...labels('label', o.label) });
          for (const key of ['value', 'exclusive', 'other', 'pinned', 'missing'] as const) {
            if (o[key] !== undefined) drop(key, [...path, 'options', oi, key]);
          }
        });
        if (q.type === 'multiple') {
          if (q.minSelected !== undefined) constraint.push(`count-selected(.) >= ${q.minSelected}`);
          if (q.maxSelected !== undefined) constraint.push(`count-selected(.) <= ${q.maxSelected}`);
        }
        if (q.type === 'ranking') {
          drop('expression', [...path, 'maxRanked'], `maxRanked ${q.maxRanked}`);
          if (q.minRanked !== undefined)
            drop('expression', [...path, 'minRanked'], `minRanked ${q.minRanked}`);
        }
        break;
      }
      case 'likert':
        row.type = `select_one scale_${q.scale}`;
        break;
      case 'matrix':
        survey.push({ type: 'begin_group', name: q.id, appearance: 'field-list', ...row });
        for (const [ii, item] of q.items.entries()) {
          survey.push({ type: `select_one scale_${q.scale}`, name: item.id, ...labels('label', item.text) });
          for (const key of ['reverse', 'tags'] as const) {
            if (item[key] !== undefined) drop(key, [...path, 'items', ii, key]);
          }
        }
        survey.push({ type: 'end_group', name: q.id });
        return;
      case 'number':
        row.type = q.integer ? 'integer' : 'decimal';
        if (q.min !== undefined) constraint.push(`. >= ${q.min}`);
        if (q.max !== undefined) constraint.push(`. <= ${q.max}`);
        break;
      case 'text':
        row.type = 'text';
        if (q.maxLength !== undefined) constraint.push(`string-length(.) <= ${q.maxLength}`);
        break;
      case 'date':
        row.type = 'date';
        if (q.min !== undefined) constraint.push(`. >= date('${q.min}')`);
        if (q.max !== undefined) constraint.push(`. <= date('${q.max}')`);
        break;
      case 'note':
        row.type = 'note';
        break;
    }
    if (constraint.length > 0) row.constraint = constraint.join(' and ');
    survey.push(row);
  }

  for (const key of [
    'scores',
    'benchmarks',
    'passRules',
    'introduction',
    'audience',
    'derivedFrom',
  ] as const) {
    if (t[key] !== undefined) drop(key, [key]);
  }
  if (t.description !== undefined) drop('summary', ['description']);
  for (const l of t.locales)
    if (l !== 'ja' && t.title[l] !== undefined) drop('titleTranslation', ['title', l]);
  drop('provenance', ['provenance']);
  drop('licence', ['licence']);
  const settings = [
    {
      form_title: t.title.ja,
      form_id: t.id,
      version: t.version,
      default_language: `${LANGUAGE_NAMES.ja} (ja)`,
    },
  ];
  const bytes = writeXlsx([sheet('survey', survey), sheet('choices', choices), sheet('settings', settings)]);
  return { success: true, bytes, dropped, issues: [] };
}

function optional(key: string, value: string | undefined): Record<string, string> {
  return value === undefined ? {} : { [key]: value };
}

/** A sheet whose columns are every key used, in the order first seen. */
function sheet(name: string, rows: readonly Record<string, string>[]) {
  const headers: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!headers.includes(key)) headers.push(key);
  const columns: ColumnSpec[] = headers.map((header) => ({
    header,
    note: header,
    width: header === 'type' ? 22 : 18,
  }));
  const cells: CellValue[][] = rows.map((row) => headers.map((h) => row[h]));
  return { name, columns, rows: cells };
}
