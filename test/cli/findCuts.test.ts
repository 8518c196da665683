import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { findCuts } from '../../src/cli/findCuts.js';

/** The cuts as the rule says, one byte at a time: after each LF with an even number of `"` before it. */
function cutsByBytes(bytes: Uint8Array, jobs: number) {
  const size = bytes.length;
  const targets = Array.from({ length: jobs - 1 }, (_, k) => Math.floor((size * (k + 1)) / jobs));
  const cuts = [0];
  const lines = [1];
  let quotes = 0;
  let newlines = 0;
  let headerEnd = -1;
  for (let i = 0; i < size; i++) {
    if (bytes[i] === 0x22) quotes += 1;
    if (bytes[i] !== 0x0a) continue;
    newlines += 1;
    if (quotes % 2 !== 0) continue;
    if (headerEnd < 0) headerEnd = i + 1;
    const next = targets[cuts.length - 1];
    if (next !== undefined && i + 1 >= next && i + 1 < size) {
      cuts.push(i + 1);
      lines.push(newlines + 1);
    }
  }
  cuts.push(size);
  const head = new TextDecoder().decode(bytes.subarray(0, Math.max(0, headerEnd))).replace(/^\uFEFF/, '');
  const newline = headerEnd >= 2 && bytes[headerEnd - 2] === 0x0d ? '\r\n' : '\n';
  return { cuts, lines, header: Papa.parse<string[]>(head, { delimiter: ',' }).data[0] ?? [], newline };
}

async function* inChunks(bytes: Buffer, sizes: number[]) {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length] ?? bytes.length);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

// Cells of CSV-like text: plain, quoted with commas, quotes and line breaks, stray quotes, multi-byte.
const cell = fc.oneof(
  fc.constantFrom(
    '',
    'a',
    '12',
    '男性',
    '"x"',
    '"a,b"',
    '"one\ntwo"',
    '"say ""hi"""',
    '"',
    'x"y',
    '\r',
    '"\r\n"',
  ),
  fc.string({ maxLength: 6 }),
);
const line = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(','));
const file = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 40 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, end, bom]) => Buffer.from(`${bom ? '\uFEFF' : ''}${lines.join(end)}${end}`));

describe('findCuts', () => {
  it('cuts where a byte-by-byte count of quotes says, however the file arrives in chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        file,
        fc.integer({ min: 2, max: 8 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 }),
        async (bytes, jobs, sizes) => {
          const found = await findCuts(inChunks(bytes, sizes), bytes.length, jobs);
          expect(found).toEqual(cutsByBytes(bytes, jobs));
        },
      ),
      { seed: 20261205, numRuns: 400 },
    );
  });

  it('keeps a quoted cell with line breaks in one slice', async () => {
    const text = 'id,comment\n1,"a\nb\nc\nd"\n2,x\n3,y\n';
    const bytes = Buffer.from(text);
    const { cuts, lines, header, newline } = await findCuts(inChunks(bytes, [3]), bytes.length, 4);
    expect(header).toEqual(['id', 'comment']);
    expect((await findCuts(inChunks(Buffer.from('a,b\r\n1,2\r\n'), [4]), 10, 2)).newline).toBe('\r\n');
    // The targets are bytes 7, 15 and 23; the line feeds at 13, 15 and 17 are inside the quoted cell,
    // so the second cut waits for the end of that row.
    expect(cuts).toEqual([0, text.indexOf('1,'), text.indexOf('2,x'), text.indexOf('3,y'), bytes.length]);
    expect(lines).toEqual([1, 2, 6, 7]);
    expect(newline).toBe('\n');
  });
});
