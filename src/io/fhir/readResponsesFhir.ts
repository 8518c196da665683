import { createIssue, type Issue, type MessageLocale, type PathSegment } from '../../core/issue.js';
import { jsonNestingDepth } from '../../core/jsonNestingDepth.js';
import type { Survey } from '../../schema/index.js';
import { byteChunks, type ResponseInput } from '../byteChunks.js';
import { ioMessages } from '../messages.js';
import {
  createResponseReader,
  type ResponseCheck,
  type ResponseReader,
  type ResponseRecord,
} from '../responseReader.js';
import type { FhirAnswerMap } from './fhirAnswerMap.js';
import { arrayOf, field, record } from './fhirFields.js';
import { fromFhirQuestionnaire } from './fromFhirQuestionnaire.js';
import { fromFhirQuestionnaireResponse } from './fromFhirQuestionnaireResponse.js';

/** Options of {@link readResponsesFhir}. */
export interface ReadResponsesFhirOptions {
  /** Language of issue messages. Default `ja`. */
  locale?: MessageLocale;
  /** Checks each response; its issues reject the resource. Pass `createResponseValidator(survey)`. */
  validate?: ResponseCheck;
  /** Called as input is consumed, with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /** Largest file accepted, in characters (a FHIR JSON file is read whole). Default 200,000,000. */
  maxLength?: number;
}

/** Deeper than any QuestionnaireResponse or Bundle kizuki reads. */
const MAX_NESTING = 64;

/**
 * Reads a FHIR R4 JSON file of QuestionnaireResponses — one resource, an array, or a Bundle — as
 * a {@link ResponseReader}, so that the CLI and any caller of the streaming readers can validate,
 * anonymise and analyse data collected by FHIR systems. A Bundle may also hold the Questionnaire the
 * responses answer: its answer map (from `fromFhirQuestionnaire`) is then used to read them, and it
 * is not counted as a response. Every other entry that is not a usable QuestionnaireResponse is
 * rejected with each reason, naming its position (`row`, 1 = the first response entry) and its
 * path in the file (`entry.3.resource.item.0…`). A file that is not JSON, nests too deeply or is
 * too large is one fatal file issue.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { readResponsesFhir } from 'kizuki/io';
 * const { responses, rejected } = await readResponsesFhir(survey, await readFile('bundle.json'), { validate }).collect();
 * ```
 */
export function readResponsesFhir(
  survey: Survey,
  input: ResponseInput,
  options: ReadResponsesFhirOptions = {},
): ResponseReader {
  return createResponseReader(() => fhirRecords(survey, input, options));
}

async function* fhirRecords(
  survey: Survey,
  input: ResponseInput,
  options: ReadResponsesFhirOptions,
): AsyncGenerator<ResponseRecord> {
  const locale = options.locale ?? 'ja';
  const maxLength = options.maxLength ?? 200_000_000;
  const fatal = (issue: Issue): ResponseRecord => ({ kind: 'file', line: 1, fatal: true, issues: [issue] });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text = '';
  try {
    for await (const chunk of byteChunks(input, options.onProgress)) {
      text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (text.length > maxLength) {
        yield fatal(createIssue(ioMessages, 'line_too_long', [], locale, { limit: maxLength }));
        return;
      }
    }
    text += decoder.decode();
  } catch {
    yield fatal(createIssue(ioMessages, 'undecodable_text', [], locale, {}));
    return;
  }
  // Measured before parsing: the file comes from outside.
  const depth = jsonNestingDepth(text);
  let json: unknown;
  try {
    if (depth > MAX_NESTING) throw new Error(`nested ${depth} deep (limit ${MAX_NESTING})`);
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    yield fatal(createIssue(ioMessages, 'invalid_json', [], locale, { detail: (error as Error).message }));
    return;
  }
  // The resources with their paths; a Bundle's Questionnaires give the answer map.
  let answerMap: FhirAnswerMap | undefined;
  const resources: { value: unknown; path: PathSegment[] }[] = [];
  const bundle = record(json);
  if (Array.isArray(json)) json.forEach((value, i) => resources.push({ value, path: [i] }));
  else if (bundle && field(bundle, 'resourceType') === 'Bundle')
    arrayOf(field(bundle, 'entry')).forEach((entry, i) => {
      const value = field(record(entry) ?? {}, 'resource');
      if (field(record(value) ?? {}, 'resourceType') === 'Questionnaire')
        answerMap = { ...answerMap, ...fromFhirQuestionnaire(value).answerMap };
      else resources.push({ value, path: ['entry', i, 'resource'] });
    });
  else resources.push({ value: json, path: [] });
  // Read together, so that ids given by position (`fhir-response-000001`…) follow the file.
  const result = fromFhirQuestionnaireResponse(
    survey,
    resources.map((r) => r.value),
    {
      locale,
      ...(answerMap ? { answerMap } : {}),
      ...(options.validate ? { validate: options.validate } : {}),
    },
  );
  const rejected = new Map(result.rejected.map((r) => [r.index, r.issues]));
  let next = 0;
  for (const [index, { path }] of resources.entries()) {
    const row = index + 1;
    const issues = rejected.get(index);
    if (issues === undefined) {
      yield { kind: 'response', line: 1, row, response: result.responses[next++]! };
      continue;
    }
    // A FHIR reading issue points into the file (its first segment, the position in the list read,
    // becomes where the resource is); a validator's issue points into the kizuki response.
    const at = (issue: Issue): Issue =>
      issue.code === 'fhir_answer_rejected' ? { ...issue, path: [...path, ...issue.path.slice(1)] } : issue;
    yield { kind: 'rejected', line: 1, row, issues: issues.map(at) };
  }
}
