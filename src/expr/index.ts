/**
 * The kizuki expression language, used by templates for `visibleIf` (questions and sections) and
 * `requiredIf`: parse to a JSON-friendly tree, print it back, check it against a survey, list the ids it
 * reads, and evaluate it with three-valued logic. No `eval`, no `new Function`; runs anywhere.
 *
 * @packageDocumentation
 */
export type { Issue, MessageLocale } from '../core/issue.js';
export type { BinaryOperator, Expr, FunctionName } from './ast.js';
export type { CheckExpressionOptions, SymbolInfo, SymbolTable } from './checkExpression.js';
export { checkExpression } from './checkExpression.js';
export type { CompileExpressionOptions, CompileExpressionResult } from './compileExpression.js';
export { compileExpression } from './compileExpression.js';
export type { Value } from './evaluateExpression.js';
export { evaluateExpression } from './evaluateExpression.js';
export { expressionDependencies } from './expressionDependencies.js';
export { isTrue } from './isTrue.js';
export type { ExpressionIssueCode } from './messages.js';
export type { ParseExpressionOptions, ParseExpressionResult } from './parseExpression.js';
export { parseExpression } from './parseExpression.js';
export { printExpression } from './printExpression.js';
