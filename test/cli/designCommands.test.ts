import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { aaporRates, allocateSample, calibrate, dispositionClass, rake } from '../../src/design/index.js';
import { builtCli } from '../helpers/builtCli.js';

const { work, kizuki } = builtCli('design');

const readCsv = (name: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(work, name), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });

const DISTRICTS = ['北', '南', '東'];
const frameRows = Array.from({ length: 230 }, (_, i) => ({
  id: `P${i}`,
  district: DISTRICTS[(i * 7) % 3 === 0 ? 0 : i % 5 === 0 ? 1 : 2]!,
  age: String(18 + (i % 70)),
  name: `氏名${i}`,
  address: `住所${i}`,
}));
const frameCsv = Papa.unparse(frameRows);
// A BOM, as spreadsheet programs write it.
writeFileSync(join(work, 'frame.csv'), `\uFEFF${frameCsv}\n`);
const stratumSizes = DISTRICTS.map((d) => ({
  stratum: d,
  size: frameRows.filter((r) => r.district === d).length,
}));

describe('kizuki sample', () => {
  it('shows help for sample, rates and weights in Japanese and English', () => {
    for (const command of ['sample', 'rates', 'weights']) {
      expect(kizuki(command, '--help').stdout).toContain(`使い方: kizuki ${command}`);
      expect(kizuki(command, '-h', '--lang', 'en').stdout).toContain(`Usage: kizuki ${command}`);
    }
    expect(kizuki('--help').stdout).toMatch(/sample FRAME[\s\S]*rates DISPOSITIONS[\s\S]*weights RESPONSES/);
  }, 60_000);

  it('draws the allocated number per stratum and keeps contact columns out of the analysis file', () => {
    const r = kizuki(
      'sample',
      'frame.csv',
      '--size',
      '40',
      '--strata',
      'district',
      '--min',
      '5',
      '--contact',
      'name,address',
      '--seed',
      'town-2026',
      '--out',
      'draw',
    );
    expect(r.code, r.stderr).toBe(0);
    const expected = allocateSample({ strata: stratumSizes, n: 40, minimum: 5 });
    const sample = readCsv('draw/sample.csv');
    expect(sample.meta.fields).toEqual(['code', 'stratum', 'pi', 'weight', 'id', 'district', 'age']);
    for (const stratum of expected) {
      const rows = sample.data.filter((row) => row.stratum === stratum.stratum);
      expect(rows).toHaveLength(stratum.n);
      expect(r.stdout).toContain(`${stratum.stratum}: ${stratum.n} 人 / ${stratum.size} 人`);
      for (const row of rows) {
        expect(row.district).toBe(stratum.stratum);
        expect(Number(row.pi)).toBeCloseTo(stratum.n / stratum.size, 12);
        expect(Number(row.weight)).toBeCloseTo(stratum.size / stratum.n, 12);
      }
    }
    const sampleText = readFileSync(join(work, 'draw/sample.csv'), 'utf8');
    expect(sampleText).not.toMatch(/氏名|住所/);
    const mailing = readCsv('draw/mailing-list.csv');
    expect(mailing.meta.fields).toEqual(['code', 'name', 'address']);
    const invitations = readCsv('draw/invitations.csv');
    expect(invitations.meta.fields).toEqual(['code', 'stratum']);
    expect(invitations.data.map((row) => row.code)).toEqual(sample.data.map((row) => row.code));
    expect(new Set(mailing.data.map((row) => row.code))).toEqual(new Set(sample.data.map((row) => row.code)));
    // The mailing list matches each code to the sampled person's own address.
    const byId = new Map(frameRows.map((row) => [row.id, row]));
    const mailByCode = new Map(mailing.data.map((row) => [row.code, row]));
    for (const row of sample.data)
      expect(mailByCode.get(row.code!)!.address).toBe(byId.get(row.id!)!.address);
    const design = JSON.parse(readFileSync(join(work, 'draw/design.json'), 'utf8'));
    expect(design).toMatchObject({
      seed: 'town-2026',
      selection: 'srs',
      allocation: 'proportional',
      sampleSize: 40,
    });

    // The same seed draws the same people (with new invitation codes).
    expect(
      kizuki(
        'sample',
        'frame.csv',
        '--size',
        '40',
        '--strata',
        'district',
        '--min',
        '5',
        '--seed',
        'town-2026',
        '--out',
        'again',
      ).code,
    ).toBe(0);
    expect(readCsv('again/sample.csv').data.map((row) => row.id)).toEqual(sample.data.map((row) => row.id));
  }, 60_000);

  it('supports equal, fixed and systematic draws', () => {
    expect(
      kizuki(
        'sample',
        'frame.csv',
        '--size',
        '30',
        '--strata',
        'district',
        '--allocation',
        'equal',
        '--out',
        'eq',
      ).code,
    ).toBe(0);
    const counts = (file: string) =>
      Object.fromEntries(
        DISTRICTS.map((d) => [d, readCsv(file).data.filter((row) => row.stratum === d).length]),
      );
    expect(counts('eq/sample.csv')).toEqual({ 北: 10, 南: 10, 東: 10 });
    const fixed = kizuki(
      'sample',
      'frame.csv',
      '--strata',
      'district',
      '--allocation',
      'fixed',
      '--fixed',
      '北=3,南=4,東=5',
      '--out',
      'fx',
    );
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(counts('fx/sample.csv')).toEqual({ 北: 3, 南: 4, 東: 5 });
    const sys = kizuki(
      'sample',
      'frame.csv',
      '--size',
      '23',
      '--method',
      'systematic',
      '--sort',
      'age',
      '--seed',
      '3',
      '--out',
      'sys',
    );
    expect(sys.code, sys.stderr).toBe(0);
    expect(readCsv('sys/sample.csv').data).toHaveLength(23);
    expect(JSON.parse(readFileSync(join(work, 'sys/design.json'), 'utf8')).selection).toBe('systematic');
  }, 60_000);

  it('refuses bad input with messages naming the row or column, in Japanese and English', () => {
    const tooBig = kizuki('sample', 'frame.csv', '--size', '999', '--out', 'x');
    expect(tooBig.code).toBe(1);
    expect(tooBig.stderr).toContain('999');
    expect(tooBig.stderr).toContain('230');
    writeFileSync(join(work, 'dup.csv'), 'id,district\nA,北\nB,南\nA,東\n');
    const dup = kizuki('sample', 'dup.csv', '--size', '2', '--out', 'x');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('個人ID「A」が台帳に重複しています（1件目と3件目）');
    const dupEn = kizuki('sample', 'dup.csv', '--size', '2', '--out', 'x', '--lang', 'en');
    expect(dupEn.stderr).toContain('The person id "A" appears twice in the frame (rows 1 and 3)');
    const noColumn = kizuki('sample', 'frame.csv', '--size', '2', '--strata', 'ward', '--out', 'x');
    expect(noColumn.code).toBe(1);
    expect(noColumn.stderr).toContain('frame.csv に列がありません: ward');
    expect(
      kizuki('sample', 'frame.csv', '--size', '2', '--id', 'pid', '--out', 'x', '--lang', 'en').stderr,
    ).toContain('frame.csv has no column: pid');
    writeFileSync(join(work, 'ragged.csv'), 'id,district\nA,北\nB\n');
    expect(kizuki('sample', 'ragged.csv', '--size', '1', '--out', 'x', '--lang', 'en').stderr).toContain(
      'Line 3 of ragged.csv (the header being line 1) has 1 cells; the header has 2 columns.',
    );
    writeFileSync(join(work, 'twice.csv'), 'id,id\nA,B\n');
    expect(kizuki('sample', 'twice.csv', '--size', '1', '--out', 'x').stderr).toContain(
      '列「id」が2回あります',
    );
    // A column named __proto__ is an ordinary column: its values reach the sample.
    writeFileSync(join(work, 'proto.csv'), 'id,__proto__\nA,x\nB,y\n');
    expect(kizuki('sample', 'proto.csv', '--size', '2', '--out', 'proto').code).toBe(0);
    const [header, ...drawn] = Papa.parse<string[]>(readFileSync(join(work, 'proto/sample.csv'), 'utf8'), {
      skipEmptyLines: true,
    }).data;
    const at = header!.indexOf('__proto__');
    expect(drawn.map((cells) => cells[at]).sort()).toEqual(['x', 'y']);
    const noSize = kizuki('sample', 'frame.csv', '--out', 'x');
    expect(noSize.code).toBe(2);
    expect(noSize.stderr).toContain('--size');
    expect(kizuki('sample', 'frame.csv', '--size', '2').code).toBe(2);
    expect(kizuki('sample', 'missing.csv', '--size', '2', '--out', 'x').code).toBe(3);
  }, 60_000);
});

describe('kizuki rates', () => {
  // 13 invitations in two strata: completes, a partial, refusals, a non-contact, unknowns, an ineligible.
  const dispositions = [
    ['A', '北', '1.1'],
    ['B', '北', 'complete'],
    ['C', '北', '1.2'],
    ['D', '北', '2.11'],
    ['E', '北', '3.19'],
    ['F', '南', '1.1'],
    ['G', '南', 'refusal'],
    ['H', '南', '2.20'],
    ['I', '南', '4.10'],
    ['J', '南', '1.1'],
    ['K', '南', '2.30'],
    ['L', '北', '3.20'],
    ['M', '南', '1.1'],
  ];
  writeFileSync(
    join(work, 'dispositions.csv'),
    `code,stratum,disposition\n${dispositions.map((row) => row.join(',')).join('\n')}\n`,
  );
  const countsOf = (rows: string[][]) => {
    const counts: Record<string, number> = { I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 };
    for (const row of rows) counts[dispositionClass(row[2])!]!++;
    return counts;
  };

  it('prints the rates of aaporRates on the same counts, overall and per group, as JSON and as a table', () => {
    const run = kizuki('rates', 'dispositions.csv', '--json');
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    const overall = aaporRates({ counts: countsOf(dispositions) });
    expect(json.overall.counts).toEqual(overall.counts);
    expect(json.overall.rates).toEqual(overall.rates);
    expect(json.overall.cases).toBe(13);
    const groups = json.breakdowns;
    expect(groups).toEqual([]);
    const byStratum = JSON.parse(
      kizuki('rates', 'dispositions.csv', '--by', 'stratum', '--json', '--e', '0.8').stdout,
    );
    for (const group of byStratum.breakdowns[0].groups) {
      expect(group.rates).toEqual(
        aaporRates({ counts: countsOf(dispositions.filter((row) => row[1] === group.label)), e: 0.8 }).rates,
      );
      expect(group.cases).toBe(dispositions.filter((row) => row[1] === group.label).length);
    }
    const table = kizuki('rates', 'dispositions.csv', '--by', 'stratum');
    expect(table.code).toBe(0);
    const line = (name: string) => table.stdout.split('\n').find((l) => l.startsWith(`${name} `))!;
    expect(line('RR1')).toContain(`${(overall.rates.RR1! * 100).toFixed(1)}%`);
    expect(table.stdout).toContain('グループ別（stratum）');
    expect(table.stdout).toMatch(/指標\s+全体/);
    expect(kizuki('rates', 'dispositions.csv', '--lang', 'en').stdout).toMatch(/rate\s+Overall/);
  }, 60_000);

  it('names the rows of unknown codes, and refuses a bad --e, in Japanese and English', () => {
    writeFileSync(join(work, 'bad.csv'), 'disposition\n1.1\n9.9\nmaybe\n');
    const ja = kizuki('rates', 'bad.csv');
    expect(ja.code).toBe(1);
    expect(ja.stderr).toContain('3行目（2件目）: 2件目の結果コード「9.9」は不明です');
    expect(ja.stderr).toContain('4行目（3件目）: 3件目の結果コード「maybe」は不明です');
    const en = kizuki('rates', 'bad.csv', '--lang', 'en');
    expect(en.stderr).toContain('bad.csv line 3 (row 2): Row 2 has an unknown disposition code "9.9"');
    const noColumn = kizuki('rates', 'frame.csv');
    expect(noColumn.code).toBe(1);
    expect(noColumn.stderr).toContain('frame.csv に列がありません: disposition');
    const badE = kizuki('rates', 'dispositions.csv', '--e', '1.5', '--lang', 'en');
    expect(badE.code).toBe(2);
    expect(badE.stderr).toContain('--e must be a number from 0 to 1');
  }, 60_000);
});

describe('kizuki weights', () => {
  const sexes = ['F', 'M', 'M'];
  const ages = ['20-39', '40-59', '60+'];
  const responses = Array.from({ length: 90 }, (_, i) => ({
    id: `R${i}`,
    sex: sexes[i % 3]!,
    age: ages[Math.floor(i / 3) % 3]!,
    base: String(i % 2 === 0 ? 6.5 : 8),
  }));
  writeFileSync(join(work, 'responses.csv'), `${Papa.unparse(responses)}\n`);
  const population = { sex: { F: 5200, M: 4800 }, age: { '20-39': 3000, '40-59': 3500, '60+': 3500 } };
  writeFileSync(
    join(work, 'population.csv'),
    `variable,category,count\n${Object.entries(population)
      .flatMap(([variable, totals]) => Object.entries(totals).map(([c, n]) => `${variable},${c},${n}`))
      .join('\n')}\n`,
  );
  const margins = Object.entries(population).map(([variable, totals]) => ({ variable, totals }));

  it('writes weights equal to the library on the same data, hitting every population count', () => {
    for (const method of ['rake', 'linear'] as const) {
      const r = kizuki(
        'weights',
        'responses.csv',
        '--margins',
        'population.csv',
        '--method',
        method,
        '--weight-column',
        'base',
        '--out',
        `w-${method}.csv`,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/有効標本数（Kish）/);
      const written = readCsv(`w-${method}.csv`);
      expect(written.meta.fields).toEqual(['id', 'sex', 'age', 'base', 'weight']);
      const weights = written.data.map((row) => Number(row.weight));
      const expected =
        method === 'rake'
          ? rake({ records: responses, margins, weight: 'base' })
          : calibrate({ records: responses, margins, weight: 'base', calfun: 'linear' });
      weights.forEach((w, i) => expect(w).toBeCloseTo(expected.weights[i]!, 9));
      for (const [variable, totals] of Object.entries(population))
        for (const [category, count] of Object.entries(totals)) {
          const sum = written.data.reduce(
            (s, row, i) => s + (row[variable] === category ? weights[i]! : 0),
            0,
          );
          expect(sum).toBeCloseTo(count, 6);
        }
      expect(r.stdout).toContain(expected.diagnostics.nEffective.toFixed(3));
    }
    writeFileSync(join(work, 'sex.csv'), 'variable,category,count\nsex,F,5200\nsex,M,4800\n');
    const post = kizuki(
      'weights',
      'responses.csv',
      '--margins',
      'sex.csv',
      '--method',
      'poststratify',
      '--out',
      'w-post.csv',
      '--lang',
      'en',
    );
    expect(post.code, post.stderr).toBe(0);
    expect(post.stdout).toMatch(/effective n \(Kish\)/);
    const post2 = readCsv('w-post.csv').data;
    expect(post2.filter((row) => row.sex === 'F').reduce((s, row) => s + Number(row.weight), 0)).toBeCloseTo(
      5200,
      6,
    );
  }, 60_000);

  it('keeps signed numbers and defuses spreadsheet formulas in the file it writes', () => {
    writeFileSync(
      join(work, 'cells.csv'),
      'id,sex,age,score,note\nA,F,20-39,-2,=HYPERLINK(x)\nB,M,40-59,3,ok\nC,M,60+,+1,@x\n',
    );
    expect(
      kizuki(
        'weights',
        'cells.csv',
        '--margins',
        'sex.csv',
        '--method',
        'poststratify',
        '--out',
        'cells-w.csv',
      ).code,
    ).toBe(0);
    const [, ...rows] = Papa.parse<string[]>(readFileSync(join(work, 'cells-w.csv'), 'utf8'), {
      skipEmptyLines: true,
    }).data;
    expect(rows.map((cells) => cells[3])).toEqual(['-2', '3', '+1']);
    expect(rows.map((cells) => cells[4])).toEqual(["'=HYPERLINK(x)", 'ok', "'@x"]);
  }, 60_000);

  it('refuses bad margins naming the row or category, in Japanese and English', () => {
    writeFileSync(join(work, 'bad-count.csv'), 'variable,category,count\nsex,F,5200\nsex,M,many\n');
    const count = kizuki('weights', 'responses.csv', '--margins', 'bad-count.csv', '--out', 'x.csv');
    expect(count.code).toBe(1);
    expect(count.stderr).toContain('bad-count.csv の 3 行目（見出しを1行目として）の count「many」');
    writeFileSync(join(work, 'missing.csv'), 'variable,category,count\nsex,F,5200\nsex,M,4000\nsex,X,800\n');
    const missing = kizuki(
      'weights',
      'responses.csv',
      '--margins',
      'missing.csv',
      '--out',
      'x.csv',
      '--lang',
      'en',
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('"X"');
    const post = kizuki(
      'weights',
      'responses.csv',
      '--margins',
      'population.csv',
      '--method',
      'poststratify',
      '--out',
      'x.csv',
    );
    expect(post.code).toBe(2);
    expect(post.stderr).toContain('--method poststratify');
    writeFileSync(join(work, 'ward.csv'), 'variable,category,count\nward,A,10\n');
    expect(kizuki('weights', 'responses.csv', '--margins', 'ward.csv', '--out', 'x.csv').stderr).toContain(
      'responses.csv に列がありません: ward',
    );
  }, 60_000);
});
