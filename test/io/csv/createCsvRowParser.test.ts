import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvBatch, type CsvRow, createCsvRowParser } from '../../../src/io/csv/createCsvRowParser.js';

/** Feeds the chunks to a parser as the CSV reader does: stops after a quote that never closes. */
async function batchesOf(chunks: readonly string[]): Promise<CsvBatch[]> {
  const parser = createCsvRowParser();
  const batches: CsvBatch[] = [];
  for (const chunk of chunks) {
    const batch = parser.push(chunk);
    if (batch !== undefined) batches.push(batch);
    if (parser.gaveUp) return batches;
  }
  const last = parser.end();
  if (last !== undefined) batches.push(last);
  return batches;
}

async function rowsOf(chunks: readonly string[]): Promise<CsvRow[]> {
  return (await batchesOf(chunks)).flatMap((batch) => batch.rows);
}

/** Cuts `text` at the given offsets (sorted, deduplicated) into chunks. */
function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((n) => n % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(text.slice(from, point));
    from = point;
  }
  chunks.push(text.slice(from));
  return chunks;
}

const quoted = (cell: string) =>
  /[",\r\n]/.test(cell) || cell === '' ? `"${cell.replaceAll('"', '""')}"` : cell;

describe('createCsvRowParser', () => {
  it('gives the same rows however the text is cut into chunks', async () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'あ', ',', '"', '\r\n', '\n', ' ', '1'),
      maxLength: 6,
    });
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.constantFrom('\r\n', '\n'),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (rows, newline, at) => {
          const text = `id,x${newline}${rows.map((r) => r.map(quoted).join(',')).join(newline)}${newline}`;
          const whole = await rowsOf([text]);
          expect(await rowsOf(cut(text, at))).toEqual(whole);
          expect(whole.map((r) => r.cells)).toEqual([['id', 'x'], ...rows]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes the line break from the first line, even when CR and LF arrive in different chunks', async () => {
    expect(await rowsOf(['a,b\r', '\n1,2\r\n'])).toEqual([{ cells: ['a', 'b'] }, { cells: ['1', '2'] }]);
    expect(await rowsOf(['a,b\r1,2\r'])).toEqual([{ cells: ['a', 'b'] }, { cells: ['1', '2'] }]);
    expect(await rowsOf(['a,b'])).toEqual([{ cells: ['a', 'b'] }]);
    expect(await rowsOf([''])).toEqual([]);
  });

  it('marks the row whose quote is never closed, which swallows the rest of the text', async () => {
    const rows = await rowsOf(['a,b\r\n1,2\r\n3,"open\r\n', '4,5\r\n']);
    expect(rows.slice(0, 2)).toEqual([{ cells: ['a', 'b'] }, { cells: ['1', '2'] }]);
    expect(rows[2]).toMatchObject({ cells: ['3', 'open\r\n4,5\r\n'], problem: 'quote_not_closed' });
    expect(rows).toHaveLength(3);
  });

  it('keeps a stray quote inside an unquoted cell as text', async () => {
    expect(await rowsOf(['a,b\n1,x"y\n'])).toEqual([{ cells: ['a', 'b'] }, { cells: ['1', 'x"y'] }]);
  });

  it('marks a quoted cell with text after its closing quote as malformed', async () => {
    const rows = await rowsOf(['a,b\n"x"y,2\n3,4\n']);
    expect(rows[1]).toMatchObject({ problem: expect.stringMatching(/csv_syntax|quote_not_closed/) });
  });

  it('gives up on a quote still open after 16 million characters instead of re-reading ever more', async () => {
    const line = `${'x'.repeat(1023)}\n`;
    const chunks = ['a,b\n"', ...Array.from({ length: 17 * 1024 }, () => line)];
    const rows = await rowsOf(chunks);
    expect(rows[0]).toEqual({ cells: ['a', 'b'] });
    expect(rows[1]).toMatchObject({ problem: 'quote_not_closed', gaveUp: true });
    expect(rows[1]!.cells[0]!.length).toBeLessThanOrEqual(200);
    expect(rows).toHaveLength(2);
  });

  it('marks a batch plain only when none of its cells holds a line feed, whatever the line break', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ',', '"', '\r\n', '\n', '\r', ' '), maxLength: 4 });
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 });
    let plainSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.constantFrom('\r\n', '\n', '\r'),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (rows, newline, at) => {
          const text = `id,x${newline}${rows.map((r) => r.map(quoted).join(',')).join(newline)}${newline}`;
          for (const batch of await batchesOf(cut(text, at))) {
            if (!batch.plain) continue;
            plainSeen += 1;
            for (const row of batch.rows) for (const c of row.cells) expect(c).not.toContain('\n');
          }
        },
      ),
      { numRuns: 300, seed: 16 },
    );
    // The shortcut is taken, not just allowed.
    expect(plainSeen).toBeGreaterThan(0);
    expect((await batchesOf(['a,b\r\n1,2\r\n', '3,4\r\n'])).map((b) => b.plain)).toEqual([true, true]);
    expect((await batchesOf(['a,b\n1,"x\ny"\n3,4\n'])).map((b) => b.plain)).toEqual([false]);
  });

  it('tells when a quoted cell is open and only text with a quote can end the row', () => {
    const parser = createCsvRowParser();
    expect(parser.push('a,b\n')?.rows.map((r) => r.cells)).toEqual([['a', 'b']]);
    expect([parser.idle, parser.open]).toEqual([true, false]);
    expect(parser.push('1,"x\n')).toBeUndefined();
    expect([parser.idle, parser.open]).toEqual([false, true]);
    expect(parser.push('y ""z""\n')).toBeUndefined();
    expect(parser.open).toBe(true);
    expect(parser.push('w"\n')?.rows.map((r) => r.cells)).toEqual([['1', 'x\ny "z"\nw']]);
    expect([parser.idle, parser.open]).toEqual([true, false]);
  });
});
