import type { MessageCatalog } from '../core/issue.js';

type P = Record<string, unknown>;
const s = (v: unknown): string => String(v);

/** Messages of every issue code that the anonymisation helpers report. */
export const anonymiseMessages = {
  crypto_unavailable: {
    ja: () => 'Web Crypto（globalThis.crypto）が使えない環境です',
    en: () => 'Web Crypto (globalThis.crypto) is not available in this environment',
  },
  key_too_short: {
    ja: (p: P) => `鍵が短すぎます（${s(p.length)}バイト、${s(p.minimum)}バイト以上必要）`,
    en: (p: P) => `The key is too short (${s(p.length)} bytes; at least ${s(p.minimum)} are needed)`,
  },
  key_invalid: {
    ja: () => '鍵は32バイト以上の Uint8Array か、署名に使える HMAC-SHA-256 の CryptoKey にしてください',
    en: () =>
      'The key must be a Uint8Array of at least 32 bytes or an HMAC-SHA-256 CryptoKey usable for signing',
  },
  not_text: {
    ja: (p: P) => `文字列が必要ですが、${s(p.received)}です`,
    en: (p: P) => `Expected a string but got ${s(p.received)}`,
  },
  invalid_option: {
    ja: (p: P) => `オプション「${s(p.option)}」の値が不正です（${s(p.expectedJa)}）`,
    en: (p: P) => `Invalid value for option "${s(p.option)}" (${s(p.expected)})`,
  },
  unknown_field: {
    ja: (p: P) => `「${s(p.field)}」はこの調査票の回答項目ではありません`,
    en: (p: P) => `"${s(p.field)}" is not an answer of this survey`,
  },
  not_records: {
    ja: () => 'レコードの配列が必要です（各要素はオブジェクト）',
    en: () => 'Expected an array of records (each an object)',
  },
  not_response: {
    ja: () => '回答データとして読み取れません（answers オブジェクトが必要です）',
    en: () => 'Not a response (an answers object is required)',
  },
  wrong_template: {
    ja: (p: P) => `別の調査票（${s(p.received)}）の回答です。この調査票は「${s(p.expected)}」です`,
    en: (p: P) => `A response to another template (${s(p.received)}); this survey is "${s(p.expected)}"`,
  },
  invalid_count: {
    ja: () => '度数は0以上の整数にしてください',
    en: () => 'A count must be a whole number of at least 0',
  },
  ragged_table: {
    ja: (p: P) => `行の長さがそろっていません（${s(p.expected)}列のはずが${s(p.received)}列）`,
    en: (p: P) => `Rows differ in length (expected ${s(p.expected)} columns, got ${s(p.received)})`,
  },
  shape_mismatch: {
    ja: (p: P) => `表の形が度数表と合いません（${s(p.expected)}）`,
    en: (p: P) => `The table's shape does not match the table of counts (${s(p.expected)})`,
  },
  invalid_span: {
    ja: (p: P) => `氏名検出の範囲が不正です（start ${s(p.start)}, end ${s(p.end)}, 文字数 ${s(p.length)}）`,
    en: (p: P) =>
      `The name detector returned an invalid span (start ${s(p.start)}, end ${s(p.end)}, length ${s(p.length)})`,
  },
  invalid_epsilon: {
    ja: () => 'ε は正の有限の数にしてください',
    en: () => 'ε must be a positive finite number',
  },
  budget_exceeded: {
    ja: (p: P) => `プライバシー予算が足りません（要求 ε=${s(p.requested)}、残り ε=${s(p.remaining)}）`,
    en: (p: P) => `Privacy budget exceeded (requested ε=${s(p.requested)}, remaining ε=${s(p.remaining)})`,
  },
  too_few_records: {
    ja: (p: P) => `レコードが${s(p.count)}件しかなく、k=${s(p.k)} の匿名性を満たせません`,
    en: (p: P) => `Only ${s(p.count)} records: k=${s(p.k)} anonymity cannot be reached`,
  },
} satisfies MessageCatalog<string>;

/** A code of an anonymisation issue. */
export type AnonymiseIssueCode = keyof typeof anonymiseMessages;
