import { describe, expect, it } from 'vitest';
import type { Expr, ParseExpressionOptions } from '../../src/expr/index.js';
import { parseExpression } from '../../src/expr/index.js';

function parse(source: string, options?: ParseExpressionOptions): Expr {
  const result = parseExpression(source, options);
  if (!result.success) throw new Error(`${source}: ${result.issues.map((i) => i.message).join('; ')}`);
  return result.expr;
}

/** The tree as an S-expression, so precedence tests read at a glance. */
function sx(expr: Expr): string {
  switch (expr.type) {
    case 'literal':
      return JSON.stringify(expr.value);
    case 'identifier':
      return expr.name;
    case 'list':
      return `[${expr.items.map(sx).join(' ')}]`;
    case 'unary':
      return `(${expr.op} ${sx(expr.operand)})`;
    case 'binary':
      return `(${expr.op} ${sx(expr.left)} ${sx(expr.right)})`;
    case 'call':
      return `(${expr.name}${expr.args.map((a) => ` ${sx(a)}`).join('')})`;
  }
}

const tree = (source: string) => sx(parse(source));

function failure(source: string, options?: ParseExpressionOptions) {
  const result = parseExpression(source, options);
  if (result.success) throw new Error(`${source} parsed`);
  expect(result.issues).toHaveLength(1);
  const issue = result.issues[0]!;
  expect(issue.path).toEqual([]);
  return {
    code: issue.code,
    position: issue.params?.position,
    params: issue.params ?? {},
    message: issue.message,
  };
}

describe('parseExpression: the examples of the brief', () => {
  it.each([
    ['gender = 1 and children > 0', '(and (= gender 1) (> children 0))'],
    ['not answered(q3) or selected(q4, 2)', '(or (not (answered q3)) (selected q4 2))'],
    ['age_band in [3, 4, 5]', '(in age_band [3 4 5])'],
    ['sum(h1, h2) >= 40', '(>= (sum h1 h2) 40)'],
  ])('%s', (source, expected) => {
    expect(tree(source)).toBe(expected);
  });
});

describe('parseExpression: precedence, low to high', () => {
  it.each([
    ['a or b and c', '(or a (and b c))'],
    ['a and b or c', '(or (and a b) c)'],
    ['not a and b', '(and (not a) b)'],
    ['not a or not b', '(or (not a) (not b))'],
    ['not a = 1', '(not (= a 1))'],
    ['not a in [1]', '(not (in a [1]))'],
    ['a = 1 + 2', '(= a (+ 1 2))'],
    ['a + b in [1, 2]', '(in (+ a b) [1 2])'],
    ['a + b * c', '(+ a (* b c))'],
    ['a * b + c', '(+ (* a b) c)'],
    ['a - b % c', '(- a (% b c))'],
    ['-a * b', '(* (- a) b)'],
    ['- a + b', '(+ (- a) b)'],
    ['-a = -1', '(= (- a) (- 1))'],
    ['(a or b) and c', '(and (or a b) c)'],
    ['(a + b) * c', '(* (+ a b) c)'],
    ['not not a', '(not (not a))'],
    ['- - 1', '(- (- 1))'],
    ['--1', '(- (- 1))'],
    ['a = 1 and b = 2 or c = 3 and not d', '(or (and (= a 1) (= b 2)) (and (= c 3) (not d)))'],
  ])('%s', (source, expected) => {
    expect(tree(source)).toBe(expected);
  });
});

describe('parseExpression: associativity', () => {
  it.each([
    ['a - b - c', '(- (- a b) c)'],
    ['a + b - c', '(- (+ a b) c)'],
    ['a / b * c', '(* (/ a b) c)'],
    ['a % b % c', '(% (% a b) c)'],
    ['a or b or c', '(or (or a b) c)'],
    ['a and b and c', '(and (and a b) c)'],
    ['a - (b - c)', '(- a (- b c))'],
  ])('%s is left-associative', (source, expected) => {
    expect(tree(source)).toBe(expected);
  });

  it.each([
    ['a < b < c', 6],
    ['a = b = c', 6],
    ['a = 1 <> 2', 6],
    ['a in b in c', 7],
    ['a = b in c', 6],
    ['a = 1 not in [1]', 6],
    ['a in [1] = true', 9],
  ])('comparisons do not associate: %s', (source, position) => {
    const f = failure(source);
    expect(f.code).toBe('chained_comparison');
    expect(f.position).toBe(position);
  });

  it('parenthesised comparisons may be compared', () => {
    expect(tree('(a < b) = (c < d)')).toBe('(= (< a b) (< c d))');
  });
});

describe('parseExpression: operators', () => {
  it.each([
    ['a = 1', '='],
    ['a == 1', '='],
    ['a != 1', '!='],
    ['a <> 1', '!='],
    ['a < 1', '<'],
    ['a <= 1', '<='],
    ['a > 1', '>'],
    ['a >= 1', '>='],
    ['a in [1]', 'in'],
    ['a not in [1]', 'not in'],
  ])('%s gives %s', (source, op) => {
    const expr = parse(source);
    expect(expr.type === 'binary' && expr.op).toBe(op);
  });

  it('needs no spaces', () => {
    expect(tree('a==1 and(b<>2)')).toBe('(and (= a 1) (!= b 2))');
    expect(failure('a==1and b')).toMatchObject({ code: 'invalid_number', position: 3 });
    expect(tree('a<=-1')).toBe('(<= a (- 1))');
    expect(tree('x>=1')).toBe('(>= x 1)');
  });

  it('accepts tabs and line breaks as space', () => {
    expect(tree('a = 1\n\tand\r\nb = 2')).toBe('(and (= a 1) (= b 2))');
  });
});

describe('parseExpression: literals and identifiers', () => {
  it('reads numbers with an optional fraction', () => {
    expect(tree('12')).toBe('12');
    expect(tree('3.5')).toBe('3.5');
    expect(tree('007')).toBe('7');
    expect(tree('0.000001')).toBe('0.000001');
    expect(tree('123456789012345678901234567890')).toBe('1.2345678901234568e+29');
  });

  it('reads single- and double-quoted strings with escapes', () => {
    expect(parse("'tokyo'")).toMatchObject({ type: 'literal', value: 'tokyo' });
    expect(parse('"tokyo"')).toMatchObject({ type: 'literal', value: 'tokyo' });
    expect(parse(String.raw`'it\'s'`)).toMatchObject({ value: "it's" });
    expect(parse(String.raw`"say \"hi\""`)).toMatchObject({ value: 'say "hi"' });
    expect(parse(String.raw`'a\\b\nc\td'`)).toMatchObject({ value: 'a\\b\nc\td' });
    expect(parse(`'"'`)).toMatchObject({ value: '"' });
    expect(parse(`"'"`)).toMatchObject({ value: "'" });
    expect(parse("''")).toMatchObject({ value: '' });
    expect(parse("'東京都 😀'")).toMatchObject({ value: '東京都 😀' });
  });

  it('reads true, false and null', () => {
    expect(parse('true')).toMatchObject({ type: 'literal', value: true });
    expect(parse('false')).toMatchObject({ type: 'literal', value: false });
    expect(parse('null')).toMatchObject({ type: 'literal', value: null });
  });

  it('takes keywords in lowercase only', () => {
    expect(parse('True')).toMatchObject({ type: 'identifier', name: 'True' });
    expect(parse('NULL')).toMatchObject({ type: 'identifier', name: 'NULL' });
    expect(failure('a AND b')).toMatchObject({ code: 'unexpected_token', position: 2 });
  });

  it('reads identifiers of letters, digits and underscores', () => {
    for (const name of ['q1', '_x', 'A_b_9', 'constructor', '__proto__', 'sum', 'andy', 'notes', 'in_2']) {
      expect(parse(name)).toEqual({ type: 'identifier', name, start: 0, end: name.length });
    }
  });

  it('reads lists, empty or nested', () => {
    expect(tree('[]')).toBe('[]');
    expect(tree('[1, [2, a], b + 1]')).toBe('[1 [2 a] (+ b 1)]');
  });
});

describe('parseExpression: functions', () => {
  it.each([
    ['answered(q1)', '(answered q1)'],
    ['selected(q1, 2)', '(selected q1 2)'],
    ['count(q1)', '(count q1)'],
    ['sum(a)', '(sum a)'],
    ['sum(a, b, 3, [4, 5])', '(sum a b 3 [4 5])'],
    ['mean(a, b)', '(mean a b)'],
    ['min(a, 1 + 2)', '(min a (+ 1 2))'],
    ['max(a, -b)', '(max a (- b))'],
    ['selected(q1, 1 + 1)', '(selected q1 (+ 1 1))'],
  ])('%s', (source, expected) => {
    expect(tree(source)).toBe(expected);
  });

  it('accepts a parenthesised id as first argument', () => {
    expect(tree('answered((a))')).toBe('(answered a)');
  });

  it('lets ids share names with functions when not called', () => {
    expect(tree('count(count) + sum')).toBe('(+ (count count) sum)');
  });

  it.each([
    ['answered()', 'answered', 0, 1, 1],
    ['answered(a, b)', 'answered', 2, 1, 1],
    ['selected(q)', 'selected', 1, 2, 2],
    ['selected(q, 1, 2)', 'selected', 3, 2, 2],
    ['count(a, b)', 'count', 2, 1, 1],
    ['sum()', 'sum', 0, 1, null],
    ['mean()', 'mean', 0, 1, null],
    ['min()', 'min', 0, 1, null],
    ['max()', 'max', 0, 1, null],
  ])('%s has the wrong number of arguments', (source, name, count, min, max) => {
    const f = failure(source);
    expect(f).toMatchObject({ code: 'wrong_arity', position: 0 });
    expect(f.params).toMatchObject({ name, count, min, max });
  });

  it.each([
    ['answered(1)', 9],
    ['selected(q + 1, 2)', 9],
    ["count('a')", 6],
    ['x = 1 and answered([a])', 19],
  ])('%s needs an id as first argument', (source, position) => {
    expect(failure(source)).toMatchObject({ code: 'argument_not_identifier', position });
  });

  it('rejects unknown functions, suggesting the lowercase name', () => {
    expect(failure('a = 1 and foo(x)')).toMatchObject({ code: 'unknown_function', position: 10 });
    const f = failure('Sum(x)');
    expect(f.params).toMatchObject({ name: 'Sum', suggestion: 'sum' });
    expect(failure('Sum(x)', { locale: 'ja' }).message).toContain('「sum」のことでしょうか');
    expect(failure('toString(x)').params).not.toHaveProperty('suggestion');
  });
});

describe('parseExpression: positions', () => {
  it('gives every node its start and end', () => {
    expect(parse('gender = 1')).toEqual({
      type: 'binary',
      op: '=',
      left: { type: 'identifier', name: 'gender', start: 0, end: 6 },
      right: { type: 'literal', value: 1, start: 9, end: 10 },
      start: 0,
      end: 10,
    });
  });

  it('keeps parentheses out of a node but inside its parent', () => {
    const expr = parse('(a) = ( 1 )');
    expect(expr).toMatchObject({ start: 0, end: 11 });
    expect(expr.type === 'binary' && expr.left).toMatchObject({ start: 1, end: 2 });
    expect(expr.type === 'binary' && expr.right).toMatchObject({ start: 8, end: 9 });
  });

  it('counts in UTF-16 code units', () => {
    const expr = parse("'😀' = x");
    expect(expr.type === 'binary' && expr.right).toMatchObject({ start: 7, end: 8 });
  });

  it('spans calls, lists and unary operators', () => {
    expect(parse(' sum( a ) ')).toMatchObject({ start: 1, end: 9 });
    expect(parse('[1,2]')).toMatchObject({ start: 0, end: 5 });
    expect(parse('not  (a)')).toMatchObject({ start: 0, end: 8 });
    expect(parse('-(a)')).toMatchObject({ start: 0, end: 4 });
  });
});

describe('parseExpression: errors and their positions', () => {
  it.each([
    ['', 'empty', 0],
    ['   \n', 'empty', 0],
    ['a =', 'unexpected_end', 3],
    ['a = 1 and', 'unexpected_end', 9],
    ['sum(a,', 'unexpected_end', 6],
    ['not', 'unexpected_end', 3],
    ['a = = 1', 'expected_operand', 4],
    ['and a', 'expected_operand', 0],
    ['a = )', 'expected_operand', 4],
    ['()', 'expected_operand', 1],
    ['[1, ]', 'expected_operand', 4],
    ['sum(a, )', 'expected_operand', 7],
    ['a = 1 b', 'unexpected_token', 6],
    ['true(1)', 'unexpected_token', 4],
    ["a = 1 'x'", 'unexpected_token', 6],
    ['a = 1)', 'unmatched_closing', 5],
    ['a]', 'unmatched_closing', 1],
    ['(a = 1', 'missing_paren', 6],
    ['(a = 1 b', 'missing_paren', 7],
    ['sum(a b)', 'missing_paren', 6],
    ['[1 2]', 'missing_bracket', 3],
    ['[1, 2', 'missing_bracket', 5],
    ['a not b', 'expected_in', 2],
    ['a not', 'expected_in', 2],
    ['a = 1 not b', 'expected_in', 6],
    ["'abc", 'unterminated_string', 0],
    ['a = "x', 'unterminated_string', 4],
    ["'abc\\'", 'unterminated_string', 0],
    ["'abc\\", 'unterminated_string', 0],
    ["'a\\q'", 'invalid_escape', 2],
    ["'a\\u0041'", 'invalid_escape', 2],
    ['1.', 'invalid_number', 0],
    ['a = 1.x', 'invalid_number', 4],
    ['1e5', 'invalid_number', 0],
    ['12abc', 'invalid_number', 0],
    ['1.2.3', 'invalid_number', 0],
    ['.5', 'unexpected_character', 0],
    ['a ! b', 'unexpected_character', 2],
    ['a && b', 'unexpected_character', 2],
    ['$x', 'unexpected_character', 0],
    ['a = 1 ; b', 'unexpected_character', 6],
    ['性別 = 1', 'unexpected_character', 0],
    ['a\0', 'unexpected_character', 1],
    ['a = \uD800', 'unexpected_character', 4],
    ['a = 😀', 'unexpected_character', 4],
    ['a ＝ 1', 'fullwidth_character', 2],
    ['a\u3000= 1', 'fullwidth_character', 1],
    ['ａ = 1', 'fullwidth_character', 0],
    [`${'9'.repeat(400)}`, 'number_too_large', 0],
  ])('%j → %s at %d', (source, code, position) => {
    expect(failure(source)).toMatchObject({ code, position });
  });

  it('marks problems at the end of the source', () => {
    expect(failure('a =').params).toMatchObject({ atEnd: true });
    expect(failure('(a').params).toMatchObject({ atEnd: true, open: 0 });
    expect(failure('a = = 1').params).not.toHaveProperty('atEnd');
  });

  it('names the opening bracket of a missing closing one', () => {
    expect(failure('a and (b or (c = 1)').params).toMatchObject({ open: 6 });
    expect(failure('sum(a b)').params).toMatchObject({ open: 3, list: true });
    expect(failure('x in [1 2]').params).toMatchObject({ open: 5 });
  });

  it('reports the offending token', () => {
    expect(failure('a = = 1').params).toMatchObject({ token: '=' });
    expect(failure(`a = 1 '${'x'.repeat(100)}'`).params.token).toHaveLength(21);
    expect(failure('a = 1)').params).toMatchObject({ token: ')' });
    expect(failure('1.').params).toMatchObject({ text: '1.', reason: 'fraction' });
    expect(failure('1e5').params).toMatchObject({ text: '1e5', reason: 'suffix' });
    expect(failure("'a\\q'").params).toMatchObject({ escape: '\\q' });
    expect(failure('a ＝ 1').params).toMatchObject({ char: '＝', suggestion: '=' });
    expect(failure('a = 😀').params).toMatchObject({ char: '😀' });
  });

  it('finds the first problem in source order', () => {
    expect(failure("a = = 'unterminated")).toMatchObject({ code: 'expected_operand', position: 4 });
    expect(failure("'x' = 1 = '")).toMatchObject({ code: 'chained_comparison', position: 8 });
  });

  it('writes messages for people in Japanese and English', () => {
    expect(failure('(a = 1', { locale: 'ja' }).message).toBe(
      '式の末尾: 閉じ括弧「)」がありません（1文字目の「(」に対応するもの）',
    );
    expect(failure('(a = 1 b', { locale: 'ja' }).message).toBe(
      '8文字目: 閉じ括弧「)」がありません（1文字目の「(」に対応するもの）',
    );
    expect(failure('(a = 1 b', { locale: 'en' }).message).toBe(
      'At character 8: expected ")" to close the "(" at character 1',
    );
    expect(failure('a = = 1').message).toMatch(/^5文字目: /);
    expect(failure('a\0', { locale: 'en' }).message).toContain('U+0000');
    expect(failure('a = \uD800', { locale: 'ja' }).message).toContain('U+D800');
    expect(failure('a\u3000= 1', { locale: 'ja' }).message).toContain('全角スペース');
  });
});

describe('parseExpression: limits', () => {
  it('rejects sources longer than maxLength, 2,000 by default', () => {
    expect(parseExpression('a'.repeat(2000)).success).toBe(true);
    const f = failure('a'.repeat(2001));
    expect(f).toMatchObject({ code: 'too_long', position: 2000 });
    expect(f.params).toMatchObject({ length: 2001, limit: 2000 });
    expect(failure('a = 1', { maxLength: 4 })).toMatchObject({ code: 'too_long', position: 4 });
    expect(parseExpression('a'.repeat(5000), { maxLength: 5000 }).success).toBe(true);
  });

  it('rejects nesting deeper than maxDepth, 64 by default', () => {
    expect(parseExpression(`${'not '.repeat(63)}a`).success).toBe(true);
    const f = failure(`${'not '.repeat(64)}a`);
    expect(f).toMatchObject({ code: 'too_deep', position: 63 * 4 });
    expect(f.params).toMatchObject({ limit: 64 });
    expect(parseExpression(`${'('.repeat(63)}a${')'.repeat(63)}`).success).toBe(true);
    expect(failure(`${'('.repeat(64)}a${')'.repeat(64)}`)).toMatchObject({ code: 'too_deep', position: 63 });
    expect(failure('not not a', { maxDepth: 2 })).toMatchObject({ code: 'too_deep', position: 4 });
    expect(parseExpression('not a', { maxDepth: 2 }).success).toBe(true);
  });

  it('counts long chains of operators as depth', () => {
    const terms = (n: number) => Array.from({ length: n }, (_, i) => `q${i}`).join(' or ');
    expect(parseExpression(terms(64)).success).toBe(true);
    expect(failure(terms(65))).toMatchObject({ code: 'too_deep' });
    expect(parseExpression(terms(65), { maxDepth: 65 }).success).toBe(true);
    expect(failure(`1${' + 1'.repeat(100)}`).code).toBe('too_deep');
    expect(parseExpression(`[${'1, '.repeat(500)}1]`).success).toBe(true);
    expect(parseExpression(`sum(${'a, '.repeat(500)}a)`).success).toBe(true);
  });

  it('caps maxDepth at 256', () => {
    const deep = `${'('.repeat(300)}a${')'.repeat(300)}`;
    const f = failure(deep, { maxDepth: 1e9 });
    expect(f).toMatchObject({ code: 'too_deep', position: 255 });
    expect(f.params).toMatchObject({ limit: 256 });
    expect(parseExpression(`${'('.repeat(255)}a${')'.repeat(255)}`, { maxDepth: 1e9 }).success).toBe(true);
  });

  it('treats absurd options as the defaults or the nearest sensible value', () => {
    expect(parseExpression('a = 1', { maxLength: Number.NaN }).success).toBe(true);
    expect(parseExpression('a = 1', { maxLength: -5 }).success).toBe(false);
    expect(parseExpression('not a', { maxDepth: -1 }).success).toBe(false);
    expect(parseExpression('a', { maxDepth: -1 }).success).toBe(true);
  });

  it('returns issues quickly for 5,000 open parentheses and for a 10 MB string', () => {
    const timed = (f: () => unknown) => {
      const t = performance.now();
      f();
      return performance.now() - t;
    };
    const parens = '('.repeat(5000);
    const huge = `a = ${'1'.repeat(10 * 1024 * 1024)}`;
    expect(timed(() => expect(failure(parens).code).toBe('too_long'))).toBeLessThan(500);
    expect(timed(() => expect(failure(parens, { maxLength: 1e6 }).code).toBe('too_deep'))).toBeLessThan(500);
    expect(timed(() => expect(failure(huge).code).toBe('too_long'))).toBeLessThan(500);
    expect(
      timed(() => expect(failure('('.repeat(1e7), { maxLength: 1e8 }).code).toBe('too_deep')),
    ).toBeLessThan(500);
    expect(timed(() => expect(failure(huge, { maxLength: 1e8 }).code).toBe('number_too_large'))).toBeLessThan(
      2000,
    );
  });
});
