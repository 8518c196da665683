import { Inflate } from 'fflate';

/** Bounds on a zip archive, checked from its central directory before anything is inflated. */
export interface ZipLimits {
  /** Most entries in the archive. */
  maxEntries: number;
  /** Most bytes one entry may inflate to. */
  maxEntryBytes: number;
  /** Most bytes all entries read may inflate to together. */
  maxTotalBytes: number;
}

/** Why an archive was refused; `detail` names the entry where there is one. */
export class ZipError extends Error {
  constructor(
    readonly reason: 'not_zip' | 'too_many_entries' | 'too_large' | 'unsupported' | 'corrupt',
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

interface Entry {
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/**
 * Lists a zip archive's entries from its central directory and returns a reader that inflates one
 * entry at a time. Declared sizes are checked against the limits up front, and inflation stops the
 * moment an entry produces more than it declared, so a zip bomb costs at most the limits.
 */
export function openZip(
  bytes: Uint8Array,
  limits: ZipLimits,
): { names: string[]; read(name: string): Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfDirectory(bytes, view);
  const count = view.getUint16(eocd + 10, true);
  if (count === 0xffff) throw new ZipError('unsupported', 'zip64');
  if (count > limits.maxEntries) throw new ZipError('too_many_entries', String(count));
  let at = view.getUint32(eocd + 16, true);
  const entries = new Map<string, Entry>();
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
      throw new ZipError('corrupt', 'directory');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const offset = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (flags & 1) throw new ZipError('unsupported', `${name} (encrypted)`);
    if (method !== 0 && method !== 8) throw new ZipError('unsupported', `${name} (method ${method})`);
    if (size === 0xffffffff || compressedSize === 0xffffffff) throw new ZipError('unsupported', 'zip64');
    if (size > limits.maxEntryBytes) throw new ZipError('too_large', name);
    entries.set(name, { method, compressedSize, size, offset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  let inflated = 0;
  return {
    names: [...entries.keys()],
    read(name) {
      const entry = entries.get(name);
      if (!entry) throw new ZipError('corrupt', `${name} (missing)`);
      if (inflated + entry.size > limits.maxTotalBytes) throw new ZipError('too_large', name);
      const data = entryData(bytes, view, entry, name);
      const out = entry.method === 0 ? data.slice() : inflateBounded(data, entry.size, name);
      if (out.length !== entry.size) throw new ZipError('corrupt', `${name} (size)`);
      inflated += out.length;
      return out;
    },
  };
}

function findEndOfDirectory(bytes: Uint8Array, view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === 0x06054b50) return at;
  }
  throw new ZipError('not_zip', 'no end of central directory');
}

function entryData(bytes: Uint8Array, view: DataView, entry: Entry, name: string): Uint8Array {
  const at = entry.offset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw new ZipError('corrupt', name);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError('corrupt', name);
  return bytes.subarray(start, end);
}

/** Inflates in slices and stops as soon as the output passes what the directory declared. */
function inflateBounded(data: Uint8Array, declared: number, name: string): Uint8Array {
  const out = new Uint8Array(declared);
  let length = 0;
  const inflate = new Inflate((chunk) => {
    if (length + chunk.length > declared) throw new ZipError('too_large', name);
    out.set(chunk, length);
    length += chunk.length;
  });
  const step = 1 << 16;
  try {
    for (let at = 0; at < data.length; at += step) {
      inflate.push(data.subarray(at, Math.min(at + step, data.length)), at + step >= data.length);
    }
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError('corrupt', name);
  }
  return out.subarray(0, length);
}
