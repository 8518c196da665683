import type { BinaryOperator, FunctionName } from '../../expr/index.js';

/**
 * kizuki operators and how XLSForm's XPath spells them, shared by the export and the import so the
 * two cannot drift apart. `in` and `not in` have no XPath counterpart (the export writes `or` chains).
 */
export const XPATH_OPERATORS: Readonly<Partial<Record<BinaryOperator, string>>> = {
  or: 'or',
  and: 'and',
  '=': '=',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '+': '+',
  '-': '-',
  '*': '*',
  '/': 'div',
  '%': 'mod',
};

/** kizuki functions that XPath states with a function of its own, and that function's name. */
export const XPATH_FUNCTIONS: Readonly<Partial<Record<FunctionName, string>>> = {
  selected: 'selected',
  count: 'count-selected',
};
