import { describe, expect, it } from 'vitest';
import type { Expr, SymbolInfo, SymbolTable } from '../../src/expr/index.js';
import { checkExpression, parseExpression } from '../../src/expr/index.js';

const SYMBOLS: Record<string, SymbolInfo> = {
  gender: { kind: 'code', codes: [1, 2, 3] },
  age_band: { kind: 'code', codes: [1, 2, 3, 4, 5] },
  r01: { kind: 'code', codes: [1, 2, 3, 4] },
  likert: { kind: 'code' },
  roles: { kind: 'codes', codes: [1, 2, 3] },
  rank: { kind: 'codes' },
  children: { kind: 'number' },
  hours: { kind: 'number' },
  name: { kind: 'text' },
  start: { kind: 'date' },
};
const symbols: SymbolTable = (id) => (Object.hasOwn(SYMBOLS, id) ? SYMBOLS[id] : undefined);

function parse(source: string): Expr {
  const result = parseExpression(source);
  if (!result.success) throw new Error(`${source}: ${result.issues[0]?.message}`);
  return result.expr;
}

const check = (source: string, locale: 'ja' | 'en' = 'en') =>
  checkExpression(parse(source), { symbols, locale });
const codes = (source: string) => check(source).map((i) => i.code);
const first = (source: string) => {
  const issues = check(source);
  expect(issues).toHaveLength(1);
  return { code: issues[0]!.code, position: issues[0]!.params?.position, params: issues[0]!.params ?? {} };
};

describe('checkExpression: clean expressions', () => {
  it.each([
    'gender = 1 and children > 0',
    'not answered(roles) or selected(roles, 2)',
    'age_band in [3, 4, 5]',
    'age_band not in [1]',
    'sum(hours, children) >= 40',
    'mean(r01, likert) > 2.5',
    'r01 + likert > 4',
    "start >= '2024-04-01'",
    "'2024-04-01' <= start",
    "name = 'x' or name != 'y'",
    'count(roles) >= 2 and count(gender) = 1',
    '2 in roles',
    '3 not in roles',
    'likert = 99',
    'selected(likert, 99)',
    'answered(name) and answered(start)',
    'count(children) = 0',
    'sum(roles) > 3',
    'sum([hours, children], 1)',
    '(gender = 1) = (age_band = 2)',
    'not not answered(gender)',
    'gender > 10',
    '-hours < 0',
    'true and null',
    'children % 2 = 1',
    'sum(hours, null) > 1',
    'selected(gender, -1 + 2)',
  ])('%s', (source) => {
    expect(check(source)).toEqual([]);
  });
});

describe('checkExpression: reports', () => {
  it('an unknown id', () => {
    expect(first('gender = 1 and kids > 0')).toMatchObject({
      code: 'unknown_id',
      position: 15,
      params: { id: 'kids' },
    });
    expect(first('answered(q9)')).toMatchObject({ code: 'unknown_id', position: 9 });
    expect(first('selected(q9, 1)')).toMatchObject({ code: 'unknown_id', position: 9 });
    expect(first('count(q9)')).toMatchObject({ code: 'unknown_id', position: 6 });
    expect(codes('constructor = 1 or toString = 2')).toEqual(['unknown_id', 'unknown_id']);
  });

  it('does not pile issues on what an unknown id touches', () => {
    expect(codes("kids = 'x' and kids + 1 > 0 and not kids")).toEqual([
      'unknown_id',
      'unknown_id',
      'unknown_id',
    ]);
  });

  it('a code the choice question does not have', () => {
    expect(first('gender = 4')).toMatchObject({
      code: 'unknown_code',
      position: 9,
      params: { id: 'gender', code: 4, codes: [1, 2, 3] },
    });
    expect(first('4 != gender')).toMatchObject({ code: 'unknown_code', position: 0 });
    expect(first('gender = -1')).toMatchObject({ code: 'unknown_code', position: 9, params: { code: -1 } });
    expect(first('gender = 1.5')).toMatchObject({ code: 'unknown_code' });
    expect(first('age_band in [3, 4, 9]')).toMatchObject({
      code: 'unknown_code',
      position: 19,
      params: { code: 9 },
    });
    expect(first('age_band not in [0]')).toMatchObject({ code: 'unknown_code', position: 17 });
    expect(first('selected(roles, 7)')).toMatchObject({
      code: 'unknown_code',
      position: 16,
      params: { id: 'roles', code: 7 },
    });
    expect(first('selected(gender, 4)')).toMatchObject({ code: 'unknown_code', position: 17 });
    expect(first('7 in roles')).toMatchObject({ code: 'unknown_code', position: 0, params: { id: 'roles' } });
  });

  it('comparing a string with a number', () => {
    expect(first("gender = '1'")).toMatchObject({
      code: 'type_mismatch',
      position: 0,
      params: { operator: '=', left: 'number', right: 'string' },
    });
    expect(first('name > 3')).toMatchObject({
      code: 'type_mismatch',
      params: { left: 'string', right: 'number' },
    });
    expect(first('start < 2024')).toMatchObject({
      code: 'type_mismatch',
      params: { left: 'date', right: 'number' },
    });
    expect(first('answered(gender) = 1')).toMatchObject({
      code: 'type_mismatch',
      params: { left: 'boolean' },
    });
    expect(first("children in [1, '2']")).toMatchObject({ code: 'type_mismatch', position: 16 });
    expect(first("'x' in roles")).toMatchObject({ code: 'type_mismatch', position: 0 });
    expect(first('gender = [1, 2]')).toMatchObject({ code: 'type_mismatch', params: { right: 'list' } });
    expect(first('[1] in [[1]]')).toMatchObject({ code: 'type_mismatch', position: 0 });
  });

  it('a date compared with a string that is not YYYY-MM-DD', () => {
    expect(first("start < '2024/04/01'")).toMatchObject({
      code: 'invalid_date',
      position: 8,
      params: { id: 'start', value: '2024/04/01' },
    });
    expect(first("'2024-4-1' = start")).toMatchObject({ code: 'invalid_date', position: 0 });
    expect(first("start in ['2024-04-01', '2024-13-01']")).toMatchObject({
      code: 'invalid_date',
      position: 24,
    });
    expect(first("start = '2024-04-32'")).toMatchObject({ code: 'invalid_date' });
    expect(first("start = '２０２４-04-01'")).toMatchObject({ code: 'invalid_date' });
  });

  it('null in a comparison, arithmetic or in', () => {
    expect(first('gender = null')).toMatchObject({
      code: 'null_literal',
      position: 9,
      params: { operator: '=' },
    });
    expect(first('null != gender')).toMatchObject({ code: 'null_literal', position: 0 });
    expect(first('hours + null > 1')).toMatchObject({
      code: 'null_literal',
      position: 8,
      params: { operator: '+' },
    });
    expect(first('-null = 1')).toMatchObject({ code: 'null_literal', position: 1 });
    expect(first('null in [1]')).toMatchObject({ code: 'null_literal', position: 0 });
    expect(first('gender in [1, null]')).toMatchObject({ code: 'null_literal', position: 14 });
    expect(first('selected(gender, null)')).toMatchObject({ code: 'null_literal', position: 17 });
  });

  it('= or < or in on a multiple-answer question', () => {
    expect(first('roles = 1')).toMatchObject({
      code: 'codes_comparison',
      position: 0,
      params: { id: 'roles', operator: '=' },
    });
    expect(first('1 < roles')).toMatchObject({ code: 'codes_comparison', position: 4 });
    expect(first('rank != rank')).toMatchObject({ code: 'codes_comparison' });
    expect(first('roles in [1, 2]')).toMatchObject({ code: 'codes_comparison', params: { operator: 'in' } });
  });

  it('arithmetic on non-numbers', () => {
    expect(first('name + 1 > 0')).toMatchObject({
      code: 'not_a_number',
      position: 0,
      params: { operator: '+', type: 'string' },
    });
    expect(first('hours * answered(name) > 0')).toMatchObject({
      code: 'not_a_number',
      position: 8,
      params: { type: 'boolean' },
    });
    expect(first('roles + 1 > 0')).toMatchObject({ code: 'not_a_number', params: { type: 'codes' } });
    expect(first("-'x' = 1")).toMatchObject({ code: 'not_a_number', position: 1, params: { operator: '-' } });
    expect(first('[1] % 2 = 1')).toMatchObject({ code: 'not_a_number', params: { type: 'list' } });
    expect(first('sum(hours, name) > 0')).toMatchObject({
      code: 'not_a_number',
      position: 11,
      params: { operator: 'sum' },
    });
    expect(first('max([hours, true]) > 0')).toMatchObject({ code: 'not_a_number', position: 12 });
    expect(first("selected(gender, '1')")).toMatchObject({
      code: 'not_a_number',
      position: 17,
      params: { operator: 'selected' },
    });
  });

  it('and, or, not on values that are not conditions', () => {
    expect(codes('gender and hours')).toEqual(['not_a_condition', 'not_a_condition']);
    expect(first('not gender')).toMatchObject({
      code: 'not_a_condition',
      position: 4,
      params: { operator: 'not', type: 'number' },
    });
    expect(first("answered(gender) or 'yes'")).toMatchObject({ code: 'not_a_condition', position: 20 });
    expect(first('roles and true')).toMatchObject({ code: 'not_a_condition', params: { type: 'codes' } });
    expect(first('sum(hours) or true')).toMatchObject({ code: 'not_a_condition' });
  });

  it('< on booleans', () => {
    expect(first('answered(gender) < answered(hours)')).toMatchObject({
      code: 'not_orderable',
      position: 0,
      params: { type: 'boolean' },
    });
  });

  it('in with something other than a list on the right', () => {
    expect(first('gender in 3')).toMatchObject({
      code: 'in_requires_list',
      position: 10,
      params: { operator: 'in', type: 'number' },
    });
    expect(first("'a' not in name")).toMatchObject({
      code: 'in_requires_list',
      params: { operator: 'not in' },
    });
  });

  it('selected on a question that is not a choice', () => {
    expect(first('selected(hours, 1)')).toMatchObject({
      code: 'selected_needs_choice',
      position: 0,
      params: { id: 'hours', kind: 'number' },
    });
    expect(first('selected(name, 1)')).toMatchObject({
      code: 'selected_needs_choice',
      params: { kind: 'text' },
    });
    expect(first('selected(start, 1)')).toMatchObject({
      code: 'selected_needs_choice',
      params: { kind: 'date' },
    });
  });

  it('a wrong first argument, an unknown function or a wrong arity in a hand-built tree', () => {
    const at = { start: 0, end: 0 };
    const lit = { type: 'literal', value: 1, ...at } as const;
    const id = { type: 'identifier', name: 'gender', ...at } as const;
    const tree = (expr: unknown) => checkExpression(expr as Expr, { symbols }).map((i) => i.code);
    expect(tree({ type: 'call', name: 'answered', args: [lit], start: 3, end: 9 })).toEqual([
      'argument_not_identifier',
    ]);
    expect(tree({ type: 'call', name: 'selected', args: [lit, lit], ...at })).toEqual([
      'argument_not_identifier',
    ]);
    expect(tree({ type: 'call', name: 'count', args: [{ ...lit, value: 'x' }], ...at })).toEqual([
      'argument_not_identifier',
    ]);
    expect(tree({ type: 'call', name: 'eval', args: [id], ...at })).toEqual(['unknown_function']);
    expect(tree({ type: 'call', name: 'selected', args: [id], ...at })).toEqual(['wrong_arity']);
    expect(tree({ type: 'call', name: 'sum', args: [], ...at })).toEqual(['wrong_arity']);
    expect(tree({ type: 'weird', ...at })).toEqual([]);
  });

  it('every issue at once, in source order, each with a position', () => {
    const issues = check("kids = 1 or gender = 9 or name + 1 = 2 or roles = 1 or start = '1.1.2024'");
    expect(issues.map((i) => i.code)).toEqual([
      'unknown_id',
      'unknown_code',
      'not_a_number',
      'codes_comparison',
      'invalid_date',
    ]);
    const positions = issues.map((i) => i.params?.position as number);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const issue of issues) expect(issue.path).toEqual([]);
  });

  it('writes messages in Japanese and English', () => {
    expect(check('gender = 4', 'ja')[0]?.message).toBe(
      '10文字目: 「gender」の選択肢にコード 4 はありません（あるのは 1, 2, 3）',
    );
    expect(check('gender = 4', 'en')[0]?.message).toBe(
      'At character 10: "gender" has no option with code 4 (its codes: 1, 2, 3)',
    );
    expect(check('kids = 1', 'ja')[0]?.message).toBe('1文字目: 「kids」という質問・項目はありません');
    expect(check('roles = 1', 'ja')[0]?.message).toContain('selected(roles, コード)');
    expect(checkExpression(parse('kids = 1'), { symbols })[0]?.message).toContain('文字目');
  });
});
