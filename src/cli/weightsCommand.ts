import {
  calibrate,
  poststratify,
  rake,
  type WeightDiagnostics,
  type WeightingResult,
} from '../design/index.js';
import { requiredOut } from './aggregateCommand.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { alignTable, readDesignCsv, runDesign, toCsv } from './designCsv.js';
import { designText } from './designText.js';
import { writeTextFile } from './fileAccess.js';
import { choice } from './optionValues.js';
import { readMargins } from './readMargins.js';

/** `kizuki weights RESPONSES.csv --margins POPULATION.csv --out FILE`: weights the responses to the population. */
export const weightsCommand: Command = {
  name: 'weights',
  help: { ja: designText.ja.weightsHelp, en: designText.en.weightsHelp },
  options: {
    margins: { type: 'string' },
    method: { type: 'string' },
    'weight-column': { type: 'string' },
    out: { type: 'string' },
  },
  positionals: ['RESPONSES'],
  async run(context, values, [file]) {
    const words = designText[context.lang];
    const out = requiredOut(context, 'weights', values.out);
    if (typeof values.margins !== 'string' || values.margins === '')
      throw new CliFailure(EXIT.usage, words.needMargins);
    const method = choice(
      context,
      'method',
      values.method,
      ['rake', 'poststratify', 'linear'] as const,
      'rake',
    );
    const weight = typeof values['weight-column'] === 'string' ? values['weight-column'] : undefined;
    const margins = await readMargins(context, values.margins);
    if (method === 'poststratify' && margins.length !== 1)
      throw new CliFailure(EXIT.usage, words.poststratifyOne(margins.length));
    const variables = margins.map((margin) => ('variable' in margin ? margin.variable : ''));
    const responses = await readDesignCsv(context, file!, [...variables, ...(weight ? [weight] : [])]);
    const common = { records: responses.rows, locale: context.lang, ...(weight ? { weight } : {}) };
    const result: WeightingResult = runDesign(context, file!, () =>
      method === 'rake'
        ? rake({ ...common, margins })
        : method === 'poststratify'
          ? poststratify({ ...common, cells: margins[0]! })
          : calibrate({ ...common, calfun: 'linear', margins }),
    );
    const columns = responses.fields.includes('weight') ? responses.fields : [...responses.fields, 'weight'];
    await writeTextFile(
      context,
      out,
      toCsv(
        columns,
        responses.rows.map((row, i) => ({ ...row, weight: result.weights[i] })),
      ),
    );
    context.out(words.weightsDone(out, result.weights.length));
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
      [label, ...[before, after].map((d) => (i === 0 ? String(get(d)) : get(d).toFixed(3)))],
    ),
  ];
  return alignTable(cells);
}
