import type { CliContext } from './cliContext.js';
import type { ExitCode } from './cliFailure.js';
import type { CliLang } from './cliText.js';

/** The option types `node:util` parseArgs understands. */
export type OptionSpec = Record<
  string,
  { type: 'string' | 'boolean'; short?: string; default?: string | boolean }
>;

/** One subcommand: its options, how many positional arguments it takes, and what it does. */
export interface Command {
  name:
    | 'templates'
    | 'template'
    | 'validate'
    | 'print'
    | 'report'
    | 'anonymise'
    | 'export'
    | 'demo'
    | 'aggregate'
    | 'merge'
    | 'serve'
    | 'sample'
    | 'rates'
    | 'weights';
  /** The `--help` text, for commands whose texts live outside cliText. */
  help?: Record<CliLang, string>;
  options: OptionSpec;
  /** Names of the positional arguments, for the "please give …" message. */
  positionals: readonly string[];
  /**
   * How many positional arguments the options allow; by default exactly `positionals.length`. The
   * last positional repeats when `max` exceeds that.
   */
  arity?: (values: Record<string, string | boolean | undefined>) => { min: number; max: number };
  run(
    context: CliContext,
    values: Record<string, string | boolean | undefined>,
    positionals: readonly string[],
  ): Promise<ExitCode>;
}
