import type { MessageCatalog } from '../core/issue.js';

type P = Record<string, unknown>;
const s = (v: unknown): string => String(v);
// Names and expressions come from files people wrote; a runaway value must not flood a report.
const shown = (v: unknown): string => {
  const text = String(v);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
};

const FIELDS: Record<string, { ja: string; en: string }> = {
  scores: { ja: '得点の定義（scores）', en: 'score definitions (scores)' },
  benchmarks: { ja: '全国値などの比較値（benchmarks）', en: 'benchmarks' },
  passRules: { ja: '合格基準（passRules）', en: 'pass rules (passRules)' },
  provenance: { ja: '作成者と出典（provenance）', en: 'authors and sources (provenance)' },
  licence: { ja: 'ライセンス（licence）', en: 'the licence' },
  audience: { ja: '対象者（audience）', en: 'the audience' },
  derivedFrom: {
    ja: '元テンプレートの記録（derivedFrom）',
    en: 'the record of the base template (derivedFrom)',
  },
  id: { ja: 'テンプレートID', en: 'the template id' },
  version: { ja: '版（version）', en: 'the version' },
  role: { ja: '個人情報上の扱い（role）', en: 'the privacy role (role)' },
  personalData: { ja: '個人情報を含みうる印（personalData）', en: 'the personal-data mark (personalData)' },
  reverse: { ja: '逆転項目の印（reverse）', en: 'the reverse-keyed mark (reverse)' },
  tags: { ja: 'タグ（tags）', en: 'tags' },
  unit: { ja: '単位（unit）', en: 'the unit' },
  randomise: { ja: '選択肢の並べ替え（randomise）', en: 'shuffling (randomise)' },
  value: { ja: '集計用の値（value）', en: 'the scoring value (value)' },
  favourable: { ja: '肯定的な回答の指定（favourable）', en: 'the favourable codes (favourable)' },
  missing: { ja: '「わからない」などの欠測の指定（missing）', en: 'the missing-value codes (missing)' },
  label: { ja: '尺度の名前（label）', en: 'the scale name (label)' },
  answer: { ja: 'テンプレートにない質問への回答', en: 'an answer to a question the template does not have' },
  seed: { ja: '並べ替えの乱数の種（meta.seed）', en: 'the randomisation seed (meta.seed)' },
  order: { ja: '選択肢の提示順（meta.order）', en: 'the presented order (meta.order)' },
};
const GAPS: Record<string, { ja: string; en: string }> = {
  boolean_compare: { ja: '真偽値どうしの比較や計算', en: 'it compares or computes with true/false values' },
  array_value: { ja: '複数回答を数値として扱っている', en: 'it uses a multiple answer as a number' },
  non_literal: {
    ja: '定数でない値の一覧や比較',
    en: 'it uses a list or comparison that is not of constants',
  },
  string_quote: { ja: '引用符や括弧を含む文字列', en: 'a string contains quotes or braces' },
  other_order: {
    ja: '「その他」のある質問の大小比較',
    en: 'it orders the answers of a question with an "other" option',
  },
  unknown_id: { ja: '質問でないIDを参照している', en: 'it refers to an id that is not a question' },
  mixed_logic: { ja: '「かつ」と「または」が混ざっている', en: 'it mixes "and" with "or"' },
  not_supported: { ja: 'enableWhen にない演算', en: 'enableWhen has no such operation' },
  no_condition: { ja: 'FHIR R4 に条件付きの必須はない', en: 'FHIR R4 has no conditional requirement' },
};
const gap = (p: P, locale: 'ja' | 'en'): string => GAPS[s(p.detail)]?.[locale] ?? s(p.detail);
const field = (p: P, locale: 'ja' | 'en'): string => FIELDS[s(p.field)]?.[locale] ?? s(p.field);

const FHIR_GAPS: Record<string, { ja: string; en: string }> = {
  unknown_question: { ja: 'その linkId の項目がない', en: 'no item has that linkId' },
  not_answerable: { ja: '回答のない項目を参照している', en: 'it refers to an item that takes no answer' },
  unknown_code: { ja: '選択肢にないコード', en: 'the code is not among the options' },
  coding_order: { ja: 'FHIR はコードの大小を定めていない', en: 'FHIR does not order codings' },
  answer_type: { ja: '回答の型が項目の型と合わない', en: 'the answer type does not match the item type' },
  rank_position: {
    ja: '順位ごとの条件は kizuki で表せない（すべての順位に同じコードを問う場合だけ表せる）',
    en: 'kizuki cannot test one rank (only the same code at every rank)',
  },
  other_text: { ja: '「その他」の記入内容は条件に使えない', en: 'an "other" text cannot be tested' },
  kizuki_expression: { ja: 'kizuki の式として読めない', en: 'it is not a valid kizuki expression' },
  no_other_option: { ja: '「その他」の選択肢がない', en: 'the question has no "other" option' },
  not_repeating: {
    ja: '繰り返さない項目に複数の回答がある',
    en: 'several answers to an item that does not repeat',
  },
  not_a_response: { ja: 'QuestionnaireResponse ではない', en: 'it is not a QuestionnaireResponse' },
};
const fhirGap = (p: P, locale: 'ja' | 'en'): string => FHIR_GAPS[s(p.detail)]?.[locale] ?? s(p.detail);

/** Messages of what the SurveyJS and FHIR converters of `kizuki/io` could not carry over. */
export const interopMessages = {
  field_dropped: {
    ja: (p: P) => `${s(p.format)} には${field(p, 'ja')}に当たるものがないため、書き出していません`,
    en: (p: P) => `${s(p.format)} has no place for ${field(p, 'en')}, so it was left out`,
  },
  condition_not_expressible: {
    ja: (p: P) =>
      `条件「${shown(p.expression)}」は ${s(p.format)} の式で表せないため、書き出していません（${gap(p, 'ja')}）`,
    en: (p: P) =>
      `The condition "${shown(p.expression)}" cannot be written as a ${s(p.format)} expression and was left out (${gap(p, 'en')})`,
  },
  condition_kept_as_extension: {
    ja: (p: P) =>
      `条件「${shown(p.expression)}」は enableWhen で表せないため（${gap(p, 'ja')}）、拡張 ${s(p.url)} に式のまま残しました`,
    en: (p: P) =>
      `The condition "${shown(p.expression)}" cannot be written as enableWhen (${gap(p, 'en')}); it is kept as text in the extension ${s(p.url)}`,
  },
  other_value: {
    ja: (p: P) =>
      `SurveyJS では「その他」（コード ${s(p.code)}）は値 "other" として記録され、記入内容は「${s(p.id)}-Comment」に入ります`,
    en: (p: P) =>
      `In SurveyJS the "other" option (code ${s(p.code)}) is stored as the value "other", and its text under "${s(p.id)}-Comment"`,
  },
  other_text_dropped: {
    ja: (p: P) =>
      `${s(p.format)} の${s(p.kind)}には「その他」の記入欄がないため、コード ${s(p.code)} は普通の選択肢になります`,
    en: (p: P) =>
      `A ${s(p.format)} ${s(p.kind)} question has no "other" text box, so code ${s(p.code)} is an ordinary option`,
  },
  pinned_position: {
    ja: (p: P) =>
      `SurveyJS は固定の選択肢（コード ${s(p.code)}）を元の位置に残しますが、kizuki は最後に回します。固定の選択肢は最後に置いてください`,
    en: (p: P) =>
      `SurveyJS keeps the pinned option (code ${s(p.code)}) where it is, while kizuki moves it to the end; put pinned options last`,
  },
  invalid_input: {
    ja: (p: P) => `${s(p.expected)}が必要です`,
    en: (p: P) => `Expected ${s(p.expected)}`,
  },
  unsupported_element: {
    ja: (p: P) =>
      `SurveyJS の「${shown(p.type)}」（${shown(p.name)}）は kizuki の質問に変換できないため、取り込んでいません`,
    en: (p: P) =>
      `The SurveyJS element "${shown(p.type)}" (${shown(p.name)}) has no kizuki question type and was not imported`,
  },
  unsupported_property: {
    ja: (p: P) =>
      `「${shown(p.property)}」は kizuki のテンプレートに当たるものがないため、取り込んでいません`,
    en: (p: P) => `"${shown(p.property)}" has no equivalent in a kizuki template and was not imported`,
  },
  renamed_id: {
    ja: (p: P) => `名前「${shown(p.name)}」は ID に使えないため「${s(p.id)}」にしました`,
    en: (p: P) => `The name "${shown(p.name)}" is not a valid id and became "${s(p.id)}"`,
  },
  recoded_choice: {
    ja: (p: P) => `選択肢の値「${shown(p.value)}」は整数でないため、コード ${s(p.code)} を割り当てました`,
    en: (p: P) =>
      `The choice value "${shown(p.value)}" is not an integer and was given the code ${s(p.code)}`,
  },
  special_choice: {
    ja: (p: P) => `SurveyJS の「${s(p.item)}」の選択肢にコード ${s(p.code)} を割り当てました`,
    en: (p: P) => `The SurveyJS "${s(p.item)}" choice was given the code ${s(p.code)}`,
  },
  expression_not_imported: {
    ja: (p: P) =>
      `式「${shown(p.expression)}」は kizuki の式に変換できないため、取り込んでいません（${s(p.detail)}）`,
    en: (p: P) =>
      `The expression "${shown(p.expression)}" could not be converted to a kizuki expression and was not imported (${s(p.detail)})`,
  },
  hidden_answer_read: {
    ja: (p: P) =>
      `式「${shown(p.expression)}」は、非表示になりうる質問「${shown(p.name)}」の回答を読みます。SurveyJS は非表示の質問の回答も読みますが、kizuki は未回答として扱うため、その質問が非表示で回答済みのときに結果が異なります`,
    en: (p: P) =>
      `The expression "${shown(p.expression)}" reads the answer of "${shown(p.name)}", which can be hidden. SurveyJS reads the answers of hidden questions; kizuki reads them as unanswered, so the result differs while that question is hidden but answered`,
  },
  part_read_not_rerun: {
    ja: (p: P) =>
      `式「${shown(p.expression)}」は「{${shown(p.name)}}」を読みますが、回答全体を読んでいません。survey-core はその回答が消されたときにこの式を計算し直さないため、kizuki（毎回計算し直す）と結果が異なることがあります。「{${shown(String(p.name).split('.')[0])}} notempty and …」と書くと一致します`,
    en: (p: P) =>
      `The expression "${shown(p.expression)}" reads "{${shown(p.name)}}" but not the whole answer; survey-core does not re-run it when that answer is cleared, so its result can differ from kizuki's, which re-runs on every change. Writing "{${shown(String(p.name).split('.')[0])}} notempty and …" makes them agree`,
  },
  panel_flattened: {
    ja: (p: P) =>
      `パネル「${shown(p.name)}」の中の質問はページに直接置きました（パネルの見出しと条件は取り込んでいません）`,
    en: (p: P) =>
      `The questions of the panel "${shown(p.name)}" were placed on the page directly (the panel's title and condition were not imported)`,
  },
  markup_removed: {
    ja: () => 'HTML のタグを取り除き、文字だけを取り込みました',
    en: () => 'HTML tags were removed and only the text was imported',
  },
  missing_japanese: {
    ja: (p: P) =>
      `日本語のない文が ${s(p.count)} 個あるため、既定の言語の文を日本語の欄にも入れました（最初: ${s(p.first)}）`,
    en: (p: P) =>
      `${s(p.count)} texts had no Japanese, so their default-language text was used for Japanese too (first: ${s(p.first)})`,
  },
  missing_translation: {
    ja: (p: P) =>
      `言語「${s(p.locale)}」の文がない箇所が ${s(p.count)} 個あるため、日本語の文を入れました（最初: ${s(p.first)}）`,
    en: (p: P) =>
      `${s(p.count)} texts had no "${s(p.locale)}" text, so the Japanese was used (first: ${s(p.first)})`,
  },
  matrix_any_row: {
    ja: () => 'SurveyJS の「いずれかの行に回答」の必須は表せないため、すべての行を必須にしました',
    en: () => 'SurveyJS\'s "at least one row" requirement cannot be expressed; every row is required instead',
  },
  no_questions: {
    ja: () => 'ページがないため、空のページを1つ作りました',
    en: () => 'There were no pages, so one empty page was made',
  },
  validator_not_imported: {
    ja: (p: P) =>
      `SurveyJS の検証「${shown(p.type)}」は kizuki のテンプレートに当たるものがないため、取り込んでいません（${shown(p.detail)}）`,
    en: (p: P) =>
      `The SurveyJS validator "${shown(p.type)}" has no equivalent in a kizuki template and was not imported (${shown(p.detail)})`,
  },
  validator_message_dropped: {
    ja: () => '検証の独自のエラー文は取り込んでいません（kizuki は自分の文で知らせます）',
    en: () => "The validator's own error text was not imported (kizuki words its own messages)",
  },
  rating_recoded: {
    ja: (p: P) =>
      `評価の値 ${shown(p.values)} は整数でないため、コード 1〜${s(p.count)} を順に割り当て、値は選択肢の文にしました`,
    en: (p: P) =>
      `The rating values ${shown(p.values)} are not integers, so they were coded 1 to ${s(p.count)} in order, with each value as its label`,
  },
  rating_truncated: {
    ja: (p: P) => `評価の値が多すぎるため、最初の ${s(p.count)} 個だけを取り込みました`,
    en: (p: P) => `The rating has too many values; only the first ${s(p.count)} were imported`,
  },
  choices_sorted: {
    ja: (p: P) =>
      `choicesOrder「${s(p.order)}」に従い、選択肢を既定の言語（${s(p.locale)}）の文の順に並べ替えて取り込みました（ほかの言語で表示しても順は変わりません）`,
    en: (p: P) =>
      `choicesOrder "${s(p.order)}": the choices were sorted by their text in the default language (${s(p.locale)}) on import; the order no longer changes with the display language`,
  },
  choices_from_question: {
    ja: (p: P) =>
      `選択肢を別の質問「${shown(p.source)}」の回答から作る指定（choicesFromQuestion）は kizuki にないため、取り込んでいません。この質問は自身の choices だけを持ちます`,
    en: (p: P) =>
      `Choices taken from the answers to "${shown(p.source)}" (choicesFromQuestion) have no kizuki equivalent and were not imported; the question keeps only its own choices`,
  },
  repeating_element: {
    ja: (p: P) =>
      `SurveyJS の「${shown(p.type)}」（${shown(p.name)}）は回答者が行やパネルを増やす繰り返しの要素で、kizuki のテンプレートは質問の数が決まっているため、取り込んでいません`,
    en: (p: P) =>
      `The SurveyJS "${shown(p.type)}" (${shown(p.name)}) repeats rows or panels the respondent adds; a kizuki template has a fixed set of questions, so it was not imported`,
  },
  custom_function: {
    ja: (p: P) =>
      `式「${shown(p.expression)}」は SurveyJS に登録された独自の関数「${shown(p.name)}」を使うため、取り込んでいません（kizuki の式には独自の関数がない）`,
    en: (p: P) =>
      `The expression "${shown(p.expression)}" calls "${shown(p.name)}", a custom function registered with SurveyJS, and was not imported (kizuki expressions have no custom functions)`,
  },
  default_locale: {
    ja: (p: P) =>
      `言語の指定のない文は「${s(p.locale)}」として取り込みました（${p.source === 'script' ? '文の文字から判断' : p.source === 'locale' ? 'locale の指定から' : 'SurveyJS の既定の言語'}）`,
    en: (p: P) =>
      `Texts with no language were imported as "${s(p.locale)}" (${p.source === 'script' ? 'judged from their script' : p.source === 'locale' ? "from the survey's locale" : "SurveyJS's default language"})`,
  },
  kizuki_data_stale: {
    ja: (p: P) =>
      `kizuki が書き出したときの記録（${s(p.property)}）がありますが、その後に${s(p.format)}の側で変更されているため、そのままは使わず、得点・尺度の設定・比較値などは取り込んでいません（作成者・ライセンス・ID・版は取り込みました）`,
    en: (p: P) =>
      `The record kizuki wrote on export (${s(p.property)}) is there, but the ${s(p.format)} content was changed since, so it was not applied as is: scores, scale settings, benchmarks and the like were not imported (authors, licence, id and version were)`,
  },
  fhir_item_type: {
    ja: (p: P) =>
      `FHIR の項目「${shown(p.linkId)}」の型「${shown(p.type)}」は kizuki の質問にならないため、取り込んでいません`,
    en: (p: P) =>
      `The FHIR item "${shown(p.linkId)}" of type "${shown(p.type)}" has no kizuki question type and was not imported`,
  },
  fhir_property: {
    ja: (p: P) =>
      `FHIR の項目「${shown(p.linkId)}」の「${shown(p.property)}」は kizuki のテンプレートに当たるものがないため、取り込んでいません`,
    en: (p: P) =>
      `"${shown(p.property)}" of the FHIR item "${shown(p.linkId)}" has no equivalent in a kizuki template and was not imported`,
  },
  fhir_extension: {
    ja: (p: P) =>
      `FHIR の項目「${shown(p.linkId)}」の拡張 ${shown(p.url)} は kizuki に当たるものがないため、取り込んでいません`,
    en: (p: P) =>
      `The extension ${shown(p.url)} of the FHIR item "${shown(p.linkId)}" has no kizuki equivalent and was not imported`,
  },
  fhir_condition_not_imported: {
    ja: (p: P) =>
      `FHIR の項目「${shown(p.linkId)}」の enableWhen（${shown(p.question)} ${shown(p.operator)}）は kizuki の条件にできないため（${fhirGap(p, 'ja')}）、表示条件を取り込んでいません。この項目は常に表示されます`,
    en: (p: P) =>
      `The enableWhen of the FHIR item "${shown(p.linkId)}" (${shown(p.question)} ${shown(p.operator)}) cannot be a kizuki condition (${fhirGap(p, 'en')}), so its condition was not imported: the item is always shown`,
  },
  fhir_value_set: {
    ja: (p: P) =>
      `FHIR の項目「${shown(p.linkId)}」の選択肢は外部の値セット ${shown(p.valueSet)} にあり、Questionnaire の中にないため、この質問を取り込んでいません`,
    en: (p: P) =>
      `The options of the FHIR item "${shown(p.linkId)}" are in the value set ${shown(p.valueSet)}, which the Questionnaire does not contain, so the question was not imported`,
  },
  fhir_flattened: {
    ja: (p: P) =>
      `FHIR の項目「${shown(p.linkId)}」の中の項目は、kizuki では入れ子にできないため、続けて並べました（見出しは注記、表示条件は中の各項目に付けています）`,
    en: (p: P) =>
      `The items nested in the FHIR item "${shown(p.linkId)}" were placed after it, since kizuki does not nest (a heading became a note and its condition was added to each item)`,
  },
  fhir_boolean_choice: {
    ja: (p: P) => `FHIR の項目「${shown(p.linkId)}」（boolean）は単一選択にしました：はい = 1、いいえ = 2`,
    en: (p: P) => `The FHIR item "${shown(p.linkId)}" (boolean) became a single choice: yes = 1, no = 2`,
  },
  fhir_open_choice: {
    ja: (p: P) =>
      `FHIR の項目「${shown(p.linkId)}」（open-choice）の自由記入は「その他」の選択肢（コード ${s(p.code)}）として取り込みました`,
    en: (p: P) =>
      `The free text of the FHIR item "${shown(p.linkId)}" (open-choice) became an "other" option (code ${s(p.code)})`,
  },
  fhir_enable_behavior: {
    ja: (p: P) =>
      `FHIR の項目「${shown(p.linkId)}」は enableWhen が複数あるのに enableBehavior がないため、すべてを満たすとき（all）と読みました`,
    en: (p: P) =>
      `The FHIR item "${shown(p.linkId)}" has several enableWhen but no enableBehavior; they were read as "all"`,
  },
  fhir_answer_rejected: {
    ja: (p: P) => `回答（linkId「${shown(p.linkId)}」）を取り込めませんでした：${fhirGap(p, 'ja')}`,
    en: (p: P) => `The answer to linkId "${shown(p.linkId)}" could not be imported: ${fhirGap(p, 'en')}`,
  },
} satisfies MessageCatalog<string>;

/** A code of what the SurveyJS and FHIR converters report as not carried over. */
export type InteropIssueCode = keyof typeof interopMessages;
