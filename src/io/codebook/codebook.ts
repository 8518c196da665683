import type { LocalisedText, QuestionType, Role, Survey } from '../../schema/index.js';
import { csvLayout } from '../csv/csvLayout.js';

/** How a variable is stored in the wide CSV. */
export type CodebookStorage = 'string' | 'code' | 'flag' | 'integer' | 'decimal' | 'date' | 'datetime';

/** The level of measurement, as SPSS names it. */
export type CodebookMeasure = 'nominal' | 'ordinal' | 'scale';

/** One variable (column) of the wide response layout, described for analysts. */
export interface CodebookEntry {
  /** Column and SPSS variable name. */
  variable: string;
  /** The question (or matrix) it belongs to; empty for respondent id and metadata. */
  question: string;
  /** The question's type, `id` for the respondent id or `meta` for response metadata. */
  questionType: QuestionType | 'id' | 'meta';
  /** Which part of a multi-column question this is. */
  part?: { option: number } | { rank: number } | 'other';
  label: LocalisedText;
  storage: CodebookStorage;
  measure: CodebookMeasure;
  /** Value labels, for codes, flags and ranks. */
  values: { code: number; label: LocalisedText }[];
  /** Codes meaning "don't know" or "prefer not to say": not counted in means and shares. */
  missing: number[];
  /** Bounds of numbers, and the longest text allowed. */
  min?: number | string;
  max?: number | string;
  maxLength?: number;
  unit?: LocalisedText;
  role?: Role;
  /** Free text that may contain personal data; redact before sharing. */
  personalData?: boolean;
  /** A reverse-keyed scale item: scores mirror its scale. */
  reverse?: boolean;
  /** When the question is asked: the section's and the question's `visibleIf`, joined by `and`. */
  condition?: string;
}

const FLAG_VALUES = [
  { code: 0, label: { ja: '選ばなかった', en: 'Not chosen' } },
  { code: 1, label: { ja: '選んだ', en: 'Chosen' } },
];

/**
 * The data dictionary of a survey's wide response layout ({@link csvLayout}): for every column its
 * label, type, values and their labels, missing codes, bounds, role and the condition under which
 * it is asked. {@link codebookToCsv}, {@link codebookToMarkdown} and {@link spssSyntax} print it.
 *
 * @example
 * ```ts
 * const sex = codebook(survey).find((e) => e.variable === 'sex');
 * sex?.values; // [{ code: 1, label: { ja: '男性', en: 'Male' } }, …]
 * sex?.missing; // [9]
 * ```
 */
export function codebook(survey: Survey): CodebookEntry[] {
  const sectionConditions = new Map<string, string | undefined>();
  for (const section of survey.template.sections) {
    for (const question of section.questions) sectionConditions.set(question.id, section.visibleIf);
  }
  const conditionOf = (questionId: string, own: string | undefined): string | undefined => {
    const parts = [sectionConditions.get(questionId), own].filter((p): p is string => p !== undefined);
    if (parts.length <= 1) return parts[0];
    return parts.map((p) => `(${p})`).join(' and ');
  };

  return csvLayout(survey).map((column): CodebookEntry => {
    switch (column.kind) {
      case 'respondentId':
        return base(column.name, '', 'id', column.label, 'string', 'nominal');
      case 'meta':
        return base(
          column.name,
          '',
          'meta',
          column.label,
          column.field === 'seed' ? 'integer' : column.field === 'locale' ? 'string' : 'datetime',
          column.field === 'seed' ? 'scale' : 'nominal',
        );
      default:
        break;
    }
    const q = column.question;
    const entry = base(column.name, q.id, q.type, column.label, 'string', 'nominal');
    if ('role' in q && q.role !== undefined) entry.role = q.role;
    const condition = conditionOf(q.id, q.visibleIf);
    if (condition !== undefined) entry.condition = condition;
    switch (column.kind) {
      case 'code':
        entry.storage = 'code';
        entry.measure = q.type === 'single' ? 'nominal' : 'ordinal';
        entry.values = column.options.map((o) => ({ code: o.code, label: o.label }));
        entry.missing = column.options.filter((o) => o.missing).map((o) => o.code);
        if (column.item?.reverse === true || (q.type === 'likert' && q.reverse === true))
          entry.reverse = true;
        break;
      case 'rank':
        entry.storage = 'code';
        entry.part = { rank: column.rank };
        entry.values = column.options.map((o) => ({ code: o.code, label: o.label }));
        break;
      case 'flag':
        entry.storage = 'flag';
        entry.part = { option: column.option.code };
        entry.values = FLAG_VALUES;
        break;
      case 'other':
        entry.part = 'other';
        entry.personalData = true;
        break;
      case 'number':
        if (q.type === 'number') {
          entry.storage = q.integer === true ? 'integer' : 'decimal';
          entry.measure = 'scale';
          if (q.min !== undefined) entry.min = q.min;
          if (q.max !== undefined) entry.max = q.max;
          if (q.unit !== undefined) entry.unit = q.unit;
        }
        break;
      case 'date':
        entry.storage = 'date';
        entry.measure = 'scale';
        if (q.type === 'date') {
          if (q.min !== undefined) entry.min = q.min;
          if (q.max !== undefined) entry.max = q.max;
        }
        break;
      case 'text':
        if (q.type === 'text') {
          if (q.maxLength !== undefined) entry.maxLength = q.maxLength;
          if (q.personalData === true) entry.personalData = true;
        }
        break;
    }
    return entry;
  });
}

function base(
  variable: string,
  question: string,
  questionType: CodebookEntry['questionType'],
  label: LocalisedText,
  storage: CodebookStorage,
  measure: CodebookMeasure,
): CodebookEntry {
  return { variable, question, questionType, label, storage, measure, values: [], missing: [] };
}
