import { describe, expect, it } from 'vitest';
import type { PathSegment, Question, Template } from '../../src/schema/index.js';
import {
  assertTemplate,
  hashTemplate,
  loadTemplate,
  parseTemplate,
  TemplateError,
} from '../../src/schema/index.js';
import { exampleTemplate, minimalTemplate } from '../helpers/templates.js';

const issuesOf = (input: unknown, locale: 'ja' | 'en' = 'en') => {
  const result = parseTemplate(input, { locale });
  return result.success ? [] : result.issues;
};

const q1Path = ['sections', 0, 'questions', 0] as const;
const withQuestions = (...questions: Question[]): Template => {
  const t = minimalTemplate();
  t.sections[0]!.questions = questions;
  return t;
};
const text = (s: string) => ({ ja: s, en: s });
const opts = (...codes: number[]) => codes.map((code) => ({ code, label: text(`o${code}`) }));

describe('parseTemplate: valid templates', () => {
  it('accepts the feature sampler and compiles its conditions in dependency order', () => {
    const result = parseTemplate(exampleTemplate());
    if (!result.success) throw new Error(JSON.stringify(result.issues, null, 2));
    const { survey } = result;
    expect(survey.hash).toMatch(/^sha256-[0-9a-f]{64}$/);
    expect(survey.hash).toBe(hashTemplate(survey.template));
    const ids = survey.conditions.map((c) => c.id);
    expect(ids).toContain('leave_plan');
    // `comment` reads why_leave, whose visibility is itself conditional: it must come later.
    expect(ids.indexOf('why_leave')).toBeLessThan(ids.indexOf('comment'));
    expect(survey.conditions.find((c) => c.id === 'parents')?.target).toBe('section');
    const leave = survey.conditions.find((c) => c.id === 'leave_plan');
    expect(leave?.visibleIf?.dependencies).toEqual(['children', 'sex']);
  });

  it('accepts JSON text as well as values, with the same hash whatever the key order', () => {
    const t = exampleTemplate();
    const a = loadTemplate(JSON.stringify(t));
    const reordered = Object.fromEntries(Object.entries(t).reverse());
    const b = loadTemplate(reordered);
    expect(a.hash).toBe(b.hash);
    expect(loadTemplate({ ...t, $schema: 'elsewhere.json' }).hash).toBe(a.hash);
    expect(loadTemplate({ ...t, version: '1.0.1' }).hash).not.toBe(a.hash);
  });

  it.each<[string, Question]>([
    ['single', { id: 'q', type: 'single', label: text('q'), options: opts(1, 2), randomise: true }],
    [
      'multiple',
      {
        id: 'q',
        type: 'multiple',
        label: text('q'),
        minSelected: 1,
        maxSelected: 2,
        options: [...opts(1, 2), { code: 3, label: text('none'), exclusive: true, pinned: true }],
      },
    ],
    ['likert', { id: 'q', type: 'likert', label: text('q'), scale: 'yesno', reverse: true }],
    [
      'matrix',
      { id: 'q', type: 'matrix', label: text('q'), scale: 'yesno', items: [{ id: 'i1', text: text('i1') }] },
    ],
    ['ranking', { id: 'q', type: 'ranking', label: text('q'), maxRanked: 2, options: opts(1, 2, 3) }],
    ['number', { id: 'q', type: 'number', label: text('q'), integer: true, min: 0, max: 9, unit: text('u') }],
    ['text', { id: 'q', type: 'text', label: text('q'), size: 'long', maxLength: 10, personalData: true }],
    ['date', { id: 'q', type: 'date', label: text('q'), min: '2000-01-01', max: '2030-12-31' }],
    ['note', { id: 'q', type: 'note', label: text('q') }],
  ])('parses a %s question', (_type, question) => {
    expect(issuesOf(withQuestions(question))).toEqual([]);
  });
});

type Case = [name: string, mutate: (t: Template) => unknown, code: string, path: PathSegment[]];

const cases: Case[] = [
  [
    'duplicate question id',
    (t) => t.sections[0]!.questions.push({ ...t.sections[0]!.questions[0]! }),
    'duplicate_id',
    ['sections', 0, 'questions', 1, 'id'],
  ],
  [
    'duplicate section id',
    (t) => t.sections.push({ id: 's1', title: text('x'), questions: [] }),
    'duplicate_id',
    ['sections', 1, 'id'],
  ],
  [
    'item id clashing with a question id',
    (t) =>
      t.sections[0]!.questions.push({
        id: 'm',
        type: 'matrix',
        label: text('m'),
        scale: 'yesno',
        items: [{ id: 'q1', text: text('x') }],
      }),
    'duplicate_id',
    ['sections', 0, 'questions', 1, 'items', 0, 'id'],
  ],
  [
    'duplicate option code',
    (t) =>
      (t.sections[0]!.questions[0] as { options: unknown[] }).options.push({ code: 1, label: text('again') }),
    'duplicate_code',
    [...q1Path, 'options', 2, 'code'],
  ],
  [
    'duplicate scale code',
    (t) => t.scales!.yesno!.options.push({ code: 2, label: text('again') }),
    'duplicate_code',
    ['scales', 'yesno', 'options', 2, 'code'],
  ],
  [
    'unknown scale',
    (t) => t.sections[0]!.questions.push({ id: 'l', type: 'likert', label: text('l'), scale: 'agree9' }),
    'unknown_scale',
    ['sections', 0, 'questions', 1, 'scale'],
  ],
  [
    'score with an unknown item',
    (t) => (t.scores = [{ id: 'sc', label: text('sc'), items: ['nope'], method: 'mean' }]),
    'unknown_item',
    ['scores', 0, 'items', 0],
  ],
  [
    'score over a question not on a scale',
    (t) => (t.scores = [{ id: 'sc', label: text('sc'), items: ['q1'], method: 'mean' }]),
    'not_scale_item',
    ['scores', 0, 'items', 0],
  ],
  [
    'score mixing scales',
    (t) => {
      t.scales!.other = { options: opts(1, 2) };
      t.sections[0]!.questions.push(
        { id: 'a', type: 'likert', label: text('a'), scale: 'yesno' },
        { id: 'b', type: 'likert', label: text('b'), scale: 'other' },
      );
      t.scores = [{ id: 'sc', label: text('sc'), items: ['a', 'b'], method: 'mean' }];
    },
    'mixed_scales',
    ['scores', 0, 'items'],
  ],
  [
    'favourable code not in the scale',
    (t) => (t.scales!.yesno!.favourable = [1, 7]),
    'unknown_code',
    ['scales', 'yesno', 'favourable', 1],
  ],
  [
    'missing code not in the scale',
    (t) => (t.scales!.yesno!.missing = [9]),
    'unknown_code',
    ['scales', 'yesno', 'missing', 0],
  ],
  [
    'favourable share on a scale without favourable codes',
    (t) => {
      delete t.scales!.yesno!.favourable;
      t.sections[0]!.questions.push({ id: 'a', type: 'likert', label: text('a'), scale: 'yesno' });
      t.scores = [{ id: 'sc', label: text('sc'), items: ['a'], method: 'favourableShare' }];
    },
    'no_favourable_codes',
    ['scores', 0, 'method'],
  ],
  [
    'minAnswered above the item count',
    (t) => {
      t.sections[0]!.questions.push({ id: 'a', type: 'likert', label: text('a'), scale: 'yesno' });
      t.scores = [{ id: 'sc', label: text('sc'), items: ['a'], method: 'mean', minAnswered: 2 }];
    },
    'min_answered_too_large',
    ['scores', 0, 'minAnswered'],
  ],
  [
    'visibleIf cycle',
    (t) =>
      t.sections[0]!.questions.push(
        { id: 'a', type: 'single', label: text('a'), options: opts(1), visibleIf: 'b = 1' },
        { id: 'b', type: 'single', label: text('b'), options: opts(1), visibleIf: 'a = 1' },
      ),
    'condition_cycle',
    ['sections', 0, 'questions', 1, 'visibleIf'],
  ],
  [
    'visibleIf reading its own answer',
    (t) => ((t.sections[0]!.questions[0] as { visibleIf?: string }).visibleIf = 'answered(q1)'),
    'self_reference',
    [...q1Path, 'visibleIf'],
  ],
  [
    'section condition reading a question inside it',
    (t) => (t.sections[0]!.visibleIf = 'q1 = 1'),
    'condition_cycle',
    ['sections', 0, 'visibleIf'],
  ],
  [
    'requiredIf reading its own answer',
    (t) => ((t.sections[0]!.questions[0] as { requiredIf?: string }).requiredIf = 'q1 = 1'),
    'self_reference',
    [...q1Path, 'requiredIf'],
  ],
  [
    'declared locale without a text',
    (t) => delete (t.sections[0]!.title as Record<string, string>).en,
    'missing_translation',
    ['sections', 0, 'title', 'en'],
  ],
  [
    'text in an undeclared locale',
    (t) => ((t.title as Record<string, string>).fr = 'Minimal'),
    'undeclared_locale',
    ['title', 'fr'],
  ],
  ['locale declared twice', (t) => (t.locales = ['ja', 'en', 'ja']), 'duplicate_locale', ['locales', 2]],
  [
    'maxRanked above the option count',
    (t) =>
      t.sections[0]!.questions.push({
        id: 'r',
        type: 'ranking',
        label: text('r'),
        maxRanked: 4,
        options: opts(1, 2),
      }),
    'max_ranked_too_large',
    ['sections', 0, 'questions', 1, 'maxRanked'],
  ],
  [
    'minSelected above maxSelected',
    (t) =>
      t.sections[0]!.questions.push({
        id: 'm',
        type: 'multiple',
        label: text('m'),
        minSelected: 2,
        maxSelected: 1,
        options: opts(1, 2),
      }),
    'min_exceeds_max',
    ['sections', 0, 'questions', 1, 'minSelected'],
  ],
  [
    'maxSelected above the option count',
    (t) =>
      t.sections[0]!.questions.push({
        id: 'm',
        type: 'multiple',
        label: text('m'),
        maxSelected: 3,
        options: opts(1, 2),
      }),
    'max_exceeds_options',
    ['sections', 0, 'questions', 1, 'maxSelected'],
  ],
  [
    'number bounds reversed',
    (t) => t.sections[0]!.questions.push({ id: 'n', type: 'number', label: text('n'), min: 5, max: 1 }),
    'min_exceeds_max',
    ['sections', 0, 'questions', 1, 'min'],
  ],
  [
    'two "other" options',
    (t) =>
      t.sections[0]!.questions.push({
        id: 'm',
        type: 'multiple',
        label: text('m'),
        options: [
          { code: 1, label: text('a'), other: true },
          { code: 2, label: text('b'), other: true },
        ],
      }),
    'multiple_other',
    ['sections', 0, 'questions', 1, 'options', 1],
  ],
  [
    'exclusive option in a single choice',
    (t) =>
      ((t.sections[0]!.questions[0] as { options: { exclusive?: boolean }[] }).options[1]!.exclusive = true),
    'exclusive_outside_multiple',
    [...q1Path, 'options', 1, 'exclusive'],
  ],
  [
    'benchmark naming neither item nor score',
    (t) => (t.benchmarks = [{ value: 0.5, source: 'x', year: 2022 }]),
    'benchmark_target',
    ['benchmarks', 0],
  ],
  [
    'benchmark on an unknown score',
    (t) => (t.benchmarks = [{ score: 'nope', value: 0.5, source: 'x', year: 2022 }]),
    'unknown_score',
    ['benchmarks', 0, 'score'],
  ],
  [
    'benchmark share above 1',
    (t) => {
      t.sections[0]!.questions.push({ id: 'a', type: 'likert', label: text('a'), scale: 'yesno' });
      t.benchmarks = [{ item: 'a', value: 48.7, source: 'x', year: 2022 }];
    },
    'share_out_of_range',
    ['benchmarks', 0, 'value'],
  ],
  [
    'benchmark group with a code the question lacks',
    (t) => {
      t.sections[0]!.questions.push({ id: 'a', type: 'likert', label: text('a'), scale: 'yesno' });
      t.benchmarks = [{ item: 'a', group: { q1: 7 }, value: 0.5, source: 'x', year: 2022 }];
    },
    'unknown_code',
    ['benchmarks', 0, 'group', 'q1'],
  ],
  [
    'pass rule on a mean score',
    (t) => {
      t.sections[0]!.questions.push({ id: 'a', type: 'likert', label: text('a'), scale: 'yesno' });
      t.scores = [{ id: 'sc', label: text('sc'), items: ['a'], method: 'mean' }];
      t.passRules = [{ id: 'p', label: text('p'), score: 'sc', threshold: 0.5, groups: [] }];
    },
    'pass_rule_method',
    ['passRules', 0, 'score'],
  ],
];

describe('parseTemplate: each meaning check', () => {
  it.each(cases)('%s → %s', (_name, mutate, code, path) => {
    const t = minimalTemplate();
    mutate(t);
    const issues = issuesOf(t);
    expect(issues.map((i) => [i.code, i.path])).toEqual([[code, path]]);
    expect(issues[0]!.message.length).toBeGreaterThan(0);
  });

  it('reports an expression with an unknown id at its path, with the position', () => {
    const t = minimalTemplate();
    t.sections[0]!.questions.push({
      id: 'a',
      type: 'single',
      label: text('a'),
      options: opts(1),
      visibleIf: 'q1 = 1 and zz > 2',
    });
    const issues = issuesOf(t);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(['sections', 0, 'questions', 1, 'visibleIf']);
    expect(issues[0]!.params?.position).toBe(11);
  });

  it('reports an expression code the question does not have', () => {
    const t = minimalTemplate();
    t.sections[0]!.questions.push({
      id: 'a',
      type: 'single',
      label: text('a'),
      options: opts(1),
      visibleIf: 'q1 = 3',
    });
    const issues = issuesOf(t);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(['sections', 0, 'questions', 1, 'visibleIf']);
  });

  it('reports an expression syntax error with its position', () => {
    const t = minimalTemplate();
    t.sections[0]!.questions.push({
      id: 'a',
      type: 'single',
      label: text('a'),
      options: opts(1),
      visibleIf: '(q1 = 1',
    });
    const issues = issuesOf(t);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(['sections', 0, 'questions', 1, 'visibleIf']);
    expect(typeof issues[0]!.params?.position).toBe('number');
  });

  it('requires ja among the locales', () => {
    const t = minimalTemplate();
    t.locales = ['en'];
    expect(issuesOf(t).map((i) => i.code)).toContain('missing_ja_locale');
  });
});

describe('parseTemplate: shape issues', () => {
  it('maps schema problems to paths with ja and en messages', () => {
    const t = minimalTemplate() as unknown as Record<string, unknown>;
    t.version = 'one';
    t.extra = true;
    (t.sections as { questions: Record<string, unknown>[] }[])[0]!.questions[0]!.type = 'slider';
    const en = issuesOf(t, 'en');
    const ja = issuesOf(t, 'ja');
    expect(en.map((i) => [i.code, i.path])).toEqual([
      ['invalid_format', ['version']],
      ['invalid_question_type', ['sections', 0, 'questions', 0, 'type']],
      ['unknown_field', ['extra']],
    ]);
    expect(en[0]!.message).toContain('1.0.0');
    expect(ja[0]!.message).toContain('バージョン');
    expect(en[1]!.message).toContain('slider');
    expect(ja.map((i) => i.code)).toEqual(en.map((i) => i.code));
  });

  it('names the expected and received types', () => {
    const t = minimalTemplate() as unknown as { title: unknown };
    t.title = 42;
    const [issue] = issuesOf(t);
    expect(issue).toMatchObject({
      code: 'invalid_type',
      path: ['title'],
      params: { expected: 'object', received: 'number' },
    });
    expect(issue!.message).toBe('Expected object, received number');
  });

  it('rejects reserved words as ids', () => {
    const t = minimalTemplate();
    t.sections[0]!.questions[0]!.id = 'and';
    expect(issuesOf(t).map((i) => [i.code, i.path])).toEqual([['reserved_id', [...q1Path, 'id']]]);
  });

  it('reports broken JSON text with a position', () => {
    const [issue] = issuesOf('{"id": "x",, }');
    expect(issue!.code).toBe('invalid_json');
    expect(issue!.params?.position).toBeGreaterThan(0);
  });
});

describe('loadTemplate and assertTemplate', () => {
  it('throw a TemplateError carrying every issue', () => {
    const t = minimalTemplate();
    t.version = 'x';
    t.id = 'Bad Id';
    try {
      loadTemplate(t, { locale: 'en' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as TemplateError).issues).toHaveLength(2);
      expect((error as TemplateError).message).toContain('version');
    }
    expect(() => assertTemplate(t)).toThrow(TemplateError);
    const good: unknown = minimalTemplate();
    assertTemplate(good);
    expect(good.id).toBe('minimal');
  });
});
