import type { MessageCatalog } from '../../core/issue.js';

type P = Record<string, unknown>;
const s = (v: unknown): string => String(v);

const FEATURES: Record<string, { ja: string; en: string }> = {
  scores: { ja: '得点の定義', en: 'score definitions' },
  benchmarks: { ja: '全国値などの比較値', en: 'benchmarks' },
  passRules: { ja: '合格基準', en: 'pass rules' },
  scale: { ja: '尺度の肯定的・欠測のコード', en: 'favourable and missing codes of a scale' },
  value: { ja: '選択肢の集計用の値', en: 'an option’s scoring value' },
  exclusive: { ja: '排他的な選択肢', en: 'an exclusive option' },
  other: { ja: '「その他（記入）」の記入欄', en: 'the text box of an "other" option' },
  pinned: { ja: '位置を固定した選択肢', en: 'a pinned option' },
  missing: { ja: '欠測の選択肢', en: 'a missing-value option' },
  role: { ja: '個人情報上の扱い', en: 'the privacy role' },
  personalData: { ja: '個人情報を含みうる印', en: 'the personal-data mark' },
  randomise: { ja: '並べ替え', en: 'shuffling' },
  reverse: { ja: '逆転項目の印', en: 'the reverse-keyed mark' },
  tags: { ja: 'タグ', en: 'tags' },
  unit: { ja: '単位', en: 'the unit' },
  size: { ja: '自由記述の欄の大きさ', en: 'the size of a text box' },
  description: { ja: '節の説明', en: 'a section description' },
  summary: { ja: 'テンプレートの説明', en: 'the template description' },
  titleTranslation: {
    ja: '題名の翻訳（form_title は1つの言語だけ）',
    en: 'a translation of the title (form_title has one language)',
  },
  introduction: { ja: '前書き', en: 'the introduction' },
  audience: { ja: '対象者', en: 'the audience' },
  provenance: { ja: '作成者と出典', en: 'authors and sources' },
  licence: { ja: 'ライセンス', en: 'the licence' },
  derivedFrom: { ja: '元テンプレートの記録', en: 'the record of the base template' },
  label: { ja: '尺度の名前', en: 'the scale name' },
  expression: { ja: 'XLSForm に訳せない式', en: 'an expression XLSForm cannot state' },
};

/** Messages of what `toXlsForm` reports. */
export const xlsFormMessages = {
  not_in_xlsform: {
    ja: (p: P) =>
      `${FEATURES[s(p.feature)]?.ja ?? s(p.feature)}は XLSForm では表せないため、書き出しません${p.detail ? `（${s(p.detail)}）` : ''}`,
    en: (p: P) =>
      `${FEATURES[s(p.feature)]?.en ?? s(p.feature)} cannot be stated in XLSForm and is not written${p.detail ? ` (${s(p.detail)})` : ''}`,
  },
} satisfies MessageCatalog<string>;

// Cell contents come from files people wrote; a runaway value must not flood a report.
const shown = (v: unknown): string => {
  const t = String(v);
  return t.length > 60 ? `${t.slice(0, 60)}…` : t;
};
/** `survey!F12（relevant）: ` before a message that has a cell. */
const atJa = (p: P): string =>
  p.cell === undefined ? '' : `${s(p.sheet)}!${s(p.cell)}${p.column ? `（${shown(p.column)}）` : ''}: `;
const atEn = (p: P): string =>
  p.cell === undefined ? '' : `${s(p.sheet)}!${s(p.cell)}${p.column ? ` (${shown(p.column)})` : ''}: `;

const REASONS: Record<string, { ja: string; en: string }> = {
  repeat: {
    ja: '繰り返し（repeat）は同じ設問に何度も答えるもので、kizuki の設問は1回答につき1つの値しか持てないため',
    en: 'a repeat asks the same questions several times, and a kizuki question holds one answer per response',
  },
  calculate: {
    ja: '計算欄は回答者に見えない値で、kizuki の設問にはならないため（得点は scores で定義します）',
    en: 'a calculation is not asked of the respondent, so it is no question (kizuki computes scores from scores)',
  },
  media: {
    ja: '写真・音声・動画・ファイルの回答は kizuki の回答の型にないため',
    en: 'photos, sound, video and files are not among kizuki’s answer types',
  },
  geo: { ja: '位置情報は kizuki の回答の型にないため', en: 'locations are not among kizuki’s answer types' },
  other: { ja: 'kizuki にこの種類の設問がないため', en: 'kizuki has no question of this kind' },
};
const reason = (p: P, l: 'ja' | 'en'): string => REASONS[s(p.reason)]?.[l] ?? REASONS.other![l];

const GAPS: Record<string, { ja: string; en: string }> = {
  function: { ja: 'kizuki の式にない関数', en: 'a function kizuki expressions do not have' },
  construct: { ja: 'kizuki の式にない書き方', en: 'a construct kizuki expressions do not have' },
  unknown_name: { ja: 'survey シートにない名前', en: 'a name that is not on the survey sheet' },
  unknown_choice: { ja: 'その設問の選択肢にない名前', en: 'a name that is not among the question’s choices' },
  syntax: { ja: '式として読めない箇所', en: 'something that does not read as an expression' },
  unsupported: {
    ja: 'パス・述語など kizuki で使わない XPath',
    en: 'XPath paths or predicates, which kizuki does not use',
  },
  too_long: { ja: '式が長すぎる', en: 'the expression is too long' },
  too_deep: { ja: '括弧や演算の入れ子が深すぎる', en: 'parentheses or operators are nested too deeply' },
};
const WHY: Record<string, { ja: string; en: string }> = {
  message: {
    ja: 'kizuki は日本語と英語の自前のメッセージを表示します',
    en: 'kizuki shows its own messages in Japanese and English',
  },
  unknown: {
    ja: 'XLSForm の仕様にない列で、設問と回答は変わりません',
    en: 'it is not an XLSForm column; questions and answers are unchanged',
  },
};
const gap = (p: P, l: 'ja' | 'en'): string => GAPS[s(p.gap)]?.[l] ?? s(p.gap);

/**
 * Messages of what `fromXlsForm` reports: each names its `sheet!cell` and column. Codes whose
 * `params.severity` is `notice` are harmless (something ignored that changes no question or answer).
 */
export const xlsFormImportMessages = {
  unsupported_type: {
    ja: (p: P) => `${atJa(p)}種類「${shown(p.type)}」は取り込めません。${reason(p, 'ja')}`,
    en: (p: P) => `${atEn(p)}the type "${shown(p.type)}" cannot be imported: ${reason(p, 'en')}`,
  },
  skipped_rows: {
    ja: (p: P) =>
      `${atJa(p)}「${shown(p.name)}」の中の ${s(p.count)} 行（${s(p.from)}〜${s(p.to)}行目）は取り込みません`,
    en: (p: P) =>
      `${atEn(p)}the ${s(p.count)} rows inside "${shown(p.name)}" (rows ${s(p.from)}–${s(p.to)}) are not imported`,
  },
  metadata_type: {
    ja: (p: P) =>
      `${atJa(p)}「${shown(p.type)}」は端末が自動で記録する値で設問ではないため、取り込みません（kizuki は回答の日時を自ら記録します）`,
    en: (p: P) =>
      `${atEn(p)}"${shown(p.type)}" is recorded by the device, not asked, so it is not imported (kizuki records when answers arrive)`,
  },
  missing_type: {
    ja: (p: P) => `${atJa(p)}種類（type）が空欄です`,
    en: (p: P) => `${atEn(p)}the type is empty`,
  },
  missing_name: {
    ja: (p: P) => `${atJa(p)}名前（name）が空欄です`,
    en: (p: P) => `${atEn(p)}the name is empty`,
  },
  bad_name: {
    ja: (p: P) =>
      `${atJa(p)}名前「${shown(p.name)}」は ID に使えません（英字で始まり、英数字と _ だけの64文字以内。and・or などの語は不可）`,
    en: (p: P) =>
      `${atEn(p)}the name "${shown(p.name)}" cannot be an id (a letter, then letters, digits or _, at most 64; not a word such as and/or)`,
  },
  duplicate_name: {
    ja: (p: P) => `${atJa(p)}名前「${shown(p.name)}」が2回使われています（最初は ${s(p.first)}）`,
    en: (p: P) => `${atEn(p)}the name "${shown(p.name)}" is used twice (first at ${s(p.first)})`,
  },
  missing_list: {
    ja: (p: P) => `${atJa(p)}「${shown(p.type)}」の後に選択肢リストの名前（list_name）がありません`,
    en: (p: P) => `${atEn(p)}"${shown(p.type)}" needs the name of a choice list (list_name) after it`,
  },
  unknown_list: {
    ja: (p: P) => `${atJa(p)}選択肢リスト「${shown(p.list)}」は choices シートにありません`,
    en: (p: P) => `${atEn(p)}the choice list "${shown(p.list)}" is not on the choices sheet`,
  },
  missing_label: {
    ja: (p: P) => `${atJa(p)}「${shown(p.name)}」にラベル（label）がありません`,
    en: (p: P) => `${atEn(p)}"${shown(p.name)}" has no label`,
  },
  unknown_language: {
    ja: (p: P) =>
      `${atJa(p)}列「${shown(p.column)}」の言語がわかりません。「label::Japanese (ja)」のように言語コードを括弧で書いてください`,
    en: (p: P) =>
      `${atEn(p)}the language of column "${shown(p.column)}" is unknown; write its code in brackets, as in "label::Japanese (ja)"`,
  },
  duplicate_column: {
    ja: (p: P) => `${atJa(p)}列「${shown(p.column)}」が2つあります`,
    en: (p: P) => `${atEn(p)}there are two "${shown(p.column)}" columns`,
  },
  no_japanese: {
    ja: () =>
      'ラベルに日本語がありません。「label::Japanese (ja)」の列を加えるか、settings シートの default_language を Japanese (ja) にしてください',
    en: () =>
      'No label is in Japanese: add a "label::Japanese (ja)" column, or set default_language to Japanese (ja) on the settings sheet',
  },
  unsupported_column: {
    ja: (p: P) =>
      `${atJa(p)}列「${shown(p.column)}」の内容は kizuki のテンプレートで表せないため、取り込みません`,
    en: (p: P) =>
      `${atEn(p)}kizuki templates cannot state column "${shown(p.column)}", so it is not imported`,
  },
  choice_filter: {
    ja: (p: P) =>
      `${atJa(p)}選択肢の絞り込み（choice_filter）は取り込めません。kizuki の設問はリストの選択肢をすべて示すため`,
    en: (p: P) =>
      `${atEn(p)}choice_filter cannot be imported: a kizuki question always shows every option of its list`,
  },
  ignored_column: {
    ja: (p: P) => `${atJa(p)}列「${shown(p.column)}」は使いません（${WHY[s(p.why)]?.ja ?? s(p.why)}）`,
    en: (p: P) => `${atEn(p)}column "${shown(p.column)}" is ignored (${WHY[s(p.why)]?.en ?? s(p.why)})`,
  },
  ignored_appearance: {
    ja: (p: P) => `${atJa(p)}表示の指定「${shown(p.value)}」は使いません（設問と回答は変わりません）`,
    en: (p: P) =>
      `${atEn(p)}the appearance "${shown(p.value)}" is ignored (questions and answers are unchanged)`,
  },
  ignored_setting: {
    ja: (p: P) =>
      `${atJa(p)}設定「${shown(p.column)}」は使いません（回答の送り先や暗号化は kizuki の collect で設定します）`,
    en: (p: P) =>
      `${atEn(p)}the setting "${shown(p.column)}" is ignored (where answers go and how they are encrypted is set in kizuki collect)`,
  },
  expression: {
    ja: (p: P) =>
      `${atJa(p)}式「${shown(p.source)}」を kizuki の式に訳せません: ${s(p.position) === 'undefined' ? '' : `${Number(p.position) + 1}文字目、`}${gap(p, 'ja')}（${shown(p.detail)}）`,
    en: (p: P) =>
      `${atEn(p)}the expression "${shown(p.source)}" cannot be translated into kizuki: ${gap(p, 'en')}${s(p.position) === 'undefined' ? '' : ` at character ${Number(p.position) + 1}`} (${shown(p.detail)})`,
  },
  constraint: {
    ja: (p: P) =>
      `${atJa(p)}制約「${shown(p.part)}」は kizuki の設問の上限・下限で表せないため、取り込みません`,
    en: (p: P) =>
      `${atEn(p)}the constraint "${shown(p.part)}" is not a bound kizuki questions have, so it is not imported`,
  },
  codes_assigned: {
    ja: (p: P) =>
      `${atJa(p)}リスト「${shown(p.list)}」の選択肢の名前が整数でないため、並び順に 1 から番号を付けました（${shown(p.mapping)}）`,
    en: (p: P) =>
      `${atEn(p)}the choice names of list "${shown(p.list)}" are not whole numbers, so they are numbered from 1 in order (${shown(p.mapping)})`,
  },
  duplicate_choice: {
    ja: (p: P) => `${atJa(p)}リスト「${shown(p.list)}」に選択肢「${shown(p.name)}」が2回あります`,
    en: (p: P) => `${atEn(p)}the list "${shown(p.list)}" has the choice "${shown(p.name)}" twice`,
  },
  nested_group: {
    ja: (p: P) =>
      `${atJa(p)}入れ子のグループ「${shown(p.name)}」は外側の節にまとめます（見出しは表示されず、表示条件は中の各設問に付けます）`,
    en: (p: P) =>
      `${atEn(p)}the nested group "${shown(p.name)}" is merged into its section (its heading is not shown; its condition is added to each question inside)`,
  },
  unmatched_end: {
    ja: (p: P) => `${atJa(p)}「${shown(p.type)}」に対応する begin がありません`,
    en: (p: P) => `${atEn(p)}"${shown(p.type)}" has no matching begin`,
  },
  unclosed_group: {
    ja: (p: P) => `${atJa(p)}グループ「${shown(p.name)}」が end group で閉じられていません`,
    en: (p: P) => `${atEn(p)}the group "${shown(p.name)}" is never closed with end group`,
  },
  title_copied: {
    ja: (p: P) =>
      `${atJa(p)}XLSForm の form_title は1つの言語なので、${s(p.languages)} の題名にも同じ文を入れました。テンプレートJSONで訳してください`,
    en: (p: P) =>
      `${atEn(p)}XLSForm's form_title has one language, so the same text is the title in ${s(p.languages)}; translate it in the template JSON`,
  },
  bad_setting: {
    ja: (p: P) =>
      `${atJa(p)}「${shown(p.value)}」は${s(p.expectedJa)}ではないため、「${shown(p.used)}」を使います`,
    en: (p: P) => `${atEn(p)}"${shown(p.value)}" is not ${s(p.expectedEn)}, so "${shown(p.used)}" is used`,
  },
} satisfies MessageCatalog<string>;

/** Every code `fromXlsForm` reports itself (workbook and template issues keep their own codes). */
export type XlsFormIssueCode = keyof typeof xlsFormImportMessages;
