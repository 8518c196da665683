import { type RateSummary, type ResponseRates, responseRates } from '../design/index.js';
import type { CsvEncoding } from '../io/index.js';
import { formatFixed } from '../report/formatFixed.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { CliLang } from './cliText.js';
import type { Command } from './command.js';
import { alignTable, listOption, readDesignCsv, runDesign } from './designCsv.js';
import { designText } from './designText.js';
import { encodingOption } from './optionValues.js';
import { ratesFromStore, readsStore, storeOptions } from './storeSource.js';

const RATE_ROWS = [
  ['RR1', 'RR2', 'RR3', 'RR4', 'RR5', 'RR6'],
  ['COOP1', 'COOP2', 'COOP3', 'COOP4'],
  ['REF1', 'REF2', 'REF3'],
  ['CON1', 'CON2', 'CON3'],
] as const;

/** `kizuki rates DISPOSITIONS.csv` or `kizuki rates --data DIR | --database URL`: AAPOR rates overall and per group. */
export const ratesCommand: Command = {
  name: 'rates',
  help: { ja: designText.ja.ratesHelp, en: designText.en.ratesHelp },
  options: {
    by: { type: 'string' },
    e: { type: 'string' },
    json: { type: 'boolean' },
    ...storeOptions,
    encoding: { type: 'string' },
  },
  positionals: ['DISPOSITIONS'],
  arity: (values) => (readsStore(values) ? { min: 0, max: 0 } : { min: 1, max: 1 }),
  async run(context, values, [file]) {
    const words = designText[context.lang];
    const by = listOption(values.by);
    let e: number | undefined;
    if (values.e !== undefined) {
      const text = String(values.e);
      e = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
      if (!(e >= 0 && e <= 1)) throw new CliFailure(EXIT.usage, words.badE(text));
    }
    const result = readsStore(values)
      ? await ratesFromStore(context, values, e)
      : await ratesFromFile(context, file!, by, e, encodingOption(context, values.encoding));
    if (values.json === true) {
      context.out(JSON.stringify(result, null, 2));
      return EXIT.ok;
    }
    context.out(rateTable(context.lang, [[words.overall, result.overall]]));
    for (const breakdown of result.breakdowns) {
      context.out('');
      context.out(words.groupHeading(breakdown.by.join(' × ')));
      context.out(
        rateTable(
          context.lang,
          breakdown.groups.map((group) => [group.label, group]),
        ),
      );
    }
    return EXIT.ok;
  },
};

async function ratesFromFile(
  context: CliContext,
  file: string,
  by: string[],
  e: number | undefined,
  encoding: CsvEncoding,
): Promise<ResponseRates> {
  const csv = await readDesignCsv(context, file, ['disposition', ...by], encoding);
  return runDesign(context, file, () =>
    responseRates({
      records: csv.rows,
      disposition: 'disposition',
      by: by.map((column) => [column]),
      locale: context.lang,
      ...(e === undefined ? {} : { e }),
    }),
  );
}

const percent = (rate: number | null) => (rate === null ? '—' : `${formatFixed(rate * 100, 1)}%`);

/**
 * A table with one column per group and one row per rate (percent with one decimal), after the
 * number of cases and the e used: rates stay readable however many groups there are.
 */
function rateTable(lang: CliLang, groups: ReadonlyArray<readonly [string, RateSummary]>): string {
  const words = designText[lang];
  const rows = [
    [words.rate, ...groups.map(([label]) => label)],
    [words.cases, ...groups.map(([, summary]) => String(summary.cases))],
    ['e', ...groups.map(([, summary]) => (summary.e === null ? '—' : formatFixed(summary.e, 3)))],
    ...RATE_ROWS.flat().map((name) => [name, ...groups.map(([, summary]) => percent(summary.rates[name]))]),
  ];
  return alignTable(rows);
}
