import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../../src/engine/index.js';
import {
  type FhirEnableWhen,
  type FhirQuestionnaire,
  type FhirQuestionnaireItem,
  type FhirQuestionnaireResponse,
  type FhirResponseItem,
  KIZUKI_REQUIRED_IF_URL,
  KIZUKI_VISIBLE_IF_URL,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
} from '../../../src/io/index.js';
import { type AnswerValue, loadTemplate, type SurveyResponse } from '../../../src/schema/index.js';
import { exampleTemplate } from '../../helpers/templates.js';
import { builtInSurveys, random, visibleQuestions, walk } from '../interopPaths.js';

const TYPES = new Set(['group', 'display', 'choice', 'integer', 'decimal', 'string', 'text', 'date']);
const ANSWER_KEY: Record<string, string> = {
  choice: 'answerCoding',
  integer: 'answerInteger',
  decimal: 'answerDecimal',
  date: 'answerDate',
  string: 'answerString',
  text: 'answerString',
};
const VALUE_KEY: Record<string, string> = {
  choice: 'valueCoding',
  integer: 'valueInteger',
  decimal: 'valueDecimal',
  date: 'valueDate',
  string: 'valueString',
  text: 'valueString',
};

interface Located {
  item: FhirQuestionnaireItem;
  parent: string | null;
}

/** Every item of a questionnaire by linkId, with its parent's linkId. */
function itemsOf(q: FhirQuestionnaire): Map<string, Located> {
  const map = new Map<string, Located>();
  const visit = (items: FhirQuestionnaireItem[], parent: string | null) => {
    for (const item of items) {
      expect(map.has(item.linkId), `duplicate linkId ${item.linkId}`).toBe(false);
      map.set(item.linkId, { item, parent });
      visit(item.item ?? [], item.linkId);
    }
  };
  visit(q.item, null);
  return map;
}

/** The structural rules of R4 that kizuki's output must keep (a small validator of our own). */
function checkQuestionnaire(q: FhirQuestionnaire): Map<string, Located> {
  expect(q.resourceType).toBe('Questionnaire');
  expect(['draft', 'active', 'retired', 'unknown']).toContain(q.status);
  expect(q.url).toMatch(/^[a-z][a-z0-9+.-]*:\S+$/);
  expect(q.name).toMatch(/^[A-Z][A-Za-z0-9_]{0,254}$/);
  expect(q.id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
  expect(q.title.length).toBeGreaterThan(0);
  const items = itemsOf(q);
  for (const { item } of items.values()) {
    expect(TYPES.has(item.type), item.type).toBe(true);
    expect(item.linkId.length).toBeLessThanOrEqual(255);
    if (item.type === 'group') expect(item.item?.length ?? 0).toBeGreaterThan(0);
    if (item.type === 'choice') {
      expect(item.answerOption?.length ?? 0).toBeGreaterThan(0);
      for (const option of item.answerOption!) expect(option.valueCoding.code).toMatch(/^-?\d+$/);
    } else {
      expect(item.answerOption).toBeUndefined();
    }
    if (item.type === 'group' || item.type === 'display') {
      expect(item.required).toBeUndefined();
      expect(item.repeats).toBeUndefined();
    }
    expect(item.enableBehavior !== undefined).toBe((item.enableWhen?.length ?? 0) > 1);
    for (const condition of item.enableWhen ?? []) {
      const target = items.get(condition.question);
      expect(target, `enableWhen of ${item.linkId} refers to ${condition.question}`).toBeDefined();
      const type = target!.item.type;
      expect(['group', 'display']).not.toContain(type);
      const answers = Object.keys(condition).filter((k) => k.startsWith('answer'));
      expect(answers).toEqual([condition.operator === 'exists' ? 'answerBoolean' : ANSWER_KEY[type]]);
      if (condition.answerCoding) {
        const codes = target!.item.answerOption!.map((o) => o.valueCoding.code);
        expect(codes).toContain(condition.answerCoding.code);
        expect(['=', '!=', 'exists']).toContain(condition.operator);
      }
    }
  }
  return items;
}

/** Answers by linkId, nested ones included. */
function responseAnswers(
  qr: FhirQuestionnaireResponse,
): Map<string, NonNullable<FhirResponseItem['answer']>> {
  const map = new Map<string, NonNullable<FhirResponseItem['answer']>>();
  const visit = (items: FhirResponseItem[]) => {
    for (const item of items) {
      if (item.answer) map.set(item.linkId, item.answer);
      for (const answer of item.answer ?? []) visit(answer.item ?? []);
      visit(item.item ?? []);
    }
  };
  visit(qr.item);
  return map;
}

function checkResponse(
  q: FhirQuestionnaire,
  items: Map<string, Located>,
  qr: FhirQuestionnaireResponse,
): void {
  expect(qr.resourceType).toBe('QuestionnaireResponse');
  expect(qr.questionnaire).toBe(`${q.url}|${q.version}`);
  expect(qr.status).toBe('completed');
  expect(Number.isNaN(Date.parse(qr.authored))).toBe(false);
  const visit = (list: FhirResponseItem[], parent: string | null) => {
    for (const item of list) {
      const located = items.get(item.linkId);
      expect(located, `unknown linkId ${item.linkId}`).toBeDefined();
      expect(located!.parent).toBe(parent);
      const { type, repeats, answerOption } = located!.item;
      expect((item.answer?.length ?? 0) + (item.item?.length ?? 0)).toBeGreaterThan(0);
      if (type === 'group') expect(item.answer).toBeUndefined();
      if (!repeats) expect(item.answer?.length ?? 0).toBeLessThanOrEqual(1);
      for (const answer of item.answer ?? []) {
        const keys = Object.keys(answer).filter((k) => k.startsWith('value'));
        expect(keys).toEqual([VALUE_KEY[type]]);
        if (answer.valueCoding)
          expect(answerOption!.map((o) => o.valueCoding.code)).toContain(answer.valueCoding.code);
        if (answer.valueInteger !== undefined) expect(Number.isInteger(answer.valueInteger)).toBe(true);
        visit(answer.item ?? [], item.linkId);
      }
      visit(item.item ?? [], item.linkId);
    }
  };
  visit(qr.item, null);
}

/** Reads a QuestionnaireResponse back into kizuki answers: the round trip. */
function readBack(items: Map<string, Located>, qr: FhirQuestionnaireResponse) {
  const answers: Record<string, AnswerValue> = {};
  const other: Record<string, string> = {};
  const ranked = new Map<string, [number, number][]>();
  for (const [linkId, list] of responseAnswers(qr)) {
    const { item } = items.get(linkId)!;
    const values = list.map((a) =>
      a.valueCoding
        ? Number(a.valueCoding.code)
        : (a.valueInteger ?? a.valueDecimal ?? a.valueString ?? a.valueDate)!,
    );
    const rank = /^(.*)\.(\d+)$/.exec(linkId);
    if (linkId.endsWith('.other')) other[linkId.slice(0, -'.other'.length)] = values[0] as string;
    else if (rank)
      ranked.set(rank[1]!, [...(ranked.get(rank[1]!) ?? []), [Number(rank[2]), values[0] as number]]);
    else answers[linkId] = item.repeats ? (values as number[]) : values[0]!;
  }
  for (const [id, ranks] of ranked) answers[id] = ranks.sort((a, b) => a[0] - b[0]).map(([, code]) => code);
  return { answers, other };
}

/** Which question items FHIR enables for the answers in a response (R4 enableWhen semantics). */
function enabledItems(q: FhirQuestionnaire, qr: FhirQuestionnaireResponse): Set<string> {
  const answers = responseAnswers(qr);
  const value = (a: NonNullable<FhirResponseItem['answer']>[number]) =>
    a.valueCoding?.code ?? a.valueInteger ?? a.valueDecimal ?? a.valueString ?? a.valueDate;
  const test = (w: FhirEnableWhen): boolean => {
    const given = (answers.get(w.question) ?? []).map(value);
    if (w.operator === 'exists') return given.length > 0 === w.answerBoolean;
    const expected =
      w.answerCoding?.code ?? w.answerInteger ?? w.answerDecimal ?? w.answerString ?? w.answerDate;
    const { operator } = w;
    const compare = (v: unknown) => {
      const [a, b] = [v as number | string, expected as number | string];
      return { '=': a === b, '!=': a !== b, '<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b }[operator];
    };
    if (w.operator === '!=') return given.every(compare);
    return given.some(compare);
  };
  const enabled = new Set<string>();
  const visit = (items: FhirQuestionnaireItem[], parentEnabled: boolean) => {
    for (const item of items) {
      const tests = (item.enableWhen ?? []).map(test);
      const on =
        parentEnabled &&
        (tests.length === 0 || (item.enableBehavior === 'any' ? tests.some(Boolean) : tests.every(Boolean)));
      if (on) enabled.add(item.linkId);
      visit(item.item ?? [], on);
    }
  };
  visit(q.item, true);
  return enabled;
}

const kept = (item: FhirQuestionnaireItem, url: string) =>
  item.extension?.some((e) => e.url === url) === true;

describe('toFhirQuestionnaire', () => {
  const survey = loadTemplate(exampleTemplate());
  const { questionnaire, unconverted } = toFhirQuestionnaire(survey, { locale: 'en' });
  const items = checkQuestionnaire(questionnaire);
  const item = (id: string) => items.get(id)!.item;

  it('writes the resource fields and Japanese texts with English in the translation extension', () => {
    expect(questionnaire).toMatchObject({
      resourceType: 'Questionnaire',
      id: 'example-all-features',
      url: 'urn:kizuki:template:example-all-features',
      version: '1.0.0',
      name: 'ExampleAllFeatures',
      title: '機能見本アンケート',
      status: 'active',
      copyright: 'CC-BY-4.0',
      identifier: [{ system: 'urn:kizuki:template-hash', value: survey.hash }],
    });
    expect(item('sex')._text).toEqual({
      extension: [
        {
          url: 'http://hl7.org/fhir/StructureDefinition/translation',
          extension: [
            { url: 'lang', valueCode: 'en' },
            { url: 'content', valueString: 'Sex' },
          ],
        },
      ],
    });
    expect(item('sex').answerOption![1]!.valueCoding).toMatchObject({ code: '2', display: '女性' });
  });

  it('maps every question type', () => {
    expect(item('about').type).toBe('group');
    expect(item('sex')).toMatchObject({ type: 'choice', required: true });
    expect(item('arrangements')).toMatchObject({ type: 'choice', repeats: true, required: true });
    expect(item('arrangements').answerOption!.find((o) => o.valueCoding.code === '6')!.extension).toEqual([
      { url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive', valueBoolean: true },
    ]);
    expect(item('arrangements.other')).toMatchObject({
      type: 'string',
      enableWhen: [{ question: 'arrangements', operator: '=', answerCoding: { code: '5' } }],
    });
    // After the multiple choice, not under it: LHC-Forms reads a repeating item's children as repeats.
    expect(items.get('arrangements.other')!.parent).toBe('work');
    expect(item('age')).toMatchObject({ type: 'integer' });
    expect(item('telework_days').type).toBe('decimal');
    expect(item('workload').answerOption).toHaveLength(5);
    expect(item('views')).toMatchObject({ type: 'group' });
    expect(item('v_care')).toMatchObject({ type: 'choice' });
    expect(items.get('v_care')!.parent).toBe('views');
    expect(item('v_care').answerOption![0]!.valueCoding.extension).toEqual([
      { url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: 4 },
    ]);
    expect(item('why_leave').item!.map((i) => i.linkId)).toEqual([
      'why_leave.1',
      'why_leave.2',
      'why_leave.3',
      'why_leave.other',
    ]);
    expect(item('email')).toMatchObject({ type: 'string', maxLength: 200 });
    expect(item('comment')).toMatchObject({ type: 'text', maxLength: 2000 });
    expect(item('birth_date').type).toBe('date');
    expect(item('work_note').type).toBe('display');
    expect(item('children.help').extension![0]!.valueCodeableConcept!.coding[0]!.code).toBe('help');
  });

  it('writes enableWhen for simple conditions and keeps the others as expression text', () => {
    expect(item('leave_plan')).toMatchObject({
      enableBehavior: 'all',
      enableWhen: [
        { question: 'sex', operator: '=', answerCoding: { code: '1' } },
        { question: 'children', operator: '>', answerInteger: 0 },
      ],
    });
    expect(item('telework_days').enableWhen).toEqual([
      { question: 'arrangements', operator: '=', answerCoding: { code: '1' } },
    ]);
    // `age < 40 or v_lead in [1, 2]`: an `or` of tests, one of which is itself an `or`.
    expect(item('why_leave')).toMatchObject({
      enableBehavior: 'any',
      enableWhen: [
        { question: 'age', operator: '<', answerInteger: 40 },
        { question: 'v_lead', operator: '=', answerCoding: { code: '1' } },
        { question: 'v_lead', operator: '=', answerCoding: { code: '2' } },
      ],
    });
    expect(kept(item('comment'), KIZUKI_VISIBLE_IF_URL)).toBe(true);
    expect(item('telework_days').extension).toContainEqual({
      url: KIZUKI_REQUIRED_IF_URL,
      valueString: 'selected(arrangements, 1) and not selected(arrangements, 6)',
    });
    const codes = unconverted.map((i) => `${i.code} ${i.path.join('.')}`);
    expect(codes).toContain('condition_kept_as_extension sections.2.questions.2.visibleIf');
    expect(codes).toContain('condition_kept_as_extension sections.1.questions.2.requiredIf');
    expect(codes).toContain('field_dropped scores');
    expect(codes).not.toContain('field_dropped licence');
  });

  it('guards != with exists, since kizuki hides while the question is unanswered', () => {
    const template = exampleTemplate();
    template.sections[1]!.questions[3]!.visibleIf = 'sex != 3';
    const { questionnaire: q } = toFhirQuestionnaire(loadTemplate(template));
    expect(itemsOf(q).get('leave_plan')!.item).toMatchObject({
      enableBehavior: 'all',
      enableWhen: [
        { question: 'sex', operator: 'exists', answerBoolean: true },
        { question: 'sex', operator: '!=', answerCoding: { code: '3' } },
      ],
    });
  });
});

describe.each(builtInSurveys())('FHIR conversion of $file', ({ survey }) => {
  const { questionnaire } = toFhirQuestionnaire(survey);
  const items = checkQuestionnaire(questionnaire);

  it('gives responses that match the questionnaire, read back to the same answers, and enable what the engine shows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const session = createSession(survey, { seed });
        walk(session, random(seed), () => {});
        const submitted = session.submit();
        expect(submitted.success).toBe(true);
        const response = (submitted as { response: SurveyResponse }).response;
        const { questionnaireResponse: qr } = toFhirQuestionnaireResponse(survey, response);
        checkResponse(questionnaire, items, qr);
        const back = readBack(items, qr);
        expect(back.answers).toEqual(response.answers);
        expect(back.other).toEqual(response.other ?? {});

        const enabled = enabledItems(questionnaire, qr);
        const visible = new Set(visibleQuestions(session));
        for (const section of questionnaire.item) {
          if (section.type !== 'group' || kept(section, KIZUKI_VISIBLE_IF_URL)) continue;
          for (const question of section.item ?? []) {
            if (kept(question, KIZUKI_VISIBLE_IF_URL) || question.linkId.includes('.')) continue;
            expect(enabled.has(question.linkId), question.linkId).toBe(visible.has(question.linkId));
          }
        }
      }),
      { numRuns: 10 },
    );
  });
});
