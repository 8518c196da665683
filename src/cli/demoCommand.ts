import { join } from 'node:path';
import { responseRates } from '../design/index.js';
import { responsesToCsv } from '../io/index.js';
import { formatFixed } from '../report/formatFixed.js';
import { renderQuestionnaire, renderReport, weightedView } from '../report/index.js';
import { parseTemplate, type Survey, type SurveyResponse } from '../schema/index.js';
import {
  type AggregateResult,
  compareBenchmarks,
  createAggregator,
  type EstimationDesign,
  type GapRequest,
} from '../scoring/index.js';
import { customiseTemplate, getTemplate } from '../templates/index.js';
import { createResponseValidator } from '../validate/index.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { type DemoDesign, demoDesign } from './demoDesign.js';
import { runDesign, toCsv } from './designCsv.js';
import { designText } from './designText.js';
import { resolvePath, writeTextFile } from './fileAccess.js';
import { pick, positiveInt } from './optionValues.js';
import { gapRequests, passRuleChecks } from './reportCommand.js';
import { buildWhoAnswered, createCellTally } from './reportInputs.js';
import { shiftWave } from './shiftWave.js';
import { waveText } from './waveText.js';
import { anonymise, writeAnonymised } from './writeAnonymised.js';

const DEMO_TEMPLATES = ['bias-awareness-community', 'example-all-features'];
const DEMO_PLACE = { ja: 'みどり市', en: 'Midori City' };
const DEMO_K = 5;
const THIS_YEAR = '2026';
/** The demo's weights are raked to the register's margins, as `kizuki weights --method rake` does. */
const DEMO_WEIGHTING: EstimationDesign = {
  calibration: { method: 'rake', variables: ['sex', 'age_band', 'area'] },
};
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

    // A register, a sample, who answered and their weights (kizuki sample, rates and weights in one go).
    const words = designText[context.lang];
    const design = runDesign(context, 'demo', () => demoDesign(context, survey, n, seed));
    context.out(`  ✓ ${words.demoFrame(design.frameSize)}`);
    context.out(`  ✓ ${words.demoSample(design.sample.design.sampleSize, seed)}`);
    const rates = responseRates({
      records: design.dispositions.rows,
      disposition: 'disposition',
      code: 'code',
      by: [['stratum']],
      locale: context.lang,
    });
    const percent = (rate: number | null) => (rate === null ? '—' : `${formatFixed(rate * 100, 1)}%`);
    const areaName = (code: string) => areaLabel(survey, code, context.lang);
    context.out(
      `  ✓ ${words.demoRates(
        design.responses.length,
        percent(rates.overall.rates.RR1),
        rates.breakdowns[0]!.groups.map((g) => `${areaName(g.label)} ${percent(g.rates.RR1)}`).join('、'),
      )}`,
    );
    const answered = (keep: (row: Record<string, string>) => boolean) => {
      const rows = design.dispositions.rows.filter(keep);
      return percent(rows.filter((r) => r.disposition === '1.1').length / Math.max(1, rows.length));
    };
    context.out(
      `  ✓ ${words.demoWho(
        answered((r) => r.sex === '1' && Number(r.age_band) <= 2),
        answered((r) => r.sex === '2' && Number(r.age_band) >= 6),
      )}`,
    );
    const d = design.raked.diagnostics;
    context.out(
      `  ✓ ${words.demoRaked(design.raked.iterations, formatFixed(d.designEffect, 2), formatFixed(d.nEffective, 0))}`,
    );
    const generated = design.responses;
    context.out(`  ✓ ${text.demo.steps.generated(generated.length)}`);

    const validate = createResponseValidator(survey, { locale: context.lang });
    const valid: SurveyResponse[] = [];
    const weights: number[] = [];
    generated.forEach((response, i) => {
      const verdict = validate(response);
      if (verdict.success) {
        valid.push(verdict.response);
        weights.push(design.weights[i]!);
      }
    });
    context.out(`  ✓ ${text.demo.steps.validated(valid.length, generated.length)}`);

    // The data set to share is anonymised; the report tallies the checked responses and hides small groups.
    const anonymised = anonymise(context, survey, valid, DEMO_K);
    context.out(`  ✓ ${text.demo.steps.anonymised(DEMO_K, anonymised.smallestClass)}`);

    const by = ['sex', 'age_band'].filter((id) =>
      survey.template.sections.some((s) => s.questions.some((q) => q.id === id)),
    );
    // As `kizuki report --weights weights.csv --margins population.csv` reads them: raked to the margins.
    const aggregator = createAggregator(survey, {
      by,
      locale: context.lang,
      design: DEMO_WEIGHTING,
    });
    const tally = createCellTally(survey, ['sex', 'age_band']);
    valid.forEach((response, i) => {
      aggregator.add(response, weights[i]!);
      tally.add(response, weights[i]!);
    });
    const gaps = gapRequests(aggregator.result(), by);
    const result = aggregator.result({ gaps, locale: context.lang });
    context.out(`  ✓ ${text.demo.steps.aggregated(by.join(', '))}`);
    // Last year: other made-up people from another sample of the same register, raked the same way.
    const lastDesign = runDesign(context, 'demo', () => demoDesign(context, survey, n, seed + 1));
    const previous = lastYear(survey, lastDesign, by, gaps, context);
    context.out(`  ✓ ${waveText[context.lang].demoWave(previous.label, previous.result.responses)}`);

    const files = {
      questionnaire: join(outDir, 'questionnaire.html'),
      responses: join(outDir, 'responses.csv'),
      anonymised: join(outDir, 'anonymised.csv'),
      report: join(outDir, 'report.html'),
      dispositions: join(outDir, 'dispositions.csv'),
      population: join(outDir, 'population.csv'),
      weights: join(outDir, 'weights.csv'),
      previous: join(outDir, 'responses-last-year.csv'),
    };
    await writeTextFile(context, files.questionnaire, renderQuestionnaire({ survey, locale: context.lang }));
    await writeTextFile(context, files.responses, responsesToCsv(survey, valid, { bom: true }));
    await writeTextFile(context, files.previous, responsesToCsv(survey, previous.responses, { bom: true }));
    const audit = await writeAnonymised(context, survey, anonymised, files.anonymised);
    await writeTextFile(
      context,
      files.dispositions,
      toCsv(design.dispositions.fields, design.dispositions.rows),
    );
    await writeTextFile(
      context,
      files.population,
      toCsv(['variable', 'category', 'count'], design.marginRows),
    );
    await writeTextFile(
      context,
      files.weights,
      toCsv(
        ['respondentId', 'weight'],
        valid.map((response, i) => ({ respondentId: response.respondentId, weight: weights[i] })),
      ),
    );
    const whoAnswered = buildWhoAnswered(context, survey, {
      variables: ['sex', 'age_band'],
      tally,
      dispositions: { file: files.dispositions, csv: design.dispositions },
      margins: design.margins,
      weights: design.raked.diagnostics,
    });
    const report = renderReport({
      survey,
      result,
      locale: context.lang,
      benchmarks: compareBenchmarks(survey, result, { locale: context.lang }),
      passRules: passRuleChecks(survey, result, context),
      source: { rows: generated.length, rejected: generated.length - valid.length },
      subtitle: `${pick(DEMO_PLACE, context.lang)} — ${context.lang === 'ja' ? '架空のデータによるデモ' : 'a demonstration with made-up data'}`,
      ...(whoAnswered === undefined ? {} : { whoAnswered }),
      waves: {
        previous: [{ label: previous.label, result: previous.result }],
        label: THIS_YEAR,
        trendItems: previous.item === undefined ? [] : [previous.item],
      },
    });
    await writeTextFile(context, files.report, report);

    context.out('');
    context.out(`${text.demo.figures}${words.demoWeighted}`);
    for (const line of keyFigures(survey, weightedView(result), context)) context.out(line);
    const effect = weightingEffect(survey, result, context);
    if (effect !== undefined) context.out(`  ${effect}`);
    context.out('');
    context.out(text.demo.files);
    const labels = text.demo.fileLabels;
    const listed: [string, string][] = [
      [labels.questionnaire, files.questionnaire],
      [labels.responses, files.responses],
      [labels.anonymised, files.anonymised],
      [labels.audit, audit],
      [labels.report, files.report],
      [words.demoFileLabels.dispositions, files.dispositions],
      [words.demoFileLabels.population, files.population],
      [words.demoFileLabels.weights, files.weights],
      [waveText[context.lang].demoFile, files.previous],
    ];
    for (const [label, file] of listed) context.out(`  ${label}: ${resolvePath(context, file)}`);
    context.out(
      words.demoAgain(
        `kizuki report ${survey.template.id.replace(/^midori-/, '')} ${files.responses} --by ${by.join(',')} --weights ${files.weights} --dispositions ${files.dispositions} --margins ${files.population}`,
      ),
    );
    context.out(text.demo.open);
    return EXIT.ok;
  },
};

/**
 * Last year's wave of the demo: another sample of the same register, raked the same way, with one
 * change built in — half of the men who disagreed with the first statement agreed then — so that
 * "What changed" shows a fall among men this year.
 */
function lastYear(
  survey: Survey,
  design: DemoDesign,
  by: string[],
  gaps: GapRequest[],
  context: CliContext,
): { label: string; result: AggregateResult; responses: SurveyResponse[]; item: string | undefined } {
  const item = survey.template.sections.flatMap((s) => s.questions).find((q) => q.type === 'matrix')
    ?.items[0]?.id;
  const responses = shiftWave(design.responses, {
    years: -1,
    item: item ?? '',
    where: { sex: 1 },
    from: [3, 4],
    to: 1,
    every: 2,
  });
  const validate = createResponseValidator(survey, { locale: context.lang });
  const aggregator = createAggregator(survey, { by, locale: context.lang, design: DEMO_WEIGHTING });
  const kept: SurveyResponse[] = [];
  responses.forEach((response, i) => {
    const verdict = validate(response);
    if (verdict.success) {
      aggregator.add(verdict.response, design.weights[i]!);
      kept.push(verdict.response);
    }
  });
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
        ? `${formatFixed(g.mean.mean * 100, 1)}%`
        : formatFixed(g.mean.mean, 2);
    };
    const label = definition === undefined ? score.id : pick(definition.label, context.lang);
    const line = context.text.demo.figure(label, value(0), value(men), value(women));
    const atLeastOne = score.groups[0]?.atLeastOne;
    return score.method === 'count' && atLeastOne
      ? `${line}${context.text.demo.atLeastOne(`${formatFixed(atLeastOne.share * 100, 1)}%`)}`
      : line;
  });
}

/** The label of an area code of the template's `area` question, or the code itself. */
function areaLabel(survey: Survey, code: string, lang: 'ja' | 'en'): string {
  for (const section of survey.template.sections)
    for (const q of section.questions)
      if (q.id === 'area' && q.type === 'single') {
        const option = q.options.find((o) => String(o.code) === code);
        if (option !== undefined) return pick(option.label, lang);
      }
  return code;
}

/** The score that weighting moves most, unweighted → weighted, for everyone. */
function weightingEffect(survey: Survey, result: AggregateResult, context: CliContext): string | undefined {
  let best: { size: number; line: string } | undefined;
  for (const score of result.scores) {
    const g = score.groups[0];
    const u = g?.mean;
    const w = g?.weighted?.mean;
    if (g === undefined || g.suppressed || !u || !w || score.method !== 'favourableShare') continue;
    const size = Math.abs(w.mean - u.mean);
    const definition = survey.template.scores?.find((s) => s.id === score.id);
    const label = definition === undefined ? score.id : pick(definition.label, context.lang);
    const f = (v: number) => `${formatFixed(v * 100, 1)}%`;
    if (best === undefined || size > best.size)
      best = { size, line: designText[context.lang].demoEffect(label, f(u.mean), f(w.mean)) };
  }
  return best?.line;
}
