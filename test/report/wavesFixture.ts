import { shiftWave } from '../../src/cli/shiftWave.js';
import { synthesiseResponses } from '../../src/cli/synthesiseResponses.js';
import { loadTemplate, type Survey, type SurveyResponse } from '../../src/schema/index.js';
import { type AggregateResult, createAggregator } from '../../src/scoring/index.js';
import { getTemplate } from '../../src/templates/index.js';

export const survey: Survey = loadTemplate(getTemplate('bias-awareness-community')!);

const N = 240;

/**
 * Made-up waves, a year apart: different people drawn from one model (one seed, split), with more
 * men agreeing with h01 from wave `shiftFrom` on.
 */
export function waveSeries(count: number, seed: number, shiftFrom: number): SurveyResponse[][] {
  const all = synthesiseResponses(survey, { n: N * count, seed });
  return Array.from({ length: count }, (_, i) => later(all.slice(i * N, (i + 1) * N), i, i >= shiftFrom));
}

/** The same respondents a number of years later, with the change in h01 among men if `shift`. */
export function later(responses: readonly SurveyResponse[], years: number, shift: boolean): SurveyResponse[] {
  return shiftWave(responses, {
    years,
    item: 'h01',
    where: { sex: 1 },
    from: shift ? [3, 4] : [],
    to: 1,
    every: 2,
  });
}

/** The aggregate result of a wave as the report shows it: grouped by sex, gap men − women. */
export function waveResult(responses: readonly SurveyResponse[]): AggregateResult {
  const aggregator = createAggregator(survey, { by: ['sex'], minGroupSize: 10 });
  for (const response of responses) aggregator.add(response);
  return aggregator.result({ gaps: [{ by: 'sex', a: 1, b: 2 }] });
}

/** The same, weighted (weights 1 and 2 in turn): results carry weighted figures with design-based SEs. */
export function weightedWaveResult(responses: readonly SurveyResponse[]): AggregateResult {
  const aggregator = createAggregator(survey, { by: ['sex'], minGroupSize: 10, design: {} });
  responses.forEach((response, i) => aggregator.add(response, 1 + (i % 2)));
  return aggregator.result({ gaps: [{ by: 'sex', a: 1, b: 2 }] });
}
