import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/expr/index.js';
import { parseExpression, printExpression } from '../../src/expr/index.js';

function canonical(source: string): string {
  const result = parseExpression(source, { maxLength: 1e6 });
  if (!result.success) throw new Error(result.issues[0]?.message);
  return printExpression(result.expr);
}

const at = { start: 0, end: 0 };
const lit = (value: number | string | boolean | null): Expr => ({ type: 'literal', value, ...at });
const id = (name: string): Expr => ({ type: 'identifier', name, ...at });

describe('printExpression', () => {
  it.each([
    ['gender==1', 'gender = 1'],
    ['a<>1', 'a != 1'],
    ['(a = 1) and ((b <> 2) or c)', 'a = 1 and (b != 2 or c)'],
    ['((((a))))', 'a'],
    ['a or b and c', 'a or b and c'],
    ['(a or b) and c', '(a or b) and c'],
    ['a or (b or c)', 'a or (b or c)'],
    ['(a or b) or c', 'a or b or c'],
    ['a - (b - c)', 'a - (b - c)'],
    ['(a - b) - c', 'a - b - c'],
    ['a - (b + c)', 'a - (b + c)'],
    ['a + (b * c)', 'a + b * c'],
    ['(a + b) * c', '(a + b) * c'],
    ['a / (b * c)', 'a / (b * c)'],
    ['-(a + b) * c', '-(a + b) * c'],
    ['-(-a)', '- -a'],
    ['- - 1', '- -1'],
    ['1 - -2', '1 - -2'],
    ['-(a * b)', '-(a * b)'],
    ['not (a and b)', 'not (a and b)'],
    ['not (not a)', 'not not a'],
    ['not (a = 1)', 'not a = 1'],
    ['(not a) = b', '(not a) = b'],
    ['a = (not b)', 'a = (not b)'],
    ['-(not a)', '-(not a)'],
    ['(a = b) = c', '(a = b) = c'],
    ['a = (b = c)', 'a = (b = c)'],
    ['(a in [1]) in [true]', '(a in [1]) in [true]'],
    ['not (a in [1])', 'not a in [1]'],
    ['(not a) in [true]', '(not a) in [true]'],
    ['a  not   in[1,2 ]', 'a not in [1, 2]'],
    ['(a + 1) in [2]', 'a + 1 in [2]'],
    ['sum( a ,b,[1,2] )', 'sum(a, b, [1, 2])'],
    ['answered(q) and (selected(q, 1))', 'answered(q) and selected(q, 1)'],
    ['max((a or b))', 'max(a or b)'],
    ['[(a or b), (1)]', '[a or b, 1]'],
    ['[]', '[]'],
    ['true or false or null', 'true or false or null'],
  ])('%s → %s', (source, printed) => {
    expect(canonical(source)).toBe(printed);
  });

  it('prints strings with single quotes and escapes', () => {
    expect(canonical(`"it's"`)).toBe(String.raw`'it\'s'`);
    expect(canonical(String.raw`'a\\b'`)).toBe(String.raw`'a\\b'`);
    expect(canonical(String.raw`"line\nnext\ttab"`)).toBe(String.raw`'line\nnext\ttab'`);
    expect(canonical(`'say "hi"'`)).toBe(`'say "hi"'`);
    expect(canonical(`'東京 😀 \r'`)).toBe(`'東京 😀 \r'`);
  });

  it('prints numbers in plain decimal notation', () => {
    expect(canonical('12')).toBe('12');
    expect(canonical('3.50')).toBe('3.5');
    expect(canonical('007')).toBe('7');
    expect(canonical('0.0000001')).toBe('0.0000001');
    expect(canonical('123456789012345678901234567890')).toBe('123456789012345680000000000000');
    const tiny = printExpression(lit(5e-324));
    expect(tiny).toMatch(/^0\.0+5$/);
    expect(canonical(tiny)).toBe(tiny);
    const huge = printExpression(lit(Number.MAX_VALUE));
    expect(huge).toMatch(/^\d{309}$/);
    const reparsed = parseExpression(huge, { maxLength: 1e6 });
    expect(reparsed.success && reparsed.expr).toMatchObject({ value: Number.MAX_VALUE });
    expect(printExpression(lit(1.5e-7))).toBe('0.00000015');
    expect(printExpression(lit(2.5e21))).toBe('2500000000000000000000');
    expect(printExpression(lit(-0))).toBe('0');
  });

  it('prints hand-built trees sensibly', () => {
    expect(printExpression(lit(-5))).toBe('-5');
    expect(printExpression({ type: 'binary', op: '*', left: lit(-5), right: id('a'), ...at })).toBe('-5 * a');
    expect(printExpression({ type: 'unary', op: '-', operand: lit(-5), ...at })).toBe('- -5');
    expect(printExpression(lit(Number.NaN))).toBe('null');
    expect(printExpression(lit(Number.POSITIVE_INFINITY))).toBe('null');
    expect(printExpression({ type: 'nonsense' } as unknown as Expr)).toBe('null');
  });
});
