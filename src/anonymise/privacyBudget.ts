import type { MessageLocale } from '../core/issue.js';
import { fail } from './anonymiseError.js';

/** A total ε that noisy releases draw from; it refuses to be overspent. */
export interface PrivacyBudget {
  /** The ε the budget started with. */
  readonly total: number;
  /** The ε spent so far. */
  readonly spent: number;
  /** The ε left. */
  readonly remaining: number;
  /** Records spending `epsilon`; throws an `AnonymiseError` (`budget_exceeded`) and spends nothing if too little is left. */
  spend(epsilon: number): void;
}

/** Whether ε is usable: a positive finite number. */
export function validEpsilon(epsilon: unknown): epsilon is number {
  return typeof epsilon === 'number' && Number.isFinite(epsilon) && epsilon > 0;
}

/**
 * A differential-privacy budget: the total ε (privacy loss) allowed for every noisy figure
 * released from one data set. Under sequential composition the ε of releases add up, so each
 * release spends from the budget, and a release that would overspend it is refused.
 * Sums are compared with a relative tolerance of 1e-12, so that ten spends of 0.1 fit a budget of 1.
 *
 * @example
 * ```ts
 * const budget = createPrivacyBudget({ epsilon: 1 });
 * noisyCount(42, { epsilon: 0.5, budget });
 * noisyCount(17, { epsilon: 0.5, budget });
 * noisyCount(8, { epsilon: 0.1, budget }); // throws: budget_exceeded
 * ```
 */
export function createPrivacyBudget(options: { epsilon: number; locale?: MessageLocale }): PrivacyBudget {
  const total = options?.epsilon;
  const locale = options?.locale;
  if (!validEpsilon(total)) fail('invalid_epsilon', ['epsilon'], locale);
  let spent = 0;
  return {
    total,
    get spent() {
      return spent;
    },
    get remaining() {
      return Math.max(0, total - spent);
    },
    spend(epsilon: number) {
      if (!validEpsilon(epsilon)) fail('invalid_epsilon', ['epsilon'], locale);
      if (spent + epsilon > total * (1 + 1e-12))
        fail('budget_exceeded', ['budget'], locale, {
          requested: epsilon,
          remaining: Math.max(0, total - spent),
        });
      spent += epsilon;
    },
  };
}
