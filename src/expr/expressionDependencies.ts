import type { Expr } from './ast.js';

/**
 * The question and item ids an expression reads, each once, sorted by UTF-16 code units. The engine
 * uses them to know which conditions to re-evaluate when an answer changes, and the template checker
 * to find cycles.
 *
 * @example
 * ```ts
 * const result = parseExpression('not answered(q3) or selected(q4, 2) or q3 > 1');
 * if (result.success) expressionDependencies(result.expr); // ['q3', 'q4']
 * ```
 */
export function expressionDependencies(expr: Expr): string[] {
  const ids = new Set<string>();
  // An explicit stack rather than recursion, so even a hand-built tree of any depth is safe.
  const stack: Expr[] = [expr];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    switch (node.type) {
      case 'identifier':
        ids.add(node.name);
        break;
      case 'list':
        for (const item of node.items) stack.push(item);
        break;
      case 'call':
        for (const arg of node.args) stack.push(arg);
        break;
      case 'unary':
        stack.push(node.operand);
        break;
      case 'binary':
        stack.push(node.right, node.left);
        break;
    }
  }
  return [...ids].sort();
}
