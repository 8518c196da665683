import type { CliLang } from './cliText.js';

/** Texts of `kizuki template`, in Japanese and English. */
const ja = {
  help: `使い方: kizuki template export TEMPLATE --xlsx|--xlsform [--out FILE] [--lang ja|en]
       kizuki template import WORKBOOK.xlsx|XLSFORM.xlsx [--xlsform] [--base TEMPLATE] [--out FILE] [--lang ja|en]
       kizuki template diff BASE CHANGED [--out FILE.html] [--lang ja|en]

テンプレートを Excel ブック（.xlsx）に書き出し、編集したブックからテンプレートJSONに戻します。
ブックには、設問・選択肢・尺度・得点・基準値などのシートがあり、日本語と英語の文言が横に並びます。
種類や「はい／いいえ」の列は一覧から選べ、見出しの行にはそれぞれの列の説明（メモ）があります。

  export   TEMPLATE（組み込みのIDかJSONファイル）をブックに書き出します（既定: TEMPLATE のID.xlsx）。
           --xlsform なら ODK・KoboToolbox 用の XLSForm に書き出し、XLSForm で表せないものを一覧します
  import   ブックを読み込み、テンプレートJSONを書き出します（既定: ブックと同じ名前の .json）。
           間違いはすべて「設問!C12」のようにシートとセルで示します。
           survey シートのあるブック（または --xlsform）は XLSForm（ODK・KoboToolbox）として読み、
           訳せないもの（geopoint・calculate・repeat、kizuki にない関数、choice_filter など）を
           「survey!F12（relevant）」のようにセルと列で一覧します。1件でもあればJSONは書き出しません。
           使わない表示指定などの「お知らせ」は示すだけで、書き出しは続けます
  diff     BASE（元のテンプレート）と CHANGED（JSON か、BASE から作ったブック）の違いを一覧し、結果ごとに
           前回の調査・全国の基準値と比べられるかどうかと、その理由を示します。--out で会議資料用の HTML も書き出します
  --base TEMPLATE  ブックの元にしたテンプレート。変更を customiseTemplate の変更として記録し、
           比較可能性の規則（文言を変えた設問は新しいIDになる。表記修正のみの列が「はい」なら同じID）を適用します
`,
  needFormat: '書き出す形式として --xlsx か --xlsform のどちらかを指定してください',
  dropped: (count: number) => `XLSForm で表せないため書き出さなかったもの: ${count} 件`,
  unknownAction: (action: string) =>
    `「${action}」はできません。export、import、diff のどれかを指定してください`,
  diffNeedsTwo: 'diff には元のテンプレートと変更後のテンプレート（またはブック）の2つを指定してください',
  diffTitle: (base: string, changed: string) => `テンプレートの比較: ${base} → ${changed}`,
  wrote: (path: string) => `${path} を書き出しました`,
  invalid: (file: string, count: number) => `${file} に ${count} 件の問題があります:`,
  changes: (count: number) => `元テンプレートに対する変更: ${count} 件`,
  notices: (count: number) => `お知らせ（テンプレートの設問と回答は変わりません）: ${count} 件`,
  baseNotForXlsForm: '--base は kizuki のブックにだけ使えます。XLSForm には指定しないでください',
};

const en: typeof ja = {
  help: `Usage: kizuki template export TEMPLATE --xlsx|--xlsform [--out FILE] [--lang ja|en]
       kizuki template import WORKBOOK.xlsx|XLSFORM.xlsx [--xlsform] [--base TEMPLATE] [--out FILE] [--lang ja|en]
       kizuki template diff BASE CHANGED [--out FILE.html] [--lang ja|en]

Writes a template as an Excel workbook (.xlsx) and reads an edited workbook back into template JSON.
The workbook has sheets for questions, options, scales, scores, benchmarks and more, with Japanese and
English texts side by side; type and yes/no columns offer drop-down lists, and each header carries a note.

  export   writes TEMPLATE (a built-in id or a JSON file) as a workbook (default: the template id + .xlsx);
           with --xlsform, as an XLSForm for ODK and KoboToolbox, listing what XLSForm cannot state
  import   reads a workbook and writes template JSON (default: the workbook's name with .json);
           every mistake is named by sheet and cell, such as 設問!C12. A workbook with a survey
           sheet (or --xlsform) is read as an XLSForm (ODK, KoboToolbox): whatever does not
           translate (geopoint, calculate, repeat, functions kizuki lacks, choice_filter, …) is
           listed by cell and column, as survey!F12 (relevant), and no JSON is written if there is
           any; notices (ignored display hints and the like) are shown and the JSON is still written
  diff     lists what differs between BASE and CHANGED (template JSON, or a workbook made from BASE) and,
           for each result, whether it stays comparable with the previous wave and the national
           benchmarks, and why; --out also writes an HTML page for the council meeting
  --base TEMPLATE  the template the workbook was made from: edits are recorded as customiseTemplate
           changes under the comparability rules (a reworded question gets a new id unless its
           表記修正のみ (editorial) column says はい)
`,
  needFormat: 'Say which format to write: --xlsx or --xlsform',
  dropped: (count: number) => `Not written, because XLSForm cannot state them: ${count}`,
  unknownAction: (action: string) => `Cannot "${action}": use export, import or diff`,
  diffNeedsTwo: 'diff needs two templates: the base and the changed one (or a workbook)',
  diffTitle: (base: string, changed: string) => `Template comparison: ${base} → ${changed}`,
  wrote: (path: string) => `Wrote ${path}`,
  invalid: (file: string, count: number) => `${file} has ${count} problem(s):`,
  changes: (count: number) => `Changes to the base template: ${count}`,
  notices: (count: number) => `Notices (the template's questions and answers are unchanged): ${count}`,
  baseNotForXlsForm: '--base is for kizuki workbooks only; leave it out for an XLSForm',
};

export const templateText: Record<CliLang, typeof ja> = { ja, en };
