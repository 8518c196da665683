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
import { readBytesFile } from './fileAccess.js';

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
 * Reads state files (a few at a time) and yields each checked for format and checksum, parsing one
 * only when it is taken (each time the list is walked), so that a merge holds the files' bytes but
 * never every parsed state at once.
 * Fails naming the file.
 */
export async function readStateFiles(
  context: CliContext,
  paths: readonly string[],
): Promise<Iterable<NamedState>> {
  const files: Uint8Array[] = new Array(paths.length);
  let next = 0;
  const reader = async () => {
    for (let i = next++; i < paths.length; i = next++) files[i] = await readBytesFile(context, paths[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(16, paths.length) }, reader));
  const options = { locale: context.lang, sha256, sha256OfBytes };
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < paths.length; i++) {
        const file = paths[i]!;
        yield { file, state: stateWork(() => readStateFile(files[i]!, { file, ...options })) };
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
