import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Issue, MessageLocale } from '../core/issue.js';
import { createIssue } from '../core/issue.js';
import type { SurveyResponse } from '../schema/response.js';
import { conditionChecker } from './conditionChecker.js';
import { issuesFromSchemaErrors } from './issuesFromSchemaErrors.js';
import { responseMessages } from './messages.js';
import type { PlannedQuestion, ValidationPlan } from './validationPlan.js';

/** An ajv validate function of a response schema, compiled at run time or generated as standalone code. */
export interface SchemaValidateFunction {
  (data: unknown): boolean;
  errors?: readonly ErrorObject[] | null;
}

/** The verdict on one response. */
export type ResponseValidationResult =
  | { success: true; response: SurveyResponse }
  | { success: false; issues: Issue[] };

/** Checks one submitted response (a parsed JSON value). Never throws. */
export type ResponseValidator = (input: unknown) => ResponseValidationResult;

/** Options of {@link createStandaloneValidator}. */
export interface StandaloneValidatorOptions {
  /** The schema step: `validateSchema` exported by a module from {@link standaloneValidatorCode}. */
  validateSchema: SchemaValidateFunction;
  /** The survey's conditions and question facts: `plan` exported by the same module. */
  plan: ValidationPlan;
  /** Language of issue messages. Default `ja`. */
  locale?: MessageLocale;
}

/**
 * Combines a precompiled schema check with the survey's conditions into a full response validator.
 * It compiles nothing and never calls `eval` or `new Function`, so it runs under a Content Security
 * Policy without `'unsafe-eval'`. Modules written by {@link standaloneValidatorCode} call it for
 * you and export the result as `validate`; {@link createResponseValidator} calls it with a schema
 * check that ajv compiled at run time, so both give the same verdicts.
 *
 * A response passes in two steps: the JSON Schema (stopping at the first problem), then — only if
 * that passed — the conditions (every problem). `response` is the input itself, not a copy.
 *
 * @example
 * ```ts
 * import { createStandaloneValidator } from 'kizuki/validate';
 * import { plan, validateSchema } from './employee-survey.validate.js'; // written by the CLI
 * const validate = createStandaloneValidator({ validateSchema, plan, locale: 'en' });
 * const result = validate(JSON.parse(body));
 * if (!result.success) showProblems(result.issues);
 * ```
 */
export function createStandaloneValidator(options: StandaloneValidatorOptions): ResponseValidator {
  const { validateSchema, plan } = options;
  const locale = options.locale ?? 'ja';
  const byKey = new Map<string, PlannedQuestion>();
  for (const q of plan.questions) for (const key of q.keys) byKey.set(key, q);
  const facts = { byKey, others: plan.questions.filter((q) => q.other !== undefined) };
  const checkConditions = conditionChecker(plan);

  return (input) => {
    try {
      if (!validateSchema(input)) {
        return {
          success: false,
          issues: issuesFromSchemaErrors(validateSchema.errors ?? [], input, facts, locale),
        };
      }
      const response = input as SurveyResponse;
      const issues = checkConditions?.(response, locale);
      return issues === undefined ? { success: true, response } : { success: false, issues };
    } catch (error) {
      // Only a hand-built input can get here: a getter that throws, a revoked proxy.
      const detail = (error instanceof Error ? error.message : String(error)).slice(0, 200);
      return {
        success: false,
        issues: [createIssue(responseMessages, 'invalid_input', [], locale, { detail })],
      };
    }
  };
}
