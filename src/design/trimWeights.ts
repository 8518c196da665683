import type { MessageLocale } from '../core/issue.js';
import { fail } from './messages.js';
import type { TrimBounds } from './weighting.js';
import { absoluteBounds } from './weighting.js';

/** Options of {@link trimWeights}. */
export interface TrimWeightsOptions extends TrimBounds {
  weights: readonly number[];
  /** Repeat until no weight is outside the bounds (redistribution can push weights out again), as R's `strict = TRUE`. */
  strict?: boolean;
  locale?: MessageLocale;
}

/** The result of {@link trimWeights}. */
export interface TrimmedWeights {
  weights: number[];
  /** The absolute bounds used. */
  lower: number;
  upper: number;
  /** Weights cut at a bound (in the first pass). */
  trimmed: number;
  /** Passes made (more than 1 only with `strict`). */
  passes: number;
}

/**
 * Trims weights to [lower, upper] the way R `survey::trimWeights()` does: weights outside are set
 * to the bound, and the amount cut (less the amount added at the lower bound) is shared equally
 * among the weights that were inside, so the total is kept. With `strict`, repeats until every
 * weight is inside. Bounds are absolute, or multiples of the median weight with
 * `relative: 'median'` (for example `upper: 3.5`). To trim and keep the weights on their
 * population margins, use the `trim` option of `rake`, `poststratify` or `calibrate` instead.
 *
 * @example
 * ```ts
 * trimWeights({ weights: [1, 2, 3, 10], upper: 5 }).weights; // [2.667, 3.667, 4.667, 5]: 5 cut, 5/3 added to each of the others
 * ```
 */
export function trimWeights(options: TrimWeightsOptions): TrimmedWeights {
  const w = Float64Array.from(options.weights);
  if (w.length === 0 || w.some((x) => !Number.isFinite(x))) {
    fail('invalid_option', ['weights'], options.locale, {
      expectedJa: '有限のウェイトの並び',
      expectedEn: 'a list of finite weights',
    });
  }
  const { lower, upper } = absoluteBounds(options, w, options.locale);
  let trimmed = -1;
  let passes = 0;
  for (;;) {
    let cut = 0;
    let inside = 0;
    let outside = 0;
    for (let i = 0; i < w.length; i++) {
      const x = w[i]!;
      if (x < lower || x > upper) {
        const bounded = Math.min(upper, Math.max(lower, x));
        cut += x - bounded;
        outside++;
      } else inside++;
    }
    if (trimmed < 0) trimmed = outside;
    if (outside === 0 || inside === 0) break;
    const share = cut / inside;
    for (let i = 0; i < w.length; i++) {
      const x = w[i]!;
      w[i] = x < lower || x > upper ? Math.min(upper, Math.max(lower, x)) : x + share;
    }
    passes++;
    if (!options.strict || passes >= 1000) break;
  }
  return { weights: Array.from(w), lower, upper, trimmed, passes };
}
