import { describe, expect, it } from 'vitest';
import { printExpression } from '../../../src/expr/index.js';
import { fromXPath, type XPathName } from '../../../src/io/xlsform/fromXPath.js';
import { parseXPath } from '../../../src/io/xlsform/parseXPath.js';

const LIMITS = { maxLength: 2000, maxDepth: 64 };
const names = new Map<string, XPathName>([
  ['age', { id: 'age' }],
  [
    'sex',
    {
      id: 'sex',
      codes: new Map([
        ['1', 1],
        ['2', 2],
      ]),
    },
  ],
  [
    'care',
    {
      id: 'care',
      codes: new Map([
        ['parent', 1],
        ['none', 2],
      ]),
    },
  ],
]);
const kizuki = (source: string, self?: string) => {
  const parsed = parseXPath(source, LIMITS);
  if (!('node' in parsed)) return parsed;
  const translated = fromXPath(parsed.node, { names, ...(self ? { self } : {}) });
  return 'gap' in translated ? translated.gap : printExpression(translated.expr);
};

describe('XLSForm expressions into kizuki expressions', () => {
  it('translates references, operators, selected(), count-selected(), not() and literals', () => {
    expect(kizuki('${age} >= 18 and ${sex} = 2')).toBe('age >= 18 and sex = 2');
    expect(kizuki("${sex} = '2' or ${sex} != 1")).toBe('sex = 2 or sex != 1');
    expect(kizuki("selected(${care}, 'parent')")).toBe('selected(care, 1)');
    expect(kizuki("not(selected(${care}, 'none'))")).toBe('not selected(care, 2)');
    expect(kizuki('count-selected(${care}) < 2')).toBe('count(care) < 2');
    expect(kizuki("string-length(${age}) > 0 and ${age} != ''")).toBe('answered(age) and answered(age)');
    expect(kizuki("${age} = ''")).toBe('not answered(age)');
    expect(kizuki('(${age} div 2) mod 3 = -1')).toBe('age / 2 % 3 = -1');
    expect(kizuki('true() and not(false())')).toBe('true and not false');
    expect(kizuki('\'x\' = "y"')).toBe("'x' = 'y'");
    expect(kizuki('${sex} = 1 or ${sex} = 2')).toBe('sex in [1, 2]');
    expect(kizuki('not(${sex} = 1 or (${sex} = 2))')).toBe('sex not in [1, 2]');
    expect(kizuki('. > 3', 'age')).toBe('age > 3');
  });

  it('names what has no kizuki counterpart, and where', () => {
    expect(kizuki('if(${age} > 3, 1, 0) = 1')).toEqual({ reason: 'function', detail: 'if()', position: 0 });
    expect(kizuki('${age} > 1 and today() > 3')).toEqual({
      reason: 'function',
      detail: 'today()',
      position: 15,
    });
    expect(kizuki('${nobody} = 1')).toEqual({ reason: 'unknown_name', detail: 'nobody', position: 0 });
    expect(kizuki("${care} = 'cousin'")).toEqual({
      reason: 'unknown_choice',
      detail: 'cousin',
      position: 10,
    });
    expect(kizuki('. > 3')).toEqual({ reason: 'construct', detail: '.', position: 0 });
    expect(kizuki('/data/age > 3')).toMatchObject({ reason: 'unsupported', position: 0 });
    expect(kizuki('${age} > 3 | ${age}')).toMatchObject({ reason: 'unsupported', position: 11 });
    expect(kizuki('${age} < 3 < 4')).toMatchObject({ reason: 'unsupported' });
    expect(kizuki('${age} >')).toMatchObject({ reason: 'syntax' });
    expect(kizuki("'open")).toMatchObject({ reason: 'syntax', position: 0 });
    expect(kizuki('')).toMatchObject({ reason: 'syntax' });
  });

  it('refuses hostile input without crashing: huge strings, deep parentheses, long chains', () => {
    expect(parseXPath('1'.repeat(10_000_000), LIMITS)).toMatchObject({ reason: 'too_long' });
    expect(
      parseXPath(`${'('.repeat(100_000)}1${')'.repeat(100_000)}`, { maxLength: 1e6, maxDepth: 64 }),
    ).toMatchObject({
      reason: 'too_deep',
    });
    expect(parseXPath(`${'not('.repeat(300)}1${')'.repeat(300)}`, LIMITS)).toMatchObject({
      reason: 'too_deep',
    });
    expect(parseXPath(Array.from({ length: 400 }, () => '1').join(' + '), LIMITS)).toMatchObject({
      reason: 'too_deep',
    });
    expect(parseXPath('-'.repeat(1000), LIMITS)).toMatchObject({ reason: 'too_deep' });
    expect(parseXPath('${__proto__} = 1', LIMITS)).toHaveProperty('node');
    expect(kizuki('${__proto__} = 1')).toMatchObject({ reason: 'unknown_name' });
    expect(kizuki('constructor() = 1')).toMatchObject({ reason: 'function' });
  });
});
