import { join } from 'node:path';
import { responsesToCsv } from '../io/index.js';
import { renderQuestionnaire, renderReport } from '../report/index.js';
import { parseTemplate, type Survey, type SurveyResponse } from '../schema/index.js';
import {
  type AggregateResult,
  compareBenchmarks,
  createAggregator,
  type GapRequest,
} from '../scoring/index.js';
import { customiseTemplate, getTemplate } from '../templates/index.js';
import { createResponseValidator } from '../validate/index.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { resolvePath, writeTextFile } from './fileAccess.js';
import { pick, positiveInt } from './optionValues.js';
import { gapRequests, passRuleChecks } from './reportCommand.js';
import { shiftWave } from './shiftWave.js';
import { synthesiseResponses } from './synthesiseResponses.js';
import { waveText } from './waveText.js';
import { anonymise, writeAnonymised } from './writeAnonymised.js';

const DEMO_TEMPLATES = ['bias-awareness-community', 'example-all-features'];
const DEMO_PLACE = { ja: 'みどり市', en: 'Midori City' };
const DEMO_K = 5;
const THIS_YEAR = '2026';
const LAST_YEAR = '2025';

/** `kizuki demo`: the whole workflow on made-up responses. */
export const demoCommand: Command = {
  name: 'demo',
  options: { out: { type: 'string' }, n: { type: 'string' }, seed: { type: 'string' } },
  positionals: [],
  async run(context, values) {
    const { text } = context;
    const n = positiveInt(context, 'n', values.n, 600);
    const seed = values.seed === '0' ? 0 : positiveInt(context, 'seed', values.seed, 1);
    const outDir = typeof values.out === 'string' ? values.out : 'out';
    const survey = demoSurvey(context);
    const title = pick(survey.template.title, context.lang);
    context.out(text.demo.intro(title, n, seed));
    context.out(`  ✓ ${text.demo.steps.template}: ${survey.template.id} ${survey.template.version}`);

    // Twice as many made-up people: the first n answer this year, the rest last year (see lastYear).
    const both = synthesiseResponses(survey, { n: n * 2, seed });
    const generated = both.slice(0, n);
    context.out(`  ✓ ${text.demo.steps.generated(generated.length)}`);

    const validate = createResponseValidator(survey, { locale: context.lang });
    const valid: SurveyResponse[] = [];
    for (const response of generated) {
      const verdict = validate(response);
      if (verdict.success) valid.push(verdict.response);
    }
    context.out(`  ✓ ${text.demo.steps.validated(valid.length, generated.length)}`);

    // The data set to share is anonymised; the report tallies the checked responses and hides small groups.
    const anonymised = anonymise(context, survey, valid, DEMO_K);
    context.out(`  ✓ ${text.demo.steps.anonymised(DEMO_K, anonymised.smallestClass)}`);

    const by = ['sex', 'age_band'].filter((id) =>
      survey.template.sections.some((s) => s.questions.some((q) => q.id === id)),
    );
    const aggregator = createAggregator(survey, { by, locale: context.lang });
    for (const response of valid) aggregator.add(response);
    const gaps = gapRequests(aggregator.result(), by);
    const result = aggregator.result({ gaps, locale: context.lang });
    context.out(`  ✓ ${text.demo.steps.aggregated(by.join(', '))}`);
    const previous = lastYear(survey, both.slice(n), by, gaps, context);
    context.out(`  ✓ ${waveText[context.lang].demoWave(previous.label, previous.result.responses)}`);

    const files = {
      questionnaire: join(outDir, 'questionnaire.html'),
      responses: join(outDir, 'responses.csv'),
      anonymised: join(outDir, 'anonymised.csv'),
      report: join(outDir, 'report.html'),
      previous: join(outDir, 'responses-last-year.csv'),
    };
    await writeTextFile(context, files.questionnaire, renderQuestionnaire({ survey, locale: context.lang }));
    await writeTextFile(context, files.responses, responsesToCsv(survey, valid, { bom: true }));
    await writeTextFile(context, files.previous, responsesToCsv(survey, previous.responses, { bom: true }));
    const audit = await writeAnonymised(context, survey, anonymised, files.anonymised);
    const report = renderReport({
      survey,
      result,
      locale: context.lang,
      benchmarks: compareBenchmarks(survey, result, { locale: context.lang }),
      passRules: passRuleChecks(survey, result, context),
      source: { rows: generated.length, rejected: generated.length - valid.length },
      subtitle: `${pick(DEMO_PLACE, context.lang)} — ${context.lang === 'ja' ? '架空のデータによるデモ' : 'a demonstration with made-up data'}`,
      waves: {
        previous: [{ label: previous.label, result: previous.result }],
        label: THIS_YEAR,
        trendItems: previous.item === undefined ? [] : [previous.item],
      },
    });
    await writeTextFile(context, files.report, report);

    context.out('');
    context.out(text.demo.figures);
    for (const line of keyFigures(survey, result, context)) context.out(line);
    context.out('');
    context.out(text.demo.files);
    const labels = text.demo.fileLabels;
    const listed: [string, string][] = [
      [labels.questionnaire, files.questionnaire],
      [labels.responses, files.responses],
      [labels.anonymised, files.anonymised],
      [labels.audit, audit],
      [labels.report, files.report],
      [waveText[context.lang].demoFile, files.previous],
    ];
    for (const [label, file] of listed) context.out(`  ${label}: ${resolvePath(context, file)}`);
    context.out(text.demo.open);
    return EXIT.ok;
  },
};

/**
 * Last year's wave of the demo: other made-up people from the same model, a year earlier, with one
 * change built in — half of the men who disagreed with the first statement agreed then — so that
 * "What changed" shows a fall among men this year.
 */
function lastYear(
  survey: Survey,
  people: readonly SurveyResponse[],
  by: string[],
  gaps: GapRequest[],
  context: CliContext,
): { label: string; result: AggregateResult; responses: SurveyResponse[]; item: string | undefined } {
  const item = survey.template.sections.flatMap((s) => s.questions).find((q) => q.type === 'matrix')
    ?.items[0]?.id;
  const responses = shiftWave(people, {
    years: -1,
    item: item ?? '',
    where: { sex: 1 },
    from: [3, 4],
    to: 1,
    every: 2,
  });
  const validate = createResponseValidator(survey, { locale: context.lang });
  const aggregator = createAggregator(survey, { by, locale: context.lang });
  const kept: SurveyResponse[] = [];
  for (const response of responses) {
    const verdict = validate(response);
    if (verdict.success) {
      aggregator.add(verdict.response);
      kept.push(verdict.response);
    }
  }
  return {
    label: LAST_YEAR,
    result: aggregator.result({ gaps, locale: context.lang }),
    responses: kept,
    item,
  };
}

/** The demo's template: a built-in one with the made-up city's name filled in. */
function demoSurvey(context: CliContext): Survey {
  for (const id of DEMO_TEMPLATES) {
    const base = getTemplate(id);
    if (base === undefined) continue;
    const customised = customiseTemplate(base, {
      id: `midori-${id}`.slice(0, 64),
      authors: [DEMO_PLACE.ja],
      changes: [{ kind: 'substitute', values: { municipality: DEMO_PLACE } }],
      locale: context.lang,
    });
    if (customised.success) return customised.survey;
    const parsed = parseTemplate(base, { locale: context.lang });
    if (parsed.success) return parsed.survey;
  }
  throw new CliFailure(EXIT.invalid, context.text.usage.unknownTemplate(DEMO_TEMPLATES[0]!));
}

/** A line per score: everyone, men and women. */
function keyFigures(survey: Survey, result: AggregateResult, context: CliContext): string[] {
  const group = (code: number) => result.groups.findIndex((g) => g.key === `sex=${code}`);
  const men = group(1);
  const women = group(2);
  return result.scores.map((score) => {
    const definition = survey.template.scores?.find((s) => s.id === score.id);
    const value = (gi: number) => {
      const g = gi < 0 ? undefined : score.groups[gi];
      if (g === undefined || g.mean === null) return '—';
      return score.method === 'favourableShare'
        ? `${(g.mean.mean * 100).toFixed(1)}%`
        : g.mean.mean.toFixed(2);
    };
    const label = definition === undefined ? score.id : pick(definition.label, context.lang);
    const line = context.text.demo.figure(label, value(0), value(men), value(women));
    const atLeastOne = score.groups[0]?.atLeastOne;
    return score.method === 'count' && atLeastOne
      ? `${line}${context.text.demo.atLeastOne(`${(atLeastOne.share * 100).toFixed(1)}%`)}`
      : line;
  });
}
