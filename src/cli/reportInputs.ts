import { existsSync } from 'node:fs';
import { jsonNestingDepth } from '../core/jsonNestingDepth.js';
import {
  type Margin,
  type RateSummary,
  responseRates,
  type WeightDiagnostics,
  weightDiagnostics,
} from '../design/index.js';
import { unguardFormula } from '../io/csv/guardFormula.js';
import type { CsvEncoding } from '../io/index.js';
import { localText } from '../io/localText.js';
import type { WhoAnswered } from '../report/index.js';
import type { LocalisedText, Survey, SurveyResponse } from '../schema/index.js';
import { type Aggregator, createAggregator, type EstimationDesign, ScoringError } from '../scoring/index.js';
import { createResponseValidator } from '../validate/index.js';
import { type AggregateTally, aggregateResponses } from './aggregateResponses.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import { type DesignCsv, readDesignCsv, runDesign } from './designCsv.js';
import { designText } from './designText.js';
import { readTextFile, resolvePath } from './fileAccess.js';
import { choice, pick } from './optionValues.js';
import { readMargins } from './readMargins.js';
import { readResponseFile, responseFormat } from './readResponseFile.js';

/** The options `kizuki report` takes for weights and the "Who answered" section. */
export const REPORT_INPUT_OPTIONS = {
  weights: { type: 'string' },
  'weight-method': { type: 'string' },
  dispositions: { type: 'string' },
  margins: { type: 'string' },
  design: { type: 'string' },
  strata: { type: 'string' },
  'lonely-psu': { type: 'string' },
} as const;

/** Weights, dispositions and population margins given to `kizuki report`, read and checked. */
export interface ReportInputs {
  /** Respondent id → weight; undefined when unweighted. */
  weights?: Map<string, number>;
  weightsFrom: string;
  /** The responses' column the weights came from (`--weights COL`); such a column weights every wave. */
  weightColumn?: string;
  design?: EstimationDesign;
  dispositions?: { file: string; csv: DesignCsv };
  margins?: Margin[];
  /** The questions of the "Who answered" cross (such as sex and age band). */
  variables: string[];
}

const METHODS = ['rake', 'poststratify', 'linear', 'raking', 'none'] as const;
const LONELY_PSU = ['fail', 'certainty', 'adjust', 'average'] as const;
/** design.json is a few levels deep; anything deeper is not one. */
const MAX_DESIGN_DEPTH = 8;

/**
 * Reads `--weights FILE|COLUMN`, `--weight-method`, `--dispositions` and `--margins`; undefined when
 * none is given, so the report reads responses as before. Weights come from a CSV with
 * `respondentId` and `weight` columns (what `kizuki weights` writes from a responses CSV), or from a
 * column of the responses CSV itself; either way joined to the responses by respondent id.
 */
export async function readReportInputs(
  context: CliContext,
  survey: Survey,
  values: Record<string, string | boolean | undefined>,
  responsesFile: string | undefined,
  encoding: CsvEncoding,
): Promise<ReportInputs | undefined> {
  const words = designText[context.lang];
  const given = (name: string) =>
    typeof values[name] === 'string' && values[name] !== '' ? (values[name] as string) : undefined;
  const weightsOption = given('weights');
  const dispositionsFile = given('dispositions');
  const marginsFile = given('margins');
  if (weightsOption === undefined && dispositionsFile === undefined && marginsFile === undefined)
    return undefined;
  if (responsesFile === undefined) throw new CliFailure(EXIT.usage, words.reportNeedsResponses);
  const inputs: ReportInputs = { weightsFrom: '', variables: [] };
  const singles = singleQuestions(survey);
  if (marginsFile !== undefined) inputs.margins = await readMargins(context, marginsFile, encoding);
  if (weightsOption !== undefined) {
    const read = await readWeightsOption(context, weightsOption, responsesFile, encoding);
    inputs.weightsFrom = read.from;
    inputs.weights = read.table;
    if (read.column !== undefined) inputs.weightColumn = read.column;
    const method = choice(
      context,
      'weight-method',
      values['weight-method'],
      METHODS,
      inputs.margins === undefined ? 'none' : 'rake',
    );
    const calibrated = (inputs.margins ?? []).flatMap((m) =>
      'variable' in m ? [m.variable] : [...m.variables],
    );
    const unknown = calibrated.filter((v) => !singles.has(v));
    if (method !== 'none' && unknown.length > 0)
      throw new CliFailure(EXIT.invalid, words.marginNotQuestion(marginsFile ?? '', unknown.join(', ')));
    inputs.design =
      method === 'none' || calibrated.length === 0
        ? {}
        : { calibration: { method, variables: [...new Set(calibrated)] } };
  }
  const designFile = given('design');
  const strata = given('strata');
  const lonely = given('lonely-psu');
  if (designFile !== undefined || strata !== undefined || lonely !== undefined) {
    if (inputs.design === undefined) throw new CliFailure(EXIT.usage, words.designNeedsWeights);
    const sampled = designFile === undefined ? undefined : await readSampleDesign(context, designFile);
    const question = strata ?? (sampled?.strata.length === 1 ? sampled.strata[0] : undefined);
    if (question !== undefined) {
      if (!singles.has(question)) throw new CliFailure(EXIT.usage, words.designStrataNotQuestion(question));
      inputs.design.strata = question;
    }
    if (sampled !== undefined)
      inputs.design.fpc = populationSizes(context, survey, designFile!, sampled.allocations, question);
    if (lonely !== undefined)
      inputs.design.lonelyPsu = choice(context, 'lonely-psu', lonely, LONELY_PSU, 'fail');
  }
  if (dispositionsFile !== undefined)
    inputs.dispositions = {
      file: dispositionsFile,
      csv: await readDesignCsv(context, dispositionsFile, ['disposition'], encoding),
    };
  inputs.variables = whoVariables(inputs.margins, singles);
  return inputs;
}

/**
 * A scoring failure while the report estimates, said as the CLI says it: a stratum of one
 * respondent is named by its option label and code, with the `--lonely-psu` option to give (the
 * library's message names the API's `design.lonelyPsu`); other scoring issues keep their message.
 * Any other error comes back as it is, to be thrown.
 */
export function estimationFailure(
  context: CliContext,
  survey: Survey,
  inputs: ReportInputs | undefined,
  error: unknown,
): unknown {
  if (!(error instanceof ScoringError)) return error;
  const issue = error.issues[0];
  if (issue?.code === 'lonely_psu' && inputs?.design !== undefined) {
    const question = inputs.design.strata;
    const code = String(issue.params?.stratum ?? '');
    const option =
      question === undefined ? undefined : optionsOf(survey, question).find((o) => String(o.code) === code);
    const label = option === undefined ? code : localText(option.label, context.lang);
    return new CliFailure(EXIT.invalid, designText[context.lang].lonelyStratum(label, code, question));
  }
  return new CliFailure(EXIT.invalid, error.issues.map((i) => i.message).join('\n'));
}

/** What `kizuki report` needs of the design.json that `kizuki sample` writes. */
interface SampleDesignFile {
  strata: string[];
  allocations: Array<{ stratum: string; size: number }>;
}

/** Reads design.json (kizuki sample's design): its strata and each stratum's population size N_h. */
async function readSampleDesign(context: CliContext, file: string): Promise<SampleDesignFile> {
  const words = designText[context.lang];
  const text = await readTextFile(context, file);
  const bad = (detail: string): never => {
    throw new CliFailure(EXIT.invalid, words.designBad(file, detail));
  };
  let value: unknown;
  if (jsonNestingDepth(text) > MAX_DESIGN_DEPTH) bad('nesting');
  try {
    value = JSON.parse(text);
  } catch {
    bad('JSON');
  }
  const record = (v: unknown): Record<string, unknown> | undefined =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  const design = record(value) ?? bad('{ strata, allocations }');
  const strata = Object.hasOwn(design, 'strata') ? design.strata : undefined;
  if (!Array.isArray(strata) || !strata.every((v) => typeof v === 'string')) bad('strata');
  const allocations = Object.hasOwn(design, 'allocations') ? design.allocations : undefined;
  if (!Array.isArray(allocations) || allocations.length === 0) bad('allocations');
  return {
    strata: strata as string[],
    allocations: (allocations as unknown[]).map((entry, i) => {
      const a = record(entry);
      const stratum = a && Object.hasOwn(a, 'stratum') ? a.stratum : undefined;
      const size = a && Object.hasOwn(a, 'size') ? a.size : undefined;
      if (typeof stratum !== 'string' || typeof size !== 'number' || !(size > 0 && size < Infinity))
        bad(`allocations[${i}]`);
      return { stratum: stratum as string, size: size as number };
    }),
  };
}

/**
 * Population size per stratum, keyed as scoring sees the stratum question's answers (the option
 * code as text). A frame may hold the code or the option's label; without strata, the whole frame.
 */
function populationSizes(
  context: CliContext,
  survey: Survey,
  file: string,
  allocations: SampleDesignFile['allocations'],
  question: string | undefined,
): Record<string, number> {
  const words = designText[context.lang];
  if (question === undefined) return { '': allocations.reduce((sum, a) => sum + a.size, 0) };
  const options = optionsOf(survey, question);
  const sizes: Array<[string, number]> = allocations.map(({ stratum, size }) => {
    const option = options.find(
      (o) => String(o.code) === stratum || Object.values(o.label).some((label) => label === stratum),
    );
    if (option === undefined)
      throw new CliFailure(EXIT.invalid, words.designStratumUnknown(file, stratum, question));
    return [String(option.code), size];
  });
  // fromEntries defines own properties, so a stratum called "__proto__" stays a stratum.
  return Object.fromEntries(sizes);
}

/** The options of a single-choice question. */
function optionsOf(survey: Survey, id: string): Array<{ code: number; label: LocalisedText }> {
  for (const section of survey.template.sections)
    for (const q of section.questions) if (q.id === id && q.type === 'single') return q.options;
  return [];
}

/** Single-choice questions of the template: id → its option codes. */
function singleQuestions(survey: Survey): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const section of survey.template.sections)
    for (const q of section.questions)
      if (q.type === 'single')
        out.set(
          q.id,
          q.options.map((o) => o.code),
        );
  return out;
}

/**
 * The cross shown in "Who answered": the first crossed margin made of questions, else the first
 * one or two single margins that are questions, else sex × age band when the template asks them.
 */
function whoVariables(margins: readonly Margin[] | undefined, singles: Map<string, number[]>): string[] {
  const variables = (margins ?? []).map((m) => ('variable' in m ? [m.variable] : [...m.variables]));
  const cross = variables.find((v) => v.length > 1 && v.length <= 2 && v.every((id) => singles.has(id)));
  if (cross !== undefined) return cross;
  const single = variables.filter((v) => v.length === 1 && singles.has(v[0]!)).map((v) => v[0]!);
  if (single.length > 0) return single.slice(0, 2);
  return ['sex', 'age_band'].filter((id) => singles.has(id));
}

/** Weights read for one responses file, and where they came from. */
export interface WeightsRead {
  table: Map<string, number>;
  /** The file the weights were read from (a weights CSV, or the responses CSV itself). */
  from: string;
  /** Set when the option named a column of the responses CSV. */
  column?: string;
}

/**
 * Reads a `--weights`-style option for `responsesFile`: a CSV of `respondentId,weight` when the
 * option is a `.csv`/`.txt` name or an existing file, else a column of the responses CSV.
 */
export async function readWeightsOption(
  context: CliContext,
  option: string,
  responsesFile: string,
  encoding: CsvEncoding,
): Promise<WeightsRead> {
  const asFile = /\.(csv|txt)$/i.test(option) || existsSync(resolvePath(context, option));
  if (!asFile && responseFormat(context, responsesFile) !== 'csv')
    throw new CliFailure(EXIT.usage, designText[context.lang].weightColumnNeedsCsv(option));
  const from = asFile ? option : responsesFile;
  const column = asFile ? 'weight' : option;
  const table = await readWeightTable(context, from, column, encoding);
  return asFile ? { table, from } : { table, from, column };
}

/** A CSV's `respondentId` → weight, every weight positive and finite and every id once. */
async function readWeightTable(
  context: CliContext,
  file: string,
  column: string,
  encoding: CsvEncoding,
): Promise<Map<string, number>> {
  const words = designText[context.lang];
  const csv = await readDesignCsv(context, file, ['respondentId', column], encoding);
  const weights = new Map<string, number>();
  const lines = new Map<string, number>();
  csv.rows.forEach((row, i) => {
    // Data rows start on file line 2, under the header.
    const line = i + 2;
    // Ids such as "-x…" were written with a leading ' so that spreadsheets keep them as text.
    const id = unguardFormula(row.respondentId?.trim() ?? '');
    const text = row[column]?.trim() ?? '';
    const w = text === '' ? Number.NaN : Number(text);
    if (id === '') throw new CliFailure(EXIT.invalid, words.weightNoId(file, line));
    if (!(Number.isFinite(w) && w > 0))
      throw new CliFailure(EXIT.invalid, words.badWeight(file, line, column, text));
    const first = lines.get(id);
    if (first !== undefined) throw new CliFailure(EXIT.invalid, words.weightTwice(file, first, line, id));
    lines.set(id, line);
    weights.set(id, w);
  });
  return weights;
}

/** What reading the responses with the report's inputs gave. */
export interface InputsAggregate {
  aggregator: Aggregator;
  tally: AggregateTally;
  whoAnswered?: WhoAnswered;
}

/**
 * Reads and tallies the responses, weighted when weights were given (in this thread: each response
 * needs its weight), and builds the "Who answered" data. Without inputs, reads as `kizuki report`
 * always has.
 */
export async function aggregateWithInputs(
  context: CliContext,
  survey: Survey,
  file: string,
  options: {
    encoding: CsvEncoding;
    by: string[];
    minGroupSize: number;
    jobs: number | undefined;
    /** Sees every accepted response (with inputs only: the plain path may read in workers). */
    observe?: (response: SurveyResponse) => void;
  },
  inputs: ReportInputs | undefined,
): Promise<InputsAggregate> {
  if (inputs === undefined) return aggregateResponses(context, survey, file, options);
  const words = designText[context.lang];
  const aggregator = createAggregator(survey, {
    by: options.by,
    minGroupSize: options.minGroupSize,
    locale: context.lang,
    ...(inputs.design === undefined ? {} : { design: inputs.design }),
  });
  const tally = createCellTally(survey, inputs.variables);
  const weights = inputs.weights;
  const used: number[] = [];
  const validate = createResponseValidator(survey, { locale: context.lang });
  const read = await readResponseFile(context, survey, file, {
    encoding: options.encoding,
    validate,
    problemsTo: 'stderr',
    maxShown: 100,
    onResponse: (response) => {
      options.observe?.(response);
      if (weights === undefined) {
        aggregator.add(response);
        tally.add(response, null);
        return;
      }
      const w = weights.get(response.respondentId);
      if (w === undefined)
        throw new CliFailure(
          EXIT.invalid,
          words.noWeightFor(file, response.respondentId, inputs.weightsFrom),
        );
      try {
        aggregator.add(response, w);
      } catch (error) {
        // Such as a respondent without an answer to a calibration variable: name who it was.
        if (!(error instanceof ScoringError)) throw error;
        throw new CliFailure(EXIT.invalid, words.responseRefused(file, response.respondentId, error.message));
      }
      tally.add(response, w);
      used.push(w);
    },
  });
  if (weights !== undefined && weights.size > used.length)
    context.err(words.unusedWeights(inputs.weightsFrom, weights.size - used.length));
  const whoAnswered = buildWhoAnswered(context, survey, {
    variables: inputs.variables,
    tally,
    ...(inputs.dispositions === undefined ? {} : { dispositions: inputs.dispositions }),
    ...(inputs.margins === undefined ? {} : { margins: inputs.margins }),
    ...(used.length === 0 ? {} : { weights: weightDiagnostics({ weights: used, locale: context.lang }) }),
  });
  return { aggregator, tally: read, ...(whoAnswered === undefined ? {} : { whoAnswered }) };
}

/** Respondents and the sum of their weights per cell of the "Who answered" cross. */
export interface CellTally {
  add(response: SurveyResponse, weight: number | null): void;
  /** JSON of the cell's codes → respondents and Σw. */
  readonly cells: Map<string, { respondents: number; weighted: number }>;
}

/** Counts respondents per cell of `variables` as they are added (those without an answer are not in any cell). */
export function createCellTally(survey: Survey, variables: readonly string[]): CellTally {
  const cells = new Map<string, { respondents: number; weighted: number }>();
  const known = singleQuestions(survey);
  return {
    cells,
    add(response, weight) {
      const levels: number[] = [];
      for (const v of variables) {
        const code = Object.hasOwn(response.answers, v) ? response.answers[v] : undefined;
        if (typeof code !== 'number' || !known.get(v)?.includes(code)) return;
        levels.push(code);
      }
      const key = JSON.stringify(levels);
      const cell = cells.get(key) ?? { respondents: 0, weighted: 0 };
      cell.respondents += 1;
      cell.weighted += weight ?? 0;
      cells.set(key, cell);
    },
  };
}

/**
 * The "Who answered" data: every cell of the cross with its sample (from the dispositions' columns),
 * respondents and weighted total (from the tally) and population (from a margin over exactly those
 * variables); response rates overall and per `stratum` when the dispositions have that column.
 */
export function buildWhoAnswered(
  context: CliContext,
  survey: Survey,
  input: {
    variables: string[];
    tally: CellTally;
    dispositions?: { file: string; csv: DesignCsv };
    margins?: readonly Margin[];
    weights?: WeightDiagnostics;
  },
): WhoAnswered | undefined {
  const words = designText[context.lang];
  const singles = singleQuestions(survey);
  const { variables } = input;
  // Without a cross to show, the section still carries the response rates when there are dispositions.
  if (variables.length === 0 && input.dispositions === undefined) return undefined;
  const codeOf = (where: string, variable: string, text: string): number => {
    const code = Number(text.trim());
    if (text.trim() === '' || !singles.get(variable)!.includes(code))
      throw new CliFailure(EXIT.invalid, words.notACode(where, variable, text));
    return code;
  };
  const keyOf = (levels: readonly number[]) => JSON.stringify(levels);
  let sample: Map<string, number> | undefined;
  const dispositions = input.dispositions;
  if (dispositions !== undefined && variables.every((v) => dispositions.csv.fields.includes(v))) {
    sample = new Map();
    dispositions.csv.rows.forEach((row, i) => {
      const where = words.at(dispositions.file, i + 2, i + 1);
      const key = keyOf(variables.map((v) => codeOf(where, v, row[v] ?? '')));
      sample!.set(key, (sample!.get(key) ?? 0) + 1);
    });
  }
  let population: Map<string, number> | undefined;
  const margin = (input.margins ?? []).find((m) => {
    const vs = 'variable' in m ? [m.variable] : m.variables;
    return vs.length === variables.length && vs.every((v, i) => v === variables[i]);
  });
  if (margin !== undefined) {
    population = new Map();
    const cells =
      'variable' in margin
        ? Object.entries(margin.totals).map(([level, total]) => ({ levels: [level], total }))
        : margin.cells;
    for (const cell of cells) {
      const key = keyOf(cell.levels.map((level, i) => codeOf('--margins', variables[i]!, level)));
      population.set(key, cell.total);
    }
  }
  // Every combination of the questions' codes, in option order.
  let combos: number[][] = variables.length === 0 ? [] : [[]];
  for (const v of variables) combos = combos.flatMap((c) => singles.get(v)!.map((code) => [...c, code]));
  const cells = combos
    .map((levels) => {
      const key = keyOf(levels);
      const counted = input.tally.cells.get(key);
      return {
        levels,
        sample: sample === undefined ? null : (sample.get(key) ?? 0),
        respondents: counted?.respondents ?? 0,
        weighted: input.weights === undefined ? null : (counted?.weighted ?? 0),
        population: population === undefined ? null : (population.get(key) ?? 0),
      };
    })
    // A code nobody has anywhere (such as "prefer not to say" in a register) is left out.
    .filter((c) => c.respondents > 0 || (c.sample ?? 0) > 0 || (c.population ?? 0) > 0);
  const out: WhoAnswered = { variables, cells };
  if (dispositions !== undefined) {
    const byStratum = dispositions.csv.fields.includes('stratum');
    const rates = runDesign(context, dispositions.file, () =>
      responseRates({
        records: dispositions.csv.rows,
        disposition: 'disposition',
        ...(dispositions.csv.fields.includes('code') ? { code: 'code' } : {}),
        by: byStratum ? [['stratum']] : [],
        locale: context.lang,
      }),
    );
    // Strata that are the codes of a question (such as area) are shown by the option's label.
    const rows = dispositions.csv.rows;
    const named = dispositions.csv.fields.find(
      (f) => f !== 'stratum' && singles.has(f) && rows.every((r) => r.stratum === r[f]),
    );
    const labelOf = (label: string) => {
      const option =
        named === undefined ? undefined : optionsOf(survey, named).find((o) => String(o.code) === label);
      return option === undefined ? label : pick(option.label, context.lang);
    };
    out.rates = {
      overall: rates.overall,
      groups: (rates.breakdowns[0]?.groups ?? []).map((g) => ({
        label: labelOf(g.label),
        summary: g as RateSummary,
      })),
    };
  }
  if (input.weights !== undefined) out.weights = input.weights;
  return out;
}
