import type { Issue } from '../core/issue.js';

/**
 * Thrown by the design part for input it cannot use: a sample larger than its frame, margins that
 * disagree, raking that does not converge, unknown disposition codes. Carries every issue found,
 * each naming the row, stratum, margin or cell.
 *
 * @example
 * ```ts
 * try {
 *   rake({ records, margins });
 * } catch (error) {
 *   if (error instanceof DesignError) console.log(error.issues[0]?.message);
 * }
 * ```
 */
export class DesignError extends Error {
  override readonly name: string = 'DesignError';
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
