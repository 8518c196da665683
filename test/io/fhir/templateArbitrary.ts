import fc from 'fast-check';
import type { ChoiceOption, Question, Template } from '../../../src/schema/index.js';

const KINDS = [
  'single',
  'multiple',
  'likert',
  'matrix',
  'ranking',
  'number',
  'integer',
  'text',
  'date',
  'note',
] as const;
type Kind = (typeof KINDS)[number];

/** One question as drawn: its kind, flags, and a condition drawn as numbers resolved against earlier questions. */
interface Drawn {
  kind: Kind;
  options: number;
  exclusive: boolean;
  other: boolean;
  required: boolean;
  help: boolean;
  values: boolean;
  condition: { tests: [number, number, number][]; join: 'and' | 'or' | 'mixed' } | null;
  requiredIf: boolean;
}

const drawn: fc.Arbitrary<Drawn> = fc.record({
  kind: fc.constantFrom(...KINDS),
  options: fc.integer({ min: 2, max: 5 }),
  exclusive: fc.boolean(),
  other: fc.boolean(),
  required: fc.boolean(),
  help: fc.boolean(),
  values: fc.boolean(),
  condition: fc.option(
    fc.record({
      tests: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
      join: fc.constantFrom('and' as const, 'or' as const, 'mixed' as const),
    }),
    { freq: 2 },
  ),
  requiredIf: fc.boolean(),
});

const text = (s: string) => ({ ja: `${s}（日本語）`, en: s });

/**
 * Random templates for the FHIR round trip: every question type, exclusive and "other" options,
 * option values, help texts, required questions, and conditions on earlier questions — which may
 * themselves be hidden — of every form `enableWhen` can state (=, !=, in, not in, orderings of
 * codes, numbers and dates, selected, answered, not answered, joined by and/or), some mixing `and`
 * with `or` (kept as an extension), and `requiredIf`.
 */
export function templateArbitrary(): fc.Arbitrary<Template> {
  return fc
    .tuple(fc.array(drawn, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 3 }), fc.boolean())
    .map(([questions, sectionCount, sectionCondition]) => build(questions, sectionCount, sectionCondition));
}

function build(list: Drawn[], sectionCount: number, sectionCondition: boolean): Template {
  const built: Question[] = [];
  const scale = {
    options: [1, 2, 3, 4].map((code) => ({ code, label: text(`段階${code}`), value: 5 - code })),
  };
  list.forEach((d, i) => {
    const id = `q${i}`;
    const base = { id, label: text(`質問${i}`), ...(d.help ? { help: text(`補足${i}`) } : {}) };
    const required = d.required ? { required: true } : {};
    const options = (): ChoiceOption[] =>
      Array.from({ length: d.options }, (_, k) => ({
        code: k + 1,
        label: text(`選択肢${k + 1}`),
        ...(d.values ? { value: (k + 1) * 10 } : {}),
        ...(d.other && k === d.options - 1 ? { other: true } : {}),
      }));
    let question: Question;
    switch (d.kind) {
      case 'single':
        question = { type: 'single', ...base, ...required, options: options() };
        break;
      case 'multiple': {
        const opts = options();
        if (d.exclusive) opts.push({ code: 99, label: text('どれもない'), exclusive: true });
        question = {
          type: 'multiple',
          ...base,
          ...required,
          options: opts,
          ...(d.values ? { maxSelected: 2 } : {}),
        };
        break;
      }
      case 'likert':
        question = { type: 'likert', ...base, ...required, scale: 'agree' };
        break;
      case 'matrix':
        question = {
          type: 'matrix',
          ...base,
          ...required,
          scale: 'agree',
          items: Array.from({ length: d.options - 1 }, (_, k) => ({
            id: `${id}_r${k}`,
            text: text(`行${k}`),
          })),
        };
        break;
      case 'ranking':
        question = {
          type: 'ranking',
          ...base,
          ...required,
          options: options(),
          maxRanked: Math.min(2, d.options),
        };
        break;
      case 'number':
      case 'integer':
        question = {
          type: 'number',
          ...base,
          ...required,
          min: 0,
          max: 10,
          ...(d.kind === 'integer' ? { integer: true, unit: text('人') } : {}),
        };
        break;
      case 'text':
        question = {
          type: 'text',
          ...base,
          ...required,
          ...(d.values ? { size: 'long' as const, maxLength: 50 } : {}),
        };
        break;
      case 'date':
        question = { type: 'date', ...base, ...required, min: '2020-01-01', max: '2025-12-31' };
        break;
      case 'note':
        question = { type: 'note', ...base };
        break;
    }
    const condition = d.condition && conditionOn(built, d.condition);
    if (condition) question.visibleIf = condition;
    if (d.requiredIf && condition && question.type !== 'note') question.requiredIf = condition;
    built.push(question);
  });
  const size = Math.ceil(built.length / sectionCount);
  const sections: Template['sections'] = [];
  for (let s = 0; s * size < built.length; s++) {
    const questions = built.slice(s * size, (s + 1) * size);
    const first = built[s * size - 1];
    sections.push({
      id: `s${s}`,
      title: text(`節${s}`),
      ...(s === 0 ? { description: text('説明') } : {}),
      ...(sectionCondition && s > 0 && first && first.type !== 'note' && first.type !== 'matrix'
        ? { visibleIf: `answered(${first.id})` }
        : {}),
      questions,
    });
  }
  return {
    id: 'generated',
    version: '1.0.0',
    locales: ['ja', 'en'],
    title: text('生成テンプレート'),
    provenance: { authors: ['test'] },
    licence: 'CC0-1.0',
    scales: { agree: scale },
    sections,
  };
}

/** A condition on earlier questions, from drawn numbers; undefined when there is nothing to test. */
function conditionOn(
  earlier: readonly Question[],
  condition: { tests: [number, number, number][]; join: 'and' | 'or' | 'mixed' },
): string | undefined {
  const targets = earlier.filter((q) => q.type !== 'note');
  if (targets.length === 0) return undefined;
  const tests = condition.tests.map(([t, form, value]) => test(targets[t % targets.length]!, form, value));
  if (condition.join === 'mixed' && tests.length >= 3) return `(${tests[0]} or ${tests[1]}) and ${tests[2]}`;
  return tests.map((t) => `(${t})`).join(condition.join === 'or' ? ' or ' : ' and ');
}

function test(q: Question, form: number, value: number): string {
  const forms = (list: string[]) => list[form % list.length]!;
  switch (q.type) {
    case 'single':
    case 'likert': {
      const codes = q.type === 'single' ? q.options.map((o) => o.code) : [1, 2, 3, 4];
      const c = codes[value % codes.length]!;
      const d = codes[(value + 1) % codes.length]!;
      const orderable = q.type === 'likert' || !q.options.some((o) => o.other);
      return forms([
        `${q.id} = ${c}`,
        `${q.id} != ${c}`,
        `${q.id} in [${c}, ${d}]`,
        `${q.id} not in [${c}]`,
        orderable ? `${q.id} >= ${c}` : `${q.id} = ${c}`,
        `answered(${q.id})`,
        `not answered(${q.id})`,
      ]);
    }
    case 'matrix': {
      const row = q.items[value % q.items.length]!.id;
      return forms([`${row} = ${(value % 4) + 1}`, `${row} != 2`, `answered(${row})`, `${row} <= 2`]);
    }
    case 'multiple':
    case 'ranking':
      return forms([
        `selected(${q.id}, ${q.options[value % q.options.length]!.code})`,
        `answered(${q.id})`,
        `not answered(${q.id})`,
      ]);
    case 'number':
      return forms([
        `${q.id} > ${value % 10}`,
        `${q.id} <= ${value % 10}`,
        `${q.id} != ${value % 10}`,
        `${q.id} = 3`,
        `answered(${q.id})`,
      ]);
    case 'date':
      return forms([`${q.id} >= '2023-01-01'`, `${q.id} < '2022-06-30'`, `answered(${q.id})`]);
    case 'text':
      return forms([`answered(${q.id})`, `not answered(${q.id})`]);
    case 'note':
      return 'true';
  }
}
