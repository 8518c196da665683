// The parallel reader's check for a respondent id read in two slices looks at hashes first and
// compares the ids only when hashes meet. Hashes of different ids can meet by chance; here they are
// made to meet always, so the comparison of the ids must decide (and must find no repeat).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { synthesiseResponses } from '../../src/cli/synthesiseResponses.js';
import type * as WaveIdsModule from '../../src/cli/waveIds.js';
import { responsesToCsv } from '../../src/io/index.js';
import { loadTemplate } from '../../src/schema/index.js';
import { getTemplate } from '../../src/templates/index.js';

const meetings = vi.hoisted(() => ({ forced: false, asked: 0 }));
vi.mock('../../src/cli/waveIds.js', async (importOriginal) => {
  const actual = await importOriginal<typeof WaveIdsModule>();
  return {
    ...actual,
    hashesMeet: (lists: readonly Int32Array[]) => {
      meetings.asked += 1;
      return meetings.forced || actual.hashesMeet(lists);
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), 'kizuki-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const workerEntry = pathToFileURL(join(import.meta.dirname, '../../dist/cli.js')).href;

async function report(file: string, jobs: string) {
  const stderr: string[] = [];
  const out = `${file}-${jobs}.html`;
  const code = await runCli(
    ['report', 'example-all-features', file, '--by', 'sex', '--out', out, '--jobs', jobs],
    {
      cwd: dir,
      stdout: { write: () => true },
      stderr: { write: (t: string) => stderr.push(t) },
      workerEntry,
    },
  );
  return { code, stderr: stderr.join(''), html: readFileSync(join(dir, out), 'utf8') };
}

describe('readInParallel when the hashes of different ids meet', () => {
  const survey = loadTemplate(getTemplate('example-all-features')!);

  it('compares the ids, finds none repeated, and keeps the threads’ result', async () => {
    writeFileSync(
      join(dir, 'many.csv'),
      responsesToCsv(survey, synthesiseResponses(survey, { n: 300, seed: 5 })),
    );
    const one = await report('many.csv', '1');
    meetings.forced = true;
    meetings.asked = 0;
    const three = await report('many.csv', '3');
    meetings.forced = false;
    expect(meetings.asked).toBe(1);
    expect(three.code).toBe(0);
    expect(three.stderr).toContain('3 スレッドで並行して読み込みます。');
    expect(three.stderr).not.toContain('1スレッドで読み直します');
    expect(three.html).toBe(one.html);
  });

  it('still reads again in one thread when an id really is in two slices', async () => {
    const responses = synthesiseResponses(survey, { n: 300, seed: 6 });
    responses[299] = { ...responses[299]!, respondentId: responses[0]!.respondentId };
    writeFileSync(join(dir, 'dup.csv'), responsesToCsv(survey, responses));
    meetings.forced = true;
    const three = await report('dup.csv', '3');
    meetings.forced = false;
    expect(three.code).toBe(1);
    expect(three.stderr).toContain('1スレッドで読み直します');
    expect(three.html).toBe((await report('dup.csv', '1')).html);
  });
});
