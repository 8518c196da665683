import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthesiseResponses } from '../../src/cli/synthesiseResponses.js';
import { responsesToCsv } from '../../src/io/index.js';
import { loadTemplate } from '../../src/schema/index.js';
import { createAggregator } from '../../src/scoring/index.js';
import { getTemplate } from '../../src/templates/index.js';
import { builtCli } from '../helpers/builtCli.js';

const { work, kizuki } = builtCli('states');

const read = (name: string) => readFileSync(join(work, name), 'utf8');

const ID = 'bias-awareness-community';
const survey = loadTemplate(getTemplate(ID)!);
const shards = [1, 2, 3].map((seed) => synthesiseResponses(survey, { n: 40 + seed * 7, seed }));
shards.forEach((responses, i) => {
  writeFileSync(join(work, `town${i}.csv`), responsesToCsv(survey, responses));
});

describe('kizuki aggregate / merge / report --state', () => {
  it('shows help for aggregate and merge in Japanese and English', () => {
    for (const command of ['aggregate', 'merge']) {
      expect(kizuki(command, '--help').stdout).toContain(`使い方: kizuki ${command}`);
      expect(kizuki(command, '-h', '--lang', 'en').stdout).toContain(`Usage: kizuki ${command}`);
    }
  }, 60_000);

  it('writes states that merge into the tally of all rows in one pass, and reports from them', () => {
    for (const i of [0, 1, 2]) {
      const r = kizuki(
        'aggregate',
        ID,
        `town${i}.csv`,
        '--by',
        'sex',
        '--out',
        `s${i}.json`,
        '--municipality',
        `town${i}`,
        '--date',
        '2026-06-01',
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`s${i}.json`);
    }
    const state = JSON.parse(read('s0.json'));
    expect(state.format).toBe('kizuki-state');
    expect(state.version).toBe(1);
    expect(state.template).toEqual({ id: ID, version: survey.template.version, hash: survey.hash });
    expect(state.by).toEqual(['sex']);
    expect(state.minGroupSize).toBe(5);
    expect(state.municipalities).toEqual(['town0']);
    expect(state.waveDate).toBe('2026-06-01');
    expect(state.confidentiality.ja).toContain('機密');
    expect(state.confidentiality.en).toContain('confidential');
    expect(read('s0.json')).not.toContain(shards[0]![0]!.respondentId as string);

    const merged = kizuki('merge', 's2.json', 's0.json', 's1.json', '--out', 'national.json', '--lang', 'en');
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('Merged 3 state files');
    const national = JSON.parse(read('national.json'));
    expect(national.municipalities).toEqual(['town0', 'town1', 'town2']);
    const onePass = createAggregator(survey, { by: ['sex'] });
    for (const r of shards.flat()) onePass.add(r);
    const expected = onePass.toJSON();
    expect(national.aggregate.counts).toEqual(expected.counts);
    expect(national.aggregate.cellRespondents).toEqual(expected.cellRespondents);
    expect(national.aggregate.responses).toBe(shards.flat().length);
    national.aggregate.scores.forEach((x: number, i: number) => {
      expect(x).toBeCloseTo(expected.scores[i]!, 9);
    });

    const report = kizuki('report', ID, '--state', 'national.json', '--out', 'national.html');
    expect(report.code, report.stderr).toBe(0);
    expect(read('national.html')).toContain('<html');
  }, 120_000);

  it('compares a municipality with all participating ones, counting its own responses once', () => {
    // s0..s2 were written by the test above; national.json holds town0..town2, rest.json only town1, town2.
    expect(kizuki('merge', 's1.json', 's2.json', '--out', 'rest.json').code).toBe(0);
    const peersTable = (name: string) => {
      const html = read(name);
      const section = html.slice(html.indexOf('<section id="peers">'), html.indexOf('<section id="notes">'));
      expect(section).toContain('<table');
      return section.slice(section.indexOf('</p>'));
    };
    const args = ['report', ID, 'town0.csv', '--municipality', 'town0', '--lang', 'en'];
    const inside = kizuki(...args, '--peers', 'national.json', '--out', 'peers-in.html');
    expect(inside.code, inside.stderr).toBe(0);
    expect(read('peers-in.html')).toContain('all 3 participating municipalities together');
    const outside = kizuki(...args, '--peers', 'rest.json', '--out', 'peers-out.html');
    expect(outside.code, outside.stderr).toBe(0);
    expect(read('peers-out.html')).toContain('they were not in the merged state, so they were added');
    // The same "all" figures either way: town0 is in them exactly once.
    expect(peersTable('peers-out.html')).toBe(peersTable('peers-in.html'));
    const noName = kizuki('report', ID, 'town0.csv', '--peers', 'national.json', '--lang', 'en');
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('--peers needs --municipality');
    const otherBy = kizuki(...args, '--by', 'age_band', '--peers', 'national.json', '--out', 'x.html');
    expect(otherBy.code).toBe(1);
    expect(otherBy.stderr).toContain('national.json groups by (sex)');
  }, 120_000);

  it('suppresses small groups again in every report from a state, never below the state threshold', () => {
    const r = kizuki(
      'aggregate',
      ID,
      'town0.csv',
      '--by',
      'sex,age_band',
      '--min-group',
      '30',
      '--out',
      'big-min.json',
    );
    expect(r.code, r.stderr).toBe(0);
    const rep = kizuki(
      'report',
      ID,
      '--state',
      'big-min.json',
      '--min-group',
      '2',
      '--out',
      'big-min.html',
      '--lang',
      'en',
    );
    expect(rep.code, rep.stderr).toBe(0);
    const html = read('big-min.html');
    const agg = createAggregator(survey, { by: ['sex', 'age_band'] });
    for (const x of shards[0]!) agg.add(x);
    const small = agg.result({ minGroupSize: 30 }).groups.filter((g) => g.suppressed);
    expect(small.length).toBeGreaterThan(0);
    expect(html).toContain('fewer than 30 respondents, not shown');
    expect(html).not.toContain('fewer than 2 respondents');
    // The report's group table shows every group's count, or the mark when it is suppressed.
    const shown = agg.result({ minGroupSize: 30 }).groups.filter((g) => !g.suppressed && g.respondents > 0);
    const marks = html.split('>—<').length - 1;
    expect(marks).toBeGreaterThanOrEqual(small.length);
    expect(shown.length).toBeGreaterThan(0);
  }, 120_000);

  it('refuses incompatible, duplicate, altered and corrupt states, naming the file, in ja and en', () => {
    kizuki('aggregate', ID, 'town1.csv', '--by', 'age_band', '--out', 'by-age.json');
    kizuki(
      'aggregate',
      ID,
      'town1.csv',
      '--by',
      'sex',
      '--min-group',
      '10',
      '--out',
      'min10.json',
      '--municipality',
      'x',
    );
    kizuki('aggregate', ID, 'town1.csv', '--by', 'sex', '--out', 'dup.json', '--municipality', 'town0');
    const cases: [string[], string, string][] = [
      [['s0.json', 'by-age.json'], 'by-age.json', 'groups by (age_band)'],
      [['s0.json', 'min10.json'], 'min10.json', 'hides groups below 10'],
      [['s0.json', 'dup.json'], 'dup.json', 'municipality "town0"'],
      [['s0.json', 's0.json'], 's0.json', 'municipality "town0"'],
    ];
    for (const [files, named, en] of cases) {
      const e = kizuki('merge', ...files, '--out', 'bad.json', '--lang', 'en');
      expect(e.code, files.join(' ')).toBe(1);
      expect(e.stderr).toContain(named);
      expect(e.stderr).toContain(en);
    }
    const j = kizuki('merge', 's0.json', 'by-age.json', '--out', 'bad.json');
    expect(j.code).toBe(1);
    expect(j.stderr).toContain('by-age.json のグループ分けの質問（age_band）');
    const altered = JSON.parse(read('s1.json'));
    altered.aggregate.counts[0] += 1;
    writeFileSync(join(work, 'altered.json'), JSON.stringify(altered));
    const a = kizuki('merge', 's0.json', 'altered.json', '--out', 'bad.json', '--lang', 'en');
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('altered.json was changed or damaged');
    const aj = kizuki('report', ID, '--state', 'altered.json');
    expect(aj.stderr).toContain('altered.json は書き出した後に変更された');
    writeFileSync(join(work, 'corrupt.json'), read('s1.json').slice(0, 200));
    const c = kizuki('report', ID, '--state', 'corrupt.json', '--lang', 'en');
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('corrupt.json cannot be read as a state file');
    // Files are read one at a time as they are merged, but one that cannot be read is still named
    // before any state is looked at (a damaged file comes first here), as when all were read first.
    const missing = kizuki('merge', 's0.json', 'corrupt.json', 'missing.json', '--out', 'bad.json');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('ファイル missing.json を読めません: ENOENT');
    const folder = kizuki('merge', 'corrupt.json', '.', '--out', 'bad.json', '--lang', 'en');
    expect(folder.code).toBe(3);
    expect(folder.stderr).toContain('Cannot read .: ');
    // A pipe (as from `<(…)`), first so that the template is read from it: read once, before the
    // merge, and merged like the file it carries.
    execFileSync('mkfifo', [join(work, 'pipe.json')]);
    const writer = spawn('sh', ['-c', 'cat s1.json > pipe.json'], { cwd: work });
    const piped = kizuki('merge', 'pipe.json', 's0.json', '--out', 'piped.json');
    expect(piped.code).toBe(0);
    expect(kizuki('merge', 's1.json', 's0.json', '--out', 'plain.json').code).toBe(0);
    expect(read('piped.json')).toBe(read('plain.json'));
    writer.kill();
    const other = kizuki('report', 'example-all-features', '--state', 's0.json', '--lang', 'en');
    expect(other.code).toBe(1);
    expect(other.stderr).toContain(`s0.json is a state of template "${ID}"`);
    const none = kizuki('merge', 's0.json', '--lang', 'en');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('needs --out');
  }, 300_000);
});
