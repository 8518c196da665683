import { createIssue, type Issue, type MessageLocale, type PathSegment } from '../../core/issue.js';
import {
  type AnswerValue,
  type ChoiceOption,
  indexTemplate,
  type Question,
  type ScaleOption,
  type Survey,
  type SurveyResponse,
} from '../../schema/index.js';
import { interopMessages } from '../interopMessages.js';
import { fhirQuestionnaireUrl } from './toFhirQuestionnaire.js';

/** An answer of a FHIR R4 QuestionnaireResponse item. */
export interface FhirAnswer {
  valueCoding?: { code: string; display?: string };
  valueInteger?: number;
  valueDecimal?: number;
  valueString?: string;
  valueDate?: string;
  /** Items nested under this answer: the "other, please specify" text. */
  item?: FhirResponseItem[];
}

/** An item of a FHIR R4 QuestionnaireResponse. */
export interface FhirResponseItem {
  linkId: string;
  answer?: FhirAnswer[];
  item?: FhirResponseItem[];
}

/** A FHIR R4 QuestionnaireResponse resource. */
export interface FhirQuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  /** The respondent id (random; never personal data). */
  identifier: { value: string };
  /** The questionnaire's canonical URL and version: `url|version`. */
  questionnaire: string;
  status: 'completed';
  authored: string;
  language: string;
  item: FhirResponseItem[];
}

/** Options of {@link toFhirQuestionnaireResponse}. */
export interface ToFhirQuestionnaireResponseOptions {
  /** The questionnaire's canonical URL, as given to `toFhirQuestionnaire`. Default `urn:kizuki:template:<id>`. */
  url?: string;
  /** Language of the messages in `unconverted`. Default `ja`. */
  locale?: MessageLocale;
}

/** The result of {@link toFhirQuestionnaireResponse}. */
export interface ToFhirQuestionnaireResponseResult {
  questionnaireResponse: FhirQuestionnaireResponse;
  /** Answers the survey has no question for, and metadata FHIR has no place for (seed, order). */
  unconverted: Issue[];
}

/**
 * Converts a submitted response (validate it first) into a FHIR R4 QuestionnaireResponse that
 * matches the Questionnaire of {@link toFhirQuestionnaire}: items nested as there (sections, then
 * matrices and rankings as groups), `valueCoding` for choices (with the Japanese label as display),
 * `valueInteger` or `valueDecimal` for numbers, `valueString` for text, `valueDate` for dates, and the
 * "other" text in an item nested under the other option's answer (after the item, for a multiple
 * choice, as in the Questionnaire). Unanswered questions are left out,
 * as are sections with no answer.
 *
 * @example
 * ```ts
 * import { toFhirQuestionnaireResponse } from 'kizuki/io';
 * const result = validate(body); // kizuki/validate
 * if (result.success) {
 *   const { questionnaireResponse } = toFhirQuestionnaireResponse(survey, result.response, { url });
 *   await fetch(`${fhirBase}/QuestionnaireResponse`, { method: 'POST', body: JSON.stringify(questionnaireResponse) });
 * }
 * ```
 */
export function toFhirQuestionnaireResponse(
  survey: Survey,
  response: SurveyResponse,
  options: ToFhirQuestionnaireResponseOptions = {},
): ToFhirQuestionnaireResponseResult {
  const locale = options.locale ?? 'ja';
  const { template } = survey;
  const index = indexTemplate(template);
  const unconverted: Issue[] = [];
  const report = (path: PathSegment[], field: string) =>
    unconverted.push(
      createIssue(interopMessages, 'field_dropped', path, locale, { format: 'FHIR R4', field }),
    );
  const answers = new Map(Object.entries(response.answers));
  const others = new Map(Object.entries(response.other ?? {}));
  const keys = new Set(index.answerKeys);
  for (const key of answers.keys()) if (!keys.has(key)) report(['answers', key], 'answer');
  for (const key of ['seed', 'order'] as const)
    if (response.meta[key] !== undefined) report(['meta', key], key);

  const items: FhirResponseItem[] = [];
  for (const section of template.sections) {
    const children = section.questions.flatMap((question) => {
      const item = responseItem(question, answers, others.get(question.id), index.scales);
      return item === undefined ? [] : Array.isArray(item) ? item : [item];
    });
    if (children.length > 0) items.push({ linkId: section.id, item: children });
  }
  return {
    questionnaireResponse: {
      resourceType: 'QuestionnaireResponse',
      identifier: { value: response.respondentId },
      questionnaire: `${options.url ?? fhirQuestionnaireUrl(template.id)}|${template.version}`,
      status: 'completed',
      authored: response.meta.submittedAt,
      language: response.meta.locale,
      item: items,
    },
    unconverted,
  };
}

function responseItem(
  question: Question,
  answers: ReadonlyMap<string, AnswerValue>,
  otherText: string | undefined,
  scales: ReadonlyMap<string, { options: ScaleOption[] }>,
): FhirResponseItem | FhirResponseItem[] | undefined {
  const value = answers.get(question.id);
  switch (question.type) {
    case 'note':
      return undefined;
    case 'matrix': {
      const options = scales.get(question.scale)?.options ?? [];
      const rows = question.items.flatMap((row) => {
        const code = answers.get(row.id);
        return typeof code === 'number' ? [{ linkId: row.id, answer: [coding(options, code)] }] : [];
      });
      return rows.length > 0 ? { linkId: question.id, item: rows } : undefined;
    }
    case 'ranking': {
      if (!Array.isArray(value) || value.length === 0) return undefined;
      const ranks: FhirResponseItem[] = value.map((code, i) => ({
        linkId: `${question.id}.${i + 1}`,
        answer: [coding(question.options, code)],
      }));
      const other = question.options.find((o) => o.other === true);
      if (other && otherText && value.includes(other.code))
        ranks.push({ linkId: `${question.id}.other`, answer: [{ valueString: otherText }] });
      return { linkId: question.id, item: ranks };
    }
    case 'single':
    case 'multiple': {
      const codes = typeof value === 'number' ? [value] : Array.isArray(value) ? value : [];
      if (codes.length === 0) return undefined;
      const other = question.options.find((o) => o.other === true);
      const text =
        other && otherText && codes.includes(other.code)
          ? { linkId: `${question.id}.other`, answer: [{ valueString: otherText }] }
          : undefined;
      const item: FhirResponseItem = {
        linkId: question.id,
        answer: codes.map((code) => coding(question.options, code)),
      };
      // As in the Questionnaire: under a single choice's answer, after a multiple choice.
      if (!text) return [item];
      if (question.type === 'multiple') return [item, text];
      (item.answer as FhirAnswer[])[0]!.item = [text];
      return [item];
    }
    case 'likert':
      return typeof value === 'number'
        ? { linkId: question.id, answer: [coding(scales.get(question.scale)?.options ?? [], value)] }
        : undefined;
    case 'number':
      if (typeof value !== 'number') return undefined;
      return {
        linkId: question.id,
        answer: [
          question.integer === true && Number.isInteger(value)
            ? { valueInteger: value }
            : { valueDecimal: value },
        ],
      };
    case 'text':
      return typeof value === 'string'
        ? { linkId: question.id, answer: [{ valueString: value }] }
        : undefined;
    case 'date':
      return typeof value === 'string' ? { linkId: question.id, answer: [{ valueDate: value }] } : undefined;
  }
}

function coding(options: readonly (ChoiceOption | ScaleOption)[], code: number): FhirAnswer {
  const option = options.find((o) => o.code === code);
  return { valueCoding: option ? { code: String(code), display: option.label.ja } : { code: String(code) } };
}
