import { _, type CodeKeywordDefinition, type KeywordCxt } from 'ajv/dist/2020.js';

/**
 * Standard keywords as kizuki's ajv compiles them: the same meaning as JSON Schema's, for the
 * values response schemas constrain, with code that does less work. Added after ajv's own keywords
 * of the same type, they run after `type`, `pattern`, `maxItems` and `items`: the items of an array
 * are already known primitives, and their number capped. The generated code calls no helper, so
 * standalone modules need no `require`.
 */
export const fastKeywords: CodeKeywordDefinition[] = [
  {
    // ajv builds a lookup object for every array; comparing each pair with `===` allocates nothing
    // and is much faster for a handful of codes (and, like JSON, takes -0 for 0).
    keyword: 'uniqueItems',
    type: 'array',
    schemaType: 'boolean',
    error: {
      message: 'must NOT have duplicate items',
      params: ({ params }) => _`{i: ${params.i}, j: ${params.j}}`,
    },
    code(cxt: KeywordCxt) {
      const { gen, data, schema } = cxt;
      if (schema !== true) return;
      const i = gen.let('i', _`${data}.length`);
      const j = gen.let('j');
      const valid = gen.let('valid', true);
      cxt.setParams({ i, j });
      const outer = gen.name('outer');
      gen.label(outer).for(_`;${i}--;`, () =>
        gen.for(_`${j} = ${i}; ${j}--;`, () =>
          gen.if(_`${data}[${i}] === ${data}[${j}]`, () => {
            cxt.error();
            gen.assign(valid, false).break(outer);
          }),
        ),
      );
      cxt.ok(valid);
    },
  },
  lengthKeyword('maxLength'),
  lengthKeyword('minLength'),
];

/**
 * `maxLength`/`minLength` count code points, as JSON Schema says, but only when they must: a string
 * has between half its UTF-16 length and its UTF-16 length in code points, so most strings are
 * judged by `.length` alone — and a 10 MB string is refused without walking it.
 */
function lengthKeyword(keyword: 'maxLength' | 'minLength'): CodeKeywordDefinition {
  return {
    keyword,
    type: 'string',
    schemaType: 'number',
    error: {
      message: keyword === 'maxLength' ? 'must NOT be longer' : 'must NOT be shorter',
      params: ({ schemaCode }) => _`{limit: ${schemaCode}}`,
    },
    code(cxt: KeywordCxt) {
      const { gen, data, schema } = cxt;
      const limit = schema as number;
      const length = gen.let('length', _`${data}.length`);
      // Undecided by .length alone: count the code points.
      const unsure =
        keyword === 'maxLength'
          ? _`${length} > ${limit} && ${length} <= ${2 * limit}`
          : _`${length} >= ${limit} && ${length} < ${2 * limit}`;
      gen.if(unsure, () => {
        const k = gen.let('k', 0);
        gen.assign(length, 0);
        gen.for(_`; ${k} < ${data}.length; ${k}++, ${length}++`, () => {
          const c = gen.const('c', _`${data}.charCodeAt(${k})`);
          gen.if(
            _`${c} >= 0xd800 && ${c} <= 0xdbff && ${k} + 1 < ${data}.length && (${data}.charCodeAt(${k} + 1) & 0xfc00) === 0xdc00`,
            _`${k}++`,
          );
        });
      });
      cxt.fail(keyword === 'maxLength' ? _`${length} > ${limit}` : _`${length} < ${limit}`);
    },
  };
}
