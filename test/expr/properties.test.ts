import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BinaryOperator, Expr, FunctionName, Value } from '../../src/expr/index.js';
import {
  evaluateExpression,
  expressionDependencies,
  parseExpression,
  printExpression,
} from '../../src/expr/index.js';

// ---------- arbitraries ----------

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null']);
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'];
const OPERATORS: BinaryOperator[] = [
  'or',
  'and',
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'not in',
  '+',
  '-',
  '*',
  '/',
  '%',
];

const identifier = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,5}$/).filter((s) => !KEYWORDS.has(s)),
  fc.constantFrom(...PROTOTYPE_KEYS, 'q1', 'q2', 'q3'),
);

const at = { start: 0, end: 0 };

const literal: fc.Arbitrary<Expr> = fc
  .oneof(
    fc.nat({ max: 20 }),
    fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n)),
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.boolean(),
    fc.constant(null),
  )
  .map((value) => ({ type: 'literal', value, ...at }));

/** Trees the parser can produce: non-negative number literals, ids in the grammar, calls with the right arity. */
function treeOf(ids: fc.Arbitrary<string>): fc.Arbitrary<Expr> {
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
    const sub = tie('expr');
    const id = ids.map((name): Expr => ({ type: 'identifier', name, ...at }));
    const call = fc
      .constantFrom<FunctionName>('answered', 'selected', 'count', 'sum', 'mean', 'min', 'max')
      .chain((name): fc.Arbitrary<Expr> => {
        if (name === 'answered' || name === 'count')
          return id.map((arg) => ({ type: 'call', name, args: [arg], ...at }));
        if (name === 'selected')
          return fc.tuple(id, sub).map((args) => ({ type: 'call', name, args, ...at }));
        return fc
          .array(sub, { minLength: 1, maxLength: 3 })
          .map((args) => ({ type: 'call', name, args, ...at }));
      });
    return {
      expr: fc.oneof(
        { maxDepth: 5, depthSize: 'small', withCrossShrink: true },
        literal,
        id,
        fc
          .tuple(fc.constantFrom<'not' | '-'>('not', '-'), sub)
          .map(([op, operand]): Expr => ({ type: 'unary', op, operand, ...at })),
        fc
          .tuple(fc.constantFrom(...OPERATORS), sub, sub)
          .map(([op, left, right]): Expr => ({ type: 'binary', op, left, right, ...at })),
        fc.array(sub, { maxLength: 3 }).map((items): Expr => ({ type: 'list', items, ...at })),
        call,
      ),
    };
  });
  return expr;
}

const anyTree = treeOf(identifier);

/** Grammar fragments glued at random: most are wrong, which is the point. */
const tokenSoup = fc
  .array(
    fc.constantFrom(
      '(',
      ')',
      '[',
      ']',
      ',',
      ' ',
      'a',
      'q1',
      '1',
      '2.5',
      "'s'",
      '"t"',
      'not',
      'and',
      'or',
      'in',
      'true',
      'null',
      '=',
      '==',
      '!=',
      '<>',
      '<',
      '>=',
      '+',
      '-',
      '*',
      '/',
      '%',
      'sum',
      'answered',
      'selected',
      'count',
      'max',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

// ---------- helpers ----------

function strip(expr: Expr): unknown {
  switch (expr.type) {
    case 'literal':
      return { type: 'literal', value: expr.value };
    case 'identifier':
      return { type: 'identifier', name: expr.name };
    case 'list':
      return { type: 'list', items: expr.items.map(strip) };
    case 'unary':
      return { type: 'unary', op: expr.op, operand: strip(expr.operand) };
    case 'binary':
      return { type: 'binary', op: expr.op, left: strip(expr.left), right: strip(expr.right) };
    case 'call':
      return { type: 'call', name: expr.name, args: expr.args.map(strip) };
  }
}

const LOOSE = { maxLength: Number.POSITIVE_INFINITY, maxDepth: 256 };

function reparse(source: string): Expr {
  const result = parseExpression(source, LOOSE);
  if (!result.success) throw new Error(`${JSON.stringify(source)}: ${result.issues[0]?.message}`);
  return result.expr;
}

function nodes(expr: Expr): Expr[] {
  const out: Expr[] = [expr];
  if (expr.type === 'list') for (const item of expr.items) out.push(...nodes(item));
  if (expr.type === 'call') for (const arg of expr.args) out.push(...nodes(arg));
  if (expr.type === 'unary') out.push(...nodes(expr.operand));
  if (expr.type === 'binary') out.push(...nodes(expr.left), ...nodes(expr.right));
  return out;
}

function isValue(value: unknown): value is Value {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return Array.isArray(value) && value.every((n) => typeof n === 'number' && Number.isFinite(n));
}

/** A generic walk over any object graph: the brute-force reference for the dependency walk. */
function bruteForceIds(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) bruteForceIds(v, out);
  else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.type === 'identifier' && typeof record.name === 'string') out.add(record.name);
    for (const v of Object.values(record)) bruteForceIds(v, out);
  }
  return out;
}

// ---------- properties ----------

describe('parseExpression never throws', () => {
  const wellFormed = (source: string, options?: Parameters<typeof parseExpression>[1]) => {
    const result = parseExpression(source, options);
    if (result.success) return;
    expect(result.issues).toHaveLength(1);
    const issue = result.issues[0]!;
    expect(issue.path).toEqual([]);
    expect(typeof issue.message).toBe('string');
    const position = issue.params?.position;
    expect(Number.isInteger(position)).toBe(true);
    expect(position).toBeGreaterThanOrEqual(0);
    expect(position).toBeLessThanOrEqual(source.length);
  };

  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string(), (s) => wellFormed(s)),
      { numRuns: 2000 },
    );
  });

  it('on arbitrary UTF-16 (lone surrogates, NUL, controls)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => wellFormed(s)),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (s) => wellFormed(s)),
      { numRuns: 1000 },
    );
  });

  it('on long strings', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1000, maxLength: 6000 }), (s) => {
        wellFormed(s);
        wellFormed(s, LOOSE);
      }),
      { numRuns: 50 },
    );
  });

  it('on token soup, and what parses prints back to the same tree', () => {
    fc.assert(
      fc.property(tokenSoup, (s) => {
        wellFormed(s);
        const result = parseExpression(s);
        if (result.success) expect(strip(reparse(printExpression(result.expr)))).toEqual(strip(result.expr));
      }),
      { numRuns: 3000 },
    );
  });

  it('with any options', () => {
    fc.assert(
      fc.property(
        tokenSoup,
        fc.integer({ min: -5, max: 300 }),
        fc.integer({ min: -5, max: 300 }),
        (s, maxLength, maxDepth) => wellFormed(s, { maxLength, maxDepth }),
      ),
    );
  });
});

describe('printExpression round trip', () => {
  it('parse(print(tree)) is the tree, apart from positions', () => {
    fc.assert(
      fc.property(anyTree, (tree) => {
        const printed = printExpression(tree);
        const parsed = reparse(printed);
        expect(strip(parsed)).toEqual(strip(tree));
        expect(printExpression(parsed)).toBe(printed);
      }),
      { numRuns: 2000 },
    );
  });

  it('the text between start and end of every node parses to that node', () => {
    fc.assert(
      fc.property(anyTree, (tree) => {
        const source = printExpression(tree);
        for (const node of nodes(reparse(source))) {
          expect(node.start).toBeLessThan(node.end);
          expect(strip(reparse(source.slice(node.start, node.end)))).toEqual(strip(node));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('printing keeps the meaning', () => {
    const answers = fc.dictionary(
      fc.constantFrom('q1', 'q2', 'q3'),
      fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant([1, 2])),
    );
    const tree = treeOf(fc.constantFrom('q1', 'q2', 'q3'));
    fc.assert(
      fc.property(tree, answers, (t, a) => {
        expect(evaluateExpression(reparse(printExpression(t)), a)).toEqual(evaluateExpression(t, a));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('evaluateExpression never throws', () => {
  const hostileValue = fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    withUnicodeString: true,
  });
  const key = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, 'q1', 'q2', 'q3'), fc.string());
  const answers = fc.oneof(
    fc.dictionary(key, hostileValue),
    fc.dictionary(
      key,
      fc.oneof(fc.double(), fc.array(fc.double()), fc.string(), fc.constant([]), fc.constant('')),
    ),
  );
  const tree = treeOf(fc.constantFrom(...PROTOTYPE_KEYS, 'q1', 'q2', 'q3'));

  it('on any answers, returning a valid value', () => {
    fc.assert(
      fc.property(tree, answers, (t, a) => {
        const value = evaluateExpression(t, a);
        expect(isValue(value)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('and reads prototype-named ids as unanswered unless they are own answers', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROTOTYPE_KEYS), (name) => {
        expect(evaluateExpression(reparse(name), {})).toBeNull();
        expect(evaluateExpression(reparse(`answered(${name})`), {})).toBe(false);
      }),
    );
  });
});

describe('three-valued laws', () => {
  const truth = fc.constantFrom('true', 'false', 'null', 'q1 = 1', 'q2 = 1');
  const answers = fc.record(
    { q1: fc.constantFrom(1, 2, '', Number.NaN), q2: fc.constantFrom(1, 2) },
    { requiredKeys: [] },
  );
  const ev = (source: string, a: Record<string, unknown>) => evaluateExpression(reparse(source), a);

  it('De Morgan and double negation hold', () => {
    fc.assert(
      fc.property(truth, truth, answers, (p, q, a) => {
        expect(ev(`not (${p} and ${q})`, a)).toBe(ev(`not (${p}) or not (${q})`, a));
        expect(ev(`not (${p} or ${q})`, a)).toBe(ev(`not (${p}) and not (${q})`, a));
        expect(ev(`not not (${p})`, a)).toBe(ev(p, a));
        expect(ev(`(${p}) and (${q})`, a)).toBe(ev(`(${q}) and (${p})`, a));
      }),
    );
  });

  it('x not in L is not (x in L), and in is a chain of =', () => {
    const item = fc.constantFrom('1', '2', "'1'", 'q1', 'q2', 'q3');
    fc.assert(
      fc.property(item, fc.array(item, { maxLength: 4 }), answers, (x, list, a) => {
        const l = `[${list.join(', ')}]`;
        expect(ev(`${x} not in ${l}`, a)).toBe(ev(`not (${x} in ${l})`, a));
        const chain = list.length === 0 ? 'false' : list.map((i) => `${x} = ${i}`).join(' or ');
        const expected = ev(x, a) === null ? null : ev(chain, a);
        expect(ev(`${x} in ${l}`, a)).toBe(expected);
      }),
    );
  });
});

describe('expressionDependencies', () => {
  it('matches a brute-force walk', () => {
    fc.assert(
      fc.property(anyTree, (tree) => {
        expect(expressionDependencies(tree)).toEqual([...bruteForceIds(tree)].sort());
      }),
      { numRuns: 2000 },
    );
  });

  it('is the same before and after printing', () => {
    fc.assert(
      fc.property(anyTree, (tree) => {
        expect(expressionDependencies(reparse(printExpression(tree)))).toEqual(expressionDependencies(tree));
      }),
    );
  });
});
