import { join } from 'node:path';
import { type Allocation, drawSample } from '../design/index.js';
import { requiredOut } from './aggregateCommand.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { listOption, readDesignCsv, runDesign, toCsv } from './designCsv.js';
import { designText } from './designText.js';
import { writeTextFile } from './fileAccess.js';
import { choice, positiveInt } from './optionValues.js';

/** `kizuki sample FRAME.csv --size N --out DIR`: draws a sample and writes its four files. */
export const sampleCommand: Command = {
  name: 'sample',
  help: { ja: designText.ja.sampleHelp, en: designText.en.sampleHelp },
  options: {
    size: { type: 'string' },
    strata: { type: 'string' },
    allocation: { type: 'string' },
    fixed: { type: 'string' },
    min: { type: 'string' },
    method: { type: 'string' },
    sort: { type: 'string' },
    seed: { type: 'string' },
    contact: { type: 'string' },
    id: { type: 'string' },
    out: { type: 'string' },
  },
  positionals: ['FRAME'],
  async run(context, values, [file]) {
    const words = designText[context.lang];
    const out = requiredOut(context, 'sample', values.out);
    const allocation: Allocation = choice(
      context,
      'allocation',
      values.allocation,
      ['proportional', 'equal', 'fixed'] as const,
      'proportional',
    );
    const method = choice(
      context,
      'method',
      values.method,
      ['stratified', 'systematic'] as const,
      'stratified',
    );
    const fixed = allocation === 'fixed' ? fixedSizes(context.lang, values.fixed) : undefined;
    if (allocation !== 'fixed' && values.size === undefined) throw new CliFailure(EXIT.usage, words.needSize);
    const size = values.size === undefined ? undefined : positiveInt(context, 'size', values.size, 1);
    const minimum = values.min === undefined ? undefined : positiveInt(context, 'min', values.min, 1);
    const id = typeof values.id === 'string' && values.id !== '' ? values.id : 'id';
    const strata = listOption(values.strata);
    const sortBy = listOption(values.sort);
    const contact = listOption(values.contact);
    // Without --seed the draw still has to be repeatable from design.json, so one is made and recorded.
    const seed = typeof values.seed === 'string' ? values.seed : new Date().toISOString();
    const frame = await readDesignCsv(context, file!, [id, ...strata, ...sortBy, ...contact]);
    const sample = runDesign(context, file!, () =>
      drawSample({
        frame: frame.rows,
        id,
        strata,
        allocation,
        selection: method === 'systematic' ? 'systematic' : 'srs',
        sortBy,
        seed,
        contactFields: contact,
        locale: context.lang,
        ...(size === undefined ? {} : { size }),
        ...(minimum === undefined ? {} : { minimum }),
        ...(fixed === undefined ? {} : { fixed }),
      }),
    );
    const kept = frame.fields.filter((field) => !contact.includes(field));
    const reserved = new Set(['code', 'stratum', 'pi', 'weight']);
    await writeTextFile(
      context,
      join(out, 'sample.csv'),
      toCsv(
        ['code', 'stratum', 'pi', 'weight', ...kept.filter((field) => !reserved.has(field))],
        sample.records.map((record) => ({
          ...record.data,
          code: record.code,
          stratum: record.stratum,
          pi: record.pi,
          weight: record.weight,
        })),
      ),
    );
    await writeTextFile(
      context,
      join(out, 'mailing-list.csv'),
      toCsv(
        ['code', ...contact],
        sample.mailingList.map((entry) => ({ ...entry.contact, code: entry.code })),
      ),
    );
    await writeTextFile(
      context,
      join(out, 'invitations.csv'),
      toCsv(
        ['code', 'stratum'],
        sample.records.map(({ code, stratum }) => ({ code, stratum })),
      ),
    );
    await writeTextFile(context, join(out, 'design.json'), `${JSON.stringify(sample.design, null, 2)}\n`);
    context.out(words.sampleDone(out, sample.design.sampleSize, sample.design.frameSize));
    for (const stratum of sample.design.allocations)
      context.out(words.stratumLine(stratum.stratum, stratum.n, stratum.size));
    if (contact.length > 0) context.err(words.keepApart);
    return EXIT.ok;
  },
};

/** `--fixed 北=100,南=80`: the stratum sizes of fixed allocation. */
function fixedSizes(lang: 'ja' | 'en', value: unknown): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const part of listOption(value)) {
    const at = part.lastIndexOf('=');
    const n = Number(part.slice(at + 1));
    if (at < 1 || !/^\d+$/.test(part.slice(at + 1)) || !Number.isSafeInteger(n))
      throw new CliFailure(EXIT.usage, designText[lang].badFixed(part));
    Object.defineProperty(sizes, part.slice(0, at), { value: n, enumerable: true, writable: true });
  }
  if (Object.keys(sizes).length === 0) throw new CliFailure(EXIT.usage, designText[lang].needSize);
  return sizes;
}
