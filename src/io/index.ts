/**
 * Files in and out: responses as wide CSV and JSON Lines, the codebook as CSV and Markdown, SPSS
 * syntax, and conversion to and from SurveyJS and FHIR R4 (Questionnaire, QuestionnaireResponse).
 * The CSV reader runs on Node (streams, Shift_JIS decoding); the writers and converters are pure
 * functions.
 *
 * @packageDocumentation
 */
export type { ResponseInput } from './byteChunks.js';
export type { CodebookEntry, CodebookMeasure, CodebookStorage } from './codebook/codebook.js';
export { codebook } from './codebook/codebook.js';
export type { CodebookToCsvOptions } from './codebook/codebookToCsv.js';
export { codebookToCsv } from './codebook/codebookToCsv.js';
export type { CodebookToMarkdownOptions } from './codebook/codebookToMarkdown.js';
export { codebookToMarkdown } from './codebook/codebookToMarkdown.js';
export type { MetaDefaults } from './csv/createRowMapper.js';
export type { ColumnOption, CsvColumn, MetaField } from './csv/csvLayout.js';
export { csvLayout } from './csv/csvLayout.js';
export type { CsvEncoding } from './csv/decodeChunks.js';
export type { ReadResponsesCsvOptions } from './csv/readResponsesCsv.js';
export { readResponsesCsv } from './csv/readResponsesCsv.js';
export type { ResponsesToCsvOptions } from './csv/responsesToCsv.js';
export { responsesToCsv } from './csv/responsesToCsv.js';
export type { FhirAnswerMap, FhirAnswerTarget } from './fhir/fhirAnswerMap.js';
export { surveyAnswerMap } from './fhir/fhirAnswerMap.js';
export type {
  FromFhirQuestionnaireOptions,
  FromFhirQuestionnaireResult,
} from './fhir/fromFhirQuestionnaire.js';
export { fromFhirQuestionnaire } from './fhir/fromFhirQuestionnaire.js';
export type {
  FromFhirQuestionnaireResponseOptions,
  FromFhirQuestionnaireResponseResult,
  RejectedFhirResponse,
} from './fhir/fromFhirQuestionnaireResponse.js';
export { fromFhirQuestionnaireResponse } from './fhir/fromFhirQuestionnaireResponse.js';
export type { ReadResponsesFhirOptions } from './fhir/readResponsesFhir.js';
export { readResponsesFhir } from './fhir/readResponsesFhir.js';
export type {
  FhirAnswerOption,
  FhirCoding,
  FhirEnableWhen,
  FhirExtension,
  FhirQuestionnaire,
  FhirQuestionnaireItem,
  ToFhirQuestionnaireOptions,
  ToFhirQuestionnaireResult,
} from './fhir/toFhirQuestionnaire.js';
export {
  fhirQuestionnaireUrl,
  KIZUKI_HASH_SYSTEM,
  KIZUKI_REQUIRED_IF_URL,
  KIZUKI_TEMPLATE_URL,
  KIZUKI_VISIBLE_IF_URL,
  toFhirQuestionnaire,
} from './fhir/toFhirQuestionnaire.js';
export type {
  FhirAnswer,
  FhirQuestionnaireResponse,
  FhirResponseItem,
  ToFhirQuestionnaireResponseOptions,
  ToFhirQuestionnaireResponseResult,
} from './fhir/toFhirQuestionnaireResponse.js';
export { toFhirQuestionnaireResponse } from './fhir/toFhirQuestionnaireResponse.js';
export type { InteropIssueCode } from './interopMessages.js';
export type { ReadResponsesJsonlOptions } from './jsonl/readResponsesJsonl.js';
export { readResponsesJsonl } from './jsonl/readResponsesJsonl.js';
export { responsesToJsonl } from './jsonl/responsesToJsonl.js';
export type { IoIssueCode } from './messages.js';
export type {
  FileIssue,
  ReadResponsesResult,
  RejectedRow,
  ResponseCheck,
  ResponseReader,
  ResponseRecord,
} from './responseReader.js';
export type { SpssSyntaxOptions } from './spss/spssSyntax.js';
export { spssSyntax } from './spss/spssSyntax.js';
export type { FromSurveyJSOptions, FromSurveyJSResult } from './surveyjs/fromSurveyJS.js';
export { fromSurveyJS } from './surveyjs/fromSurveyJS.js';
export type {
  SurveyJSObject,
  SurveyJSValue,
  ToSurveyJSOptions,
  ToSurveyJSResult,
} from './surveyjs/toSurveyJS.js';
export { INTRODUCTION_NAME, KIZUKI_PROPERTY, toSurveyJS } from './surveyjs/toSurveyJS.js';
