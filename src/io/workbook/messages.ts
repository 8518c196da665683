import type { MessageCatalog } from '../../core/issue.js';

type P = Record<string, unknown>;
const s = (v: unknown): string => String(v);
// Cell contents come from files people wrote; a runaway value must not flood a report.
const shown = (v: unknown): string => {
  const t = String(v);
  return t.length > 60 ? `${t.slice(0, 60)}…` : t;
};
/** `設問!C12: ` before a message that has a cell. */
const at = (p: P): string => (p.cell === undefined ? '' : `${s(p.sheet)}!${s(p.cell)}: `);

/** Messages of every issue code that the workbook reader and writer report themselves. */
export const workbookMessages = {
  not_workbook: {
    ja: () => 'ファイルが Excel ブック（.xlsx）ではありません',
    en: () => 'The file is not an Excel workbook (.xlsx)',
  },
  workbook_too_large: {
    ja: (p: P) => `ブックが大きすぎます（${shown(p.detail)}）。展開後の大きさの上限を超えています`,
    en: (p: P) => `The workbook is too large (${shown(p.detail)}): it exceeds the limit on its unpacked size`,
  },
  unsupported_workbook: {
    ja: (p: P) =>
      `このブックの形式には対応していません（${shown(p.detail)}）。パスワードを外して保存し直してください`,
    en: (p: P) =>
      `This kind of workbook is not supported (${shown(p.detail)}); remove any password and save it again`,
  },
  corrupt_workbook: {
    ja: (p: P) => `ブックが壊れています（${shown(p.detail)}）`,
    en: (p: P) => `The workbook is damaged (${shown(p.detail)})`,
  },
  external_link: {
    ja: () =>
      '他のファイルへのリンク（外部参照）を含むブックは読み込めません。値だけを貼り付けて保存し直してください',
    en: () => 'Workbooks that link to other files cannot be read; paste the values only and save again',
  },
  formula: {
    ja: (p: P) => `${at(p)}数式は使えません。値を直接書いてください`,
    en: (p: P) => `${at(p)}formulas are not allowed; type the value itself`,
  },
  error_value: {
    ja: (p: P) => `${at(p)}エラー値（${shown(p.value)}）が入っています`,
    en: (p: P) => `${at(p)}the cell holds an error value (${shown(p.value)})`,
  },
  too_many_rows: {
    ja: (p: P) => `${at(p)}シート「${s(p.sheet)}」の行が多すぎます（上限 ${s(p.limit)}行）`,
    en: (p: P) => `${at(p)}sheet "${s(p.sheet)}" has too many rows (limit ${s(p.limit)})`,
  },
  too_many_columns: {
    ja: (p: P) => `${at(p)}列が多すぎます（上限 ${s(p.limit)}列）`,
    en: (p: P) => `${at(p)}too many columns (limit ${s(p.limit)})`,
  },
  cell_too_long: {
    ja: (p: P) => `${at(p)}文字数が多すぎます（${s(p.length)}文字、上限 ${s(p.limit)}文字）`,
    en: (p: P) => `${at(p)}the text is too long (${s(p.length)} characters, limit ${s(p.limit)})`,
  },
  missing_sheet: {
    ja: (p: P) => `シート「${s(p.sheet)}」がありません`,
    en: (p: P) => `The sheet "${s(p.sheet)}" is missing`,
  },
  unknown_sheet: {
    ja: (p: P) => `シート「${shown(p.sheet)}」は使われません。不要なら削除してください`,
    en: (p: P) => `The sheet "${shown(p.sheet)}" is not used; delete it if it is not needed`,
  },
  unknown_column: {
    ja: (p: P) =>
      `${at(p)}見出し「${shown(p.header)}」の列は使われません（見出しを元に戻すか、列を削除してください）`,
    en: (p: P) =>
      `${at(p)}no column is called "${shown(p.header)}" (restore the header or delete the column)`,
  },
  missing_column: {
    ja: (p: P) => `シート「${s(p.sheet)}」に「${s(p.header)}」の列がありません`,
    en: (p: P) => `The sheet "${s(p.sheet)}" has no "${s(p.header)}" column`,
  },
  duplicate_column: {
    ja: (p: P) => `${at(p)}見出し「${shown(p.header)}」の列が2つあります`,
    en: (p: P) => `${at(p)}there are two "${shown(p.header)}" columns`,
  },
  bad_value: {
    ja: (p: P) => `${at(p)}「${shown(p.value)}」は${s(p.expectedJa)}ではありません`,
    en: (p: P) => `${at(p)}"${shown(p.value)}" is not ${s(p.expectedEn)}`,
  },
  unknown_setting: {
    ja: (p: P) => `${at(p)}設定「${shown(p.key)}」はありません`,
    en: (p: P) => `${at(p)}there is no setting "${shown(p.key)}"`,
  },
  duplicate_setting: {
    ja: (p: P) => `${at(p)}設定「${shown(p.key)}」が2回あります`,
    en: (p: P) => `${at(p)}the setting "${shown(p.key)}" appears twice`,
  },
  unknown_section: {
    ja: (p: P) => `${at(p)}節「${shown(p.id)}」は節シートにありません`,
    en: (p: P) => `${at(p)}the section "${shown(p.id)}" is not on the sections sheet`,
  },
  item_without_matrix: {
    ja: (p: P) => `${at(p)}マトリクス項目の行は、マトリクスの設問かその項目のすぐ下に置いてください`,
    en: (p: P) =>
      `${at(p)}a matrix item row must come right after its matrix question or another of its items`,
  },
  unknown_question: {
    ja: (p: P) => `${at(p)}設問「${shown(p.id)}」は設問シートにありません`,
    en: (p: P) => `${at(p)}the question "${shown(p.id)}" is not on the questions sheet`,
  },
  options_not_allowed: {
    ja: (p: P) => `${at(p)}設問「${shown(p.id)}」（${s(p.type)}）には選択肢を付けられません`,
    en: (p: P) => `${at(p)}the question "${shown(p.id)}" (${s(p.type)}) cannot have options`,
  },
  unknown_parent: {
    ja: (p: P) =>
      `${at(p)}「${shown(p.id)}」の行より前に、その尺度または基準の行（コードや群IDが空欄の行）を置いてください`,
    en: (p: P) =>
      `${at(p)}put the row of "${shown(p.id)}" itself (with the code or group left blank) before this row`,
  },
  duplicate_id: {
    ja: (p: P) => `${at(p)}ID「${shown(p.id)}」が2回使われています`,
    en: (p: P) => `${at(p)}the id "${shown(p.id)}" is used twice`,
  },
  too_long_for_cell: {
    ja: (p: P) =>
      `${s(p.path)} の文字数（${s(p.length)}）が Excel の1セルの上限（${s(p.limit)}文字）を超えるため、ブックに書けません`,
    en: (p: P) =>
      `${s(p.path)} is ${s(p.length)} characters long, more than an Excel cell holds (${s(p.limit)}), so it cannot be written to a workbook`,
  },
  not_a_customisation: {
    ja: (p: P) =>
      `${at(p)}元テンプレートに対するこの変更（${s(p.detail)}）は、比較可能性の規則で表せません。既存の設問の種類・コード・条件・得点や並び順は変えず、変えたい設問は削除して新しいIDで追加してください`,
    en: (p: P) =>
      `${at(p)}this change to the base template (${s(p.detail)}) cannot be expressed under the comparability rules; keep the type, codes, conditions, scores and order of existing questions, and remove a question and add it under a new id to change those`,
  },
} satisfies MessageCatalog<string>;

/** Every code the workbook functions report themselves (template issues keep their own codes). */
export type WorkbookIssueCode = keyof typeof workbookMessages;

/** What a value should have been, in both languages, for `bad_value`. */
export const EXPECTED = {
  int: { expectedJa: '整数', expectedEn: 'a whole number' },
  number: { expectedJa: '数値', expectedEn: 'a number' },
  bool: { expectedJa: '「はい」か「いいえ」', expectedEn: '"はい" (yes) or "いいえ" (no)' },
  ints: { expectedJa: 'カンマ区切りの整数', expectedEn: 'whole numbers separated by commas' },
  ids: { expectedJa: 'カンマ区切りのID', expectedEn: 'ids separated by commas' },
  where: { expectedJa: '「sex=1, age=2」の形の条件', expectedEn: 'a condition such as "sex=1, age=2"' },
  bound: { expectedJa: '数値か 2020-01-01 の形の日付', expectedEn: 'a number or a date such as 2020-01-01' },
  text: { expectedJa: '文字', expectedEn: 'text' },
} as const;
