import type { Issue, MessageLocale } from '../core/issue.js';
import type { Expr } from './ast.js';
import { checkExpression, type SymbolTable } from './checkExpression.js';
import { expressionDependencies } from './expressionDependencies.js';
import { parseExpression } from './parseExpression.js';

/** Options of {@link compileExpression}. */
export interface CompileExpressionOptions {
  /** What each id means; when given, the expression is also checked against it. */
  symbols?: SymbolTable;
  /** Language of issue messages. Default `ja`. */
  locale?: MessageLocale;
  /** Longest source accepted. Default 2,000. */
  maxLength?: number;
  /** Deepest nesting accepted. Default 64, at most 256. */
  maxDepth?: number;
}

/** The result of {@link compileExpression}. */
export type CompileExpressionResult =
  | { success: true; expr: Expr; dependencies: string[] }
  | { success: false; issues: Issue[] };

/**
 * Parses an expression and, when `symbols` is given, checks it, returning the tree with the ids it
 * reads. Never throws.
 *
 * @example
 * ```ts
 * const symbols: SymbolTable = (id) => (id === 'q3' ? { kind: 'code', codes: [1, 2] } : undefined);
 * const result = compileExpression('not answered(q3) or q3 = 2', { symbols });
 * if (result.success) result.dependencies; // ['q3']
 * ```
 */
export function compileExpression(
  source: string,
  options: CompileExpressionOptions = {},
): CompileExpressionResult {
  const locale = options.locale ?? 'ja';
  const parsed = parseExpression(source, {
    locale,
    ...(options.maxLength === undefined ? {} : { maxLength: options.maxLength }),
    ...(options.maxDepth === undefined ? {} : { maxDepth: options.maxDepth }),
  });
  if (!parsed.success) return parsed;
  if (options.symbols !== undefined) {
    const issues = checkExpression(parsed.expr, { symbols: options.symbols, locale });
    if (issues.length > 0) return { success: false, issues };
  }
  return { success: true, expr: parsed.expr, dependencies: expressionDependencies(parsed.expr) };
}
