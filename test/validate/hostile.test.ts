import { beforeAll, describe, expect, it } from 'vitest';
import { createResponseValidator, type ResponseValidator } from '../../src/validate/index.js';
import { exampleResponse, exampleSurvey, importStandalone } from './fixtures.js';

const survey = exampleSurvey();
const validJson = JSON.stringify(exampleResponse(survey));
/** The valid response as a fresh plain object, with `change` applied. */
const withChange = (change: (r: Record<string, Record<string, unknown>>) => void) => () => {
  const r = JSON.parse(validJson);
  change(r);
  return r;
};
/** Sets a key that TypeScript would take for a built-in property, such as `constructor`. */
const set = (object: unknown, key: string, value: unknown) => {
  (object as Record<string, unknown>)[key] = value;
};
const huge = () => 'x'.repeat(10 * 1024 * 1024);
const millionCodes = () => new Array(1_000_000).fill(1);
const deepJson = (open: string, close: string, depth = 100_000) =>
  JSON.parse(open.repeat(depth) + close.repeat(depth));
const deepArray = () => deepJson('[', ']');
const deepObject = () => JSON.parse('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000));

const cases: Array<[string, () => unknown]> = [
  // prototype pollution
  ['__proto__ at the root', () => JSON.parse(validJson.replace('{', '{"__proto__": {"polluted": true},'))],
  [
    '__proto__ in answers',
    () => JSON.parse(validJson.replace('"answers":{', '"answers":{"__proto__": {"polluted": true},')),
  ],
  ['__proto__ in other', () => JSON.parse(validJson.replace('"other":{', '"other":{"__proto__": "x",'))],
  [
    '__proto__ in meta',
    () => JSON.parse(validJson.replace('"meta":{', '"meta":{"__proto__": {"polluted": true},')),
  ],
  ['__proto__ in meta.order', () => JSON.parse(validJson.replace('"order":{', '"order":{"__proto__": [1],'))],
  ['constructor as an answer key', withChange((r) => set(r.answers, 'constructor', 1))],
  ['prototype as an answer key', withChange((r) => (r.answers!.prototype = { polluted: true }))],
  ['constructor in meta.order', withChange((r) => set(r.meta!.order, 'constructor', [1]))],
  // extra fields at every level
  ['an extra field at the root', withChange((r) => (r.extra = {} as Record<string, unknown>))],
  ['an extra field in meta', withChange((r) => (r.meta!.device = 'phone'))],
  ['an extra field in other', withChange((r) => (r.other!.sex = 'x'))],
  [
    'an extra field in meta.order',
    withChange((r) => ((r.meta!.order as Record<string, unknown>).sex = [1, 2, 3, 9])),
  ],
  [
    '100,000 answer keys',
    withChange((r) => {
      const answers: Record<string, unknown> = {};
      for (let i = 0; i < 100_000; i++) answers[`k${i}`] = 1;
      r.answers = answers;
    }),
  ],
  // 10 MB strings
  ['a 10 MB template id', withChange((r) => ((r as Record<string, unknown>).templateId = huge()))],
  ['a 10 MB respondent id', withChange((r) => ((r as Record<string, unknown>).respondentId = huge()))],
  ['a 10 MB text answer', withChange((r) => (r.answers!.comment = huge()))],
  ['a 10 MB answer key', withChange((r) => (r.answers![huge()] = 1))],
  ['a 10 MB code', withChange((r) => (r.answers!.sex = huge()))],
  ['a 10 MB date', withChange((r) => (r.answers!.birth_date = `1990-01-01${huge()}`))],
  ['a 10 MB other text', withChange((r) => (r.other!.arrangements = huge()))],
  ['a 10 MB locale', withChange((r) => (r.meta!.locale = huge()))],
  ['a 10 MB timestamp', withChange((r) => (r.meta!.startedAt = `2026-05-01T09:00:00.000Z${huge()}`))],
  [
    'a 10 MB item id in meta.order',
    withChange((r) => ((r.meta!.order as Record<string, unknown>).views = [huge(), 'v_lead', 'v_share'])),
  ],
  ['a 10 MB string as the whole response', huge],
  // a million codes
  ['a million codes in a multiple choice', withChange((r) => (r.answers!.arrangements = millionCodes()))],
  [
    'a million distinct codes in a ranking',
    withChange((r) => (r.answers!.why_leave = Array.from({ length: 1_000_000 }, (_, i) => i))),
  ],
  [
    'a million codes in meta.order',
    withChange((r) => ((r.meta!.order as Record<string, unknown>).arrangements = millionCodes())),
  ],
  ['a million codes for a single choice', withChange((r) => (r.answers!.sex = millionCodes()))],
  ['a million codes as the whole response', millionCodes],
  // non-finite numbers
  ['NaN as a code', withChange((r) => (r.answers!.sex = Number.NaN))],
  ['Infinity as a number', withChange((r) => (r.answers!.telework_days = Number.POSITIVE_INFINITY))],
  ['-Infinity as a number', withChange((r) => (r.answers!.age = Number.NEGATIVE_INFINITY))],
  ['NaN in a multiple choice', withChange((r) => (r.answers!.arrangements = [1, Number.NaN]))],
  ['Infinity as the seed', withChange((r) => (r.meta!.seed = Number.POSITIVE_INFINITY))],
  // wrong types at every level
  ...[null, true, 42, 'response', [], undefined].map((v): [string, () => unknown] => [
    `${JSON.stringify(v)} as the response`,
    () => v,
  ]),
  ['answers as an array', withChange((r) => ((r as Record<string, unknown>).answers = [1, 2]))],
  ['answers as null', withChange((r) => ((r as Record<string, unknown>).answers = null))],
  ['other as a string', withChange((r) => ((r as Record<string, unknown>).other = 'x'))],
  ['meta as an array', withChange((r) => ((r as Record<string, unknown>).meta = []))],
  ['meta.order as an array', withChange((r) => (r.meta!.order = [1]))],
  ['the seed as a string', withChange((r) => (r.meta!.seed = '123'))],
  ['a code as a string', withChange((r) => (r.answers!.sex = '2'))],
  ['a code as a boolean', withChange((r) => (r.answers!.sex = true))],
  ['a multiple choice as a number', withChange((r) => (r.answers!.arrangements = 1))],
  ['a multiple choice of strings', withChange((r) => (r.answers!.arrangements = ['1', '5']))],
  ['a text as a number', withChange((r) => (r.answers!.comment = 5))],
  ['a date as a number', withChange((r) => (r.answers!.birth_date = 19900101))],
  ['a number as an object', withChange((r) => (r.answers!.age = { valueOf: 34 }))],
  ['an other text as an array', withChange((r) => (r.other!.arrangements = ['x']))],
  // deep nesting
  ['100,000 nested arrays as the response', deepArray],
  ['100,000 nested objects as the response', deepObject],
  ['100,000 nested arrays as an answer', withChange((r) => (r.answers!.sex = deepArray()))],
  ['100,000 nested objects as an answer', withChange((r) => (r.answers!.arrangements = deepObject()))],
  ['100,000 nested arrays as an unknown answer', withChange((r) => (r.answers!.junk = deepArray()))],
  [
    '100,000 nested objects as the answers',
    withChange((r) => ((r as Record<string, unknown>).answers = deepObject())),
  ],
  ['100,000 nested arrays in meta', withChange((r) => (r.meta!.order = deepArray()))],
  ['100,000 nested objects as an other text', withChange((r) => (r.other!.arrangements = deepObject()))],
  // hand-built objects no JSON parser makes
  ['a circular answers object', withChange((r) => (r.answers!.self = r.answers))],
  [
    'a getter that throws',
    withChange((r) =>
      Object.defineProperty(r.answers, 'sex', {
        enumerable: true,
        get: () => {
          throw new Error('boom');
        },
      }),
    ),
  ],
  [
    'a revoked proxy',
    () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    },
  ],
  [
    'an object with an enumerable inherited key',
    withChange((r) => {
      r.answers = Object.assign(Object.create({ sex: 2 }), r.answers) as Record<string, unknown>;
      delete r.answers.sex;
    }),
  ],
];

describe('hostile responses', () => {
  let runtime: ResponseValidator;
  let standalone: ResponseValidator;
  beforeAll(async () => {
    runtime = createResponseValidator(survey, { locale: 'en' });
    standalone = (await importStandalone(survey, { locale: 'en' })).module.validate;
  });

  it('has a corpus of at least 50 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases)('%s: refused with short issues by both validators, prototype untouched', (_name, make) => {
    const input = make();
    const result = runtime(input);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.length).toBeGreaterThan(0);
    for (const issue of result.issues) {
      expect(typeof issue.code).toBe('string');
      expect(Array.isArray(issue.path)).toBe(true);
      expect(issue.message.length).toBeGreaterThan(0);
      // Nothing of a huge input is echoed back.
      expect(JSON.stringify(issue).length).toBeLessThan(1_000);
    }
    expect(standalone(input)).toEqual(result);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses the specific problem, not something unrelated', () => {
    const codeOf = (input: unknown) => {
      const result = runtime(input);
      return result.success ? 'success' : result.issues[0]!.code;
    };
    const at = (input: unknown) => {
      const result = runtime(input);
      return result.success ? [] : result.issues[0]!.path;
    };
    expect(codeOf(cases.find(([n]) => n === '__proto__ in answers')![1]())).toBe('unknown_answer');
    expect(at(cases.find(([n]) => n === '__proto__ in answers')![1]())).toEqual(['answers', '__proto__']);
    expect(codeOf(cases.find(([n]) => n === 'a million codes in a multiple choice')![1]())).toBe(
      'too_many_selected',
    );
    expect(codeOf(cases.find(([n]) => n === 'a 10 MB text answer')![1]())).toBe('too_long');
    expect(codeOf(cases.find(([n]) => n === 'NaN as a code')![1]())).toBe('not_finite');
    expect(codeOf(cases.find(([n]) => n === 'a getter that throws')![1]())).toBe('invalid_input');
    expect(codeOf(cases.find(([n]) => n === 'an object with an enumerable inherited key')![1]())).toBe(
      'missing_answer',
    );
  });
});
