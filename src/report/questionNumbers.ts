import type { Template } from '../schema/index.js';

/** How a question or matrix item is referred to on paper. */
export interface QuestionNumber {
  /** `Q5`, or `Q9(2)` for the second item of the matrix Q9. */
  label: string;
  /** The question's number (1 for Q1). */
  number: number;
  /** For a matrix item: its row number within the matrix. */
  item?: number;
}

/**
 * Numbers every question that takes an answer, Q1, Q2, … through all sections in order (notes get
 * no number), and every matrix item as its matrix's number with the row: Q9(1), Q9(2), …
 */
export function questionNumbers(template: Template): Map<string, QuestionNumber> {
  const numbers = new Map<string, QuestionNumber>();
  let number = 0;
  for (const section of template.sections) {
    for (const question of section.questions) {
      if (question.type === 'note') continue;
      number += 1;
      numbers.set(question.id, { label: `Q${number}`, number });
      if (question.type === 'matrix') {
        question.items.forEach((item, index) => {
          numbers.set(item.id, { label: `Q${number}(${index + 1})`, number, item: index + 1 });
        });
      }
    }
  }
  return numbers;
}
