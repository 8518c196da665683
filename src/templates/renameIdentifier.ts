import { type Expr, parseExpression } from '../expr/index.js';

/**
 * Rewrites every use of the identifier `from` in an expression's source as `to`, keeping the rest of
 * the text as written. Source that does not parse is returned unchanged (parseTemplate reports it).
 */
export function renameIdentifier(source: string, from: string, to: string): string {
  const parsed = parseExpression(source);
  if (!parsed.success) return source;
  const spans: Array<{ start: number; end: number }> = [];
  collect(parsed.expr, from, spans);
  // Replace from the end so that earlier offsets stay valid.
  spans.sort((a, b) => b.start - a.start);
  let out = source;
  for (const { start, end } of spans) out = out.slice(0, start) + to + out.slice(end);
  return out;
}

// The parser bounds nesting depth, so recursion here stays shallow.
function collect(expr: Expr, name: string, spans: Array<{ start: number; end: number }>): void {
  switch (expr.type) {
    case 'identifier':
      if (expr.name === name) spans.push({ start: expr.start, end: expr.end });
      return;
    case 'list':
      for (const item of expr.items) collect(item, name, spans);
      return;
    case 'unary':
      collect(expr.operand, name, spans);
      return;
    case 'binary':
      collect(expr.left, name, spans);
      collect(expr.right, name, spans);
      return;
    case 'call':
      for (const arg of expr.args) collect(arg, name, spans);
      return;
    default:
      return;
  }
}
