import type { Question, Template } from '../../../src/schema/index.js';
import { minimalTemplate } from '../../helpers/templates.js';
import { random } from '../interopPaths.js';

type Kind = 'code' | 'other' | 'codes' | 'number' | 'date' | 'text';
interface Symbol {
  id: string;
  kind: Kind;
  codes: number[];
}

export const DATES = ['2024-01-01', '2024-06-30', '2025-03-15'];
export const TEXTS = ['abc', 'xyz'];
const label = (text: string) => ({ ja: text, en: text });

/** A random condition over `symbols` (questions earlier in the template), `depth` levels deep. */
function condition(rnd: () => number, symbols: readonly Symbol[], depth: number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  if (depth > 0 && rnd() < 0.55) {
    const r = rnd();
    if (r < 0.2) return `not (${condition(rnd, symbols, depth - 1)})`;
    const op = r < 0.6 ? 'and' : 'or';
    return `(${condition(rnd, symbols, depth - 1)}) ${op} (${condition(rnd, symbols, depth - 1)})`;
  }
  if (rnd() < 0.04) return pick(['true', 'false']);
  const s = pick(symbols);
  const c = () => pick(s.codes);
  const numbers = symbols.filter((x) => x.kind === 'number');
  const num = (): string => {
    const other = pick(numbers).id;
    return pick([
      s.id,
      `${s.id} + ${other}`,
      `${s.id} - ${other}`,
      `${s.id} * 2`,
      `${s.id} / ${other}`,
      `${s.id} % 2`,
      `-${s.id}`,
      `sum(${s.id}, ${other})`,
      `mean(${s.id}, ${other})`,
      `min(${s.id}, 3)`,
      `max(${s.id}, ${other})`,
      `(${s.id} + 1) * ${other}`,
      `sum([${s.id}, 1])`,
    ]);
  };
  const cmp = () => pick(['=', '!=', '<', '<=', '>', '>=']);
  switch (s.kind) {
    case 'code': {
      const same = symbols.filter((x) => x.kind === 'code');
      return pick([
        `${s.id} ${cmp()} ${c()}`,
        `${c()} ${cmp()} ${s.id}`,
        `${s.id} in [${c()}, ${c()}]`,
        `${s.id} not in [${c()}]`,
        `selected(${s.id}, ${c()})`,
        `answered(${s.id})`,
        `count(${s.id}) = 1`,
        `count(${s.id}) < 1`,
        `${s.id} = ${pick(same).id}`,
        `${s.id} != ${pick(same).id}`,
      ]);
    }
    case 'other':
      return pick([
        `${s.id} = ${c()}`,
        `${s.id} != ${c()}`,
        `${s.id} in [${c()}, ${c()}]`,
        `${s.id} not in [${c()}]`,
        `selected(${s.id}, ${c()})`,
        `answered(${s.id})`,
      ]);
    case 'codes':
      return pick([
        `selected(${s.id}, ${c()})`,
        `not selected(${s.id}, ${c()})`,
        `count(${s.id}) >= 2`,
        `count(${s.id}) = 0`,
        `count(${s.id}) != 1`,
        `answered(${s.id})`,
      ]);
    case 'number':
      return pick([
        `${num()} ${cmp()} ${Math.floor(rnd() * 6)}`,
        `${num()} ${cmp()} ${pick(numbers).id}`,
        `${s.id} in [1, 2]`,
        `${s.id} not in [0, 3]`,
        `answered(${s.id})`,
        `count(${s.id}) = 1`,
      ]);
    case 'date':
      return pick([`${s.id} ${cmp()} '${pick(DATES)}'`, `answered(${s.id})`]);
    case 'text':
      return pick([`${s.id} = '${pick(TEXTS)}'`, `${s.id} != '${pick(TEXTS)}'`, `answered(${s.id})`]);
  }
}

/** A small random template: 1–3 sections of 1–4 questions, conditions on earlier questions. */
export function randomTemplate(seed: number): Template {
  const rnd = random(seed);
  const symbols: Symbol[] = [];
  const sections: Template['sections'] = [];
  const sectionCount = 1 + Math.floor(rnd() * 3);
  let n = 0;
  for (let si = 0; si < sectionCount; si++) {
    const before = symbols.length;
    const section: Template['sections'][number] = { id: `s${si}`, title: label(`s${si}`), questions: [] };
    if (before > 0 && rnd() < 0.35) section.visibleIf = condition(rnd, symbols, 2);
    const count = 1 + Math.floor(rnd() * 4);
    for (let k = 0; k < count; k++) {
      const id = `q${n++}`;
      const kind = Math.floor(rnd() * 9);
      let question: Question;
      const options = (other: boolean) =>
        [1, 2, 3].map((code) => ({
          code,
          label: label(`${code}`),
          ...(other && code === 3 ? { other } : {}),
        }));
      const added: Symbol[] = [];
      switch (kind) {
        case 0:
        case 1: {
          const other = rnd() < 0.3;
          question = { id, type: 'single', label: label(id), options: options(other) };
          added.push({ id, kind: other ? 'other' : 'code', codes: [1, 2, 3] });
          break;
        }
        case 2:
          question = { id, type: 'multiple', label: label(id), options: options(false) };
          added.push({ id, kind: 'codes', codes: [1, 2, 3] });
          break;
        case 3:
        case 4:
          question = { id, type: 'number', label: label(id), min: 0, max: 5, integer: true };
          added.push({ id, kind: 'number', codes: [] });
          break;
        case 5: {
          const items = [`${id}a`, `${id}b`].slice(0, 1 + Math.floor(rnd() * 2));
          question = {
            id,
            type: 'matrix',
            label: label(id),
            scale: 'yesno',
            items: items.map((item) => ({ id: item, text: label(item) })),
          };
          for (const item of items) added.push({ id: item, kind: 'code', codes: [1, 2] });
          break;
        }
        case 6:
          question = { id, type: 'date', label: label(id) };
          added.push({ id, kind: 'date', codes: [] });
          break;
        case 7:
          question = { id, type: 'text', label: label(id) };
          added.push({ id, kind: 'text', codes: [] });
          break;
        default:
          question = { id, type: 'likert', label: label(id), scale: 'yesno' };
          added.push({ id, kind: 'code', codes: [1, 2] });
      }
      if (rnd() < 0.25) question.required = true;
      if (symbols.length > 0) {
        if (rnd() < 0.6) question.visibleIf = condition(rnd, symbols, 3);
        if (question.required !== true && rnd() < 0.25) question.requiredIf = condition(rnd, symbols, 2);
      }
      section.questions.push(question);
      symbols.push(...added);
    }
    sections.push(section);
  }
  return { ...minimalTemplate(), id: `random-${seed >>> 0}`, sections };
}
