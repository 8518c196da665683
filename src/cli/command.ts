import type { CliContext } from './cliContext.js';
import type { ExitCode } from './cliFailure.js';

/** The option types `node:util` parseArgs understands. */
export type OptionSpec = Record<
  string,
  { type: 'string' | 'boolean'; short?: string; default?: string | boolean }
>;

/** One subcommand: its options, how many positional arguments it takes, and what it does. */
export interface Command {
  name: 'templates' | 'validate' | 'print' | 'report' | 'anonymise' | 'export' | 'demo' | 'serve';
  options: OptionSpec;
  /** Names of the positional arguments, for the "please give …" message. */
  positionals: readonly string[];
  run(
    context: CliContext,
    values: Record<string, string | boolean | undefined>,
    positionals: readonly string[],
  ): Promise<ExitCode>;
}
