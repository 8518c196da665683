import type { Expr } from '../expr/index.js';
import type { Survey } from '../schema/survey.js';
import type { QuestionType } from '../schema/templateSchema.js';

/** What the validators need to know about one answerable question. */
export interface PlannedQuestion {
  id: string;
  type: Exclude<QuestionType, 'note'>;
  /** The section the question is in. */
  section: string;
  /** The answer keys: the question id, or the item ids of a matrix. */
  keys: string[];
  /** `required: true` in the template. */
  required: boolean;
  /** Required and always visible, so the JSON Schema's `required` already checks it. */
  alwaysRequired: boolean;
  /** Whether the question, or its section, has a `visibleIf`. */
  conditional: boolean;
  /** Multiple choice: codes of exclusive options. */
  exclusive?: number[];
  /** Code of the "other, please specify" option. */
  other?: number;
  /** Date bounds, `YYYY-MM-DD`. */
  min?: string;
  max?: string;
}

/** A `visibleIf`/`requiredIf` pair, as the validators evaluate it. */
export interface PlannedCondition {
  id: string;
  target: 'section' | 'question';
  visibleIf?: Expr;
  requiredIf?: Expr;
}

/**
 * The facts of a survey that response validation needs beyond the JSON Schema, as plain JSON: the
 * generated standalone module embeds it, so a page needs neither the template's texts nor ajv.
 */
export interface ValidationPlan {
  /** Answerable questions in template order. */
  questions: PlannedQuestion[];
  /** The survey's conditions, each after those it depends on. */
  conditions: PlannedCondition[];
}

/** Extracts the {@link ValidationPlan} of a survey. */
export function validationPlan(survey: Survey): ValidationPlan {
  const questions: PlannedQuestion[] = [];
  for (const section of survey.template.sections) {
    for (const q of section.questions) {
      if (q.type === 'note') continue;
      const conditional = section.visibleIf !== undefined || q.visibleIf !== undefined;
      const required = q.required === true;
      const planned: PlannedQuestion = {
        id: q.id,
        type: q.type,
        section: section.id,
        keys: q.type === 'matrix' ? q.items.map((item) => item.id) : [q.id],
        required,
        alwaysRequired: required && !conditional,
        conditional,
      };
      if (q.type === 'multiple') {
        const exclusive = q.options.filter((o) => o.exclusive === true).map((o) => o.code);
        if (exclusive.length > 0) planned.exclusive = exclusive;
      }
      if (q.type === 'single' || q.type === 'multiple' || q.type === 'ranking') {
        const other = q.options.find((o) => o.other === true);
        if (other) planned.other = other.code;
      }
      if (q.type === 'date') {
        if (q.min !== undefined) planned.min = q.min;
        if (q.max !== undefined) planned.max = q.max;
      }
      questions.push(planned);
    }
  }
  const conditions = survey.conditions.map((c) => {
    const planned: PlannedCondition = { id: c.id, target: c.target };
    if (c.visibleIf) planned.visibleIf = c.visibleIf.expr;
    if (c.requiredIf) planned.requiredIf = c.requiredIf.expr;
    return planned;
  });
  return { questions, conditions };
}
