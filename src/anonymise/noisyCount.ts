import type { MessageLocale } from '../core/issue.js';
import { checkInteger, checkOption, fail } from './anonymiseError.js';
import { exactFraction, sampleDiscreteLaplace } from './discreteLaplace.js';
import { type PrivacyBudget, validEpsilon } from './privacyBudget.js';
import { cryptoFill, RandomStream } from './randomStream.js';

/** Options of {@link noisyCount}. */
export interface NoisyCountOptions {
  /** The privacy loss of this release; smaller is more private and noisier. */
  epsilon: number;
  /** The budget to spend `epsilon` from. */
  budget: PrivacyBudget;
  /** Language of error messages (default `ja`). */
  locale?: MessageLocale;
}

/**
 * A count with ε-differential privacy: the count plus discrete Laplace noise, P(noise = x) ∝
 * exp(−ε|x|), drawn exactly from `crypto.getRandomValues` (no floating-point Laplace, whose
 * rounding leaks; Mironov 2012). A count changes by at most 1 when one person is added or removed,
 * so this is ε-differentially private. The noise has mean 0 and variance 2e^−ε / (1 − e^−ε)²
 * (about 1.84 at ε = 1). The result may be negative or exceed the true total; rounding it up to 0
 * afterwards is safe. Each call spends `epsilon` from the budget first, and throws when it cannot.
 *
 * @example
 * ```ts
 * const budget = createPrivacyBudget({ epsilon: 1 });
 * const women = noisyCount(37, { epsilon: 0.5, budget }); // e.g. 38
 * ```
 */
export function noisyCount(count: number, options: NoisyCountOptions): number {
  const { epsilon, budget, locale } = options ?? {};
  checkInteger(count, 'count', 0, locale);
  if (!validEpsilon(epsilon)) fail('invalid_epsilon', ['epsilon'], locale);
  checkOption(
    typeof budget === 'object' && budget !== null && typeof budget.spend === 'function',
    'budget',
    { en: 'a budget from createPrivacyBudget', ja: 'createPrivacyBudget で作った予算' },
    locale,
  );
  const random = new RandomStream(cryptoFill(locale));
  budget.spend(epsilon);
  return count + Number(sampleDiscreteLaplace(exactFraction(epsilon), random));
}
