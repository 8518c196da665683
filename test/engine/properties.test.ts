import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Session, SurveyResponse } from '../../src/engine/index.js';
import { createSession, restoreSession } from '../../src/engine/index.js';
import { evaluateExpression, parseExpression } from '../../src/expr/index.js';
import type { ChoiceOption, Question, Template } from '../../src/schema/index.js';
import { parseTemplate } from '../../src/schema/index.js';
import type { Survey } from '../../src/schema/survey.js';
import { section, t, templateOf } from './surveys.js';

// ---------------------------------------------------------------------------------------------
// Random templates: a few sections of random questions with conditions on earlier questions.
// ---------------------------------------------------------------------------------------------

const TYPES = [
  'single',
  'multiple',
  'likert',
  'matrix',
  'ranking',
  'number',
  'text',
  'date',
  'note',
] as const;

const questionSpec = fc.record({
  type: fc.constantFrom(...TYPES),
  codes: fc.uniqueArray(fc.integer({ min: -2, max: 9 }), { minLength: 1, maxLength: 5 }),
  other: fc.option(fc.nat(), { nil: undefined }),
  exclusive: fc.option(fc.nat(), { nil: undefined }),
  pinned: fc.array(fc.boolean(), { maxLength: 5 }),
  bounds: fc.tuple(fc.nat(5), fc.nat(5)),
  numberBounds: fc.option(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.nat(10)), { nil: undefined }),
  integer: fc.boolean(),
  maxLength: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
  items: fc.integer({ min: 1, max: 3 }),
  required: fc.boolean(),
  randomise: fc.boolean(),
  visibleIf: fc.option(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.boolean()), { nil: undefined }),
  requiredIf: fc.option(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.boolean()), { nil: undefined }),
  pipe: fc.option(fc.nat(), { nil: undefined }),
  sectionBreak: fc.boolean(),
});
type Spec = typeof questionSpec extends fc.Arbitrary<infer S> ? S : never;

/** A condition on an earlier question, in a form its type supports. */
function condition(
  earlier: Question[],
  [ref, form, value, negate]: [number, number, number, boolean],
): string | undefined {
  const answerable = earlier.filter((q) => q.type !== 'note');
  if (answerable.length === 0) return undefined;
  const q = answerable[ref % answerable.length]!;
  const id = q.type === 'matrix' ? q.items[value % q.items.length]!.id : q.id;
  const codes =
    q.type === 'single' || q.type === 'multiple' || q.type === 'ranking'
      ? q.options.map((o) => o.code)
      : q.type === 'likert' || q.type === 'matrix'
        ? [1, 2, 3, 4]
        : [];
  const code = codes[value % Math.max(codes.length, 1)] ?? 1;
  let text: string;
  if (form % 3 === 0) text = `answered(${id})`;
  else if (q.type === 'multiple' || q.type === 'ranking')
    text = form % 3 === 1 ? `selected(${id}, ${code})` : `count(${id}) >= 2`;
  else if (q.type === 'number') text = `${id} > ${value % 6}`;
  else if (codes.length > 0) text = form % 3 === 1 ? `${id} = ${code}` : `${id} in [${code}, ${codes[0]}]`;
  else text = `answered(${id})`;
  return negate ? `not (${text})` : text;
}

function buildTemplate(specs: Spec[]): Template {
  const sections: Question[][] = [[]];
  const all: Question[] = [];
  specs.forEach((spec, i) => {
    const id = `q${i}`;
    const pipe = spec.pipe !== undefined && i > 0 ? ` <i>{q${spec.pipe % i}}</i>` : '';
    const base = { id, label: t(`質問${i}${pipe}`, `Question ${i}${pipe}`) };
    const choice = (): ChoiceOption[] =>
      spec.codes.map((code, k) => ({
        code,
        label: t(`選択肢${code}`, `Option ${code}`),
        ...(spec.other === k % 5 && spec.other < spec.codes.length ? { other: true } : {}),
        ...(spec.type === 'multiple' && spec.exclusive === k ? { exclusive: true } : {}),
        ...(spec.pinned[k] ? { pinned: true } : {}),
      }));
    const conditions = {
      ...(spec.required ? { required: true } : {}),
      ...(spec.randomise ? { randomise: true } : {}),
    };
    const n = spec.codes.length;
    const [a, b] = spec.bounds;
    let q: Question;
    switch (spec.type) {
      case 'single':
        q = { ...base, type: 'single', options: choice(), ...conditions };
        break;
      case 'multiple': {
        const min = a % (n + 1);
        const max = Math.max(1, min, b % (n + 1));
        q = {
          ...base,
          type: 'multiple',
          options: choice(),
          minSelected: min,
          maxSelected: max,
          ...conditions,
        };
        break;
      }
      case 'ranking': {
        const max = 1 + (a % n);
        q = {
          ...base,
          type: 'ranking',
          options: choice(),
          maxRanked: max,
          minRanked: 1 + (b % max),
          ...conditions,
        };
        break;
      }
      case 'likert':
        q = { ...base, type: 'likert', scale: 'agree4', ...(spec.required ? { required: true } : {}) };
        break;
      case 'matrix':
        q = {
          ...base,
          type: 'matrix',
          scale: 'agree4',
          items: Array.from({ length: spec.items }, (_, k) => ({ id: `${id}_i${k}`, text: t(`項目${k}`) })),
          ...conditions,
        };
        break;
      case 'number':
        q = {
          ...base,
          type: 'number',
          integer: spec.integer,
          ...(spec.numberBounds
            ? { min: spec.numberBounds[0], max: spec.numberBounds[0] + spec.numberBounds[1] }
            : {}),
          ...(spec.required ? { required: true } : {}),
        };
        break;
      case 'text':
        q = {
          ...base,
          type: 'text',
          ...(spec.maxLength ? { maxLength: spec.maxLength } : {}),
          ...(spec.required ? { required: true } : {}),
        };
        break;
      case 'date':
        q = {
          ...base,
          type: 'date',
          min: '2000-01-01',
          max: '2030-12-31',
          ...(spec.required ? { required: true } : {}),
        };
        break;
      default:
        q = { id, type: 'note', label: base.label };
    }
    const visibleIf = spec.visibleIf && condition(all, spec.visibleIf);
    if (visibleIf) q.visibleIf = visibleIf;
    const requiredIf = spec.requiredIf && q.type !== 'note' && condition(all, spec.requiredIf);
    if (requiredIf && q.type !== 'note') q.requiredIf = requiredIf;
    if (spec.sectionBreak && sections.at(-1)!.length > 0) sections.push([]);
    sections.at(-1)!.push(q);
    all.push(q);
  });
  return templateOf(sections.map((questions, i) => section(`s${i}`, questions)));
}

const surveyArbitrary = fc.array(questionSpec, { minLength: 1, maxLength: 8 }).map((specs) => {
  const result = parseTemplate(buildTemplate(specs));
  return result.success ? result.survey : undefined;
});

// ---------------------------------------------------------------------------------------------
// Random action sequences, with values that are often valid, sometimes wrong, sometimes junk.
// ---------------------------------------------------------------------------------------------

const junk = fc.oneof(
  fc.integer({ min: -3, max: 12 }),
  fc.array(fc.integer({ min: -3, max: 12 }), { maxLength: 6 }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -0,
    2.5,
    '１２',
    '',
    '2024-02-30',
    '2020-05-05',
    null,
    '__proto__',
  ),
  fc.anything({ maxDepth: 1 }),
);

const action = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('valid' as const), key: fc.nat(), seed: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('set' as const), key: fc.nat(), value: junk }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('toggle' as const),
      key: fc.nat(),
      code: fc.integer({ min: -2, max: 9 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const), key: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('other' as const),
      key: fc.nat(),
      text: fc.string({ maxLength: 6 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      { kind: 'next' as const },
      { kind: 'back' as const },
      { kind: 'submit' as const },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('goTo' as const), page: fc.integer({ min: -1, max: 6 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('locale' as const),
      locale: fc.constantFrom('ja', 'en', 'en-GB', 'fr'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'restore' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('unknown' as const),
      id: fc.constantFrom('toString', '__proto__', 'constructor', 'nope'),
    }),
  },
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

/** Every answer key of a survey, with its question. */
function answerKeys(survey: Survey): { key: string; question: Question }[] {
  return survey.template.sections.flatMap((s) =>
    s.questions.flatMap((q): { key: string; question: Question }[] =>
      q.type === 'matrix'
        ? q.items.map((item) => ({ key: item.id, question: q }))
        : q.type === 'note'
          ? []
          : [{ key: q.id, question: q }],
    ),
  );
}

/** A value that satisfies the question's rules, chosen by `seed`. */
function validValue(q: Question, seed: number): unknown {
  const pick = <T>(list: readonly T[], k = 0): T => list[(seed + k) % list.length]!;
  switch (q.type) {
    case 'single':
      return pick(q.options).code;
    case 'likert':
    case 'matrix':
      return pick([1, 2, 3, 4]);
    case 'multiple': {
      const plain = q.options.filter((o) => !o.exclusive).map((o) => o.code);
      const want = Math.max(1, q.minSelected ?? 1);
      const count = Math.min(plain.length, want + (seed % 2), q.maxSelected ?? plain.length);
      const chosen = plain.slice(seed % Math.max(1, plain.length - count + 1)).slice(0, count);
      return chosen.length >= want
        ? chosen
        : [q.options.find((o) => o.exclusive)?.code ?? q.options[0]!.code];
    }
    case 'ranking': {
      const count = Math.max(q.minRanked ?? 1, Math.min(q.maxRanked, 1 + (seed % q.maxRanked)));
      return q.options.slice(0, count).map((o) => o.code);
    }
    case 'number': {
      const min = q.min ?? -10;
      const max = q.max ?? 100;
      return min + (seed % (max - min + 1));
    }
    case 'text':
      return 'あいうえおかきくけこ'.slice(0, 1 + (seed % (q.maxLength ?? 10)));
    case 'date':
      return `20${String(10 + (seed % 20))}-0${1 + (seed % 9)}-1${seed % 10}`;
    default:
      return null;
  }
}

function run(session: Session, survey: Survey, a: Action, submitted: SurveyResponse[]): Session {
  const keys = answerKeys(survey);
  const entry = keys.length > 0 && 'key' in a ? keys[a.key % keys.length] : undefined;
  switch (a.kind) {
    case 'valid':
      if (entry) session.setAnswer(entry.key, validValue(entry.question, a.seed) as never);
      break;
    case 'set':
      if (entry) session.setAnswer(entry.key, a.value as never);
      break;
    case 'toggle':
      if (entry) session.toggleOption(entry.key, a.code);
      break;
    case 'clear':
      if (entry) session.clearAnswer(entry.key);
      break;
    case 'other':
      if (entry) session.setOther(entry.question.id, a.text || 'その他の内容');
      break;
    case 'next':
      session.next();
      break;
    case 'back':
      session.back();
      break;
    case 'goTo':
      session.goTo(a.page);
      break;
    case 'locale':
      session.setLocale(a.locale);
      break;
    case 'unknown':
      expect(session.setAnswer(a.id, 1).success).toBe(false);
      expect(session.setOther(a.id, 'x').success).toBe(false);
      break;
    case 'submit': {
      const result = session.submit();
      if (result.success) submitted.push(result.response);
      break;
    }
    case 'restore': {
      const restored = restoreSession(survey, JSON.parse(JSON.stringify(session.snapshot())), { now: clock });
      expect(restored.issues).toEqual([]);
      expect(restored.session.getSnapshot()).toEqual(session.getSnapshot());
      return restored.session;
    }
  }
  return session;
}

/** Answers what blocks submission, a few rounds, so that most runs end in a submitted response. */
function complete(session: Session, survey: Survey, seed: number, submitted: SurveyResponse[]): void {
  const owners = new Map(answerKeys(survey).map((k) => [k.key, k.question]));
  for (let round = 0; round < 4; round++) {
    const result = session.submit();
    if (result.success) {
      submitted.push(result.response);
      return;
    }
    for (const issue of result.issues) {
      const key = String(issue.path[1]);
      if (issue.path[0] === 'other') session.setOther(key, '自由記述');
      else if (owners.has(key)) session.setAnswer(key, validValue(owners.get(key)!, seed + round) as never);
    }
  }
}

const clock = () => new Date('2026-05-01T09:00:00.000Z');

// ---------------------------------------------------------------------------------------------
// An independent checker of a response against its template (not the engine's code).
// ---------------------------------------------------------------------------------------------

function problems(survey: Survey, r: SurveyResponse): string[] {
  const out: string[] = [];
  const template = survey.template;
  const holds = (source: string | undefined): boolean => {
    if (source === undefined) return true;
    const parsed = parseExpression(source);
    return parsed.success && evaluateExpression(parsed.expr, r.answers) === true;
  };
  if (
    r.templateId !== template.id ||
    r.templateVersion !== template.version ||
    r.templateHash !== survey.hash
  ) {
    out.push('envelope');
  }
  if (typeof r.respondentId !== 'string' || r.respondentId === '') out.push('respondentId');
  if (!template.locales.includes(r.meta.locale)) out.push('locale');
  if (!Number.isInteger(r.meta.seed) || r.meta.seed < 0 || r.meta.seed > 0xffffffff) out.push('seed');
  for (const time of [r.meta.startedAt, r.meta.submittedAt])
    if (Number.isNaN(Date.parse(time))) out.push('time');

  const expected = new Set<string>();
  const other = r.other ?? {};
  for (const s of template.sections) {
    const sectionShown = holds(s.visibleIf);
    for (const q of s.questions) {
      if (q.type === 'note') continue;
      const shown = sectionShown && holds(q.visibleIf);
      const keys = q.type === 'matrix' ? q.items.map((i) => i.id) : [q.id];
      if (!shown) {
        for (const key of keys) if (Object.hasOwn(r.answers, key)) out.push(`${key}: hidden but answered`);
        if (Object.hasOwn(other, q.id)) out.push(`${q.id}: hidden but has other`);
        continue;
      }
      const required = q.required === true || (q.requiredIf !== undefined && holds(q.requiredIf));
      for (const key of keys) {
        expected.add(key);
        if (!Object.hasOwn(r.answers, key)) {
          if (required) out.push(`${key}: required`);
          continue;
        }
        out.push(...valueProblems(q, key, r.answers[key]));
      }
      const options = 'options' in q ? q.options : [];
      const otherCode = options.find((o) => o.other)?.code;
      const value = r.answers[q.id];
      const chosenOther =
        otherCode !== undefined && value !== undefined && ([] as unknown[]).concat(value).includes(otherCode);
      if (chosenOther && !(typeof other[q.id] === 'string' && other[q.id]!.trim() !== ''))
        out.push(`${q.id}: other text`);
      if (!chosenOther && Object.hasOwn(other, q.id)) out.push(`${q.id}: other without option`);
      const order = r.meta.order?.[q.id];
      if ('randomise' in q && q.randomise) {
        const all = q.type === 'matrix' ? q.items.map((i) => i.id) : options.map((o) => o.code);
        const given = (order ?? []) as (string | number)[];
        if ([...given].sort().join() !== [...all].sort().join()) out.push(`${q.id}: order`);
        const pinned = options.filter((o) => o.pinned).map((o) => o.code);
        if (pinned.length > 0 && given.slice(-pinned.length).join() !== pinned.join())
          out.push(`${q.id}: pinned`);
      }
    }
  }
  for (const key of Object.keys(r.answers)) if (!expected.has(key)) out.push(`${key}: unexpected`);
  return out;
}

function valueProblems(q: Question, key: string, value: unknown): string[] {
  const bad = (why: string) => [`${key}: ${why}`];
  const codeSet = new Set(
    q.type === 'single' || q.type === 'multiple' || q.type === 'ranking'
      ? q.options.map((o) => o.code)
      : [1, 2, 3, 4],
  );
  switch (q.type) {
    case 'single':
    case 'likert':
    case 'matrix':
      return typeof value === 'number' && codeSet.has(value) ? [] : bad('code');
    case 'multiple':
    case 'ranking': {
      if (!Array.isArray(value) || value.length === 0) return bad('codes');
      if (new Set(value).size !== value.length || !value.every((c) => codeSet.has(c))) return bad('codes');
      if (q.type === 'ranking') {
        if (value.length > q.maxRanked || value.length < (q.minRanked ?? 0)) return bad('ranked');
        return [];
      }
      if (value.length < (q.minSelected ?? 0) || value.length > (q.maxSelected ?? Infinity))
        return bad('count');
      const exclusive = q.options.filter((o) => o.exclusive).map((o) => o.code);
      if (value.length > 1 && value.some((c) => exclusive.includes(c))) return bad('exclusive');
      return [];
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad('number');
      if (q.integer && !Number.isInteger(value)) return bad('integer');
      if ((q.min !== undefined && value < q.min) || (q.max !== undefined && value > q.max))
        return bad('bounds');
      return [];
    case 'text':
      if (typeof value !== 'string' || value === '') return bad('text');
      return [...value].length > (q.maxLength ?? 5000) ? bad('length') : [];
    case 'date': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return bad('date');
      const d = new Date(`${value}T00:00:00Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return bad('date');
      if ((q.min !== undefined && value < q.min) || (q.max !== undefined && value > q.max))
        return bad('date bounds');
      return [];
    }
    default:
      return bad('unanswerable');
  }
}

// ---------------------------------------------------------------------------------------------

describe('engine properties on random surveys and action sequences', () => {
  it('never throws; submitted responses pass the template rules; snapshot → restore is exact', () => {
    let surveys = 0;
    let responses = 0;
    fc.assert(
      fc.property(
        surveyArbitrary,
        fc.array(action, { maxLength: 30 }),
        fc.nat(0xffff_ffff),
        fc.constantFrom<'section' | 'question'>('section', 'question'),
        (survey, actions, seed, pageMode) => {
          fc.pre(survey !== undefined);
          surveys++;
          const submitted: SurveyResponse[] = [];
          let session = createSession(survey, { seed, pageMode, now: clock });
          for (const a of actions) {
            session = run(session, survey, a, submitted);
            session.getSnapshot();
          }
          complete(session, survey, seed, submitted);
          for (const response of submitted) {
            expect(problems(survey, response)).toEqual([]);
            expect(JSON.parse(JSON.stringify(response))).toEqual(response);
          }
          responses += submitted.length;
          const restored = restoreSession(survey, JSON.parse(JSON.stringify(session.snapshot())), {
            now: clock,
          });
          expect(restored.issues).toEqual([]);
          expect(restored.session.getSnapshot()).toEqual(session.getSnapshot());
        },
      ),
      { numRuns: 100 },
    );
    // The property is only meaningful if many random surveys were valid and many runs submitted.
    expect(surveys).toBeGreaterThan(50);
    expect(responses).toBeGreaterThan(surveys / 2);
  });

  it('the independent checker catches broken responses', () => {
    const result = parseTemplate(
      templateOf([
        section('s', [
          {
            id: 'a',
            type: 'single',
            label: t('A'),
            options: [
              { code: 1, label: t('x') },
              { code: 2, label: t('y') },
            ],
            required: true,
          },
          { id: 'b', type: 'text', label: t('B'), visibleIf: 'a = 2' },
        ]),
      ]),
    );
    if (!result.success) throw new Error('bad fixture');
    const survey = result.survey;
    const good = createSession(survey, { now: clock });
    good.setAnswer('a', 1);
    const response = good.submit();
    if (!response.success) throw new Error('should submit');
    expect(problems(survey, response.response)).toEqual([]);
    expect(problems(survey, { ...response.response, answers: {} })).toEqual(['a: required']);
    expect(problems(survey, { ...response.response, answers: { a: 1, b: 'x' } })).toEqual([
      'b: hidden but answered',
      'b: unexpected',
    ]);
    expect(problems(survey, { ...response.response, answers: { a: 3 } })).toEqual(['a: code']);
  });
});
