/**
 * Response validation: the JSON Schema (draft 2020-12) of a survey's responses, for servers in any
 * language; an ajv validator with kizuki issues and the survey's conditions; and standalone
 * validators that run under a strict Content Security Policy.
 *
 * @packageDocumentation
 */
export type { Issue, MessageLocale, PathSegment } from '../core/issue.js';
export type { AnswerValue, ResponseMeta, SurveyResponse } from '../schema/response.js';
export type { ResponseValidatorOptions } from './createResponseValidator.js';
export { createResponseValidator } from './createResponseValidator.js';
export type {
  ResponseValidationResult,
  ResponseValidator,
  SchemaValidateFunction,
  StandaloneValidatorOptions,
} from './createStandaloneValidator.js';
export { createStandaloneValidator } from './createStandaloneValidator.js';
export type { ResponseIssueCode } from './messages.js';
export type { JsonSchema, ResponseLimits, ResponseSchemaOptions } from './responseJsonSchema.js';
export { defaultResponseLimits, responseJsonSchema } from './responseJsonSchema.js';
export type { StandaloneCodeOptions } from './standaloneValidatorCode.js';
export { standaloneValidatorCode } from './standaloneValidatorCode.js';
export type { PlannedCondition, PlannedQuestion, ValidationPlan } from './validationPlan.js';
export type { WriteStandaloneValidatorOptions } from './writeStandaloneValidator.js';
export { writeStandaloneValidator } from './writeStandaloneValidator.js';
