import type { MessageCatalog } from '../../core/issue.js';

type P = Record<string, unknown>;
const s = (v: unknown): string => String(v);

/** Messages of the persistence layer: storage, kept-aside drafts and submissions. */
export const persistMessages = {
  storage_unavailable: {
    ja: () =>
      'この端末に回答を保存できないため、回答はこのページを開いている間だけ保持されます。閉じる前に送信してください',
    en: () =>
      'Answers cannot be saved on this device, so they are kept only while this page is open. Please submit before closing it',
  },
  storage_full: {
    ja: () =>
      'この端末の保存領域がいっぱいのため、回答はこのページを開いている間だけ保持されます。閉じる前に送信してください',
    en: () =>
      'The storage on this device is full, so answers are kept only while this page is open. Please submit before closing it',
  },
  submit_failed: {
    ja: (p: P) =>
      `送信できませんでした（${s(p.reason)}）。回答は保存されています。${s(p.seconds)}秒後に再送します`,
    en: (p: P) =>
      `The answers could not be sent (${s(p.reason)}). They are saved and will be sent again in ${s(p.seconds)} s`,
  },
  submit_rejected: {
    ja: (p: P) => `送信先が回答を受け付けませんでした（${s(p.reason)}）。回答はこの端末に保存されています`,
    en: (p: P) => `The answers were refused by the receiver (${s(p.reason)}). They are saved on this device`,
  },
} satisfies MessageCatalog<string>;

/** Issue codes of the persistence layer. */
export type PersistIssueCode = keyof typeof persistMessages;
