import type { MessageCatalog } from '../core/issue.js';

type P = Record<string, unknown>;
const s = (v: unknown): string => String(v);

/** Messages of every issue code the collector answers with. */
export const collectMessages = {
  unknown_survey: {
    ja: (p: P) => `調査「${s(p.survey)}」はありません`,
    en: (p: P) => `There is no survey "${s(p.survey)}"`,
  },
  not_found: { ja: () => 'ページが見つかりません', en: () => 'Not found' },
  method_not_allowed: {
    ja: (p: P) => `この URL では ${s(p.method)} は使えません`,
    en: (p: P) => `${s(p.method)} is not allowed here`,
  },
  unsupported_media_type: {
    ja: () => '送信データは JSON（Content-Type: application/json）でなければなりません',
    en: () => 'The body must be JSON (Content-Type: application/json)',
  },
  body_too_large: {
    ja: (p: P) => `送信データが大きすぎます（上限 ${s(p.limit)} バイト）`,
    en: (p: P) => `The body is too large (limit ${s(p.limit)} bytes)`,
  },
  invalid_json: { ja: () => '送信データが JSON として読めません', en: () => 'The body is not valid JSON' },
  too_deep: {
    ja: (p: P) => `送信データの入れ子が深すぎます（上限 ${s(p.limit)} 段）`,
    en: (p: P) => `The body is nested too deeply (limit ${s(p.limit)} levels)`,
  },
  invalid_response: {
    ja: () => '回答に誤りがあるため保存しませんでした',
    en: () => 'The response has problems and was not stored',
  },
  invitation_required: {
    ja: () => 'この調査には案内状の回答コードが必要です',
    en: () => 'This survey needs the code from your invitation letter',
  },
  invalid_code: {
    ja: () => '回答コードが正しくありません。案内状のコードをお確かめください',
    en: () => 'The code is not valid. Please check the code on your invitation letter',
  },
  already_answered: {
    ja: () => 'この回答コードでは既に回答を受け付けています。ご協力ありがとうございました',
    en: () => 'A response has already been received for this code. Thank you for taking part',
  },
  closed: {
    ja: () => 'この調査の受付は終了しました',
    en: () => 'This survey is closed',
  },
  rate_limited: {
    ja: (p: P) => `送信が多すぎます。${s(p.seconds)} 秒後にもう一度お試しください`,
    en: (p: P) => `Too many requests. Please try again in ${s(p.seconds)} seconds`,
  },
  unauthorized: {
    ja: () => '管理用トークンが必要です（Authorization: Bearer …）',
    en: () => 'An admin token is required (Authorization: Bearer …)',
  },
  store_unavailable: {
    ja: () => '一時的に保存できませんでした。回答は端末に残っています。しばらくしてから再送してください',
    en: () =>
      'The response could not be stored just now. It is kept on your device; please send it again shortly',
  },
  id_mismatch: {
    ja: () => 'Idempotency-Key と回答者IDが一致しません',
    en: () => 'The Idempotency-Key does not match the respondent id',
  },
  invalid_disposition: {
    ja: (p: P) =>
      `結果コード「${s(p.value)}」が読めません。AAPOR のコード（1.1, 2.11, 4.31 など）か名前（refusal, non-contact, not-eligible など）で書いてください`,
    en: (p: P) =>
      `The disposition "${s(p.value)}" cannot be read; give an AAPOR code (1.1, 2.11, 4.31 …) or name (refusal, non-contact, not-eligible …)`,
  },
  disposition_not_set: {
    ja: () => 'この回答コードは未登録か、既に回答済みのため、結果コードを変えられません',
    en: () => 'The code is unknown or already answered, so its disposition cannot be changed',
  },
  schema_too_new: {
    ja: (p: P) =>
      `保存先のデータベースはこの kizuki より新しい版（スキーマ ${s(p.found)}、この kizuki は ${s(p.known)} まで）で作られています。kizuki を更新してから開いてください（データは変更していません）`,
    en: (p: P) =>
      `The store was made by a newer kizuki (schema ${s(p.found)}; this kizuki knows up to ${s(p.known)}). Upgrade kizuki before opening it (nothing was changed)`,
  },
} satisfies MessageCatalog<string>;

export type CollectIssueCode = keyof typeof collectMessages;
