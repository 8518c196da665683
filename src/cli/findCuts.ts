import Papa from 'papaparse';

/** Where {@link findCuts} cuts a file. */
export interface FileCuts {
  /** Byte offsets: 0, each cut, and the file's size. */
  cuts: number[];
  /** The line number each slice starts on. */
  lines: number[];
  /** The header's column names. */
  header: string[];
  /** The line break that ends the header, which the slices after the first cannot see. */
  newline: '\r\n' | '\n';
}

/**
 * Byte offsets that cut a file of `size` bytes into about `jobs` slices, each cut just after a line
 * end that is outside quoted cells (an even number of `"` before it), with the line number each
 * slice starts on and the header's column names. `"` and line feeds never occur inside multi-byte
 * characters of UTF-8 or Shift_JIS, so counting bytes is safe in both. Reads only as far as the
 * last cut.
 */
export async function findCuts(chunks: AsyncIterable<Buffer>, size: number, jobs: number): Promise<FileCuts> {
  const targets = Array.from({ length: jobs - 1 }, (_, k) => Math.floor((size * (k + 1)) / jobs));
  const cuts = [0];
  const lines = [1];
  let headerEnd = -1;
  const headerBytes: Buffer[] = [];
  let offset = 0;
  let quotes = 0;
  let newlines = 0;
  for await (const bytes of chunks) {
    // From one quote or line feed to the next by Buffer#indexOf (memchr), not byte by byte.
    let quote = bytes.indexOf(0x22);
    for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) {
      while (quote >= 0 && quote < i) {
        quotes += 1;
        quote = bytes.indexOf(0x22, quote + 1);
      }
      newlines += 1;
      if (quotes % 2 === 0) {
        const at = offset + i + 1;
        if (headerEnd < 0) headerEnd = at;
        const next = targets[cuts.length - 1];
        if (next !== undefined && at >= next && at < size) {
          cuts.push(at);
          lines.push(newlines + 1);
        }
      }
      if (cuts.length - 1 >= targets.length && headerEnd >= 0) break;
    }
    // Quotes after the chunk's last line feed count for the next chunk's lines.
    if (!(cuts.length - 1 >= targets.length && headerEnd >= 0))
      while (quote >= 0) {
        quotes += 1;
        quote = bytes.indexOf(0x22, quote + 1);
      }
    if (headerEnd < 0 || offset < headerEnd) headerBytes.push(bytes);
    offset += bytes.length;
    if (cuts.length - 1 >= targets.length && headerEnd >= 0) break;
  }
  cuts.push(size);
  const head = Buffer.concat(headerBytes).subarray(0, Math.max(0, headerEnd));
  const newline = head.length >= 2 && head[head.length - 2] === 0x0d ? '\r\n' : '\n';
  const text = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
  const header = Papa.parse<string[]>(text, { delimiter: ',' }).data[0] ?? [];
  return { cuts, lines, header, newline };
}
