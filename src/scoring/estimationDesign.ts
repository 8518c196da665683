import type { MessageLocale } from '../core/issue.js';
import type { CalibrationInfo } from '../design/weighting.js';
import { fail } from './messages.js';

/**
 * The part of a weighting's calibration (what `kizuki/design`'s `rake`, `poststratify` and
 * `calibrate` return as `calibration`) that the variance needs: the method and its margins.
 * `poststratify`: cells of the cross-classification of `variables` (R `postStratify`); `rake`:
 * iterative proportional fitting to each variable's margin (R `rake`); `linear` / `raking`:
 * calibration on the main-effects model `~ v1 + v2 + …` (R `calibrate(calfun = "linear" | "raking")`).
 * `variables` are single-choice or Likert question ids, e.g. `['sex', 'age_band']`.
 */
export type EstimationCalibration = Pick<CalibrationInfo, 'method' | 'variables'>;

/** What to do with a stratum of a single respondent when a variance is asked (R `survey.lonely.psu`). */
export type LonelyPsu = 'fail' | 'certainty' | 'adjust' | 'average';

/**
 * The sampling design behind weighted estimates (kept by scoring; `kizuki/design` may later share it).
 * Every respondent is a primary sampling unit drawn with replacement within its stratum (R
 * `svydesign(ids = ~1, strata, fpc, weights)`).
 */
export interface EstimationDesign {
  /** Answer key holding each respondent's stratum (a code, number or string). Default: one stratum. */
  strata?: string;
  /**
   * Finite population correction: an answer key holding the stratum's population size N_h on every
   * response, or the population size per stratum (keyed by the stratum value as text; `""` without strata).
   */
  fpc?: string | Record<string, number>;
  /** How the weights were calibrated, if they were. */
  calibration?: EstimationCalibration;
  /** Strata of one respondent: `fail` (default), `certainty`, `adjust` or `average`. */
  lonelyPsu?: LonelyPsu;
}

/**
 * The weight of one response: a number, or the final weight with the weight it had before
 * calibration (`baseWeight`, e.g. 1/π). R regresses on the calibration model with the base weights;
 * without them kizuki uses the final weights, which is the same for post-stratification and raking
 * and differs only slightly for `linear`/`raking` calibration (docs/analyse.en.md).
 */
export type ResponseWeight = number | { weight: number; baseWeight?: number };

const METHODS = ['poststratify', 'rake', 'linear', 'raking'];
const LONELY = ['fail', 'certainty', 'adjust', 'average'];

/** A checked copy of a design (plain JSON); throws a ScoringError naming the bad field. */
export function checkDesign(value: unknown, locale: MessageLocale): EstimationDesign {
  const bad = (path: (string | number)[], expectedJa: string, expectedEn: string): never =>
    fail('invalid_option', ['design', ...path], locale, { expectedJa, expectedEn });
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    bad([], 'オブジェクト', 'an object');
  const d = value as Record<string, unknown>;
  const get = (key: string): unknown => (Object.hasOwn(d, key) ? d[key] : undefined);
  const out: EstimationDesign = {};
  const strata = get('strata');
  if (strata !== undefined) {
    if (typeof strata !== 'string' || strata === '') bad(['strata'], '回答のキー', 'an answer key');
    out.strata = strata as string;
  }
  const fpc = get('fpc');
  if (fpc !== undefined) {
    if (typeof fpc === 'string' && fpc !== '') out.fpc = fpc;
    else if (fpc !== null && typeof fpc === 'object' && !Array.isArray(fpc)) {
      const entries = Object.entries(fpc as Record<string, unknown>);
      for (const [key, n] of entries) {
        if (typeof n !== 'number' || !(Number.isFinite(n) && n > 0))
          bad(['fpc', key], '正の数（母集団の大きさ）', 'a positive number (population size)');
      }
      // fromEntries defines own properties, so a stratum called "__proto__" stays a stratum.
      out.fpc = Object.fromEntries(entries) as Record<string, number>;
    } else
      bad(
        ['fpc'],
        '回答のキー、または層ごとの母集団の大きさ',
        'an answer key or population sizes by stratum',
      );
  }
  const calibration = get('calibration');
  if (calibration !== undefined) {
    const c = calibration as Record<string, unknown> | null;
    if (c === null || typeof c !== 'object' || Array.isArray(c))
      bad(['calibration'], '{ method, variables }', '{ method, variables }');
    const method = Object.hasOwn(c!, 'method') ? c!.method : undefined;
    if (typeof method !== 'string' || !METHODS.includes(method))
      bad(['calibration', 'method'], METHODS.join('・'), METHODS.join(', '));
    const variables = Object.hasOwn(c!, 'variables') ? c!.variables : undefined;
    if (
      !Array.isArray(variables) ||
      variables.length === 0 ||
      !variables.every((v) => typeof v === 'string') ||
      new Set(variables).size !== variables.length
    )
      bad(['calibration', 'variables'], '重複のない質問IDの配列', 'an array of distinct question ids');
    out.calibration = {
      method: method as CalibrationInfo['method'],
      variables: [...(variables as string[])],
    };
  }
  const lonely = get('lonelyPsu');
  if (lonely !== undefined) {
    if (typeof lonely !== 'string' || !LONELY.includes(lonely))
      bad(['lonelyPsu'], LONELY.join('・'), LONELY.join(', '));
    out.lonelyPsu = lonely as LonelyPsu;
  }
  return out;
}

/** Reads a response weight into `out` ([weight, base weight]); throws a ScoringError for a bad one. */
export function readWeight(
  value: ResponseWeight | undefined,
  out: Float64Array,
  path: (string | number)[],
  locale: MessageLocale,
): void {
  let w: unknown = value;
  let w0: unknown;
  if (value !== null && typeof value === 'object') {
    w = Object.hasOwn(value, 'weight') ? value.weight : undefined;
    w0 = Object.hasOwn(value, 'baseWeight') ? value.baseWeight : undefined;
  }
  if (typeof w !== 'number' || !(w > 0 && w < Infinity))
    fail('invalid_weight', path, locale, { value: String(w) });
  if (w0 !== undefined && (typeof w0 !== 'number' || !(w0 > 0 && w0 < Infinity)))
    fail('invalid_weight', [...path, 'baseWeight'], locale, { value: String(w0) });
  out[0] = w as number;
  out[1] = (w0 as number | undefined) ?? (w as number);
}
