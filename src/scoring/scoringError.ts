import type { Issue } from '../core/issue.js';

/**
 * Thrown by the scoring part when it is given something it cannot use: options naming unknown
 * questions, aggregates of different surveys, a damaged saved state. Carries every issue found.
 *
 * @example
 * ```ts
 * try {
 *   aggregator.merge(otherSurveysAggregator);
 * } catch (error) {
 *   if (error instanceof ScoringError) console.log(error.issues[0]?.message);
 * }
 * ```
 */
export class ScoringError extends Error {
  override readonly name: string = 'ScoringError';
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    const shown = issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    super(issues.length > 5 ? `${shown}; … ${issues.length - 5} more` : shown);
    this.issues = issues;
  }
}

/**
 * Thrown by the statutory indicators (`payGapIndicator`, `womenManagerShare`,
 * `menChildcareLeaveRate`) for impossible input: negative or non-integer counts, no men, more women
 * managers than managers. A {@link ScoringError}, so one `catch` handles both.
 *
 * @example
 * ```ts
 * try {
 *   womenManagerShare({ womenManagers: 12, allManagers: 10 });
 * } catch (error) {
 *   if (error instanceof IndicatorError) console.log(error.issues[0]?.code); // 'exceeds_total'
 * }
 * ```
 */
export class IndicatorError extends ScoringError {
  override readonly name: string = 'IndicatorError';
}
