import type { MessageCatalog, MessageLocale, PathSegment } from '../core/issue.js';
import { createIssue } from '../core/issue.js';
import { ScoringError } from './scoringError.js';

type P = Record<string, unknown>;
const s = (v: unknown): string => String(v);
const list = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(', ') : String(v));

/** Messages of every issue code the scoring part reports. */
export const scoringMessages = {
  invalid_survey: {
    ja: (p: P) => `解析済みのアンケート（parseTemplate の結果）ではありません: ${s(p.detail)}`,
    en: (p: P) => `Not a parsed survey (the result of parseTemplate): ${s(p.detail)}`,
  },
  invalid_option: {
    ja: (p: P) => `オプションの値が正しくありません（${s(p.expectedJa)}）`,
    en: (p: P) => `Invalid option value (expected ${s(p.expectedEn)})`,
  },
  unknown_question: {
    ja: (p: P) => `「${s(p.id)}」という質問・項目はありません`,
    en: (p: P) => `No question or item "${s(p.id)}"`,
  },
  not_grouping_question: {
    ja: (p: P) => `「${s(p.id)}」は単一選択・リッカートの質問ではないため、グループ分けに使えません`,
    en: (p: P) => `"${s(p.id)}" is not a single-choice or Likert question, so it cannot define groups`,
  },
  duplicate_by: {
    ja: (p: P) => `グループ分けの質問「${s(p.id)}」が重複しています`,
    en: (p: P) => `The grouping question "${s(p.id)}" is listed twice`,
  },
  too_many_by: {
    ja: (p: P) => `グループ分けの質問は${s(p.limit)}つまでです`,
    en: (p: P) => `At most ${s(p.limit)} grouping questions`,
  },
  too_many_cells: {
    ja: (p: P) => `グループの組み合わせが多すぎます（${s(p.cells)}通り、上限 ${s(p.limit)}）`,
    en: (p: P) => `Too many combinations of groups (${s(p.cells)}, limit ${s(p.limit)})`,
  },
  not_set_item: {
    ja: (p: P) => `「${s(p.id)}」は尺度の項目または単一選択の質問ではないため、集合に入れられません`,
    en: (p: P) =>
      `"${s(p.id)}" is neither a scale item nor a single-choice question, so it cannot be in a set`,
  },
  set_needs_codes: {
    ja: (p: P) => `「${s(p.id)}」には肯定的な回答のコードがないため、集合に codes を指定してください`,
    en: (p: P) => `"${s(p.id)}" has no favourable codes: give the set its codes`,
  },
  duplicate_set: {
    ja: (p: P) => `集合のID「${s(p.id)}」が重複しています`,
    en: (p: P) => `The set id "${s(p.id)}" is used twice`,
  },
  survey_mismatch: {
    ja: (p: P) => `別のアンケートの集計です（期待: ${s(p.expected)}、実際: ${s(p.actual)}）`,
    en: (p: P) => `This aggregate belongs to another survey (expected ${s(p.expected)}, got ${s(p.actual)})`,
  },
  options_mismatch: {
    ja: (p: P) => `集計の設定（${s(p.option)}）が異なるため結合できません`,
    en: (p: P) => `The aggregates were built with different settings (${s(p.option)}) and cannot be merged`,
  },
  template_mismatch: {
    ja: (p: P) => `別のテンプレートの結果は比較できません（${s(p.before)} と ${s(p.after)}）`,
    en: (p: P) => `Results of different templates cannot be compared (${s(p.before)} and ${s(p.after)})`,
  },
  invalid_state: {
    ja: (p: P) => `保存された集計の形式が正しくありません（${s(p.expectedJa)}）`,
    en: (p: P) => `The saved aggregate is malformed (expected ${s(p.expectedEn)})`,
  },
  unknown_group: {
    ja: (p: P) => `グループ ${s(p.group)} は集計結果にありません（by に質問を加えてください）`,
    en: (p: P) => `The group ${s(p.group)} is not in the result (add its question to by)`,
  },
  unknown_rule: {
    ja: (p: P) => `合格基準「${s(p.id)}」はテンプレートにありません`,
    en: (p: P) => `The template has no pass rule "${s(p.id)}"`,
  },
  unsupported_column: {
    ja: (p: P) => `「${s(p.id)}」は列形式では渡せません（単一選択・リッカート・マトリクス項目・数値のみ）`,
    en: (p: P) => `"${s(p.id)}" cannot be given as a column (only single, Likert, matrix items and numbers)`,
  },
  column_length: {
    ja: (p: P) => `列の長さ（${s(p.length)}）が行数（${s(p.rows)}）より短いです`,
    en: (p: P) => `The column has ${s(p.length)} values, fewer than the ${s(p.rows)} rows`,
  },
  duplicate_respondent: {
    ja: (p: P) => `回答者ID「${s(p.id)}」が同じ回の中で重複しています`,
    en: (p: P) => `The respondent id "${s(p.id)}" occurs twice in the same wave`,
  },
  not_finite: {
    ja: () => '有限の数値を指定してください',
    en: () => 'Must be a finite number',
  },
  negative: {
    ja: () => '0以上の値を指定してください',
    en: () => 'Must not be negative',
  },
  not_integer: {
    ja: () => '人数は整数で指定してください',
    en: () => 'A count of people must be a whole number',
  },
  no_men: {
    ja: () => '男性の人数が0のため、男性の平均賃金を計算できません',
    en: () => 'There are no men, so the men’s average wage is undefined',
  },
  no_women: {
    ja: () => '女性の人数が0のため、女性の平均賃金を計算できません',
    en: () => 'There are no women, so the women’s average wage is undefined',
  },
  no_men_wages: {
    ja: () => '男性の賃金総額が0のため、比率を計算できません',
    en: () => 'The men’s total wages are zero, so the ratio is undefined',
  },
  no_managers: {
    ja: () => '管理職の人数が0のため、割合を計算できません',
    en: () => 'There are no managers, so the share is undefined',
  },
  exceeds_total: {
    ja: (p: P) => `${s(p.partJa)}（${s(p.part)}）が${s(p.totalJa)}（${s(p.total)}）を超えています`,
    en: (p: P) => `${s(p.partEn)} (${s(p.part)}) exceed ${s(p.totalEn)} (${s(p.total)})`,
  },
  no_newborn: {
    ja: () => '配偶者が出産した男性が0人のため、取得率を計算できません',
    en: () => 'No men had a spouse give birth, so the uptake rate is undefined',
  },
  invalid_formula: {
    ja: (p: P) => `計算式は次のいずれかにしてください: ${list(p.allowed)}`,
    en: (p: P) => `The formula must be one of: ${list(p.allowed)}`,
  },
  invalid_weight: {
    ja: (p: P) => `重みが正しくありません（${s(p.value)}）。正の有限の数値を指定してください`,
    en: (p: P) => `Invalid weight (${s(p.value)}): weights must be positive finite numbers`,
  },
  missing_design_value: {
    ja: (p: P) => `標本設計の変数「${s(p.id)}」の値がありません`,
    en: (p: P) => `The design variable "${s(p.id)}" has no value`,
  },
  conflicting_population_size: {
    ja: (p: P) =>
      `層「${s(p.stratum)}」の母集団の大きさが回答によって異なります（${s(p.first)} と ${s(p.second)}）`,
    en: (p: P) =>
      `The population size of stratum "${s(p.stratum)}" differs between responses (${s(p.first)} and ${s(p.second)})`,
  },
  missing_population_size: {
    ja: (p: P) => `層「${s(p.stratum)}」の母集団の大きさ（fpc）が指定されていません`,
    en: (p: P) => `No population size (fpc) is given for stratum "${s(p.stratum)}"`,
  },
  population_too_small: {
    ja: (p: P) =>
      `層「${s(p.stratum)}」の母集団の大きさ（${s(p.population)}）が回答者数（${s(p.sample)}）より小さいです`,
    en: (p: P) =>
      `Stratum "${s(p.stratum)}" has a population size (${s(p.population)}) below its ${s(p.sample)} respondents`,
  },
  lonely_psu: {
    ja: (p: P) =>
      `層「${s(p.stratum)}」の回答者が1人のため分散を推定できません（design.lonelyPsu に certainty・adjust・average のいずれかを指定するか、層をまとめてください）`,
    en: (p: P) =>
      `Stratum "${s(p.stratum)}" has a single respondent, so its variance cannot be estimated (set design.lonelyPsu to certainty, adjust or average, or collapse strata)`,
  },
  not_weighted: {
    ja: () => 'この集計は重み付きではありません（createAggregator に design を指定してください）',
    en: () => 'This aggregate is not weighted (give createAggregator a design)',
  },
  state_unreadable: {
    ja: (p: P) =>
      `${s(p.file)} は集計ファイルとして読めません（壊れているか、集計ファイルではありません）: ${s(p.detail)}`,
    en: (p: P) =>
      `${s(p.file)} cannot be read as a state file (damaged, or not a state file): ${s(p.detail)}`,
  },
  state_not_state: {
    ja: (p: P) =>
      `${s(p.file)} は kizuki の集計ファイルではありません（format が "kizuki-state" ではありません）`,
    en: (p: P) => `${s(p.file)} is not a kizuki state file (its format is not "kizuki-state")`,
  },
  state_version: {
    ja: (p: P) => `${s(p.file)} の集計ファイルの版 ${s(p.version)} には対応していません（対応: 1）`,
    en: (p: P) =>
      `${s(p.file)} is a state file of version ${s(p.version)}, which this kizuki does not read (it reads 1)`,
  },
  state_altered: {
    ja: (p: P) =>
      `${s(p.file)} は書き出した後に変更されたか壊れています（チェックサムが合いません）。元の集計ファイルを使ってください`,
    en: (p: P) =>
      `${s(p.file)} was changed or damaged after it was written (its checksum does not match). Use the original state file`,
  },
  state_other_template: {
    ja: (p: P) =>
      `${s(p.file)} はテンプレート「${s(p.actual)}」の集計ファイルで、「${s(p.expected)}」とは合算・比較できません`,
    en: (p: P) =>
      `${s(p.file)} is a state of template "${s(p.actual)}"; it cannot be merged with or compared to "${s(p.expected)}"`,
  },
  state_other_hash: {
    ja: (p: P) =>
      `${s(p.file)} はテンプレート「${s(p.id)}」の別の版またはカスタマイズで作られています（テンプレートの内容のハッシュが違います）。同じテンプレートで集計し直してください`,
    en: (p: P) =>
      `${s(p.file)} was made with another version or customisation of template "${s(p.id)}" (the hash of the template content differs). Tally it again with the same template`,
  },
  state_other_by: {
    ja: (p: P) =>
      `${s(p.file)} のグループ分けの質問（${s(p.actual) || 'なし'}）が ${s(p.first)} の（${s(p.expected) || 'なし'}）と違うため合算できません`,
    en: (p: P) =>
      `${s(p.file)} groups by (${s(p.actual) || 'none'}), ${s(p.first)} by (${s(p.expected) || 'none'}); they cannot be merged`,
  },
  state_other_min_group: {
    ja: (p: P) =>
      `${s(p.file)} の伏せる人数（${s(p.actual)}）が ${s(p.first)} の（${s(p.expected)}）と違うため合算できません`,
    en: (p: P) =>
      `${s(p.file)} hides groups below ${s(p.actual)}, ${s(p.first)} below ${s(p.expected)}; they cannot be merged`,
  },
  state_other_settings: {
    ja: (p: P) => `${s(p.file)} の集計の設定（${s(p.option)}）が ${s(p.first)} と違うため合算できません`,
    en: (p: P) =>
      `${s(p.file)} was tallied with other settings (${s(p.option)}) than ${s(p.first)}; they cannot be merged`,
  },
  state_duplicate_municipality: {
    ja: (p: P) =>
      `${s(p.file)} の自治体「${s(p.name)}」は ${s(p.first)} にも含まれています。同じ自治体を2回合算することはできません`,
    en: (p: P) =>
      `${s(p.file)} contains municipality "${s(p.name)}", which ${s(p.first)} contains too. A municipality cannot be merged twice`,
  },
  state_duplicate: {
    ja: (p: P) => `${s(p.file)} は ${s(p.first)} と同じ集計です（同じファイルを2回指定していませんか）`,
    en: (p: P) => `${s(p.file)} holds the same tally as ${s(p.first)} (was the same file given twice?)`,
  },
  state_bad_numbers: {
    ja: (p: P) => `${s(p.file)} の集計の数値に誤りがあります: ${s(p.detail)}`,
    en: (p: P) => `${s(p.file)} holds wrong numbers: ${s(p.detail)}`,
  },
  state_empty_merge: {
    ja: () => '合算する集計ファイルが1つもありません',
    en: () => 'There are no state files to merge',
  },
  missing_value: {
    ja: () => '値が必要です',
    en: () => 'A value is required',
  },
} as const satisfies MessageCatalog<string>;

/** An issue code of the scoring part. */
export type ScoringIssueCode = keyof typeof scoringMessages;

/** Throws a {@link ScoringError} with one issue. */
export function fail(
  code: ScoringIssueCode,
  path: PathSegment[],
  locale: MessageLocale,
  params?: Record<string, unknown>,
): never {
  throw new ScoringError([createIssue(scoringMessages, code, path, locale, params)]);
}
