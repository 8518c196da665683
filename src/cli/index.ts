/**
 * The `kizuki` command (Node only). `bin/kizuki.mjs` runs {@link runCli}; worker threads of
 * `kizuki report` load {@link runReportWorker} from the same built module.
 *
 * @packageDocumentation
 */
export type { CliIo } from './cliContext.js';
export type { ExitCode } from './cliFailure.js';
export { EXIT } from './cliFailure.js';
export type { ReportWorkerData, ReportWorkerMessage } from './reportWorker.js';
export { processIo, runCli } from './runCli.js';

/**
 * The body of a process that reads one part of a large CSV file for `kizuki report`; loads its
 * module only when called, so that starting the command does not load the reader. Exported from
 * the built module only so that those processes can load it; not for other use.
 */
export async function runReportWorker(
  ...args: Parameters<typeof import('./reportWorker.js').runReportWorker>
): Promise<void> {
  return (await import('./reportWorker.js')).runReportWorker(...args);
}
