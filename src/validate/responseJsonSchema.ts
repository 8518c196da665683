import { indexTemplate } from '../schema/indexTemplate.js';
import type { Survey } from '../schema/survey.js';
import type {
  ChoiceOption,
  MatrixQuestion,
  MultipleQuestion,
  Question,
  RankingQuestion,
  SingleQuestion,
} from '../schema/templateSchema.js';
import { validationPlan } from './validationPlan.js';

/** A JSON Schema as a plain object. */
export type JsonSchema = { [keyword: string]: unknown };

/** Caps that keep hostile responses cheap to reject. */
export interface ResponseLimits {
  /** Longest text answer, in characters (code points), when a text question sets no `maxLength`. Default 5,000. */
  textLength: number;
  /** Longest "other, please specify" text, in characters. Default 5,000. */
  otherLength: number;
}

/** The limits the response schema uses unless told otherwise: the same as the engine's. */
export const defaultResponseLimits: Readonly<ResponseLimits> = { textLength: 5_000, otherLength: 5_000 };

/** Options of {@link responseJsonSchema}. */
export interface ResponseSchemaOptions {
  /** Caps of the schema; each defaults to {@link defaultResponseLimits}. */
  limits?: Partial<ResponseLimits>;
}

// Character classes instead of \d: Python's `re` and Java read \d as any Unicode digit.
const DATE_PATTERN =
  '^(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))' +
  '|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$';
/** A submission or start time as the response schema allows it (also read by the CLI's CSV fast path). */
export const DATE_TIME_PATTERN =
  '^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]' +
  '(?:\\.[0-9]{1,9})?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$';
/** A respondent id as the response schema allows it (also read by the CLI's CSV fast path). */
export const RESPONDENT_ID_PATTERN = '^[A-Za-z0-9_-]{16,64}$';
const UINT32_MAX = 4_294_967_295;

/** A code: `enum` alone says it all (and spares ajv an integer check per answer). */
const code = (codes: readonly number[]): JsonSchema => ({ enum: [...codes] });
// Anchored patterns with bounded repetition cap these strings' length by themselves.
const dateTime: JsonSchema = { type: 'string', format: 'date-time', pattern: DATE_TIME_PATTERN };

/**
 * The JSON Schema (draft 2020-12) of the responses to one survey: the envelope (template id, version
 * and hash, respondent id, metadata), every answer's type and allowed codes, selection and ranking
 * counts, exclusive options, number bounds, text lengths, real calendar dates, an "other" text
 * exactly when its option is chosen, no unknown keys, and the answers required unconditionally.
 * It also caps every string and array and closes every object, so hostile input fails fast in any
 * validator.
 *
 * What JSON Schema cannot say is left to {@link createResponseValidator}: `visibleIf` (answers of
 * hidden questions must be absent), `requiredIf` and the required questions that are only sometimes
 * shown, and date bounds (`min`/`max` of date questions). See docs/validate.en.md.
 *
 * @example
 * ```ts
 * import { loadTemplate } from 'kizuki/schema';
 * import { responseJsonSchema } from 'kizuki/validate';
 * const schema = responseJsonSchema(loadTemplate(json));
 * await writeFile('response.schema.json', JSON.stringify(schema, null, 2)); // for a Python or Go backend
 * ```
 */
export function responseJsonSchema(survey: Survey, options: ResponseSchemaOptions = {}): JsonSchema {
  const limits: ResponseLimits = { ...defaultResponseLimits, ...options.limits };
  const { template } = survey;
  const index = indexTemplate(template);
  const plan = validationPlan(survey);
  const scaleCodes = (scale: string) => index.scales.get(scale)?.options.map((o) => o.code) ?? [];

  const answers: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const order: Record<string, JsonSchema> = {};
  const other: Record<string, JsonSchema> = {};
  const otherRules: JsonSchema[] = [];
  for (const planned of plan.questions) {
    const question = index.questions.get(planned.id)!.question;
    if (question.type === 'note') continue; // never planned: notes have no answer
    const codes = 'options' in question ? question.options.map((o) => o.code) : [];
    if (question.type === 'matrix') {
      for (const key of planned.keys) answers[key] = code(scaleCodes(question.scale));
    } else {
      answers[planned.id] = answerSchema(question, limits, scaleCodes);
    }
    if (planned.exclusive !== undefined) {
      const answer = answers[planned.id]!;
      Object.assign(answer, exclusiveRule(without(codes, planned.exclusive), answer.maxItems as number));
    }
    if (planned.alwaysRequired) required.push(...planned.keys);
    if ('randomise' in question && question.randomise === true) order[planned.id] = orderSchema(question);
    if (planned.other !== undefined) {
      // Not blank: at least one character that is not white space.
      other[planned.id] = { type: 'string', maxLength: limits.otherLength, pattern: '\\S' };
      otherRules.push(
        otherRule(planned.id, planned.other, without(codes, [planned.other]), question.type === 'single'),
      );
    }
  }

  const schema: JsonSchema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `Response to ${template.id} ${template.version}`,
    description:
      `A response to the kizuki survey ${template.id} ${template.version} (${survey.hash}). ` +
      'visibleIf, requiredIf, conditionally shown required questions and date bounds are checked by kizuki/validate.',
    type: 'object',
    additionalProperties: false,
    required: ['templateId', 'templateVersion', 'templateHash', 'respondentId', 'answers', 'meta'],
    properties: {
      templateId: { type: 'string', const: template.id },
      templateVersion: { type: 'string', const: template.version },
      templateHash: { type: 'string', const: survey.hash },
      respondentId: { type: 'string', pattern: RESPONDENT_ID_PATTERN },
      answers: closedObject(answers, required),
      other: closedObject(other, []),
      meta: {
        type: 'object',
        additionalProperties: false,
        required: ['locale', 'startedAt', 'submittedAt', 'seed'],
        properties: {
          locale: { type: 'string', enum: [...template.locales] },
          startedAt: dateTime,
          submittedAt: dateTime,
          seed: { type: 'integer', minimum: 0, maximum: UINT32_MAX },
          order: closedObject(order, []),
        },
      },
    },
  };
  // Under `dependentSchemas`, which ajv evaluates after `properties`: by then `maxItems` has capped
  // every array, so no rule walks a million hostile codes. (A root `allOf` would run first.)
  if (otherRules.length > 0) schema.dependentSchemas = { answers: { allOf: otherRules } };
  return schema;
}

/**
 * An object with only the given keys. Its size needs no `maxProperties`: the first unknown key
 * fails. From 9 to 64 keys are listed in `propertyNames`, which ajv checks with a chain of string
 * comparisons, faster than the lookup it makes per key for `additionalProperties` (it compiles
 * that to comparisons too for up to 8 keys); larger objects are closed with
 * `additionalProperties: false`. Both mean the same to every validator.
 */
function closedObject(properties: Record<string, JsonSchema>, required: string[]): JsonSchema {
  const keys = Object.keys(properties);
  const schema: JsonSchema = { type: 'object', properties };
  if (keys.length > 8 && keys.length <= 64) schema.propertyNames = { enum: keys };
  else schema.additionalProperties = false;
  if (required.length > 0) schema.required = required;
  return schema;
}

const without = (codes: readonly number[], left: readonly number[]) => codes.filter((c) => !left.includes(c));

/**
 * An exclusive option ("none", "don't know") stands alone: two or more codes must all be ordinary
 * ones. Said positively (`enum`, not `not`/`contains`) because ajv allocates an error object for
 * every failed subschema, even on the way to accepting a response. The rule applies only up to
 * `maxItems` (beyond it the answer fails anyway), because ajv runs `if` before `maxItems` and would
 * otherwise scan a million hostile codes first.
 */
function exclusiveRule(ordinary: number[], maxItems: number): JsonSchema {
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a promise.
  return { if: { minItems: 2, maxItems }, then: { items: codesOrNone(ordinary) } };
}

/**
 * A question's "other" text is present exactly when its answer includes the other option: with the
 * text, the answer must include it; without, the answer may hold only the other codes.
 */
function otherRule(id: string, otherCode: number, rest: number[], single: boolean): JsonSchema {
  return {
    if: {
      required: ['other'],
      properties: { other: { type: 'object', required: [id], properties: { [id]: true } } },
    },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a promise.
    then: {
      properties: {
        answers: {
          type: 'object',
          required: [id],
          properties: {
            [id]: single ? { const: otherCode } : { type: 'array', contains: { const: otherCode } },
          },
        },
      },
    },
    else: {
      properties: {
        answers: {
          type: 'object',
          properties: { [id]: single ? codesOrNone(rest) : { type: 'array', items: codesOrNone(rest) } },
        },
      },
    },
  };
}

/** `enum` of the codes; the schema `false` when there are none, since `enum` may not be empty. */
const codesOrNone = (codes: number[]): JsonSchema | boolean => (codes.length > 0 ? { enum: codes } : false);

function answerSchema(
  question: Exclude<Question, { type: 'matrix' | 'note' }>,
  limits: ResponseLimits,
  scaleCodes: (scale: string) => number[],
): JsonSchema {
  switch (question.type) {
    case 'single':
      return code(question.options.map((o) => o.code));
    case 'likert':
      return code(scaleCodes(question.scale));
    case 'multiple':
      // An empty selection is no answer at all: the key is left out of `answers` instead.
      return codeList(
        question.options,
        Math.max(1, question.minSelected ?? 1),
        question.maxSelected ?? question.options.length,
      );
    case 'ranking':
      return codeList(question.options, question.minRanked ?? 1, question.maxRanked);
    case 'number': {
      const schema: JsonSchema = { type: question.integer === true ? 'integer' : 'number' };
      if (question.min !== undefined) schema.minimum = question.min;
      if (question.max !== undefined) schema.maximum = question.max;
      return schema;
    }
    case 'text':
      return { type: 'string', minLength: 1, maxLength: question.maxLength ?? limits.textLength };
    case 'date':
      // maxLength too: in Python and Java `$` also matches before a final newline.
      return { type: 'string', maxLength: 10, format: 'date', pattern: DATE_PATTERN };
  }
}

function codeList(options: readonly ChoiceOption[], minItems: number, maxItems: number): JsonSchema {
  // maxItems is checked before uniqueItems and items, so a million codes are refused at once.
  return {
    type: 'array',
    minItems,
    maxItems,
    uniqueItems: true,
    items: code(options.map((o) => o.code)),
  };
}

function orderSchema(
  question: SingleQuestion | MultipleQuestion | RankingQuestion | MatrixQuestion,
): JsonSchema {
  const values =
    question.type === 'matrix'
      ? { enum: question.items.map((item) => item.id) }
      : code(question.options.map((o) => o.code));
  const count = question.type === 'matrix' ? question.items.length : question.options.length;
  return { type: 'array', minItems: count, maxItems: count, uniqueItems: true, items: values };
}
