import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { compileFastRows } from '../../src/cli/compileFastRows.js';
import { synthesiseResponses } from '../../src/cli/synthesiseResponses.js';
import { createIdLines } from '../../src/io/csv/createIdLines.js';
import { csvField } from '../../src/io/csv/csvField.js';
import { csvRecords } from '../../src/io/csv/readResponsesCsv.js';
import { csvLayout, responsesToCsv } from '../../src/io/index.js';
import { loadTemplate, type Survey } from '../../src/schema/index.js';
import { createAggregator } from '../../src/scoring/index.js';
import { getTemplate } from '../../src/templates/index.js';
import { createResponseValidator } from '../../src/validate/index.js';
import { exampleResponses, exampleSurvey } from '../fixtures/io/exampleResponses.js';

const survey = loadTemplate(getTemplate('bias-awareness-community')!);
const clean = responsesToCsv(survey, synthesiseResponses(survey, { n: 120, seed: 11 }));
const table = Papa.parse<string[]>(clean.trim(), { skipEmptyLines: false }).data;
const header = table[0]!;
const body = table.slice(1);
const column = (name: string) => header.indexOf(name);

/**
 * Writes rows of cells as CSV text, quoting as the project's writer does; a cell `{ raw }` is
 * written as it is (stray quotes, bare line breaks).
 */
const toCsv = (rows: readonly (readonly (string | { raw: string })[])[], bom = false, newline = '\r\n') =>
  (bom ? '\uFEFF' : '') +
  rows.map((r) => r.map((c) => (typeof c === 'string' ? csvField(c) : c.raw)).join(',')).join(newline) +
  newline;

interface Reading {
  state: string;
  /** Rejected and blank rows and file notices, with their lines and row numbers. */
  records: unknown[];
  /** Accepted rows in file order: id and submission time. */
  accepted: string[][];
  tallied: number;
}

/** How the file's bytes reach the reader: its encoding, and where the chunks are cut. */
interface Bytes {
  encoding?: 'utf-8' | 'shift_jis';
  cuts?: number[];
}

function chunksOf(text: string, { encoding = 'utf-8', cuts = [] }: Bytes): Uint8Array[] {
  const bytes = encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'cp932');
  const points = [...new Set(cuts.map((n) => n % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}

/**
 * Reads a CSV file's bytes as the CLI does for `report`: through the full path only, or with the
 * fast path; accepted rows are compared by line, row, id and submission time (ids and times the
 * reader generates for blank cells are random or "now", so they are compared as placeholders).
 */
async function read(
  s: Survey,
  text: string,
  fast: boolean,
  by: string[],
  bytes: Bytes = {},
): Promise<Reading> {
  const aggregator = createAggregator(s, { by });
  const validate = createResponseValidator(s, { locale: 'en' });
  const records: unknown[] = [];
  const accepted: string[][] = [];
  let tallied = 0;
  const known = (value: string, placeholder: string) => (text.includes(value) ? value : placeholder);
  let called = 0;
  const onTallied = (id: string, submittedAt: string) => {
    called += 1;
    accepted.push([id, submittedAt]);
  };
  const rows = csvRecords(
    s,
    chunksOf(text, bytes),
    { locale: 'en', validate, encoding: bytes.encoding ?? 'auto' },
    fast ? compileFastRows(s, aggregator, onTallied) : undefined,
  );
  for await (const batch of rows) {
    for (const r of batch) {
      if (r.kind === 'response') {
        aggregator.add(r.response);
        const { respondentId, meta } = r.response;
        accepted.push([known(respondentId, 'id'), known(meta.submittedAt, 'now')]);
      } else if (r.kind === 'tallied') tallied += r.rows;
      else records.push(r);
    }
  }
  // Every tallied row was given to the callback (in file order among the responses, as compared).
  expect(called).toBe(tallied);
  return { state: JSON.stringify(aggregator.toJSON()), records, accepted, tallied };
}

async function expectSameReading(
  s: Survey,
  text: string,
  by = ['sex', 'age_band'],
  bytes: Bytes = {},
): Promise<Reading> {
  const full = await read(s, text, false, by, bytes);
  const fast = await read(s, text, true, by, bytes);
  expect(full.tallied).toBe(0);
  expect(fast.records).toEqual(full.records);
  expect(fast.accepted).toEqual(full.accepted);
  expect(fast.state).toBe(full.state);
  return fast;
}

/** One row of the clean file with cells replaced. */
function withCells(row: number, names: string[], value: string): string[] {
  const cells = [...body[row]!];
  for (const name of names) cells[column(name)] = value;
  return cells;
}
const withCell = (row: number, name: string, value: string) => withCells(row, [name], value);

/** A row of the clean file that answered `imposed = 1` (and so the three multiple-choice questions). */
const imposedRow = body.findIndex((r) => r[column('imposed')] === '1');
const notImposedRow = body.findIndex((r) => r[column('imposed')] === '2');

describe('the CSV fast path of report and aggregate', () => {
  it('takes the common rows and tallies exactly what the full path tallies', async () => {
    const reading = await expectSameReading(survey, toCsv([header, ...body], true));
    // Some synthesised rows carry labels or blanks the fast path leaves to the full path; most do not.
    expect(reading.tallied).toBeGreaterThan(body.length * 0.9);
  });

  it.each([
    ['a code that is no option', 'h01', '7'],
    ['a label instead of a code', 'sex', '男性'],
    ['a full-width digit', 'h01', '１'],
    ['a cell of spaces', 'h01', '  '],
    ['a flag that is not 0 or 1', 'imposed_how_1', 'TRUE'],
    ['a respondent id too short', 'respondentId', 'short'],
    ['a blank respondent id', 'respondentId', ''],
    ['an unknown locale', 'locale', 'fr'],
    ['a blank locale', 'locale', ''],
    ['a malformed date-time', 'submittedAt', '2026-13-01T00:00:00Z'],
    ['a blank start time', 'startedAt', ''],
    ['a seed out of range', 'seed', '4294967296'],
    ['a seed written 1e3', 'seed', '1e3'],
    ['a comment with U+FFFD', 'comments', 'bad \uFFFD byte'],
    ['a comment over 2,000 characters', 'comments', 'あ'.repeat(2001)],
    ['a comment of 2,000 characters outside the BMP', 'comments', '😀'.repeat(1000)],
    ['a comment guarded against formulas', 'comments', "'=1+1"],
    ['a comment with a quoted line break', 'comments', 'one\r\ntwo'],
    ['a blank comment', 'comments', '   '],
  ])('%s: same issues, same state', async (_what, name, value) => {
    const row = name.startsWith('imposed_') ? imposedRow : 0;
    const reading = await expectSameReading(survey, toCsv([header, body[1]!, withCell(row, name, value)]));
    expect(reading.tallied).toBeGreaterThanOrEqual(1);
  });

  it('sends hidden answers, broken selections and "other" mismatches down the full path', async () => {
    const cases: string[][] = [
      withCell(notImposedRow, 'imposed_how_1', '1'), // answered while hidden
      withCell(notImposedRow, 'imposed_where_other', 'somewhere'), // "other" text while hidden
      withCells(imposedRow, ['imposed_how_1', 'imposed_how_2', 'imposed_how_3', 'imposed_how_4'], '0'), // an empty selection
      withCells(imposedRow, ['imposed_how_1', 'imposed_how_2'], '1'), // more than maxSelected
      withCell(imposedRow, 'imposed_by_other', 'x'), // other text without the option (or with it: same result)
      withCell(imposedRow, 'imposed_by_11', '1'), // the option, perhaps without its text
    ];
    await expectSameReading(survey, toCsv([header, ...cases]));
  });

  it('keeps the first occurrence of a respondent id on whichever path it came', async () => {
    const id = body[0]![column('respondentId')]!;
    const rows = [body[0]!, withCell(2, 'respondentId', id), withCell(3, 'h01', '7')];
    rows.push(withCell(4, 'respondentId', rows[2]![column('respondentId')]!)); // the slow row's id again
    const reading = await expectSameReading(survey, toCsv([header, ...rows]));
    expect(reading.tallied).toBe(1);
  });

  it('reads bytes cut anywhere, in UTF-8 or Shift_JIS, with CRLF or LF', async () => {
    const rows = [header, ...body.slice(0, 30)];
    for (const newline of ['\r\n', '\n']) {
      const text = toCsv(rows, false, newline);
      const size = Buffer.byteLength(text);
      // Cuts inside ids, inside multi-byte characters and between CR and LF.
      const cuts = Array.from({ length: 40 }, (_, k) => Math.floor((size * k) / 40) + (k % 3));
      for (const encoding of ['utf-8', 'shift_jis'] as const) {
        const reading = await expectSameReading(survey, text, ['sex', 'age_band'], { encoding, cuts });
        expect(reading.tallied).toBeGreaterThan(25);
      }
      // Every chunk one byte long.
      const bytewise = await expectSameReading(survey, text, ['sex'], {
        cuts: Array.from({ length: size }, (_, k) => k),
      });
      expect(bytewise.tallied).toBeGreaterThan(25);
    }
  });

  it('reads quoted texts on one line, leaves other quoted rows to the parser and takes the rows after them again', async () => {
    const quoted = withCell(1, 'comments', 'first line\r\nsecond, "quoted" line');
    const text = toCsv([header, body[0]!, quoted, body[2]!, body[3]!]);
    const size = Buffer.byteLength(text);
    const reading = await expectSameReading(survey, text, ['sex'], {
      cuts: Array.from({ length: 25 }, (_, k) => Math.floor((size * k) / 25)),
    });
    const without = await expectSameReading(survey, toCsv([header, body[0]!, body[2]!, body[3]!]), ['sex']);
    expect(without.tallied).toBeGreaterThan(0);
    expect(reading.tallied).toBe(without.tallied);
    // A quoted text on one line is read by the fast path too.
    const commented = [0, 2, 3].map((r) => withCell(r, 'comments', 'a, "b" c'));
    const withComments = await expectSameReading(survey, toCsv([header, ...commented]), ['sex']);
    expect(withComments.tallied).toBe(without.tallied);
    // A quote that never closes: the rest of the file is one unfinished row.
    const open = toCsv([header, body[0]!, withCell(1, 'comments', 'x'), body[2]!]).replace(',x,', ',"x,');
    expect((await expectSameReading(survey, open, ['sex'])).tallied).toBe(1);
  });

  it('reads a slice after the header from its first line on when the line break is given', async () => {
    // A worker's slice: no header (the columns are given), starting with a quoted cell that holds a
    // lone line feed in a CRLF file, which the parser alone would take for the line break.
    const lone = withCell(0, 'comments', 'one\ntwo');
    for (const newline of ['\r\n', '\n'] as const) {
      const slice = toCsv(
        [header, ...(newline === '\r\n' ? [lone] : []), ...body.slice(1, 20)],
        false,
        newline,
      );
      const text = slice.slice(slice.indexOf(newline) + newline.length);
      const readSlice = async (fast: boolean, given: boolean) => {
        const aggregator = createAggregator(survey, { by: ['sex'] });
        let tallied = 0;
        const records: unknown[] = [];
        const options = {
          locale: 'en' as const,
          columns: header,
          firstLine: 2,
          ...(given ? { newline } : {}),
        };
        const validate = createResponseValidator(survey, { locale: 'en' });
        for await (const batch of csvRecords(
          survey,
          chunksOf(text, {}),
          { ...options, validate },
          fast ? compileFastRows(survey, aggregator) : undefined,
        ))
          for (const r of batch) {
            if (r.kind === 'tallied') tallied += r.rows;
            else if (r.kind === 'response') {
              aggregator.add(r.response);
              records.push([r.line, r.row]);
            } else records.push(r);
          }
        return { tallied, records, state: JSON.stringify(aggregator.toJSON()) };
      };
      const full = await readSlice(false, true);
      const fast = await readSlice(true, true);
      expect(fast.state).toBe(full.state);
      const problems = (records: unknown[]) => records.filter((r) => !Array.isArray(r));
      expect(problems(fast.records)).toEqual(problems(full.records));
      expect(fast.tallied).toBeGreaterThan(15);
      // The slice's first line (line 2) is tallied from its bytes unless it holds the lone line feed.
      expect(fast.records.some((r) => Array.isArray(r) && r[0] === 2)).toBe(newline === '\r\n');
      // Without the line break the first line goes to the parser to find it.
      expect((await readSlice(true, false)).tallied).toBe(fast.tallied - (newline === '\n' ? 1 : 0));
    }
  });

  it('reads a file with bare CR line breaks through the parser only', async () => {
    const reading = await expectSameReading(survey, toCsv([header, ...body.slice(0, 5)], false, '\r'), [
      'sex',
    ]);
    expect(reading.tallied).toBe(0);
    expect(reading.accepted.length + reading.records.length).toBe(5);
  });

  it('is not used for weighted aggregates', async () => {
    const aggregator = createAggregator(survey, { by: ['sex'], design: {} });
    expect(compileFastRows(survey, aggregator)).toBeUndefined();
  });

  it('is not used without the respondent id and meta columns (the full path generates them)', async () => {
    const fast = compileFastRows(survey, createAggregator(survey))!;
    expect(fast(header, createIdLines())).toBeTypeOf('function');
    expect(
      fast(
        header.filter((h) => h !== 'submittedAt'),
        createIdLines(),
      ),
    ).toBeUndefined();
    expect(
      fast(
        header.filter((h) => h !== 'respondentId'),
        createIdLines(),
      ),
    ).toBeUndefined();
  });

  it('gives the same result on the example survey (numbers, dates, ranks, conditions)', async () => {
    const example = exampleSurvey();
    await expectSameReading(example, responsesToCsv(example, exampleResponses(example)), ['sex']);
  });

  // Templates whose conditions take other forms: `in [...]`, `!=`, `>=`, `and`/`or`, `selected()`,
  // `count()`, read on the row's codes and selections by the full path's evaluator.
  // The last two also have number questions: plain numbers, bounds and integers are checked on the
  // fast path, other spellings (grouped digits, full-width digits, spaces) take the full path.
  it.each([
    ['youth-voice', true],
    ['care-and-health-needs', true],
    ['workshop-feedback', true],
    ['public-employer-wlb', true],
    ['programme-follow-up', true],
  ] as const)(
    'equals the full path on %s, with cells changed to send hidden questions answers',
    async (id, fast) => {
      const other = loadTemplate(getTemplate(id)!);
      const rows = Papa.parse<string[]>(
        responsesToCsv(other, synthesiseResponses(other, { n: 80, seed: 5 })).trim(),
      ).data;
      const layout = csvLayout(other);
      const columnsOf = (kinds: string[]) => layout.flatMap((c, i) => (kinds.includes(c.kind) ? [i] : []));
      const edit = (columns: number[], values: string[]) =>
        fc.record({
          row: fc.nat(rows.length - 2),
          column: fc.constantFrom(...columns),
          value: fc.constantFrom(...values),
        });
      const codes = edit(columnsOf(['code', 'flag']), ['', '0', '1', '2', '3', '4', '5', '9']);
      const numberColumns = columnsOf(['number']);
      const numbers = [
        '',
        '0',
        '-0',
        '3',
        '2.5',
        '40',
        '400',
        '-1',
        '1e2',
        '1,200',
        '１２',
        ' 7',
        '+8',
        '.5',
        '1e400',
      ];
      const edits = fc.array(
        numberColumns.length > 0 ? fc.oneof(codes, edit(numberColumns, numbers)) : codes,
        {
          maxLength: 30,
        },
      );
      let tallied = 0;
      await fc.assert(
        fc.asyncProperty(edits, async (changes) => {
          const edited = rows.map((r) => [...r]);
          for (const c of changes) edited[c.row + 1]![c.column] = c.value;
          tallied += (await expectSameReading(other, toCsv(edited), [])).tallied;
        }),
        { seed: 20261205, numRuns: 8 },
      );
      expect(tallied > 0).toBe(fast);
    },
  );

  it('equals the full path on generated files with bad cells, blank and short rows and duplicate ids', async () => {
    const names = header;
    const labels = survey.template.scales!.agree4!.options.map((o) => o.label.ja);
    const cellValue = fc.oneof(
      fc.constantFrom('', ' ', '0', '1', '2', '3', '4', '9', '10', '-1', 'x', '１', 'TRUE', ' 1'),
      fc.constantFrom(...labels, '男性', 'ja', 'en', 'fr', '2026-05-01T09:00:00Z', '2026-02-30T00:00:00Z'),
      fc.constantFrom("'=SUM(A1)", '=1+1', '@x', 'a\r\nb', 'a\nb', '"quoted"', '\uFFFD', 'x'.repeat(5001)),
      fc.string({ maxLength: 6 }),
    );
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('cell' as const), name: fc.constantFrom(...names), value: cellValue }),
      fc.record({ kind: fc.constant('id' as const), from: fc.nat(40) }),
      // Written as they are: stray and unbalanced quotes, bare line breaks, a comma too many.
      fc.record({
        kind: fc.constant('raw' as const),
        name: fc.constantFrom(...names),
        value: fc.constantFrom(
          'a"b',
          '"',
          '"x',
          '"a\r\nb"',
          '1\r',
          '\r',
          'x\ny',
          '1,2',
          '"1"',
          '"a ""b"", c"',
          '"x"y',
          '""',
          '"""',
          '""""',
          '"x" ',
        ),
      }),
      fc.record({
        kind: fc.constant('shape' as const),
        shape: fc.constantFrom('blank', 'short', 'long', 'longBlank'),
      }),
    );
    const file = fc.record({
      picks: fc.array(fc.record({ row: fc.nat(body.length - 1), edits: fc.array(edit, { maxLength: 3 }) }), {
        minLength: 1,
        maxLength: 25,
      }),
      bom: fc.boolean(),
      newline: fc.constantFrom('\r\n', '\n'),
      encoding: fc.constantFrom('utf-8' as const, 'shift_jis' as const),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(file, async ({ picks, bom, newline, encoding, cuts }) => {
        const rows: (string | { raw: string })[][] = [];
        for (const { row, edits } of picks) {
          let cells: (string | { raw: string })[] = [...body[row]!];
          for (const e of edits) {
            if (e.kind === 'cell') cells[column(e.name)] = e.value;
            else if (e.kind === 'raw') cells[column(e.name)] = { raw: e.value };
            else if (e.kind === 'id' && rows.length > 0)
              cells[column('respondentId')] = rows[e.from % rows.length]![column('respondentId')]!;
            else if (e.kind === 'shape')
              cells =
                e.shape === 'blank'
                  ? cells.map(() => '')
                  : e.shape === 'short'
                    ? cells.slice(0, -1)
                    : [...cells, e.shape === 'long' ? 'x' : ''];
          }
          rows.push(cells);
        }
        await expectSameReading(survey, toCsv([header, ...rows], bom, newline), ['sex', 'age_band'], {
          encoding,
          cuts,
        });
      }),
      { seed: 20261205, numRuns: 80 },
    );
  });
});
