// "Progress bars on long steps" (issue #14) for `kizuki sample`: a register of a million people
// takes seconds after its bytes are read (see docs/performance.md), so on a terminal the rows
// being checked and the draw itself show on standard error; piped, nothing does.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'kizuki-sample-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Just over the 65,536 rows from which the bars show.
const ROWS = 70_000;
const AREAS = ['北', '南', '東'];
writeFileSync(
  join(dir, 'frame.csv'),
  `id,area\n${Array.from({ length: ROWS }, (_, i) => `P${i},${AREAS[i % 3]}`).join('\n')}\n`,
);

async function sample(isTTY: boolean, out: string, rows = 'frame.csv') {
  const stderr: string[] = [];
  const stdout: string[] = [];
  const code = await runCli(
    [
      'sample',
      rows,
      '--size',
      rows === 'frame.csv' ? '300' : '2',
      '--strata',
      'area',
      '--seed',
      '1',
      '--out',
      out,
    ],
    {
      cwd: dir,
      stdout: { write: (t: string) => stdout.push(t) },
      stderr: { isTTY, write: (t: string) => stderr.push(t) },
    },
  );
  return { code, stderr: stderr.join(''), stdout: stdout.join('') };
}

describe('kizuki sample on a large frame', () => {
  it('shows the rows checked and the draw on a terminal, clears them, and draws the same sample', async () => {
    const tty = await sample(true, 'tty');
    expect(tty.code, tty.stderr).toBe(0);
    expect(tty.stderr).toMatch(/行を確認中 \[[█░]+\] 65,536 \/ 70,000 行/);
    expect(tty.stderr).toContain('標本を抽出中 [░░░░░░░░░░░░░░░░░░░░░░░░] 名簿 70,000 人から');
    // Every bar is wiped before anything else is written.
    expect(tty.stderr.endsWith('\r\x1b[2K')).toBe(true);
    const piped = await sample(false, 'piped');
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    // The same people (invitation codes are random by design, so only the ids are compared).
    const ids = (out: string) => {
      const [header, ...lines] = readFileSync(join(dir, out, 'sample.csv'), 'utf8')
        .trim()
        .split('\n');
      const at = header!.split(',').indexOf('id');
      return lines.map((line) => line.split(',')[at]);
    };
    expect(ids('tty')).toEqual(ids('piped'));
    expect(new Set(ids('tty')).size).toBe(300);
  });

  it('shows no rows or draw line for a small frame', async () => {
    writeFileSync(join(dir, 'small.csv'), `id,area\n${AREAS.map((a, i) => `S${i},${a}`).join('\n')}\n`);
    const small = await sample(true, 'small', 'small.csv');
    expect(small.code, small.stderr).toBe(0);
    expect(small.stderr).not.toContain('行を確認中');
    expect(small.stderr).not.toContain('標本を抽出中');
  });
});
