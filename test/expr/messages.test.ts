import { describe, expect, it } from 'vitest';
import { exprMessages } from '../../src/expr/messages.js';

const SAMPLE: Record<string, unknown> = {
  position: 4,
  length: 2001,
  limit: 2000,
  char: 'x',
  suggestion: '=',
  quote: "'",
  escape: '\\q',
  text: '1.',
  reason: 'fraction',
  token: ')',
  open: 0,
  name: 'sum',
  min: 1,
  max: null,
  count: 0,
  id: 'q1',
  code: 9,
  codes: [1, 2],
  operator: '=',
  left: 'number',
  right: 'string',
  type: 'string',
  value: '2024/1/1',
  kind: 'number',
};

describe('exprMessages', () => {
  const entries = Object.entries(exprMessages);

  it.each(entries)('%s has a message in Japanese and English', (_code, messages) => {
    const ja = messages.ja(SAMPLE);
    const en = messages.en(SAMPLE);
    expect(ja.length).toBeGreaterThan(3);
    expect(en.length).toBeGreaterThan(3);
    expect(ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(en).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(ja).not.toContain('undefined');
    expect(en).not.toContain('undefined');
    expect(ja).not.toContain('[object');
    // No parameters at all must not crash a message builder either.
    expect(() => messages.ja({})).not.toThrow();
    expect(() => messages.en({})).not.toThrow();
  });

  it('shows positions 1-based for people', () => {
    expect(exprMessages.unexpected_end.ja({ position: 0 })).toMatch(/^1文字目: /);
    expect(exprMessages.unexpected_end.en({ position: 9 })).toMatch(/^At character 10: /);
    expect(exprMessages.unexpected_end.ja({ position: 3, atEnd: true })).toMatch(/^式の末尾: /);
  });

  it('describes arities', () => {
    expect(exprMessages.wrong_arity.ja({ position: 0, name: 'selected', min: 2, max: 2, count: 1 })).toBe(
      '1文字目: 関数 selected には引数が2個必要です（いまは1個）',
    );
    expect(exprMessages.wrong_arity.en({ position: 0, name: 'answered', min: 1, max: 1, count: 0 })).toBe(
      'At character 1: answered() takes 1 argument, not 0',
    );
    expect(exprMessages.wrong_arity.ja({ position: 0, name: 'sum', min: 1, max: null, count: 0 })).toContain(
      '1個以上',
    );
  });
});
