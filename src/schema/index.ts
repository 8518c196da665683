/**
 * The template format: zod schemas and types, `parseTemplate` with its meaning checks, and the
 * format's JSON Schema.
 *
 * @packageDocumentation
 */
export type { Issue, MessageLocale, PathSegment } from '../core/issue.js';
export { formatPath } from '../core/issue.js';
export type { ItemEntry, QuestionEntry, TemplateIndex } from './indexTemplate.js';
export { indexTemplate } from './indexTemplate.js';
export type { LocaleCompleteness } from './localeCompleteness.js';
export { localeCompleteness } from './localeCompleteness.js';
export type { TemplateIssueCode } from './messages.js';
export type { ParseTemplateOptions, ParseTemplateResult } from './parseTemplate.js';
export { assertTemplate, hashTemplate, loadTemplate, parseTemplate, TemplateError } from './parseTemplate.js';
export type { AnswerValue, ResponseMeta, SurveyResponse } from './response.js';
export type { TemplateLimits } from './scanInput.js';
export { defaultTemplateLimits } from './scanInput.js';
export type { CompiledExpression, Survey, SurveyCondition } from './survey.js';
export { templateJsonSchema } from './templateJsonSchema.js';
export * from './templateSchema.js';
