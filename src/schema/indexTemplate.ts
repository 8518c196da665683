import type { SymbolInfo } from '../expr/index.js';
import type { MatrixItem, MatrixQuestion, Question, Scale, Section, Template } from './templateSchema.js';

/** Where a question sits in its template. */
export interface QuestionEntry {
  question: Question;
  section: Section;
  sectionIndex: number;
  questionIndex: number;
}

/** Where a matrix item sits in its template. */
export interface ItemEntry {
  item: MatrixItem;
  itemIndex: number;
  question: MatrixQuestion;
  section: Section;
  sectionIndex: number;
  questionIndex: number;
}

/** Lookup tables over a template. Maps, so ids like `toString` never meet `Object.prototype`. */
export interface TemplateIndex {
  /** Sections by id. */
  sections: ReadonlyMap<string, { section: Section; sectionIndex: number }>;
  /** Questions by id, in template order. */
  questions: ReadonlyMap<string, QuestionEntry>;
  /** Matrix items by id, in template order. */
  items: ReadonlyMap<string, ItemEntry>;
  /** Scales by id. */
  scales: ReadonlyMap<string, Scale>;
  /** Every key a response may carry an answer under (question ids, and item ids for matrices), in order. */
  answerKeys: readonly string[];
  /** What an id means inside an expression, or undefined if expressions cannot read it. */
  symbol(id: string): SymbolInfo | undefined;
}

/**
 * Builds lookup tables over a template. It needs no schema library, so front ends that receive a
 * pre-parsed survey can use it.
 *
 * @example
 * ```ts
 * const index = indexTemplate(survey.template);
 * index.questions.get('sex')?.question.type; // 'single'
 * index.symbol('r01'); // { kind: 'code', codes: [1, 2, 3, 4] }
 * ```
 */
export function indexTemplate(template: Template): TemplateIndex {
  const sections = new Map<string, { section: Section; sectionIndex: number }>();
  const questions = new Map<string, QuestionEntry>();
  const items = new Map<string, ItemEntry>();
  const scales = new Map<string, Scale>(Object.entries(template.scales ?? {}));
  const answerKeys: string[] = [];
  template.sections.forEach((section, sectionIndex) => {
    if (!sections.has(section.id)) sections.set(section.id, { section, sectionIndex });
    section.questions.forEach((question, questionIndex) => {
      if (!questions.has(question.id))
        questions.set(question.id, { question, section, sectionIndex, questionIndex });
      if (question.type === 'matrix') {
        question.items.forEach((item, itemIndex) => {
          if (!items.has(item.id)) {
            items.set(item.id, { item, itemIndex, question, section, sectionIndex, questionIndex });
            answerKeys.push(item.id);
          }
        });
      } else if (question.type !== 'note') {
        answerKeys.push(question.id);
      }
    });
  });

  const scaleCodes = (scaleId: string): number[] | undefined =>
    scales.get(scaleId)?.options.map((o) => o.code);
  const symbol = (id: string): SymbolInfo | undefined => {
    const item = items.get(id);
    if (item) return withCodes('code', scaleCodes(item.question.scale));
    const entry = questions.get(id);
    if (!entry) return undefined;
    const q = entry.question;
    switch (q.type) {
      case 'single':
        return { kind: 'code', codes: q.options.map((o) => o.code) };
      case 'likert':
        return withCodes('code', scaleCodes(q.scale));
      case 'multiple':
      case 'ranking':
        return { kind: 'codes', codes: q.options.map((o) => o.code) };
      case 'number':
        return { kind: 'number' };
      case 'text':
        return { kind: 'text' };
      case 'date':
        return { kind: 'date' };
      default:
        return undefined;
    }
  };
  return { sections, questions, items, scales, answerKeys, symbol };
}

function withCodes(kind: 'code', codes: number[] | undefined): SymbolInfo {
  return codes === undefined ? { kind } : { kind, codes };
}
