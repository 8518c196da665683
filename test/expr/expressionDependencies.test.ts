import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/expr/index.js';
import { expressionDependencies, parseExpression } from '../../src/expr/index.js';

const deps = (source: string) => {
  const result = parseExpression(source);
  if (!result.success) throw new Error(result.issues[0]?.message);
  return expressionDependencies(result.expr);
};

describe('expressionDependencies', () => {
  it('lists the ids an expression reads, once each, sorted', () => {
    expect(deps('gender = 1 and children > 0')).toEqual(['children', 'gender']);
    expect(deps('not answered(q3) or selected(q4, 2) or q3 > 1')).toEqual(['q3', 'q4']);
    expect(deps('sum(h2, h1, [h3, -h10]) >= 40')).toEqual(['h1', 'h10', 'h2', 'h3']);
    expect(deps('count(b) + count(a) in [x]')).toEqual(['a', 'b', 'x']);
    expect(deps('1 + 2 = 3')).toEqual([]);
    expect(deps("'q1' = 'q1'")).toEqual([]);
  });

  it('sorts by UTF-16 code units: capitals first, then underscore, then lowercase', () => {
    expect(deps('b or a or _c or B or A')).toEqual(['A', 'B', '_c', 'a', 'b']);
  });

  it('includes ids named like prototype members', () => {
    expect(deps('constructor = 1 or __proto__ = 2 or toString = 3')).toEqual([
      '__proto__',
      'constructor',
      'toString',
    ]);
  });

  it('walks a hand-built tree of any depth without recursion', () => {
    let expr: Expr = { type: 'identifier', name: 'deep', start: 0, end: 0 };
    for (let i = 0; i < 100_000; i++) expr = { type: 'unary', op: 'not', operand: expr, start: 0, end: 0 };
    expect(expressionDependencies(expr)).toEqual(['deep']);
  });
});
