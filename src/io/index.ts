/**
 * Files in and out: responses as wide CSV and JSON Lines, the codebook as CSV and Markdown, SPSS
 * syntax, and conversion to and from SurveyJS and FHIR R4 (Questionnaire, QuestionnaireResponse).
 * The CSV reader runs on Node (streams, Shift_JIS decoding); the writers and converters are pure
 * functions.
 *
 * @packageDocumentation
 */
export type { ResponseInput } from './byteChunks.js';
export type { CodebookEntry, CodebookMeasure, CodebookStorage } from './codebook.js';
export { codebook } from './codebook.js';
export type { CodebookToCsvOptions } from './codebookToCsv.js';
export { codebookToCsv } from './codebookToCsv.js';
export type { CodebookToMarkdownOptions } from './codebookToMarkdown.js';
export { codebookToMarkdown } from './codebookToMarkdown.js';
export type { MetaDefaults } from './createRowMapper.js';
export type { ColumnOption, CsvColumn, MetaField } from './csvLayout.js';
export { csvLayout } from './csvLayout.js';
export type { CsvEncoding } from './decodeChunks.js';
export type { FromSurveyJSOptions, FromSurveyJSResult } from './fromSurveyJS.js';
export { fromSurveyJS } from './fromSurveyJS.js';
export type { InteropIssueCode } from './interopMessages.js';
export type { IoIssueCode } from './messages.js';
export type { ReadResponsesCsvOptions } from './readResponsesCsv.js';
export { readResponsesCsv } from './readResponsesCsv.js';
export type { ReadResponsesJsonlOptions } from './readResponsesJsonl.js';
export { readResponsesJsonl } from './readResponsesJsonl.js';
export type {
  FileIssue,
  ReadResponsesResult,
  RejectedRow,
  ResponseCheck,
  ResponseReader,
  ResponseRecord,
} from './responseReader.js';
export type { ResponsesToCsvOptions } from './responsesToCsv.js';
export { responsesToCsv } from './responsesToCsv.js';
export { responsesToJsonl } from './responsesToJsonl.js';
export type { SpssSyntaxOptions } from './spssSyntax.js';
export { spssSyntax } from './spssSyntax.js';
export type {
  FhirAnswerOption,
  FhirCoding,
  FhirEnableWhen,
  FhirExtension,
  FhirQuestionnaire,
  FhirQuestionnaireItem,
  ToFhirQuestionnaireOptions,
  ToFhirQuestionnaireResult,
} from './toFhirQuestionnaire.js';
export {
  fhirQuestionnaireUrl,
  KIZUKI_HASH_SYSTEM,
  KIZUKI_REQUIRED_IF_URL,
  KIZUKI_VISIBLE_IF_URL,
  toFhirQuestionnaire,
} from './toFhirQuestionnaire.js';
export type {
  FhirAnswer,
  FhirQuestionnaireResponse,
  FhirResponseItem,
  ToFhirQuestionnaireResponseOptions,
  ToFhirQuestionnaireResponseResult,
} from './toFhirQuestionnaireResponse.js';
export { toFhirQuestionnaireResponse } from './toFhirQuestionnaireResponse.js';
export type { SurveyJSObject, SurveyJSValue, ToSurveyJSOptions, ToSurveyJSResult } from './toSurveyJS.js';
export { INTRODUCTION_NAME, toSurveyJS } from './toSurveyJS.js';
