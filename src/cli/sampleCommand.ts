import { join } from 'node:path';
import { type Allocation, drawSample } from '../design/index.js';
import type { CsvEncoding } from '../io/index.js';
import { requiredOut } from './aggregateCommand.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { Command } from './command.js';
import { createProgress } from './createProgress.js';
import { listOption, readDesignCsv, runDesign, toCsv } from './designCsv.js';
import { designText } from './designText.js';
import { writeTextFile } from './fileAccess.js';
import { choice, encodingOption, positiveInt } from './optionValues.js';

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
    sd: { type: 'string' },
    encoding: { type: 'string' },
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
      ['proportional', 'equal', 'neyman', 'fixed'] as const,
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
    const encoding = encodingOption(context, values.encoding);
    const sdOption = typeof values.sd === 'string' && values.sd !== '' ? values.sd : undefined;
    if (allocation === 'neyman' && sdOption === undefined) throw new CliFailure(EXIT.usage, words.needSd);
    const sdFile = sdOption !== undefined && /\.(csv|txt)$/i.test(sdOption) ? sdOption : undefined;
    const sdColumn = sdOption !== undefined && sdFile === undefined ? [sdOption] : [];
    const frame = await readDesignCsv(
      context,
      file!,
      [id, ...strata, ...sortBy, ...contact, ...sdColumn],
      encoding,
    );
    const sds =
      allocation !== 'neyman'
        ? undefined
        : sdFile !== undefined
          ? await readSds(context, sdFile, encoding)
          : stratumSds(context, file!, frame.rows, strata, sdColumn[0]!);
    // drawSample checks and draws in one synchronous call: the line says what the wait is for.
    const drawing = createProgress(context.io, context.text.progress.drawing, 0, () =>
      context.text.progress.drawingFrom(frame.rows.length),
    );
    // As for the rows: a frame of fewer than 65,536 people is drawn before a line would help.
    if (frame.rows.length > 0xffff) drawing.update(0);
    let sample: ReturnType<typeof drawSample>;
    try {
      sample = runDesign(context, file!, () =>
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
          ...(sds === undefined ? {} : { sds }),
        }),
      );
    } finally {
      drawing.finish();
    }
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

/** `--sd FILE`: a CSV of `stratum,sd`, one row per stratum (the stratum as sample.csv names it). */
async function readSds(
  context: CliContext,
  file: string,
  encoding: CsvEncoding,
): Promise<Record<string, number>> {
  const words = designText[context.lang];
  const { rows } = await readDesignCsv(context, file, ['stratum', 'sd'], encoding);
  const sds: Record<string, number> = {};
  rows.forEach((row, i) => {
    const text = row.sd?.trim() ?? '';
    const sd = text === '' ? Number.NaN : Number(text);
    // File lines: the header is line 1.
    if (!(Number.isFinite(sd) && sd >= 0)) throw new CliFailure(EXIT.invalid, words.badSd(file, i + 2, text));
    Object.defineProperty(sds, row.stratum ?? '', { value: sd, enumerable: true, writable: true });
  });
  return sds;
}

/**
 * `--sd COLUMN`: each stratum's standard deviation (divisor n − 1) of a numeric frame column, such
 * as last wave's score or an auxiliary from the register; strata named as drawSample names them.
 */
function stratumSds(
  context: CliContext,
  file: string,
  rows: readonly Record<string, string>[],
  strata: readonly string[],
  column: string,
): Record<string, number> {
  const words = designText[context.lang];
  const sums = new Map<string, { n: number; sum: number; squares: number }>();
  rows.forEach((row, i) => {
    const text = row[column]?.trim() ?? '';
    const x = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(x)) throw new CliFailure(EXIT.invalid, words.badSdValue(file, i + 2, column, text));
    const stratum = strata.length === 0 ? 'all' : strata.map((s) => row[s] ?? '').join(' × ');
    const acc = sums.get(stratum) ?? { n: 0, sum: 0, squares: 0 };
    acc.n += 1;
    acc.sum += x;
    acc.squares += x * x;
    sums.set(stratum, acc);
  });
  const sds: Record<string, number> = {};
  for (const [stratum, { n, sum, squares }] of sums) {
    const variance = n > 1 ? Math.max(0, (squares - (sum * sum) / n) / (n - 1)) : 0;
    Object.defineProperty(sds, stratum, { value: Math.sqrt(variance), enumerable: true, writable: true });
  }
  return sds;
}
