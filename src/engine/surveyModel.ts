import type { Expr } from '../expr/index.js';
import type { Survey } from '../schema/survey.js';
import type { LocalisedText, Question, Section, Template } from '../schema/templateSchema.js';
import { pipedIds } from './pipeText.js';

/** How a session splits a survey into pages. */
export type PageMode = 'section' | 'question';

/** An answer option as the engine needs it: a choice option, or an option of a scale. */
export interface OptionModel {
  code: number;
  label: LocalisedText;
  exclusive?: boolean;
  other?: boolean;
  pinned?: boolean;
  missing?: boolean;
}

/** One question with what the engine looks up on every action, computed once per session. */
export interface QuestionModel {
  /** Position among all questions of the template. */
  index: number;
  question: Question;
  sectionIndex: number;
  /** The keys its answers are stored under: its id, its item ids (matrix), or none (note). */
  keys: readonly string[];
  /** Choice options, or the scale's options for Likert and matrix questions. */
  options: readonly OptionModel[];
  codes: ReadonlySet<number>;
  /** The code of the "other, please specify" option, if any. */
  otherCode: number | null;
  /** Whether its presented order is shuffled (options, or items of a matrix). */
  randomised: boolean;
}

/** A page: a section, or one question of a section. */
export interface PageModel {
  sectionIndex: number;
  /** Indexes into {@link SurveyModel.questions}. */
  questions: readonly number[];
  /** The question id in question mode. */
  questionId: string | null;
}

/** A `visibleIf` in dependency order. */
export interface VisibilityRule {
  target: 'section' | 'question';
  /** Section index or question index. */
  index: number;
  expr: Expr;
}

/** Everything about a survey that does not change during a session. */
export interface SurveyModel {
  survey: Survey;
  template: Template;
  sections: readonly Section[];
  /** Question indexes per section. */
  sectionQuestions: readonly (readonly number[])[];
  questions: readonly QuestionModel[];
  /** Question id → question index. */
  questionIndex: ReadonlyMap<string, number>;
  /** Answer key (question or item id) → question index. */
  keyOwner: ReadonlyMap<string, number>;
  /** `visibleIf` rules in the order of `survey.conditions`, which is dependency order. */
  visibility: readonly VisibilityRule[];
  /** Answer key → positions in {@link visibility} of the rules that read it. */
  visibilityReaders: ReadonlyMap<string, readonly number[]>;
  /** `requiredIf` by question index. */
  requiredIf: readonly (Expr | undefined)[];
  /** Answer key → question indexes whose `requiredIf` reads it. */
  requiredReaders: ReadonlyMap<string, readonly number[]>;
  /** Question index → question indexes whose texts pipe one of its answers. */
  pipeReaders: ReadonlyMap<number, readonly number[]>;
  pages: readonly PageModel[];
  /** Question index → index of the page that shows it. */
  pageOf: readonly number[];
  pageMode: PageMode;
}

/** Indexes a survey for a session. Linear in the size of the template. */
export function buildSurveyModel(survey: Survey, pageMode: PageMode): SurveyModel {
  const template = survey.template;
  const scales = template.scales ?? {};
  const questions: QuestionModel[] = [];
  const questionIndex = new Map<string, number>();
  const keyOwner = new Map<string, number>();
  const sectionQuestions: number[][] = [];
  const sectionIndex = new Map<string, number>();

  template.sections.forEach((section, si) => {
    sectionIndex.set(section.id, si);
    const indexes: number[] = [];
    for (const question of section.questions) {
      const index = questions.length;
      indexes.push(index);
      questionIndex.set(question.id, index);
      const keys =
        question.type === 'matrix'
          ? question.items.map((item) => item.id)
          : question.type === 'note'
            ? []
            : [question.id];
      for (const key of keys) keyOwner.set(key, index);
      const options: readonly OptionModel[] =
        question.type === 'single' || question.type === 'multiple' || question.type === 'ranking'
          ? question.options
          : question.type === 'likert' || question.type === 'matrix'
            ? ((Object.hasOwn(scales, question.scale) ? scales[question.scale]?.options : undefined) ?? [])
            : [];
      const other = options.find((o) => o.other === true);
      questions.push({
        index,
        question,
        sectionIndex: si,
        keys,
        options,
        codes: new Set(options.map((o) => o.code)),
        otherCode: other ? other.code : null,
        randomised: 'randomise' in question && question.randomise === true,
      });
    }
    sectionQuestions.push(indexes);
  });

  const visibility: VisibilityRule[] = [];
  const visibilityReaders = new Map<string, number[]>();
  const requiredIf: (Expr | undefined)[] = new Array(questions.length).fill(undefined);
  const requiredReaders = new Map<string, number[]>();
  for (const condition of survey.conditions) {
    const index =
      condition.target === 'section' ? sectionIndex.get(condition.id) : questionIndex.get(condition.id);
    if (index === undefined) continue;
    if (condition.visibleIf) {
      const position = visibility.length;
      visibility.push({ target: condition.target, index, expr: condition.visibleIf.expr });
      for (const dep of condition.visibleIf.dependencies) append(visibilityReaders, dep, position);
    }
    if (condition.requiredIf && condition.target === 'question') {
      requiredIf[index] = condition.requiredIf.expr;
      for (const dep of condition.requiredIf.dependencies) append(requiredReaders, dep, index);
    }
  }

  const pipeReaders = new Map<number, number[]>();
  for (const model of questions) {
    const sources = new Set<number>();
    for (const text of questionTexts(model.question)) {
      for (const locale of Object.keys(text)) {
        for (const id of pipedIds(text[locale] ?? '')) {
          const owner = keyOwner.get(id);
          if (owner !== undefined) sources.add(owner);
        }
      }
    }
    for (const source of sources) append(pipeReaders, source, model.index);
  }

  const pages: PageModel[] = [];
  const pageOf: number[] = new Array(questions.length).fill(0);
  sectionQuestions.forEach((indexes, si) => {
    if (pageMode === 'section' || indexes.length === 0) {
      // A section without questions is a page of its own in both modes: a title and a description.
      for (const qi of indexes) pageOf[qi] = pages.length;
      pages.push({ sectionIndex: si, questions: indexes, questionId: null });
    } else {
      for (const qi of indexes) {
        pageOf[qi] = pages.length;
        pages.push({ sectionIndex: si, questions: [qi], questionId: questions[qi]!.question.id });
      }
    }
  });

  return {
    survey,
    template,
    sections: template.sections,
    sectionQuestions,
    questions,
    questionIndex,
    keyOwner,
    visibility,
    visibilityReaders,
    requiredIf,
    requiredReaders,
    pipeReaders,
    pages,
    pageOf,
    pageMode,
  };
}

/** The texts of a question that may pipe answers: label, help and matrix item texts. */
function questionTexts(question: Question): LocalisedText[] {
  const texts = [question.label];
  if (question.help) texts.push(question.help);
  if (question.type === 'matrix') for (const item of question.items) texts.push(item.text);
  return texts;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
