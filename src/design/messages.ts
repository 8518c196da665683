import type { Issue, MessageCatalog, MessageLocale, PathSegment } from '../core/issue.js';
import { createIssue } from '../core/issue.js';
import { DesignError } from './designError.js';

type P = Record<string, unknown>;
const s = (v: unknown): string => String(v);
/** A trimming bound as asked: null when that side has none. */
const bound = (v: unknown, none: string): string => (v === null || v === undefined ? none : String(v));

/** Messages of every issue code the design part reports. */
export const designMessages = {
  invalid_option: {
    ja: (p: P) => `オプションの値が正しくありません（${s(p.expectedJa)}）`,
    en: (p: P) => `Invalid option value (expected ${s(p.expectedEn)})`,
  },
  empty_frame: {
    ja: () => '抽出台帳（フレーム）に行がありません',
    en: () => 'The frame has no rows',
  },
  duplicate_id: {
    ja: (p: P) => `個人ID「${s(p.id)}」が台帳に重複しています（${s(p.first)}件目と${s(p.row)}件目）`,
    en: (p: P) =>
      `The person id "${s(p.id)}" appears twice in the frame (rows ${s(p.first)} and ${s(p.row)})`,
  },
  missing_value: {
    ja: (p: P) => `${s(p.row)}件目の「${s(p.field)}」が空です`,
    en: (p: P) => `Row ${s(p.row)} has no value for "${s(p.field)}"`,
  },
  sample_too_large: {
    ja: (p: P) => `標本の大きさ ${s(p.n)} が台帳の人数 ${s(p.size)} を超えています`,
    en: (p: P) => `The sample size ${s(p.n)} is larger than the frame (${s(p.size)})`,
  },
  stratum_too_small: {
    ja: (p: P) => `層「${s(p.stratum)}」の割当 ${s(p.n)} が層の人数 ${s(p.size)} を超えています`,
    en: (p: P) => `The allocation ${s(p.n)} for stratum "${s(p.stratum)}" exceeds its size ${s(p.size)}`,
  },
  minimum_too_large: {
    ja: (p: P) => `各層の最小数を満たすには ${s(p.needed)} 人必要ですが、標本は ${s(p.n)} 人です`,
    en: (p: P) => `The minimum per stratum needs ${s(p.needed)} people but the sample has ${s(p.n)}`,
  },
  missing_stratum_value: {
    ja: (p: P) => `層「${s(p.stratum)}」に${s(p.what)}が指定されていません`,
    en: (p: P) => `Stratum "${s(p.stratum)}" has no ${s(p.whatEn)}`,
  },
  unknown_stratum: {
    ja: (p: P) => `層「${s(p.stratum)}」は台帳にありません`,
    en: (p: P) => `Stratum "${s(p.stratum)}" is not in the frame`,
  },
  duplicate_code: {
    ja: (p: P) => `招待コード「${s(p.code)}」が重複しています（${s(p.first)}件目と${s(p.row)}件目）`,
    en: (p: P) => `The invitation code "${s(p.code)}" is used twice (rows ${s(p.first)} and ${s(p.row)})`,
  },
  unknown_disposition: {
    ja: (p: P) =>
      `${s(p.row)}件目の結果コード「${s(p.value)}」は不明です（AAPORコード 1.1, 2.11 など、または complete, refusal など）`,
    en: (p: P) =>
      `Row ${s(p.row)} has an unknown disposition code "${s(p.value)}" (use AAPOR codes such as 1.1, 2.11 or names such as complete, refusal)`,
  },
  invalid_count: {
    ja: (p: P) => `件数「${s(p.field)}」は0以上の整数でなければなりません（${s(p.value)}）`,
    en: (p: P) => `The count "${s(p.field)}" must be a non-negative integer (got ${s(p.value)})`,
  },
  invalid_weight: {
    ja: (p: P) => `${s(p.row)}件目のウェイトが正の有限数ではありません（${s(p.value)}）`,
    en: (p: P) => `Row ${s(p.row)} has a weight that is not a positive finite number (${s(p.value)})`,
  },
  missing_weight_column: {
    ja: (p: P) => `ウェイトの列「${s(p.field)}」がありません`,
    en: (p: P) => `There is no weight column "${s(p.field)}"`,
  },
  weights_length: {
    ja: (p: P) => `ウェイトの数 ${s(p.got)} が行数 ${s(p.expected)} と一致しません`,
    en: (p: P) => `There are ${s(p.got)} weights for ${s(p.expected)} rows`,
  },
  invalid_total: {
    ja: (p: P) => `母集団の値「${s(p.cell)}」が0以上の有限数ではありません（${s(p.value)}）`,
    en: (p: P) =>
      `The population figure for "${s(p.cell)}" is not a non-negative finite number (${s(p.value)})`,
  },
  margins_disagree: {
    ja: (p: P) =>
      `母集団の合計が周辺ごとに異なります（「${s(p.first)}」は ${s(p.firstTotal)}、「${s(p.other)}」は ${s(p.otherTotal)}）`,
    en: (p: P) =>
      `The margins have different population totals ("${s(p.first)}" sums to ${s(p.firstTotal)}, "${s(p.other)}" to ${s(p.otherTotal)})`,
  },
  category_not_in_margin: {
    ja: (p: P) =>
      `${s(p.row)}件目の「${s(p.margin)}」の値「${s(p.cell)}」が母集団の表にありません（表に加えるか、カテゴリを統合してください）`,
    en: (p: P) =>
      `Row ${s(p.row)} has "${s(p.cell)}" for "${s(p.margin)}", which the population table does not have (add it or collapse categories)`,
  },
  empty_cell: {
    ja: (p: P) =>
      `母集団の「${s(p.margin)}」=「${s(p.cell)}」に回答者が一人もいません（隣のカテゴリと統合してください）`,
    en: (p: P) =>
      `No respondent falls in "${s(p.margin)}" = "${s(p.cell)}" of the population table (collapse it with a neighbouring category)`,
  },
  zero_target: {
    ja: (p: P) => `「${s(p.margin)}」=「${s(p.cell)}」の母集団は0ですが、回答者が ${s(p.count)} 人います`,
    en: (p: P) =>
      `The population of "${s(p.margin)}" = "${s(p.cell)}" is 0 but ${s(p.count)} respondents fall in it`,
  },
  not_converged: {
    ja: (p: P) =>
      `${s(p.iterations)}回の反復で収束しませんでした（最大の残差: ${s(p.margin)}「${s(p.cell)}」で ${s(p.deviation)}）`,
    en: (p: P) =>
      `Did not converge in ${s(p.iterations)} iterations (largest remaining deviation: ${s(p.deviation)} at ${s(p.margin)} "${s(p.cell)}")`,
  },
  singular_calibration: {
    ja: () => '補助変数が一次従属のため較正できません（カテゴリを統合するか変数を減らしてください）',
    en: () =>
      'The auxiliary variables are linearly dependent, so calibration has no unique solution (collapse categories or drop a variable)',
  },
  empty_class: {
    ja: (p: P) => `調整の区分「${s(p.cell)}」に回答者がいません（隣の区分と統合してください）`,
    en: (p: P) =>
      `The weighting class "${s(p.cell)}" has no respondents (collapse it with a neighbouring class)`,
  },
  invalid_numeric: {
    ja: (p: P) => `${s(p.row)}件目の「${s(p.field)}」が有限の数値ではありません（${s(p.value)}）`,
    en: (p: P) =>
      `Row ${s(p.row)} has a value for "${s(p.field)}" that is not a finite number (${s(p.value)})`,
  },
  trim_not_reached: {
    ja: (p: P) =>
      `${s(p.rounds)}回の切り詰めと再較正の後も ${s(p.count)} 個のウェイトが指定の範囲の外にあります（指定 ${bound(p.lower, '下限なし')}〜${bound(p.upper, '上限なし')}、到達 ${s(p.reachedMin)}〜${s(p.reachedMax)}）。範囲を広げるか maxRounds を増やしてください`,
    en: (p: P) =>
      `${s(p.count)} weights are still outside the bounds asked for after ${s(p.rounds)} rounds of trimming and re-calibration (asked ${bound(p.lower, 'no lower bound')} to ${bound(p.upper, 'no upper bound')}, reached ${s(p.reachedMin)} to ${s(p.reachedMax)}); widen the bounds or raise maxRounds`,
  },
} as const satisfies MessageCatalog<string>;

/** Every issue code the design part reports. */
export type DesignIssueCode = keyof typeof designMessages;

/** Builds one design issue in `locale` (Japanese unless told otherwise). */
export function designIssue(
  code: DesignIssueCode,
  path: PathSegment[],
  locale: MessageLocale | undefined,
  params?: Record<string, unknown>,
): Issue {
  return createIssue(designMessages, code, path, locale ?? 'ja', params);
}

/** Throws a {@link DesignError} with one issue. */
export function fail(
  code: DesignIssueCode,
  path: PathSegment[],
  locale: MessageLocale | undefined,
  params?: Record<string, unknown>,
): never {
  throw new DesignError([designIssue(code, path, locale, params)]);
}

/** Throws when `issues` is not empty. */
export function throwIfAny(issues: Issue[]): void {
  if (issues.length > 0) throw new DesignError(issues);
}
