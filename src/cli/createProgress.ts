import type { CliIo } from './cliContext.js';

/** A progress bar on standard error. */
export interface Progress {
  /** Reports how much is done, in the unit of `total`. */
  update(done: number): void;
  /** Removes the bar. */
  finish(): void;
}

const WIDTH = 24;
const INTERVAL_MS = 100;

/**
 * A progress bar for long work, drawn on standard error only when it is a terminal: piped or
 * redirected output, logs and CI stay free of it. `total` is in bytes (0 draws a spinner-less count)
 * unless `amount` says how to show the work done, for work not counted in bytes.
 */
export function createProgress(
  io: CliIo,
  label: string,
  total: number,
  amount?: (done: number) => string,
): Progress {
  const stream = io.stderr;
  if (stream.isTTY !== true) return { update() {}, finish() {} };
  let last = 0;
  let drawn = false;
  const megabytes = (bytes: number) => (bytes / 1_000_000).toFixed(1);
  return {
    update(done) {
      const now = Date.now();
      if (now - last < INTERVAL_MS) return;
      last = now;
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(ratio * WIDTH);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
      const shown = amount
        ? amount(done)
        : total > 0
          ? `${Math.round(ratio * 100)}%  ${megabytes(done)} / ${megabytes(total)} MB`
          : `${megabytes(done)} MB`;
      stream.write(`\r\x1b[2K${label} [${bar}] ${shown}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
