import type { BinaryOperator, Expr } from './ast.js';

// Binding strength of each level of the grammar, loosest first.
const OR = 1;
const AND = 2;
const NOT = 3;
const COMPARE = 4;
const ADD = 5;
const MULTIPLY = 6;
const NEGATE = 7;
const PRIMARY = 8;

const PRECEDENCE: Readonly<Record<BinaryOperator, number>> = {
  or: OR,
  and: AND,
  '=': COMPARE,
  '!=': COMPARE,
  '<': COMPARE,
  '<=': COMPARE,
  '>': COMPARE,
  '>=': COMPARE,
  in: COMPARE,
  'not in': COMPARE,
  '+': ADD,
  '-': ADD,
  '*': MULTIPLY,
  '/': MULTIPLY,
  '%': MULTIPLY,
};

/**
 * Prints an expression as canonical source: single spaces around operators, single-quoted strings,
 * numbers without exponents, and only the parentheses the meaning needs. Parsing the text again gives
 * the same tree apart from `start` and `end`.
 *
 * @example
 * ```ts
 * const result = parseExpression('(a = 1) and ((b <> 2) or c)');
 * if (result.success) printExpression(result.expr); // 'a = 1 and (b != 2 or c)'
 * ```
 */
export function printExpression(expr: Expr): string {
  return print(expr, 0);
}

function print(expr: Expr, min: number): string {
  const [text, precedence] = render(expr);
  return precedence < min ? `(${text})` : text;
}

function render(expr: Expr): [string, number] {
  switch (expr.type) {
    case 'literal':
      return renderLiteral(expr.value);
    case 'identifier':
      return [expr.name, PRIMARY];
    case 'list':
      return [`[${expr.items.map((item) => print(item, 0)).join(', ')}]`, PRIMARY];
    case 'call':
      return [`${expr.name}(${expr.args.map((arg) => print(arg, 0)).join(', ')})`, PRIMARY];
    case 'unary':
      return expr.op === 'not'
        ? [`not ${print(expr.operand, NOT)}`, NOT]
        : [negate(print(expr.operand, NEGATE)), NEGATE];
    case 'binary': {
      const precedence = PRECEDENCE[expr.op] ?? PRIMARY;
      // Left operators associate to the left; comparisons do not associate, so both sides go one up.
      const left = print(expr.left, precedence === COMPARE ? precedence + 1 : precedence);
      const right = print(expr.right, precedence + 1);
      return [`${left} ${expr.op} ${right}`, precedence];
    }
    default:
      // Trees built by hand or read from JSON may hold anything; unknown nodes evaluate to null.
      return ['null', PRIMARY];
  }
}

/** `- -x` rather than `--x`, which reads like a decrement. */
function negate(operand: string): string {
  return operand.startsWith('-') ? `- ${operand}` : `-${operand}`;
}

function renderLiteral(value: unknown): [string, number] {
  if (typeof value === 'string') return [quote(value), PRIMARY];
  if (typeof value === 'boolean') return [String(value), PRIMARY];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    // NaN and ±Infinity have no literal; they evaluate as null, so print that.
    return ['null', PRIMARY];
  }
  if (value < 0) return [`-${plainNumber(-value)}`, NEGATE];
  return [plainNumber(value), PRIMARY];
}

function quote(value: string): string {
  let out = "'";
  for (const c of value) {
    if (c === "'" || c === '\\') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else out += c;
  }
  return `${out}'`;
}

/**
 * Writes a non-negative finite number in plain decimal notation. `String(n)` gives the shortest digits
 * that read back as `n` but switches to exponents beyond 1e21 and below 1e-6, which the grammar has
 * not got; moving the decimal point by hand keeps the same digits, so the value reads back exactly.
 */
function plainNumber(value: number): string {
  const text = String(value === 0 ? 0 : value);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const mantissa = text.slice(0, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}
