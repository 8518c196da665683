import { createIssue, type Issue, type MessageLocale, type PathSegment } from '../../core/issue.js';
import type { AnswerValue, Survey, SurveyResponse } from '../../schema/index.js';
import { interopMessages } from '../interopMessages.js';
import type { ResponseCheck } from '../responseReader.js';
import { type FhirAnswerMap, type FhirAnswerTarget, surveyAnswerMap } from './fhirAnswerMap.js';
import { answerKeyOf, arrayOf, field, record } from './fhirFields.js';

/** Options of {@link fromFhirQuestionnaireResponse}. */
export interface FromFhirQuestionnaireResponseOptions {
  /**
   * How linkIds map to answers: the `answerMap` of `fromFhirQuestionnaire` when the survey was
   * imported from FHIR. Default: the linkIds `toFhirQuestionnaire` writes for the survey.
   */
  answerMap?: FhirAnswerMap;
  /** Checks each converted response, e.g. `createResponseValidator(survey)` of `kizuki/validate`. */
  validate?: ResponseCheck;
  /** Language of the messages. Default `ja`. */
  locale?: MessageLocale;
}

/** A QuestionnaireResponse that did not become a response, with every reason. */
export interface RejectedFhirResponse {
  /** Its position among the input's QuestionnaireResponses (0 = the first). */
  index: number;
  issues: Issue[];
}

/** The result of {@link fromFhirQuestionnaireResponse}. */
export interface FromFhirQuestionnaireResponseResult {
  responses: SurveyResponse[];
  rejected: RejectedFhirResponse[];
}

const MAX_DEPTH = 32;

/**
 * Turns FHIR R4 QuestionnaireResponses — one resource, an array, or a Bundle of them — into kizuki
 * responses to `survey`, so that data collected by FHIR systems can be validated, anonymised and
 * analysed. Codings become option codes (by the answer map), `valueInteger`/`valueDecimal`
 * numbers, `valueString` texts (or the "other" text of an open choice), `valueDate` dates,
 * `valueBoolean` codes 1/2, and the rank items of a ranking one ordered list. The respondent id is
 * the resource's `identifier.value` or `id` when it has the form of a kizuki id (16–64 letters,
 * digits, `_`, `-`), else `fhir-response-000001` by position, so that a record number never
 * becomes one; `authored` is the submission time; `language` the locale.
 *
 * A resource with an answer that cannot be read (an unknown linkId or code, a wrong value type,
 * several answers to an item that does not repeat), or that fails `validate`, is rejected with
 * every reason, each naming the linkId and its path in the input; nothing is dropped silently.
 *
 * @example
 * ```ts
 * import { fromFhirQuestionnaire, fromFhirQuestionnaireResponse } from 'kizuki/io';
 * import { loadTemplate } from 'kizuki/schema';
 * import { createResponseValidator } from 'kizuki/validate';
 * const { template, answerMap } = fromFhirQuestionnaire(questionnaire, { licence: 'CC-BY-4.0' });
 * const survey = loadTemplate(template);
 * const { responses, rejected } = fromFhirQuestionnaireResponse(survey, bundle, {
 *   answerMap,
 *   validate: createResponseValidator(survey),
 * });
 * ```
 */
export function fromFhirQuestionnaireResponse(
  survey: Survey,
  input: unknown,
  options: FromFhirQuestionnaireResponseOptions = {},
): FromFhirQuestionnaireResponseResult {
  const locale = options.locale ?? 'ja';
  const map = options.answerMap ?? surveyAnswerMap(survey);
  const result: FromFhirQuestionnaireResponseResult = { responses: [], rejected: [] };
  resources(input).forEach(({ value, path }, index) => {
    const converted = convert(index, survey, map, value, path, locale);
    if ('issues' in converted) {
      result.rejected.push({ index, issues: converted.issues });
      return;
    }
    const checked = options.validate?.(converted.response);
    if (checked && !checked.success) result.rejected.push({ index, issues: checked.issues });
    else result.responses.push(converted.response);
  });
  return result;
}

/** The QuestionnaireResponses of the input with their paths: a resource, an array or a Bundle. */
function resources(input: unknown): { value: unknown; path: PathSegment[] }[] {
  if (Array.isArray(input)) return input.map((value, i) => ({ value, path: [i] }));
  const object = record(input);
  if (object && field(object, 'resourceType') === 'Bundle')
    return arrayOf(field(object, 'entry')).map((entry, i) => ({
      value: field(record(entry) ?? {}, 'resource'),
      path: ['entry', i, 'resource'],
    }));
  return [{ value: input, path: [] }];
}

function convert(
  index: number,
  survey: Survey,
  map: FhirAnswerMap,
  value: unknown,
  path: PathSegment[],
  locale: MessageLocale,
): { response: SurveyResponse } | { issues: Issue[] } {
  const issues: Issue[] = [];
  const reject = (at: PathSegment[], linkId: string, detail: string) =>
    issues.push(createIssue(interopMessages, 'fhir_answer_rejected', at, locale, { linkId, detail }));
  const resource = record(value);
  if (!resource || field(resource, 'resourceType') !== 'QuestionnaireResponse') {
    reject(path, '(resource)', 'not_a_response');
    return { issues };
  }
  const answers: Record<string, AnswerValue> = Object.create(null);
  const other: Record<string, string> = Object.create(null);
  const ranks = new Map<string, Map<number, number>>();

  const take = (target: FhirAnswerTarget, linkId: string, list: unknown[], at: PathSegment[]) => {
    const values = list.map((raw) => record(raw) ?? {});
    const wrong = (detail: string) => reject(at, linkId, detail);
    switch (target.kind) {
      case 'choice': {
        const codes: number[] = [];
        values.forEach((answer, i) => {
          const key = answerKeyOf(answer);
          const code = key === undefined ? undefined : target.codes[key];
          if (code !== undefined) codes.push(code);
          else if (key?.startsWith('s:') && target.otherCode !== undefined) {
            codes.push(target.otherCode);
            other[target.key] = key.slice(2);
          } else reject([...at, i], linkId, key === undefined ? 'answer_type' : 'unknown_code');
        });
        if (!target.multiple && values.length > 1) wrong('not_repeating');
        else if (codes.length > 0) answers[target.key] = target.multiple ? codes : (codes[0] as number);
        return;
      }
      case 'rank': {
        const key = values.length === 1 ? answerKeyOf(values[0] as Record<string, unknown>) : undefined;
        const code = key === undefined ? undefined : target.codes[key];
        if (values.length > 1) return wrong('not_repeating');
        if (code === undefined) return wrong(key === undefined ? 'answer_type' : 'unknown_code');
        const byRank = ranks.get(target.key) ?? new Map<number, number>();
        byRank.set(target.rank, code);
        ranks.set(target.key, byRank);
        return;
      }
      case 'other': {
        const text =
          values.length === 1 ? field(values[0] as Record<string, unknown>, 'valueString') : undefined;
        if (typeof text !== 'string') return wrong(values.length > 1 ? 'not_repeating' : 'answer_type');
        other[target.key] = text;
        return;
      }
      default: {
        if (values.length > 1) return wrong('not_repeating');
        const read = scalar(target, values[0] ?? {});
        if (read === undefined) return wrong('answer_type');
        answers[target.key] = read;
      }
    }
  };

  const visit = (items: unknown[], at: PathSegment[], depth: number) => {
    if (depth > MAX_DEPTH) return reject(at, '(item)', 'not_supported');
    items.forEach((raw, i) => {
      const item = record(raw) ?? {};
      const here = [...at, i];
      const linkId = field(item, 'linkId');
      const list = arrayOf(field(item, 'answer'));
      if (typeof linkId !== 'string') return reject(here, String(linkId), 'unknown_question');
      if (list.length > 0) {
        const target = Object.hasOwn(map, linkId) ? map[linkId] : undefined;
        if (target) take(target, linkId, list, [...here, 'answer']);
        else reject([...here, 'answer'], linkId, 'unknown_question');
      }
      list.forEach((answer, a) => {
        visit(arrayOf(field(record(answer) ?? {}, 'item')), [...here, 'answer', a, 'item'], depth + 1);
      });
      visit(arrayOf(field(item, 'item')), [...here, 'item'], depth + 1);
    });
  };
  visit(arrayOf(field(resource, 'item')), [...path, 'item'], 0);
  for (const [key, byRank] of ranks)
    answers[key] = [...byRank.entries()].sort((a, b) => a[0] - b[0]).map(([, code]) => code);
  for (const key of Object.keys(other)) if (!Object.hasOwn(answers, key)) delete other[key];
  if (issues.length > 0) return { issues };

  const identifier = record(field(resource, 'identifier'));
  // kizuki's respondent ids are random-looking; a FHIR id that is not (a record number, `r1`) is replaced.
  const id = [identifier && field(identifier, 'value'), field(resource, 'id')].find(
    (v): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(v),
  );
  const authored = field(resource, 'authored');
  const language = field(resource, 'language');
  const time = typeof authored === 'string' ? authored : '';
  return {
    response: {
      templateId: survey.template.id,
      templateVersion: survey.template.version,
      templateHash: survey.hash,
      respondentId: id ?? `fhir-response-${String(index + 1).padStart(6, '0')}`,
      answers: { ...answers },
      ...(Object.keys(other).length > 0 ? { other: { ...other } } : {}),
      meta: {
        locale: typeof language === 'string' ? language : 'ja',
        startedAt: time,
        submittedAt: time,
        seed: 0,
      },
    },
  };
}

function scalar(target: FhirAnswerTarget, answer: Record<string, unknown>): AnswerValue | undefined {
  switch (target.kind) {
    case 'number': {
      const n = field(answer, 'valueInteger') ?? field(answer, 'valueDecimal');
      if (typeof n !== 'number' || !Number.isFinite(n)) return undefined;
      return target.integer && !Number.isInteger(n) ? undefined : n;
    }
    case 'text': {
      const s = field(answer, 'valueString');
      return typeof s === 'string' ? s : undefined;
    }
    case 'date': {
      const d = field(answer, 'valueDate');
      return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : undefined;
    }
    default:
      return undefined;
  }
}
