import { type CliLang, type CliText, cliText } from './cliText.js';

/** Where the command reads and writes: the process by default, buffers in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** The directory relative paths start from. */
  cwd: string;
  /**
   * The URL of the built module (`dist/cli.js`) that worker threads load. Without it, every file
   * is read in one thread.
   */
  workerEntry?: string;
}

/** What every command gets: the streams, the language and its texts. */
export interface CliContext {
  io: CliIo;
  lang: CliLang;
  text: CliText;
  /** A line to standard output. */
  out(line: string): void;
  /** A line to standard error. */
  err(line: string): void;
}

/** Builds the context of one run. */
export function cliContext(io: CliIo, lang: CliLang): CliContext {
  return {
    io,
    lang,
    text: cliText[lang],
    out: (line) => io.stdout.write(`${line}\n`),
    err: (line) => io.stderr.write(`${line}\n`),
  };
}
