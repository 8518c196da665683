import type { MessageCatalog } from '../core/issue.js';

type P = Record<string, unknown>;
const s = (v: unknown): string => String(v);
const list = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(', ') : String(v));
/** Long lists (missing translations) show their first entries and a count. */
const some = (v: unknown): string => {
  const all = Array.isArray(v) ? v.map(String) : [String(v)];
  return all.length > 5 ? `${all.slice(0, 5).join(', ')} …` : all.join(', ');
};

/** Messages of every issue code that `customiseTemplate` reports itself. */
export const customiseMessages = {
  invalid_options: {
    ja: () => 'カスタマイズの指定は、id と changes を持つオブジェクトにしてください',
    en: () => 'The customisation must be an object with id and changes',
  },
  invalid_template_id: {
    ja: (p: P) =>
      `新しいテンプレートID「${s(p.id)}」は小文字英数字とハイフンで書いてください（例: toyooka-bias-2026）`,
    en: (p: P) =>
      `The new template id "${s(p.id)}" must use lowercase letters, digits and hyphens (e.g. toyooka-bias-2026)`,
  },
  same_template_id: {
    ja: (p: P) => `新しいテンプレートには、元のテンプレート（${s(p.id)}）と異なるIDを付けてください`,
    en: (p: P) => `The new template needs an id different from its base (${s(p.id)})`,
  },
  invalid_version: {
    ja: (p: P) => `バージョン「${s(p.version)}」は 1.0.0 のような形式で書いてください`,
    en: (p: P) => `The version "${s(p.version)}" must look like 1.0.0`,
  },
  too_many_changes: {
    ja: (p: P) => `変更が多すぎます（${s(p.count)}件、上限 ${s(p.limit)}件）`,
    en: (p: P) => `Too many changes (${s(p.count)}, limit ${s(p.limit)})`,
  },
  invalid_change: {
    ja: (p: P) => `変更の「${s(p.field)}」には${s(p.expectedJa)}が必要です`,
    en: (p: P) => `The change's "${s(p.field)}" must be ${s(p.expectedEn)}`,
  },
  unknown_kind: {
    ja: (p: P) => `変更の種類「${s(p.kind)}」は使えません。使える種類: ${list(p.allowed)}`,
    en: (p: P) => `Unknown kind of change "${s(p.kind)}". Allowed: ${list(p.allowed)}`,
  },
  unknown_question: {
    ja: (p: P) => `「${s(p.id)}」という質問はありません`,
    en: (p: P) => `No question "${s(p.id)}"`,
  },
  unknown_item: {
    ja: (p: P) => `「${s(p.id)}」という項目（マトリクスの行）はありません`,
    en: (p: P) => `No matrix item "${s(p.id)}"`,
  },
  unknown_section: {
    ja: (p: P) => `「${s(p.id)}」というセクションはありません`,
    en: (p: P) => `No section "${s(p.id)}"`,
  },
  unknown_scale: {
    ja: (p: P) => `「${s(p.id)}」という尺度はありません`,
    en: (p: P) => `No scale "${s(p.id)}"`,
  },
  unknown_code: {
    ja: (p: P) => `コード ${s(p.code)} は「${s(p.owner)}」の選択肢にありません`,
    en: (p: P) => `Code ${s(p.code)} is not an option of "${s(p.owner)}"`,
  },
  unknown_text_key: {
    ja: (p: P) => `文の位置「${s(p.key)}」はこのテンプレートにありません（templateTexts で一覧できます）`,
    en: (p: P) => `No text "${s(p.key)}" in this template (templateTexts lists them)`,
  },
  not_in_section: {
    ja: (p: P) => `「${s(p.id)}」はセクション「${s(p.section)}」の質問ではありません`,
    en: (p: P) => `"${s(p.id)}" is not a question of section "${s(p.section)}"`,
  },
  not_matrix: {
    ja: (p: P) => `「${s(p.id)}」はマトリクスの質問ではないため、項目を追加できません`,
    en: (p: P) => `"${s(p.id)}" is not a matrix question, so items cannot be added to it`,
  },
  no_options: {
    ja: (p: P) => `「${s(p.id)}」には選択肢がありません`,
    en: (p: P) => `"${s(p.id)}" has no options`,
  },
  no_unit: {
    ja: (p: P) => `「${s(p.id)}」は数値の質問ではないため、単位を変えられません`,
    en: (p: P) => `"${s(p.id)}" is not a number question, so it has no unit`,
  },
  nothing_to_change: {
    ja: () => '変更する文が指定されていません',
    en: () => 'The change gives no new text',
  },
  invalid_id: {
    ja: (p: P) =>
      `ID「${s(p.id)}」は使えません: 英字で始まり英数字と _ だけの64文字以内で、式の予約語でないものにしてください`,
    en: (p: P) =>
      `The id "${s(p.id)}" cannot be used: an id starts with a letter, uses letters, digits and _, has at most 64 characters and is not an expression keyword`,
  },
  duplicate_id: {
    ja: (p: P) =>
      `ID「${s(p.id)}」は元のテンプレートかこのカスタマイズですでに使われています。IDは意味を変えずに使い続けるため、別のIDにしてください`,
    en: (p: P) =>
      `The id "${s(p.id)}" is already used by the base template or this customisation; ids never change meaning, so choose another`,
  },
  editorial_with_new_id: {
    ja: () => '編集上の変更（editorial: true）ではIDは変わらないため、newId は指定できません',
    en: () => 'An editorial change (editorial: true) keeps the id, so it cannot also give a newId',
  },
  invalid_text: {
    ja: () => '文は、言語ごとの空でない文字列を持つオブジェクト（例: {"ja": "…", "en": "…"}）にしてください',
    en: () => 'A text must be an object of non-empty strings by locale (e.g. {"ja": "…", "en": "…"})',
  },
  incomplete_text: {
    ja: (p: P) => `次の言語の文がありません: ${list(p.missing)}`,
    en: (p: P) => `Text missing for locale(s): ${list(p.missing)}`,
  },
  undeclared_locale: {
    ja: (p: P) =>
      `言語「${s(p.locale)}」はテンプレートの locales にありません（先に addLocale で追加してください）`,
    en: (p: P) =>
      `Locale "${s(p.locale)}" is not one of the template's locales (add it first with addLocale)`,
  },
  invalid_locale: {
    ja: (p: P) => `「${s(p.locale)}」は言語タグとして正しくありません（例: en、pt-BR）`,
    en: (p: P) => `"${s(p.locale)}" is not a valid language tag (e.g. en, pt-BR)`,
  },
  locale_exists: {
    ja: (p: P) =>
      `言語「${s(p.locale)}」はすでにテンプレートにあります（文を直すには setText などを使ってください）`,
    en: (p: P) =>
      `The template already has locale "${s(p.locale)}" (change its texts with setText and the reword changes)`,
  },
  missing_texts: {
    ja: (p: P) => `言語「${s(p.locale)}」の文が ${s(p.count)}件足りません: ${some(p.missing)}`,
    en: (p: P) => `${s(p.count)} text(s) missing for locale "${s(p.locale)}": ${some(p.missing)}`,
  },
  use_reword: {
    ja: (p: P) =>
      `「${s(p.key)}」は回答の意味にかかわる文なので、setText ではなく ${s(p.kind)} で変更してください（IDの扱いが決まります）`,
    en: (p: P) =>
      `"${s(p.key)}" shapes what answers mean: change it with ${s(p.kind)}, not setText, so that the id rule applies`,
  },
  invalid_placeholder: {
    ja: (p: P) => `差し込み名「${s(p.name)}」は英字で始まる英数字と _ で書いてください（例: municipality）`,
    en: (p: P) =>
      `The placeholder name "${s(p.name)}" must start with a letter and use letters, digits and _ (e.g. municipality)`,
  },
  placeholder_is_answer: {
    ja: (p: P) => `「{${s(p.name)}}」は質問「${s(p.name)}」の回答を差し込む記法なので、置き換えられません`,
    en: (p: P) => `"{${s(p.name)}}" pipes the answer to question "${s(p.name)}" and cannot be substituted`,
  },
  placeholder_not_found: {
    ja: (p: P) => `テンプレートの文に「{${s(p.name)}}」がありません`,
    en: (p: P) => `No text of the template contains "{${s(p.name)}}"`,
  },
  still_referenced: {
    ja: (p: P) =>
      `削除した「${s(p.id)}」が、まだ ${list(p.where)} で使われています。先にその条件や設定を変えるか、一緒に削除してください`,
    en: (p: P) =>
      `"${s(p.id)}" was removed but is still used by ${list(p.where)}; change or remove what uses it as well`,
  },
  internal_error: {
    ja: (p: P) => `カスタマイズ中に予期しないエラーが起きました: ${s(p.detail)}`,
    en: (p: P) => `Unexpected error while customising: ${s(p.detail)}`,
  },
} as const satisfies MessageCatalog<string>;

/** An issue code of `customiseTemplate` (issues of `parseTemplate` keep their own codes). */
export type CustomiseIssueCode = keyof typeof customiseMessages;
