import type { CliLang } from './cliText.js';

/** Texts of `kizuki report --previous`, in Japanese and English. */
const ja = {
  otherTemplate: (f: string, actual: string, expected: string) =>
    `${f} はテンプレート「${actual}」の回のもので、「${expected}」とは別のテンプレートです（版違いやカスタマイズでもありません）。比較できません。`,
  notResponses: (f: string, template: string, answered: number, items: number, rejected: number) =>
    `${f} は「${template}」の回答として読めません（回答のある質問・項目 ${answered}/${items}、問題のある行 ${rejected}）。別のテンプレートの回答ではありませんか。版が違うときは --previous-template でその回のテンプレートを指定してください。`,
  otherBy: (f: string, actual: string, expected: string) =>
    `${f} のグループ分けの質問（${actual || 'なし'}）が、今回の（${expected || 'なし'}）と違うため比較できません。同じ --by で集計し直してください。`,
  missingBy: (f: string, id: string) =>
    `${f} の回のテンプレートには、グループ分けの質問「${id}」がありません。比較できません。`,
  laterThanCurrent: (f: string, date: string, current: string, currentDate: string) =>
    `${f}（${date}ごろ）は今回の ${current}（${currentDate}ごろ）より後の調査です。--previous には前の回を、最後の引数には最新の回を指定してください。`,
  reordered: (files: string) => `注意: 前の回を、回答の日付の古い順に並べ替えました: ${files}`,
  noDate: (f: string) => `注意: ${f} には調査日の記録がないため、指定された順番のまま扱います。`,
  templateCount: (templates: number, previous: number) =>
    `--previous-template は --previous と同じ数だけ（${previous}個）指定してください（${templates}個が指定されました）。`,
  versions: (f: string, n: number) =>
    `注意: ${f} は別の版またはカスタマイズのテンプレートの回です。比べられない結果が ${n} 件あり、報告書に理由を載せています。`,
  demoWave: (label: string, n: number) =>
    `前年（${label}年）の調査 ${n}件を作成（男性で1つ目の文への同意が今年より多い、という変化を組み込み）`,
  demoFile: '前年の回答（CSV）',
  notWith: (option: string) =>
    `--previous は ${option} とはまだ一緒に使えません。前の回との比較は回答ファイルか集計ファイル（--state）から作ってください。`,
  weightsCount: (weights: number, previous: number) =>
    `--previous-weights は --previous と同じ数だけ（${previous}個、ウェイトの要らない回は「-」）指定してください（${weights}個が指定されました）。`,
  weightsWithout:
    '--previous-weights は、今回の回答にも --weights でウェイトを付けるときに使います。ウェイト付きの数字とウェイトなしの数字は比べません。',
  stateWeights: (f: string) =>
    `${f} は集計ファイルで、ウェイトは集計したときのものが入っています。--previous-weights ではこの回に「-」を指定してください。`,
  needWeights: (f: string) =>
    `今回の回答はウェイト付きで集計するので、前の回 ${f} にもウェイトが要ります。--previous-weights でその回のウェイトのファイル（または列名）を、--previous と同じ順に指定してください。`,
  unweightedState: (f: string) =>
    `${f} はウェイトなしで集計された集計ファイルです。今回はウェイト付きなので比べられません（ウェイト付きで集計し直すか、今回も --weights なしで作ってください）。`,
  weightedState: (f: string) =>
    `${f} はウェイト付きで集計された集計ファイルです。今回はウェイトなしなので比べられません（今回にも --weights を指定してください）。`,
  weightedPanel: (linked: number) =>
    `注意: 前の回と今回で同じ回答者 ${linked} 人を対応づけられますが、ウェイト付きの集計なので、対応のある検定ではなく独立した標本としてウェイト付きの数字を比較しました。回答が年をまたいで似ているほど、誤差の幅は実際より広めになります（docs/effect.ja.md）。`,
  badTrend: (id: string) => `--trend の「${id}」は、このテンプレートの質問・項目のIDではありません。`,
  paired: (pairs: number) => `同じ回答者（仮名ID）${pairs}組を対応づけて比較しました。`,
  mixed: (linked: number, before: number, after: number) =>
    `前の回（${before}人）と今回（${after}人）の両方に答えた人が ${linked} 人いるため、全員の回答を使い、同じ人の回答の相関を入れて比較しました（一部が重なる標本の方法。docs/effect.ja.md）。`,
};

const en: typeof ja = {
  otherTemplate: (f, actual, expected) =>
    `${f} is a wave of template "${actual}", not of "${expected}" (nor a version or customisation of it); it cannot be compared.`,
  notResponses: (f, template, answered, items, rejected) =>
    `${f} cannot be read as responses to "${template}" (${answered} of ${items} questions and items answered, ${rejected} rows with problems). Is it another template's file? If the wave used another version, give its template with --previous-template.`,
  otherBy: (f, actual, expected) =>
    `${f} is grouped by other questions (${actual || 'none'}) than this wave (${expected || 'none'}); it cannot be compared. Tally it again with the same --by.`,
  missingBy: (f, id) => `The template of ${f} has no grouping question "${id}"; it cannot be compared.`,
  laterThanCurrent: (f, date, current, currentDate) =>
    `${f} (around ${date}) was surveyed after this wave ${current} (around ${currentDate}). Give earlier waves with --previous and the latest wave as the last argument.`,
  reordered: (files) => `Note: the earlier waves were put in order of their response dates: ${files}`,
  noDate: (f) => `Note: ${f} records no survey date; it is kept in the order given.`,
  templateCount: (templates, previous) =>
    `Give --previous-template as many times as --previous (${previous}); it was given ${templates} times.`,
  versions: (f, n) =>
    `Note: ${f} was made with another version or customisation of the template; ${n} results cannot be compared, and the report says why.`,
  demoWave: (label, n) =>
    `made last year's (${label}) wave, ${n} responses (built-in change: more men agreed with the first statement then)`,
  demoFile: "last year's responses (CSV)",
  notWith: (option) =>
    `--previous cannot be combined with ${option} yet; compare waves from response files or state files (--state).`,
  weightsCount: (weights, previous) =>
    `Give --previous-weights as many times as --previous (${previous}; "-" for a wave that needs none); it was given ${weights} times.`,
  weightsWithout:
    '--previous-weights is for when this wave is weighted too (--weights); weighted figures are not compared with unweighted ones.',
  stateWeights: (f) =>
    `${f} is a state file and carries the weights it was tallied with; give "-" for it in --previous-weights.`,
  needWeights: (f) =>
    `This wave is weighted, so the earlier wave ${f} needs weights too: give its weights file (or column) with --previous-weights, in the same order as --previous.`,
  unweightedState: (f) =>
    `${f} is a state tallied without weights; this wave is weighted, so they cannot be compared (tally it again with weights, or leave out --weights this time too).`,
  weightedState: (f) =>
    `${f} is a state tallied with weights; this wave is unweighted, so they cannot be compared (give --weights for this wave too).`,
  weightedPanel: (linked) =>
    `Note: ${linked} respondents can be linked between the waves, but the figures are weighted, so the waves were compared as independent weighted samples rather than in pairs; the more answers resemble each other across years, the wider the intervals are than they need be (docs/effect.en.md).`,
  badTrend: (id) => `--trend "${id}" is not a question or item id of this template.`,
  paired: (pairs) => `${pairs} respondents were linked by pseudonym and compared in pairs.`,
  mixed: (linked, before, after) =>
    `${linked} people answered both the earlier wave (${before}) and this one (${after}): every response was used, with the correlation of the same people's answers (partially overlapping samples; docs/effect.en.md).`,
};

/** The `--previous` texts in the command's language. */
export const waveText: Record<CliLang, typeof ja> = { ja, en };
