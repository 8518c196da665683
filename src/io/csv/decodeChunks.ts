import { Buffer } from 'node:buffer';
import iconv from 'iconv-lite';

/** The character encoding of a CSV file: detected, or given. */
export type CsvEncoding = 'auto' | 'utf-8' | 'shift_jis';

/** Decoded input: chunks of text (or of UTF-8 bytes, if asked), whatever the encoding of the input. */
export type DecodedInput<Chunk = string> =
  | { ok: true; encoding: 'utf-8' | 'shift_jis' | 'text'; chunks: AsyncGenerator<Chunk> }
  | { ok: false; reason: 'utf16' };

// Enough of the start of a file to tell UTF-8 from Shift_JIS in practice.
const SNIFF_BYTES = 64 * 1024;

/**
 * Looks at the start of the input: a UTF-8 byte order mark is removed; UTF-16 is refused; with
 * `auto`, bytes that are valid UTF-8 are read as UTF-8 and anything else as Shift_JIS (Windows-31J,
 * the code page Excel writes, a superset of Shift_JIS). Bytes of the wrong encoding further on
 * become U+FFFD, which the row checks report. With `output: 'utf8'`, byte input comes as UTF-8
 * bytes instead of text (Shift_JIS re-encoded), for readers that look at bytes before decoding;
 * input that is already text stays text.
 */
export async function decodeChunks(
  source: AsyncIterable<Uint8Array | string>,
  encoding: CsvEncoding,
): Promise<DecodedInput>;
export async function decodeChunks(
  source: AsyncIterable<Uint8Array | string>,
  encoding: CsvEncoding,
  output: 'utf8',
): Promise<DecodedInput<string | Uint8Array>>;
export async function decodeChunks(
  source: AsyncIterable<Uint8Array | string>,
  encoding: CsvEncoding,
  output: 'text' | 'utf8' = 'text',
): Promise<DecodedInput<string | Uint8Array>> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    if (typeof next.value === 'string') {
      // Already text: only the byte order mark character can be in the way. Bytes before it are
      // UTF-8 text too, and are kept.
      const text = new TextDecoder('utf-8').decode(Buffer.concat(head)) + next.value;
      const first = text.startsWith('\uFEFF') ? text.slice(1) : text;
      return { ok: true, encoding: 'text', chunks: utf8Chunks(first, iterator) };
    }
    head.push(next.value);
    headBytes += next.value.byteLength;
  }
  let prefix = Buffer.concat(head);
  if (prefix[0] === 0xff && prefix[1] === 0xfe) return { ok: false, reason: 'utf16' };
  if (prefix[0] === 0xfe && prefix[1] === 0xff) return { ok: false, reason: 'utf16' };
  const bom = prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf;
  if (bom) prefix = prefix.subarray(3);
  const chosen = encoding === 'auto' ? (bom || isUtf8(prefix) ? 'utf-8' : 'shift_jis') : encoding;
  const rest = done ? emptyIterator() : iterator;
  if (chosen === 'utf-8')
    return {
      ok: true,
      encoding: 'utf-8',
      chunks: output === 'utf8' ? utf8Bytes(prefix, rest) : utf8Chunks(prefix, rest),
    };
  const text = shiftJisChunks(prefix, rest);
  return { ok: true, encoding: 'shift_jis', chunks: output === 'utf8' ? encodedUtf8(text) : text };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    // Streaming mode: a character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** UTF-8 text from bytes, after a first chunk that may already be text. */
async function* utf8Chunks(
  first: Uint8Array | string,
  rest: AsyncIterator<Uint8Array | string>,
): AsyncGenerator<string> {
  // Streaming, so a character cut between chunks is joined; invalid bytes become U+FFFD.
  const decoder = new TextDecoder('utf-8');
  const head = typeof first === 'string' ? first : decoder.decode(first, { stream: true });
  if (head) yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    yield typeof next.value === 'string' ? next.value : decoder.decode(next.value, { stream: true });
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** The bytes as they are, after a first chunk without its byte order mark. */
async function* utf8Bytes(
  first: Uint8Array,
  rest: AsyncIterator<Uint8Array | string>,
): AsyncGenerator<Uint8Array> {
  if (first.byteLength > 0) yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next())
    yield typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
}

async function* encodedUtf8(text: AsyncGenerator<string>): AsyncGenerator<Uint8Array> {
  for await (const chunk of text) yield Buffer.from(chunk, 'utf8');
}

async function* shiftJisChunks(
  prefix: Buffer,
  rest: AsyncIterator<Uint8Array | string>,
): AsyncGenerator<string> {
  const decoder = iconv.getDecoder('cp932');
  yield decoder.write(prefix);
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    const value = next.value;
    yield typeof value === 'string'
      ? value
      : decoder.write(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

function emptyIterator(): AsyncIterator<Uint8Array | string> {
  return { next: async () => ({ done: true, value: undefined }) };
}
