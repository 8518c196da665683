import type { BinaryOperator, Expr } from '../../expr/index.js';
import type { XPathNode } from './parseXPath.js';
import { XPATH_FUNCTIONS, XPATH_OPERATORS } from './xPathOperators.js';

/** What an XLSForm name stands for in the template: its id and, for a choice question, its codes by choice name. */
export interface XPathName {
  id: string;
  codes?: ReadonlyMap<string, number>;
}

/** What {@link fromXPath} needs to know about the form. */
export interface XPathContext {
  /** Every named row of the survey sheet, by XLSForm name. */
  names: ReadonlyMap<string, XPathName>;
  /** What `.` refers to: the row's own name, in a constraint. */
  self?: string;
}

/** Why part of an expression has no kizuki counterpart: the construct, and where it starts in the source. */
export interface XPathGap {
  reason: 'function' | 'construct' | 'unknown_name' | 'unknown_choice';
  detail: string;
  position: number;
}

const FROM_XPATH = new Map<string, BinaryOperator>(
  Object.entries(XPATH_OPERATORS).map(([kizuki, xpath]) => [xpath, kizuki as BinaryOperator]),
);
const COMPARISONS = new Set(['=', '!=', '<', '<=', '>', '>=']);

class Gap extends Error {
  constructor(readonly gap: XPathGap) {
    super(gap.reason);
  }
}

/**
 * An XLSForm (XPath) expression as a kizuki expression: the inverse of `toXPath`. `${name}`
 * becomes the question's id, `selected(${q}, 'a')` becomes `selected(q, code)` (choice names
 * become the codes they were given), `count-selected(${q})` becomes `count(q)`,
 * `string-length(${q}) > 0` and `${q} != ''` become `answered(q)`, `div`/`mod` become `/`/`%`,
 * `not(…)`, `true()` and `false()` their kizuki forms, `date('…')` a date string. Anything else is
 * returned as the first gap found, with its position.
 */
export function fromXPath(node: XPathNode, context: XPathContext): { expr: Expr } | { gap: XPathGap } {
  try {
    return { expr: translate(node, context) };
  } catch (error) {
    if (error instanceof Gap) return { gap: error.gap };
    throw error;
  }
}

type Unplaced<E> = E extends unknown ? Omit<E, 'start' | 'end'> : never;
// Imported expressions are printed, not pointed into, so their nodes carry no source range.
const at = (e: Unplaced<Expr>): Expr => ({ ...e, start: 0, end: 0 }) as Expr;
const literal = (value: number | string | boolean): Expr => at({ type: 'literal', value });
const gap = (reason: XPathGap['reason'], node: XPathNode, detail: string): never => {
  throw new Gap({ reason, detail, position: node.start });
};

/** The question a `${name}` or `.` refers to, if `node` is one. */
function reference(node: XPathNode, context: XPathContext): XPathName | undefined {
  if (node.kind === 'ref') return context.names.get(node.name) ?? gap('unknown_name', node, node.name);
  if (node.kind === 'self') {
    if (context.self === undefined) return gap('construct', node, '.');
    return context.names.get(context.self);
  }
  return undefined;
}

/** A choice name as the code it was given, or a number compared with a question's answer. */
function code(node: XPathNode, question: XPathName): Expr {
  const name = node.kind === 'string' ? node.value : node.kind === 'number' ? String(node.value) : undefined;
  if (name === undefined || !question.codes) return undefined as never;
  const value = question.codes.get(name);
  if (value === undefined) return gap('unknown_choice', node, name);
  return literal(value);
}

function isEmptyString(node: XPathNode): boolean {
  return node.kind === 'string' && node.value === '';
}

function translate(node: XPathNode, context: XPathContext): Expr {
  switch (node.kind) {
    case 'number':
      return literal(node.value);
    case 'string':
      return literal(node.value);
    case 'ref':
    case 'self': {
      const question = reference(node, context);
      if (!question) return gap('construct', node, '.');
      return at({ type: 'identifier', name: question.id });
    }
    case 'negate': {
      const operand = translate(node.operand, context);
      if (operand.type === 'literal' && typeof operand.value === 'number') return literal(-operand.value);
      return at({ type: 'unary', op: '-', operand });
    }
    case 'binary':
      return binary(node as Extract<XPathNode, { kind: 'binary' }>, context);
    case 'call':
      return call(node as Extract<XPathNode, { kind: 'call' }>, context);
  }
}

function binary(node: Extract<XPathNode, { kind: 'binary' }>, context: XPathContext): Expr {
  const op = FROM_XPATH.get(node.op);
  if (op === undefined) return gap('construct', node, node.op);
  if (COMPARISONS.has(node.op)) {
    const [side, other, mirrored] =
      reference(node.left, context) !== undefined
        ? [node.left, node.right, false]
        : [node.right, node.left, true];
    const question = reference(side, context);
    // `${q} = ''` and `${q} != ''` are how XLSForm asks whether a question was answered.
    if (question && isEmptyString(other) && (op === '=' || op === '!=')) {
      const answered = at({ type: 'call', name: 'answered', args: [identifier(question)] });
      return op === '!=' ? answered : at({ type: 'unary', op: 'not', operand: answered });
    }
    const length = stringLength(node.left, context);
    if (length && node.right.kind === 'number' && node.right.value === 0 && (op === '>' || op === '=')) {
      const answered = at({ type: 'call', name: 'answered', args: [identifier(length)] });
      return op === '>' ? answered : at({ type: 'unary', op: 'not', operand: answered });
    }
    if (question?.codes && (other.kind === 'string' || other.kind === 'number')) {
      const value = code(other, question);
      const id = identifier(question);
      return at({ type: 'binary', op, left: mirrored ? value : id, right: mirrored ? id : value });
    }
  }
  const expr = at({
    type: 'binary',
    op,
    left: translate(node.left, context),
    right: translate(node.right, context),
  });
  // `${q} = 1 or ${q} = 2` is how `toXPath` writes `q in [1, 2]`; the meaning is the same.
  const list = op === 'or' ? sameIdentifierEquals(expr, 2) : undefined;
  return list ? at({ type: 'binary', op: 'in', left: list.id, right: list.items }) : expr;
}

/**
 * The identifier and constants of `q = a or q = b or …` (at least `least` tests, any grouping),
 * as the parts of `q in [a, b, …]`; undefined for anything else.
 */
function sameIdentifierEquals(expr: Expr, least: number): { id: Expr; items: Expr } | undefined {
  const tests: Expr[] = [];
  const stack = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.type === 'binary' && e.op === 'or') stack.push(e.right, e.left);
    else if (e.type === 'binary' && e.op === 'in' && e.right.type === 'list') {
      for (const item of [...e.right.items].reverse())
        stack.push(at({ type: 'binary', op: '=', left: e.left, right: item }));
    } else tests.push(e);
  }
  const name = (e: Expr) => (e.type === 'binary' && e.left.type === 'identifier' ? e.left.name : undefined);
  const first = name(tests[0]!);
  const same = tests.every(
    (e) => e.type === 'binary' && e.op === '=' && e.right.type === 'literal' && name(e) === first,
  );
  if (first === undefined || !same || tests.length < least) return undefined;
  const items = tests.map((e) => (e as Extract<Expr, { type: 'binary' }>).right);
  return { id: at({ type: 'identifier', name: first }), items: at({ type: 'list', items }) };
}

function identifier(question: XPathName): Expr {
  return at({ type: 'identifier', name: question.id });
}

/** The question of `string-length(${q})`, if `node` is that call. */
function stringLength(node: XPathNode, context: XPathContext): XPathName | undefined {
  if (node.kind !== 'call' || node.name !== 'string-length' || node.args.length !== 1) return undefined;
  return reference(node.args[0]!, context);
}

function call(node: Extract<XPathNode, { kind: 'call' }>, context: XPathContext): Expr {
  const { name, args } = node;
  const [first, second] = args;
  if (name === 'not' && args.length === 1) {
    const operand = translate(first!, context);
    // `not(${q} = 1 or ${q} = 2)` is how `toXPath` writes `q not in [1, 2]`.
    const list = sameIdentifierEquals(operand, 1);
    if (list) return at({ type: 'binary', op: 'not in', left: list.id, right: list.items });
    return at({ type: 'unary', op: 'not', operand });
  }
  if ((name === 'true' || name === 'false') && args.length === 0) return literal(name === 'true');
  if (
    name === 'date' &&
    args.length === 1 &&
    first!.kind === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(first!.value)
  ) {
    return literal(first!.value);
  }
  if (name === XPATH_FUNCTIONS.selected && args.length === 2) {
    const question = reference(first!, context);
    if (!question) return gap('construct', first!, 'selected()');
    const value =
      question.codes && (second!.kind === 'string' || second!.kind === 'number')
        ? code(second!, question)
        : second!.kind === 'string' && /^-?\d+$/.test(second!.value)
          ? literal(Number(second!.value))
          : gap('construct', second!, `selected(${name})`);
    return at({ type: 'call', name: 'selected', args: [identifier(question), value] });
  }
  if (name === XPATH_FUNCTIONS.count && args.length === 1) {
    const question = reference(first!, context);
    if (!question) return gap('construct', first!, `${name}()`);
    return at({ type: 'call', name: 'count', args: [identifier(question)] });
  }
  return gap('function', node, `${name}()`);
}
