import { describe, expectTypeOf, it } from 'vitest';
import type { ParseTemplateResult, Question, Survey, Template } from '../../src/schema/index.js';
import { parseTemplate } from '../../src/schema/index.js';

describe('inferred template types', () => {
  it('narrows questions by type', () => {
    expectTypeOf<Extract<Question, { type: 'ranking' }>['maxRanked']>().toEqualTypeOf<number>();
    expectTypeOf<Extract<Question, { type: 'matrix' }>['items'][number]['id']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<Question, { type: 'note' }>>().not.toHaveProperty('required');
    expectTypeOf<Template['locales']>().toEqualTypeOf<string[]>();
    expectTypeOf<Template['title']['ja']>().toEqualTypeOf<string>();
  });

  it('returns a discriminated result', () => {
    expectTypeOf(parseTemplate).returns.toEqualTypeOf<ParseTemplateResult>();
    const result = parseTemplate({});
    if (result.success) expectTypeOf(result.survey).toEqualTypeOf<Survey>();
    else expectTypeOf(result.issues[0]!.path).toEqualTypeOf<(string | number)[]>();
  });
});
