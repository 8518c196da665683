import { accessSync, constants, createReadStream, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';

/** A path from the command line, made absolute against the working directory. */
export function resolvePath(context: CliContext, path: string): string {
  return resolve(context.io.cwd, path);
}

function reason(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ENOENT') return code;
  return error instanceof Error ? error.message : String(error);
}

function cannotRead(context: CliContext, path: string, error: unknown): never {
  throw new CliFailure(EXIT.io, context.text.io.cannotRead(path, reason(error)));
}

/** The bytes of a file, or fails with exit code 3 naming it (for files hashed before decoding). */
export async function readBytesFile(context: CliContext, path: string): Promise<Buffer> {
  try {
    return await readFile(resolvePath(context, path));
  } catch (error) {
    return cannotRead(context, path, error);
  }
}

/**
 * The same, synchronously: for many files each read just before it is worked on and let go after,
 * which keeps the bytes in the processor's cache and out of the heap.
 */
export function readBytesFileSync(context: CliContext, path: string): Buffer {
  try {
    return readFileSync(resolvePath(context, path));
  } catch (error) {
    return cannotRead(context, path, error);
  }
}

/** Whether a path is a regular file this process may read (a pipe or a device is not). */
export function isReadableFile(context: CliContext, path: string): boolean {
  const target = resolvePath(context, path);
  try {
    accessSync(target, constants.R_OK);
    return statSync(target).isFile();
  } catch {
    return false;
  }
}

/** The text of a UTF-8 file, or fails with exit code 3 naming it. */
export async function readTextFile(context: CliContext, path: string): Promise<string> {
  return (await readBytesFile(context, path)).toString('utf8');
}

/** The size of a readable file in bytes, or fails with exit code 3. */
export async function fileSize(context: CliContext, path: string): Promise<number> {
  try {
    const info = await stat(resolvePath(context, path));
    if (!info.isFile()) throw new Error(path);
    return info.size;
  } catch (error) {
    throw new CliFailure(EXIT.io, context.text.io.cannotRead(path, reason(error)));
  }
}

/** Large reads: fewer, bigger chunks cost the CSV parser less than many small ones. */
export const READ_CHUNK_BYTES = 1 << 20;

/** A byte stream of a file; read errors surface while iterating. */
export function openFile(context: CliContext, path: string) {
  return createReadStream(resolvePath(context, path), { highWaterMark: READ_CHUNK_BYTES });
}

/** Writes a file, creating its folder, or fails with exit code 3. */
export async function writeTextFile(context: CliContext, path: string, content: string): Promise<void> {
  const target = resolvePath(context, path);
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  } catch (error) {
    throw new CliFailure(EXIT.io, context.text.io.cannotWrite(path, reason(error)));
  }
}
