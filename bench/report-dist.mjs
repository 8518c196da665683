// Runs `kizuki` from a given build (for comparing builds in the same session: this branch's dist/
// against a copy of main's) and prints wall time, process CPU time (worker threads included) and
// peak resident set as one line of JSON on stderr.
// Usage: node bench/report-dist.mjs /abs/path/to/dist ARGS… (e.g. report TEMPLATE FILE --by sex --out r.html).
const [dist, ...args] = process.argv.slice(2);
const { runCli } = await import(`${dist}/cli.js`);
const wall = performance.now();
const cpu = process.cpuUsage();
const code = await runCli(args, {
  stdout: { write: () => true },
  stderr: { write: () => true },
  cwd: process.cwd(),
  workerEntry: new URL(`${dist}/cli.js`, 'file:///').href,
});
const used = process.cpuUsage(cpu);
process.stderr.write(
  `${JSON.stringify({
    dist,
    code,
    wall: +((performance.now() - wall) / 1000).toFixed(2),
    cpu: +((used.user + used.system) / 1e6).toFixed(2),
    rssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
process.exitCode = code;
