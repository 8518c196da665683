import { createHash } from 'node:crypto';
import type { Survey } from '../schema/index.js';
import {
  type Aggregator,
  type NamedState,
  readStateFile,
  ScoringError,
  type StateFile,
  stateAggregator,
} from '../scoring/index.js';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import { isReadableFile, readBytesFileSync } from './fileAccess.js';

/** Runs library work on state files; its scoring errors (which name the file) end the command. */
export function stateWork<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ScoringError) throw new CliFailure(EXIT.invalid, error.issues[0]!.message);
    throw error;
  }
}

// Node's SHA-256 is about 5× kizuki's portable one; merging 1,741 states hashes 66 MB. The files
// are read as bytes and hashed as they are: decoding them to text and encoding it again for the
// hash cost more than the hash itself, and bytes take half the memory of the (two-byte) texts.
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const sha256OfBytes = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Reads state files and yields each checked for format and checksum, reading and parsing one only
 * when it is taken (each time the list is walked), so that a merge never holds every file or every
 * parsed state at once. An unreadable file is named before any state is looked at, as when every
 * file was read first: each path is checked up front, and one that is not a readable regular file
 * (a pipe, a folder, a missing file) is read at once, which either fails with the read's own error
 * or keeps the bytes of a pipe that cannot be read twice. Fails naming the file.
 */
export async function readStateFiles(
  context: CliContext,
  paths: readonly string[],
): Promise<Iterable<NamedState>> {
  // Reading each file just before parsing it, instead of all 1,741 of a national merge first (16
  // at a time, asynchronously), took the merge from about 1.55 s to 1.1 s of CPU: the bytes are
  // still in the cache when they are hashed and parsed, and 66 MB of them never sit in memory.
  const early = new Map<number, Uint8Array>();
  paths.forEach((path, i) => {
    if (!isReadableFile(context, path)) early.set(i, readBytesFileSync(context, path));
  });
  const options = { locale: context.lang, sha256, sha256OfBytes };
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < paths.length; i++) {
        const file = paths[i]!;
        const bytes = early.get(i) ?? readBytesFileSync(context, file);
        yield { file, state: stateWork(() => readStateFile(bytes, { file, ...options })) };
      }
    },
  };
}

/** Reads one state file and restores its aggregator for `survey`; fails naming the file. */
export async function readStateAggregator(
  context: CliContext,
  path: string,
  survey: Survey,
): Promise<{ state: StateFile; aggregator: Aggregator }> {
  const [named] = await readStateFiles(context, [path]);
  const state = named!.state;
  const aggregator = stateWork(() => stateAggregator(state, { survey, file: path, locale: context.lang }));
  return { state, aggregator };
}
