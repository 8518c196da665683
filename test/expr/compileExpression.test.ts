import { describe, expect, it } from 'vitest';
import type { SymbolTable } from '../../src/expr/index.js';
import { compileExpression, printExpression } from '../../src/expr/index.js';

const symbols: SymbolTable = (id) =>
  id === 'q3'
    ? { kind: 'code', codes: [1, 2] }
    : id === 'q4'
      ? { kind: 'codes', codes: [1, 2, 3] }
      : undefined;

describe('compileExpression', () => {
  it('parses, checks and lists the dependencies', () => {
    const result = compileExpression('not answered(q3) or selected(q4, 2)', { symbols });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.dependencies).toEqual(['q3', 'q4']);
    expect(printExpression(result.expr)).toBe('not answered(q3) or selected(q4, 2)');
  });

  it('reports parse issues', () => {
    const result = compileExpression('q3 = ', { symbols, locale: 'en' });
    expect(result).toMatchObject({ success: false, issues: [{ code: 'unexpected_end', path: [] }] });
  });

  it('reports check issues when symbols are given', () => {
    const result = compileExpression('q3 = 5 or q9 = 1', { symbols });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((i) => i.code)).toEqual(['unknown_code', 'unknown_id']);
    expect(result.issues[0]?.message).toContain('文字目');
  });

  it('skips the check without symbols', () => {
    const result = compileExpression('q3 = 5 or q9 = 1');
    expect(result).toMatchObject({ success: true, dependencies: ['q3', 'q9'] });
  });

  it('passes the limits on', () => {
    expect(compileExpression('q3 = 1', { maxLength: 3 })).toMatchObject({
      success: false,
      issues: [{ code: 'too_long' }],
    });
    expect(compileExpression('not not q3', { maxDepth: 2 })).toMatchObject({
      success: false,
      issues: [{ code: 'too_deep' }],
    });
  });
});
