import type { BinaryOperator } from './ast.js';

/** The comparison operators of the expression language. */
export type Comparison = Extract<BinaryOperator, '=' | '!=' | '<' | '<=' | '>' | '>='>;

/** The same comparison with its sides swapped: `a < b` is `b > a`. */
export const MIRRORED: Readonly<Record<Comparison, Comparison>> = {
  '=': '=',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

/** The opposite comparison: `not (a < b)` is `a >= b` when both sides are known. */
export const NEGATED: Readonly<Record<Comparison, Comparison>> = {
  '=': '!=',
  '!=': '=',
  '<': '>=',
  '<=': '>',
  '>': '<=',
  '>=': '<',
};

export function isComparison(op: BinaryOperator): op is Comparison {
  return Object.hasOwn(MIRRORED, op);
}
