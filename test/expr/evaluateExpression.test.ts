import { describe, expect, it } from 'vitest';
import type { Expr, Value } from '../../src/expr/index.js';
import { evaluateExpression, isTrue, parseExpression } from '../../src/expr/index.js';

function parse(source: string): Expr {
  const result = parseExpression(source);
  if (!result.success) throw new Error(`${source}: ${result.issues[0]?.message}`);
  return result.expr;
}

const ev = (source: string, answers: Record<string, unknown> = {}): Value =>
  evaluateExpression(parse(source), answers);

const K = ['true', 'false', 'null'] as const;
const kleene = (v: (typeof K)[number]) => (v === 'null' ? null : v === 'true');

describe('evaluateExpression: three-valued logic', () => {
  // The expected tables are written out rather than computed, so they document the rules.
  const AND: Record<string, boolean | null> = {
    'true true': true,
    'true false': false,
    'true null': null,
    'false true': false,
    'false false': false,
    'false null': false,
    'null true': null,
    'null false': false,
    'null null': null,
  };
  const OR: Record<string, boolean | null> = {
    'true true': true,
    'true false': true,
    'true null': true,
    'false true': true,
    'false false': false,
    'false null': null,
    'null true': true,
    'null false': null,
    'null null': null,
  };

  for (const a of K) {
    for (const b of K) {
      it(`${a} and ${b} is ${AND[`${a} ${b}`]}; ${a} or ${b} is ${OR[`${a} ${b}`]}`, () => {
        expect(ev(`${a} and ${b}`)).toBe(AND[`${a} ${b}`]);
        expect(ev(`${a} or ${b}`)).toBe(OR[`${a} ${b}`]);
        // The same through answers: an unanswered question is null.
        const answers: Record<string, unknown> = {};
        if (a !== 'null') answers.x = a === 'true' ? 1 : 2;
        if (b !== 'null') answers.y = b === 'true' ? 1 : 2;
        expect(ev('x = 1 and y = 1', answers)).toBe(AND[`${a} ${b}`]);
        expect(ev('x = 1 or y = 1', answers)).toBe(OR[`${a} ${b}`]);
      });
    }
    it(`not ${a} is ${a === 'null' ? null : a !== 'true'}`, () => {
      expect(ev(`not ${a}`)).toBe(kleene(a) === null ? null : !kleene(a));
    });
  }

  it('treats a non-boolean operand of and/or/not as unknown', () => {
    expect(ev('1 and true')).toBeNull();
    expect(ev('1 and false')).toBe(false);
    expect(ev("'x' or true")).toBe(true);
    expect(ev("'x' or false")).toBeNull();
    expect(ev('not 1')).toBeNull();
    expect(ev('not q', { q: [1] })).toBeNull();
  });

  it('decides without the unknown side when the known side settles it', () => {
    expect(ev('gender = 1 and children > 0', { gender: 2 })).toBe(false);
    expect(ev('gender = 1 and children > 0', { gender: 1 })).toBeNull();
    expect(ev('gender = 1 and children > 0', { gender: 1, children: 2 })).toBe(true);
    expect(ev('gender = 1 or children > 0', { children: 1 })).toBe(true);
  });
});

describe('evaluateExpression: comparisons', () => {
  it.each([
    ['1 = 1', true],
    ['1 == 2', false],
    ['1 != 2', true],
    ['1 <> 1', false],
    ['1 < 2', true],
    ['2 <= 2', true],
    ['3 > 2', true],
    ['2 >= 3', false],
    ["'a' = 'a'", true],
    ["'a' < 'b'", true],
    ["'B' < 'a'", true],
    ["'2024-04-01' < '2024-10-01'", true],
    ["'2023-12-31' >= '2024-01-01'", false],
    ['true = true', true],
    ['true != false', true],
    ['-0 = 0', true],
  ])('%s is %s', (source, expected) => {
    expect(ev(source)).toBe(expected);
  });

  it('compares strings by UTF-16 code units', () => {
    // U+FF61 is one code unit; U+1F600 starts with the surrogate U+D83D, which is smaller.
    expect(ev("'\u{1F600}' < '\uFF61'")).toBe(true);
    expect(ev("'あ' < 'い'")).toBe(true);
  });

  it('gives null with a null operand', () => {
    for (const op of ['=', '!=', '<', '<=', '>', '>=']) {
      expect(ev(`x ${op} 1`)).toBeNull();
      expect(ev(`1 ${op} x`)).toBeNull();
      expect(ev(`null ${op} null`)).toBeNull();
    }
  });

  it('gives null comparing different types', () => {
    expect(ev("1 = '1'")).toBeNull();
    expect(ev("1 != '1'")).toBeNull();
    expect(ev('true = 1')).toBeNull();
    expect(ev("x < 'b'", { x: 1 })).toBeNull();
    expect(ev('x = 1', { x: [1] })).toBeNull();
    expect(ev('x = y', { x: [1], y: [1] })).toBeNull();
    expect(ev('[1] = [1]')).toBeNull();
  });

  it('gives null ordering booleans', () => {
    expect(ev('true < false')).toBeNull();
    expect(ev('true >= true')).toBeNull();
  });
});

describe('evaluateExpression: in', () => {
  it('tests membership of a list', () => {
    expect(ev('age_band in [3, 4, 5]', { age_band: 4 })).toBe(true);
    expect(ev('age_band in [3, 4, 5]', { age_band: 1 })).toBe(false);
    expect(ev('age_band not in [3, 4, 5]', { age_band: 1 })).toBe(true);
    expect(ev("pref in ['tokyo', 'osaka']", { pref: 'osaka' })).toBe(true);
    expect(ev('1 in []')).toBe(false);
    expect(ev('1 not in []')).toBe(true);
  });

  it('is null with a null left side', () => {
    expect(ev('x in [1, 2]')).toBeNull();
    expect(ev('x not in [1, 2]')).toBeNull();
    expect(ev('x in []')).toBeNull();
  });

  it('reads like a chain of or: a match wins, else an unknown item makes it unknown', () => {
    expect(ev('1 in [y, 1]')).toBe(true);
    expect(ev('1 in [y, 2]')).toBeNull();
    expect(ev('1 not in [y, 2]')).toBeNull();
    expect(ev("1 in ['1', 2]")).toBeNull();
    expect(ev("1 in ['1', 1]")).toBe(true);
  });

  it('accepts a multiple answer on the right', () => {
    expect(ev('2 in q', { q: [1, 2] })).toBe(true);
    expect(ev('3 in q', { q: [1, 2] })).toBe(false);
    expect(ev('3 not in q', { q: [1, 2] })).toBe(true);
    expect(ev('2 in q')).toBeNull();
    expect(ev('2 in q', { q: 2 })).toBeNull();
    expect(ev("2 in 'abc'")).toBeNull();
  });

  it('gives null for a multiple answer on the left', () => {
    expect(ev('q in [1, 2]', { q: [1] })).toBeNull();
  });
});

describe('evaluateExpression: arithmetic', () => {
  it.each([
    ['1 + 2', 3],
    ['5 - 7', -2],
    ['3 * 4', 12],
    ['7 / 2', 3.5],
    ['7 % 3', 1],
    ['-7 % 3', -1],
    ['7.5 % 2', 1.5],
    ['-a', -3],
    ['- -a', 3],
    ['2 + 3 * 4', 14],
    ['(2 + 3) * 4', 20],
    ['10 - 2 - 3', 5],
    ['a * 2 + b', 9],
  ])('%s is %s', (source, expected) => {
    expect(ev(source, { a: 3, b: 3 })).toBe(expected);
  });

  it('gives null with a null operand', () => {
    for (const op of ['+', '-', '*', '/', '%']) {
      expect(ev(`x ${op} 1`)).toBeNull();
      expect(ev(`1 ${op} x`)).toBeNull();
    }
    expect(ev('-x')).toBeNull();
  });

  it('gives null on non-numbers', () => {
    expect(ev("'a' + 'b'")).toBeNull();
    expect(ev("1 + '1'")).toBeNull();
    expect(ev('true + 1')).toBeNull();
    expect(ev('q + 1', { q: [1] })).toBeNull();
    expect(ev("-'a'")).toBeNull();
    expect(ev('-true')).toBeNull();
  });

  it('gives null dividing by zero', () => {
    expect(ev('1 / 0')).toBeNull();
    expect(ev('0 / 0')).toBeNull();
    expect(ev('1 % 0')).toBeNull();
    expect(ev('1 / (a - a)', { a: 5 })).toBeNull();
  });

  it('gives null when a result is not finite', () => {
    const big = '9'.repeat(300);
    expect(ev(`${big} * ${big}`)).toBeNull();
    expect(ev(`-${big} * ${big}`)).toBeNull();
    expect(ev(`${big} * 10`)).toBe(1e301);
  });

  it('folds -0 into 0', () => {
    expect(Object.is(ev('-0'), 0)).toBe(true);
    expect(Object.is(ev('-a * 0', { a: 1 }), 0)).toBe(true);
  });
});

describe('evaluateExpression: functions', () => {
  const answers = { single: 2, multi: [1, 3], text: 'hello', num: 40, h1: 20, h2: 25.5, empty: '', none: [] };

  it('answered is always a boolean', () => {
    expect(ev('answered(single)', answers)).toBe(true);
    expect(ev('answered(multi)', answers)).toBe(true);
    expect(ev('answered(text)', answers)).toBe(true);
    expect(ev('answered(missing)', answers)).toBe(false);
    expect(ev('answered(empty)', answers)).toBe(false);
    expect(ev('answered(none)', answers)).toBe(false);
    expect(ev('not answered(q3) or selected(q4, 2)', {})).toBe(true);
  });

  it('selected is true for an equal code or a code in the array, else false', () => {
    expect(ev('selected(single, 2)', answers)).toBe(true);
    expect(ev('selected(single, 1)', answers)).toBe(false);
    expect(ev('selected(multi, 3)', answers)).toBe(true);
    expect(ev('selected(multi, 2)', answers)).toBe(false);
    expect(ev('selected(missing, 2)', answers)).toBe(false);
    expect(ev('selected(none, 2)', answers)).toBe(false);
    expect(ev('selected(single, missing)', answers)).toBe(false);
    expect(ev('selected(single, 1 + 1)', answers)).toBe(true);
    expect(ev("selected(single, '2')", answers)).toBe(false);
  });

  it('count is the array length, 1 for a scalar, 0 when unanswered', () => {
    expect(ev('count(multi)', answers)).toBe(2);
    expect(ev('count(single)', answers)).toBe(1);
    expect(ev('count(text)', answers)).toBe(1);
    expect(ev('count(missing)', answers)).toBe(0);
    expect(ev('count(none)', answers)).toBe(0);
    expect(ev('count(empty)', answers)).toBe(0);
  });

  it('sum, mean, min and max expand arrays and skip nulls', () => {
    expect(ev('sum(h1, h2)', answers)).toBe(45.5);
    expect(ev('sum(h1, h2) >= 40', answers)).toBe(true);
    expect(ev('sum(h1, missing, multi)', answers)).toBe(24);
    expect(ev('sum(multi, [10, missing, 5])', answers)).toBe(19);
    expect(ev('mean(multi)', answers)).toBe(2);
    expect(ev('mean(h1, missing)', answers)).toBe(20);
    expect(ev('min(num, multi, 7)', answers)).toBe(1);
    expect(ev('max(num, multi, -7)', answers)).toBe(40);
    expect(ev('max(-1, -5)', answers)).toBe(-1);
    expect(ev('min(1 / 0, 4)', answers)).toBe(4);
  });

  it('sum, mean, min and max of nothing are null', () => {
    for (const f of ['sum', 'mean', 'min', 'max']) {
      expect(ev(`${f}(missing)`, answers)).toBeNull();
      expect(ev(`${f}(missing, none, [])`, answers)).toBeNull();
    }
  });

  it('sum, mean, min and max of a string or boolean are null', () => {
    expect(ev('sum(h1, text)', answers)).toBeNull();
    expect(ev('mean(h1, true)', answers)).toBeNull();
    expect(ev("max([1, 'a'])", answers)).toBeNull();
  });

  it('sum gives null on overflow', () => {
    const big = '9'.repeat(308);
    expect(ev(`sum(${big}, ${big})`)).toBeNull();
    expect(ev(`mean(${big}, ${big})`)).toBeNull();
  });

  it('handles huge answer arrays without spreading them onto the stack', () => {
    const huge = Array.from({ length: 500_000 }, (_, i) => i);
    expect(ev('max(q)', { q: huge })).toBe(499_999);
    expect(ev('min(q)', { q: huge })).toBe(0);
    expect(ev('count(q)', { q: huge })).toBe(500_000);
    expect(ev('selected(q, 499999)', { q: huge })).toBe(true);
  });
});

describe('evaluateExpression: values', () => {
  it('returns answers and lists as values', () => {
    expect(ev('q', { q: 3 })).toBe(3);
    expect(ev('q', { q: 'x' })).toBe('x');
    expect(ev('q', { q: [1, 2] })).toEqual([1, 2]);
    expect(ev('[1, 2 + 1]')).toEqual([1, 3]);
    expect(ev('[1, missing]')).toBeNull();
    expect(ev("[1, 'a']")).toBeNull();
    expect(ev('[]')).toEqual([]);
    expect(ev("'x'")).toBe('x');
    expect(ev('null')).toBeNull();
  });

  it('copies answer arrays', () => {
    const q = [1, 2];
    const value = ev('q', { q });
    expect(value).toEqual([1, 2]);
    expect(value).not.toBe(q);
  });
});

describe('evaluateExpression: hostile answers', () => {
  it('reads own properties only', () => {
    for (const name of [
      'constructor',
      'toString',
      'valueOf',
      'hasOwnProperty',
      '__proto__',
      '__defineGetter__',
    ]) {
      expect(ev(name, {})).toBeNull();
      expect(ev(`answered(${name})`, {})).toBe(false);
      expect(ev(`count(${name})`, {})).toBe(0);
    }
    const inherited = Object.create({ q: 1 }) as Record<string, unknown>;
    expect(ev('q', inherited)).toBeNull();
  });

  it('reads own prototype-named keys as ordinary answers', () => {
    const answers = JSON.parse('{"__proto__": 3, "constructor": [1, 2]}') as Record<string, unknown>;
    expect(ev('__proto__', answers)).toBe(3);
    expect(ev('selected(constructor, 2)', answers)).toBe(true);
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { q: 1 });
    expect(ev('q = 1', bare)).toBe(true);
  });

  it('counts invalid answers as unanswered', () => {
    const invalid: unknown[] = [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      true,
      false,
      null,
      undefined,
      {},
      { valueOf: () => 1 },
      () => 1,
      Symbol('q'),
      10n,
      new Date(),
      [1, 'a'],
      [1, Number.NaN],
      [1, null],
      // biome-ignore lint/suspicious/noSparseArray: a hole is one of the invalid answers under test
      [1, , 2],
      [[1]],
      new Number(1),
      new String('a'),
      new Uint8Array([1]),
      '',
      [],
    ];
    for (const value of invalid) {
      const answers = { q: value };
      expect(ev('q', answers)).toBeNull();
      expect(ev('answered(q)', answers)).toBe(false);
      expect(ev('q = 1', answers)).toBeNull();
      expect(ev('count(q)', answers)).toBe(0);
      expect(ev('sum(q)', answers)).toBeNull();
    }
  });

  it('survives getters and proxies that throw', () => {
    const answers = {};
    Object.defineProperty(answers, 'q', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(ev('answered(q) or q = 1', answers)).toBeNull();
    const trap = new Proxy(
      {},
      {
        has: () => {
          throw new Error('boom');
        },
        getOwnPropertyDescriptor: () => {
          throw new Error('boom');
        },
        get: () => {
          throw new Error('boom');
        },
      },
    );
    expect(ev('q = 1', trap)).toBeNull();
    const arrayTrap = new Proxy([1, 2], {
      get: () => {
        throw new Error('boom');
      },
    });
    expect(ev('selected(q, 1)', { q: arrayTrap })).toBe(false);
    expect(ev('q', null as unknown as Record<string, unknown>)).toBeNull();
    expect(ev('q', 'q' as unknown as Record<string, unknown>)).toBeNull();
  });

  it('gives null for malformed hand-built trees', () => {
    const bad = [
      { type: 'nonsense' },
      { type: 'binary', op: '^', left: { type: 'literal', value: 1 }, right: { type: 'literal', value: 1 } },
      { type: 'call', name: 'eval', args: [] },
      { type: 'literal', value: { x: 1 } },
      { type: 'literal', value: Number.NaN },
      { type: 'unary', op: '-' },
      { type: 'call', name: 'selected', args: [] },
      { type: 'call', name: 'sum', args: [] },
    ] as unknown as Expr[];
    for (const expr of bad) expect(() => evaluateExpression(expr, {})).not.toThrow();
    for (const expr of bad.slice(0, 6)) expect(evaluateExpression(expr, {})).toBeNull();
  });

  it('gives null rather than overflowing the stack on an absurdly deep hand-built tree', () => {
    let expr: Expr = { type: 'literal', value: true, start: 0, end: 0 };
    for (let i = 0; i < 200_000; i++) expr = { type: 'unary', op: 'not', operand: expr, start: 0, end: 0 };
    expect(evaluateExpression(expr, {})).toBeNull();
  });
});

describe('isTrue', () => {
  it('is true only for true', () => {
    expect(isTrue(true)).toBe(true);
    for (const value of [false, null, 1, 0, 'true', [1]] as Value[]) expect(isTrue(value)).toBe(false);
  });

  it('hides an unknown visibleIf and does not require on an unknown requiredIf', () => {
    const visibleIf = parse('gender = 1 and children > 0');
    expect(isTrue(evaluateExpression(visibleIf, { gender: 1 }))).toBe(false);
    const requiredIf = parse('children > 0');
    expect(isTrue(evaluateExpression(requiredIf, {}))).toBe(false);
  });
});
