/** Exit codes of the command, as documented in docs/cli. */
export const EXIT = { ok: 0, invalid: 1, usage: 2, io: 3 } as const;

/** An exit code of the command. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Ends a command with a message for people and an exit code. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
  readonly exitCode: ExitCode;
  constructor(exitCode: ExitCode, message: string) {
    super(message);
    this.exitCode = exitCode;
  }
}
