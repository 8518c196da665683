import { parseArgs } from 'node:util';
import { type CliIo, cliContext } from './cliContext.js';
import { CliFailure, EXIT } from './cliFailure.js';
import type { CliLang } from './cliText.js';
import type { Command } from './command.js';

// Each command's module is loaded when it is run, so that a command pays only for what it uses
// (loading every command took about 0.4 s, most of what `kizuki merge` of 1,741 states costs).
const COMMANDS = new Map<string, () => Promise<Command>>([
  ['templates', async () => (await import('./templatesCommand.js')).templatesCommand],
  ['template', async () => (await import('./templateCommand.js')).templateCommand],
  ['validate', async () => (await import('./validateCommand.js')).validateCommand],
  ['print', async () => (await import('./printCommand.js')).printCommand],
  ['report', async () => (await import('./reportCommand.js')).reportCommand],
  ['anonymise', async () => (await import('./anonymiseCommand.js')).anonymiseCommand],
  ['export', async () => (await import('./exportCommand.js')).exportCommand],
  ['demo', async () => (await import('./demoCommand.js')).demoCommand],
  ['aggregate', async () => (await import('./aggregateCommand.js')).aggregateCommand],
  ['merge', async () => (await import('./mergeCommand.js')).mergeCommand],
  ['serve', async () => (await import('./serveCommand.js')).serveCommand],
  ['sample', async () => (await import('./sampleCommand.js')).sampleCommand],
  ['rates', async () => (await import('./ratesCommand.js')).ratesCommand],
  ['weights', async () => (await import('./weightsCommand.js')).weightsCommand],
]);

/**
 * The command's streams and working directory when run as a process. A closed pipe (`kizuki … | head`)
 * ends the process quietly instead of with a stack trace.
 */
export function processIo(): CliIo {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}

/**
 * Runs the `kizuki` command with its arguments (without `node` and the script) and returns the exit
 * code: 0 success, 1 problems in the input or data, 2 usage error, 3 a file could not be read or
 * written. Output goes to `io`, so tests and other programs can capture it.
 *
 * @example
 * ```ts
 * import { runCli } from './dist/cli.js';
 * process.exitCode = await runCli(['report', 'bias-awareness-community', 'responses.csv', '--by', 'sex']);
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const requested = findLang(argv);
  const lang: CliLang = requested === 'en' ? 'en' : 'ja';
  const context = cliContext(io, lang);
  const { text } = context;
  if (requested !== undefined && requested !== 'ja' && requested !== 'en') {
    context.err(text.usage.badLang(requested));
    return EXIT.usage;
  }
  const index = argv.findIndex((a) => !a.startsWith('-') && !isLangValue(argv, a));
  const name = index < 0 ? undefined : argv[index];
  if (name === undefined) {
    const help = argv.includes('--help') || argv.includes('-h');
    (help ? context.out : context.err)(text.help);
    return help ? EXIT.ok : EXIT.usage;
  }
  const load = COMMANDS.get(name);
  if (load === undefined) {
    context.err(text.usage.unknownCommand(name));
    context.err(text.usage.seeHelp());
    return EXIT.usage;
  }
  const command = await load();
  const rest = [...argv.slice(0, index), ...argv.slice(index + 1)];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    context.err(text.usage.badOption(error instanceof Error ? error.message : String(error)));
    context.err(text.usage.seeHelp(name));
    return EXIT.usage;
  }
  if (parsed.values.help === true) {
    context.out(command.help?.[lang] ?? text.commands[command.name as keyof typeof text.commands]);
    return EXIT.ok;
  }
  const positionals = parsed.positionals;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const arity = command.arity?.(values) ?? {
    min: command.positionals.length,
    max: command.positionals.length,
  };
  if (positionals.length < arity.min) {
    context.err(text.usage.needArgs(command.positionals.slice(positionals.length, arity.min).join(' ')));
    context.err(text.usage.seeHelp(name));
    return EXIT.usage;
  }
  if (positionals.length > arity.max) {
    context.err(text.usage.tooManyArgs(positionals.slice(arity.max).join(' ')));
    context.err(text.usage.seeHelp(name));
    return EXIT.usage;
  }
  try {
    return await command.run(context, values, positionals);
  } catch (error) {
    if (error instanceof CliFailure) {
      context.err(error.message);
      if (error.exitCode === EXIT.usage) context.err(text.usage.seeHelp(name));
      return error.exitCode;
    }
    context.err(text.lines.internal(error instanceof Error ? (error.stack ?? error.message) : String(error)));
    return EXIT.invalid;
  }
}

/** The value of `--lang` wherever it stands, so that even usage errors speak the chosen language. */
function findLang(argv: readonly string[]): string | undefined {
  let lang: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === '--lang') lang = argv[i + 1] ?? '';
    else if (arg.startsWith('--lang=')) lang = arg.slice('--lang='.length);
  });
  return lang;
}

function isLangValue(argv: readonly string[], arg: string): boolean {
  const i = argv.indexOf(arg);
  return i > 0 && argv[i - 1] === '--lang';
}
