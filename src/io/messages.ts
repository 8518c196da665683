import type { MessageCatalog } from '../core/issue.js';

type P = Record<string, unknown>;
const s = (v: unknown): string => String(v);
const list = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(', ') : String(v));
// Cell values are shown to people; a runaway cell must not flood the terminal.
const shown = (v: unknown): string => {
  const text = String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

const EXPECTED: Record<string, { ja: string; en: string }> = {
  object: { ja: 'オブジェクト', en: 'an object' },
  string: { ja: '文字列', en: 'a string' },
  seed: { ja: '0 以上 4294967295 以下の整数', en: 'an integer from 0 to 4294967295' },
  answer: { ja: '数値、文字列、または数値の配列', en: 'a number, a string or a list of numbers' },
};

/** Messages of every issue code that the readers of `kizuki/io` report. */
export const ioMessages = {
  empty_file: {
    ja: () => 'ファイルが空です（1行目に列名の行が必要です）',
    en: () => 'The file is empty (the first line must name the columns)',
  },
  utf16_unsupported: {
    ja: () =>
      'UTF-16 のファイルは読めません。Excel の「名前を付けて保存」で「CSV UTF-8（コンマ区切り）」を選んでください',
    en: () => 'UTF-16 files cannot be read. In Excel, use Save As → "CSV UTF-8 (Comma delimited)"',
  },
  duplicate_column: {
    ja: (p: P) => `列名「${s(p.column)}」が2回以上あります（${s(p.first)}列目と${s(p.second)}列目）`,
    en: (p: P) =>
      `The column "${s(p.column)}" appears more than once (columns ${s(p.first)} and ${s(p.second)})`,
  },
  no_answer_columns: {
    ja: () =>
      'このテンプレートの質問に当たる列が1つもありません。列名は質問IDです（kizuki export --format csv-header）',
    en: () =>
      "No column matches a question of this template. Column names are question ids (see 'kizuki export --format csv-header')",
  },
  unknown_columns: {
    ja: (p: P) => `テンプレートにない列を読み飛ばしました: ${list(p.columns)}`,
    en: (p: P) => `Columns not in the template were ignored: ${list(p.columns)}`,
  },
  missing_columns: {
    ja: (p: P) => `次の列がないため、その回答は「未回答」として扱います: ${list(p.columns)}`,
    en: (p: P) => `These columns are missing, so their answers count as unanswered: ${list(p.columns)}`,
  },
  generated_ids: {
    ja: () => '回答者IDの列がないため、各行に新しいIDを付けました',
    en: () => 'There is no respondentId column, so each row was given a new id',
  },
  csv_syntax: {
    ja: (p: P) => `CSVとして読み取れません: ${s(p.detail)}`,
    en: (p: P) => `Not readable as CSV: ${s(p.detail)}`,
  },
  quote_not_closed: {
    ja: () => '「"」で始まる値が閉じられていません。この行からファイルの最後までを読めませんでした',
    en: () =>
      'A value that starts with " is never closed; the file could not be read from this line to its end',
  },
  row_length: {
    ja: (p: P) => `値が${s(p.cells)}個あります（列は${s(p.expected)}個）`,
    en: (p: P) => `The row has ${s(p.cells)} values but there are ${s(p.expected)} columns`,
  },
  unknown_code: {
    ja: (p: P) =>
      `「${shown(p.value)}」は選択肢のコードでもラベルでもありません（選べるのは ${list(p.codes)}）`,
    en: (p: P) =>
      `"${shown(p.value)}" is neither an option code nor a label (allowed codes: ${list(p.codes)})`,
  },
  invalid_flag: {
    ja: (p: P) => `「${shown(p.value)}」は 1（選んだ）か 0（選ばなかった）で入力してください`,
    en: (p: P) => `"${shown(p.value)}" must be 1 (chosen) or 0 (not chosen)`,
  },
  invalid_number: {
    ja: (p: P) => `「${shown(p.value)}」は数値として読めません`,
    en: (p: P) => `"${shown(p.value)}" is not a number`,
  },
  invalid_date: {
    ja: (p: P) => `「${shown(p.value)}」は日付（2026-05-01 の形）として読めません`,
    en: (p: P) => `"${shown(p.value)}" is not a date like 2026-05-01`,
  },
  rank_gap: {
    ja: (p: P) => `${s(p.rank)}位が空欄なのに、それより下の順位が入力されています`,
    en: (p: P) => `Rank ${s(p.rank)} is empty but a lower rank is filled in`,
  },
  duplicate_respondent: {
    ja: (p: P) => `回答者ID「${shown(p.id)}」は${s(p.firstLine)}行目にもあります`,
    en: (p: P) => `The respondent id "${shown(p.id)}" also appears on line ${s(p.firstLine)}`,
  },
  invalid_meta: {
    ja: (p: P) => `「${shown(p.value)}」は${s(p.column)}の値として使えません`,
    en: (p: P) => `"${shown(p.value)}" is not a valid ${s(p.column)}`,
  },
  undecodable_text: {
    ja: () => '読めない文字が含まれています。Shift_JIS のファイルなら --encoding shift_jis を付けてください',
    en: () =>
      'Contains characters that could not be decoded. If the file is Shift_JIS, add --encoding shift_jis',
  },
  invalid_json: {
    ja: (p: P) => `JSONとして読み取れません: ${s(p.detail)}`,
    en: (p: P) => `Not valid JSON: ${s(p.detail)}`,
  },
  line_too_long: {
    ja: (p: P) => `行が長すぎます（上限 ${s(p.limit)} 文字）`,
    en: (p: P) => `The line is too long (limit ${s(p.limit)} characters)`,
  },
  invalid_field: {
    ja: (p: P) => `${EXPECTED[s(p.expected)]?.ja ?? s(p.expected)}が必要です`,
    en: (p: P) => `Expected ${EXPECTED[s(p.expected)]?.en ?? s(p.expected)}`,
  },
  forbidden_key: {
    ja: (p: P) => `キー「${shown(p.key)}」は使えません（プロトタイプ汚染の恐れ）`,
    en: (p: P) => `The key "${shown(p.key)}" is not allowed (prototype pollution risk)`,
  },
} satisfies MessageCatalog<string>;

/** A code of an issue reported by the readers of `kizuki/io`. */
export type IoIssueCode = keyof typeof ioMessages;
