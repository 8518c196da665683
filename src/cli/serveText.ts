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
    folderInUse: (dir: string, pid: number) =>
      `${dir}: kizuki serve（プロセス ${pid}）が使用中です。埋め込みデータベースは同時に1つのプロセスしか開けません。受付を止めてから実行するか、管理用の書き出し（/admin/<調査>/export.jsonl）を使ってください`,
    noStore: (dir: string) => `${dir}: 回答の保存先がありません（kizuki serve --data で作られるフォルダー）`,
    noSurvey: (key: string, keys: readonly string[]) =>
      `保存先に調査「${key}」はありません（あるのは: ${keys.join(', ') || 'なし'}）。--survey で指定してください`,
    chooseSurvey: (keys: readonly string[]) =>
      `保存先の調査を --survey で指定してください（あるのは: ${keys.join(', ') || 'なし'}）`,
    otherTemplate: (key: string, version: string) =>
      `調査「${key}」の回答は別の版のテンプレート（${version}）に対するものです。受付に使ったテンプレートを指定してください`,
    sameKey: (key: string) =>
      `調査キー「${key}」が2つのテンプレートで重なっています（テンプレートの id を変えてください）`,
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
    folderInUse: (dir: string, pid: number) =>
      `${dir}: kizuki serve (process ${pid}) is using it. The embedded database opens in one process at a time: stop the server first, or use the admin export (/admin/<survey>/export.jsonl)`,
    noStore: (dir: string) =>
      `${dir}: there is no response store here (the folder kizuki serve --data makes)`,
    noSurvey: (key: string, keys: readonly string[]) =>
      `The store has no survey "${key}" (it has: ${keys.join(', ') || 'none'}); choose one with --survey`,
    chooseSurvey: (keys: readonly string[]) =>
      `Choose the store's survey with --survey (it has: ${keys.join(', ') || 'none'})`,
    otherTemplate: (key: string, version: string) =>
      `The responses of survey "${key}" answer another version of the template (${version}); give the template the survey was served with`,
    sameKey: (key: string) => `Two templates have the survey key "${key}" (give them different ids)`,
  },
} satisfies Record<CliLang, unknown>;
