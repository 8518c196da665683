import { describe, expect, it } from 'vitest';
import { synthesiseResponses } from '../../../src/cli/synthesiseResponses.js';
import {
  readResponsesFhir,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
} from '../../../src/io/index.js';
import { loadTemplate } from '../../../src/schema/index.js';
import { getTemplate } from '../../../src/templates/index.js';
import { createResponseValidator } from '../../../src/validate/index.js';

const survey = loadTemplate(getTemplate('example-all-features')!);
const responses = synthesiseResponses(survey, { n: 5, seed: 3 });
const resources = responses.map((r) => toFhirQuestionnaireResponse(survey, r).questionnaireResponse);
const broken = JSON.parse(JSON.stringify(resources[0]));
broken.id = 'broken-response-000001';
broken.item[0].item[0].linkId = 'no_such_item';
/** A Bundle as FHIR servers return it: the Questionnaire, five good responses, a bad one, a Patient. */
const bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    { resource: toFhirQuestionnaire(survey).questionnaire },
    ...resources.map((resource) => ({ resource })),
    { resource: broken },
    { resource: { resourceType: 'Patient', id: 'p1' } },
  ],
};

describe('readResponsesFhir', () => {
  it('readResponsesFhir reads a Bundle, uses its Questionnaire, and rejects every other entry by path', async () => {
    const validate = createResponseValidator(survey, { locale: 'en' });
    const result = await readResponsesFhir(survey, JSON.stringify(bundle), {
      validate,
      locale: 'en',
    }).collect();
    expect(result.responses.map((r) => r.answers)).toEqual(responses.map((r) => r.answers));
    expect(result.rows).toBe(7);
    expect(result.rejected.map((r) => [r.row, r.issues[0]!.path.slice(0, 3).join('.')])).toEqual([
      [6, 'entry.6.resource'],
      [7, 'entry.7.resource'],
    ]);
    expect(result.rejected[0]!.issues[0]!.message).toContain('no_such_item');
    expect(result.rejected[1]!.issues[0]!.message).toContain('it is not a QuestionnaireResponse');
  });

  it('refuses a file that is not JSON or nests too deeply as one fatal file issue', async () => {
    for (const text of ['{"resourceType": ', `${'['.repeat(10_000)}${']'.repeat(10_000)}`]) {
      const result = await readResponsesFhir(survey, text, { locale: 'en' }).collect();
      expect(result.responses).toEqual([]);
      expect(result.fileIssues.map((f) => [f.fatal, f.issue.code])).toEqual([[true, 'invalid_json']]);
    }
  });
});
