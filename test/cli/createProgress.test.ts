import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/createProgress.js';

const io = (isTTY: boolean) => {
  const written: string[] = [];
  return {
    written,
    io: { stdout: { write: () => true }, stderr: { isTTY, write: (t: string) => written.push(t) }, cwd: '.' },
  };
};

describe('createProgress', () => {
  it('draws bytes by default and the caller’s own amount when given, on a terminal only', () => {
    const bytes = io(true);
    const p = createProgress(bytes.io, 'Reading', 2_000_000);
    p.update(1_000_000);
    expect(bytes.written.at(-1)).toContain('50%  1.0 / 2.0 MB');
    p.finish();
    expect(bytes.written.at(-1)).toBe('\r\x1b[2K');

    const cycles = io(true);
    createProgress(cycles.io, 'Raking (cycles)', 0, (cycle) => `${cycle}`).update(7);
    expect(cycles.written.at(-1)).toMatch(/Raking \(cycles\) \[░+\] 7$/);

    const piped = io(false);
    createProgress(piped.io, 'Raking (cycles)', 0, (cycle) => `${cycle}`).update(7);
    expect(piped.written).toEqual([]);
  });
});
