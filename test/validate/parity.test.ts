import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/engine/index.js';
import { indexTemplate } from '../../src/schema/index.js';
import type { SurveyResponse } from '../../src/schema/response.js';
import type { Survey } from '../../src/schema/survey.js';
import type { Question } from '../../src/schema/templateSchema.js';
import { createResponseValidator, type ResponseValidator } from '../../src/validate/index.js';
import {
  exampleSurvey,
  generatedSurvey,
  importStandalone,
  options,
  responseOf,
  surveyOf,
  t,
} from './fixtures.js';

/** A survey with the rules most likely to split implementations: exclusivity with minSelected, "other" texts, conditional sections. */
const edgeSurvey = (): Survey =>
  surveyOf([
    [
      {
        id: 'role',
        type: 'single',
        required: true,
        label: t('role'),
        options: [...options(3), { code: 9, label: t('その他'), other: true }],
      },
      {
        id: 'help',
        type: 'multiple',
        minSelected: 2,
        maxSelected: 3,
        label: t('help'),
        options: [
          ...options(4),
          { code: 8, label: t('その他'), other: true },
          { code: 9, label: t('なし'), exclusive: true },
        ],
      },
      { id: 'why', type: 'text', maxLength: 5, requiredIf: 'selected(help, 9)', label: t('why') },
      {
        id: 'rank',
        type: 'ranking',
        minRanked: 2,
        maxRanked: 3,
        randomise: true,
        label: t('rank'),
        options: options(4),
      },
      { id: 'hours', type: 'number', integer: true, min: 0, max: 80, label: t('hours') },
    ],
    {
      id: 'managers',
      title: t('管理職'),
      visibleIf: 'role = 1',
      questions: [
        {
          id: 'grid',
          type: 'matrix',
          required: true,
          scale: 'agree4',
          randomise: true,
          label: t('grid'),
          items: [
            { id: 'g1', text: t('g1') },
            { id: 'g2', text: t('g2') },
          ],
        },
        {
          id: 'since',
          type: 'date',
          min: '2000-01-01',
          max: '2026-12-31',
          visibleIf: 'g1 in [1, 2]',
          label: t('since'),
        },
      ],
    },
  ]);

type Answers = Record<string, unknown>;
interface Key {
  key: string;
  question: Exclude<Question, { type: 'note' }>;
  codes: number[];
}

function keysOf(survey: Survey): Key[] {
  const index = indexTemplate(survey.template);
  return index.answerKeys.map((key) => {
    const question = (index.items.get(key)?.question ??
      index.questions.get(key)!.question) as Key['question'];
    const scale = 'scale' in question ? index.scales.get(question.scale) : undefined;
    const codes =
      'options' in question ? question.options.map((o) => o.code) : (scale?.options.map((o) => o.code) ?? []);
    return { key, question, codes };
  });
}

/** A value of the right type for a key, usually within the template's rules. */
function answerFor({ question: q, codes }: Key): fc.Arbitrary<unknown> {
  switch (q.type) {
    case 'single':
    case 'likert':
    case 'matrix':
      return fc.constantFrom(...codes);
    case 'multiple':
      return selection(codes, q.minSelected ?? 1, q.maxSelected ?? codes.length);
    case 'ranking':
      return selection(codes, q.minRanked ?? 1, q.maxRanked);
    case 'number': {
      const min = q.min ?? -1000;
      const max = q.max ?? 1000;
      return q.integer === true ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
    }
    case 'text':
      return fc.string({ minLength: 1, maxLength: Math.min(q.maxLength ?? 20, 20) + 2 });
    case 'date':
      return fc
        .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
  }
}

/** Mostly within the bounds, sometimes one outside them. */
function selection(codes: number[], min: number, max: number): fc.Arbitrary<number[]> {
  const within = fc.shuffledSubarray(codes, {
    minLength: Math.min(min, codes.length),
    maxLength: Math.min(max, codes.length),
  });
  return fc.oneof(
    { arbitrary: within, weight: 4 },
    { arbitrary: fc.shuffledSubarray(codes, { minLength: 1 }), weight: 1 },
  );
}

/** Small, realistic mistakes, one at a time. */
function mutate(
  keys: Key[],
  answers: Answers,
  other: Record<string, string>,
  pick: number,
  which: number,
  value: unknown,
): void {
  const present = keys.filter((k) => Object.hasOwn(answers, k.key));
  const chosen = present[pick % Math.max(present.length, 1)];
  const any = keys[pick % keys.length]!;
  switch (which) {
    case 0: // one code off
      if (chosen && chosen.codes.length > 0) {
        const off = Math.max(...chosen.codes) + 1;
        const v = answers[chosen.key];
        answers[chosen.key] = Array.isArray(v) ? [...v.slice(1), off] : off;
      }
      break;
    case 1: // one selection too many (or a duplicate when every option is already chosen)
      if (chosen && Array.isArray(answers[chosen.key])) {
        const v = answers[chosen.key] as number[];
        const extra = chosen.codes.find((c) => !v.includes(c)) ?? v[0]!;
        answers[chosen.key] = [...v, extra];
      }
      break;
    case 2: // an answer that was not given: a hidden question answered, or just one more answer
      answers[any.key] = value;
      break;
    case 3: // an answer left out: a required one missing, or just one fewer
      if (chosen) delete answers[chosen.key];
      break;
    case 4: {
      // an exclusive option together with another
      const multiple = keys.find(
        (k) => k.question.type === 'multiple' && k.question.options.some((o) => o.exclusive),
      );
      if (multiple && multiple.question.type === 'multiple') {
        const exclusive = multiple.question.options.find((o) => o.exclusive)!.code;
        answers[multiple.key] = [exclusive, multiple.codes.find((c) => c !== exclusive)!];
      }
      break;
    }
    case 5: // an "other" text for whichever question, blank or not
      other[any.question.id] = pick % 2 === 0 ? '  ' : 'その他の理由';
      break;
    case 6: // a code sent as a string, as a careless form would
      if (chosen) answers[chosen.key] = JSON.stringify(answers[chosen.key]);
      break;
  }
}

/** What the engine makes of the given answers: refused outright, or the response it submits. */
function engineVerdict(survey: Survey, answers: Answers, other: Record<string, string>) {
  const session = createSession(survey, { seed: 42 });
  for (const [key, value] of Object.entries(answers)) {
    if (!session.setAnswer(key, value as never).success) return { refused: true as const };
  }
  for (const [id, text] of Object.entries(other)) {
    if (!session.setOther(id, text).success) return { refused: true as const };
  }
  const submitted = session.submit();
  return submitted.success
    ? { refused: false as const, response: submitted.response }
    : { refused: false as const };
}

/** Same answers and "other" texts; multiple choice compared as sets, since the engine sorts codes. */
function sameContent(
  keys: Key[],
  response: SurveyResponse,
  answers: Answers,
  other: Record<string, string>,
): boolean {
  const types = new Map(keys.map((k) => [k.key, k.question.type]));
  const a = response.answers as Answers;
  if (Object.keys(a).length !== Object.keys(answers).length) return false;
  for (const [key, value] of Object.entries(answers)) {
    if (!Object.hasOwn(a, key)) return false;
    const mine = types.get(key) === 'multiple' && Array.isArray(value) ? [...value].sort() : value;
    const theirs =
      types.get(key) === 'multiple' && Array.isArray(a[key]) ? [...(a[key] as number[])].sort() : a[key];
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) return false;
  }
  return (
    JSON.stringify(Object.entries(response.other ?? {}).sort()) ===
    JSON.stringify(Object.entries(other).sort())
  );
}

const surveys: Array<[string, () => Survey]> = [
  ['the feature sampler', exampleSurvey],
  ['a generated survey with chained conditions', () => generatedSurvey(30)],
  ['a survey of edge rules', edgeSurvey],
];

describe.each(surveys)('runtime, standalone and engine agree on %s', (_name, make) => {
  const survey = make();
  const keys = keysOf(survey);
  let runtime: ResponseValidator;
  let standalone: ResponseValidator;
  beforeAll(async () => {
    runtime = createResponseValidator(survey, { locale: 'en' });
    standalone = (await importStandalone(survey, { locale: 'en' })).module.validate;
  });

  const candidate = fc.record({
    answers: fc.record(Object.fromEntries(keys.map((k) => [k.key, answerFor(k)])), { requiredKeys: [] }),
    // -1: no mistake, for a good share of valid responses.
    mutation: fc.oneof(
      { arbitrary: fc.constant(-1), weight: 5 },
      { arbitrary: fc.integer({ min: 0, max: 6 }), weight: 7 },
    ),
    pick: fc.nat(),
    extra: fc.oneof(...keys.slice(0, 20).map(answerFor)),
  });

  it('on random responses, valid and subtly invalid', () => {
    let accepted = 0;
    let engineAccepted = 0;
    fc.assert(
      fc.property(candidate, ({ answers: generated, mutation, pick, extra }) => {
        // Let the engine tidy the random answers into a submittable response where it can, so that
        // many cases start valid; then apply one mistake.
        const other: Record<string, string> = {};
        for (const k of keys)
          if ('options' in k.question && k.question.options.some((o) => o.other)) other[k.key] = '具体的に';
        const base = engineVerdict(survey, generated, other);
        const submitted = base.refused ? undefined : base.response;
        if (submitted) {
          engineAccepted++;
          expect(runtime(submitted), 'engine response refused').toMatchObject({ success: true });
        }
        const answers: Answers = structuredClone(submitted ? submitted.answers : generated);
        const others: Record<string, string> = { ...(submitted ? submitted.other : other) };
        if (mutation >= 0) mutate(keys, answers, others, pick, mutation, extra);

        const response = responseOf(survey, answers, {
          ...(Object.keys(others).length > 0 ? { other: others } : {}),
          ...(submitted ? { meta: { ...submitted.meta } } : {}),
        });
        const fromRuntime = runtime(response);
        expect(standalone(response)).toEqual(fromRuntime);

        const engine = engineVerdict(survey, answers, others);
        const engineOk =
          !engine.refused &&
          engine.response !== undefined &&
          sameContent(keys, engine.response, answers, others);
        expect(
          fromRuntime.success,
          JSON.stringify({ answers, others, issues: fromRuntime.success ? [] : fromRuntime.issues }),
        ).toBe(engineOk);
        if (fromRuntime.success) accepted++;
      }),
      { numRuns: 300 },
    );
    // The property means little unless both verdicts occur often.
    expect(accepted).toBeGreaterThan(15);
    expect(engineAccepted).toBeGreaterThan(15);
  });
});
