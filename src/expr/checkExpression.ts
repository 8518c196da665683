import type { Issue, MessageLocale } from '../core/issue.js';
import { createIssue } from '../core/issue.js';
import type { BinaryOperator, Expr } from './ast.js';
import { functionSignatures, isFunctionName } from './functionSignatures.js';
import { type ExpressionIssueCode, exprMessages } from './messages.js';

/**
 * What an id means inside an expression.
 *
 * - `code`: a single choice, Likert item or matrix item; the answer is one numeric option code.
 * - `codes`: a multiple choice or ranking; the answer is an array of codes.
 * - `number`, `text`: a number or a string.
 * - `date`: an ISO date string, `YYYY-MM-DD`.
 *
 * `codes` lists the option codes of `code` and `codes` symbols, when known.
 */
export interface SymbolInfo {
  kind: 'code' | 'codes' | 'number' | 'text' | 'date';
  codes?: readonly number[];
}

/** Looks up an id; `undefined` means expressions cannot read it. */
export type SymbolTable = (id: string) => SymbolInfo | undefined;

/** Options of {@link checkExpression}. */
export interface CheckExpressionOptions {
  /** What each id means in the survey. */
  symbols: SymbolTable;
  /** Language of issue messages. Default `ja`. */
  locale?: MessageLocale;
}

/** The static type of a subexpression; `unknown` when it cannot be told (then nothing is reported). */
type StaticType = 'number' | 'string' | 'date' | 'boolean' | 'list' | 'codes' | 'null' | 'unknown';

interface Info {
  type: StaticType;
  /** The id, when the node is an identifier the survey knows. */
  id?: string;
  /** The option codes of that id, when it is a choice question. */
  codes?: readonly number[];
  /** The value of a number literal, possibly negated. */
  constant?: number;
  /** The value of a string literal. */
  text?: string;
}

const UNKNOWN: Info = { type: 'unknown' };
const BOOLEAN: Info = { type: 'boolean' };
const NUMBER: Info = { type: 'number' };

/**
 * Checks an expression against the survey it belongs to and reports what is certainly wrong:
 *
 * - an id the survey does not have (`unknown_id`);
 * - a code that a choice question does not have, in `=`, `!=`, `in [..]` and `selected(q, c)`
 *   (`unknown_code`);
 * - comparing values of different types, such as a number with a string (`type_mismatch`), or a
 *   date with a string that is not `YYYY-MM-DD` (`invalid_date`);
 * - comparing with or computing on `null`, which is always unknown (`null_literal`);
 * - `=`, `<` or `in` on a multiple-answer question, which needs `selected` or `count`
 *   (`codes_comparison`);
 * - arithmetic or `sum`/`mean`/`min`/`max` on non-numbers (`not_a_number`), `and`/`or`/`not` on
 *   non-conditions (`not_a_condition`), `<` on booleans (`not_orderable`), `in` with something other
 *   than a list on the right (`in_requires_list`);
 * - `selected` on a question that is not a choice (`selected_needs_choice`), and a first argument of
 *   `answered`/`selected`/`count` that is not an id (`argument_not_identifier`).
 *
 * Each issue has `path: []` and `params.position`, the offset of the offending node; issues come in
 * source order. What depends on an unknown id is not reported twice.
 *
 * @example
 * ```ts
 * const symbols: SymbolTable = (id) =>
 *   id === 'gender' ? { kind: 'code', codes: [1, 2, 3] } : id === 'age' ? { kind: 'number' } : undefined;
 * const result = parseExpression("gender = 4 or age = '30'");
 * if (result.success) checkExpression(result.expr, { symbols, locale: 'en' }).map((i) => i.code);
 * // ['unknown_code', 'type_mismatch']
 * ```
 */
export function checkExpression(expr: Expr, options: CheckExpressionOptions): Issue[] {
  const { symbols } = options;
  const locale = options.locale ?? 'ja';
  const issues: Issue[] = [];
  // Closures rather than a class, so that minifiers can shorten every name.
  const report = (code: ExpressionIssueCode, at: Expr, params: Record<string, unknown> = {}): void => {
    issues.push(createIssue(exprMessages, code, [], locale, { position: at.start, ...params }));
  };

  const identifier = (name: string, at: Expr): Info => {
    const symbol = symbols(name);
    if (symbol === undefined) {
      report('unknown_id', at, { id: name });
      return UNKNOWN;
    }
    const type = KIND_TYPES[symbol.kind];
    if (type === undefined) return UNKNOWN;
    return symbol.codes === undefined ? { type, id: name } : { type, id: name, codes: symbol.codes };
  };

  /** Reports an operand of `and`/`or`/`not` that can never be true or false. */
  const condition = (info: Info, operator: string, at: Expr): void => {
    if (info.type !== 'boolean' && info.type !== 'unknown' && info.type !== 'null') {
      report('not_a_condition', at, { operator, type: info.type });
    }
  };

  /** Reports an operand that must be a number; `codes` allows a multiple answer (sum, mean…). */
  const numeric = (info: Info, operator: string, at: Expr, codes = false): void => {
    if (info.type === 'null') report('null_literal', at, { operator });
    else if (info.type !== 'number' && info.type !== 'unknown' && !(codes && info.type === 'codes')) {
      report('not_a_number', at, { operator, type: info.type });
    }
  };

  /** Reports a number literal that is not one of a choice question's codes. */
  const code = (subject: Info, value: Info, at: Expr): void => {
    if (
      subject.codes !== undefined &&
      value.constant !== undefined &&
      !subject.codes.includes(value.constant)
    ) {
      report('unknown_code', at, { id: subject.id, code: value.constant, codes: [...subject.codes] });
    }
  };

  /** Reports a string compared with a date that is not an ISO date. */
  const date = (subject: Info, value: Info, at: Expr): void => {
    if (subject.type === 'date' && value.text !== undefined && !isIsoDate(value.text)) {
      report('invalid_date', at, { id: subject.id, value: value.text });
    }
  };

  /** Checks `left op right` for `=`, `!=`, `<`, `<=`, `>` and `>=`. */
  const comparison = (op: BinaryOperator, node: Expr, leftNode: Expr, rightNode: Expr): void => {
    const left = check(leftNode);
    const right = check(rightNode);
    if (left.type === 'null' || right.type === 'null') {
      report('null_literal', left.type === 'null' ? leftNode : rightNode, { operator: op });
    } else if (left.type === 'codes' || right.type === 'codes') {
      const [info, at] = left.type === 'codes' ? [left, leftNode] : [right, rightNode];
      report('codes_comparison', at, { id: info.id, operator: op });
    } else if (left.type === 'unknown' || right.type === 'unknown') {
      // Nothing certain to say.
    } else if (!compatible(left.type, right.type) || left.type === 'list') {
      report('type_mismatch', node, { operator: op, left: left.type, right: right.type });
    } else if (left.type === 'boolean' && op !== '=' && op !== '!=') {
      report('not_orderable', node, { operator: op, type: 'boolean' });
    } else {
      date(left, right, rightNode);
      date(right, left, leftNode);
      if (op === '=' || op === '!=') {
        code(left, right, rightNode);
        code(right, left, leftNode);
      }
    }
  };

  /** Checks `left in right` and `left not in right`. */
  const membership = (op: BinaryOperator, node: Expr, leftNode: Expr, rightNode: Expr): void => {
    const left = check(leftNode);
    let usable = false;
    if (left.type === 'null') report('null_literal', leftNode, { operator: op });
    else if (left.type === 'codes') report('codes_comparison', leftNode, { id: left.id, operator: op });
    else if (left.type === 'list')
      report('type_mismatch', leftNode, { operator: op, left: 'list', right: 'list' });
    else usable = true;

    if (rightNode.type === 'list') {
      for (const item of rightNode.items) {
        const info = check(item);
        if (!usable) continue;
        if (info.type === 'null') report('null_literal', item, { operator: op });
        else if (left.type === 'unknown' || info.type === 'unknown') continue;
        else if (!compatible(left.type, info.type)) {
          report('type_mismatch', item, { operator: op, left: left.type, right: info.type });
        } else {
          code(left, info, item);
          date(left, info, item);
        }
      }
      return;
    }
    const right = check(rightNode);
    if (right.type === 'codes') {
      if (!usable || left.type === 'unknown') return;
      if (left.type !== 'number')
        report('type_mismatch', node, { operator: op, left: left.type, right: 'codes' });
      else code(right, left, leftNode);
    } else if (right.type !== 'unknown') {
      report('in_requires_list', rightNode, { operator: op, type: right.type });
    }
  };

  /** An argument of sum/mean/min/max: a number, a multiple answer, or a list of those. */
  const numericArgument = (arg: Expr, name: string): void => {
    if (arg.type === 'list') for (const item of arg.items) numericArgument(item, name);
    else {
      const info = check(arg);
      if (info.type !== 'null') numeric(info, name, arg, true);
    }
  };

  const call = (name: string, node: Expr, args: readonly Expr[]): Info => {
    if (!isFunctionName(name)) {
      report('unknown_function', node, { name });
      for (const arg of args) check(arg);
      return UNKNOWN;
    }
    const signature = functionSignatures[name];
    if (args.length < signature.min || args.length > signature.max) {
      report('wrong_arity', node, {
        name,
        min: signature.min,
        max: Number.isFinite(signature.max) ? signature.max : null,
        count: args.length,
      });
    }
    if (!signature.idArgument) {
      for (const arg of args) numericArgument(arg, name);
      return NUMBER;
    }
    const [first, second, ...rest] = args;
    let subject: Info = UNKNOWN;
    if (first?.type === 'identifier') subject = identifier(first.name, first);
    else if (first !== undefined) {
      report('argument_not_identifier', first, { name });
      check(first);
    }
    if (name === 'selected' && second !== undefined) {
      const kind = subject.id === undefined ? undefined : symbols(subject.id)?.kind;
      if (kind !== undefined && kind !== 'code' && kind !== 'codes') {
        report('selected_needs_choice', node, { id: subject.id, kind });
      }
      const value = check(second);
      numeric(value, name, second);
      if (value.type === 'number') code(subject, value, second);
    } else if (second !== undefined) check(second);
    for (const arg of rest) check(arg);
    return name === 'count' ? NUMBER : BOOLEAN;
  };

  const check = (node: Expr): Info => {
    switch (node.type) {
      case 'literal': {
        const value: unknown = node.value;
        if (typeof value === 'number') return { type: 'number', constant: value };
        if (typeof value === 'string') return { type: 'string', text: value };
        if (typeof value === 'boolean') return BOOLEAN;
        return value === null ? { type: 'null' } : UNKNOWN;
      }
      case 'identifier':
        return identifier(node.name, node);
      case 'list':
        for (const item of node.items) check(item);
        return { type: 'list' };
      case 'unary': {
        const operand = check(node.operand);
        if (node.op === 'not') {
          condition(operand, 'not', node.operand);
          return BOOLEAN;
        }
        numeric(operand, '-', node.operand);
        return operand.constant === undefined ? NUMBER : { type: 'number', constant: -operand.constant };
      }
      case 'binary': {
        const { op, left, right } = node;
        if (op === 'and' || op === 'or') {
          condition(check(left), op, left);
          condition(check(right), op, right);
        } else if (op === 'in' || op === 'not in') membership(op, node, left, right);
        else if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') {
          numeric(check(left), op, left);
          numeric(check(right), op, right);
          return NUMBER;
        } else comparison(op, node, left, right);
        return BOOLEAN;
      }
      case 'call':
        return call(node.name, node, node.args);
      default:
        return UNKNOWN;
    }
  };

  check(expr);
  return issues.sort((a, b) => Number(a.params?.position ?? 0) - Number(b.params?.position ?? 0));
}

const KIND_TYPES: Readonly<Record<string, StaticType | undefined>> = {
  code: 'number',
  codes: 'codes',
  number: 'number',
  text: 'string',
  date: 'date',
};

function compatible(a: StaticType, b: StaticType): boolean {
  const text = (t: StaticType) => t === 'string' || t === 'date';
  return a === b || (text(a) && text(b));
}

/** `YYYY-MM-DD` with a month of 01–12 and a day of 01–31, checked character by character. */
function isIsoDate(text: string): boolean {
  if (text.length !== 10 || text[4] !== '-' || text[7] !== '-') return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
