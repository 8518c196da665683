import { synthesiseResponses } from '../../src/cli/synthesiseResponses.js';
import type { Template } from '../../src/schema/index.js';
import { loadTemplate, type Survey } from '../../src/schema/index.js';
import { checkPassRule, compareBenchmarks, createAggregator } from '../../src/scoring/index.js';
import { exampleTemplate } from '../helpers/templates.js';

/** The report inputs for a fixed seeded sample of the feature sampler, grouped by sex. */
export function exampleReportInput(options: { template?: Template; n?: number } = {}) {
  const survey: Survey = loadTemplate(options.template ?? exampleTemplate());
  const responses = synthesiseResponses(survey, { n: options.n ?? 300, seed: 7 });
  const aggregator = createAggregator(survey, { by: ['sex'], minGroupSize: 10 });
  for (const response of responses) aggregator.add(response);
  const result = aggregator.result({ gaps: [{ by: 'sex', a: 1, b: 2 }] });
  return {
    survey,
    responses,
    result,
    benchmarks: compareBenchmarks(survey, result),
    passRules: (survey.template.passRules ?? []).map((rule) =>
      checkPassRule(survey, result, { rule: rule.id }),
    ),
  };
}
