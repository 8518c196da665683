import type { Expr } from '../../expr/index.js';
import { XPATH_FUNCTIONS, XPATH_OPERATORS } from './xPathOperators.js';

/**
 * A kizuki expression as an XLSForm (XPath) expression: ids become `${id}`, `selected(q, 2)`
 * becomes `selected(${q}, '2')`, `count(q)` becomes `count-selected(${q})`, `in` becomes a chain of
 * `or`. Returns the text, or the name of the first construct XPath has no counterpart for.
 */
export function toXPath(expr: Expr): { xpath: string } | { unsupported: string } {
  try {
    return { xpath: print(expr) };
  } catch (error) {
    if (error instanceof Unsupported) return { unsupported: error.message };
    throw error;
  }
}

class Unsupported extends Error {}

// The expression parser bounds nesting depth, so this recursion stays shallow.
function print(e: Expr): string {
  switch (e.type) {
    case 'literal':
      if (typeof e.value === 'number') return String(e.value);
      if (typeof e.value === 'boolean') return e.value ? 'true()' : 'false()';
      if (typeof e.value === 'string' && !e.value.includes("'")) return `'${e.value}'`;
      throw new Unsupported(e.value === null ? 'null' : 'string with a quote');
    case 'identifier':
      return `\${${e.name}}`;
    case 'unary':
      return e.op === 'not' ? `not(${print(e.operand)})` : `-(${print(e.operand)})`;
    case 'list':
      throw new Unsupported('list');
    case 'binary': {
      if (e.op === 'in' || e.op === 'not in') {
        if (e.right.type !== 'list' || e.right.items.length === 0) throw new Unsupported(e.op);
        const left = print(e.left);
        const any = e.right.items.map((item) => `${left} = ${print(item)}`).join(' or ');
        return e.op === 'in' ? `(${any})` : `not(${any})`;
      }
      const op = XPATH_OPERATORS[e.op]!;
      return `(${print(e.left)} ${op} ${print(e.right)})`;
    }
    case 'call': {
      const [first, second] = e.args;
      if (e.name === 'selected' && first && second?.type === 'literal') {
        return `${XPATH_FUNCTIONS.selected}(${print(first)}, '${String(second.value)}')`;
      }
      if (e.name === 'answered' && first) return `string-length(${print(first)}) > 0`;
      if (e.name === 'count' && first) return `${XPATH_FUNCTIONS.count}(${print(first)})`;
      throw new Unsupported(`${e.name}()`);
    }
  }
}
