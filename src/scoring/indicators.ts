import { createIssue, type Issue, type MessageLocale, type PathSegment } from '../core/issue.js';
import { type ScoringIssueCode, scoringMessages } from './messages.js';
import { IndicatorError } from './scoringError.js';

/** Options of the indicator functions. */
export interface IndicatorOptions {
  /** Language of error messages. Default `ja`. */
  locale?: MessageLocale;
}

/** Total annual wages and headcount of one sex, for {@link payGapIndicator}. */
export interface WageGroup {
  /** Total wages paid in the year (yen). */
  totalWages: number;
  /** Number of workers. */
  headcount: number;
}

/** Input of {@link menChildcareLeaveRate}. */
export interface ChildcareLeaveInput {
  /** Men whose spouse gave birth in the year. */
  menWithNewborn: number;
  /** Men who took childcare leave (育児休業等) in the year. */
  menTookLeave: number;
  /**
   * Formula B only: men who used leave for childcare purposes (育児目的休暇) and took no
   * childcare leave — each man is counted once.
   */
  menTookChildcarePurposeLeave?: number;
  /** A: childcare leave only. B: childcare leave plus childcare-purpose leave. */
  formula: 'A' | 'B';
}

/**
 * A number given to an indicator, as an exact fraction. Every finite double is a binary fraction,
 * so the indicators round the exact quotient of the numbers given, never a floating-point
 * approximation of it: 0.05 halves are rounded up exactly.
 */
function exact(x: number): { num: bigint; den: bigint } {
  let num = x;
  let den = 1n;
  // Doubling is exact for finite doubles; a non-integer below 2^53 needs at most 1,074 doublings.
  while (!Number.isInteger(num)) {
    num *= 2;
    den *= 2n;
  }
  return { num: BigInt(num), den };
}

/** ⌊num / den + 1/2⌋ for num ≥ 0, den > 0: rounding half up. */
function roundHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

class Checker {
  readonly issues: Issue[] = [];
  constructor(private readonly locale: MessageLocale) {}
  report(code: ScoringIssueCode, path: PathSegment[], params?: Record<string, unknown>): void {
    this.issues.push(createIssue(scoringMessages, code, path, this.locale, params));
  }
  /** A non-negative finite number (or whole number when `integer`), or undefined after reporting. */
  amount(value: unknown, path: PathSegment[], integer: boolean): number | undefined {
    if (value === undefined || value === null) this.report('missing_value', path);
    else if (typeof value !== 'number' || !Number.isFinite(value)) this.report('not_finite', path);
    else if (value < 0) this.report('negative', path);
    else if (integer && !Number.isSafeInteger(value)) this.report('not_integer', path);
    else return value;
    return undefined;
  }
  field(record: unknown, key: string, path: PathSegment[], integer: boolean): number | undefined {
    const ok = record !== null && typeof record === 'object' && Object.hasOwn(record, key);
    return this.amount(ok ? (record as Record<string, unknown>)[key] : undefined, [...path, key], integer);
  }
  throwIfAny(): void {
    if (this.issues.length > 0) throw new IndicatorError(this.issues);
  }
}

/**
 * The gender pay gap indicator of the Act on Promotion of Women's Participation (女性活躍推進法):
 * women's average annual wage ÷ men's × 100, rounded half up to one decimal. Computed exactly
 * (no intermediate rounding of the averages). Throws an {@link IndicatorError} for no men, no
 * women, negative or non-finite wages, non-integer headcounts, or zero wages for men.
 *
 * @example
 * ```ts
 * payGapIndicator({ men: { totalWages: 600_000_000, headcount: 100 }, women: { totalWages: 227_400_000, headcount: 50 } });
 * // 75.8
 * ```
 */
export function payGapIndicator(
  input: { men: WageGroup; women: WageGroup },
  options: IndicatorOptions = {},
): number {
  const check = new Checker(options.locale ?? 'ja');
  const men =
    input !== null && typeof input === 'object' && Object.hasOwn(input, 'men') ? input.men : undefined;
  const women =
    input !== null && typeof input === 'object' && Object.hasOwn(input, 'women') ? input.women : undefined;
  const menWages = check.field(men, 'totalWages', ['men'], false);
  const menCount = check.field(men, 'headcount', ['men'], true);
  const womenWages = check.field(women, 'totalWages', ['women'], false);
  const womenCount = check.field(women, 'headcount', ['women'], true);
  if (menCount === 0) check.report('no_men', ['men', 'headcount']);
  if (womenCount === 0) check.report('no_women', ['women', 'headcount']);
  if (menWages === 0 && menCount !== 0) check.report('no_men_wages', ['men', 'totalWages']);
  check.throwIfAny();
  // (Ww / Hw) / (Wm / Hm) × 100, to one decimal: ⌊1000·Ww·Hm / (Hw·Wm) + 1/2⌋ / 10.
  const ww = exact(womenWages!);
  const wm = exact(menWages!);
  const num = 1000n * ww.num * wm.den * BigInt(menCount!);
  const den = ww.den * wm.num * BigInt(womenCount!);
  return Number(roundHalfUp(num, den)) / 10;
}

/**
 * Women's share of managers (課長級以上, officers excluded): women managers ÷ all managers × 100,
 * rounded half up to one decimal. Throws an {@link IndicatorError} for non-integer or negative
 * counts, no managers, or more women managers than managers.
 *
 * @example
 * ```ts
 * womenManagerShare({ womenManagers: 7, allManagers: 40 }); // 17.5
 * ```
 */
export function womenManagerShare(
  input: { womenManagers: number; allManagers: number },
  options: IndicatorOptions = {},
): number {
  const check = new Checker(options.locale ?? 'ja');
  const women = check.field(input, 'womenManagers', [], true);
  const all = check.field(input, 'allManagers', [], true);
  if (all === 0) check.report('no_managers', ['allManagers']);
  if (women !== undefined && all !== undefined && women > all) {
    check.report('exceeds_total', ['womenManagers'], {
      part: women,
      total: all,
      partJa: '女性管理職の人数',
      totalJa: '管理職の人数',
      partEn: 'Women managers',
      totalEn: 'all managers',
    });
  }
  check.throwIfAny();
  return Number(roundHalfUp(1000n * BigInt(women!), BigInt(all!))) / 10;
}

/**
 * Men's childcare-leave uptake (育児・介護休業法): men who took childcare leave (formula A), or that
 * plus men who took childcare-purpose leave (formula B), ÷ men whose spouse gave birth in the year,
 * × 100, truncated to a whole percent. It can exceed 100, since leave taken this year may follow a
 * birth of an earlier year. Throws an {@link IndicatorError} for non-integer or negative counts,
 * no men with a newborn, or formula B without the childcare-purpose count.
 *
 * @example
 * ```ts
 * menChildcareLeaveRate({ menWithNewborn: 30, menTookLeave: 12, formula: 'A' }); // 40
 * menChildcareLeaveRate({ menWithNewborn: 30, menTookLeave: 12, menTookChildcarePurposeLeave: 5, formula: 'B' }); // 56
 * ```
 */
export function menChildcareLeaveRate(input: ChildcareLeaveInput, options: IndicatorOptions = {}): number {
  const check = new Checker(options.locale ?? 'ja');
  const formula =
    input !== null && typeof input === 'object' && Object.hasOwn(input, 'formula')
      ? input.formula
      : undefined;
  if (formula !== 'A' && formula !== 'B')
    check.report('invalid_formula', ['formula'], { allowed: ['A', 'B'] });
  const eligible = check.field(input, 'menWithNewborn', [], true);
  const leave = check.field(input, 'menTookLeave', [], true);
  let purpose = 0;
  if (formula === 'B') purpose = check.field(input, 'menTookChildcarePurposeLeave', [], true) ?? 0;
  if (eligible === 0) check.report('no_newborn', ['menWithNewborn']);
  check.throwIfAny();
  return Number((100n * (BigInt(leave!) + BigInt(purpose))) / BigInt(eligible!));
}
