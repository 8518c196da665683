import fc from 'fast-check';
import { Model } from 'survey-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession } from '../../../src/engine/index.js';
import { evaluateExpression, isTrue, parseExpression } from '../../../src/expr/index.js';
import { fromSurveyJS, type SurveyJSObject, toSurveyJS } from '../../../src/io/index.js';
import { surveyJSText } from '../../../src/io/interopText.js';
import { readSurveyJSCondition } from '../../../src/io/surveyjs/readSurveyJSCondition.js';
import { surveyJSCondition } from '../../../src/io/surveyjs/surveyJSCondition.js';
import {
  type AnswerValue,
  indexTemplate,
  loadTemplate,
  parseTemplate,
  type Question,
  type Survey,
  type Template,
} from '../../../src/schema/index.js';
import { exampleTemplate, minimalTemplate } from '../../helpers/templates.js';
import { builtInSurveys, random, visibleQuestions, walk } from '../interopPaths.js';

beforeEach(() => {
  // survey-core reports bad expressions on the console; a test that causes one should fail.
  for (const method of ['warn', 'error'] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      throw new Error(`console.${method}: ${args.map(String).join(' ')}`);
    });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const example = loadTemplate(exampleTemplate());
const elementsOf = (json: SurveyJSObject) =>
  (json.pages as SurveyJSObject[]).flatMap((page) => page.elements as SurveyJSObject[]);
const element = (json: SurveyJSObject, name: string) => elementsOf(json).find((e) => e.name === name)!;
const questions = (template: Template) => template.sections.flatMap((s) => s.questions);

describe('toSurveyJS', () => {
  const { json, unconverted } = toSurveyJS(example, { locale: 'en' });

  it('maps every question type to its SurveyJS element', () => {
    expect(json).toMatchObject({
      locale: 'ja',
      clearInvisibleValues: 'onComplete',
      firstPageIsStartPage: true,
    });
    expect(element(json, 'sex')).toMatchObject({ type: 'radiogroup', isRequired: true });
    expect(element(json, 'arrangements')).toMatchObject({
      type: 'checkbox',
      minSelectedChoices: 1,
      maxSelectedChoices: 3,
      choicesOrder: 'random',
      showOtherItem: true,
      otherText: { default: 'Other', ja: 'その他' },
    });
    expect(element(json, 'arrangements').choices).toContainEqual({
      value: 6,
      text: { default: 'None of these', ja: 'どれもない' },
      isExclusive: true,
      randomize: false,
    });
    expect(element(json, 'workload')).toMatchObject({ type: 'rating' });
    expect((element(json, 'workload').rateValues as SurveyJSObject[]).map((v) => v.value)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(element(json, 'views')).toMatchObject({ type: 'matrix', rowOrder: 'random' });
    expect((element(json, 'views').rows as SurveyJSObject[]).map((r) => r.value)).toEqual([
      'v_care',
      'v_lead',
      'v_share',
    ]);
    expect(element(json, 'why_leave')).toMatchObject({
      type: 'ranking',
      selectToRankEnabled: true,
      maxSelectedChoices: 3,
      minSelectedChoices: 1,
    });
    expect(element(json, 'age')).toMatchObject({
      type: 'text',
      inputType: 'number',
      min: 15,
      max: 99,
      step: 1,
    });
    expect(element(json, 'comment')).toMatchObject({ type: 'comment', maxLength: 2000 });
    expect(element(json, 'birth_date')).toMatchObject({ type: 'text', inputType: 'date', min: '1920-01-01' });
    expect(element(json, 'work_note')).toMatchObject({ type: 'html' });
  });

  it('writes texts as localizable strings with English under default and never an en key', () => {
    expect(element(json, 'sex').title).toEqual({ default: 'Sex', ja: '性別' });
    expect(JSON.stringify(json)).not.toContain('"en":');
    // A text without English: SurveyJS's English falls back to the Japanese, not to the question name.
    expect(surveyJSText({ ja: '性別', 'zh-Hant': '性別（中）' }, ['ja', 'en', 'zh-Hant'])).toEqual({
      default: '性別',
      ja: '性別',
      'zh-Hant': '性別（中）',
    });
  });

  it('pipes matrix items as {matrix.item}', () => {
    const template = exampleTemplate();
    questions(template)[12]!.label = { ja: '「{v_care}」と答えた理由', en: 'Why {v_care}' };
    const out = toSurveyJS(loadTemplate(template)).json;
    expect(element(out, 'comment').title).toEqual({
      default: 'Why {views.v_care}',
      ja: '「{views.v_care}」と答えた理由',
    });
  });

  it('reports what SurveyJS has no place for', () => {
    const found = unconverted.map((i) => `${i.code} ${i.path.join('.')}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'field_dropped scores',
        'field_dropped benchmarks',
        'field_dropped scales.agree4.favourable',
        'field_dropped sections.0.questions.0.personalData',
        'field_dropped sections.2.questions.0.items.2.reverse',
        'other_value sections.1.questions.1.options.4',
        'other_text_dropped sections.2.questions.1.options.4',
      ]),
    );
    expect(unconverted.every((i) => i.message.length > 0)).toBe(true);
    expect(toSurveyJS(example).unconverted[0]!.message).toMatch(/SurveyJS には/);
  });

  it('reports a condition SurveyJS cannot state, and leaves it out', () => {
    const template = exampleTemplate();
    const sex = questions(template)[1]!;
    if (sex.type === 'single') sex.options[2]!.other = true;
    questions(template)[8]!.visibleIf = 'sex > 1';
    const { json: out, unconverted: issues } = toSurveyJS(loadTemplate(template), { locale: 'en' });
    expect(element(out, 'leave_plan').visibleIf).toBeUndefined();
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: 'condition_not_expressible',
        path: ['sections', 1, 'questions', 3, 'visibleIf'],
        params: { format: 'SurveyJS', expression: 'sex > 1', detail: 'other_order' },
      }),
    );
  });
});

/** A small survey with one question of each kind that conditions read. */
const probe: Template = {
  ...minimalTemplate(),
  locales: ['ja'],
  title: { ja: '条件の見本' },
  scales: {
    yesno: {
      options: [
        { code: 1, label: { ja: 'はい' } },
        { code: 2, label: { ja: 'いいえ' } },
      ],
    },
  },
  sections: [
    {
      id: 's1',
      title: { ja: '節' },
      questions: [
        {
          id: 'a',
          type: 'single',
          label: { ja: 'a' },
          options: [1, 2, 3].map((code) => ({ code, label: { ja: `${code}` } })),
        },
        { id: 'n', type: 'number', label: { ja: 'n' } },
        { id: 'x', type: 'number', label: { ja: 'x' } },
        {
          id: 'm',
          type: 'multiple',
          label: { ja: 'm' },
          options: [1, 2, 3].map((code) => ({ code, label: { ja: `${code}` } })),
        },
        { id: 'd', type: 'date', label: { ja: 'd' } },
        {
          id: 'mx',
          type: 'matrix',
          label: { ja: 'mx' },
          scale: 'yesno',
          items: [{ id: 'r1', text: { ja: 'r1' } }],
        },
      ],
    },
  ],
};

const atom = fc.oneof(
  fc.constantFrom(
    'a = 1',
    'a != 2',
    'a in [1, 3]',
    'a not in [2]',
    '1 = a',
    'r1 = 1',
    'r1 != 2',
    'a < 3',
    'a >= 2',
  ),
  fc.constantFrom(
    'n > 2',
    'n <= 2',
    'n != 3',
    'n + x > 3',
    'sum(n, x) >= 3',
    'mean(n, x) < 2',
    'min(n, 5) = 1',
  ),
  fc.constantFrom('max(n, x) != 2', '-n < -1', 'n / x > 1', 'n % 2 = 1', 'n * 2 - 1 > 2'),
  fc.constantFrom(
    'count(m) >= 2',
    'count(m) = 0',
    'count(m) < 1',
    'count(a) = 1',
    'selected(m, 2)',
    'selected(a, 1)',
  ),
  fc.constantFrom(
    'answered(n)',
    'answered(m)',
    'answered(r1)',
    "d >= '2024-01-01'",
    "d < '2025-06-30'",
    'true',
    'false',
  ),
);
const condition: fc.Arbitrary<string> = fc.letrec((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc
      .tuple(tie('expr'), fc.constantFrom('and', 'or'), tie('expr'))
      .map(([l, op, r]) => `(${l}) ${op} (${r})`),
    tie('expr').map((e) => `not (${e})`),
  ),
})).expr as fc.Arbitrary<string>;
const answers = fc.record(
  {
    a: fc.constantFrom(1, 2, 3),
    n: fc.integer({ min: 0, max: 4 }),
    x: fc.integer({ min: 0, max: 4 }),
    m: fc.subarray([1, 2, 3], { minLength: 1 }),
    d: fc.constantFrom('2023-12-31', '2024-01-01', '2025-07-01'),
    r1: fc.constantFrom(1, 2),
  },
  { requiredKeys: [] },
);

describe('conditions in SurveyJS', () => {
  const survey = loadTemplate(probe);
  const context = { index: indexTemplate(probe), otherCodes: new Map<string, number>() };

  it('are true in SurveyJS exactly when they are true in kizuki, unanswered questions included', () => {
    fc.assert(
      fc.property(
        fc.array(condition, { minLength: 1, maxLength: 8 }),
        fc.array(answers, { minLength: 1, maxLength: 4 }),
        (sources, sets) => {
          const translated = sources.map((source) => {
            const parsed = parseExpression(source);
            if (!parsed.success) throw new Error(source);
            const result = surveyJSCondition(parsed.expr, context);
            if (!result.ok) throw new Error(`${source}: ${result.gap}`);
            return { expr: parsed.expr, text: result.text };
          });
          const { json } = toSurveyJS(survey);
          const page = (json.pages as SurveyJSObject[])[0]!;
          (page.elements as SurveyJSObject[]).push(
            ...translated.map(({ text }, i) => ({ type: 'html', name: `t${i}`, html: 'x', visibleIf: text })),
          );
          const model = new Model(json);
          for (const set of sets) {
            model.clear(true, true);
            for (const [key, value] of Object.entries(set))
              model.setValue(key === 'r1' ? 'mx' : key, key === 'r1' ? { r1: value } : value);
            translated.forEach(({ expr, text }, i) => {
              const expected = isTrue(evaluateExpression(expr, set));
              expect(model.getQuestionByName(`t${i}`).isVisible, `${text} with ${JSON.stringify(set)}`).toBe(
                expected,
              );
            });
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('read back from SurveyJS with the same meaning, where they use no arithmetic or functions', () => {
    const { json } = toSurveyJS(survey);
    const read = fromSurveyJS(json);
    const names = new Map([
      [
        'a',
        {
          id: 'a',
          kind: 'code' as const,
          codes: new Map([
            ['1', 1],
            ['2', 2],
            ['3', 3],
          ]),
        },
      ],
      ['n', { id: 'n', kind: 'number' as const }],
      ['x', { id: 'x', kind: 'number' as const }],
      [
        'm',
        {
          id: 'm',
          kind: 'codes' as const,
          codes: new Map([
            ['1', 1],
            ['2', 2],
            ['3', 3],
          ]),
        },
      ],
      ['d', { id: 'd', kind: 'date' as const }],
      ['mx', { id: 'mx', kind: 'matrix' as const, items: ['r1'] }],
      [
        'mx.r1',
        {
          id: 'r1',
          kind: 'code' as const,
          codes: new Map([
            ['1', 1],
            ['2', 2],
          ]),
        },
      ],
    ]);
    expect(parseTemplate(read.template).success).toBe(true);
    fc.assert(
      fc.property(condition, fc.array(answers, { minLength: 1, maxLength: 6 }), (source, sets) => {
        const parsed = parseExpression(source);
        if (!parsed.success) throw new Error(source);
        const text = surveyJSCondition(parsed.expr, context);
        if (!text.ok) throw new Error(source);
        const back = readSurveyJSCondition(text.text, names);
        if (!back.ok) {
          // Only arithmetic and functions are not read back.
          expect(text.text).toMatch(/[-+*/%]|avg\(|sum\(|min\(|max\(/);
          return;
        }
        const reparsed = parseExpression(back.text);
        if (!reparsed.success) throw new Error(back.text);
        for (const set of sets)
          expect(isTrue(evaluateExpression(reparsed.expr, set)), `${source} → ${back.text}`).toBe(
            isTrue(evaluateExpression(parsed.expr, set)),
          );
      }),
      { numRuns: 300 },
    );
  });
});

/** The parts of a template SurveyJS carries, for comparing a template with its round trip. */
function carried(template: Template, otherCodes = new Map<string, number>()) {
  const scales = new Map(Object.entries(template.scales ?? {}));
  const optionsOf = (q: Question) => {
    if (q.type === 'likert' || q.type === 'matrix')
      return scales.get(q.scale)!.options.map(({ code, label }) => ({ code, label }));
    if (q.type === 'single' || q.type === 'multiple' || q.type === 'ranking')
      return q.options.map((o) => ({
        code: o.other && q.type !== 'ranking' ? (otherCodes.get(q.id) ?? o.code) : o.code,
        label: o.label,
        exclusive: o.exclusive === true && q.type === 'multiple',
      }));
    return undefined;
  };
  return {
    title: template.title,
    introduction: template.introduction,
    locales: template.locales,
    sections: template.sections.map((s) => ({
      id: s.id,
      title: s.title,
      description: s.description,
      questions: s.questions.map((q) => ({
        id: q.id,
        type: q.type,
        label: q.label,
        help: q.help,
        required: q.type === 'note' ? undefined : q.required === true,
        options: optionsOf(q)
          ?.slice()
          .sort((x, y) => x.code - y.code),
        items: q.type === 'matrix' ? q.items.map(({ id, text }) => ({ id, text })) : undefined,
        bounds:
          q.type === 'number' || q.type === 'date'
            ? [q.min, q.max, q.type === 'number' && q.integer === true]
            : q.type === 'multiple'
              ? [q.minSelected, q.maxSelected]
              : q.type === 'ranking'
                ? [q.minRanked, q.maxRanked]
                : q.type === 'text'
                  ? [q.size ?? 'short', q.maxLength]
                  : undefined,
        randomise: 'randomise' in q ? q.randomise === true : undefined,
      })),
    })),
  };
}

describe.each(builtInSurveys())('a SurveyJS round trip of $file', ({ survey }) => {
  const { template } = survey;
  const { json } = toSurveyJS(survey);
  const back = fromSurveyJS(json, { id: template.id, version: template.version, licence: template.licence });
  const notImported = new Set(
    back.unconverted.filter((i) => i.code === 'expression_not_imported').map((i) => JSON.stringify(i.path)),
  );

  it('gives a valid template with the same pages, questions, texts and options', () => {
    const parsed = parseTemplate(back.template, { locale: 'en' });
    expect(parsed.success ? [] : parsed.issues).toEqual([]);
    // The other option moves behind SurveyJS's special items and gets a fresh code.
    const otherCodes = new Map<string, number>();
    for (const q of questions(back.template))
      if (q.type === 'single' || q.type === 'multiple') {
        const other = q.options.find((o) => o.other);
        if (other) otherCodes.set(q.id, other.code);
      }
    expect(carried(back.template)).toEqual(carried(template, otherCodes));
    const kinds = back.unconverted.map((i) => i.code);
    expect(kinds.filter((k) => !['special_choice', 'expression_not_imported'].includes(k))).toEqual([]);
  });

  it('shows the same questions in the engine as the original on random answer paths', () => {
    const imported = loadTemplate(back.template);
    const skipped = skippedQuestions(survey, json, notImported);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const original = createSession(survey, { seed });
        const copy = createSession(imported, { seed });
        walk(original, random(seed), (answer) => {
          copy.setAnswer(answer.key, recode(imported, survey, answer.key, answer.value));
          if (answer.other !== undefined) copy.setOther(answer.key, answer.other);
        });
        const keep = (ids: string[]) => ids.filter((id) => !skipped.has(id));
        expect(keep(visibleQuestions(copy))).toEqual(keep(visibleQuestions(original)));
      }),
      { numRuns: 10 },
    );
  });
});

/** Questions whose condition was not imported (arithmetic, functions): they may differ. */
function skippedQuestions(survey: Survey, json: SurveyJSObject, paths: Set<string>): Set<string> {
  const skipped = new Set<string>();
  (json.pages as SurveyJSObject[]).forEach((page, p) => {
    (page.elements as SurveyJSObject[]).forEach((element, e) => {
      if (paths.has(JSON.stringify(['pages', p, 'elements', e, 'visibleIf'])))
        skipped.add(String(element.name));
    });
    if (paths.has(JSON.stringify(['pages', p, 'visibleIf'])))
      for (const element of page.elements as SurveyJSObject[]) skipped.add(String(element.name));
  });
  // Whatever depends on a skipped question's visibility may differ too.
  for (const condition of survey.conditions)
    if (condition.visibleIf?.dependencies.some((d) => skipped.has(d))) skipped.add(condition.id);
  return skipped;
}

/** An answer to the original as the imported template codes it (only "other" codes move). */
function recode(imported: Survey, original: Survey, key: string, value: AnswerValue): AnswerValue {
  const before = indexTemplate(original.template).questions.get(key)?.question;
  const after = indexTemplate(imported.template).questions.get(key)?.question;
  if (!before || !after || !('options' in before) || !('options' in after)) return value;
  const from = before.options.find((o) => o.other)?.code;
  const to = after.options.find((o) => o.other)?.code;
  const map = (code: number) => (code === from && to !== undefined ? to : code);
  return Array.isArray(value) ? value.map(map) : typeof value === 'number' ? map(value) : value;
}

describe('fromSurveyJS', () => {
  it('reads a SurveyJS survey written in Japanese, reporting what it cannot carry over', () => {
    const json = {
      locale: 'ja',
      title: '職場アンケート',
      showProgressBar: 'top',
      pages: [
        {
          name: 'ページ1',
          elements: [
            {
              type: 'dropdown',
              name: 'dept',
              title: '部署',
              choices: ['営業', '製造', { value: 'office', text: '事務' }],
            },
            { type: 'boolean', name: 'manager', title: '管理職ですか' },
            {
              type: 'tagbox',
              name: 'tools',
              choices: [1, 2, 3],
              showNoneItem: true,
              validators: [{ type: 'answercount', maxCount: 2 }],
            },
            {
              type: 'panel',
              name: 'p',
              elements: [
                {
                  type: 'text',
                  name: 'hours',
                  inputType: 'number',
                  visibleIf: "{dept} = '営業' and {manager} = true",
                },
              ],
            },
            { type: 'file', name: 'upload' },
            { type: 'text', name: 'calc', visibleIf: 'age({birth}) > 18' },
            {
              type: 'rating',
              name: 'sat',
              rateMax: 5,
              minRateDescription: '不満',
              maxRateDescription: '満足',
            },
          ],
        },
      ],
    };
    const { template, unconverted } = fromSurveyJS(json, { locale: 'en' });
    const parsed = parseTemplate(template, { locale: 'en' });
    expect(parsed.success ? [] : parsed.issues).toEqual([]);
    expect(template.locales).toEqual(['ja']);
    expect(template.title).toEqual({ ja: '職場アンケート' });
    const [dept, manager, tools, hours, calc, sat] = questions(template);
    expect(dept).toMatchObject({ id: 'dept', type: 'single', label: { ja: '部署' } });
    expect(dept?.type === 'single' && dept.options.map((o) => [o.code, o.label.ja])).toEqual([
      [1, '営業'],
      [2, '製造'],
      [3, '事務'],
    ]);
    expect(manager).toMatchObject({
      type: 'single',
      options: [{ code: 1, label: { ja: 'はい' } }, { code: 2 }],
    });
    expect(tools).toMatchObject({
      type: 'multiple',
      options: [{ code: 1 }, { code: 2 }, { code: 3 }, { code: 4, exclusive: true }],
      maxSelected: 2,
    });
    expect(hours).toMatchObject({
      id: 'hours',
      type: 'number',
      visibleIf: 'selected(dept, 1) and selected(manager, 1)',
    });
    expect(calc).toMatchObject({ id: 'calc', type: 'text' });
    expect(calc).not.toHaveProperty('visibleIf');
    expect(sat).toMatchObject({ type: 'likert' });
    expect(template.scales![(sat as { scale: string }).scale]!.options.map((o) => o.label.ja)).toEqual([
      '1（不満）',
      '2',
      '3',
      '4',
      '5（満足）',
    ]);
    expect(unconverted.map((i) => `${i.code} ${i.path.join('.')}`)).toEqual(
      expect.arrayContaining([
        'unsupported_property showProgressBar',
        'renamed_id pages.0.name',
        'recoded_choice pages.0.elements.0.choices.0.value',
        'special_choice pages.0.elements.2.showNoneItem',
        'panel_flattened pages.0.elements.3',
        'unsupported_element pages.0.elements.4',
        'expression_not_imported pages.0.elements.5.visibleIf',
      ]),
    );
  });

  it('reads English-only SurveyJS text as the default locale, filling Japanese and saying so', () => {
    const { template, unconverted } = fromSurveyJS({
      elements: [{ type: 'comment', name: 'why', title: 'Why?' }],
    });
    expect(template.locales).toEqual(['ja', 'en']);
    expect(questions(template)[0]).toMatchObject({
      type: 'text',
      size: 'long',
      label: { ja: 'Why?', en: 'Why?' },
    });
    expect(unconverted.map((i) => i.code)).toContain('missing_japanese');
    expect(parseTemplate(template).success).toBe(true);
  });

  it('never throws and never pollutes prototypes, whatever the input', () => {
    const deep: Record<string, unknown> = { type: 'text', name: 'leaf' };
    let panel: Record<string, unknown> = deep;
    for (let i = 0; i < 2000; i++) panel = { type: 'panel', name: `p${i}`, elements: [panel] };
    const hostile = [
      null,
      'survey',
      42,
      [],
      { pages: 5 },
      { pages: [null, 7, { elements: 'x' }] },
      JSON.parse(
        '{"pages":[{"name":"__proto__","elements":[{"type":"text","name":"__proto__"},{"type":"radiogroup","name":"constructor","choices":[{"value":"__proto__"}]}]}]}',
      ),
      { elements: [{ type: 'text', name: 'a', visibleIf: `${'('.repeat(5000)}{a} = 1${')'.repeat(5000)}` }] },
      { elements: [{ type: 'text', name: 'a', visibleIf: '{a} = 1 and '.repeat(20_000) }] },
      { elements: [{ type: 'text', name: 'x'.repeat(100_000), title: { ja: 'y'.repeat(100_000) } }] },
      { elements: [{ type: 'rating', name: 'r', rateMin: -1e308, rateMax: 1e308, rateStep: 1e-300 }] },
      {
        elements: [
          { type: 'text', name: 'n', inputType: 'number', min: 'NaN', max: Number.POSITIVE_INFINITY },
        ],
      },
      { elements: [panel] },
    ];
    for (const input of hostile) {
      const { template } = fromSurveyJS(input);
      expect(typeof template.id).toBe('string');
      const parsed = parseTemplate(template);
      expect(parsed.success ? [] : parsed.issues).toEqual([]);
    }
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });
});
