// Runs the built `kizuki report` in this process and prints how long it took and the peak memory
// (resident set, which covers the worker threads too) as one line of JSON on stderr.
// Usage: node bench/report-1m.mjs ARGS… (the arguments of `kizuki`). Run `npm run build` first.
import { runCli } from '../dist/cli.js';

const started = performance.now();
const code = await runCli(process.argv.slice(2), {
  stdout: { write: () => true },
  stderr: process.stderr,
  cwd: process.cwd(),
  workerEntry: new URL('../dist/cli.js', import.meta.url).href,
});
const seconds = (performance.now() - started) / 1000;
process.stderr.write(
  `${JSON.stringify({ code, seconds, peakRssMB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
process.exitCode = code;
