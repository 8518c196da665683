// Runs `kizuki` from a given build (for comparing builds in the same session: this branch's dist/
// against a copy of main's) and prints wall time, CPU time and peak memory as one line of JSON on
// stderr. CPU covers worker threads and finished child processes; memory is the peak of this
// process's resident set plus its child processes' (sampled every 20 ms from /proc; Linux only).
// Usage: node bench/report-dist.mjs /abs/path/to/dist ARGS… (e.g. report TEMPLATE FILE --by sex --out r.html).
import { readdirSync, readFileSync } from 'node:fs';

const [dist, ...args] = process.argv.slice(2);
const { runCli } = await import(`${dist}/cli.js`);

/** Resident set of a process and its descendants, in kB (0 for a process that has gone). */
function treeRss(pid) {
  try {
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    let children = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ')) {
        if (child.trim() !== '') children += treeRss(child.trim());
      }
    }
    return rss + children;
  } catch {
    return 0;
  }
}

/** User + system CPU seconds of this process's waited-for children (fields 16 and 17 of /proc/self/stat). */
function childrenCpu() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

let peakTreeKB = 0;
const sampler = setInterval(() => {
  peakTreeKB = Math.max(peakTreeKB, treeRss(process.pid));
}, 20);
const wall = performance.now();
const cpu = process.cpuUsage();
const childCpu = childrenCpu();
const code = await runCli(args, {
  stdout: { write: () => true },
  stderr: { write: () => true },
  cwd: process.cwd(),
  workerEntry: new URL(`${dist}/cli.js`, 'file:///').href,
});
clearInterval(sampler);
const used = process.cpuUsage(cpu);
process.stderr.write(
  `${JSON.stringify({
    dist,
    code,
    wall: +((performance.now() - wall) / 1000).toFixed(2),
    cpu: +((used.user + used.system) / 1e6 + childrenCpu() - childCpu).toFixed(2),
    rssMB: Math.round(Math.max(process.resourceUsage().maxRSS, peakTreeKB) / 1024),
  })}\n`,
);
process.exitCode = code;
