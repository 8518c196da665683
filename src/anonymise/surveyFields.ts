import type { Question, Role, Template } from '../schema/templateSchema.js';

/** What one answer key of a survey is: the question it belongs to and that question's role. */
export interface SurveyField {
  question: Question;
  role: Role | undefined;
}

/**
 * Every answer key of a template (question ids, and item ids for matrices) with its question.
 * A matrix item takes its matrix's role. Read from the template directly, so no schema code is needed.
 */
export function surveyFields(template: Template): Map<string, SurveyField> {
  const fields = new Map<string, SurveyField>();
  for (const section of template.sections) {
    for (const question of section.questions) {
      if (question.type === 'note') continue;
      const field = { question, role: question.role };
      if (question.type === 'matrix') {
        for (const item of question.items) if (!fields.has(item.id)) fields.set(item.id, field);
      } else if (!fields.has(question.id)) fields.set(question.id, field);
    }
  }
  return fields;
}
