import { writeStateFile } from '../scoring/index.js';
import { aggregateResponses } from './aggregateResponses.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { writeTextFile } from './fileAccess.js';
import { encodingOption, positiveInt } from './optionValues.js';
import { groupingQuestions } from './reportCommand.js';
import { resolveSurvey } from './resolveSurvey.js';
import { stateText } from './stateText.js';

/** `kizuki aggregate TEMPLATE RESPONSES --out state.json`: a mergeable state file. */
export const aggregateCommand: Command = {
  name: 'aggregate',
  help: { ja: stateText.ja.aggregateHelp, en: stateText.en.aggregateHelp },
  options: {
    by: { type: 'string' },
    out: { type: 'string' },
    'min-group': { type: 'string' },
    municipality: { type: 'string' },
    date: { type: 'string' },
    encoding: { type: 'string' },
    jobs: { type: 'string' },
  },
  positionals: ['TEMPLATE', 'RESPONSES'],
  async run(context, values, [templateArg, file]) {
    const out = requiredOut(context, 'aggregate', values.out);
    const encoding = encodingOption(context, values.encoding);
    const minGroupSize = positiveInt(context, 'min-group', values['min-group'], 5);
    const jobs = values.jobs === undefined ? undefined : positiveInt(context, 'jobs', values.jobs, 1);
    const waveDate = dateOption(context, values.date);
    const survey = await resolveSurvey(context, templateArg!);
    const by = groupingQuestions(context, survey, typeof values.by === 'string' ? values.by : '');
    const { aggregator, tally } = await aggregateResponses(context, survey, file!, {
      encoding,
      by,
      minGroupSize,
      jobs,
    });
    if (tally.fatal) return EXIT.invalid;
    const municipality = typeof values.municipality === 'string' ? values.municipality.trim() : '';
    await writeTextFile(
      context,
      out,
      writeStateFile(aggregator, { municipalities: municipality === '' ? [] : [municipality], waveDate }),
    );
    if (tally.rejected > 0) context.err(context.text.lines.excluded);
    context.out(stateText[context.lang].aggregateDone(out, aggregator.responses));
    return tally.rejected > 0 ? EXIT.invalid : EXIT.ok;
  },
};

/** The `--out` option, which these commands require. */
export function requiredOut(context: CliContext, command: string, value: unknown): string {
  if (typeof value === 'string' && value !== '') return value;
  throw new CliFailure(EXIT.usage, stateText[context.lang].needOut(command));
}

/** The `--date` option: a real calendar date written YYYY-MM-DD. */
function dateOption(context: CliContext, value: unknown): string | null {
  if (value === undefined) return null;
  const text = String(value);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
  if (date === undefined || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text)
    throw new CliFailure(EXIT.usage, stateText[context.lang].badDate(text));
  return text;
}
