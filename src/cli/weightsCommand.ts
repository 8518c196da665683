import {
  adjustNonresponse,
  calibrate,
  poststratify,
  rake,
  type TrimOptions,
  type WeightDiagnostics,
  type WeightingResult,
} from '../design/index.js';
import { formatFixed } from '../report/formatFixed.js';
import { requiredOut } from './aggregateCommand.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { createProgress } from './createProgress.js';
import { alignTable, listOption, readDesignCsv, runDesign, toCsv } from './designCsv.js';
import { designText } from './designText.js';
import { writeTextFile } from './fileAccess.js';
import { choice, encodingOption } from './optionValues.js';
import { readMargins } from './readMargins.js';

/** `kizuki weights RESPONSES.csv --margins POPULATION.csv --out FILE`: weights the responses to the population. */
export const weightsCommand: Command = {
  name: 'weights',
  help: { ja: designText.ja.weightsHelp, en: designText.en.weightsHelp },
  options: {
    margins: { type: 'string' },
    method: { type: 'string' },
    'weight-column': { type: 'string' },
    trim: { type: 'string' },
    responded: { type: 'string' },
    classes: { type: 'string' },
    encoding: { type: 'string' },
    out: { type: 'string' },
  },
  positionals: ['RESPONSES'],
  async run(context, values, [file]) {
    const words = designText[context.lang];
    const out = requiredOut(context, 'weights', values.out);
    const encoding = encodingOption(context, values.encoding);
    const responded =
      typeof values.responded === 'string' && values.responded !== '' ? values.responded : undefined;
    const classes = listOption(values.classes);
    if (responded !== undefined && classes.length === 0) throw new CliFailure(EXIT.usage, words.needClasses);
    if ((typeof values.margins !== 'string' || values.margins === '') && responded === undefined)
      throw new CliFailure(EXIT.usage, words.needMargins);
    const method = choice(
      context,
      'method',
      values.method,
      ['rake', 'poststratify', 'linear'] as const,
      'rake',
    );
    const trim = values.trim === undefined ? undefined : trimOption(context, String(values.trim));
    const weight = typeof values['weight-column'] === 'string' ? values['weight-column'] : undefined;
    const margins =
      typeof values.margins === 'string' && values.margins !== ''
        ? await readMargins(context, values.margins, encoding)
        : [];
    if (method === 'poststratify' && margins.length > 1)
      throw new CliFailure(EXIT.usage, words.poststratifyOne(margins.length));
    const variables = margins.flatMap((margin) =>
      'variable' in margin ? [margin.variable] : margin.variables,
    );
    const needed = [...variables, ...classes, ...(weight ? [weight] : []), ...(responded ? [responded] : [])];
    const responses = await readDesignCsv(context, file!, needed, encoding);
    let rows = responses.rows;
    let start: number[] | undefined;
    if (responded !== undefined) {
      // Respondents first carry the base weight of everyone sampled in their class, then calibrate.
      const adjusted = runDesign(context, file!, () =>
        adjustNonresponse({
          records: responses.rows,
          responded,
          classes,
          locale: context.lang,
          ...(weight ? { weight } : {}),
        }),
      );
      context.out(
        words.adjusted(adjusted.respondents.length, responses.rows.length, adjusted.factors.length),
      );
      rows = adjusted.respondents.map((row) => responses.rows[row]!);
      start = adjusted.respondents.map((row) => adjusted.weights[row]!);
    }
    const common = {
      records: rows,
      locale: context.lang,
      ...(start !== undefined ? { weight: start } : weight ? { weight } : {}),
      ...(trim === undefined ? {} : { trim }),
    };
    // Raking a large file takes cycles over every row: a bar with the cycle and the deviation left.
    const raking = createProgress(context.io, context.text.progress.raking, 0, (cycle) => `${cycle}`);
    const result: WeightingResult | undefined =
      margins.length === 0
        ? undefined
        : runDesign(context, file!, () => {
            try {
              return method === 'rake'
                ? rake({ ...common, margins, onCycle: (cycle) => raking.update(cycle) })
                : method === 'poststratify'
                  ? poststratify({ ...common, cells: margins[0]! })
                  : calibrate({ ...common, calfun: 'linear', margins });
            } finally {
              raking.finish();
            }
          });
    const final = result?.weights ?? start!;
    const columns = responses.fields.includes('weight') ? responses.fields : [...responses.fields, 'weight'];
    await writeTextFile(
      context,
      out,
      toCsv(
        columns,
        rows.map((row, i) => ({ ...row, weight: final[i] })),
      ),
    );
    context.out(words.weightsDone(out, final.length));
    if (result === undefined) return EXIT.ok;
    if (result.trim !== undefined)
      context.out(
        words.trimmed(result.trim.trimmed, result.trim.lower, result.trim.upper, result.trim.rounds),
      );
    context.out(diagnosticsTable(context, result.before, result.diagnostics));
    return EXIT.ok;
  },
};

/** Before and after: n, sum, min, max, Kish's effective n and design effect. */
function diagnosticsTable(context: CliContext, before: WeightDiagnostics, after: WeightDiagnostics): string {
  const words = designText[context.lang];
  const rows: Array<[string, (d: WeightDiagnostics) => number]> = [
    [words.diagN, (d) => d.n],
    [words.diagSum, (d) => d.sum],
    [words.diagMin, (d) => d.min],
    [words.diagMax, (d) => d.max],
    [words.diagNEff, (d) => d.nEffective],
    [words.diagDeff, (d) => d.designEffect],
  ];
  const cells = [
    ['', words.before, words.after],
    ...rows.map(([label, get], i) =>
      // The first row counts responses; the others are weights.
      [label, ...[before, after].map((d) => (i === 0 ? String(get(d)) : formatFixed(get(d), 3)))],
    ),
  ];
  return alignTable(cells);
}

/**
 * `--trim 0.3,3.5` (absolute bounds) or `--trim 0.3x,3.5x` (multiples of the median weight); either
 * bound may be left out (`--trim ,5x`).
 */
function trimOption(context: CliContext, value: string): TrimOptions {
  const words = designText[context.lang];
  const parts = value.split(',').map((part) => part.trim());
  const relative = parts.some((part) => part.endsWith('x'));
  const numbers = parts.map((part) => (part === '' ? undefined : Number(part.replace(/x$/, ''))));
  const [lower, upper] = numbers;
  if (
    parts.length !== 2 ||
    (lower === undefined && upper === undefined) ||
    numbers.some((n) => n !== undefined && !(Number.isFinite(n) && n >= 0)) ||
    parts.some((part) => part !== '' && part.endsWith('x') !== relative) ||
    (lower !== undefined && upper !== undefined && lower > upper)
  )
    throw new CliFailure(EXIT.usage, words.badTrim(value));
  return {
    ...(lower === undefined ? {} : { lower }),
    ...(upper === undefined ? {} : { upper }),
    relative: relative ? 'median' : 'absolute',
  };
}
