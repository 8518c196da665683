import type { AnswerValue, Survey, SurveyResponse } from '../../schema/index.js';
import { localText } from '../localText.js';
import { csvField } from './csvField.js';
import { type CsvColumn, csvLayout } from './csvLayout.js';
import { guardFormula } from './guardFormula.js';

/** Options of {@link responsesToCsv}. */
export interface ResponsesToCsvOptions {
  /** Write option labels instead of codes in choice, scale and rank columns. Default `false`. */
  labels?: boolean;
  /** The language of labels. Default `ja`. */
  locale?: string;
  /** Start with a UTF-8 byte order mark, so that Excel opens Japanese text correctly. Default `false`. */
  bom?: boolean;
  /** Write the row of column names. Default `true`; `false` to append to an existing file. */
  header?: boolean;
  /** Write the `locale`, `startedAt`, `submittedAt` and `seed` columns. Default `true`. */
  meta?: boolean;
}

/**
 * Writes responses as a wide CSV (RFC 4180, CRLF line ends): one row per response, one column per
 * answer key as laid out by {@link csvLayout}. Choice, scale and rank cells hold codes, or labels
 * with `labels: true`; multiple-choice options are 0/1 columns whatever `labels` says, which is what
 * both Excel filters and SPSS multiple-dichotomy sets want; an unanswered question leaves its cells
 * empty. Texts that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
 * carriage return) get a leading `'`, which {@link readResponsesCsv} removes again. A text where a
 * code or number belongs — such as `*` or `20-29` in anonymised data — is written as it is.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('responses.csv', responsesToCsv(survey, responses, { bom: true }));
 * ```
 */
export function responsesToCsv(
  survey: Survey,
  responses: Iterable<SurveyResponse>,
  options: ResponsesToCsvOptions = {},
): string {
  const columns = csvLayout(survey).filter((c) => options.meta !== false || c.kind !== 'meta');
  const cells = columns.map((column) => cellWriter(column, options.labels === true, options.locale ?? 'ja'));
  const lines: string[] = [];
  if (options.header !== false) lines.push(columns.map((c) => csvField(c.name)).join(','));
  for (const response of responses) {
    let line = '';
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) line += ',';
      line += csvField(cells[i]!(response));
    }
    lines.push(line);
  }
  const body = lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
  return options.bom === true ? `\uFEFF${body}` : body;
}

type CellWriter = (response: SurveyResponse) => string;

function cellWriter(column: CsvColumn, labels: boolean, locale: string): CellWriter {
  switch (column.kind) {
    case 'respondentId':
      return (r) => guardFormula(String(r.respondentId));
    case 'meta': {
      const field = column.field;
      return (r) => {
        const value = r.meta?.[field];
        return value === undefined ? '' : String(value);
      };
    }
    case 'code': {
      const label = labelOf(column.options, labels, locale);
      return (r) => {
        const value = answerOf(r, column.key);
        return typeof value === 'number'
          ? label(value)
          : typeof value === 'string'
            ? guardFormula(value)
            : '';
      };
    }
    case 'rank': {
      const label = labelOf(column.options, labels, locale);
      const index = column.rank - 1;
      return (r) => {
        const value = answerOf(r, column.key);
        const code = Array.isArray(value) ? value[index] : undefined;
        return code === undefined ? '' : label(code);
      };
    }
    case 'flag': {
      const code = column.option.code;
      return (r) => {
        const value = answerOf(r, column.key);
        return Array.isArray(value) ? (value.includes(code) ? '1' : '0') : '';
      };
    }
    case 'number':
      return (r) => {
        const value = answerOf(r, column.key);
        return typeof value === 'number'
          ? String(value)
          : typeof value === 'string'
            ? guardFormula(value)
            : '';
      };
    case 'text':
    case 'date':
      return (r) => {
        const value = answerOf(r, column.key);
        return typeof value === 'string' ? guardFormula(value) : '';
      };
    case 'other':
      return (r) => {
        const other = r.other;
        const text = other !== undefined && Object.hasOwn(other, column.key) ? other[column.key] : undefined;
        return typeof text === 'string' ? guardFormula(text) : '';
      };
  }
}

function labelOf(
  options: readonly { code: number; label: Parameters<typeof localText>[0] }[],
  labels: boolean,
  locale: string,
): (code: number) => string {
  if (!labels) return String;
  const byCode = new Map(options.map((o) => [o.code, localText(o.label, locale)]));
  // A code the template does not know is kept as a number rather than lost.
  return (code) => byCode.get(code) ?? String(code);
}

function answerOf(response: SurveyResponse, key: string): AnswerValue | undefined {
  return Object.hasOwn(response.answers, key) ? response.answers[key] : undefined;
}
