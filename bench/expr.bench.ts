import { bench, describe } from 'vitest';
import type { SymbolTable } from '../src/expr/index.js';
import { checkExpression, evaluateExpression, parseExpression, printExpression } from '../src/expr/index.js';

// A typical condition of a workplace survey: routing on a few answers with a list and a function.
const SOURCE =
  'gender = 1 and children > 0 and (age_band in [3, 4, 5] or not answered(q3)) and sum(h1, h2) >= 40';
const parsed = parseExpression(SOURCE);
if (!parsed.success) throw new Error(parsed.issues[0]?.message);
const expr = parsed.expr;
const answers = { gender: 1, children: 2, age_band: 4, h1: 20, h2: 25 };
const symbols: SymbolTable = (id) =>
  id === 'gender' || id === 'age_band' || id === 'q3'
    ? { kind: 'code', codes: [1, 2, 3, 4, 5] }
    : { kind: 'number' };

describe('expressions', () => {
  bench('parse a typical condition', () => {
    parseExpression(SOURCE);
  });

  bench('check it against the survey', () => {
    checkExpression(expr, { symbols });
  });

  bench('evaluate it', () => {
    evaluateExpression(expr, answers);
  });

  bench('evaluate it with answers missing', () => {
    evaluateExpression(expr, { gender: 1 });
  });

  bench('print it', () => {
    printExpression(expr);
  });
});
