import type { CliLang } from './cliText.js';

/** Texts of the state commands (aggregate, merge, report --state), in Japanese and English. */
const ja = {
  aggregateHelp: `使い方: kizuki aggregate TEMPLATE RESPONSES --out state.json [--by sex,age_band] [--min-group 5] [--municipality 名前] [--date YYYY-MM-DD] [--lang ja|en]

回答ファイルを検査・集計し、合算できる集計ファイル（JSON）を書き出します。集計ファイルには件数と平均・分散の
もとになる数値だけが入り、回答の行、自由記述、仮名IDは入りません。ただし少人数のグループの件数も残るので、
回答データと同じく機密として扱ってください。改ざんや破損はチェックサムで分かります。

オプション:
  --out FILE          書き出す集計ファイル（必須）
  --by Q1,Q2          グループ分けに使う質問のID（合算する集計ファイルどうしで同じにしてください）
  --min-group N       報告書でこれより少ない人数のグループを伏せる（既定: 5）
  --municipality 名前  自治体名（合算のとき同じ自治体の重複を見つけるのに使います）
  --date YYYY-MM-DD   調査の実施日（回の順番に使います）
  --encoding ENC      CSVの文字コード: auto（既定）、utf-8、shift_jis
  --jobs N            大きなファイルを読むときに並行して使うスレッド数
`,
  mergeHelp: `使い方: kizuki merge STATE... --out national.json [--template TEMPLATE] [--lang ja|en]

複数の集計ファイル（kizuki aggregate で作ったもの）を合算し、1つの集計ファイルにします。結果は全部の回答を
一度に集計したものと同じです。テンプレート、グループ分けの質問、伏せる人数のどれかが違うファイルや、同じ自治体の
ファイルが2つあるときは合算せず、どのファイルが問題かを表示します。

オプション:
  --out FILE          書き出す集計ファイル（必須）
  --template T        テンプレート（組み込みでない、またはカスタマイズしたテンプレートのとき）
`,
  aggregateDone: (file: string, n: number) => `集計ファイルを書き出しました: ${file}（回答 ${n} 件）`,
  mergeDone: (file: string, files: number, n: number) =>
    `${files} 個の集計ファイルを合算しました: ${file}（回答 ${n} 件）`,
  needOut: (command: string) => `kizuki ${command} には --out で書き出すファイルを指定してください。`,
  badDate: (v: string) => `--date は YYYY-MM-DD の形の日付にしてください（「${v}」が指定されました）。`,
  stateOrResponses: 'RESPONSES と --state の両方は指定できません。どちらか一方にしてください。',
  peersNeedName:
    '--peers を使うときは --municipality でこの自治体の名前を指定してください（合算ファイルに自分の回答が含まれているかを判定し、1回だけ数えるためです）。',
  peersPartly: (f: string, names: string) =>
    `${f} にはこの集計の自治体（${names}）の一部だけが含まれています。全部含むか、まったく含まない合算ファイルを使ってください。`,
  peersOtherBy: (f: string, actual: string, expected: string) =>
    `${f} のグループ分けの質問（${actual || 'なし'}）がこの報告書の（${expected || 'なし'}）と違うため比べられません。--by ${actual} を指定してください。`,
};

type Text = typeof ja;

const en: Text = {
  aggregateHelp: `Usage: kizuki aggregate TEMPLATE RESPONSES --out state.json [--by sex,age_band] [--min-group 5] [--municipality NAME] [--date YYYY-MM-DD] [--lang ja|en]

Checks and tallies a responses file and writes a mergeable state file (JSON). The state holds
counts and the numbers behind means and variances only: no rows, no free text, no pseudonyms. It
keeps the counts of small groups, so treat it as confidentially as the responses. A checksum tells
when it has been altered or damaged.

Options:
  --out FILE           the state file to write (required)
  --by Q1,Q2           ids of the questions to group by (must be the same in states you merge)
  --min-group N        reports hide groups with fewer respondents than this (default: 5)
  --municipality NAME  the municipality (used to find the same municipality twice in a merge)
  --date YYYY-MM-DD    when the survey was run (orders the waves)
  --encoding ENC       CSV character encoding: auto (default), utf-8, shift_jis
  --jobs N             threads used to read large files
`,
  mergeHelp: `Usage: kizuki merge STATE... --out national.json [--template TEMPLATE] [--lang ja|en]

Merges state files (made by kizuki aggregate) into one. The result equals tallying all the
responses in one pass. States of another template, with other grouping questions or another
minimum group size, and two states of the same municipality, are refused, naming the file.

Options:
  --out FILE     the state file to write (required)
  --template T   the template, when it is not built in or was customised
`,
  aggregateDone: (file, n) => `Wrote the state file: ${file} (${n} responses)`,
  mergeDone: (file, files, n) => `Merged ${files} state files: ${file} (${n} responses)`,
  needOut: (command) => `kizuki ${command} needs --out, the file to write.`,
  badDate: (v) => `--date must be a date written YYYY-MM-DD (got "${v}").`,
  stateOrResponses: 'Give either RESPONSES or --state, not both.',
  peersNeedName:
    '--peers needs --municipality, this municipality’s name: it tells whether the merged state already holds your responses, so that they are counted once.',
  peersPartly: (f, names) =>
    `${f} holds only some of this tally’s municipalities (${names}). Use a merged state that holds all of them or none.`,
  peersOtherBy: (f, actual, expected) =>
    `${f} groups by (${actual || 'none'}), this report by (${expected || 'none'}); they cannot be compared. Give --by ${actual}.`,
};

/** The state commands' texts by language. */
export const stateText: Record<CliLang, Text> = { ja, en };
