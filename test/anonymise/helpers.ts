import { parseTemplate } from '../../src/schema/index.js';
import type { SurveyResponse } from '../../src/schema/response.js';
import type { Survey } from '../../src/schema/survey.js';
import { exampleTemplate } from '../helpers/templates.js';

/** The feature sampler, parsed. Its roles: email identifier; sex and age quasi-identifiers; birth_date sensitive. */
export function exampleSurvey(): Survey {
  const result = parseTemplate(exampleTemplate());
  if (!result.success) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
  return result.survey;
}

/** A small deterministic generator (mulberry32), so fixtures are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` plausible responses to the feature sampler. */
export function sampleResponses(n: number, seed = 1): SurveyResponse[] {
  const r = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const age = 18 + Math.floor(r() * 60);
    const children = i === 0 ? 12 : pick([0, 0, 1, 1, 2, 3]);
    const answers: SurveyResponse['answers'] = {
      email: `person${i}@example.jp`,
      sex: pick([1, 1, 2, 2, 3, 9]),
      age,
      children,
      birth_date: `${2026 - age}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`,
      arrangements: pick([[1], [1, 2], [3], [5], [6]]),
      workload: 1 + Math.floor(r() * 5),
      v_care: pick([1, 2, 3, 4, 9]),
      v_lead: pick([1, 2, 3, 4]),
      v_share: pick([1, 2, 3, 4]),
    };
    if (i % 3 === 0) answers.comment = `連絡は 090-${1000 + i}-5678 まで`;
    const response: SurveyResponse = {
      templateId: 'example-all-features',
      templateVersion: '1.0.0',
      templateHash: 'sha256-0',
      respondentId: `resp-${i}`,
      answers,
      meta: {
        locale: i % 10 === 0 ? 'en' : 'ja',
        startedAt: `2026-05-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00.000Z`,
        submittedAt: `2026-05-${String(1 + (i % 28)).padStart(2, '0')}T09:06:00.000Z`,
        seed: 1000 + i,
        order: { arrangements: [2, 1, 4, 3, 5, 6] },
      },
    };
    if ((answers.arrangements as number[]).includes(5))
      response.other = { arrangements: `週4日勤務、tel 03-1234-${1000 + i}` };
    return response;
  });
}

/** Class sizes the slow way: for each record, count the records with the same values. */
export function bruteForceClassSizes(
  records: ReadonlyArray<Record<string, unknown>>,
  fields: readonly string[],
): number[] {
  const key = (r: Record<string, unknown>) =>
    JSON.stringify(fields.map((f) => (Object.hasOwn(r, f) ? (r[f] ?? null) : null)));
  return records.map((r) => records.filter((other) => key(other) === key(r)).length);
}
