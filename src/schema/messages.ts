import type { MessageCatalog } from '../core/issue.js';

type P = Record<string, unknown>;
const s = (v: unknown): string => String(v);
const list = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(', ') : String(v));

const TYPE_JA: Record<string, string> = {
  string: '文字列',
  number: '数値',
  int: '整数',
  boolean: '真偽値',
  object: 'オブジェクト',
  array: '配列',
  null: 'null',
  undefined: '値なし',
};
const typeJa = (v: unknown): string => TYPE_JA[String(v)] ?? String(v);

const SIZE_JA: Record<string, (p: P) => string> = {
  string: (p) => `${s(p.limit)}文字`,
  array: (p) => `${s(p.limit)}個`,
  number: (p) => s(p.limit),
};

/** Messages of every issue code that `parseTemplate` reports. */
export const templateMessages = {
  invalid_json: {
    ja: (p: P) => `JSONとして読み取れません（${s(p.position)}文字目付近）: ${s(p.detail)}`,
    en: (p: P) => `Not valid JSON (near character ${s(p.position)}): ${s(p.detail)}`,
  },
  forbidden_key: {
    ja: (p: P) => `キー「${s(p.key)}」は使えません（プロトタイプ汚染の恐れ）`,
    en: (p: P) => `The key "${s(p.key)}" is not allowed (prototype pollution risk)`,
  },
  too_deep: {
    ja: (p: P) => `入れ子が深すぎます（上限 ${s(p.limit)} 段）`,
    en: (p: P) => `Nested too deeply (limit ${s(p.limit)} levels)`,
  },
  string_too_long: {
    ja: (p: P) => `文字列が長すぎます（${s(p.length)}文字、上限 ${s(p.limit)}文字）`,
    en: (p: P) => `String too long (${s(p.length)} characters, limit ${s(p.limit)})`,
  },
  too_many_values: {
    ja: (p: P) => `テンプレートが大きすぎます（値の数の上限 ${s(p.limit)}）`,
    en: (p: P) => `Template too large (limit ${s(p.limit)} values)`,
  },
  too_many_questions: {
    ja: (p: P) => `質問が多すぎます（${s(p.count)}問、上限 ${s(p.limit)}問）`,
    en: (p: P) => `Too many questions (${s(p.count)}, limit ${s(p.limit)})`,
  },
  not_plain_value: {
    ja: (p: P) => `JSONで表せない値です（${s(p.kind)}）`,
    en: (p: P) => `Not a JSON value (${s(p.kind)})`,
  },
  internal_error: {
    ja: (p: P) => `テンプレートの検査中に予期しないエラーが起きました: ${s(p.detail)}`,
    en: (p: P) => `Unexpected error while checking the template: ${s(p.detail)}`,
  },
  invalid_type: {
    ja: (p: P) => `${typeJa(p.expected)}が必要ですが、${typeJa(p.received)}です`,
    en: (p: P) => `Expected ${s(p.expected)}, received ${s(p.received)}`,
  },
  too_small: {
    ja: (p: P) => `${(SIZE_JA[s(p.origin)] ?? SIZE_JA.number!)(p)}以上にしてください`,
    en: (p: P) =>
      p.origin === 'string'
        ? `Must have at least ${s(p.limit)} characters`
        : p.origin === 'array'
          ? `Must have at least ${s(p.limit)} entries`
          : `Must be at least ${s(p.limit)}`,
  },
  too_big: {
    ja: (p: P) => `${(SIZE_JA[s(p.origin)] ?? SIZE_JA.number!)(p)}以下にしてください`,
    en: (p: P) =>
      p.origin === 'string'
        ? `Must have at most ${s(p.limit)} characters`
        : p.origin === 'array'
          ? `Must have at most ${s(p.limit)} entries`
          : `Must be at most ${s(p.limit)}`,
  },
  invalid_format: {
    ja: (p: P) => `形式が正しくありません: ${s(p.expectedJa)}`,
    en: (p: P) => `Invalid format: ${s(p.expectedEn)}`,
  },
  reserved_id: {
    ja: (p: P) => `「${s(p.id)}」は式の予約語なのでIDに使えません`,
    en: (p: P) => `"${s(p.id)}" is reserved in expressions and cannot be an id`,
  },
  unknown_field: {
    ja: (p: P) => `未知の項目「${s(p.key)}」です`,
    en: (p: P) => `Unknown field "${s(p.key)}"`,
  },
  invalid_value: {
    ja: (p: P) => `次のいずれかにしてください: ${list(p.allowed)}`,
    en: (p: P) => `Must be one of: ${list(p.allowed)}`,
  },
  invalid_question_type: {
    ja: (p: P) => `質問の種類「${s(p.type)}」は使えません。使える種類: ${list(p.allowed)}`,
    en: (p: P) => `Unknown question type "${s(p.type)}". Allowed: ${list(p.allowed)}`,
  },
  invalid_key: {
    ja: (p: P) => `キー「${s(p.key)}」は使えません: IDの形式（英字で始まる英数字と _）にしてください`,
    en: (p: P) => `Invalid key "${s(p.key)}": use an id (a letter, then letters, digits or _)`,
  },
  duplicate_id: {
    ja: (p: P) => `ID「${s(p.id)}」が重複しています（最初の定義: ${s(p.first)}）`,
    en: (p: P) => `Duplicate id "${s(p.id)}" (first defined at ${s(p.first)})`,
  },
  duplicate_code: {
    ja: (p: P) => `選択肢コード ${s(p.code)} が重複しています`,
    en: (p: P) => `Duplicate option code ${s(p.code)}`,
  },
  duplicate_locale: {
    ja: (p: P) => `言語「${s(p.locale)}」が重複しています`,
    en: (p: P) => `Locale "${s(p.locale)}" is declared twice`,
  },
  missing_ja_locale: {
    ja: () => '言語の一覧に "ja" を含めてください',
    en: () => 'The locales must include "ja"',
  },
  missing_translation: {
    ja: (p: P) => `言語「${s(p.locale)}」の文がありません`,
    en: (p: P) => `Missing text for locale "${s(p.locale)}"`,
  },
  undeclared_locale: {
    ja: (p: P) => `言語「${s(p.locale)}」は locales に宣言されていません`,
    en: (p: P) => `Locale "${s(p.locale)}" is not declared in locales`,
  },
  unknown_scale: {
    ja: (p: P) => `尺度「${s(p.scale)}」は定義されていません`,
    en: (p: P) => `Scale "${s(p.scale)}" is not defined`,
  },
  unknown_item: {
    ja: (p: P) => `「${s(p.id)}」という質問・項目はありません`,
    en: (p: P) => `No question or item "${s(p.id)}"`,
  },
  not_scale_item: {
    ja: (p: P) => `「${s(p.id)}」は尺度で答える項目（likert または matrix の項目）ではありません`,
    en: (p: P) => `"${s(p.id)}" is not answered on a scale (a likert question or matrix item)`,
  },
  unknown_score: {
    ja: (p: P) => `得点「${s(p.id)}」は定義されていません`,
    en: (p: P) => `Score "${s(p.id)}" is not defined`,
  },
  unknown_code: {
    ja: (p: P) => `コード ${s(p.code)} は「${s(p.owner)}」の選択肢にありません`,
    en: (p: P) => `Code ${s(p.code)} is not an option of "${s(p.owner)}"`,
  },
  not_choice_question: {
    ja: (p: P) => `「${s(p.id)}」は単一選択・リッカートの質問ではないため、グループ分けに使えません`,
    en: (p: P) => `"${s(p.id)}" is not a single-choice or Likert question, so it cannot define a group`,
  },
  mixed_scales: {
    ja: (p: P) => `得点の項目が異なる尺度にまたがっています（${list(p.scales)}）`,
    en: (p: P) => `The score mixes items on different scales (${list(p.scales)})`,
  },
  no_favourable_codes: {
    ja: (p: P) =>
      `尺度「${s(p.scale)}」に favourable（肯定的な回答のコード）がないため、この方法は使えません`,
    en: (p: P) => `Scale "${s(p.scale)}" declares no favourable codes, which this method needs`,
  },
  min_answered_too_large: {
    ja: (p: P) => `minAnswered（${s(p.minAnswered)}）が項目数（${s(p.items)}）を超えています`,
    en: (p: P) => `minAnswered (${s(p.minAnswered)}) exceeds the number of items (${s(p.items)})`,
  },
  condition_cycle: {
    ja: (p: P) => `表示・必須の条件が循環しています: ${list(p.cycle)}`,
    en: (p: P) => `Conditions depend on each other in a cycle: ${list(p.cycle)}`,
  },
  self_reference: {
    ja: (p: P) => `「${s(p.id)}」の条件が自分自身の回答を参照しています`,
    en: (p: P) => `The condition of "${s(p.id)}" refers to its own answer`,
  },
  max_ranked_too_large: {
    ja: (p: P) => `maxRanked（${s(p.maxRanked)}）が選択肢の数（${s(p.options)}）を超えています`,
    en: (p: P) => `maxRanked (${s(p.maxRanked)}) exceeds the number of options (${s(p.options)})`,
  },
  min_exceeds_max: {
    ja: (p: P) => `最小（${s(p.min)}）が最大（${s(p.max)}）を超えています`,
    en: (p: P) => `The minimum (${s(p.min)}) exceeds the maximum (${s(p.max)})`,
  },
  max_exceeds_options: {
    ja: (p: P) => `maxSelected（${s(p.max)}）が選択肢の数（${s(p.options)}）を超えています`,
    en: (p: P) => `maxSelected (${s(p.max)}) exceeds the number of options (${s(p.options)})`,
  },
  multiple_other: {
    ja: () => '「その他（具体的に）」の選択肢は1つまでです',
    en: () => 'At most one "other, please specify" option per question',
  },
  exclusive_outside_multiple: {
    ja: () => 'exclusive は複数選択の質問でのみ使えます',
    en: () => 'exclusive is only meaningful in a multiple-choice question',
  },
  benchmark_target: {
    ja: () => 'ベンチマークには item か score のどちらか一方を指定してください',
    en: () => 'A benchmark names exactly one of item or score',
  },
  share_out_of_range: {
    ja: (p: P) => `割合は0から1の間で指定してください（${s(p.value)}）`,
    en: (p: P) => `A share must be between 0 and 1 (${s(p.value)})`,
  },
  pass_rule_method: {
    ja: (p: P) => `合格基準の得点「${s(p.id)}」は favourableShare の得点にしてください`,
    en: (p: P) => `The pass rule's score "${s(p.id)}" must use the favourableShare method`,
  },
} as const satisfies MessageCatalog<string>;

/** An issue code of `parseTemplate` (expression issues add the codes of `kizuki/expr`). */
export type TemplateIssueCode = keyof typeof templateMessages;
