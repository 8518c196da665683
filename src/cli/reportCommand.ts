import { renderReport } from '../report/index.js';
import type { Survey } from '../schema/index.js';
import {
  type AggregateResult,
  type Aggregator,
  checkPassRule,
  compareBenchmarks,
  createAggregator,
  type GapRequest,
  type PassRuleCheck,
} from '../scoring/index.js';
import { createResponseValidator } from '../validate/index.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { writeTextFile } from './fileAccess.js';
import { encodingOption, positiveInt } from './optionValues.js';
import { readInParallel } from './readInParallel.js';
import { readResponseFile, responseFormat } from './readResponseFile.js';
import { resolveSurvey } from './resolveSurvey.js';

const MAX_SHOWN = 100;

/** `kizuki report TEMPLATE RESPONSES`: the results report. */
export const reportCommand: Command = {
  name: 'report',
  options: {
    by: { type: 'string' },
    out: { type: 'string' },
    'min-group': { type: 'string' },
    encoding: { type: 'string' },
    jobs: { type: 'string' },
    subtitle: { type: 'string' },
  },
  positionals: ['TEMPLATE', 'RESPONSES'],
  async run(context, values, [templateArg, file]) {
    const { text } = context;
    const encoding = encodingOption(context, values.encoding);
    const minGroupSize = positiveInt(context, 'min-group', values['min-group'], 5);
    const jobs = values.jobs === undefined ? undefined : positiveInt(context, 'jobs', values.jobs, 1);
    const format = responseFormat(context, file!);
    const survey = await resolveSurvey(context, templateArg!);
    const by = groupingQuestions(context, survey, typeof values.by === 'string' ? values.by : '');
    const out = typeof values.out === 'string' ? values.out : 'report.html';

    const settings = { by, minGroupSize, locale: context.lang } as const;
    const parallel =
      format === 'csv'
        ? await readInParallel(context, survey, file!, { encoding, settings, maxShown: MAX_SHOWN, jobs })
        : undefined;
    let aggregator: Aggregator;
    let tally: { rows: number; rejected: number; blank: number; fatal: boolean };
    if (parallel !== undefined) {
      ({ aggregator, tally } = parallel);
    } else {
      aggregator = createAggregator(survey, settings);
      const validate = createResponseValidator(survey, { locale: context.lang });
      const target = aggregator;
      tally = await readResponseFile(context, survey, file!, {
        encoding,
        validate,
        onResponse: (response) => target.add(response),
        problemsTo: 'stderr',
        maxShown: MAX_SHOWN,
      });
    }
    if (tally.fatal) return EXIT.invalid;

    const result = aggregator.result({ gaps: gapRequests(aggregator.result(), by), locale: context.lang });
    const html = renderReport({
      survey,
      result,
      locale: context.lang,
      benchmarks: compareBenchmarks(survey, result, { locale: context.lang }),
      passRules: passRuleChecks(survey, result, context),
      source: { rows: tally.rows - tally.blank, rejected: tally.rejected },
      ...(typeof values.subtitle === 'string' ? { subtitle: values.subtitle } : {}),
    });
    await writeTextFile(context, out, html);
    if (tally.rejected > 0) context.err(text.lines.excluded);
    context.out(text.report.done(out, result.responses));
    return tally.rejected > 0 ? EXIT.invalid : EXIT.ok;
  },
};

/**
 * The `--by` questions, checked, plus the questions the template's pass rules group by (so that
 * their check can run), at most four in all as the aggregator allows.
 */
function groupingQuestions(context: CliContext, survey: Survey, option: string): string[] {
  const groupable = new Set<string>();
  for (const section of survey.template.sections) {
    for (const q of section.questions) if (q.type === 'single' || q.type === 'likert') groupable.add(q.id);
  }
  const by = option
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const id of by) if (!groupable.has(id)) throw new CliFailure(EXIT.usage, context.text.usage.badBy(id));
  for (const rule of survey.template.passRules ?? []) {
    for (const group of rule.groups) {
      for (const id of Object.keys(group.where))
        if (!by.includes(id) && by.length < 4 && groupable.has(id)) by.push(id);
    }
  }
  return [...new Set(by)].slice(0, 4);
}

/** The gap shown in the report: between the two largest categories of the first grouping question. */
export function gapRequests(result: AggregateResult, by: readonly string[]): GapRequest[] {
  const first = by[0];
  if (first === undefined) return [];
  const largest = result.groups
    .filter((g) => Object.keys(g.where).length === 1 && Object.hasOwn(g.where, first) && !g.suppressed)
    .sort((x, y) => y.respondents - x.respondents)
    .slice(0, 2)
    .map((g) => g.where[first]!)
    .sort((x, y) => x - y);
  if (largest.length < 2) return [];
  return [{ by: first, a: largest[0]!, b: largest[1]! }];
}

/** Every pass rule of the template that this aggregate can check. */
export function passRuleChecks(
  survey: Survey,
  result: AggregateResult,
  context: CliContext,
): PassRuleCheck[] {
  const checks: PassRuleCheck[] = [];
  for (const rule of survey.template.passRules ?? []) {
    try {
      checks.push(checkPassRule(survey, result, { rule: rule.id, locale: context.lang }));
    } catch {
      // A rule whose groups are not among the grouping questions cannot be checked; the report leaves it out.
    }
  }
  return checks;
}
