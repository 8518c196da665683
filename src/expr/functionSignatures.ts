import type { FunctionName } from './ast.js';

/** How a function of the expression language is called. */
export interface FunctionSignature {
  /** Fewest arguments. */
  readonly min: number;
  /** Most arguments. */
  readonly max: number;
  /** Whether the first argument must be a question or item id (the function reads the raw answer). */
  readonly idArgument: boolean;
}

/** Every function of the expression language, by name. */
export const functionSignatures: Readonly<Record<FunctionName, FunctionSignature>> = {
  answered: { min: 1, max: 1, idArgument: true },
  selected: { min: 2, max: 2, idArgument: true },
  count: { min: 1, max: 1, idArgument: true },
  sum: { min: 1, max: Number.POSITIVE_INFINITY, idArgument: false },
  mean: { min: 1, max: Number.POSITIVE_INFINITY, idArgument: false },
  min: { min: 1, max: Number.POSITIVE_INFINITY, idArgument: false },
  max: { min: 1, max: Number.POSITIVE_INFINITY, idArgument: false },
};

/** The function names in the order the docs list them. */
export const functionNames: readonly FunctionName[] = [
  'answered',
  'selected',
  'count',
  'sum',
  'mean',
  'min',
  'max',
];

/** Whether `name` is a function of the language; `Object.hasOwn` so `toString` is not one. */
export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(functionSignatures, name);
}
