import { basename } from 'node:path';
import type { CsvEncoding } from '../io/index.js';
import type { ReportWave, WhatChangedInput } from '../report/index.js';
import type { Survey, SurveyResponse } from '../schema/index.js';
import {
  type AggregateResult,
  type Aggregator,
  compareOverlapping,
  comparePaired,
  createAggregator,
  type GapRequest,
  type OverlappingComparison,
  type PairedComparison,
  ScoringError,
  type StateFile,
  stateAggregator,
} from '../scoring/index.js';
import { compareTemplates } from '../templates/index.js';
import { createResponseValidator } from '../validate/index.js';
import type { AggregateTally } from './aggregateResponses.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import { compileFastRows } from './compileFastRows.js';
import { createTimeReader } from './createTimeReader.js';
import { designText } from './designText.js';
import { listOption } from './optionValues.js';
import { readInParallel } from './readInParallel.js';
import { readResponseFile, responseFormat } from './readResponseFile.js';
import { readWeightsOption, type WeightsRead } from './reportInputs.js';
import { resolveSurvey } from './resolveSurvey.js';
import { readStateFiles, stateWork } from './stateFile.js';
import { validateWhenNeeded } from './validateWhenNeeded.js';
import { countLinked, setWaveIds, type WaveIds } from './waveIds.js';
import { waveText } from './waveText.js';

/** Share of each wave's responses that must be linked for a paired comparison (docs/effect.en.md). */
export const PANEL_SHARE = 0.9;

/** One wave as read for a comparison. */
export interface Wave {
  path: string;
  survey: Survey;
  aggregator: Aggregator;
  tally: AggregateTally;
  /** Respondent ids, for finding the same people in two waves; null for a state file. */
  ids: WaveIds | null;
  /** When the wave was surveyed (ms since 1970): the mean submission time, or the state's date. */
  time: number | null;
  /** The smallest group shown: a state's own threshold is never undercut. */
  minGroupSize: number;
}

/** The `--previous`, `--previous-template`, `--previous-weights` and `--trend` options of `kizuki report`. */
export interface PreviousOptions {
  files: string[];
  /** The template of each earlier wave; undefined: this wave's. */
  surveys: Array<Survey | undefined>;
  /** The weights of each earlier wave (a weights CSV or a column); undefined: `-` or not given. */
  weights: Array<string | undefined>;
  trend: string[];
}

/** How this wave is weighted, which decides how the earlier waves must be. */
export interface CurrentWeighting {
  weighted: boolean;
  /** `--weights COL`: the same column weights every earlier responses CSV. */
  column?: string;
}

/**
 * Reads the wave options; `--previous-template` and `--previous-weights` are each given once per
 * `--previous`, or not at all (`--previous-weights -` for a wave that needs none, such as a state).
 */
export async function waveOptions(
  context: CliContext,
  values: Record<string, unknown>,
): Promise<PreviousOptions> {
  const files = listOption(values, 'previous');
  const templates = listOption(values, 'previous-template');
  if (templates.length > 0 && templates.length !== files.length)
    throw new CliFailure(EXIT.usage, waveText[context.lang].templateCount(templates.length, files.length));
  const surveys: Array<Survey | undefined> = [];
  for (const template of templates) surveys.push(await resolveSurvey(context, template));
  const weightList = listOption(values, 'previous-weights');
  if (weightList.length > 0 && weightList.length !== files.length)
    throw new CliFailure(EXIT.usage, waveText[context.lang].weightsCount(weightList.length, files.length));
  const weights = weightList.map((w) => (w.trim() === '-' || w.trim() === '' ? undefined : w.trim()));
  const trend =
    typeof values.trend === 'string'
      ? values.trend
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
      : [];
  return { files, surveys, weights, trend };
}

/** A state file already read and checked, as a wave. */
export function stateWave(
  path: string,
  state: StateFile,
  survey: Survey,
  aggregator: Aggregator,
  minGroupSize: number,
): Wave {
  const time = state.waveDate === null ? Number.NaN : Date.parse(state.waveDate);
  return {
    path,
    survey,
    aggregator,
    tally: { rows: aggregator.responses, rejected: 0, blank: 0, fatal: false },
    ids: null,
    time: Number.isFinite(time) ? time : null,
    minGroupSize,
  };
}

/** Reads every earlier wave and compares this one with them (see {@link compareWithPrevious}). */
export async function wavesFor(
  context: CliContext,
  current: Wave,
  previous: PreviousOptions,
  options: ReadOptions & { gaps: GapRequest[]; weighting: CurrentWeighting },
): Promise<WhatChangedInput> {
  const t = waveText[context.lang];
  const keys = new Set(
    current.survey.template.sections.flatMap((s) =>
      s.questions.flatMap((q) => (q.type === 'matrix' ? q.items.map((i) => i.id) : [q.id])),
    ),
  );
  for (const id of previous.trend) if (!keys.has(id)) throw new CliFailure(EXIT.usage, t.badTrend(id));
  const { weighting } = options;
  if (!weighting.weighted && previous.weights.some((w) => w !== undefined))
    throw new CliFailure(EXIT.usage, t.weightsWithout);
  const waves: Wave[] = [];
  for (const [i, file] of previous.files.entries()) {
    const state = isStateFile(file);
    const option = previous.weights[i] ?? (state ? undefined : weighting.column);
    if (state && previous.weights[i] !== undefined) throw new CliFailure(EXIT.usage, t.stateWeights(file));
    if (weighting.weighted && !state && option === undefined)
      throw new CliFailure(EXIT.usage, t.needWeights(file));
    const weights =
      option === undefined ? undefined : await readWeightsOption(context, option, file, options.encoding);
    const wave = await readWave(context, previous.surveys[i] ?? current.survey, file, {
      ...options,
      ...(weights === undefined ? {} : { weights }),
    });
    // Weighted figures are compared with weighted figures only: an unweighted state cannot join.
    if (weighting.weighted && wave.aggregator.toJSON().weighted === undefined)
      throw new CliFailure(EXIT.invalid, t.unweightedState(file));
    if (!weighting.weighted && wave.aggregator.toJSON().weighted !== undefined)
      throw new CliFailure(EXIT.invalid, t.weightedState(file));
    waves.push(wave);
  }
  return compareWithPrevious(context, current, waves, {
    ...options,
    trend: previous.trend,
    weighted: weighting.weighted,
  });
}

interface ReadOptions {
  encoding: CsvEncoding;
  by: readonly string[];
  minGroupSize: number;
  /** Worker threads for a CSV file (`--jobs`); default one per core for files over 16 MB. */
  jobs?: number | undefined;
}

/** A state file (`.json`) rather than a responses file. */
function isStateFile(path: string): boolean {
  return path.toLowerCase().endsWith('.json');
}

/** Collects a wave's respondent ids and mean submission time as its responses are read. */
export function trackWave(): {
  observe: (response: SurveyResponse) => void;
  /** The same for a row the CSV fast path tallied. */
  observeRow: (respondentId: string, submittedAt: string) => void;
  ids: Set<string>;
  time(): number | null;
} {
  const ids = new Set<string>();
  let timeSum = 0;
  let timed = 0;
  const timeOf = createTimeReader();
  const observeRow = (respondentId: string, submittedAt: string) => {
    ids.add(respondentId);
    const time = timeOf(submittedAt);
    if (Number.isFinite(time)) {
      timeSum += time;
      timed += 1;
    }
  };
  return {
    ids,
    observe: (response) => observeRow(response.respondentId, response.meta.submittedAt),
    observeRow,
    time: () => (timed === 0 ? null : timeSum / timed),
  };
}

/**
 * Reads a wave from a responses file (keeping ids and dates; a large unweighted CSV file in worker
 * threads, as a single report reads it) or a state file (`.json`); every refusal names the file. With
 * `weights`, each response is added with its weight (taken as final weights: no strata or
 * calibration are known for an earlier wave).
 */
export async function readWave(
  context: CliContext,
  survey: Survey,
  path: string,
  options: ReadOptions & { weights?: WeightsRead },
): Promise<Wave> {
  const t = waveText[context.lang];
  if (isStateFile(path)) {
    const [named] = await readStateFiles(context, [path]);
    const state = named!.state;
    if (state.template.id !== survey.template.id)
      throw new CliFailure(EXIT.invalid, t.otherTemplate(path, state.template.id, survey.template.id));
    if (state.by.join(',') !== options.by.join(','))
      throw new CliFailure(EXIT.invalid, t.otherBy(path, state.by.join(', '), options.by.join(', ')));
    const aggregator = stateWork(() => stateAggregator(state, { survey, file: path, locale: context.lang }));
    return stateWave(path, state, survey, aggregator, Math.max(state.minGroupSize, options.minGroupSize));
  }
  const questions = new Set(survey.template.sections.flatMap((s) => s.questions.map((q) => q.id)));
  for (const id of options.by)
    if (!questions.has(id)) throw new CliFailure(EXIT.invalid, t.missingBy(path, id));
  const { aggregator, tally, ids, time } = await readWaveResponses(context, survey, path, options);
  // Another template's file reads as rows with (almost) nothing answered: refuse it rather than compare.
  const items = tally.fatal ? [] : aggregator.result({ minGroupSize: 1 }).items;
  const answered = items.filter((item) => (item.groups[0]?.n ?? 0) > 0).length;
  if (!tally.fatal && (tally.valid === 0 || tally.rejected > tally.valid || answered * 2 < items.length))
    throw new CliFailure(
      EXIT.invalid,
      t.notResponses(path, survey.template.id, answered, items.length, tally.rejected),
    );
  return {
    path,
    survey,
    aggregator,
    tally,
    ids,
    time,
    minGroupSize: options.minGroupSize,
  };
}

const WAVE_MAX_SHOWN = 20;

/** The responses of a wave tallied, with their ids and mean submission time (null when none has one). */
async function readWaveResponses(
  context: CliContext,
  survey: Survey,
  path: string,
  options: ReadOptions & { weights?: WeightsRead | undefined },
) {
  const settings = { by: [...options.by], minGroupSize: options.minGroupSize, locale: context.lang };
  // The same rule as a single report (threads for CSV files over 16 MB unless `--jobs 1`): on a
  // quiet machine it took two 1,000,000-row waves from 39 s to 26 s (docs/performance.md).
  if (options.weights === undefined && responseFormat(context, path) === 'csv') {
    const parallel = await readInParallel(context, survey, path, {
      encoding: options.encoding,
      settings,
      maxShown: WAVE_MAX_SHOWN,
      jobs: options.jobs,
      times: true,
    });
    if (parallel !== undefined) return parallel;
  }
  const weights = options.weights;
  const aggregator = createAggregator(survey, {
    ...settings,
    ...(weights === undefined ? {} : { design: {} }),
  });
  const track = trackWave();
  let used = 0;
  const tally = await readResponseFile(context, survey, path, {
    encoding: options.encoding,
    validate: validateWhenNeeded(survey, context.lang),
    onResponse: (response) => {
      track.observe(response);
      if (weights === undefined) {
        aggregator.add(response);
        return;
      }
      const w = weights.table.get(response.respondentId);
      if (w === undefined)
        throw new CliFailure(
          EXIT.invalid,
          designText[context.lang].noWeightFor(path, response.respondentId, weights.from),
        );
      aggregator.add(response, w);
      used += 1;
    },
    fast: weights === undefined ? compileFastRows(survey, aggregator, track.observeRow) : undefined,
    problemsTo: 'stderr',
    maxShown: WAVE_MAX_SHOWN,
  });
  if (weights !== undefined && weights.table.size > used)
    context.err(designText[context.lang].unusedWeights(weights.from, weights.table.size - used));
  return { aggregator, tally, ids: setWaveIds(track.ids), time: track.time() };
}

/**
 * The "What changed" input from the current wave and the earlier ones: checks that they belong
 * together (same template or a version of it, same grouping, earlier dates), puts them in date
 * order, judges comparability across versions, and uses the respondents linked between the last
 * earlier wave and this one: in pairs when the waves are a panel, with every response and the pairs'
 * covariance when only some are linked. Notices go to standard error and into the report.
 */
export async function compareWithPrevious(
  context: CliContext,
  current: Wave,
  previous: readonly Wave[],
  options: ReadOptions & { gaps: GapRequest[]; trend: string[]; weighted?: boolean },
): Promise<WhatChangedInput> {
  const t = waveText[context.lang];
  const notices: string[] = [];
  const day = (time: number) => new Date(time).toISOString().slice(0, 10);
  // Order: by date where every earlier wave has one; nothing may be later than this wave.
  let ordered = [...previous];
  for (const wave of previous) {
    if (wave.time === null) notices.push(t.noDate(wave.path));
    else if (current.time !== null && wave.time > current.time)
      throw new CliFailure(
        EXIT.invalid,
        t.laterThanCurrent(wave.path, day(wave.time), current.path, day(current.time)),
      );
  }
  if (previous.every((w) => w.time !== null)) {
    ordered = [...previous].sort((a, b) => a.time! - b.time!);
    if (ordered.some((w, i) => w !== previous[i]))
      notices.push(t.reordered(ordered.map((w) => w.path).join(' → ')));
  }

  const minGroupSize = Math.max(current.minGroupSize, ...ordered.map((w) => w.minGroupSize));
  const waves: ReportWave[] = ordered.map((wave) => {
    const wave0: ReportWave = {
      label: waveLabel(wave),
      result: resultOf(wave, options.gaps, minGroupSize, context),
    };
    if (wave.survey.hash === current.survey.hash) return wave0;
    const comparison = compareTemplates(wave.survey.template, current.survey.template);
    if (!comparison.related)
      throw new CliFailure(
        EXIT.invalid,
        t.otherTemplate(wave.path, wave.survey.template.id, current.survey.template.id),
      );
    const blocked = comparison.results.filter((r) => !r.previousWave.comparable).length;
    if (blocked > 0) notices.push(t.versions(wave.path, blocked));
    return { ...wave0, verdicts: comparison.results };
  });

  const input: WhatChangedInput = {
    previous: waves,
    label: waveLabel(current),
    trendItems: options.trend,
    notices,
  };
  const last = ordered[ordered.length - 1]!;
  if (last.ids !== null && current.ids !== null) {
    const linked = countLinked(last.ids, current.ids);
    const panel = linked >= PANEL_SHARE * last.ids.size && linked >= PANEL_SHARE * current.ids.size;
    if (linked > 0 && options.weighted) {
      // The paired and overlapping tests are unweighted; weighted waves are compared as independent
      // weighted samples, which overstates the variance when answers correlate over time (conservative).
      input.linked = linked;
      notices.push(t.weightedPanel(linked));
    } else if (panel && linked > 0) {
      input.paired = await linkWaves(context, current, last, options, minGroupSize, 'paired');
      context.err(t.paired(input.paired.all.pairs));
    } else if (linked > 0) {
      input.overlapping = await linkWaves(context, current, last, options, minGroupSize, 'overlapping');
      const { all } = input.overlapping;
      context.err(t.mixed(all.linked, all.responses.before, all.responses.after));
    }
  }
  for (const notice of notices) context.err(notice);
  return input;
}

/** How the report names a wave: its month when the data say, else the file name. */
function waveLabel(wave: Wave): string {
  return wave.time === null ? basename(wave.path) : new Date(wave.time).toISOString().slice(0, 7);
}

function resultOf(
  wave: Wave,
  gaps: GapRequest[],
  minGroupSize: number,
  context: CliContext,
): AggregateResult {
  try {
    return wave.aggregator.result({ gaps, minGroupSize, locale: context.lang });
  } catch (error) {
    // The gap's groups can be missing from an earlier wave; its other results still compare.
    if (error instanceof ScoringError) return wave.aggregator.result({ minGroupSize, locale: context.lang });
    throw error;
  }
}

/** The comparison of linked waves, by kind. */
interface Linked {
  paired: PairedComparison;
  overlapping: OverlappingComparison;
}

/**
 * The comparison of the last earlier wave and this one using the respondents linked between them:
 * `paired` (a panel: the pairs only) or `overlapping` (every response and the pairs' covariance);
 * for everyone, and for each category of the first grouping question (a pair by this wave's answer,
 * a response of either wave by its own answer).
 */
async function linkWaves<K extends keyof Linked>(
  context: CliContext,
  current: Wave,
  last: Wave,
  options: ReadOptions,
  minGroupSize: number,
  kind: K,
): Promise<{ all: Linked[K]; groups: Record<string, Linked[K]> }> {
  const keep = async (wave: Wave) => {
    const responses: SurveyResponse[] = [];
    await readResponseFile(context, wave.survey, wave.path, {
      encoding: options.encoding,
      validate: createResponseValidator(wave.survey, { locale: context.lang }),
      onResponse: (r) => responses.push(r),
      problemsTo: 'stderr',
      maxShown: 0,
    });
    return responses;
  };
  const survey = current.survey;
  // An earlier version's answers are read with this version's codes; results that changed meaning
  // are left out of the report by the comparability verdicts.
  const before = (await keep(last)).map((r) => ({ ...r, templateId: survey.template.id }));
  const after = await keep(current);
  const partner = new Map(before.map((r) => [r.respondentId, r]));
  const pairs = after.flatMap((r) => {
    const b = partner.get(r.respondentId);
    return b === undefined ? [] : [[b, r] as const];
  });
  const common = { survey, minGroupSize, locale: context.lang };
  const compare = (b: SurveyResponse[], a: SurveyResponse[], p: typeof pairs): Linked[K] =>
    (kind === 'paired'
      ? comparePaired({ ...common, pairs: p })
      : compareOverlapping({ ...common, before: b, after: a })) as Linked[K];
  const all =
    kind === 'paired'
      ? ({
          ...comparePaired({ ...common, pairs }),
          unmatched: { before: before.length - pairs.length, after: after.length - pairs.length },
        } as Linked[K])
      : compare(before, after, pairs);
  const groups: Record<string, Linked[K]> = {};
  const by = options.by[0];
  if (by !== undefined) {
    const codes = new Set(after.map((a) => a.answers[by]).filter((c): c is number => typeof c === 'number'));
    for (const code of codes) {
      const subset = pairs.filter(([, a]) => a.answers[by] === code);
      const b = before.filter((r) => r.answers[by] === code);
      const a = after.filter((r) => r.answers[by] === code);
      // A group too small to show is not compared at all, as the report hides small groups.
      if (kind === 'paired' ? subset.length >= minGroupSize : Math.min(a.length, b.length) >= minGroupSize)
        groups[`${by}=${code}`] = compare(b, a, subset);
    }
  }
  return { all, groups };
}
