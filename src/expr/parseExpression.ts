import type { Issue, MessageLocale } from '../core/issue.js';
import { createIssue } from '../core/issue.js';
import type { BinaryOperator, Expr } from './ast.js';
import { functionNames, functionSignatures, isFunctionName } from './functionSignatures.js';
import { type ExpressionIssueCode, exprMessages } from './messages.js';
import { readToken, type Token } from './readToken.js';
import { SyntaxFailure } from './SyntaxFailure.js';

/** Options of {@link parseExpression}. */
export interface ParseExpressionOptions {
  /** Language of issue messages. Default `ja`. */
  locale?: MessageLocale;
  /** Longest source accepted, in UTF-16 code units. Default 2,000. */
  maxLength?: number;
  /**
   * Deepest nesting accepted: every operator, function call, list, `not`, minus sign and pair of
   * parentheses adds a level. Default 64; values above 256 count as 256, so that neither the parser
   * nor anything walking the tree can run out of stack.
   */
  maxDepth?: number;
}

/** The result of {@link parseExpression}: the tree, or the issue that stopped the parse. */
export type ParseExpressionResult = { success: true; expr: Expr } | { success: false; issues: Issue[] };

/** Default of {@link ParseExpressionOptions.maxLength}. */
const DEFAULT_MAX_LENGTH = 2000;
/** Default of {@link ParseExpressionOptions.maxDepth}. */
const DEFAULT_MAX_DEPTH = 64;
/** Hard ceiling on depth: a few stack frames per level stays far below any engine's limit. */
const DEPTH_CEILING = 256;

const COMPARISONS: ReadonlySet<string> = new Set(['=', '!=', '<', '<=', '>', '>=']);

/**
 * Parses an expression of the kizuki expression language into a tree. Never throws: a string of any
 * length or content gives either the tree or one issue (with `path: []` and the 0-based
 * `params.position` of the problem).
 *
 * @example
 * ```ts
 * const result = parseExpression('gender = 1 and children > 0');
 * if (result.success) result.expr.type; // 'binary'
 *
 * const bad = parseExpression('(a = 1', { locale: 'ja' });
 * if (!bad.success) bad.issues[0]?.message; // '式の末尾: 閉じ括弧「)」がありません（1文字目の「(」に対応するもの）'
 * ```
 */
export function parseExpression(source: string, options: ParseExpressionOptions = {}): ParseExpressionResult {
  const locale = options.locale ?? 'ja';
  const fail = (code: ExpressionIssueCode, params: Record<string, unknown>): ParseExpressionResult => ({
    success: false,
    issues: [createIssue(exprMessages, code, [], locale, params)],
  });
  if (typeof source !== 'string') return fail('empty', { position: 0 });
  const maxLength = limit(options.maxLength, DEFAULT_MAX_LENGTH, Number.POSITIVE_INFINITY);
  // Checked before any scanning, so a 10 MB string costs nothing.
  if (source.length > maxLength) {
    return fail('too_long', { position: maxLength, length: source.length, limit: maxLength });
  }
  const maxDepth = limit(options.maxDepth, DEFAULT_MAX_DEPTH, DEPTH_CEILING);
  try {
    return { success: true, expr: parseTree(source, maxDepth) };
  } catch (error) {
    if (error instanceof SyntaxFailure) return fail(error.code, error.params);
    // The depth limit keeps recursion shallow; this is a last guard for engines with tiny stacks.
    if (error instanceof RangeError) return fail('too_deep', { position: 0, limit: maxDepth });
    throw error;
  }
}

/** A whole number option within [1, ceiling], or the default when absent or not a number. */
function limit(value: number | undefined, fallback: number, ceiling: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) return fallback;
  return Math.min(Math.max(1, Math.floor(value)), ceiling);
}

/** A token as people wrote it, shortened so that a long string literal does not swamp the message. */
function display(token: Token): string {
  const text = token.text;
  return text.length > 24 ? `${text.slice(0, 20)}…` : text;
}

/**
 * Recursive descent, one function per grammar rule (closures rather than a class, so that minifiers
 * can shorten every name). `level` counts nesting on the way down so that recursion stops at the limit
 * before the stack grows; `heights` measures the finished subtrees, which catches long left-leaning
 * chains such as `a + b + c + …` that loop rather than recurse. Throws {@link SyntaxFailure}.
 */
function parseTree(source: string, maxDepth: number): Expr {
  /** Tokens read but not yet consumed: at most two, for the `not in` lookahead. */
  const ahead: Token[] = [];
  /** Where the next unread token starts looking. */
  let offset = 0;
  const heights = new Map<Expr, number>();
  /**
   * The extent of a parenthesised node including its parentheses. A node's own range leaves them
   * out, but its parent's range takes them in, so that the text of every node reads back as it.
   */
  const written = new Map<Expr, { start: number; end: number }>();

  /** The token `n` places on, read from the source only when first needed. */
  const peek = (n = 0): Token => {
    while (ahead.length <= n) {
      const last = ahead[ahead.length - 1];
      if (last?.kind === 'end') return last;
      const token = readToken(source, offset);
      ahead.push(token);
      offset = token.end;
    }
    return ahead[n]!;
  };
  const next = (): Token => {
    const token = peek();
    if (token.kind !== 'end') ahead.shift();
    return token;
  };
  const isKeyword = (text: string, token = peek()): boolean =>
    token.kind === 'keyword' && token.text === text;
  const isSymbol = (text: string, token = peek()): boolean => token.kind === 'symbol' && token.text === text;
  const failure = (code: ExpressionIssueCode, token: Token, params: Record<string, unknown> = {}) =>
    new SyntaxFailure(code, {
      ...(token.kind === 'end' ? { position: token.start, atEnd: true } : { position: token.start }),
      ...params,
    });
  /** Enters one more level of nesting at `token`, or fails if that is too deep. */
  const descend = (level: number, token: Token): number => {
    if (level + 1 > maxDepth) throw failure('too_deep', token, { limit: maxDepth });
    return level + 1;
  };
  const startOf = (expr: Expr): number => written.get(expr)?.start ?? expr.start;
  const endOf = (expr: Expr): number => written.get(expr)?.end ?? expr.end;
  const height = (expr: Expr): number => heights.get(expr) ?? 1;
  const tallest = (exprs: readonly Expr[]): number => exprs.reduce((h, e) => Math.max(h, height(e)), 0);
  /** Records a new node's height and fails at `token` if the tree has grown too deep. */
  const node = <E extends Expr>(expr: E, h: number, token: Token): E => {
    if (h > maxDepth) throw failure('too_deep', token, { limit: maxDepth });
    heights.set(expr, h);
    return expr;
  };
  const binary = (op: BinaryOperator, left: Expr, right: Expr, token: Token): Expr =>
    node(
      { type: 'binary', op, left, right, start: startOf(left), end: endOf(right) },
      1 + tallest([left, right]),
      token,
    );
  /** A left-associative chain of `ops` between operands parsed by `operand`. */
  const chain = (level: number, operand: (level: number) => Expr, ops: readonly string[]): Expr => {
    let left = operand(level);
    for (;;) {
      const token = peek();
      if (!((token.kind === 'symbol' || token.kind === 'keyword') && ops.includes(token.text))) return left;
      next();
      left = binary(token.text as BinaryOperator, left, operand(level), token);
    }
  };
  const comparisonAhead = (): BinaryOperator | null => {
    const token = peek();
    if (token.kind === 'symbol' && COMPARISONS.has(token.text)) return token.text as BinaryOperator;
    if (isKeyword('in', token)) return 'in';
    if (isKeyword('not', token) && isKeyword('in', peek(1))) return 'not in';
    return null;
  };
  /** Comma-separated expressions up to `close`; `missing` reports anything else after an item. */
  const items = (level: number, close: string, missing: () => SyntaxFailure): Expr[] => {
    const out: Expr[] = [];
    if (isSymbol(close)) return out;
    for (;;) {
      out.push(parseOr(level));
      if (isSymbol(close)) return out;
      if (!isSymbol(',')) throw missing();
      next();
    }
  };

  const parseOr = (level: number): Expr => chain(level, parseAnd, ['or']);
  const parseAnd = (level: number): Expr => chain(level, parseNot, ['and']);
  const parseNot = (level: number): Expr => {
    if (!isKeyword('not')) return parseComparison(level);
    const token = next();
    const operand = parseNot(descend(level, token));
    return node(
      { type: 'unary', op: 'not', operand, start: token.start, end: endOf(operand) },
      1 + height(operand),
      token,
    );
  };
  const parseComparison = (level: number): Expr => {
    const left = parseAdditive(level);
    const op = comparisonAhead();
    if (op === null) {
      if (isKeyword('not')) throw failure('expected_in', peek());
      return left;
    }
    const token = next();
    if (op === 'not in') next();
    const expr = binary(op, left, parseAdditive(level), token);
    // Comparisons do not associate: `a < b < c` is almost always a mistake for `a < b and b < c`.
    if (comparisonAhead() !== null) throw failure('chained_comparison', peek());
    return expr;
  };
  const parseAdditive = (level: number): Expr => chain(level, parseMultiplicative, ['+', '-']);
  const parseMultiplicative = (level: number): Expr => chain(level, parseUnary, ['*', '/', '%']);
  const parseUnary = (level: number): Expr => {
    if (!isSymbol('-')) return parsePrimary(level);
    const token = next();
    const operand = parseUnary(descend(level, token));
    return node(
      { type: 'unary', op: '-', operand, start: token.start, end: endOf(operand) },
      1 + height(operand),
      token,
    );
  };
  const parsePrimary = (level: number): Expr => {
    const token = next();
    const { kind, text, start, end } = token;
    if (kind === 'number' || kind === 'string') return { type: 'literal', value: token.value, start, end };
    if (kind === 'keyword' && (text === 'true' || text === 'false' || text === 'null')) {
      return { type: 'literal', value: text === 'null' ? null : text === 'true', start, end };
    }
    if (kind === 'identifier') {
      return isSymbol('(') ? parseCall(token, level) : { type: 'identifier', name: text, start, end };
    }
    if (kind === 'end') throw failure('unexpected_end', token);
    if (isSymbol('(', token)) {
      const inner = parseOr(descend(level, token));
      if (!isSymbol(')')) throw failure('missing_paren', peek(), { open: start });
      written.set(inner, { start, end: next().end });
      // Parentheses make no node, but they count as a level so that `((((x))))` is bounded too.
      return node(inner, height(inner) + 1, token);
    }
    if (isSymbol('[', token)) {
      const list = items(descend(level, token), ']', () =>
        failure('missing_bracket', peek(), { open: start }),
      );
      return node({ type: 'list', items: list, start, end: next().end }, 1 + tallest(list), token);
    }
    throw failure('expected_operand', token, { token: display(token) });
  };
  const parseCall = (name: Token, level: number): Expr => {
    if (!isFunctionName(name.text)) {
      const lower = name.text.toLowerCase();
      const suggestion = functionNames.find((f) => f === lower);
      throw failure(
        'unknown_function',
        name,
        suggestion ? { name: name.text, suggestion } : { name: name.text },
      );
    }
    const open = next();
    const args = items(descend(level, open), ')', () =>
      failure('missing_paren', peek(), { open: open.start, list: true }),
    );
    const close = next();
    const signature = functionSignatures[name.text];
    if (args.length < signature.min || args.length > signature.max) {
      throw failure('wrong_arity', name, {
        name: name.text,
        min: signature.min,
        max: Number.isFinite(signature.max) ? signature.max : null,
        count: args.length,
      });
    }
    const first = args[0];
    if (signature.idArgument && first !== undefined && first.type !== 'identifier') {
      throw new SyntaxFailure('argument_not_identifier', { position: first.start, name: name.text });
    }
    return node(
      { type: 'call', name: name.text, args, start: name.start, end: close.end },
      1 + tallest(args),
      name,
    );
  };

  if (peek().kind === 'end') throw new SyntaxFailure('empty', { position: 0 });
  const expr = parseOr(1);
  const token = peek();
  if (token.kind === 'end') return expr;
  if (token.text === ')' || token.text === ']')
    throw failure('unmatched_closing', token, { token: token.text });
  if (isKeyword('not', token)) {
    // Only `not in` may follow a complete comparison; `a = 1 not in …` is a chained comparison.
    throw failure(isKeyword('in', peek(1)) ? 'chained_comparison' : 'expected_in', token);
  }
  throw failure('unexpected_token', token, { token: display(token) });
}
