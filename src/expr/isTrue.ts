import type { Value } from './evaluateExpression.js';

/**
 * Whether a condition holds: only the value `true` does. Unknown (`null`) is not true, so a question
 * whose `visibleIf` is unknown stays hidden, and one whose `requiredIf` is unknown is not required —
 * a respondent is never made to answer because of a question they have not reached.
 *
 * @example
 * ```ts
 * isTrue(true); // true
 * isTrue(null); // false — unknown
 * isTrue(1); // false — only a boolean true satisfies a condition
 * ```
 */
export function isTrue(value: Value): boolean {
  return value === true;
}
