import type { BinaryOperator, Expr } from './ast.js';

/**
 * What an expression evaluates to. `null` means unknown: an unanswered question, or an operation
 * that has no meaningful result (a type mismatch, division by zero, an overflow).
 */
export type Value = number | string | boolean | null | readonly number[];

/**
 * Evaluates an expression against a set of answers, with three-valued (Kleene) logic so that an
 * unanswered question gives "unknown" (`null`) rather than a guess:
 *
 * - An answer is read only if it is an own property (`Object.hasOwn`), so an unanswered question
 *   called `constructor` is unanswered, never `Object`'s constructor. Valid answers are finite
 *   numbers, non-empty strings and non-empty arrays of finite numbers; anything else, including `''`
 *   and `[]` (what a front end stores for a cleared field), counts as unanswered and reads as `null`.
 * - Comparisons and arithmetic with a `null` operand give `null`; so does comparing values of
 *   different types (a number with a string, anything with an array), ordering booleans with `<`,
 *   division or modulo by zero, and any result that is not a finite number.
 * - `and` is false if either side is false, else null if either side is not true, else true; `or` is
 *   true if either side is true, else null if either side is not false, else false; `not null` is
 *   null. A side that is not a boolean counts as null.
 * - `x in [a, b]` means `x = a or x = b` (so a null `x` gives null); the right side may also be an
 *   answer that is an array of codes. `x not in L` is `not (x in L)`.
 * - `answered(q)` and `selected(q, c)` are always true or false; `count(q)` is always a number (0
 *   when unanswered). `sum`, `mean`, `min` and `max` expand arrays and lists, skip nulls, and give
 *   null when nothing is left or when an argument is a string or boolean.
 * - Strings compare by UTF-16 code units, so ISO dates (`YYYY-MM-DD`) compare in date order.
 *
 * Never throws, whatever `answers` holds (getters that throw, proxies, prototype keys, huge arrays);
 * a malformed tree built by hand also gives `null` rather than an exception.
 *
 * @example
 * ```ts
 * const result = parseExpression('gender = 1 and children > 0');
 * if (result.success) {
 *   evaluateExpression(result.expr, { gender: 1, children: 2 }); // true
 *   evaluateExpression(result.expr, { gender: 2 }); // false — unknown children does not matter
 *   evaluateExpression(result.expr, { gender: 1 }); // null — depends on the unanswered children
 * }
 * ```
 */
export function evaluateExpression(expr: Expr, answers: Readonly<Record<string, unknown>>): Value {
  try {
    return evaluate(expr, answers);
  } catch {
    // Only reachable with a malformed or absurdly deep tree that did not come from parseExpression.
    return null;
  }
}

function evaluate(expr: Expr, answers: Readonly<Record<string, unknown>>): Value {
  switch (expr.type) {
    case 'literal':
      return literal(expr.value);
    case 'identifier':
      return readAnswer(answers, expr.name);
    case 'list': {
      // A list is a value of its own only when every item is a number (`[1, 2]`).
      const out: number[] = [];
      for (const item of expr.items) {
        const value = evaluate(item, answers);
        if (typeof value !== 'number') return null;
        out.push(value);
      }
      return out;
    }
    case 'unary': {
      const value = evaluate(expr.operand, answers);
      if (expr.op === 'not') return value === true ? false : value === false ? true : null;
      return typeof value === 'number' ? finite(-value) : null;
    }
    case 'binary':
      return binary(expr.op, expr.left, expr.right, answers);
    case 'call':
      return call(expr.name, expr.args, answers);
    default:
      return null;
  }
}

function binary(
  op: BinaryOperator,
  left: Expr,
  right: Expr,
  answers: Readonly<Record<string, unknown>>,
): Value {
  switch (op) {
    case 'and': {
      const l = evaluate(left, answers);
      if (l === false) return false;
      const r = evaluate(right, answers);
      if (r === false) return false;
      return l === true && r === true ? true : null;
    }
    case 'or': {
      const l = evaluate(left, answers);
      if (l === true) return true;
      const r = evaluate(right, answers);
      if (r === true) return true;
      return l === false && r === false ? false : null;
    }
    case 'in':
      return membership(evaluate(left, answers), right, answers);
    case 'not in': {
      const found = membership(evaluate(left, answers), right, answers);
      return found === null ? null : !found;
    }
    case '=':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(op, evaluate(left, answers), evaluate(right, answers));
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(op, evaluate(left, answers), evaluate(right, answers));
    default:
      return null;
  }
}

function literal(value: unknown): Value {
  if (typeof value === 'number') return finite(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return null;
}

/** A finite number, with -0 folded into 0 so results print and serialise plainly; otherwise null. */
function finite(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}

/**
 * Reads one answer defensively: own properties only, getters and proxies that throw count as
 * unanswered, and arrays are copied so that later reads cannot see different elements.
 */
function readAnswer(answers: Readonly<Record<string, unknown>>, id: string): Value {
  try {
    if (answers === null || (typeof answers !== 'object' && typeof answers !== 'function')) return null;
    if (!Object.hasOwn(answers, id)) return null;
    const raw: unknown = answers[id];
    if (typeof raw === 'number') return finite(raw);
    if (typeof raw === 'string') return raw === '' ? null : raw;
    if (!Array.isArray(raw) || raw.length === 0) return null;
    const copy: number[] = [];
    const length = raw.length;
    for (let i = 0; i < length; i++) {
      const item: unknown = raw[i];
      // A hole, a string or NaN anywhere makes the whole answer invalid, as its validator would.
      if (typeof item !== 'number' || !Number.isFinite(item)) return null;
      copy.push(item);
    }
    return copy;
  } catch {
    return null;
  }
}

function compare(op: BinaryOperator, left: Value, right: Value): boolean | null {
  if (left === null || right === null) return null;
  // Arrays (multiple answers) never compare; selected() and count() are the way to ask about them.
  if (typeof left !== typeof right || typeof left === 'object') return null;
  if (op === '=') return left === right;
  if (op === '!=') return left !== right;
  if (typeof left === 'boolean') return null;
  // Same primitive type here; JavaScript orders strings by UTF-16 code units.
  const l = left as number | string;
  const r = right as number | string;
  switch (op) {
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    case '>=':
      return l >= r;
    default:
      return null;
  }
}

/** `x in L` as `x = L[0] or x = L[1] or …`: true on a match, else null if any test was unknown. */
function membership(left: Value, right: Expr, answers: Readonly<Record<string, unknown>>): boolean | null {
  if (left === null) return null;
  let unknown = false;
  const test = (item: Value): boolean => {
    const equal = compare('=', left, item);
    if (equal === null) unknown = true;
    return equal === true;
  };
  if (right.type === 'list') {
    // Items are evaluated one by one, so `[1, q9]` with q9 unanswered still finds 1.
    for (const item of right.items) if (test(evaluate(item, answers))) return true;
    return unknown ? null : false;
  }
  const values = evaluate(right, answers);
  if (values === null || typeof values !== 'object') return null;
  for (const value of values) if (test(value)) return true;
  return unknown ? null : false;
}

function arithmetic(op: BinaryOperator, left: Value, right: Value): number | null {
  if (typeof left !== 'number' || typeof right !== 'number') return null;
  switch (op) {
    case '+':
      return finite(left + right);
    case '-':
      return finite(left - right);
    case '*':
      return finite(left * right);
    case '/':
      return right === 0 ? null : finite(left / right);
    case '%':
      // JavaScript's remainder: the sign follows the left operand (-7 % 3 is -1).
      return right === 0 ? null : finite(left % right);
    default:
      return null;
  }
}

function call(name: string, args: readonly Expr[], answers: Readonly<Record<string, unknown>>): Value {
  const arg = (i: number): Value => {
    const expr = args[i];
    return expr === undefined ? null : evaluate(expr, answers);
  };
  switch (name) {
    case 'answered':
      return arg(0) !== null;
    case 'selected': {
      const answer = arg(0);
      const code = arg(1);
      if (answer === null || code === null) return false;
      if (typeof answer !== 'object') return answer === code;
      for (const value of answer) if (value === code) return true;
      return false;
    }
    case 'count': {
      const answer = arg(0);
      return answer === null ? 0 : typeof answer === 'object' ? answer.length : 1;
    }
    case 'sum':
    case 'mean':
    case 'min':
    case 'max':
      return aggregate(name, args, answers);
    default:
      return null;
  }
}

function aggregate(
  name: 'sum' | 'mean' | 'min' | 'max',
  args: readonly Expr[],
  answers: Readonly<Record<string, unknown>>,
): number | null {
  const numbers: number[] = [];
  if (!collect(args, answers, numbers) || numbers.length === 0) return null;
  let result = name === 'min' ? Number.POSITIVE_INFINITY : name === 'max' ? Number.NEGATIVE_INFINITY : 0;
  // Loops rather than Math.min(...numbers): spreading a huge answer array would overflow the stack.
  for (const n of numbers) {
    if (name === 'min') result = Math.min(n, result);
    else if (name === 'max') result = Math.max(n, result);
    else result += n;
  }
  return finite(name === 'mean' ? result / numbers.length : result);
}

/** Gathers the numbers of `args` into `out`; false when an argument is a string or boolean. */
function collect(args: readonly Expr[], answers: Readonly<Record<string, unknown>>, out: number[]): boolean {
  for (const arg of args) {
    if (arg.type === 'list') {
      // Expanded item by item so that nulls inside a list are skipped like nulls outside one.
      if (!collect(arg.items, answers, out)) return false;
      continue;
    }
    const value = evaluate(arg, answers);
    if (value === null) continue;
    if (typeof value === 'number') out.push(value);
    else if (typeof value === 'object') for (const n of value) out.push(n);
    else return false;
  }
  return true;
}
