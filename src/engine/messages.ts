import type { MessageCatalog } from '../core/issue.js';

type P = Record<string, unknown>;
const s = (v: unknown): string => String(v);
const list = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(', ') : s(v));

const EXPECTED_JA: Record<string, string> = {
  code: '選択肢のコード（整数）',
  codes: '選択肢のコード（整数）の配列',
  number: '数値',
  text: '文字列',
  date: '日付（YYYY-MM-DD）',
};
const EXPECTED_EN: Record<string, string> = {
  code: 'an option code (an integer)',
  codes: 'an array of option codes (integers)',
  number: 'a number',
  text: 'a string',
  date: 'a date (YYYY-MM-DD)',
};

/** Messages of every issue code that the engine reports: answers, navigation and resumed sessions. */
export const engineMessages = {
  unknown_question: {
    ja: (p: P) => `質問「${s(p.id)}」はこのアンケートにありません`,
    en: (p: P) => `There is no question "${s(p.id)}" in this survey`,
  },
  not_answerable: {
    ja: (p: P) =>
      p.kind === 'matrix'
        ? `「${s(p.id)}」は表形式の質問です。項目ごとに回答してください`
        : `「${s(p.id)}」は説明文なので回答はありません`,
    en: (p: P) =>
      p.kind === 'matrix'
        ? `"${s(p.id)}" is a matrix: answer each of its items`
        : `"${s(p.id)}" is a note and takes no answer`,
  },
  not_choice: {
    ja: (p: P) => `「${s(p.id)}」は選択式の質問ではありません`,
    en: (p: P) => `"${s(p.id)}" is not a choice question`,
  },
  invalid_type: {
    ja: (p: P) => `${EXPECTED_JA[s(p.expected)] ?? s(p.expected)}で回答してください`,
    en: (p: P) => `The answer must be ${EXPECTED_EN[s(p.expected)] ?? s(p.expected)}`,
  },
  unknown_code: {
    ja: (p: P) => `選択肢 ${s(p.code)} はこの質問にありません`,
    en: (p: P) => `Option ${s(p.code)} does not exist in this question`,
  },
  duplicate_code: {
    ja: (p: P) => `選択肢 ${s(p.code)} が重複しています`,
    en: (p: P) => `Option ${s(p.code)} is given twice`,
  },
  not_a_number: {
    ja: () => '数字で入力してください',
    en: () => 'Please enter a number',
  },
  not_integer: {
    ja: () => '整数で入力してください',
    en: () => 'Please enter a whole number',
  },
  too_small: {
    ja: (p: P) => `${s(p.min)} 以上の数を入力してください`,
    en: (p: P) => `Please enter ${s(p.min)} or more`,
  },
  too_large: {
    ja: (p: P) => `${s(p.max)} 以下の数を入力してください`,
    en: (p: P) => `Please enter ${s(p.max)} or less`,
  },
  too_few_selected: {
    ja: (p: P) => `${s(p.min)}つ以上選んでください`,
    en: (p: P) => `Please choose at least ${s(p.min)}`,
  },
  too_many_selected: {
    ja: (p: P) => `選べるのは${s(p.max)}つまでです（いま${s(p.count)}つ）`,
    en: (p: P) => `Please choose no more than ${s(p.max)} (${s(p.count)} chosen)`,
  },
  exclusive_conflict: {
    ja: (p: P) => `「${s(p.label)}」はほかの選択肢と一緒には選べません`,
    en: (p: P) => `"${s(p.label)}" cannot be chosen together with other options`,
  },
  too_few_ranked: {
    ja: (p: P) => `${s(p.min)}位まで順位をつけてください`,
    en: (p: P) => `Please rank at least ${s(p.min)}`,
  },
  too_many_ranked: {
    ja: (p: P) => `順位をつけられるのは${s(p.max)}位までです（いま${s(p.count)}つ）`,
    en: (p: P) => `Please rank no more than ${s(p.max)} (${s(p.count)} ranked)`,
  },
  text_too_long: {
    ja: (p: P) => `${s(p.max)}文字以内で入力してください（いま${s(p.length)}文字）`,
    en: (p: P) => `Please keep to ${s(p.max)} characters (${s(p.length)} now)`,
  },
  invalid_date: {
    ja: () => '日付は 2026-04-01 のように、実在する年月日で入力してください',
    en: () => 'Please enter a real date such as 2026-04-01',
  },
  date_too_early: {
    ja: (p: P) => `${s(p.min)} 以降の日付を入力してください`,
    en: (p: P) => `Please enter ${s(p.min)} or later`,
  },
  date_too_late: {
    ja: (p: P) => `${s(p.max)} 以前の日付を入力してください`,
    en: (p: P) => `Please enter ${s(p.max)} or earlier`,
  },
  required: {
    ja: () => 'この質問にお答えください',
    en: () => 'Please answer this question',
  },
  other_required: {
    ja: (p: P) => `「${s(p.label)}」の内容を入力してください`,
    en: (p: P) => `Please say what "${s(p.label)}" is`,
  },
  no_other_option: {
    ja: (p: P) => `質問「${s(p.id)}」には「その他」の記入欄がありません`,
    en: (p: P) => `Question "${s(p.id)}" has no "other" option to specify`,
  },
  unknown_locale: {
    ja: (p: P) => `言語「${s(p.locale)}」はこのアンケートにありません（使える言語: ${list(p.locales)}）`,
    en: (p: P) => `The survey is not available in "${s(p.locale)}" (available: ${list(p.locales)})`,
  },
  no_next_page: {
    ja: () => 'これより後のページはありません',
    en: () => 'There is no later page',
  },
  no_previous_page: {
    ja: () => 'これより前のページはありません',
    en: () => 'There is no earlier page',
  },
  no_such_page: {
    ja: (p: P) => `ページ ${s(p.page)} はありません（0〜${s(p.last)}）`,
    en: (p: P) => `There is no page ${s(p.page)} (0 to ${s(p.last)})`,
  },
  page_hidden: {
    ja: (p: P) => `ページ ${s(p.page)} はこれまでの回答により表示されません`,
    en: (p: P) => `Page ${s(p.page)} is not shown given the answers so far`,
  },
  snapshot_invalid: {
    ja: () => '保存された回答データを読み取れないため、最初から始めます',
    en: () => 'The saved session cannot be read, so the survey starts afresh',
  },
  snapshot_field_invalid: {
    ja: (p: P) => `保存データの「${s(p.field)}」が正しくないため、既定の値を使います`,
    en: (p: P) => `The saved "${s(p.field)}" is not valid, so a default is used`,
  },
  template_mismatch: {
    ja: (p: P) =>
      `保存データは別のアンケート「${s(p.saved)}」のものです。回答${s(p.answers)}件は引き継げません`,
    en: (p: P) =>
      `The saved session belongs to another survey ("${s(p.saved)}"); its ${s(p.answers)} answers cannot be carried over`,
  },
  question_removed: {
    ja: (p: P) => `「${s(p.id)}」はこの版のアンケートにないため、回答を引き継げません`,
    en: (p: P) => `"${s(p.id)}" is not in this version of the survey, so its answer cannot be carried over`,
  },
  type_changed: {
    ja: (p: P) =>
      `「${s(p.id)}」の回答形式が変わった（${s(p.saved)} → ${s(p.current)}）ため、回答を引き継げません`,
    en: (p: P) =>
      `"${s(p.id)}" changed from ${s(p.saved)} to ${s(p.current)}, so its answer cannot be carried over`,
  },
  code_removed: {
    ja: (p: P) => `「${s(p.id)}」の選択肢 ${list(p.codes)} がなくなったため、回答を引き継げません`,
    en: (p: P) =>
      `Option ${list(p.codes)} of "${s(p.id)}" no longer exists, so its answer cannot be carried over`,
  },
  answer_invalid: {
    ja: (p: P) => `「${s(p.id)}」の保存された回答は使えません: ${s(p.reason)}`,
    en: (p: P) => `The saved answer to "${s(p.id)}" cannot be used: ${s(p.reason)}`,
  },
  other_removed: {
    ja: (p: P) => `「${s(p.id)}」の「その他」の記入欄がなくなったため、記入内容を引き継げません`,
    en: (p: P) => `"${s(p.id)}" no longer has an "other" option, so the text cannot be carried over`,
  },
} satisfies MessageCatalog<string>;

/** An issue code of the engine. */
export type EngineIssueCode = keyof typeof engineMessages;
