/**
 * An operator that joins two expressions. `==` is written `=` and `<>` is written `!=` in the tree;
 * `not in` is one operator so that `q not in [1, 2]` prints back as written.
 */
export type BinaryOperator =
  | 'or'
  | 'and'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'in'
  | 'not in'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

/** A function that expressions may call. The set is fixed: templates cannot add their own. */
export type FunctionName = 'answered' | 'selected' | 'count' | 'sum' | 'mean' | 'min' | 'max';

/**
 * A parsed expression: plain objects that survive `JSON.stringify`, so a server can parse a template
 * once and ship the trees. `start` and `end` are offsets into the source in UTF-16 code units
 * (`end` is exclusive), as JavaScript string indexes count. A node's range covers its own text:
 * parentheses around the node are outside it, parentheses around its operands inside, so
 * `source.slice(start, end)` of any node parses back to that node.
 *
 * @example
 * ```ts
 * const expr: Expr = {
 *   type: 'binary', op: '=', start: 0, end: 10,
 *   left: { type: 'identifier', name: 'gender', start: 0, end: 6 },
 *   right: { type: 'literal', value: 1, start: 9, end: 10 },
 * }; // gender = 1
 * ```
 */
export type Expr =
  | { type: 'literal'; value: number | string | boolean | null; start: number; end: number }
  | { type: 'identifier'; name: string; start: number; end: number }
  | { type: 'list'; items: Expr[]; start: number; end: number }
  | { type: 'unary'; op: 'not' | '-'; operand: Expr; start: number; end: number }
  | { type: 'binary'; op: BinaryOperator; left: Expr; right: Expr; start: number; end: number }
  | { type: 'call'; name: FunctionName; args: Expr[]; start: number; end: number };
