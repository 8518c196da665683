import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { MessageLocale } from '../core/issue.js';
import type { Survey } from '../schema/survey.js';
import { createAjv } from './createAjv.js';
import { createStandaloneValidator, type ResponseValidator } from './createStandaloneValidator.js';
import { type ResponseSchemaOptions, responseJsonSchema } from './responseJsonSchema.js';
import { validationPlan } from './validationPlan.js';

/** Options of {@link createResponseValidator}. */
export interface ResponseValidatorOptions extends ResponseSchemaOptions {
  /** Language of issue messages. Default `ja`. */
  locale?: MessageLocale;
  /**
   * An ajv 8 `Ajv2020` instance to compile with, for example one shared by many surveys. It must be
   * created with `ownProperties: true` (or an answer key such as `toString` would be read from
   * `Object.prototype`); the `date` and `date-time` formats are added as annotations if it lacks
   * them. With `allErrors: true` it reports up to 100 schema problems instead of the first.
   */
  ajv?: Ajv2020;
}

/**
 * Compiles a survey's response schema with ajv once and returns a validator for submitted
 * responses: first the JSON Schema of {@link responseJsonSchema}, with ajv's errors turned into
 * kizuki issues (paths as arrays, messages in ja or en); then, if that passed, the conditions the
 * schema cannot express — answers of hidden questions, `requiredIf`, required questions that are
 * only sometimes shown, date bounds.
 *
 * ajv compiles with `new Function`, so this is for servers and for pages that allow
 * `'unsafe-eval'`; under a strict Content Security Policy use {@link standaloneValidatorCode}.
 *
 * @example
 * ```ts
 * import { loadTemplate } from 'kizuki/schema';
 * import { createResponseValidator } from 'kizuki/validate';
 * const validate = createResponseValidator(loadTemplate(json), { locale: 'en' });
 * const result = validate(JSON.parse(body));
 * if (result.success) await store(result.response);
 * else reply(422, result.issues); // [{ code: 'unknown_code', path: ['answers', 'sex'], message: 'Code 7 is not an option of "sex"', … }]
 * ```
 */
export function createResponseValidator(
  survey: Survey,
  options: ResponseValidatorOptions = {},
): ResponseValidator {
  const ajv = options.ajv === undefined ? createAjv() : prepareAjv(options.ajv);
  const validateSchema = ajv.compile(responseJsonSchema(survey, options));
  return createStandaloneValidator({
    validateSchema,
    plan: validationPlan(survey),
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  });
}

function prepareAjv(ajv: Ajv2020): Ajv2020 {
  if (ajv.opts.ownProperties !== true) {
    throw new TypeError('createResponseValidator: create the ajv instance with ownProperties: true');
  }
  for (const format of ['date', 'date-time']) {
    if (ajv.formats[format] === undefined) ajv.addFormat(format, true);
  }
  return ajv;
}
