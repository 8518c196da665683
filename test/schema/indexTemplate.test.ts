import { describe, expect, it } from 'vitest';
import { indexTemplate } from '../../src/schema/index.js';
import { exampleTemplate } from '../helpers/templates.js';

describe('indexTemplate', () => {
  const index = indexTemplate(exampleTemplate());

  it('lists answer keys in order, with matrix items instead of their matrix and without notes', () => {
    expect(index.answerKeys).toContain('v_care');
    expect(index.answerKeys).not.toContain('views');
    expect(index.answerKeys).not.toContain('work_note');
    expect(index.answerKeys.indexOf('sex')).toBeLessThan(index.answerKeys.indexOf('v_care'));
  });

  it('describes ids for expressions', () => {
    expect(index.symbol('sex')).toEqual({ kind: 'code', codes: [1, 2, 3, 9] });
    expect(index.symbol('v_lead')).toEqual({ kind: 'code', codes: [1, 2, 3, 4, 9] });
    expect(index.symbol('workload')).toEqual({ kind: 'code', codes: [1, 2, 3, 4, 5] });
    expect(index.symbol('arrangements')).toEqual({ kind: 'codes', codes: [1, 2, 3, 4, 5, 6] });
    expect(index.symbol('why_leave')?.kind).toBe('codes');
    expect(index.symbol('age')).toEqual({ kind: 'number' });
    expect(index.symbol('comment')).toEqual({ kind: 'text' });
    expect(index.symbol('birth_date')).toEqual({ kind: 'date' });
    expect(index.symbol('work_note')).toBeUndefined();
    expect(index.symbol('views')).toBeUndefined();
  });

  it('never confuses ids with Object.prototype members', () => {
    expect(index.symbol('toString')).toBeUndefined();
    expect(index.symbol('constructor')).toBeUndefined();
    expect(index.questions.get('hasOwnProperty')).toBeUndefined();
  });

  it('locates items in their matrix and section', () => {
    const entry = index.items.get('v_share');
    expect(entry?.question.id).toBe('views');
    expect(entry?.section.id).toBe('attitudes');
    expect(entry?.itemIndex).toBe(2);
  });
});
