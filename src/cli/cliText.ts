/** The language of the command's output. */
export type CliLang = 'ja' | 'en';

const ja = {
  help: `kizuki — 気づきのためのアンケートを印刷し、集計し、報告書にするコマンド

使い方: kizuki <コマンド> [オプション]

コマンド:
  demo                          架空の回答で一連の作業を試す（質問票・回答CSV・報告書を作る）
  templates                     組み込みのテンプレートを一覧する
  template export|import|diff   テンプレートを Excel ブックに書き出す／ブックから読み込む／違いと比較可能性を示す
  validate FILE                 テンプレート（.json）または回答ファイル（.csv / .jsonl / FHIR の .json）を検査する
  print TEMPLATE                印刷用の質問票（HTML）を作る
  report TEMPLATE RESPONSES     回答を集計して報告書（HTML）を作る
  aggregate TEMPLATE RESPONSES  合算できる集計ファイル（JSON）を作る
  merge STATE...                集計ファイルを合算する（自治体の集計を全国分にまとめるなど）
  anonymise TEMPLATE RESPONSES  回答を匿名化して書き出す
  export TEMPLATE               コードブック、SPSS シンタックス、CSV の見出し行を書き出す
  serve --template TEMPLATE     回答フォームを公開し、回答を受け付けて保存する
  sample FRAME --size N --out DIR  名簿から標本を抽出し、招待コードと案内状用の名簿を作る
  rates DISPOSITIONS            結果コードから AAPOR の回収率・協力率・拒否率・接触率を計算する
  weights RESPONSES --margins POPULATION --out FILE  母集団の人数に合わせたウェイトを付ける

共通オプション:
  --lang ja|en   表示と出力の言語（既定: ja）
  --help, -h     使い方を表示する（kizuki report --help のようにコマンドごとにも使えます）

TEMPLATE は組み込みテンプレートのID（kizuki templates で一覧できます）か、テンプレートJSONファイルのパスです。

終了コード: 0 成功 / 1 入力やデータに問題あり / 2 使い方の誤り / 3 ファイルの読み書きの失敗
`,
  commands: {
    templates: `使い方: kizuki templates [--json] [--lang ja|en]

組み込みのテンプレートを一覧します（ID、版、題名、対象）。

オプション:
  --json   一覧をJSONで出力する
`,
    validate: `使い方: kizuki validate FILE [--template TEMPLATE] [--encoding auto|utf-8|shift_jis] [--lang ja|en]

FILE がテンプレート（.json）なら、その形式と内容を検査します。
FILE が回答ファイル（.csv / .jsonl、または FHIR の QuestionnaireResponse・Bundle の .json）なら、--template のテンプレートに照らして1行ずつ検査し、
問題のある行をすべて、行番号と理由つきで表示します。

オプション:
  --template TEMPLATE   回答ファイルを検査するときのテンプレート（IDまたはパス）
  --encoding ENC        CSVの文字コード: auto（既定。UTF-8 か Shift_JIS かを自動判定）、utf-8、shift_jis

例:
  kizuki validate my-template.json
  kizuki validate responses.csv --template bias-awareness-community
`,
    print: `使い方: kizuki print TEMPLATE [--out questionnaire.html] [--lang ja|en]

紙で配る質問票を、A4で印刷できるHTMLファイルにします。質問番号、選択肢の□、記入欄、
「Q2で1と回答した方のみ」といった案内と「→ Q7へ」の飛び先を、テンプレートの条件から作ります。
ブラウザで開いて印刷してください。

オプション:
  --out FILE   書き出すファイル（既定: questionnaire.html）
`,
    report: `使い方: kizuki report TEMPLATE RESPONSES [--by sex,age_band] [--out report.html] [--min-group 5] [--lang ja|en]

回答ファイル（.csv / .jsonl / FHIR の .json）を検査・集計し、グラフ入りの報告書（HTMLファイル1つ）を作ります。
人数が少なすぎるグループの数値は「—」で伏せます。問題のある行は集計に入れず、行番号と理由を表示します。

オプション:
  --by Q1,Q2        グループ分けに使う質問のID（カンマ区切り、4つまで）。例: sex,age_band
  --out FILE        書き出すファイル（既定: report.html）
  --json FILE       報告書の数値（重み付きの推定値・標準誤差・信頼区間を含む）を丸めずに JSON でも書き出す
  --min-group N     これより少ない人数のグループは伏せる（既定: 5）
  --encoding ENC    CSVの文字コード: auto（既定）、utf-8、shift_jis
  --jobs N          大きなファイルを読むときに並行して使うスレッド数（既定: CPUの数、最大4）
  --state FILE      回答ファイルの代わりに集計ファイル（kizuki aggregate / merge で作ったもの）から作る
                    （使い方: kizuki report TEMPLATE --state national.json）。少人数のグループはここでも伏せます
  --data DIR        回答ファイルの代わりに kizuki serve の保存先（フォルダー）から読む（受付を止めてから）
  --database URL    回答ファイルの代わりに PostgreSQL の保存先から読む（受付中でもよい）
  --survey KEY      保存先の調査（既定: テンプレートの id）。保存先から読むと、招待があれば層ごとの回収率も載せます
  --previous FILE   前の回の回答ファイルまたは集計ファイル。「前回からの変化」と推移を載せます（何回でも指定可）
  --previous-template T  前の回のテンプレート（版やカスタマイズが違うとき。--previous と同じ数だけ、同じ順に）
  --previous-weights W  前の回のウェイト（ファイルまたは列名。--weights のとき --previous ごとに1つ、集計ファイルは -）
  --trend Q1,Q2     推移のグラフに得点と一緒に載せる設問のID（例: h01,w01）
  --weights FILE|列 ウェイト: respondentId と weight の列がある CSV（kizuki weights の出力）か、回答 CSV の列名。
                    割合・平均・信頼区間が重み付き（テイラー線形化）になります
  --weight-method M ウェイトの作り方（分散の計算用）: rake（--margins があるときの既定）、poststratify、linear、raking、none
  --design FILE     kizuki sample の design.json: 層ごとの母集団の人数で有限母集団修正をします（層は --strata の質問）
  --strata ID       層を表す単一選択の質問（既定: design.json の層が1つならその名前）。分散を層別に計算します
  --lonely-psu M    回答者が1人の層: fail（既定、エラー）、certainty、adjust、average（R の survey.lonely.psu と同じ）
  --dispositions FILE 調査の結果コード（disposition 列、kizuki sample の sample.csv に加えたもの）。「回答したのは誰か」の
                    標本の人数と層ごとの回収率に使います
  --margins FILE    母集団の人数（variable,category,count。sex:age_band のような組み合わせも可）。「回答したのは誰か」の
                    母集団の構成と、ウェイトの較正の変数に使います
  --peers FILE      参加自治体全体の集計ファイル（kizuki merge で作ったもの）と比べる節を加える
                    （--municipality でこの自治体の名前を指定。自分の回答は1回だけ数えます）
  --municipality 名前  この自治体の名前（--peers のとき、合算ファイルに含まれているかの判定に使います）
`,
    anonymise: `使い方: kizuki anonymise TEMPLATE RESPONSES --out FILE [--k 5] [--lang ja|en]

回答を匿名化して書き出します。個人を識別できる回答（メールアドレスなど）を消し、
年代などの属性を、同じ組み合わせの人が k 人以上になるまでまとめるか伏せ、自由記述から
電話番号やメールアドレスなどを取り除き、行の順番を入れ替えます。何をしたかは FILE.audit.json に記録します。

オプション:
  --out FILE      書き出すファイル（.csv または .jsonl）
  --k N           同じ属性の組み合わせを持つ人の最少人数（既定: 5）
  --encoding ENC  CSVの文字コード: auto（既定）、utf-8、shift_jis
`,
    export: `使い方: kizuki export TEMPLATE --format FORMAT [--out FILE] [--lang ja|en]

統計ソフトなどのための資料を書き出します。--out がなければ画面（標準出力）に出します。

形式（--format）:
  codebook      コードブック（CSV、変数ごとにラベル・値・欠測値・条件）
  codebook-md   コードブック（Markdown）
  spss          SPSS シンタックス（回答CSVを読み込み、ラベルと欠測値を設定する）
  csv-header    回答CSVの見出し行（Excel で入力するときのひな形）

オプション:
  --out FILE    書き出すファイル
  --data FILE   spss のとき、読み込む回答CSVのファイル名（既定: responses.csv）
`,
    serve: `使い方: kizuki serve --template TEMPLATE [--data DIR | --database URL] [--invitations FILE]
                    [--port 8080] [--host 127.0.0.1] [--code-key FILE] [--invitation-only] [--trust-proxy]

回答フォームを公開し、送られた回答を検査して1件ずつ確実に保存します（同じ回答は何度送られても1件）。
複数の調査を1つのサーバーで受け付けるときは --template a.json,b.json（それぞれ /s/<テンプレートの id>/）。
起動すると URL と管理用トークンを表示します。トークンは1回しか表示しないので控えてください。
ログは日本語で、個人を特定する情報（回答、回答コード、回答者ID）は書きません。

オプション:
  --data DIR          保存先のフォルダ（PGlite、既定: kizuki-data）。バックアップはこのフォルダを停止中にコピー
  --database URL      PostgreSQL に保存する（postgres://…）。複数のサーバーで受け付けるとき
  --invitations FILE  kizuki sample が書いた招待コードのCSV（code 列、stratum 列）。回答率を層ごとに数える
                      調査が複数のときは 調査キー=FILE,調査キー=FILE
  --invitation-only   回答コードのない回答を受け付けない
  --code-key FILE     回答コードの鍵（64桁の16進数）。--data では自動で作り、--database では必須
  --port N / --host H 待ち受けるポートとアドレス（既定: 8080, 127.0.0.1。公開はリバースプロキシ経由で）
  --trust-proxy       リバースプロキシの X-Forwarded-For を送信元として使う（回数制限のため）
  --rate-limit N      送信元ごとに1分に受け付ける送信の数（既定: 300）
`,
    demo: `使い方: kizuki demo [--out out] [--n 600] [--seed 1] [--lang ja|en]

架空の市のアンケートを例に、一連の作業を通して試します。組み込みテンプレートから質問票を作り、
性別や年代で傾向の異なる架空の回答を作って検査・匿名化・集計し、次のファイルを書き出します:
  out/questionnaire.html         印刷用の質問票
  out/responses.csv              検査済みの回答（Excel で開けるCSV）
  out/anonymised.csv             外部に渡すために匿名化した回答（と処理の記録 .audit.json）
  out/report.html                報告書

オプション:
  --out DIR    書き出すフォルダ（既定: out）
  --n N        架空の回答の数（既定: 600）
  --seed N     乱数の種。同じ種なら同じ回答になります（既定: 1）
`,
  },
  usage: {
    unknownCommand: (c: string) => `「${c}」というコマンドはありません。`,
    seeHelp: (c?: string) => `使い方は kizuki ${c === undefined ? '' : `${c} `}--help で表示できます。`,
    badOption: (detail: string) => `オプションの指定が正しくありません: ${detail}`,
    needArgs: (what: string) => `${what} を指定してください。`,
    tooManyArgs: (extra: string) => `余分な引数があります: ${extra}`,
    badLang: (v: string) => `--lang には ja か en を指定してください（「${v}」が指定されました）。`,
    badNumber: (name: string, v: string) =>
      `--${name} には正の整数を指定してください（「${v}」が指定されました）。`,
    badChoice: (name: string, v: string, choices: string) =>
      `--${name} には ${choices} のどれかを指定してください（「${v}」が指定されました）。`,
    unknownTemplate: (id: string) =>
      `「${id}」という組み込みテンプレートはありません。kizuki templates で一覧を表示できます。`,
    needTemplate: '回答ファイルを検査するには --template でテンプレートを指定してください。',
    unknownFileType: (f: string) =>
      `「${f}」の種類が分かりません。テンプレートは .json、回答は .csv か .jsonl（FHIR の回答は --template を付けて .json）にしてください。`,
    badBy: (id: string) => `--by の「${id}」は、このテンプレートの単一選択の質問ではありません。`,
  },
  io: {
    cannotRead: (f: string, detail: string) => `ファイル ${f} を読めません: ${detail}`,
    cannotWrite: (f: string, detail: string) => `ファイル ${f} に書き込めません: ${detail}`,
    wrote: (f: string) => `書き出しました: ${f}`,
  },
  progress: {
    reading: '読み込み中',
    aggregating: '集計中',
    raking: 'レイキング中（周回）',
    rows: '行を確認中',
    rowsDone: (done: number, total: number) =>
      `${done.toLocaleString('ja-JP')} / ${total.toLocaleString('ja-JP')} 行`,
    drawing: '標本を抽出中',
    drawingFrom: (n: number) => `名簿 ${n.toLocaleString('ja-JP')} 人から`,
  },
  lines: {
    at: (file: string, line: number, row?: number) =>
      `${file} ${line}行目${row === undefined ? '' : `（${row}件目）`}`,
    templateValid: (id: string, version: string, title: string) =>
      `✓ テンプレート ${id} ${version}「${title}」に問題はありません。`,
    templateSummary: (sections: number, questions: number, scores: number) =>
      `  ${sections}節、${questions}問、得点 ${scores}個`,
    templateInvalid: (file: string, n: number) => `✗ ${file} に ${n} 件の問題があります:`,
    notice: '注意',
    problem: '問題',
    fatal: (file: string) => `✗ ${file} を読み取れませんでした:`,
    blank: (n: number) => `空の行を ${n} 行読み飛ばしました。`,
    summary: (rows: number, valid: number, rejected: number) =>
      `${rows} 行を読み、${valid} 件が有効、${rejected} 件に問題がありました。`,
    allValid: (file: string, n: number) => `✓ ${file}: ${n} 件の回答すべてに問題はありません。`,
    moreProblems: (n: number) =>
      `…ほかに ${n} 行に問題があります（すべて見るには kizuki validate を使ってください）。`,
    excluded: '問題のある行は集計に含めていません。',
    listHeader: ['ID', '版', '題名', '対象'],
    internal: (detail: string) => `予期しないエラーが起きました: ${detail}`,
    parallel: (jobs: number) => `${jobs} スレッドで並行して読み込みます。`,
    duplicateAcross: '別々のスレッドで読んだ部分に同じ回答者IDがあったため、1スレッドで読み直します。',
  },
  report: {
    done: (file: string, responses: number) => `報告書を書き出しました: ${file}（回答 ${responses} 件）`,
    groups: (by: string) => `グループ: ${by}`,
  },
  anonymise: {
    done: (file: string, n: number, k: number) =>
      `匿名化した回答 ${n} 件を書き出しました: ${file}（k = ${k}）`,
    audit: (file: string) => `処理の記録: ${file}`,
    smallest: (n: number) => `同じ属性の組み合わせを持つ人数の最小: ${n}`,
    suppressed: (n: number) => `伏せた値の数: ${n}`,
  },
  demo: {
    intro: (title: string, n: number, seed: number) =>
      `デモ: 「${title}」に架空の回答 約${n} 件（乱数の種 ${seed}）`,
    steps: {
      template: 'テンプレートを用意しました',
      generated: (n: number) => `回答を作りました: ${n} 件`,
      validated: (valid: number, n: number) => `検査しました: ${n} 件中 ${valid} 件が有効`,
      anonymised: (k: number, smallest: number) =>
        `匿名化しました: k = ${k}（最小の組み合わせ ${smallest} 人）`,
      aggregated: (by: string) => `集計しました（グループ: ${by}）`,
    },
    figures: '主な結果:',
    figure: (label: string, all: string, men: string, women: string) =>
      `  ${label}: 全体 ${all}、男性 ${men}、女性 ${women}`,
    atLeastOne: (share: string) => `（少なくとも1つに該当した人 ${share}）`,
    files: '書き出したファイル:',
    fileLabels: {
      questionnaire: '印刷用の質問票',
      responses: '検査済みの回答',
      anonymised: '匿名化した回答',
      audit: '匿名化の記録',
      report: '報告書',
    },
    open: 'report.html をブラウザで開くと報告書を、questionnaire.html を印刷すると紙の質問票を見られます。',
  },
};

type Text = typeof ja;

const en: Text = {
  help: `kizuki — print, tally and report the questionnaires of the regional workplace-reform programme

Usage: kizuki <command> [options]

Commands:
  demo                          try the whole workflow with made-up answers (questionnaire, CSV, report)
  templates                     list the built-in templates
  template export|import|diff   workbooks out and back in; what an edit does to comparability
  validate FILE                 check a template (.json) or a responses file (.csv / .jsonl / FHIR .json)
  print TEMPLATE                make the paper questionnaire (HTML)
  report TEMPLATE RESPONSES     tally responses into a report (HTML)
  aggregate TEMPLATE RESPONSES  write a mergeable state file (JSON)
  merge STATE...                merge state files (e.g. municipalities into a national total)
  anonymise TEMPLATE RESPONSES  write an anonymised copy of the responses
  export TEMPLATE               write a codebook, SPSS syntax or the CSV header row
  serve --template TEMPLATE     publish the form and collect and store responses
  sample FRAME --size N --out DIR  draw a sample from a register, with invitation codes and a mailing list
  rates DISPOSITIONS            AAPOR response, cooperation, refusal and contact rates from dispositions
  weights RESPONSES --margins POPULATION --out FILE  weight responses to population counts

Common options:
  --lang ja|en   language of messages and output (default: ja)
  --help, -h     show help (also per command, e.g. kizuki report --help)

TEMPLATE is a built-in template id (see kizuki templates) or the path of a template JSON file.

Exit codes: 0 success / 1 problems in the input or data / 2 usage error / 3 a file could not be read or written
`,
  commands: {
    templates: `Usage: kizuki templates [--json] [--lang ja|en]

Lists the built-in templates (id, version, title, audience).

Options:
  --json   print the list as JSON
`,
    validate: `Usage: kizuki validate FILE [--template TEMPLATE] [--encoding auto|utf-8|shift_jis] [--lang ja|en]

If FILE is a template (.json), checks its format and content.
If FILE is a responses file (.csv / .jsonl, or a FHIR QuestionnaireResponse or Bundle as .json), checks every row against the --template and lists
every row with a problem, with its line number and the reason.

Options:
  --template TEMPLATE   the template to check responses against (id or path)
  --encoding ENC        CSV character encoding: auto (default: tells UTF-8 from Shift_JIS), utf-8, shift_jis

Examples:
  kizuki validate my-template.json
  kizuki validate responses.csv --template bias-awareness-community
`,
    print: `Usage: kizuki print TEMPLATE [--out questionnaire.html] [--lang ja|en]

Makes the paper questionnaire as an HTML file that prints on A4: numbered questions, a box for
each option, answer boxes, and routing taken from the template's conditions ("Only for those who
answered 1 in Q2", "→ go to Q7"). Open it in a browser and print it.

Options:
  --out FILE   the file to write (default: questionnaire.html)
`,
    report: `Usage: kizuki report TEMPLATE RESPONSES [--by sex,age_band] [--out report.html] [--min-group 5] [--lang ja|en]

Checks and tallies a responses file (.csv / .jsonl / FHIR .json) and writes a report with charts as one HTML
file. Figures of groups too small to publish are shown as "—". Rows with problems are left out of
the tally and listed with their line numbers and reasons.

Options:
  --by Q1,Q2        ids of the questions to group by (comma-separated, up to 4), e.g. sex,age_band
  --out FILE        the file to write (default: report.html)
  --json FILE       also write the report's figures unrounded as JSON (weighted estimates, SEs and intervals too)
  --min-group N     hide groups with fewer respondents than this (default: 5)
  --encoding ENC    CSV character encoding: auto (default), utf-8, shift_jis
  --jobs N          threads used to read large files (default: number of CPUs, at most 4)
  --state FILE      report from a state file (made by kizuki aggregate / merge) instead of responses
                    (usage: kizuki report TEMPLATE --state national.json); small groups are hidden here too
  --data DIR        read the responses from kizuki serve's store folder instead of a file (server stopped)
  --database URL    read the responses from a PostgreSQL store instead of a file (also while serving)
  --survey KEY      the store's survey (default: the template's id). From a store, the report also shows
                    the response rates by stratum when the survey has invitations
  --previous FILE   responses or state file of an earlier wave: adds "What changed" and a trend (repeatable)
  --previous-template T  the template of an earlier wave, if another version or customisation (once per --previous)
  --previous-weights W  an earlier wave's weights (file or column; with --weights, once per --previous, - for a state)
  --trend Q1,Q2     statement ids to draw in the trend chart beside the scores (e.g. h01,w01)
  --weights FILE|COL weights: a CSV with respondentId and weight columns (what kizuki weights writes) or a column of
                    the responses CSV; shares, means and intervals become weighted (Taylor linearisation)
  --weight-method M how the weights were made (for the variance): rake (default with --margins), poststratify, linear,
                    raking, none
  --design FILE     kizuki sample's design.json: the population size of each stratum, for the finite population
                    correction (strata: the question named by --strata)
  --strata ID       the single-choice question holding the stratum (default: design.json's stratum when it has one);
                    variances are computed by stratum
  --lonely-psu M    a stratum of one respondent: fail (default, an error), certainty, adjust, average (as R's
                    survey.lonely.psu)
  --dispositions FILE the dispositions (a disposition column added to kizuki sample's sample.csv): the sample and the
                    response rates by stratum in "Who answered"
  --margins FILE    population counts (variable,category,count; crosses such as sex:age_band too): the population in
                    "Who answered" and the calibration variables of the weights
  --peers FILE      add a section comparing with all participating municipalities (a state made by
                    kizuki merge); name this municipality with --municipality: it is counted once
  --municipality NAME  this municipality's name (with --peers: is it already in the merged state?)
`,
    anonymise: `Usage: kizuki anonymise TEMPLATE RESPONSES --out FILE [--k 5] [--lang ja|en]

Writes an anonymised copy of the responses: answers that identify people (such as e-mail
addresses) are removed, attributes such as age are coarsened or suppressed until every
combination is shared by at least k people, phone numbers and e-mail addresses are removed from
free text, and rows are shuffled. What was done is recorded in FILE.audit.json.

Options:
  --out FILE      the file to write (.csv or .jsonl)
  --k N           the smallest number of people allowed to share a combination (default: 5)
  --encoding ENC  CSV character encoding: auto (default), utf-8, shift_jis
`,
    export: `Usage: kizuki export TEMPLATE --format FORMAT [--out FILE] [--lang ja|en]

Writes material for statistics software. Without --out it prints to the screen (standard output).

Formats (--format):
  codebook      the codebook (CSV: label, values, missing codes and condition of each variable)
  codebook-md   the codebook (Markdown)
  spss          SPSS syntax (reads the responses CSV, sets labels and missing values)
  csv-header    the header row of the responses CSV (a starting point for typing answers in Excel)

Options:
  --out FILE    the file to write
  --data FILE   for spss: the responses CSV to read (default: responses.csv)
`,
    serve: `Usage: kizuki serve --template TEMPLATE [--data DIR | --database URL] [--invitations FILE]
                    [--port 8080] [--host 127.0.0.1] [--code-key FILE] [--invitation-only] [--trust-proxy]

Publishes the form, checks each submitted response and stores it exactly once (a response sent
again is stored once). Several surveys in one server: --template a.json,b.json (each at /s/<its id>/). On start it prints the URL and an admin token, shown only once: keep it.
Logs carry no personal data (no answers, codes or respondent ids).

Options:
  --data DIR          where to store (PGlite; default kizuki-data). Back up by copying it while stopped
  --database URL      store in PostgreSQL (postgres://…), for several servers
  --invitations FILE  the invitation codes written by kizuki sample (columns code, stratum), for response rates;
                      with several surveys KEY=FILE,KEY=FILE
  --invitation-only   refuse responses without an invitation code
  --code-key FILE     the key of invitation codes (64 hex digits): made for --data, required with --database
  --port N / --host H where to listen (default 8080, 127.0.0.1; publish through a reverse proxy)
  --trust-proxy       take the client address from the proxy's X-Forwarded-For (for rate limits)
  --rate-limit N      submissions accepted per client per minute (default 300)
`,
    demo: `Usage: kizuki demo [--out out] [--n 600] [--seed 1] [--lang ja|en]

Tries the whole workflow on a made-up city's survey: makes the questionnaire from a built-in
template, makes up answers that differ by sex and age, checks, anonymises and tallies them, and writes:
  out/questionnaire.html         the paper questionnaire
  out/responses.csv              the checked responses (a CSV that opens in Excel)
  out/anonymised.csv             the responses anonymised for sharing (and the record .audit.json)
  out/report.html                the report

Options:
  --out DIR    the folder to write to (default: out)
  --n N        how many made-up responses (default: 600)
  --seed N     random seed; the same seed gives the same responses (default: 1)
`,
  },
  usage: {
    unknownCommand: (c) => `There is no command "${c}".`,
    seeHelp: (c) => `Run kizuki ${c === undefined ? '' : `${c} `}--help for help.`,
    badOption: (detail) => `Invalid options: ${detail}`,
    needArgs: (what) => `Please give ${what}.`,
    tooManyArgs: (extra) => `Unexpected arguments: ${extra}`,
    badLang: (v) => `--lang must be ja or en (got "${v}").`,
    badNumber: (name, v) => `--${name} must be a positive whole number (got "${v}").`,
    badChoice: (name, v, choices) => `--${name} must be one of ${choices} (got "${v}").`,
    unknownTemplate: (id) => `There is no built-in template "${id}". Run kizuki templates to list them.`,
    needTemplate: 'To check a responses file, name its template with --template.',
    unknownFileType: (f) =>
      `Cannot tell what "${f}" is. Templates end in .json, responses in .csv or .jsonl (FHIR responses: .json with --template).`,
    badBy: (id) => `--by "${id}" is not a single-choice question of this template.`,
  },
  io: {
    cannotRead: (f, detail) => `Cannot read ${f}: ${detail}`,
    cannotWrite: (f, detail) => `Cannot write ${f}: ${detail}`,
    wrote: (f) => `Wrote ${f}`,
  },
  progress: {
    reading: 'Reading',
    aggregating: 'Tallying',
    raking: 'Raking (cycles)',
    rows: 'Checking rows',
    rowsDone: (done, total) => `${done.toLocaleString('en-GB')} / ${total.toLocaleString('en-GB')} rows`,
    drawing: 'Drawing the sample',
    drawingFrom: (n) => `from a frame of ${n.toLocaleString('en-GB')}`,
  },
  lines: {
    at: (file, line, row) => `${file} line ${line}${row === undefined ? '' : ` (row ${row})`}`,
    templateValid: (id, version, title) => `✓ Template ${id} ${version} "${title}" is valid.`,
    templateSummary: (sections, questions, scores) =>
      `  ${sections} sections, ${questions} questions, ${scores} scores`,
    templateInvalid: (file, n) => `✗ ${file} has ${n} problem${n === 1 ? '' : 's'}:`,
    notice: 'note',
    problem: 'problem',
    fatal: (file) => `✗ ${file} could not be read:`,
    blank: (n) => `Skipped ${n} empty row${n === 1 ? '' : 's'}.`,
    summary: (rows, valid, rejected) => `Read ${rows} rows: ${valid} valid, ${rejected} with problems.`,
    allValid: (file, n) => `✓ ${file}: all ${n} responses are valid.`,
    moreProblems: (n) => `… and ${n} more rows with problems (run kizuki validate to see them all).`,
    excluded: 'Rows with problems are not included in the tally.',
    listHeader: ['id', 'version', 'title', 'audience'],
    internal: (detail) => `Unexpected error: ${detail}`,
    parallel: (jobs) => `Reading with ${jobs} threads.`,
    duplicateAcross:
      'The same respondent id appears in parts read by different threads; reading again in one thread.',
  },
  report: {
    done: (file, responses) => `Wrote the report: ${file} (${responses} responses)`,
    groups: (by) => `Groups: ${by}`,
  },
  anonymise: {
    done: (file, n, k) => `Wrote ${n} anonymised responses: ${file} (k = ${k})`,
    audit: (file) => `Record of what was done: ${file}`,
    smallest: (n) => `Smallest group sharing a combination of attributes: ${n}`,
    suppressed: (n) => `Values suppressed: ${n}`,
  },
  demo: {
    intro: (title, n, seed) => `Demo: "${title}" with about ${n} made-up responses (seed ${seed})`,
    steps: {
      template: 'Prepared the template',
      generated: (n) => `Made up ${n} responses`,
      validated: (valid, n) => `Checked them: ${valid} of ${n} valid`,
      anonymised: (k, smallest) => `Anonymised them: k = ${k} (smallest combination: ${smallest} people)`,
      aggregated: (by) => `Tallied them (groups: ${by})`,
    },
    figures: 'Key figures:',
    figure: (label, all, men, women) => `  ${label}: all ${all}, men ${men}, women ${women}`,
    atLeastOne: (share) => ` (at least one: ${share})`,
    files: 'Files written:',
    fileLabels: {
      questionnaire: 'paper questionnaire',
      responses: 'checked responses',
      anonymised: 'anonymised responses',
      audit: 'anonymisation record',
      report: 'report',
    },
    open: 'Open report.html in a browser to read the report; print questionnaire.html for the paper form.',
  },
};

/** Every text the command prints, in Japanese and English. */
export const cliText: Record<CliLang, Text> = { ja, en };

/** The texts of one language. */
export type CliText = Text;
