import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSession, type Session } from '../../../src/engine/index.js';
import { parseExpression, printExpression } from '../../../src/expr/index.js';
import {
  fromFhirQuestionnaire,
  fromFhirQuestionnaireResponse,
  KIZUKI_TEMPLATE_URL,
  surveyAnswerMap,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
} from '../../../src/io/index.js';
import {
  hashTemplate,
  loadTemplate,
  type Question,
  type Survey,
  type SurveyResponse,
  type Template,
} from '../../../src/schema/index.js';
import { createResponseValidator } from '../../../src/validate/index.js';
import { builtInSurveys, random, walk } from '../interopPaths.js';
import { templateArbitrary } from './templateArbitrary.js';

const canonical = (source: string) => {
  const parsed = parseExpression(source);
  return parsed.success ? printExpression(parsed.expr) : source;
};

/**
 * What FHIR carries of a template, in a form that can be compared: everything but conditions
 * (compared on answer paths), scale ids, and what `toFhirQuestionnaire` reports as dropped. A
 * Likert question comes back as a single choice on its scale's options.
 */
function carried(template: Template) {
  const scales = template.scales ?? {};
  const options = (list: readonly Record<string, unknown>[]) =>
    list.map((o) => ({
      code: o.code,
      label: o.label,
      ...(o.value === undefined ? {} : { value: o.value }),
      ...(o.exclusive === true ? { exclusive: true } : {}),
      ...(o.other === true ? { other: true } : {}),
    }));
  const question = (q: Question) => {
    const base = {
      id: q.id,
      label: q.label,
      help: q.help,
      required: q.type !== 'note' && q.required === true,
      requiredIf: q.type === 'note' || q.requiredIf === undefined ? undefined : canonical(q.requiredIf),
    };
    switch (q.type) {
      case 'likert':
        return { ...base, type: 'single', options: options(scales[q.scale]?.options ?? []) };
      case 'matrix':
        return {
          ...base,
          type: 'matrix',
          options: options(scales[q.scale]?.options ?? []),
          items: q.items.map((i) => ({ id: i.id, text: i.text })),
        };
      case 'single':
        return { ...base, type: q.type, options: options(q.options) };
      case 'multiple':
        return {
          ...base,
          type: q.type,
          options: options(q.options),
          minSelected: q.minSelected,
          maxSelected: q.maxSelected,
        };
      case 'ranking':
        // FHIR holds how many ranks are required, so minRanked survives only on a required ranking.
        return {
          ...base,
          type: q.type,
          options: options(q.options),
          maxRanked: q.maxRanked,
          minRanked: q.required && (q.minRanked ?? 1) > 1 ? q.minRanked : undefined,
        };
      case 'number':
        return { ...base, type: q.type, integer: q.integer === true, min: q.min, max: q.max, unit: q.unit };
      case 'text':
        return { ...base, type: q.type, size: q.size ?? 'short', maxLength: q.maxLength };
      case 'date':
        return { ...base, type: q.type, min: q.min, max: q.max };
      case 'note':
        return { ...base, type: q.type };
    }
  };
  const clean = (value: unknown) => JSON.parse(JSON.stringify(value));
  return clean({
    id: template.id,
    version: template.version,
    locales: template.locales,
    title: template.title,
    description: template.description,
    introduction: template.introduction,
    licence: template.licence,
    authors: template.provenance.authors,
    derivedFrom: template.derivedFrom && {
      id: template.derivedFrom.id,
      version: template.derivedFrom.version,
    },
    sections: template.sections.map((s) => ({
      id: s.id,
      title: s.title,
      description: s.description,
      questions: s.questions.map(question),
    })),
  });
}

/** Runs a session of `copy` beside `session`, checking after every answer that both show the same questions, equally required. */
function mirrored(session: Session, copy: Session): Session {
  const same = () => {
    const view = (s: Session) => s.getSnapshot().questions.map((q) => `${q.id}${q.required ? '*' : ''}`);
    expect(view(copy)).toEqual(view(session));
  };
  return new Proxy(session, {
    get(target, key) {
      if (key === 'setAnswer' || key === 'setOther' || key === 'next')
        return (...args: unknown[]) => {
          const result = (target[key] as (...a: unknown[]) => unknown)(...args);
          const mirror = (copy[key] as (...a: unknown[]) => { success: boolean })(...args);
          expect(mirror.success).toBe(true);
          same();
          return result;
        };
      const value = target[key as keyof Session];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function roundTrip(survey: Survey) {
  const { questionnaire } = toFhirQuestionnaire(survey);
  const imported = fromFhirQuestionnaire(JSON.parse(JSON.stringify(questionnaire)));
  return { questionnaire, ...imported, survey: loadTemplate(imported.template) };
}

/** Walks `seed`'s path on the original and the round-tripped survey, comparing after every answer. */
function comparePath(original: Survey, back: Survey, seed: number): SurveyResponse {
  const session = createSession(original, { seed });
  const copy = createSession(back, { seed });
  walk(mirrored(session, copy), random(seed), () => {});
  const submitted = session.submit();
  expect(submitted.success).toBe(true);
  expect(copy.submit().success).toBe(true);
  return (submitted as { response: SurveyResponse }).response;
}

describe.each(builtInSurveys())('kizuki → FHIR → kizuki on $file', ({ survey }) => {
  const back = roundTrip(survey);

  it('keeps questions, options, texts and translations, and reports nothing new', () => {
    expect(back.unconverted).toEqual([]);
    expect(carried(back.template)).toEqual(carried(survey.template));
  });

  it('shows the same questions, equally required, after every answer on random paths', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        comparePath(survey, back.survey, seed);
      }),
      { numRuns: 15 },
    );
  });

  it('reads QuestionnaireResponses back to the same answers, valid for either survey', () => {
    const validateBack = createResponseValidator(back.survey);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const response = comparePath(survey, back.survey, seed);
        const { questionnaireResponse } = toFhirQuestionnaireResponse(survey, response);
        const direct = fromFhirQuestionnaireResponse(survey, questionnaireResponse);
        expect(direct.rejected).toEqual([]);
        expect(direct.responses[0]!.answers).toEqual(response.answers);
        expect(direct.responses[0]!.other ?? {}).toEqual(response.other ?? {});
        const viaImport = fromFhirQuestionnaireResponse(back.survey, questionnaireResponse, {
          answerMap: back.answerMap,
          validate: validateBack,
        });
        expect(viaImport.rejected).toEqual([]);
        expect(viaImport.responses[0]!.answers).toEqual(response.answers);
      }),
      { numRuns: 10 },
    );
  });
});

describe('kizuki → FHIR → kizuki on generated templates', () => {
  it('keeps what FHIR carries and the visible questions on random paths', () => {
    fc.assert(
      fc.property(templateArbitrary(), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (template, seed) => {
        const survey = loadTemplate(template);
        const back = roundTrip(survey);
        expect(back.unconverted).toEqual([]);
        expect(carried(back.template)).toEqual(carried(survey.template));
        comparePath(survey, back.survey, seed);
      }),
      { numRuns: 200 },
    );
  });
});

describe('fromFhirQuestionnaireResponse', () => {
  const survey = builtInSurveys().find((s) => s.file === 'example-all-features.json')!.survey;
  const qr = (item: unknown[], extra: Record<string, unknown> = {}) => ({
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    authored: '2026-05-01T09:00:00Z',
    identifier: { value: 'r1' },
    item,
    ...extra,
  });

  it('reads a Bundle and reports every rejected answer by linkId and path', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: qr([
            { linkId: 'about', item: [{ linkId: 'sex', answer: [{ valueCoding: { code: '2' } }] }] },
          ]),
        },
        {
          resource: qr([
            {
              linkId: 'about',
              item: [
                { linkId: 'sex', answer: [{ valueCoding: { code: '7' } }] },
                { linkId: 'age', answer: [{ valueString: 'forty' }] },
                { linkId: 'nobody', answer: [{ valueString: 'x' }] },
                { linkId: 'sex', answer: [{ valueCoding: { code: '1' } }, { valueCoding: { code: '2' } }] },
              ],
            },
          ]),
        },
        { resource: { resourceType: 'Patient' } },
      ],
    };
    const { responses, rejected } = fromFhirQuestionnaireResponse(survey, bundle, { locale: 'en' });
    expect(responses.map((r) => [r.respondentId, r.answers])).toEqual([['fhir-response-000001', { sex: 2 }]]);
    expect(
      rejected.map((r) => [
        r.index,
        r.issues.map((i) => `${i.path.join('.')} ${i.params?.linkId} ${i.params?.detail}`),
      ]),
    ).toEqual([
      [
        1,
        [
          'entry.1.resource.item.0.item.0.answer.0 sex unknown_code',
          'entry.1.resource.item.0.item.1.answer age answer_type',
          'entry.1.resource.item.0.item.2.answer nobody unknown_question',
          'entry.1.resource.item.0.item.3.answer sex not_repeating',
        ],
      ],
      [2, ['entry.2.resource (resource) not_a_response']],
    ]);
    expect(rejected[0]!.issues[0]!.message).toBe(
      'The answer to linkId "sex" could not be imported: the code is not among the options',
    );
  });

  it('rejects what the survey does not accept when given a validator', () => {
    const { rejected } = fromFhirQuestionnaireResponse(
      survey,
      qr([{ linkId: 'about', item: [{ linkId: 'age', answer: [{ valueInteger: 999 }] }] }]),
      { validate: createResponseValidator(survey) },
    );
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.issues.length).toBeGreaterThan(0);
  });

  it('reads open-choice text and booleans through the answer map of an import', () => {
    const questionnaire = {
      resourceType: 'Questionnaire',
      language: 'ja',
      title: '例',
      item: [
        {
          linkId: 'job',
          text: '職種',
          type: 'open-choice',
          answerOption: [{ valueCoding: { code: 'A', display: '事務' } }],
        },
        { linkId: 'ok', text: '同意', type: 'boolean' },
      ],
    };
    const { template, answerMap } = fromFhirQuestionnaire(questionnaire);
    const imported = loadTemplate(template);
    const { responses, rejected } = fromFhirQuestionnaireResponse(
      imported,
      [
        qr([
          { linkId: 'job', answer: [{ valueString: '保育士' }] },
          { linkId: 'ok', answer: [{ valueBoolean: false }] },
        ]),
        qr([{ linkId: 'job', answer: [{ valueCoding: { code: 'A' } }] }]),
      ],
      { answerMap, validate: createResponseValidator(imported) },
    );
    expect(rejected).toEqual([]);
    expect(responses.map((r) => [r.answers, r.other])).toEqual([
      [{ job: 2, ok: 2 }, { job: '保育士' }],
      [{ job: 1 }, undefined],
    ]);
  });
});

describe('kizuki → FHIR → kizuki with the template carried in an extension', () => {
  it.each(builtInSurveys())('gives $file back with the same hash and its answer map', ({ survey }) => {
    const { questionnaire } = toFhirQuestionnaire(survey, { carry: true });
    expect(questionnaire.extension?.map((e) => e.url)).toEqual([KIZUKI_TEMPLATE_URL]);
    const back = fromFhirQuestionnaire(JSON.parse(JSON.stringify(questionnaire)));
    expect(back.unconverted).toEqual([]);
    expect(hashTemplate(back.template)).toBe(survey.hash);
    expect(back.answerMap).toEqual(surveyAnswerMap(survey));
  });

  it('does not apply the carried template once the items were changed, and says so', () => {
    const { survey } = builtInSurveys().find((s) => s.file === 'workshop-feedback.json')!;
    const questionnaire = JSON.parse(
      JSON.stringify(toFhirQuestionnaire(survey, { carry: true }).questionnaire),
    );
    questionnaire.item.at(-1).text = '変更した見出し';
    const back = fromFhirQuestionnaire(questionnaire, { locale: 'en' });
    expect(hashTemplate(back.template)).not.toBe(survey.hash);
    expect(back.template.sections.at(-1)!.title.ja).toBe('変更した見出し');
    expect([back.template.id, back.template.version, back.template.licence]).toEqual([
      survey.template.id,
      survey.template.version,
      survey.template.licence,
    ]);
    expect(back.template.provenance).toEqual(survey.template.provenance);
    const stale = back.unconverted.filter((i) => i.code === 'kizuki_data_stale');
    expect(stale.map((i) => i.path)).toEqual([['extension', 0]]);
    expect(stale[0]!.message).toContain('the FHIR content was changed since');
  });

  it('ignores a carried record that is not JSON or nests too deeply, reading the items as they are', () => {
    const { survey } = builtInSurveys().find((s) => s.file === 'workshop-feedback.json')!;
    const { questionnaire } = toFhirQuestionnaire(survey);
    const plain = fromFhirQuestionnaire(questionnaire);
    for (const valueString of ['{not json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`]) {
      const hostile = { ...questionnaire, extension: [{ url: KIZUKI_TEMPLATE_URL, valueString }] };
      const back = fromFhirQuestionnaire(hostile);
      expect(back.template).toEqual(plain.template);
    }
  });
});
