import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../../src/core/issue.js';
import { fromFhirQuestionnaire } from '../../../src/io/index.js';
import { parseTemplate } from '../../../src/schema/index.js';

const read = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`questionnaires/${name}`, import.meta.url), 'utf8'));
/** The loss report as compared with its golden file: code, path and linkId (messages are tested below). */
const report = (issues: Issue[]) =>
  issues.map((i) => ({ code: i.code, path: i.path.join('.'), linkId: i.params?.linkId ?? null }));

describe.each([
  [
    'phq-style',
    'an English SDC questionnaire: LOINC codings with ordinal values, nested groups, valueString options',
  ],
  ['care-ja', 'a Japanese questionnaire: valueInteger options, a table group, an other text, != and exists'],
])('fromFhirQuestionnaire on %s (%s)', (name) => {
  const { template, unconverted, answerMap } = fromFhirQuestionnaire(read(`${name}.json`), { locale: 'en' });

  it('gives the expected template, which parses', () => {
    expect(template).toEqual(read(`${name}.template.json`));
    const parsed = parseTemplate(template);
    expect(parsed.success ? [] : parsed.issues).toEqual([]);
  });

  it('reports every loss with its path and linkId', () => {
    expect(report(unconverted)).toEqual(read(`${name}.issues.json`));
    for (const issue of unconverted) expect(issue.message).not.toMatch(/undefined|\[object/);
  });

  it('maps every answerable linkId to a kizuki answer', () => {
    expect(answerMap).toEqual(read(`${name}.answers.json`));
  });
});

/** A questionnaire of one section with the given items after a choice `c`, an integer `n`, a date `d`, a string `s`, a repeating choice `m`. */
function withItems(...items: Record<string, unknown>[]) {
  const options = [1, 2, 3].map((code) => ({ valueCoding: { code: String(code), display: `選択${code}` } }));
  return {
    resourceType: 'Questionnaire',
    language: 'ja',
    title: 'テスト',
    item: [
      {
        linkId: 'sec',
        text: '節',
        type: 'group',
        item: [
          { linkId: 'c', text: '選択', type: 'choice', answerOption: options },
          { linkId: 'm', text: '複数', type: 'choice', repeats: true, answerOption: options },
          { linkId: 'n', text: '数', type: 'integer' },
          { linkId: 'x', text: '小数', type: 'decimal' },
          { linkId: 'd', text: '日付', type: 'date' },
          { linkId: 's', text: '文字', type: 'string' },
          ...items,
        ],
      },
    ],
  };
}

function conditionOf(enableWhen: unknown[], enableBehavior?: string) {
  const item = {
    linkId: 't',
    text: '対象',
    type: 'display',
    enableWhen,
    ...(enableBehavior ? { enableBehavior } : {}),
  };
  const { template, unconverted } = fromFhirQuestionnaire(withItems(item), { locale: 'en' });
  const question = template.sections[0]!.questions.find((q) => q.id === 't')!;
  expect(parseTemplate(template).success).toBe(true);
  return {
    visibleIf: question.visibleIf,
    issues: unconverted.map((i) => `${i.code}:${i.params?.detail ?? ''}`),
  };
}

describe('fromFhirQuestionnaire conditions', () => {
  it.each([
    [[{ question: 'c', operator: '=', answerCoding: { code: '2' } }], 'c = 2'],
    [[{ question: 'c', operator: '!=', answerCoding: { code: '2' } }], 'c != 2'],
    [[{ question: 'c', operator: 'exists', answerBoolean: true }], 'answered(c)'],
    [[{ question: 'c', operator: 'exists', answerBoolean: false }], 'not answered(c)'],
    [[{ question: 'm', operator: '=', answerCoding: { code: '3' } }], 'selected(m, 3)'],
    [[{ question: 'm', operator: '!=', answerCoding: { code: '3' } }], 'selected(m, 1) or selected(m, 2)'],
    [[{ question: 'n', operator: '>', answerInteger: 3 }], 'n > 3'],
    [[{ question: 'n', operator: '<', answerInteger: 3 }], 'n < 3'],
    [[{ question: 'n', operator: '>=', answerInteger: 3 }], 'n >= 3'],
    [[{ question: 'n', operator: '<=', answerInteger: 3 }], 'n <= 3'],
    [[{ question: 'x', operator: '!=', answerDecimal: 1.5 }], 'x != 1.5'],
    [[{ question: 'd', operator: '>=', answerDate: '2024-04-01' }], "d >= '2024-04-01'"],
    [[{ question: 's', operator: '=', answerString: "it's" }], "s = 'it\\'s'"],
  ])('reads %j as %s', (enableWhen, expected) => {
    expect(conditionOf(enableWhen)).toEqual({ visibleIf: expected, issues: [] });
  });

  it('joins entries by enableBehavior, and reads a missing one as all (reported)', () => {
    const two = [
      { question: 'c', operator: '=', answerCoding: { code: '1' } },
      { question: 'n', operator: '>', answerInteger: 0 },
    ];
    expect(conditionOf(two, 'any').visibleIf).toBe('c = 1 or n > 0');
    expect(conditionOf(two, 'all').visibleIf).toBe('c = 1 and n > 0');
    expect(conditionOf(two)).toEqual({ visibleIf: 'c = 1 and n > 0', issues: ['fhir_enable_behavior:'] });
  });

  it.each([
    [[{ question: 'c', operator: '>', answerCoding: { code: '1' } }], 'coding_order'],
    [[{ question: 'c', operator: '=', answerCoding: { code: '7' } }], 'unknown_code'],
    [[{ question: 'nope', operator: '=', answerCoding: { code: '1' } }], 'unknown_question'],
    [[{ question: 'sec', operator: 'exists', answerBoolean: true }], 'not_answerable'],
    [[{ question: 'n', operator: '>', answerString: '3' }], 'answer_type'],
    [[{ question: 's', operator: '<', answerString: 'a' }], 'not_supported'],
    [[{ question: 'n', operator: 'like', answerInteger: 1 }], 'not_supported'],
  ])('reports %j (%s) and leaves the whole condition out', (enableWhen, detail) => {
    expect(conditionOf(enableWhen)).toEqual({
      visibleIf: undefined,
      issues: [`fhir_condition_not_imported:${detail}`],
    });
  });

  it('gives the group condition to every item of a flattened group', () => {
    const group = {
      linkId: 'g',
      type: 'group',
      enableWhen: [{ question: 'c', operator: '=', answerCoding: { code: '1' } }],
      item: [
        {
          linkId: 'inner',
          text: '中',
          type: 'string',
          enableWhen: [{ question: 'n', operator: 'exists', answerBoolean: true }],
        },
      ],
    };
    const { template } = fromFhirQuestionnaire(withItems(group));
    const inner = template.sections[0]!.questions.find((q) => q.id === 'inner')!;
    expect(inner.visibleIf).toBe('c = 1 and answered(n)');
    // A group without text has no heading note.
    expect(template.sections[0]!.questions.some((q) => q.id === 'g')).toBe(false);
  });
});

describe('fromFhirQuestionnaire on hostile input', () => {
  it.each([
    ['null', null],
    ['a string', 'Questionnaire'],
    ['an array', []],
    ['a Patient', { resourceType: 'Patient' }],
  ])('gives a parseable empty template for %s, reported', (_, input) => {
    const { template, unconverted } = fromFhirQuestionnaire(input);
    expect(parseTemplate(template).success).toBe(true);
    expect(unconverted.map((i) => i.code)).toContain('invalid_input');
  });

  it('keeps prototype keys and odd linkIds away from objects, and bounds the depth', () => {
    let deep: Record<string, unknown> = { linkId: 'leaf', text: 'x', type: 'string' };
    for (let i = 0; i < 200; i++) deep = { linkId: `g${i}`, type: 'group', item: [deep] };
    const input = JSON.parse(
      JSON.stringify({
        resourceType: 'Questionnaire',
        title: 'x',
        item: [
          {
            linkId: '__proto__',
            text: 'p',
            type: 'choice',
            answerOption: [{ valueString: '__proto__' }, { valueString: 'constructor' }],
          },
          {
            linkId: 'constructor',
            text: 'c',
            type: 'string',
            enableWhen: [{ question: '__proto__', operator: '=', answerString: 'constructor' }],
          },
          deep,
        ],
      }),
    );
    const { template, unconverted, answerMap } = fromFhirQuestionnaire(input);
    expect(parseTemplate(template).success).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(answerMap)).toBe(Object.prototype);
    expect(template.sections.flatMap((s) => s.questions.map((q) => q.id)).slice(0, 2)).toEqual([
      'q__proto__',
      'constructor_',
    ]);
    expect(
      unconverted.some((i) => i.code === 'invalid_input' && String(i.params?.expected).includes('nested')),
    ).toBe(true);
  });

  it('says what it did in Japanese by default', () => {
    const { unconverted } = fromFhirQuestionnaire(read('care-ja.json'));
    expect(unconverted.find((i) => i.code === 'fhir_item_type')!.message).toBe(
      'FHIR の項目「when」の型「time」は kizuki の質問にならないため、取り込んでいません',
    );
  });
});
