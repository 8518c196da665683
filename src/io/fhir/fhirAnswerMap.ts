import type { Question, Survey } from '../../schema/index.js';

/**
 * How the answers of one FHIR item become kizuki answers: the answer key, and for choices the
 * kizuki code of each FHIR answer (`c:<code>` for a Coding, `s:<text>` for a string option,
 * `i:<n>` for an integer option, `b:true`/`b:false` for a boolean). Plain JSON.
 */
export type FhirAnswerTarget =
  | { kind: 'choice'; key: string; codes: Record<string, number>; multiple: boolean; otherCode?: number }
  | { kind: 'rank'; key: string; rank: number; codes: Record<string, number> }
  | { kind: 'other'; key: string }
  | { kind: 'number'; key: string; integer: boolean }
  | { kind: 'text' | 'date'; key: string };

/** FHIR linkId → how its answers are read. Made by `fromFhirQuestionnaire`, or from a survey. */
export type FhirAnswerMap = Record<string, FhirAnswerTarget>;

/**
 * The answer map of a survey exported with `toFhirQuestionnaire`: linkIds are kizuki ids, ranks
 * are `q.1`, `q.2`…, "other" texts `q.other`, and codes are `String(code)`. It is what
 * `fromFhirQuestionnaireResponse` uses when given no `answerMap`.
 *
 * @example
 * ```ts
 * import { surveyAnswerMap } from 'kizuki/io';
 * surveyAnswerMap(survey).sex; // { kind: 'choice', key: 'sex', codes: { 'c:1': 1, 'c:2': 2, … }, multiple: false }
 * ```
 */
export function surveyAnswerMap(survey: Survey): FhirAnswerMap {
  const map: FhirAnswerMap = Object.create(null);
  const scales = survey.template.scales ?? {};
  const codesOf = (options: readonly { code: number }[]) =>
    Object.fromEntries(options.map((o) => [`c:${o.code}`, o.code]));
  const add = (question: Question) => {
    switch (question.type) {
      case 'note':
        return;
      case 'single':
      case 'multiple': {
        const other = question.options.find((o) => o.other === true);
        map[question.id] = {
          kind: 'choice',
          key: question.id,
          codes: codesOf(question.options),
          multiple: question.type === 'multiple',
        };
        if (other) map[`${question.id}.other`] = { kind: 'other', key: question.id };
        return;
      }
      case 'likert':
        map[question.id] = {
          kind: 'choice',
          key: question.id,
          codes: codesOf(scales[question.scale]?.options ?? []),
          multiple: false,
        };
        return;
      case 'matrix':
        for (const row of question.items)
          map[row.id] = {
            kind: 'choice',
            key: row.id,
            codes: codesOf(scales[question.scale]?.options ?? []),
            multiple: false,
          };
        return;
      case 'ranking':
        for (let rank = 1; rank <= question.maxRanked; rank++)
          map[`${question.id}.${rank}`] = {
            kind: 'rank',
            key: question.id,
            rank,
            codes: codesOf(question.options),
          };
        if (question.options.some((o) => o.other === true))
          map[`${question.id}.other`] = { kind: 'other', key: question.id };
        return;
      case 'number':
        map[question.id] = { kind: 'number', key: question.id, integer: question.integer === true };
        return;
      case 'text':
      case 'date':
        map[question.id] = { kind: question.type, key: question.id };
        return;
    }
  };
  for (const section of survey.template.sections) for (const question of section.questions) add(question);
  return map;
}
