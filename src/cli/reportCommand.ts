import { type PeersInput, renderReport, type WhoAnswered, whatChangedFigures } from '../report/index.js';
import type { Survey } from '../schema/index.js';
import {
  type AggregateResult,
  type Aggregator,
  checkPassRule,
  compareBenchmarks,
  type GapRequest,
  type PassRuleCheck,
  type StateFile,
} from '../scoring/index.js';
import type { AggregateTally } from './aggregateResponses.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { writeTextFile } from './fileAccess.js';
import { encodingOption, positiveInt } from './optionValues.js';
import { readWave, stateWave, trackWave, type Wave, waveOptions, wavesFor } from './previousWaves.js';
import {
  aggregateWithInputs,
  estimationFailure,
  REPORT_INPUT_OPTIONS,
  readReportInputs,
} from './reportInputs.js';
import { resolveSurvey } from './resolveSurvey.js';
import { readStateAggregator, stateWork } from './stateFile.js';
import { stateText } from './stateText.js';
import { readsStore, reportFromStore, storeOptions } from './storeSource.js';
import { setWaveIds } from './waveIds.js';
import { waveText } from './waveText.js';

/**
 * `kizuki report TEMPLATE RESPONSES`, `kizuki report TEMPLATE --state STATE` or `kizuki report TEMPLATE
 * --data DIR | --database URL` (the collector's store): the results report.
 */
export const reportCommand: Command = {
  name: 'report',
  options: {
    by: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'string' },
    'min-group': { type: 'string' },
    encoding: { type: 'string' },
    jobs: { type: 'string' },
    subtitle: { type: 'string' },
    state: { type: 'string' },
    peers: { type: 'string' },
    municipality: { type: 'string' },
    ...REPORT_INPUT_OPTIONS,
    ...storeOptions,
    previous: { type: 'string', multiple: true },
    'previous-template': { type: 'string', multiple: true },
    'previous-weights': { type: 'string', multiple: true },
    trend: { type: 'string' },
  },
  positionals: ['TEMPLATE', 'RESPONSES'],
  arity: (values) =>
    typeof values.state === 'string' || readsStore(values) ? { min: 1, max: 1 } : { min: 2, max: 2 },
  async run(context, values, [templateArg, file]) {
    const { text } = context;
    const encoding = encodingOption(context, values.encoding);
    const minOption = values['min-group'];
    const minGroupSize = positiveInt(context, 'min-group', minOption, 5);
    const jobs = values.jobs === undefined ? undefined : positiveInt(context, 'jobs', values.jobs, 1);
    const survey = await resolveSurvey(context, templateArg!);
    const out = typeof values.out === 'string' ? values.out : 'report.html';
    const peerFile = typeof values.peers === 'string' ? values.peers : undefined;
    const peerState =
      peerFile === undefined ? undefined : await readStateAggregator(context, peerFile, survey);
    const inputs = await readReportInputs(context, survey, values, file, encoding);

    const previous = await waveOptions(context, values);
    if (previous.files.length > 0 && readsStore(values))
      throw new CliFailure(EXIT.usage, waveText[context.lang].notWith('--data/--database'));
    let aggregator: Aggregator;
    let tally: AggregateTally;
    let by: string[];
    let shownMin: number;
    let ownState: StateFile | undefined;
    let whoAnswered: WhoAnswered | undefined;
    let current: Wave | undefined;
    if (typeof values.state === 'string') {
      let state: StateFile;
      ({ state, aggregator } = await readStateAggregator(context, values.state, survey));
      ownState = state;
      by = aggregator.toJSON().options.by;
      // A state keeps small cells; the report hides them again, never below the state's own threshold.
      shownMin = Math.max(state.minGroupSize, minOption === undefined ? 0 : minGroupSize);
      tally = { rows: aggregator.responses, rejected: 0, blank: 0, fatal: false };
      current = stateWave(values.state, state, survey, aggregator, shownMin);
    } else if (readsStore(values)) {
      by = groupingQuestions(context, survey, typeof values.by === 'string' ? values.by : '');
      ({ aggregator, tally, whoAnswered } = await reportFromStore(context, values, survey, {
        by,
        minGroupSize,
      }));
      shownMin = minGroupSize;
    } else if (previous.files.length > 0) {
      // Compared with earlier waves: read keeping ids (panels) and dates (order).
      by = groupingQuestions(context, survey, typeof values.by === 'string' ? values.by : '');
      if (inputs === undefined) {
        current = await readWave(context, survey, file!, { encoding, by, minGroupSize, jobs });
        ({ aggregator, tally } = current);
      } else {
        const track = trackWave();
        ({ aggregator, tally, whoAnswered } = await aggregateWithInputs(
          context,
          survey,
          file!,
          { encoding, by, minGroupSize, jobs, observe: track.observe },
          inputs,
        ));
        const time = track.time();
        current = { path: file!, survey, aggregator, tally, ids: setWaveIds(track.ids), time, minGroupSize };
      }
      shownMin = minGroupSize;
    } else {
      // Compared with peers, the grouping defaults to theirs so that the two can be merged.
      const byOption = typeof values.by === 'string' ? values.by : (peerState?.state.by.join(',') ?? '');
      by = groupingQuestions(context, survey, byOption);
      ({ aggregator, tally, whoAnswered } = await aggregateWithInputs(
        context,
        survey,
        file!,
        { encoding, by, minGroupSize, jobs },
        inputs,
      ));
      shownMin = minGroupSize;
    }
    if (tally.fatal) return EXIT.invalid;

    let gaps: GapRequest[];
    let result: AggregateResult;
    try {
      gaps = gapRequests(aggregator.result({ locale: context.lang, minGroupSize: shownMin }), by);
      result = aggregator.result({ gaps, locale: context.lang, minGroupSize: shownMin });
    } catch (error) {
      throw estimationFailure(context, survey, inputs, error);
    }
    const waves =
      current === undefined || previous.files.length === 0
        ? undefined
        : await wavesFor(context, current, previous, {
            encoding,
            by,
            minGroupSize: shownMin,
            gaps,
            jobs,
            weighting: {
              weighted: inputs?.weights !== undefined || aggregator.toJSON().weighted !== undefined,
              ...(inputs?.weightColumn === undefined ? {} : { column: inputs.weightColumn }),
            },
          });
    const names =
      typeof values.municipality === 'string' && values.municipality.trim() !== ''
        ? [values.municipality.trim()]
        : (ownState?.municipalities ?? []);
    const peers =
      peerState === undefined
        ? undefined
        : peersInput(context, { file: peerFile!, ...peerState }, aggregator, names, shownMin);
    const html = renderReport({
      survey,
      result,
      locale: context.lang,
      benchmarks: compareBenchmarks(survey, result, { locale: context.lang }),
      passRules: passRuleChecks(survey, result, context),
      source: { rows: tally.rows - tally.blank, rejected: tally.rejected },
      ...(typeof values.subtitle === 'string' ? { subtitle: values.subtitle } : {}),
      ...(peers === undefined ? {} : { peers }),
      ...(whoAnswered === undefined ? {} : { whoAnswered }),
      ...(waves === undefined ? {} : { waves }),
    });
    await writeTextFile(context, out, html);
    // The figures at full precision, for analysts and for checking against other software.
    // With earlier waves, the "What changed" figures too.
    if (typeof values.json === 'string' && values.json !== '') {
      const whatChanged =
        waves === undefined ? null : whatChangedFigures({ result, waves, locale: context.lang });
      const figures = whatChanged === null ? result : { ...result, whatChanged };
      await writeTextFile(context, values.json, `${JSON.stringify(figures, null, 2)}\n`);
    }
    if (tally.rejected > 0) context.err(text.lines.excluded);
    context.out(text.report.done(out, result.responses));
    return tally.rejected > 0 ? EXIT.invalid : EXIT.ok;
  },
};

/**
 * The `--by` questions, checked, plus the questions the template's pass rules group by (so that
 * their check can run), at most four in all as the aggregator allows.
 */
export function groupingQuestions(context: CliContext, survey: Survey, option: string): string[] {
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

/**
 * All participating municipalities from a merged state, with this municipality's responses counted
 * once: as they are when the state names it, merged in when it does not.
 */
function peersInput(
  context: CliContext,
  peers: { file: string; state: StateFile; aggregator: Aggregator },
  own: Aggregator,
  names: readonly string[],
  minGroupSize: number,
): PeersInput {
  const t = stateText[context.lang];
  if (names.length === 0) throw new CliFailure(EXIT.usage, t.peersNeedName);
  const inside = names.filter((name) => peers.state.municipalities.includes(name));
  if (inside.length > 0 && inside.length < names.length)
    throw new CliFailure(EXIT.invalid, t.peersPartly(peers.file, names.join(', ')));
  const includedOwn = inside.length === names.length;
  const ownBy = own.toJSON().options.by.join(',');
  if (peers.state.by.join(',') !== ownBy)
    throw new CliFailure(EXIT.invalid, t.peersOtherBy(peers.file, peers.state.by.join(','), ownBy));
  if (!includedOwn) stateWork(() => peers.aggregator.merge(own));
  return {
    result: peers.aggregator.result({
      minGroupSize: Math.max(peers.state.minGroupSize, minGroupSize),
      locale: context.lang,
    }),
    municipalities: new Set([...peers.state.municipalities, ...names]).size,
    includedOwn,
  };
}
