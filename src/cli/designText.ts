import { formatFixed } from '../report/formatFixed.js';
import type { CliLang } from './cliText.js';

/** A trimming bound for display: an open side shows as nothing. */
const bound = (v: number) => (Number.isFinite(v) ? formatFixed(v, 3) : '');

/** Texts of the survey design commands (sample, rates, weights), in Japanese and English. */
const ja = {
  sampleHelp: `使い方: kizuki sample FRAME.csv --size N --out DIR [--strata 地区,性別] [--allocation proportional|equal|neyman|fixed]
         [--fixed 北=100,南=80] [--sd 列|FILE.csv] [--encoding auto|utf-8|shift_jis] [--min N] [--method stratified|systematic] [--sort 年齢,住所] [--seed S]
         [--contact 氏名,住所] [--id 個人ID] [--lang ja|en]

住民基本台帳などから抜き出した名簿（CSV、UTF-8）から標本を抽出し、DIR に次のファイルを書き出します。
  sample.csv        分析用の標本（招待コード、層、抽出確率 π、基本ウェイト。連絡先の列は含みません）
  mailing-list.csv  案内状の印刷用（招待コードと連絡先の列だけ）。分析用ファイルとは別に保管してください
  invitations.csv   招待コードと層（kizuki serve --invitations で読み込めます）
  design.json       抽出の記録（シード、方法、層ごとの割当）

オプション:
  --size N          標本の大きさ（--allocation fixed のときは不要）
  --out DIR         書き出すフォルダ（必須）
  --id 列           個人IDの列（既定: id）。重複があれば抽出しません
  --strata 列,列    層に使う列（省略時は層なし）
  --allocation A    層への割当: proportional（比例、既定）、equal（均等）、neyman（ネイマン。--sd が必要）、fixed（--fixed で指定）
  --fixed 層=N,…    fixed のときの層ごとの人数
  --sd 列|FILE      neyman のときの層ごとの標準偏差: 台帳の数値の列（層ごとに計算）、または stratum,sd の CSV
  --encoding ENC    CSVの文字コード: auto（既定。UTF-8 か Shift_JIS かを自動判定）、utf-8、shift_jis
  --min N           各層の最小人数（層の人数より少なければ層全員）
  --method M        層の中の選び方: stratified（単純無作為、既定）、systematic（--sort の順に系統抽出）
  --sort 列,列      系統抽出の並べ順
  --seed S          乱数のシード（同じシード・名簿・指定なら同じ標本。招待コードはシードと無関係に毎回新しく作ります）
  --contact 列,列   氏名・住所など連絡先の列（mailing-list.csv にだけ書きます）
`,
  ratesHelp: `使い方: kizuki rates DISPOSITIONS.csv | --data DIR | --database URL [--by 層,地区] [--e 0.8] [--json] [--encoding ENC] [--lang ja|en]

調査の結果コード（disposition 列。AAPOR のコード 1.1, 2.11 など、または complete, refusal などの名前）から、
AAPOR の回収率 RR1〜RR6、協力率 COOP1〜4、拒否率 REF1〜3、接触率 CON1〜3 を全体とグループごとに計算します。

オプション:
  --by 列,列   グループ分けに使う列（列ごとに別の表を作ります）
  --e 数       対象かどうか不明な件のうち対象とみなす割合（RR3, RR4, REF2, CON2 に使用）。省略時は比例法で推定
  --json       表の代わりに JSON で出力する
  --data DIR / --database URL
               CSV の代わりに kizuki serve の保存先から、層ごとの現在の回収率を出す（--survey KEY で調査を選ぶ）
  --encoding ENC  CSVの文字コード: auto（既定）、utf-8、shift_jis
`,
  weightsHelp: `使い方: kizuki weights RESPONSES.csv --margins POPULATION.csv --out FILE [--method rake|poststratify|linear]
         [--weight-column 列] [--trim 下限,上限] [--responded 列 --classes 列,列] [--encoding ENC] [--lang ja|en]

回答（CSV）に、母集団の人数（性別・年代別の人口など）に合わせたウェイトを付けます。POPULATION.csv は
variable,category,count の3列で、variable は回答の列名、category はその値、count は母集団の人数です
（性別×年代のような組み合わせは variable を sex:age_band、category を 1:3 のように「:」で区切ります）。
結果は回答の全列に weight 列を加えて FILE に書き出し、ウェイトの診断（最小・最大、Kish の有効標本数、
デザイン効果）を表示します。

オプション:
  --margins FILE    母集団の人数の CSV（必須）
  --out FILE        書き出す CSV（必須）
  --method M        rake（レイキング、既定）、poststratify（事後層化。変数は1つ）、linear（線形キャリブレーション）
  --weight-column 列  元のウェイト（kizuki sample の weight など）。省略時はすべて 1
  --trim 下限,上限  ウェイトの切り詰め（例 0.3,3.5）。中央値の倍数なら 0.3x,3.5x。切り詰め後に再較正します
  --responded 列    回答したかどうかの列（1/true/yes が回答）。標本全員の CSV を渡すと、まず --classes の区分ごとに
                    無回答の調整をしてから母集団に合わせます（--margins を省けば調整だけ）。書き出すのは回答者の行だけです
  --classes 列,列   無回答の調整の区分（例 stratum,sex）
  --encoding ENC    CSVの文字コード: auto（既定）、utf-8、shift_jis
`,
  badCsv: (file: string, line: number, detail: string) =>
    `${file} の ${line} 行目を CSV として読めません: ${detail}`,
  missingColumns: (file: string, columns: string) => `${file} に列がありません: ${columns}`,
  repeatedColumn: (file: string, column: string) => `${file} の見出しに列「${column}」が2回あります。`,
  cellCount: (file: string, line: number, cells: number, fields: number) =>
    `${file} の ${line} 行目（見出しを1行目として）のセルは ${cells} 個で、見出しの ${fields} 列と合いません。`,
  needSize: '--size で標本の大きさを指定してください（--allocation fixed のときは --fixed で層ごとの人数）。',
  badFixed: (part: string) =>
    `--fixed は 層=人数 をカンマで区切って指定してください（「${part}」が読めません）。`,
  badE: (value: string) => `--e は 0 以上 1 以下の数にしてください（「${value}」が指定されました）。`,
  sampleDone: (dir: string, n: number, frame: number) =>
    `台帳 ${frame} 人から ${n} 人を抽出し、${dir} に書き出しました（sample.csv, mailing-list.csv, invitations.csv, design.json）。`,
  stratumLine: (stratum: string, n: number, size: number) => `  ${stratum}: ${n} 人 / ${size} 人`,
  keepApart: 'mailing-list.csv には連絡先が入っています。分析用のファイルとは別の場所に保管してください。',
  overall: '全体',
  cases: '件数',
  rate: '指標',
  groupHeading: (by: string) => `グループ別（${by}）`,
  needMargins: '--margins で母集団の人数の CSV（variable,category,count）を指定してください。',
  poststratifyOne: (n: number) =>
    `--method poststratify には変数1つの人数表を指定してください（${n} 個の変数があります。複数なら rake か linear を使ってください）。`,
  badCount: (file: string, line: number, value: string) =>
    `${file} の ${line} 行目（見出しを1行目として）の count「${value}」は 0 以上の数ではありません。`,
  duplicateCategory: (file: string, line: number, variable: string, category: string) =>
    `${file} の ${line} 行目（見出しを1行目として）: 「${variable}」の「${category}」が2回あります。`,
  badCrossCategory: (file: string, line: number, variable: string, category: string) =>
    `${file} の ${line} 行目（見出しを1行目として）: 「${variable}」の category「${category}」は変数ごとの値を「:」で区切ってください（例 1:3）。`,
  utf16: (file: string) => `${file} は UTF-16 です。UTF-8 か Shift_JIS で保存し直してください。`,
  at: (file: string, line: number, row: number) => `${file} ${line}行目（${row}件目）`,
  reportNeedsResponses:
    '--weights・--dispositions・--margins は回答ファイルを読むときに使えます（--state とは一緒に使えません）。',
  designNeedsWeights: '--design・--strata・--lonely-psu は --weights と一緒に使ってください。',
  designBad: (file: string, detail: string) =>
    `${file} は kizuki sample が書く design.json ではありません（${detail}）。`,
  designStrataNotQuestion: (id: string) =>
    `層「${id}」はテンプレートの単一選択の質問ではありません。--strata で層を表す質問を指定してください。`,
  designStratumUnknown: (file: string, stratum: string, question: string) =>
    `${file} の層「${stratum}」は質問「${question}」の選択肢（コードまたはラベル）にありません。`,
  lonelyStratum: (stratum: string, code: string, question: string | undefined) =>
    `${question === undefined ? '全体' : `層「${stratum}」（質問「${question}」のコード ${code}）`}の回答者が1人のため、分散（標準誤差・信頼区間）を推定できません。` +
    '--lonely-psu certainty（その層を分散に加えない）・adjust・average のいずれかを指定するか、層をまとめてください。',
  weightColumnNeedsCsv: (column: string) =>
    `--weights「${column}」はファイルではないので回答の列とみなしますが、列から読めるのは CSV の回答だけです。`,
  marginNotQuestion: (file: string, variables: string) =>
    `${file} の変数 ${variables} はテンプレートの単一選択の質問ではないため、分散の計算に使えません（--weight-method none を指定すれば、ウェイトだけを使います）。`,
  weightNoId: (file: string, line: number) =>
    `${file} の ${line} 行目（見出しを1行目として）に respondentId がありません。ウェイトは回答者IDで回答と結び付けます。`,
  badWeight: (file: string, line: number, column: string, value: string) =>
    `${file} の ${line} 行目（見出しを1行目として）の ${column}「${value}」は正の有限の数ではありません（0・負・空・数でない値は使えません）。`,
  weightTwice: (file: string, first: number, line: number, id: string) =>
    `${file} の回答者ID「${id}」が2回あります（${first} 行目と ${line} 行目）。`,
  noWeightFor: (file: string, id: string, from: string) =>
    `${file} の回答者ID「${id}」のウェイトが ${from} にありません。`,
  unusedWeights: (from: string, n: number) =>
    `! ${from} のウェイトのうち ${n} 件は、集計した回答（問題のある行を除く）に対応する回答者がいません。`,
  notACode: (where: string, variable: string, value: string) =>
    `${where}: 「${variable}」の値「${value}」はテンプレートの選択肢のコードではありません。`,
  needClasses:
    '--responded を使うときは --classes で調整の区分にする列を指定してください（例 --classes stratum,sex）。',
  adjusted: (respondents: number, sampled: number, classes: number) =>
    `無回答の調整: ${sampled} 人中 ${respondents} 人の回答者に、${classes} 区分ごとに無回答者のウェイトを移しました。`,
  trimmed: (count: number, lower: number, upper: number, rounds: number) =>
    `切り詰め: ${count} 個のウェイトを ${bound(lower)}〜${bound(upper)} に収め、${rounds} 回再較正しました。`,
  badTrim: (value: string) =>
    `--trim は 下限,上限 で指定してください（例 0.3,3.5。中央値の倍数なら 0.3x,3.5x、片方だけなら ,5x）。「${value}」は読めません。`,
  needSd:
    '--allocation neyman には --sd で層ごとの標準偏差（stratum,sd の CSV、または台帳の数値の列）を指定してください。',
  badSd: (file: string, line: number, value: string) =>
    `${file} の ${line} 行目（見出しを1行目として）の sd「${value}」は 0 以上の数ではありません。`,
  badSdValue: (file: string, line: number, column: string, value: string) =>
    `${file} の ${line} 行目（見出しを1行目として）の「${column}」の値「${value}」は数ではありません（Neyman 割当の標準偏差に使います）。`,
  responseRefused: (file: string, id: string, detail: string) =>
    `${file} の回答者ID「${id}」の回答を重み付きで集計できません: ${detail}`,
  demoFrame: (n: number) => `住民台帳（架空）: ${n} 人（地区・性別・年代）`,
  demoSample: (n: number, seed: number) =>
    `標本: 地区で層化し比例割当で ${n} 人を抽出しました（乱数の種 ${seed}）`,
  demoRates: (respondents: number, rr1: string, strata: string) =>
    `回収: ${respondents} 人が回答（AAPOR RR1 ${rr1}）。地区別 RR1: ${strata}`,
  demoWho: (young: string, old: string) =>
    `回答の偏り: 10〜20代の男性は ${young}、60代以上の女性は ${old} が回答（若い男性ほど答えていません）`,
  demoRaked: (iterations: number, deff: string, neff: string) =>
    `レイキング: 性別・年代・地区の人口に合わせました（${iterations} 回の反復、デザイン効果 ${deff}、有効標本数 ${neff}）`,
  demoEffect: (label: string, unweighted: string, weighted: string) =>
    `重み付けの影響: 「${label}」は重みなし ${unweighted} → 重み付き ${weighted}`,
  demoWeighted: '（以下の数値は重み付き）',
  demoFileLabels: {
    dispositions: '調査の結果コード（回収率用）',
    population: '母集団の人数',
    weights: '回答者ごとのウェイト',
  },
  demoAgain: (command: string) => `同じ報告書をコマンドで作るには: ${command}`,
  noMargins: (file: string) => `${file} に母集団の人数の行がありません。`,
  weightsDone: (file: string, n: number) => `${n} 件の回答にウェイトを付けて ${file} に書き出しました。`,
  before: '調整前',
  after: '調整後',
  diagN: '件数',
  diagSum: '合計',
  diagMin: '最小',
  diagMax: '最大',
  diagNEff: '有効標本数（Kish）',
  diagDeff: 'デザイン効果',
};

type Text = typeof ja;

const en: Text = {
  sampleHelp: `Usage: kizuki sample FRAME.csv --size N --out DIR [--strata district,sex] [--allocation proportional|equal|neyman|fixed]
         [--fixed north=100,south=80] [--sd COL|FILE.csv] [--encoding auto|utf-8|shift_jis] [--min N] [--method stratified|systematic] [--sort age,address] [--seed S]
         [--contact name,address] [--id person_id] [--lang ja|en]

Draws a sample from a register extract (CSV, UTF-8) and writes to DIR:
  sample.csv        the analysis sample (invitation code, stratum, probability pi, base weight; no contact columns)
  mailing-list.csv  for printing the letters (invitation code and contact columns only); keep it apart
  invitations.csv   invitation codes and strata (read by kizuki serve --invitations)
  design.json       the record of the draw (seed, method, allocation per stratum)

Options:
  --size N          the sample size (not needed with --allocation fixed)
  --out DIR         the folder to write (required)
  --id COL          the person id column (default: id); duplicates stop the draw
  --strata COL,COL  columns defining strata (none: one stratum)
  --allocation A    proportional (default), equal, neyman (needs --sd), or fixed (sizes from --fixed)
  --fixed S=N,…     the size of each stratum for fixed allocation
  --sd COL|FILE     Neyman's stratum standard deviations: a numeric frame column (computed per stratum) or a stratum,sd CSV
  --encoding ENC    CSV encoding: auto (default; tells UTF-8 from Shift_JIS), utf-8, shift_jis
  --min N           at least this many per stratum (or the whole stratum)
  --method M        within strata: stratified (simple random, default) or systematic (in --sort order)
  --sort COL,COL    the order for systematic sampling
  --seed S          the seed (same seed, frame and options: same sample; invitation codes are new every time)
  --contact COL,COL columns that reach a person (name, address): written to mailing-list.csv only
`,
  ratesHelp: `Usage: kizuki rates DISPOSITIONS.csv | --data DIR | --database URL [--by stratum,district] [--e 0.8] [--json] [--encoding ENC] [--lang ja|en]

From a disposition column (AAPOR codes such as 1.1, 2.11 or names such as complete, refusal),
computes the AAPOR response rates RR1–RR6, cooperation rates COOP1–4, refusal rates REF1–3 and
contact rates CON1–3, overall and per group.

Options:
  --by COL,COL  columns to group by (one table per column)
  --e NUMBER    the eligible share of unknown cases (used by RR3, RR4, REF2, CON2); default: the proportional estimate
  --json        print JSON instead of tables
  --data DIR / --database URL
                instead of a CSV, the live rates by stratum from kizuki serve's store (--survey KEY chooses the survey)
  --encoding ENC  CSV encoding: auto (default), utf-8, shift_jis
`,
  weightsHelp: `Usage: kizuki weights RESPONSES.csv --margins POPULATION.csv --out FILE [--method rake|poststratify|linear]
         [--weight-column COL] [--trim LOWER,UPPER] [--responded COL --classes COL,COL] [--encoding ENC] [--lang ja|en]

Weights responses (CSV) to known population counts (population by sex and age band, say).
POPULATION.csv has three columns variable,category,count: a column of the responses, one of its
values, and the population count (a cross such as sex × age band: variable sex:age_band, category 1:3). Writes the responses with a weight column to FILE and prints
the diagnostics of the weights (min, max, Kish's effective sample size, design effect).

Options:
  --margins FILE         the population counts (required)
  --out FILE             the CSV to write (required)
  --method M             rake (default), poststratify (one variable) or linear (linear calibration)
  --weight-column COL    the input weights (such as the weight of kizuki sample); default all 1
  --trim LOWER,UPPER     bounds for the weights (such as 0.3,3.5; multiples of the median as 0.3x,3.5x), then re-calibration
  --responded COL        whether each sampled person responded (1/true/yes). Given the whole sample, first adjusts for
                         nonresponse within --classes, then weights to the margins (without --margins: the adjustment only).
                         Writes the respondents' rows only
  --classes COL,COL      the weighting classes of the nonresponse adjustment (such as stratum,sex)
  --encoding ENC         CSV encoding: auto (default), utf-8, shift_jis
`,
  badCsv: (file, line, detail) => `Line ${line} of ${file} cannot be read as CSV: ${detail}`,
  missingColumns: (file, columns) => `${file} has no column: ${columns}`,
  repeatedColumn: (file, column) => `The header of ${file} has column "${column}" twice.`,
  cellCount: (file, line, cells, fields) =>
    `Line ${line} of ${file} (the header being line 1) has ${cells} cells; the header has ${fields} columns.`,
  needSize: 'Give the sample size with --size (or, with --allocation fixed, the stratum sizes with --fixed).',
  badFixed: (part) => `--fixed takes stratum=size pairs separated by commas (cannot read "${part}").`,
  badE: (value) => `--e must be a number from 0 to 1 (got "${value}").`,
  sampleDone: (dir, n, frame) =>
    `Drew ${n} of ${frame} people and wrote ${dir} (sample.csv, mailing-list.csv, invitations.csv, design.json).`,
  stratumLine: (stratum, n, size) => `  ${stratum}: ${n} of ${size}`,
  keepApart: 'mailing-list.csv holds contact details. Keep it apart from the analysis files.',
  overall: 'Overall',
  cases: 'cases',
  rate: 'rate',
  groupHeading: (by) => `By ${by}`,
  needMargins: 'Give the population counts (variable,category,count) with --margins.',
  poststratifyOne: (n) =>
    `--method poststratify needs counts of one variable (there are ${n}; use rake or linear for several).`,
  badCount: (file, line, value) =>
    `Line ${line} of ${file} (the header being line 1): the count "${value}" is not a number of 0 or more.`,
  duplicateCategory: (file, line, variable, category) =>
    `Line ${line} of ${file} (the header being line 1): category "${category}" of "${variable}" appears twice.`,
  badCrossCategory: (file, line, variable, category) =>
    `Line ${line} of ${file} (the header being line 1): category "${category}" of "${variable}" needs one value per variable separated by ":" (such as 1:3).`,
  utf16: (file) => `${file} is UTF-16. Save it again as UTF-8 or Shift_JIS.`,
  at: (file, line, row) => `${file} line ${line} (row ${row})`,
  reportNeedsResponses:
    '--weights, --dispositions and --margins work when reading responses (not with --state).',
  designNeedsWeights: '--design, --strata and --lonely-psu go with --weights.',
  designBad: (file, detail) => `${file} is no design.json as kizuki sample writes it (${detail}).`,
  designStrataNotQuestion: (id) =>
    `The stratum "${id}" is no single-choice question of the template; name the question holding the stratum with --strata.`,
  designStratumUnknown: (file, stratum, question) =>
    `Stratum "${stratum}" of ${file} is none of the options (code or label) of question "${question}".`,
  lonelyStratum: (stratum, code, question) =>
    `${question === undefined ? 'The sample' : `Stratum "${stratum}" (code ${code} of question "${question}")`} has a single respondent, so its variance (standard errors, intervals) cannot be estimated. ` +
    'Give --lonely-psu certainty (the stratum adds nothing to the variance), adjust or average, or collapse strata.',
  weightColumnNeedsCsv: (column) =>
    `--weights "${column}" is no file, so it is taken as a column of the responses; columns can be read from CSV responses only.`,
  marginNotQuestion: (file, variables) =>
    `The variables ${variables} of ${file} are no single-choice questions of the template, so the variance cannot use them (--weight-method none uses the weights alone).`,
  weightNoId: (file, line) =>
    `Line ${line} of ${file} (the header being line 1) has no respondentId; weights are joined to responses by respondent id.`,
  badWeight: (file, line, column, value) =>
    `Line ${line} of ${file} (the header being line 1): ${column} "${value}" is not a positive finite number (zero, negative, empty and non-numbers cannot be used).`,
  weightTwice: (file, first, line, id) =>
    `Respondent id "${id}" appears twice in ${file} (lines ${first} and ${line}).`,
  noWeightFor: (file, id, from) => `${from} has no weight for respondent id "${id}" of ${file}.`,
  unusedWeights: (from, n) =>
    `! ${n} weights of ${from} belong to no response that was tallied (rows with problems are left out).`,
  notACode: (where, variable, value) =>
    `${where}: "${value}" is not an option code of "${variable}" in the template.`,
  needClasses:
    'With --responded, give the columns of the weighting classes with --classes (such as --classes stratum,sex).',
  adjusted: (respondents, sampled, classes) =>
    `Nonresponse adjustment: the ${respondents} respondents of ${sampled} sampled now carry the weight of the nonrespondents in each of ${classes} classes.`,
  trimmed: (count, lower, upper, rounds) =>
    `Trimming: ${count} weights brought within ${bound(lower)}–${bound(upper)}, ${rounds} rounds of re-calibration.`,
  badTrim: (value) =>
    `--trim takes lower,upper (such as 0.3,3.5; multiples of the median as 0.3x,3.5x; one bound as ,5x). Cannot read "${value}".`,
  needSd:
    '--allocation neyman needs the stratum standard deviations with --sd (a stratum,sd CSV or a numeric column of the frame).',
  badSd: (file, line, value) =>
    `Line ${line} of ${file} (the header being line 1): sd "${value}" is not a number of 0 or more.`,
  badSdValue: (file, line, column, value) =>
    `Line ${line} of ${file} (the header being line 1): "${value}" in "${column}" is not a number (used for the Neyman standard deviations).`,
  responseRefused: (file, id, detail) =>
    `The response of respondent id "${id}" in ${file} cannot be weighted: ${detail}`,
  demoFrame: (n) => `Resident register (made up): ${n} people (area, sex, age band)`,
  demoSample: (n, seed) =>
    `Sample: ${n} people drawn, stratified by area with proportional allocation (seed ${seed})`,
  demoRates: (respondents, rr1, strata) =>
    `Fieldwork: ${respondents} answered (AAPOR RR1 ${rr1}). RR1 by area: ${strata}`,
  demoWho: (young, old) =>
    `Who answered: ${young} of men in their teens and twenties, ${old} of women aged 60 and over (young men answer least)`,
  demoRaked: (iterations, deff, neff) =>
    `Raking: weighted to the register's sex, age band and area (${iterations} iterations, design effect ${deff}, effective n ${neff})`,
  demoEffect: (label, unweighted, weighted) =>
    `What weighting changes: "${label}" unweighted ${unweighted} → weighted ${weighted}`,
  demoWeighted: '(weighted figures below)',
  demoFileLabels: {
    dispositions: 'dispositions (for response rates)',
    population: 'population counts',
    weights: 'weight of each respondent',
  },
  demoAgain: (command) => `To make the same report with the commands: ${command}`,
  noMargins: (file) => `${file} has no population counts.`,
  weightsDone: (file, n) => `Weighted ${n} responses and wrote ${file}.`,
  before: 'before',
  after: 'after',
  diagN: 'n',
  diagSum: 'sum',
  diagMin: 'min',
  diagMax: 'max',
  diagNEff: 'effective n (Kish)',
  diagDeff: 'design effect',
};

/** The design commands' texts by language. */
export const designText: Record<CliLang, Text> = { ja, en };
