import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readResponsesCsv, responsesToCsv } from '../../../src/io/index.js';
import type { SurveyResponse } from '../../../src/schema/index.js';
import { exampleResponses, exampleSurvey } from '../../fixtures/io/exampleResponses.js';

const survey = exampleSurvey();
const responses = exampleResponses(survey);

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('responsesToCsv', () => {
  it('writes the wide layout: flags per option, a column per rank, other texts and meta', () => {
    const csv = responsesToCsv(survey, responses);
    const [header, first] = csv.split('\r\n');
    expect(header).toBe(
      'respondentId,email,sex,age,children,birth_date,arrangements_1,arrangements_2,arrangements_3,arrangements_4,' +
        'arrangements_5,arrangements_6,arrangements_other,telework_days,leave_plan,workload,v_care,v_lead,v_share,' +
        'why_leave_r1,why_leave_r2,why_leave_r3,why_leave_other,comment,score_check,care_support,' +
        'locale,startedAt,submittedAt,seed',
    );
    expect(first).toBe(
      'r1,,1,34,2,1991-04-01,1,0,0,0,1,0,\'=週4日勤務,2.5,1,2,1,2,4,2,1,5,家族の事情,"給料が低い, ""本当に""\n2行目",' +
        '1,3,ja,2026-05-01T09:00:00.000Z,2026-05-01T09:06:12.000Z,1',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes labels in the chosen language, keeping 0/1 for options', () => {
    const csv = responsesToCsv(survey, responses.slice(1, 2), { labels: true, locale: 'en', header: false });
    expect(csv).toContain(',Female,51,0,,0,0,0,0,0,1,,');
    expect(csv).toContain(",Dissatisfied,Don't know,Disagree,Agree,");
  });

  it('adds a byte order mark only when asked', () => {
    expect(responsesToCsv(survey, [], { bom: true }).startsWith('\uFEFFrespondentId,')).toBe(true);
    expect(responsesToCsv(survey, []).startsWith('respondentId,')).toBe(true);
  });
});

describe('readResponsesCsv', () => {
  it('reads back exactly what responsesToCsv wrote, with codes or with labels', async () => {
    for (const options of [{}, { labels: true }, { labels: true, locale: 'en' }, { bom: true }]) {
      const csv = responsesToCsv(survey, responses, options);
      const result = await readResponsesCsv(survey, Buffer.from(csv)).collect();
      expect(result.rejected).toEqual([]);
      expect(result.fileIssues).toEqual([]);
      expect(result.responses).toEqual(responses);
    }
  });

  it('reads Shift_JIS written by Excel, in chunks that split characters', async () => {
    const csv = responsesToCsv(survey, responses, { labels: true });
    const bytes = iconv.encode(csv, 'cp932');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const result = await readResponsesCsv(survey, chunked(bytes, 7)).collect();
    expect(result.rejected).toEqual([]);
    expect(result.responses).toEqual(responses);
    const forced = await readResponsesCsv(survey, bytes, { encoding: 'shift_jis' }).collect();
    expect(forced.responses).toEqual(responses);
  });

  it('reads a slice that starts after the header, given its columns, first line and line break', async () => {
    // The first response's comment holds a line feed inside quotes: the slice starts with that row.
    const csv = responsesToCsv(survey, responses);
    const headerEnd = csv.indexOf('\r\n');
    const columns = csv.slice(0, headerEnd).split(',');
    const slice = Buffer.from(csv.slice(headerEnd + 2));
    const result = await readResponsesCsv(survey, chunked(slice, 5), {
      columns,
      firstLine: 2,
      newline: '\r\n',
    }).collect();
    expect(result.fileIssues).toEqual([]);
    expect(result.rejected).toEqual([]);
    expect(result.responses).toEqual(responses);
    // Rows are numbered from the slice's first line: a bad row two lines after a two-line one.
    const rows = csv.slice(headerEnd + 2).split('\r\n');
    rows[1] = rows[1]!.replace(/^([^,]*,[^,]*,)[^,]*/, '$1x');
    const bad = Buffer.from(rows.join('\r\n'));
    const { rejected } = await readResponsesCsv(survey, bad, {
      columns,
      firstLine: 2,
      newline: '\r\n',
    }).collect();
    expect(rejected.map((r) => [r.line, r.row])).toEqual([[4, 2]]);
  });

  it('reads UTF-8 with a BOM from a stream of one-byte chunks', async () => {
    const bytes = Buffer.from(responsesToCsv(survey, responses, { bom: true, labels: true }));
    const result = await readResponsesCsv(survey, chunked(bytes, 1)).collect();
    expect(result.responses).toEqual(responses);
  });

  it('reads a web ReadableStream', async () => {
    const bytes = Buffer.from(responsesToCsv(survey, responses));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 100));
        controller.enqueue(bytes.subarray(100));
        controller.close();
      },
    });
    expect((await readResponsesCsv(survey, stream).collect()).responses).toEqual(responses);
  });

  it('keeps every chunk of an input that mixes bytes and text', async () => {
    const csv = responsesToCsv(survey, responses);
    async function* mixed() {
      yield Buffer.from(csv.slice(0, 50));
      yield csv.slice(50, 120);
      yield Buffer.from(csv.slice(120));
    }
    expect((await readResponsesCsv(survey, mixed()).collect()).responses).toEqual(responses);
  });

  it('reports every bad row with its line, row number and reason, and drops nothing', async () => {
    const csv = [
      'respondentId,sex,age,birth_date,arrangements_1,arrangements_6,why_leave_r1,why_leave_r2,v_lead,comment',
      'a1,1,30,2000-01-31,1,0,,,そう思う,ok', // line 2: fine (label mapped)
      'a2,7,30,,,,,,,', // line 3: unknown code
      'a3,2,thirty,,,,,,,', // line 4: not a number
      'a4,2,30,2001-02-30,,,,,,', // line 5: impossible date
      'a5,2,30,,yes,,,,,', // line 6: bad flag
      '', // line 7: blank
      'a6,2,30,,,,,3,,', // line 8: rank 1 empty, rank 2 filled
      'a1,2,40,,,,,,,', // line 9: duplicate id
      '"a7",2,"multi', // line 10-11: a quoted cell over two lines, row too short
      'line",,,,', //
      'a8,2,30,,,,,,,,,extra', // line 12: too many values
      'a9,１,２５,2003/4/5,1,0,2,1,2,"=cmd"', // line 13: full-width digits, slashes: fine
      'a10,2,30,,,,,,,"unclosed', // line 14: quote never closed
      'a11,2,30,,,,,,,', // swallowed by the open quote
    ].join('\r\n');
    const result = await readResponsesCsv(survey, Buffer.from(csv), { locale: 'en' }).collect();
    expect(result.responses.map((r) => r.respondentId)).toEqual(['a1', 'a9']);
    expect(result.responses[1]!.answers).toEqual({
      sex: 1,
      age: 25,
      birth_date: '2003-04-05',
      arrangements: [1],
      v_lead: 2,
      why_leave: [2, 1],
      comment: '=cmd',
    });
    const rejected = result.rejected.map((r) => ({
      line: r.line,
      row: r.row,
      codes: r.issues.map((i) => i.code),
      paths: r.issues.map((i) => i.path.join('.')),
    }));
    expect(rejected).toEqual([
      { line: 3, row: 2, codes: ['unknown_code'], paths: ['answers.sex'] },
      { line: 4, row: 3, codes: ['invalid_number'], paths: ['answers.age'] },
      { line: 5, row: 4, codes: ['invalid_date'], paths: ['answers.birth_date'] },
      { line: 6, row: 5, codes: ['invalid_flag'], paths: ['answers.arrangements'] },
      { line: 8, row: 7, codes: ['rank_gap'], paths: ['answers.why_leave'] },
      { line: 9, row: 8, codes: ['duplicate_respondent'], paths: ['respondentId'] },
      { line: 10, row: 9, codes: ['row_length'], paths: [''] },
      { line: 12, row: 10, codes: ['row_length'], paths: [''] },
      { line: 14, row: 12, codes: ['quote_not_closed'], paths: [''] },
    ]);
    expect(result.blankLines).toEqual([7]);
    expect(result.rows).toBe(12);
    expect(result.rejected[0]!.issues[0]!.message).toBe(
      '"7" is neither an option code nor a label (allowed codes: 1, 2, 3, 9)',
    );
    expect(result.rejected[5]!.issues[0]!.message).toContain('line 2');
    // Missing answer columns are reported once, not silently treated as unanswered.
    expect(result.fileIssues.map((f) => f.issue.code)).toEqual(['missing_columns']);
  });

  it('gives the same records one at a time and in batches, each at the line where its row starts', async () => {
    const [header, ...rows] = responsesToCsv(survey, responses).split('\r\n').slice(0, -1);
    // Enough rows for several batches: good ones (row 401 with a line break inside a quoted cell),
    // unknown codes, short rows, blank rows and a repeated id, each row starting with its own id.
    const lines = [header!];
    const starts: string[] = [];
    for (let k = 0; k < 700; k++) {
      starts.push(k % 50 === 9 ? ',,,' : k % 50 === 10 ? 'id0,' : `id${k},`);
      const row = rows[k === 400 ? 0 : 1 + (k % 2)]!.replace(/^r\d/, `id${k}`);
      if (k % 50 === 7) lines.push(row.replace(`id${k},,1,`, `id${k},,7,`));
      else if (k % 50 === 8) lines.push(`id${k},,1`);
      else if (k % 50 === 9) lines.push(',,,');
      else if (k % 50 === 10) lines.push(rows[1]!.replace(/^r\d/, 'id0'));
      else lines.push(row);
    }
    const text = `${lines.join('\r\n')}\r\n`;
    const bytes = Buffer.from(text);
    const one: unknown[] = [];
    for await (const record of readResponsesCsv(survey, chunked(bytes, 4096))) one.push(record);
    for (const size of [7, 4096, bytes.length]) {
      const batched: unknown[] = [];
      for await (const batch of readResponsesCsv(survey, chunked(bytes, size)).batches())
        batched.push(...batch);
      expect(batched).toEqual(one);
    }
    const kinds = new Set(one.map((r) => (r as { kind: string }).kind));
    expect([...kinds].sort()).toEqual(['blank', 'rejected', 'response']);
    // Each row's line, told independently: the line of the file where a row starts begins with its first cells.
    const fileLines = text.split('\n');
    for (const record of one as { line: number; row: number }[])
      expect(fileLines[record.line - 1]!.startsWith(starts[record.row - 1]!)).toBe(true);
    const result = await readResponsesCsv(survey, bytes).collect();
    expect(result.rows).toBe(700);
    expect(result.responses.length + result.rejected.length + result.blankLines.length).toBe(700);
  });

  it('counts lines of quoted cells with CRLF inside, and normalises their line ends', async () => {
    const csv = 'respondentId,comment,sex\r\nx1,"one\r\ntwo\r\nthree",1\r\nx2,plain,8\r\n';
    const result = await readResponsesCsv(survey, csv).collect();
    expect(result.responses[0]!.answers.comment).toBe('one\ntwo\nthree');
    expect(result.rejected.map((r) => r.line)).toEqual([5]);
  });

  it('reports ignored and missing columns and generated ids; refuses a broken header', async () => {
    const notices = await readResponsesCsv(survey, 'sex,note\n1,x\n', { locale: 'en' }).collect();
    expect(notices.fileIssues.map((f) => [f.line, f.fatal, f.issue.code])).toEqual([
      [1, false, 'unknown_columns'],
      [1, false, 'missing_columns'],
      [1, false, 'generated_ids'],
    ]);
    expect(notices.fileIssues[0]!.issue.message).toBe('Columns not in the template were ignored: note');
    expect(notices.responses).toHaveLength(1);
    expect(notices.responses[0]!.respondentId).toMatch(/^[\w-]{21}$/);

    const duplicate = await readResponsesCsv(survey, 'sex,age,sex\n1,2,3\n').collect();
    expect(duplicate.fileIssues.map((f) => [f.fatal, f.issue.code])).toEqual([[true, 'duplicate_column']]);
    expect(duplicate.responses).toEqual([]);
    expect(duplicate.rows).toBe(0);

    const unrelated = await readResponsesCsv(survey, 'a,b\n1,2\n').collect();
    expect(unrelated.fileIssues.map((f) => f.issue.code)).toEqual(['no_answer_columns']);
    const empty = await readResponsesCsv(survey, Buffer.alloc(0)).collect();
    expect(empty.fileIssues.map((f) => f.issue.code)).toEqual(['empty_file']);
    const utf16 = await readResponsesCsv(survey, Buffer.from('\uFEFFsex\n1\n', 'utf16le')).collect();
    expect(utf16.fileIssues.map((f) => f.issue.code)).toEqual(['utf16_unsupported']);
  });

  it('accepts a multiple-choice or ranking question as one delimited column of codes or labels', async () => {
    const csv = 'respondentId,arrangements,why_leave\nq1,テレワーク; 4,"賃金が低い、1"\nq2,1;99,\n';
    const result = await readResponsesCsv(survey, csv).collect();
    expect(result.responses[0]!.answers).toEqual({ arrangements: [1, 4], why_leave: [2, 1] });
    expect(result.rejected.map((r) => [r.line, r.issues[0]!.code])).toEqual([[3, 'unknown_code']]);
  });

  it('flags text that was decoded with the wrong encoding', async () => {
    const bytes = Buffer.concat([
      Buffer.from('respondentId,comment\nz1,'),
      Buffer.from([0x82, 0xa0]),
      Buffer.from('\n'),
    ]);
    const result = await readResponsesCsv(survey, bytes, { encoding: 'utf-8' }).collect();
    expect(result.rejected.map((r) => r.issues[0]!.code)).toEqual(['undecodable_text']);
  });

  it('rejects rows that the validate option rejects, with its issues', async () => {
    const validate = (r: SurveyResponse) =>
      r.answers.sex === 2
        ? { success: false as const, issues: [{ code: 'custom', path: ['answers', 'sex'], message: 'no' }] }
        : { success: true as const };
    const result = await readResponsesCsv(survey, responsesToCsv(survey, responses), { validate }).collect();
    expect(result.responses.map((r) => r.respondentId)).toEqual(['r1', 'r3']);
    expect(result.rejected).toEqual([
      { line: 4, row: 2, issues: [{ code: 'custom', path: ['answers', 'sex'], message: 'no' }] },
    ]);
  });

  it('reads a slice of a file with the header given, numbering lines from firstLine', async () => {
    const csv = responsesToCsv(survey, responses).split('\r\n');
    const header = csv[0]!.split(',');
    const slice = `${csv.slice(3).join('\r\n')}`;
    const result = await readResponsesCsv(survey, slice, { columns: header, firstLine: 5 }).collect();
    expect(result.responses.map((r) => r.respondentId)).toEqual(['r3']);
    const bad = await readResponsesCsv(survey, 'x,8', {
      columns: ['respondentId', 'sex'],
      firstLine: 40,
    }).collect();
    expect(bad.rejected.map((r) => r.line)).toEqual([40]);
  });

  it('shrugs off hostile headers and cells: prototype keys, huge cells, NaN and Infinity', async () => {
    const huge = 'x'.repeat(2_000_000);
    const csv = [
      '__proto__,constructor,sex,age,comment',
      `1,2,__proto__,NaN,${huge}`,
      '1,2,constructor,Infinity,ok',
      '1,2,toString,1e400,ok',
    ].join('\n');
    const result = await readResponsesCsv(survey, csv, { locale: 'en' }).collect();
    expect(result.fileIssues.map((f) => f.issue.code)).toContain('unknown_columns');
    expect(result.rejected.map((r) => r.issues.map((i) => i.code))).toEqual([
      ['unknown_code', 'invalid_number'],
      ['unknown_code', 'invalid_number'],
      ['unknown_code', 'invalid_number'],
    ]);
  });

  it('round-trips any text, whatever quotes, commas, line breaks or formula characters it holds', async () => {
    const text = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
      .filter((s) => !s.includes('\r') && s.trim() !== '' && !s.includes('\uFFFD'));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 5 }), async (texts) => {
        const rs = texts.map((comment, i) => ({
          ...responses[1]!,
          respondentId: `t${i}`,
          answers: { sex: 1, comment },
        }));
        const result = await readResponsesCsv(survey, responsesToCsv(survey, rs)).collect();
        expect(result.rejected).toEqual([]);
        expect(result.responses.map((r) => r.answers.comment)).toEqual(texts);
      }),
      { numRuns: 40 },
    );
  });
});
