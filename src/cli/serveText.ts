import type { CliLang } from './cliText.js';

/** Texts of `kizuki serve`, apart from the shared catalogue so that the command stays in one place. */
export const serveText = {
  ja: {
    starting: (store: string) => `回答の受付を準備しています（保存先: ${store}）…`,
    listening: (url: string) => `受付を開始しました: ${url}`,
    form: (url: string) => `  回答フォーム: ${url}`,
    token: (token: string) =>
      `  管理用トークン（この1回だけ表示します。控えてください）: ${token}\n  例: curl -H "Authorization: Bearer ${token}" …/admin/<調査>/status`,
    invitations: (added: number, total: number) =>
      `  案内状の回答コード ${total} 件を読み込みました（新規 ${added} 件）`,
    request: (time: string, method: string, route: string, status: number) =>
      `${time} ${method} ${route} → ${status}`,
    stopping: '受付を停止しています…',
    stopped: '停止しました。',
    noCodeColumn: (file: string) => `${file}: 「code」列がありません（kizuki sample が書く招待コードの列）`,
    needKey:
      '--database を使うときは、回答コードの鍵ファイルを --code-key で指定してください（全サーバーで同じ鍵）',
    badKey: (file: string) => `${file}: 鍵は 64 桁の16進数（32バイト）でなければなりません`,
  },
  en: {
    starting: (store: string) => `Preparing to collect responses (store: ${store})…`,
    listening: (url: string) => `Collecting responses at ${url}`,
    form: (url: string) => `  Form: ${url}`,
    token: (token: string) =>
      `  Admin token (shown only this once; keep it safe): ${token}\n  e.g. curl -H "Authorization: Bearer ${token}" …/admin/<survey>/status`,
    invitations: (added: number, total: number) => `  Loaded ${total} invitation codes (${added} new)`,
    request: (time: string, method: string, route: string, status: number) =>
      `${time} ${method} ${route} → ${status}`,
    stopping: 'Stopping…',
    stopped: 'Stopped.',
    noCodeColumn: (file: string) =>
      `${file}: there is no "code" column (the invitation codes written by kizuki sample)`,
    needKey:
      'With --database, give the key file of invitation codes with --code-key (the same key on every server)',
    badKey: (file: string) => `${file}: the key must be 64 hexadecimal digits (32 bytes)`,
  },
} satisfies Record<CliLang, unknown>;
