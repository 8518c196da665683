import type { Survey } from '../../schema/index.js';
import { type CodebookEntry, codebook } from '../codebook/codebook.js';
import { localText } from '../localText.js';

/** Options of {@link spssSyntax}. */
export interface SpssSyntaxOptions {
  /** The language of variable and value labels. Default `ja`. */
  locale?: string;
  /** The CSV file that `GET DATA` reads. Default `responses.csv`. */
  dataFile?: string;
}

// SPSS limits, in bytes of the (UTF-8) label: variable labels 256, value labels 120.
const VARIABLE_LABEL_BYTES = 256;
const VALUE_LABEL_BYTES = 120;
// Strings longer than this are split with `+` so that no syntax line grows too long.
const STRING_PIECE_BYTES = 120;
const MISSING_VALUES_MAX = 3;

/**
 * SPSS syntax that reads the wide CSV written with codes (`responsesToCsv` without `labels`) and
 * declares it: `GET DATA` with a format per variable, `VARIABLE LABELS`, `VALUE LABELS`,
 * `MISSING VALUES`, `VARIABLE LEVEL` and a multiple-dichotomy set (`MRSETS`) per multiple-choice
 * question. Labels are UTF-8: the syntax starts with `SET UNICODE ON`, which SPSS accepts only while
 * no data set is open. Labels over SPSS's limits (256 bytes for variables, 120 for values) are
 * shortened with `…`; a variable with more than three missing codes declares the first three.
 * SPSS's `GET DATA` cannot read line breaks inside a cell, so long texts with line breaks are best
 * analysed elsewhere.
 *
 * @example
 * ```ts
 * writeFileSync('responses.sps', spssSyntax(survey, { locale: 'ja', dataFile: 'responses.csv' }));
 * ```
 */
export function spssSyntax(survey: Survey, options: SpssSyntaxOptions = {}): string {
  const locale = options.locale ?? 'ja';
  const dataFile = options.dataFile ?? 'responses.csv';
  const entries = codebook(survey);
  const { template } = survey;
  const out: string[] = [
    `* ${oneLine(localText(template.title, locale))}.`,
    `* Template ${template.id} ${template.version} (${survey.hash}), written by kizuki.`,
    '* Reads the wide CSV with codes (UTF-8). SET UNICODE ON must run before any data set is open.',
    'SET UNICODE ON.',
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE=${quote(dataFile)}`,
    "  /ENCODING='UTF8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /DELCASE=LINE',
    '  /FIRSTCASE=2',
    "  /DELIMITERS=','",
    `  /QUALIFIER='"'`,
    '  /VARIABLES=',
    ...entries.map((e) => `    ${e.variable} ${format(e)}`),
    '.',
    '',
    'VARIABLE LABELS',
    '  ' +
      entries
        .map((e) => `${e.variable} ${quote(truncate(localText(e.label, locale), VARIABLE_LABEL_BYTES))}`)
        .join('\n  /'),
    '.',
  ];

  const labelled = groupBy(
    entries.filter((e) => e.values.length > 0),
    (e) => e.values.map((v) => `${v.code}=${localText(v.label, locale)}`).join('\u0000'),
  );
  if (labelled.length > 0) {
    out.push('', 'VALUE LABELS');
    out.push(
      '  ' +
        labelled
          .map((group) => {
            const names = group.map((e) => e.variable).join(' ');
            const values = group[0]!.values.map(
              (v) => `    ${v.code} ${quote(truncate(localText(v.label, locale), VALUE_LABEL_BYTES))}`,
            );
            return `${names}\n${values.join('\n')}`;
          })
          .join('\n  /'),
      '.',
    );
  }

  const missing = groupBy(
    entries.filter((e) => e.missing.length > 0),
    (e) => e.missing.slice(0, MISSING_VALUES_MAX).join(' '),
  );
  if (missing.length > 0) {
    out.push(
      '',
      `MISSING VALUES ${missing
        .map(
          (g) =>
            `${g.map((e) => e.variable).join(' ')} (${g[0]!.missing.slice(0, MISSING_VALUES_MAX).join(', ')})`,
        )
        .join('\n  /')}.`,
    );
  }

  const levels = (['nominal', 'ordinal', 'scale'] as const)
    .map((level) => ({
      level,
      names: entries
        .filter((e) => e.measure === level && e.storage !== 'string' && e.storage !== 'datetime')
        .map((e) => e.variable),
    }))
    .filter((l) => l.names.length > 0);
  if (levels.length > 0) {
    out.push(
      '',
      `VARIABLE LEVEL ${levels.map((l) => `${l.names.join(' ')} (${l.level.toUpperCase()})`).join('\n  /')}.`,
    );
  }

  const sets = groupBy(
    entries.filter((e) => e.storage === 'flag'),
    (e) => e.question,
  );
  if (sets.length > 0) {
    const questionLabels = new Map<string, string>();
    for (const section of template.sections) {
      for (const q of section.questions) questionLabels.set(q.id, localText(q.label, locale));
    }
    out.push('', 'MRSETS');
    for (const group of sets) {
      const question = group[0]!.question;
      out.push(
        `  /MDGROUP NAME=$${question} LABEL=${quote(truncate(questionLabels.get(question) ?? question, VARIABLE_LABEL_BYTES))}`,
        `    VARIABLES=${group.map((e) => e.variable).join(' ')} VALUE=1`,
      );
    }
    out.push('.');
  }
  out.push('', 'EXECUTE.');
  return `${out.join('\n')}\n`;
}

function format(entry: CodebookEntry): string {
  switch (entry.storage) {
    case 'flag':
      return 'F1.0';
    case 'code': {
      const width = Math.max(1, ...entry.values.map((v) => String(v.code).length));
      return `F${width}.0`;
    }
    case 'integer': {
      const bounds = [entry.min, entry.max].filter((b): b is number => typeof b === 'number');
      const width = bounds.length === 2 ? Math.max(...bounds.map((b) => String(Math.trunc(b)).length)) : 10;
      return `F${width}.0`;
    }
    case 'decimal':
      return 'F12.4';
    case 'date':
      return 'SDATE10';
    case 'datetime':
      return 'A30';
    case 'string':
      if (entry.questionType === 'id') return 'A64';
      if (entry.questionType === 'meta') return 'A16';
      // UTF-8 takes up to 3 bytes for a Japanese character; SPSS strings hold at most 32767 bytes.
      return `A${Math.min(32767, (entry.maxLength ?? 1000) * 3)}`;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

const encoder = new TextEncoder();

function truncate(text: string, maxBytes: number): string {
  const flat = oneLine(text);
  if (encoder.encode(flat).length <= maxBytes) return flat;
  let out = '';
  let bytes = 3; // the ellipsis
  for (const char of flat) {
    const size = encoder.encode(char).length;
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return `${out}…`;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** A quoted SPSS string; long ones become `'…' + '…'` pieces on separate lines. */
function quote(text: string): string {
  const pieces: string[] = [];
  let piece = '';
  let bytes = 0;
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (bytes + size > STRING_PIECE_BYTES) {
      pieces.push(piece);
      piece = '';
      bytes = 0;
    }
    piece += char;
    bytes += size;
  }
  pieces.push(piece);
  return pieces.map((p) => `'${p.replaceAll("'", "''")}'`).join(' +\n      ');
}
