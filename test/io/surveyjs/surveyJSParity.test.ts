import fc from 'fast-check';
import { Model } from 'survey-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession } from '../../../src/engine/index.js';
import { INTRODUCTION_NAME, toSurveyJS } from '../../../src/io/surveyjs/toSurveyJS.js';
import type { Survey } from '../../../src/schema/index.js';
import { builtInSurveys, type GivenAnswer, random, visibleQuestions, walk } from '../interopPaths.js';

const surveys = builtInSurveys();

/** SurveyJS writes problems with expressions and JSON to the console rather than throwing. */
let warnings: unknown[][] = [];
beforeEach(() => {
  warnings = [];
  for (const method of ['warn', 'error'] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      warnings.push(args);
    });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Sets a kizuki answer in a SurveyJS model, as SurveyJS stores it. */
function setInModel(
  model: Model,
  survey: Survey,
  answer: GivenAnswer,
  otherCodes: Map<string, number>,
): void {
  const other = otherCodes.get(answer.key);
  const asSurveyJS = (code: number) => (code === other ? 'other' : code);
  const matrix = [...survey.template.sections.flatMap((s) => s.questions)].find(
    (q) => q.type === 'matrix' && q.items.some((item) => item.id === answer.key),
  );
  if (matrix) {
    model.setValue(matrix.id, { ...(model.getValue(matrix.id) ?? {}), [answer.key]: answer.value });
    return;
  }
  const value = Array.isArray(answer.value)
    ? answer.value.map(asSurveyJS)
    : typeof answer.value === 'number'
      ? asSurveyJS(answer.value)
      : answer.value;
  model.setValue(answer.key, value);
  if (answer.other !== undefined && other !== undefined) model.setComment(answer.key, answer.other);
}

function visibleInModel(model: Model, page?: string): string[] {
  return model
    .getAllQuestions()
    .filter((q) => q.name !== INTRODUCTION_NAME && q.isVisible && q.page?.isVisible)
    .filter((q) => page === undefined || q.page?.name === page)
    .map((q) => q.name);
}

function otherCodesOf(survey: Survey): Map<string, number> {
  const codes = new Map<string, number>();
  for (const section of survey.template.sections)
    for (const q of section.questions)
      if (q.type === 'single' || q.type === 'multiple') {
        const other = q.options.find((o) => o.other);
        if (other) codes.set(q.id, other.code);
      }
  return codes;
}

describe.each(surveys)('the SurveyJS export of $file', ({ survey }) => {
  const { json, unconverted } = toSurveyJS(survey, { locale: 'en' });

  it('loads in survey-core without errors or warnings, in both languages', () => {
    const model = new Model(json);
    expect(model.jsonErrors ?? []).toEqual([]);
    expect(model.getAllQuestions().length).toBeGreaterThan(0);
    model.locale = 'en';
    const first = model
      .getAllQuestions()
      .find((q) => q.name !== INTRODUCTION_NAME && q.getType() !== 'html')!;
    expect(first.title).toBe(
      survey.template.sections.flatMap((s) => s.questions).find((q) => q.id === first.name)!.label.en,
    );
    expect(warnings).toEqual([]);
  });

  it('converts every condition (none are reported as inexpressible)', () => {
    // The built-in templates use only conditions that SurveyJS can state exactly.
    expect(unconverted.filter((i) => i.code === 'condition_not_expressible')).toEqual([]);
  });

  it('shows the same questions as the engine on random answer paths', () => {
    const otherCodes = otherCodesOf(survey);
    // survey-core takes a tenth of a second to build a model of a large survey: build it once, and
    // clear it between paths.
    const model = new Model(json);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const session = createSession(survey, { seed });
        model.clear(true, true);
        walk(session, random(seed), (answer) => {
          setInModel(model, survey, answer, otherCodes);
          // After every answer, the current page shows the same questions on both sides.
          const state = session.getSnapshot();
          expect(visibleInModel(model, state.page.sectionId)).toEqual(state.questions.map((q) => q.id));
        });
        expect(visibleInModel(model)).toEqual(visibleQuestions(session));
      }),
      { numRuns: 5 },
    );
    expect(warnings).toEqual([]);
  });
});
