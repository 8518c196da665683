import type { Survey } from '../../schema/index.js';
import { csvField } from '../csv/csvField.js';
import { localText } from '../localText.js';
import { type CodebookEntry, codebook } from './codebook.js';

/** Options of {@link codebookToCsv}. */
export interface CodebookToCsvOptions {
  /** Start with a UTF-8 byte order mark for Excel. Default `false`. */
  bom?: boolean;
}

/**
 * The codebook as CSV, one row per variable, with a label, value-label and unit column for each of
 * the template's languages (`label_ja`, `label_en`, …). Value labels are written `1=男性; 2=女性`.
 *
 * @example
 * ```ts
 * writeFileSync('codebook.csv', codebookToCsv(survey, { bom: true }));
 * ```
 */
export function codebookToCsv(survey: Survey, options: CodebookToCsvOptions = {}): string {
  const locales = survey.template.locales;
  const header = [
    'variable',
    'question',
    'question_type',
    'storage',
    'measure',
    ...locales.map((l) => `label_${l}`),
    ...locales.map((l) => `values_${l}`),
    'missing',
    'min',
    'max',
    'max_length',
    ...locales.map((l) => `unit_${l}`),
    'role',
    'personal_data',
    'reverse',
    'condition',
  ];
  const rows = codebook(survey).map((entry) => [
    entry.variable,
    entry.question,
    entry.questionType,
    entry.storage,
    entry.measure,
    ...locales.map((l) => localText(entry.label, l)),
    ...locales.map((l) => valueLabels(entry, l)),
    entry.missing.join(' '),
    entry.min === undefined ? '' : String(entry.min),
    entry.max === undefined ? '' : String(entry.max),
    entry.maxLength === undefined ? '' : String(entry.maxLength),
    ...locales.map((l) => (entry.unit === undefined ? '' : localText(entry.unit, l))),
    entry.role ?? '',
    entry.personalData === true ? '1' : '',
    entry.reverse === true ? '1' : '',
    entry.condition ?? '',
  ]);
  const body = [header, ...rows].map((cells) => `${cells.map(csvField).join(',')}\r\n`).join('');
  return options.bom === true ? `\uFEFF${body}` : body;
}

function valueLabels(entry: CodebookEntry, locale: string): string {
  return entry.values.map((v) => `${v.code}=${localText(v.label, locale)}`).join('; ');
}
