import type { SurveyResponse } from '../../src/schema/index.js';
import { loadTemplate, type Survey, type Template } from '../../src/schema/index.js';

const text = (s: string) => ({ ja: `${s}（日本語）`, en: s });
const agree4 = {
  options: [
    { code: 1, label: text('Agree'), value: 4 },
    { code: 2, label: text('Somewhat agree'), value: 3 },
    { code: 3, label: text('Somewhat disagree'), value: 2 },
    { code: 4, label: text('Disagree'), value: 1 },
    { code: 9, label: text("Don't know") },
  ],
  favourable: [1, 2],
  missing: [9],
};

/**
 * A template exercising every analysed kind: grouping questions (sex with a "prefer not to say"
 * code, five age bands), a matrix with a reverse-keyed item, a reverse-keyed Likert question, a
 * single choice with values, a number, a multiple choice and a ranking; four scores, benchmarks
 * and a Toyooka-style pass rule.
 */
export function analysisTemplate(): Template {
  return {
    id: 'analysis-test',
    version: '1.0.0',
    locales: ['ja', 'en'],
    title: text('Analysis test'),
    provenance: { authors: ['kizuki tests'] },
    licence: 'CC0-1.0',
    scales: { agree4 },
    sections: [
      {
        id: 'main',
        title: text('Main'),
        questions: [
          {
            id: 'sex',
            type: 'single',
            label: text('Sex'),
            options: [
              { code: 1, label: text('Man') },
              { code: 2, label: text('Woman') },
              { code: 3, label: text('Other') },
              { code: 9, label: text('Prefer not to say'), missing: true },
            ],
          },
          {
            id: 'age_band',
            type: 'single',
            label: text('Age band'),
            options: [1, 2, 3, 4, 5].map((code) => ({ code, label: text(`${code + 1}0s`) })),
          },
          {
            id: 'views',
            type: 'matrix',
            scale: 'agree4',
            label: text('Views'),
            items: [
              { id: 'r1', text: text('Statement 1') },
              { id: 'r2', text: text('Statement 2') },
              { id: 'r3', text: text('Statement 3 (reverse)'), reverse: true },
              { id: 'r4', text: text('Statement 4') },
            ],
          },
          { id: 'care', type: 'likert', scale: 'agree4', reverse: true, label: text('Care') },
          {
            id: 'satisfaction',
            type: 'single',
            label: text('Satisfaction'),
            options: [
              { code: 1, label: text('High'), value: 10 },
              { code: 2, label: text('Low'), value: 0 },
              { code: 8, label: text('No answer'), missing: true },
            ],
          },
          { id: 'hours', type: 'number', label: text('Hours') },
          {
            id: 'arrangements',
            type: 'multiple',
            label: text('Arrangements'),
            options: [
              { code: 1, label: text('Telework') },
              { code: 2, label: text('Flextime') },
              { code: 3, label: text('Short hours') },
              { code: 9, label: text("Don't know"), exclusive: true, missing: true },
            ],
          },
          {
            id: 'reasons',
            type: 'ranking',
            maxRanked: 2,
            label: text('Reasons'),
            options: [1, 2, 3].map((code) => ({ code, label: text(`Reason ${code}`) })),
          },
        ],
      },
    ],
    scores: [
      {
        id: 'roles_share',
        label: text('Share'),
        items: ['r1', 'r2', 'r3', 'r4'],
        method: 'favourableShare',
        minAnswered: 2,
      },
      {
        id: 'roles_mean',
        label: text('Mean'),
        items: ['r1', 'r2', 'r3', 'r4'],
        method: 'mean',
        minAnswered: 2,
      },
      { id: 'roles_count', label: text('Count'), items: ['r1', 'r2', 'r3', 'r4'], method: 'count' },
      { id: 'roles_sum', label: text('Sum'), items: ['r1', 'r2'], method: 'sum', minAnswered: 2 },
    ],
    benchmarks: [
      { item: 'r1', value: 0.5, source: 'test', year: 2025 },
      { item: 'r1', group: { sex: 2 }, value: 0.4, n: 1000, source: 'test', year: 2025 },
      { item: 'r1', group: { age_band: 1 }, value: 0.4, source: 'test', year: 2025 },
      { score: 'roles_mean', statistic: 'mean', value: 2.5, source: 'test', year: 2025 },
      { score: 'roles_count', value: 0.7, source: 'test', year: 2025 },
      { score: 'roles_sum', value: 0.7, source: 'test', year: 2025 },
    ],
    passRules: [
      {
        id: 'certified',
        label: text('Certified'),
        score: 'roles_share',
        threshold: 2 / 3,
        groups: [
          { id: 'men', label: text('Men'), where: { sex: 1 } },
          { id: 'women', label: text('Women'), where: { sex: 2 } },
        ],
      },
    ],
  };
}

/** The analysis template, parsed. */
export function analysisSurvey(): Survey {
  return loadTemplate(analysisTemplate());
}

let counter = 0;

/** A response of `survey` with the given answers. */
export function response(
  survey: Survey,
  answers: Record<string, unknown>,
  respondentId?: string,
): SurveyResponse {
  counter++;
  return {
    templateId: survey.template.id,
    templateVersion: survey.template.version,
    templateHash: survey.hash,
    respondentId: respondentId ?? `r${counter}`,
    answers: answers as SurveyResponse['answers'],
    meta: {
      locale: 'ja',
      startedAt: '2026-05-01T09:00:00.000Z',
      submittedAt: '2026-05-01T09:05:00.000Z',
      seed: 1,
    },
  };
}

/** A small deterministic generator (LCG) so generated data is the same on every run. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Random answers to the analysis template: some unanswered, some "don't know", some invalid values. */
export function randomAnswers(random: () => number): Record<string, unknown> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const answers: Record<string, unknown> = {};
  const maybe = (key: string, value: () => unknown, p = 0.9) => {
    if (random() < p) answers[key] = value();
  };
  maybe('sex', () => pick([1, 1, 2, 2, 3, 9]), 0.95);
  maybe('age_band', () => pick([1, 2, 3, 4, 5]));
  for (const key of ['r1', 'r2', 'r3', 'r4', 'care']) maybe(key, () => pick([1, 2, 3, 4, 9, 1, 2, 77]), 0.85);
  maybe('satisfaction', () => pick([1, 2, 8]));
  maybe('hours', () => pick([0, 7.5, 8, 10.25, 40, Number.NaN, -3]));
  maybe('arrangements', () => pick([[1], [1, 2], [2, 3], [9], [1, 1], [5], []]));
  maybe('reasons', () => pick([[1], [2, 1], [3, 2]]));
  return answers;
}
