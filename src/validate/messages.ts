import type { MessageCatalog } from '../core/issue.js';

type P = Record<string, unknown>;
const s = (v: unknown): string => String(v);
const list = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(', ') : s(v));

const TYPE_JA: Record<string, string> = {
  object: 'オブジェクト',
  array: '配列',
  string: '文字列',
  integer: '整数',
  number: '数値',
  boolean: '真偽値',
  null: 'null',
  undefined: '値なし',
};
const TYPE_EN: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
  undefined: 'nothing',
};
const typeJa = (v: unknown): string => TYPE_JA[s(v)] ?? s(v);
const typeEn = (v: unknown): string => TYPE_EN[s(v)] ?? s(v);

const FORMAT_JA: Record<string, string> = {
  date: '実在する日付（YYYY-MM-DD）',
  'date-time': 'タイムゾーン付きの日時（例 2026-05-01T09:00:00.000Z）',
  respondentId: '16〜64文字の英数字・「_」・「-」',
};
const FORMAT_EN: Record<string, string> = {
  date: 'a real calendar date (YYYY-MM-DD)',
  'date-time': 'a date-time with a time zone (such as 2026-05-01T09:00:00.000Z)',
  respondentId: '16 to 64 letters, digits, "_" or "-"',
};

const FIELD_JA: Record<string, string> = {
  templateId: 'テンプレートID',
  templateVersion: 'テンプレートの版',
  templateHash: 'テンプレートのハッシュ',
};

/** Messages of every issue code that response validation reports. */
export const responseMessages = {
  invalid_input: {
    ja: (p: P) => `回答を読み取れませんでした: ${s(p.detail)}`,
    en: (p: P) => `The response could not be read: ${s(p.detail)}`,
  },
  invalid_type: {
    ja: (p: P) => `${typeJa(p.expected)}が必要ですが、${typeJa(p.received)}です`,
    en: (p: P) => `Expected ${typeEn(p.expected)}, received ${typeEn(p.received)}`,
  },
  not_finite: {
    ja: (p: P) => `有限の数値が必要ですが、${s(p.value)} です`,
    en: (p: P) => `Expected a finite number, received ${s(p.value)}`,
  },
  not_integer: {
    ja: (p: P) => `整数が必要ですが、${s(p.value)} です`,
    en: (p: P) => `Expected an integer, received ${s(p.value)}`,
  },
  template_mismatch: {
    ja: (p: P) =>
      `${FIELD_JA[s(p.field)] ?? s(p.field)}が一致しません（このアンケートは「${s(p.expected)}」、回答は「${s(p.received)}」）`,
    en: (p: P) =>
      `${s(p.field)} does not match this survey (expected "${s(p.expected)}", received "${s(p.received)}")`,
  },
  unknown_answer: {
    ja: (p: P) => `「${s(p.key)}」という質問・項目はこのアンケートにありません`,
    en: (p: P) => `This survey has no question or item "${s(p.key)}"`,
  },
  unknown_field: {
    ja: (p: P) => `未知の項目「${s(p.key)}」です`,
    en: (p: P) => `Unknown field "${s(p.key)}"`,
  },
  missing_answer: {
    ja: (p: P) => `必須の「${s(p.id)}」に回答がありません`,
    en: (p: P) => `"${s(p.id)}" is required but has no answer`,
  },
  missing_field: {
    ja: (p: P) => `「${s(p.key)}」がありません`,
    en: (p: P) => `"${s(p.key)}" is missing`,
  },
  unknown_code: {
    ja: (p: P) => `コード ${s(p.code)} は「${s(p.owner)}」の選択肢にありません`,
    en: (p: P) => `Code ${s(p.code)} is not an option of "${s(p.owner)}"`,
  },
  invalid_value: {
    ja: (p: P) =>
      p.allowed === undefined ? 'この値は使えません' : `次のいずれかにしてください: ${list(p.allowed)}`,
    en: (p: P) =>
      p.allowed === undefined ? 'This value is not allowed' : `Must be one of: ${list(p.allowed)}`,
  },
  invalid_format: {
    ja: (p: P) => `形式が正しくありません。${FORMAT_JA[s(p.format)] ?? s(p.format)}で書いてください`,
    en: (p: P) => `Invalid format: expected ${FORMAT_EN[s(p.format)] ?? s(p.format)}`,
  },
  too_few_selected: {
    ja: (p: P) => `「${s(p.id)}」は${s(p.min)}つ以上選んでください（${s(p.count)}つ選ばれています）`,
    en: (p: P) => `Choose at least ${s(p.min)} options in "${s(p.id)}" (${s(p.count)} chosen)`,
  },
  too_many_selected: {
    ja: (p: P) => `「${s(p.id)}」で選べるのは${s(p.max)}つまでです（${s(p.count)}つ選ばれています）`,
    en: (p: P) => `Choose at most ${s(p.max)} options in "${s(p.id)}" (${s(p.count)} chosen)`,
  },
  too_few_ranked: {
    ja: (p: P) => `「${s(p.id)}」は${s(p.min)}位まで順位をつけてください（${s(p.count)}つだけです）`,
    en: (p: P) => `Rank at least ${s(p.min)} options in "${s(p.id)}" (${s(p.count)} ranked)`,
  },
  too_many_ranked: {
    ja: (p: P) => `「${s(p.id)}」で順位をつけられるのは${s(p.max)}つまでです（${s(p.count)}つあります）`,
    en: (p: P) => `Rank at most ${s(p.max)} options in "${s(p.id)}" (${s(p.count)} ranked)`,
  },
  too_few_entries: {
    ja: (p: P) => `${s(p.min)}個以上必要です（${s(p.count)}個です）`,
    en: (p: P) => `Needs at least ${s(p.min)} entries (has ${s(p.count)})`,
  },
  too_many_entries: {
    ja: (p: P) => `${s(p.max)}個までです（${s(p.count)}個あります）`,
    en: (p: P) => `Allows at most ${s(p.max)} entries (has ${s(p.count)})`,
  },
  exclusive_combined: {
    ja: (p: P) => `「${s(p.id)}」のコード ${s(p.code)} は、ほかの選択肢と一緒には選べません`,
    en: (p: P) => `Code ${s(p.code)} of "${s(p.id)}" cannot be chosen together with other options`,
  },
  duplicate_code: {
    ja: (p: P) => `コード ${s(p.code)} が2回以上含まれています`,
    en: (p: P) => `Code ${s(p.code)} appears more than once`,
  },
  below_minimum: {
    ja: (p: P) => `${s(p.limit)} 以上にしてください（${s(p.value)} です）`,
    en: (p: P) => `Must be at least ${s(p.limit)} (received ${s(p.value)})`,
  },
  above_maximum: {
    ja: (p: P) => `${s(p.limit)} 以下にしてください（${s(p.value)} です）`,
    en: (p: P) => `Must be at most ${s(p.limit)} (received ${s(p.value)})`,
  },
  too_long: {
    ja: (p: P) => `長すぎます（上限 ${s(p.limit)}文字）`,
    en: (p: P) => `Too long (limit ${s(p.limit)} characters)`,
  },
  empty_text: {
    ja: () => '空の文字列は回答になりません。答えない場合は項目ごと省いてください',
    en: () => 'An empty string is not an answer; leave the key out instead',
  },
  date_too_early: {
    ja: (p: P) => `「${s(p.id)}」は ${s(p.min)} 以降の日付にしてください（${s(p.value)} です）`,
    en: (p: P) => `"${s(p.id)}" must be on or after ${s(p.min)} (received ${s(p.value)})`,
  },
  date_too_late: {
    ja: (p: P) => `「${s(p.id)}」は ${s(p.max)} 以前の日付にしてください（${s(p.value)} です）`,
    en: (p: P) => `"${s(p.id)}" must be on or before ${s(p.max)} (received ${s(p.value)})`,
  },
  hidden_answer: {
    ja: (p: P) => `「${s(p.id)}」は表示条件を満たさない質問なので、回答があってはいけません`,
    en: (p: P) => `"${s(p.id)}" is hidden by its conditions, so it must not have an answer`,
  },
  missing_other: {
    ja: (p: P) => `「${s(p.id)}」で「その他」（コード ${s(p.code)}）を選んだ場合は、内容を書いてください`,
    en: (p: P) =>
      `"${s(p.id)}" has its "other" option (code ${s(p.code)}) chosen, so the other text must be filled in`,
  },
  other_without_option: {
    ja: (p: P) =>
      `「${s(p.id)}」の「その他」の記入がありますが、「その他」（コード ${s(p.code)}）が選ばれていません`,
    en: (p: P) =>
      `There is an "other" text for "${s(p.id)}", but its "other" option (code ${s(p.code)}) is not chosen`,
  },
} as const satisfies MessageCatalog<string>;

/** A stable code of a response validation issue. */
export type ResponseIssueCode = keyof typeof responseMessages;
