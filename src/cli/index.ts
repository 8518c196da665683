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
export { runReportWorker } from './reportWorker.js';
export { processIo, runCli } from './runCli.js';
