import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Issue, MessageLocale, PathSegment } from '../core/issue.js';
import { createIssue } from '../core/issue.js';
import { type ResponseIssueCode, responseMessages } from './messages.js';
import type { PlannedQuestion } from './validationPlan.js';

/** More issues than this say nothing new; the cap matters only for an ajv with `allErrors`. */
const MAX_ISSUES = 100;
/** Values quoted in messages are cut short: a hostile response may hold a 10 MB string. */
const PREVIEW_LENGTH = 40;
/** Keys in paths too (as the engine does): no real key is longer than an id (64). */
const KEY_LENGTH = 100;

/**
 * Turns ajv's errors for a response into kizuki issues: the JSON Pointer `instancePath` becomes a
 * path array (array indexes as numbers), and each keyword gets a message that names the question.
 */
export function issuesFromSchemaErrors(
  errors: readonly ErrorObject[],
  input: unknown,
  survey: SchemaFacts,
  locale: MessageLocale,
): Issue[] {
  const issues: Issue[] = [];
  for (const error of errors) {
    if (issues.length === MAX_ISSUES) break;
    const issue = issueFromError(error, input, survey, locale);
    if (issue) issues.push(issue);
  }
  return issues;
}

/** What the messages need to know about the survey. */
export interface SchemaFacts {
  /** Questions by answer key (item ids lead to their matrix). */
  byKey: ReadonlyMap<string, PlannedQuestion>;
  /** Questions with an "other" option, in the order of the schema's other-text rules. */
  others: readonly PlannedQuestion[];
}

type IssueMaker = (code: ResponseIssueCode, at: PathSegment[], p?: Record<string, unknown>) => Issue;

const OTHER_RULE = /^#\/dependentSchemas\/answers\/allOf\/(\d+)\/(then|else)\//;

function issueFromError(
  error: ErrorObject,
  input: unknown,
  survey: SchemaFacts,
  locale: MessageLocale,
): Issue | undefined {
  const { keyword, schemaPath } = error;
  const params = error.params as Record<string, unknown>;
  // ajv repeats a failed `then` as an `if` error, and a bad key as a `propertyNames` error, after
  // the error that says it better.
  if (keyword === 'if' || keyword === 'propertyNames') return undefined;
  const { path, value } = resolvePointer(error.instancePath, input);
  const issue: IssueMaker = (code, at, p) => createIssue(responseMessages, code, at, locale, p);

  const otherRule = OTHER_RULE.exec(schemaPath);
  if (otherRule) {
    const q = survey.others[Number(otherRule[1])];
    // `then`: there is a text, so the answer must include the option; `else`: there is none, so it must not.
    const code = otherRule[2] === 'then' ? 'other_without_option' : 'missing_other';
    return issue(code, ['other', String(q?.id)], { id: q?.id, code: q?.other });
  }
  const answerKey = path[0] === 'answers' && path.length >= 2 ? String(path[1]) : undefined;
  const question = answerKey === undefined ? undefined : survey.byKey.get(answerKey);
  const owner = answerKey ?? (path[0] === 'meta' && path[1] === 'order' ? String(path[2]) : undefined);

  if (error.propertyName !== undefined) return unknownKey(path, error.propertyName, issue);
  switch (keyword) {
    case 'type':
      if (typeof value === 'number' && !Number.isFinite(value))
        return issue('not_finite', path, { value: String(value) });
      if (typeof value === 'number' && params.type === 'integer')
        return issue('not_integer', path, { value });
      return issue('invalid_type', path, { expected: params.type, received: typeName(value) });
    case 'required': {
      // A required key is always one of the schema's own, so short.
      const key = String(params.missingProperty);
      return path.length === 1 && path[0] === 'answers'
        ? issue('missing_answer', [...path, key], { id: key })
        : issue('missing_field', [...path, key], { key });
    }
    case 'additionalProperties':
      return unknownKey(path, String(params.additionalProperty), issue);
    case 'const':
      return issue('template_mismatch', path, {
        field: path[0],
        expected: params.allowedValue,
        received: preview(value),
      });
    case 'enum':
      // The exclusive-option rule lists only the ordinary codes, so it also meets codes that are no option.
      if (
        question &&
        schemaPath.endsWith('/then/items/enum') &&
        question.exclusive?.includes(value as number)
      ) {
        return issue('exclusive_combined', path.slice(0, 2), { id: question.id, code: value });
      }
      if (owner === undefined) return issue('invalid_value', path, { allowed: params.allowedValues });
      // A code's schema is `enum` alone, so a value of the wrong type lands here too.
      if (typeof value === 'number' && !Number.isFinite(value))
        return issue('not_finite', path, { value: String(value) });
      if (typeof value !== 'number' && path[0] === 'answers') {
        return issue('invalid_type', path, { expected: 'integer', received: typeName(value) });
      }
      return issue('unknown_code', path, { code: preview(value), owner });
    case 'minItems':
    case 'maxItems':
      return countIssue(keyword, path, value, params.limit, question, issue);
    case 'uniqueItems': {
      const index = Math.max(Number(params.i), Number(params.j));
      const code = Array.isArray(value) ? value[index] : undefined;
      return issue('duplicate_code', [...path, index], { code: preview(code) });
    }
    case 'minimum':
      return issue('below_minimum', path, { limit: params.limit, value });
    case 'maximum':
      return issue('above_maximum', path, { limit: params.limit, value });
    case 'maxLength':
      return issue('too_long', path, { limit: params.limit });
    case 'minLength':
      return issue('empty_text', path);
    case 'pattern':
      if (path[0] === 'other') {
        const q = survey.byKey.get(String(path[1]));
        return issue('missing_other', path, { id: q?.id, code: q?.other });
      }
      return issue('invalid_format', path, {
        format: path[0] === 'respondentId' ? 'respondentId' : path[0] === 'meta' ? 'date-time' : 'date',
      });
    default:
      return issue('invalid_value', path, { keyword });
  }
}

/** A key the schema does not know, from `additionalProperties` or `propertyNames`. */
function unknownKey(path: PathSegment[], key: string, issue: IssueMaker): Issue {
  const at = [...path, key.slice(0, KEY_LENGTH)];
  return path.length === 1 && path[0] === 'answers'
    ? issue('unknown_answer', at, { key: preview(key) })
    : issue('unknown_field', at, { key: preview(key) });
}

function countIssue(
  keyword: 'minItems' | 'maxItems',
  path: PathSegment[],
  value: unknown,
  limit: unknown,
  question: PlannedQuestion | undefined,
  issue: IssueMaker,
): Issue {
  const count = Array.isArray(value) ? value.length : 0;
  if (question === undefined) {
    return keyword === 'minItems'
      ? issue('too_few_entries', path, { min: limit, count })
      : issue('too_many_entries', path, { max: limit, count });
  }
  const id = question.id;
  if (question.type === 'ranking') {
    return keyword === 'minItems'
      ? issue('too_few_ranked', path, { id, min: limit, count })
      : issue('too_many_ranked', path, { id, max: limit, count });
  }
  return keyword === 'minItems'
    ? issue('too_few_selected', path, { id, min: limit, count })
    : issue('too_many_selected', path, { id, max: limit, count });
}

/**
 * Follows a JSON Pointer (RFC 6901) into the input, so that array indexes become numbers and the
 * offending value is at hand for the message.
 */
function resolvePointer(pointer: string, input: unknown): { path: PathSegment[]; value: unknown } {
  const path: PathSegment[] = [];
  let value = input;
  if (pointer === '') return { path, value };
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(value)) {
      const index = Number(key);
      path.push(index);
      value = value[index];
    } else {
      path.push(key);
      value =
        typeof value === 'object' && value !== null && Object.hasOwn(value, key)
          ? (value as Record<string, unknown>)[key]
          : undefined;
    }
  }
  return { path, value };
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A value as quoted in messages: numbers as they are, strings cut short, anything else by its type. */
function preview(value: unknown): string | number {
  if (typeof value === 'string') {
    return value.length > PREVIEW_LENGTH ? `${value.slice(0, PREVIEW_LENGTH)}…` : value;
  }
  return typeof value === 'number' ? value : typeName(value);
}
