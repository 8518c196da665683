import type { ExpressionIssueCode } from './messages.js';

/**
 * Thrown by the tokenizer and parser to unwind to `parseExpression`, which turns it into an issue;
 * it never escapes the package. Not an `Error`: no stack trace is needed, so none is captured.
 */
export class SyntaxFailure {
  constructor(
    readonly code: ExpressionIssueCode,
    readonly params: Record<string, unknown> & { position: number },
  ) {}
}
