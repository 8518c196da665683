import type { MessageCatalog, MessageLocale } from '../core/issue.js';

type P = Record<string, unknown>;

/** Shows a value for people; invisible or broken characters (controls, lone surrogates) by code point. */
function show(v: unknown): string {
  if (Array.isArray(v)) return v.map(show).join(', ');
  let out = '';
  for (const c of String(v)) {
    const cp = c.codePointAt(0) ?? 0;
    const invisible = cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff);
    out += invisible ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : c;
  }
  return out;
}

// Names of the checker's static types and of symbol kinds, for `{key:t}` placeholders.
const NAMES: Record<MessageLocale, Record<string, string>> = {
  ja: {
    number: '数値',
    string: '文字列',
    date: '日付',
    boolean: '真偽値',
    list: 'リスト',
    codes: '複数回答',
    code: '単一選択',
    text: '記述式',
  },
  en: {
    number: 'a number',
    string: 'a string',
    date: 'a date',
    boolean: 'a true/false value',
    list: 'a list',
    codes: 'a multiple answer',
    code: 'a single choice',
    text: 'a text',
  },
};

/**
 * Fills `{key}` with a parameter and `{key:t}` with the name of a type or kind. Templates are this
 * module's own constants, never input, and the pattern cannot backtrack.
 */
function format(template: string, p: P, locale: MessageLocale): string {
  return template.replace(/\{(\w+)(:t)?\}/g, (_, key: string, name?: string) => {
    const value = show(p[key]);
    return name ? (NAMES[locale][value] ?? value) : value;
  });
}

// People count characters from 1; `params.position` stays 0-based for programs.
const AT: Record<MessageLocale, (p: P) => string> = {
  ja: (p) => (p.atEnd === true ? '式の末尾: ' : `${Number(p.position) + 1}文字目: `),
  en: (p) => (p.atEnd === true ? 'At the end: ' : `At character ${Number(p.position) + 1}: `),
};

/** One message in both languages, after the position unless `positioned` is false. */
function message(ja: string | ((p: P) => string), en: string | ((p: P) => string), positioned = true) {
  const build = (locale: MessageLocale, template: string | ((p: P) => string)) => (p: P) =>
    (positioned ? AT[locale](p) : '') +
    format(typeof template === 'string' ? template : template(p), p, locale);
  return { ja: build('ja', ja), en: build('en', en) };
}

const FUNCTIONS = 'answered, selected, count, sum, mean, min, max';
const isFunction = (p: P) => FUNCTIONS.split(', ').includes(String(p.operator));
const nonAscii = (p: P) => {
  const cp = String(p.char).codePointAt(0) ?? 0;
  return cp > 0x7f && (cp < 0xd800 || cp > 0xdfff);
};
const hasList = (p: P) => p.left === 'list' || p.right === 'list';
// Every function takes either an exact number of arguments or at least some.
const arity = (p: P, each: string, more: string) => `{min}${each}${p.min === p.max ? '' : more}`;

/** Messages of every issue code that the expression language reports. */
export const exprMessages = {
  // --- parsing ---
  too_long: message(
    '式が長すぎます（{length}文字、上限 {limit}文字）',
    'Expression too long ({length} characters, limit {limit})',
    false,
  ),
  empty: message('式が空です', 'The expression is empty', false),
  unexpected_character: message(
    (p) => `「{char}」は式に使えない文字です${nonAscii(p) ? '（ID は半角英数字と _ で書きます）' : ''}`,
    (p) =>
      `"{char}" cannot be used in an expression${nonAscii(p) ? ' (ids are ASCII letters, digits and _)' : ''}`,
  ),
  fullwidth_character: message(
    (p) =>
      p.suggestion === ' '
        ? '全角スペースは使えません。半角にしてください'
        : '全角の「{char}」は使えません。半角の「{suggestion}」にしてください',
    (p) =>
      p.suggestion === ' '
        ? 'full-width space; use an ordinary space'
        : 'full-width "{char}"; use "{suggestion}"',
  ),
  unterminated_string: message(
    '文字列が閉じていません（終わりに {quote} が必要です）',
    'string is not closed (it needs a closing {quote})',
  ),
  invalid_escape: message(
    `文字列の中で「{escape}」は使えません（使えるのは \\' \\" \\\\ \\n \\t）`,
    `"{escape}" is not an escape (use \\' \\" \\\\ \\n or \\t)`,
  ),
  invalid_number: message(
    (p) =>
      p.reason === 'fraction'
        ? '数値「{text}」の小数点の後に数字がありません'
        : '数値「{text}」の書き方が誤っています（数字と小数点で書き、指数表記は使えません）',
    (p) =>
      p.reason === 'fraction'
        ? 'the number "{text}" needs digits after the decimal point'
        : 'malformed number "{text}" (digits and a decimal point only, no exponent)',
  ),
  number_too_large: message('数値「{text}」が大きすぎます', 'the number "{text}" is too large'),
  unexpected_end: message(
    '式が途中で終わっています（値・ID・関数のいずれかが続くはずです）',
    'the expression ends too early (a value, id or function call should follow)',
  ),
  expected_operand: message(
    '「{token}」の位置には値・ID・関数のいずれかが必要です',
    'expected a value, id or function call, found "{token}"',
  ),
  unexpected_token: message(
    '「{token}」は余分です（条件をつなぐなら and か or を使ってください）',
    'unexpected "{token}" (join conditions with "and" or "or")',
  ),
  unmatched_closing: message(
    '「{token}」に対応する開き括弧がありません',
    '"{token}" has no matching opening bracket',
  ),
  missing_paren: message(
    (p) =>
      `${p.list === true ? '「,」か' : ''}閉じ括弧「)」がありません（${Number(p.open) + 1}文字目の「(」に対応するもの）`,
    (p) =>
      `expected ${p.list === true ? '"," or ' : ''}")" to close the "(" at character ${Number(p.open) + 1}`,
  ),
  missing_bracket: message(
    (p) => `「,」か閉じ括弧「]」がありません（${Number(p.open) + 1}文字目の「[」に対応するもの）`,
    (p) => `expected "," or "]" to close the "[" at character ${Number(p.open) + 1}`,
  ),
  chained_comparison: message(
    '比較は続けて書けません。a < b and b < c のように and でつないでください',
    'comparisons cannot be chained; write a < b and b < c',
  ),
  expected_in: message(
    'ここの「not」の後には「in」が必要です（例: q not in [1, 2]）',
    '"not" here must be followed by "in" (as in q not in [1, 2])',
  ),
  unknown_function: message(
    (p) =>
      `関数「{name}」はありません${p.suggestion ? '。「{suggestion}」のことでしょうか' : `（使える関数: ${FUNCTIONS}）`}`,
    (p) =>
      `unknown function "{name}"${p.suggestion ? '; did you mean "{suggestion}"?' : ` (available: ${FUNCTIONS})`}`,
  ),
  wrong_arity: message(
    (p) => `関数 {name} には引数が${arity(p, '個', '以上')}必要です（いまは{count}個）`,
    (p) => `{name}() takes ${arity(p, '', ' or more')} argument${p.max === 1 ? '' : 's'}, not {count}`,
  ),
  argument_not_identifier: message(
    '関数 {name} の最初の引数には質問か項目の ID を書いてください',
    'the first argument of {name}() must be a question or item id',
  ),
  too_deep: message(
    '式の入れ子が深すぎます（上限 {limit} 段）',
    'the expression is nested too deeply (limit {limit} levels)',
  ),

  // --- checking against the survey ---
  unknown_id: message('「{id}」という質問・項目はありません', 'there is no question or item "{id}"'),
  unknown_code: message(
    (p) => `「{id}」の選択肢にコード {code} はありません${p.codes ? '（あるのは {codes}）' : ''}`,
    (p) => `"{id}" has no option with code {code}${p.codes ? ' (its codes: {codes})' : ''}`,
  ),
  type_mismatch: message(
    (p) =>
      `{left:t}と{right:t}は「{operator}」で比べられません${hasList(p) ? '（リストには in を使います）' : ''}`,
    (p) => `"{operator}" cannot compare {left:t} with {right:t}${hasList(p) ? ' (use in with a list)' : ''}`,
  ),
  invalid_date: message(
    '日付と比べる「{value}」は YYYY-MM-DD の形で書いてください',
    'write "{value}" as YYYY-MM-DD to compare it with a date',
  ),
  null_literal: message(
    'null を「{operator}」に使うと結果は常に不明です。未回答かどうかは answered(ID) で調べます',
    'null with "{operator}" always gives unknown; use answered(id) to test for no answer',
  ),
  codes_comparison: message(
    '複数回答の「{id}」は「{operator}」に使えません。selected({id}, コード) か count({id}) を使ってください',
    'the multiple answer "{id}" cannot be used with "{operator}"; use selected({id}, code) or count({id})',
  ),
  not_a_number: message(
    (p) => `${isFunction(p) ? '関数 {operator} ' : '「{operator}」'}には数値が必要ですが、これは{type:t}です`,
    (p) => `${isFunction(p) ? '{operator}()' : '"{operator}"'} needs a number, but this is {type:t}`,
  ),
  not_a_condition: message(
    '「{operator}」には条件（真偽値）が必要ですが、これは{type:t}です',
    '"{operator}" needs a condition (true or false), but this is {type:t}',
  ),
  not_orderable: message(
    '{type:t}は「{operator}」で大小を比べられません',
    '"{operator}" cannot order {type:t}',
  ),
  in_requires_list: message(
    '「{operator}」の右側はリストか複数回答の質問にしてください（これは{type:t}です）',
    'the right side of "{operator}" must be a list or a multiple answer, not {type:t}',
  ),
  selected_needs_choice: message(
    'selected は選択式の質問に使います（「{id}」は{kind:t}の質問です）',
    'selected() needs a choice question, but "{id}" is {kind:t} question',
  ),
} as const satisfies MessageCatalog<string>;

/** An issue code of the expression language (parsing and checking). */
export type ExpressionIssueCode = keyof typeof exprMessages;
