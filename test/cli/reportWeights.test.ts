import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { adjustNonresponse, allocateSample, rake } from '../../src/design/index.js';
import { readResponsesCsv } from '../../src/io/index.js';
import { loadTemplate, type SurveyResponse } from '../../src/schema/index.js';
import { createAggregator } from '../../src/scoring/index.js';
import { getTemplate } from '../../src/templates/index.js';
import { builtCli } from '../helpers/builtCli.js';

const { work, kizuki } = builtCli('report-weights', { timeout: 120_000 });

const read = (name: string) => readFileSync(join(work, name), 'utf8');
const csv = (name: string) =>
  Papa.parse<Record<string, string>>(read(name), { header: true, skipEmptyLines: true }).data;
const section = (html: string, id: string) => {
  const start = html.indexOf(`<section id="${id}">`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
};

const survey = loadTemplate(getTemplate('bias-awareness-community')!);
const INPUTS = [
  '--weights',
  'demo/weights.csv',
  '--dispositions',
  'demo/dispositions.csv',
  '--margins',
  'demo/population.csv',
];

describe('kizuki demo and kizuki report --weights', () => {
  it('the demo samples, loses young men, rakes, and its report says what weighting changed', () => {
    const demo = kizuki('demo', '--n', '150', '--seed', '4', '--out', 'demo');
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/10〜20代の男性は [\d.]+%、60代以上の女性は [\d.]+% が回答/);
    expect(demo.stdout).toMatch(/重み付けの影響: 「[^」]+」は重みなし [\d.]+% → 重み付き [\d.]+%/);
    const dispositions = csv('demo/dispositions.csv');
    const rate = (keep: (r: Record<string, string>) => boolean) => {
      const rows = dispositions.filter(keep);
      return rows.filter((r) => r.disposition === '1.1').length / rows.length;
    };
    expect(rate((r) => r.sex === '1' && Number(r.age_band) <= 2)).toBeLessThan(
      rate((r) => r.sex === '2' && Number(r.age_band) >= 6) / 2,
    );
    const html = read('demo/report.html');
    const who = section(html, 'who-answered');
    expect(who).toContain('回答したのは誰か');
    expect(who).toMatch(/重み付けにより「[^」]+」は [\d.]+% から [\d.]+% に変わりました/);
    expect(who).toContain('層ごとの回収率（AAPOR、重みなし）');
    expect(who).toContain('<th scope="row">中心部</th>');
  }, 120_000);

  it('reads the same weights, dispositions and margins from files into the same "Who answered" as the demo', () => {
    const r = kizuki(
      'report',
      'bias-awareness-community',
      'demo/responses.csv',
      '--by',
      'sex,age_band',
      ...INPUTS,
      '--out',
      'weighted.html',
    );
    expect(r.code, r.stderr).toBe(0);
    const html = read('weighted.html');
    expect(section(html, 'who-answered')).toBe(section(read('demo/report.html'), 'who-answered'));
    expect(html).toContain('<th scope="row">重み付け</th><td>あり（レイキング');
  }, 120_000);

  it('shows the weighted estimate that scoring computes from the same responses and weights', async () => {
    const weights = new Map(
      csv('demo/weights.csv').map((row) => [row.respondentId!.replace(/^'(?=-)/, ''), Number(row.weight)]),
    );
    const aggregator = createAggregator(survey, {
      by: ['sex', 'age_band'],
      design: { calibration: { method: 'rake', variables: ['sex', 'age_band', 'area'] } },
    });
    for await (const record of readResponsesCsv(survey, createReadStream(join(work, 'demo/responses.csv')))) {
      if (record.kind !== 'response') continue;
      const response: SurveyResponse = record.response;
      aggregator.add(response, weights.get(response.respondentId)!);
    }
    const score = aggregator.result().scores.find((s) => s.id === 'overall_share')!;
    const w = score.groups[0]!.weighted!.mean!;
    const html = read('weighted.html');
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    const keyRow = /<tr><th scope="row">全体：同意した文の割合<\/th>.*?<\/tr>/.exec(
      section(html, 'overview'),
    )![0];
    expect(keyRow).toContain(`<td class="num">${pct(w.mean)}</td>`);
    expect(keyRow).toContain(`[${pct(w.lower!)}, ${pct(w.upper!)}]`);
    expect(keyRow).toContain(`<td class="num">${score.groups[0]!.n}</td>`);
  }, 120_000);

  it('estimates with the strata and finite population correction of a design.json, as scoring does', async () => {
    const area = survey.template.sections
      .flatMap((s) => s.questions)
      .find((q) => q.id === 'area' && q.type === 'single') as {
      options: Array<{ code: number; label: { ja: string } }>;
    };
    // The frame may hold codes or labels: one stratum written as its label, the others as codes.
    const sizes = area.options.map(
      (o, i) => [i === 0 ? o.label.ja : String(o.code), 4000 + 1000 * i] as const,
    );
    writeFileSync(
      join(work, 'design.json'),
      JSON.stringify({ strata: ['area'], allocations: sizes.map(([stratum, size]) => ({ stratum, size })) }),
    );
    const r = kizuki(
      'report',
      'bias-awareness-community',
      'demo/responses.csv',
      '--by',
      'sex,age_band',
      ...INPUTS,
      '--design',
      'design.json',
      '--lonely-psu',
      'certainty',
      '--out',
      'stratified.html',
    );
    expect(r.code, r.stderr).toBe(0);
    const weights = new Map(
      csv('demo/weights.csv').map((row) => [row.respondentId!.replace(/^'(?=-)/, ''), Number(row.weight)]),
    );
    const fpc = Object.fromEntries(area.options.map((o, i) => [String(o.code), 4000 + 1000 * i]));
    const stratified = createAggregator(survey, {
      by: ['sex', 'age_band'],
      design: {
        strata: 'area',
        fpc,
        lonelyPsu: 'certainty',
        calibration: { method: 'rake', variables: ['sex', 'age_band', 'area'] },
      },
    });
    const plain = createAggregator(survey, {
      by: ['sex', 'age_band'],
      design: { calibration: { method: 'rake', variables: ['sex', 'age_band', 'area'] } },
    });
    for await (const record of readResponsesCsv(survey, createReadStream(join(work, 'demo/responses.csv')))) {
      if (record.kind !== 'response') continue;
      stratified.add(record.response, weights.get(record.response.respondentId)!);
      plain.add(record.response, weights.get(record.response.respondentId)!);
    }
    const meanOf = (a: typeof plain) =>
      a.result().scores.find((s) => s.id === 'overall_share')!.groups[0]!.weighted!.mean!;
    const w = meanOf(stratified);
    // The design changes the interval (strata, fpc), so the report must show the stratified one.
    expect(w.se).not.toBe(meanOf(plain).se);
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    const keyRow = /<tr><th scope="row">全体：同意した文の割合<\/th>.*?<\/tr>/.exec(
      section(read('stratified.html'), 'overview'),
    )![0];
    expect(keyRow).toContain(`[${pct(w.lower!)}, ${pct(w.upper!)}]`);
  }, 120_000);

  it('refuses a design.json stratum that is no option, and --design without weights, in ja and en', () => {
    writeFileSync(
      join(work, 'odd.json'),
      JSON.stringify({ strata: ['area'], allocations: [{ stratum: '月面', size: 10 }] }),
    );
    const odd = (lang: string) =>
      kizuki(
        'report',
        'bias-awareness-community',
        'demo/responses.csv',
        ...INPUTS,
        '--design',
        'odd.json',
        '--lang',
        lang,
      );
    expect(odd('ja').stderr).toContain(
      'odd.json の層「月面」は質問「area」の選択肢（コードまたはラベル）にありません',
    );
    expect(odd('en').stderr).toContain(
      'Stratum "月面" of odd.json is none of the options (code or label) of question "area"',
    );
    const alone = kizuki(
      'report',
      'bias-awareness-community',
      'demo/responses.csv',
      '--margins',
      'demo/population.csv',
      '--design',
      'odd.json',
    );
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--design・--strata・--lonely-psu は --weights と一緒に使ってください');
    writeFileSync(join(work, 'deep.json'), `${'['.repeat(50)}${']'.repeat(50)}`);
    const deep = kizuki(
      'report',
      'bias-awareness-community',
      'demo/responses.csv',
      ...INPUTS,
      '--design',
      'deep.json',
      '--lang',
      'en',
    );
    expect(deep.stderr).toContain('deep.json is no design.json as kizuki sample writes it');
  }, 120_000);

  it('takes the weights from a column of the responses as well', () => {
    const weights = new Map(csv('demo/weights.csv').map((row) => [row.respondentId!, row.weight!]));
    const parsed = Papa.parse<string[]>(read('demo/responses.csv').replace(/^\uFEFF/, ''), {
      skipEmptyLines: true,
    }).data;
    const id = parsed[0]!.indexOf('respondentId');
    writeFileSync(
      join(work, 'with-weights.csv'),
      `${Papa.unparse(parsed.map((row, i) => [...row, i === 0 ? 'w' : weights.get(row[id]!)!]))}\n`,
    );
    const r = kizuki(
      'report',
      'bias-awareness-community',
      'with-weights.csv',
      '--by',
      'sex,age_band',
      '--weights',
      'w',
      '--dispositions',
      'demo/dispositions.csv',
      '--margins',
      'demo/population.csv',
      '--out',
      'column.html',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(section(read('column.html'), 'who-answered')).toBe(section(read('weighted.html'), 'who-answered'));
  }, 120_000);

  it('refuses bad weights naming the file line or respondent, in Japanese and English', () => {
    const rows = csv('demo/weights.csv');
    // Ids written with a leading ' (so that spreadsheets keep "-x…" as text) are named without it.
    const idOf = (i: number) => rows[i]!.respondentId!.replace(/^'(?=[-=+@])/, '');
    const write = (name: string, body: Array<{ respondentId: string; weight: string }>) =>
      writeFileSync(join(work, name), `${Papa.unparse(body)}\n`);
    write(
      'zero.csv',
      rows.map((row, i) =>
        i === 2
          ? { respondentId: row.respondentId!, weight: '0' }
          : { respondentId: row.respondentId!, weight: row.weight! },
      ),
    );
    const zero = kizuki('report', 'bias-awareness-community', 'demo/responses.csv', '--weights', 'zero.csv');
    expect(zero.code).toBe(1);
    expect(zero.stderr).toContain(
      'zero.csv の 4 行目（見出しを1行目として）の weight「0」は正の有限の数ではありません',
    );
    write(
      'short.csv',
      rows.slice(1).map((row) => ({ respondentId: row.respondentId!, weight: row.weight! })),
    );
    const short = kizuki(
      'report',
      'bias-awareness-community',
      'demo/responses.csv',
      '--weights',
      'short.csv',
      '--lang',
      'en',
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toContain(`short.csv has no weight for respondent id "${idOf(0)}"`);
    write(
      'twice.csv',
      [...rows, rows[5]!].map((row) => ({ respondentId: row.respondentId!, weight: row.weight! })),
    );
    const twice = kizuki(
      'report',
      'bias-awareness-community',
      'demo/responses.csv',
      '--weights',
      'twice.csv',
    );
    expect(twice.stderr).toContain(`回答者ID「${idOf(5)}」が2回あります（7 行目と ${rows.length + 2} 行目）`);
    const column = kizuki('report', 'bias-awareness-community', 'demo/responses.csv', '--weights', 'nothere');
    expect(column.code).toBe(1);
    expect(column.stderr).toContain('nothere');
  }, 120_000);
});

describe('design command options', () => {
  it('reads a Shift_JIS dispositions file, naming strata in Japanese', () => {
    const body = 'stratum,disposition\n北区,1.1\n北区,2.11\n南区,1.1\n南区,1.1\n';
    writeFileSync(join(work, 'sjis.csv'), iconv.encode(body, 'cp932'));
    const r = kizuki('rates', 'sjis.csv', '--by', 'stratum');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/指標\s+北区\s+南区/);
    expect(r.stdout).toMatch(/RR1\s+50\.0%\s+100\.0%/);
  }, 60_000);

  it('allocates by Neyman from a frame column, as allocateSample does with those SDs', () => {
    const frame = Array.from({ length: 300 }, (_, i) => ({
      id: `P${i}`,
      area: ['北', '南', '東'][i % 3]!,
      // Spread grows by area: 東 varies most, so it gets the most.
      income: String(((i * 37) % 11) * (1 + (i % 3) * 2)),
    }));
    writeFileSync(join(work, 'neyman.csv'), `${Papa.unparse(frame)}\n`);
    const r = kizuki(
      'sample',
      'neyman.csv',
      '--size',
      '60',
      '--strata',
      'area',
      '--allocation',
      'neyman',
      '--sd',
      'income',
      '--seed',
      '1',
      '--out',
      'ney',
    );
    expect(r.code, r.stderr).toBe(0);
    const sd = (area: string) => {
      const xs = frame.filter((f) => f.area === area).map((f) => Number(f.income));
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      return Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
    };
    const expected = allocateSample({
      strata: ['北', '南', '東'].map((area) => ({ stratum: area, size: 100, sd: sd(area) })),
      n: 60,
      allocation: 'neyman',
    });
    for (const s of expected) expect(r.stdout).toContain(`${s.stratum}: ${s.n} 人 / 100 人`);
    const missing = kizuki(
      'sample',
      'neyman.csv',
      '--size',
      '60',
      '--strata',
      'area',
      '--allocation',
      'neyman',
      '--out',
      'x',
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--sd');
  }, 60_000);

  it('adjusts for nonresponse, rakes and trims as the library does', () => {
    const sample = Array.from({ length: 120 }, (_, i) => ({
      code: `C${i}`,
      stratum: ['北', '南'][i % 2]!,
      sex: ['F', 'M'][Math.floor(i / 2) % 2]!,
      weight: String(i % 2 === 0 ? 10 : 20),
      responded: i % 3 === 0 || i % 5 === 1 ? '1' : '0',
    }));
    writeFileSync(join(work, 'sampled.csv'), `${Papa.unparse(sample)}\n`);
    writeFileSync(join(work, 'sex.csv'), 'variable,category,count\nsex,F,1100\nsex,M,900\n');
    const r = kizuki(
      'weights',
      'sampled.csv',
      '--responded',
      'responded',
      '--classes',
      'stratum',
      '--weight-column',
      'weight',
      '--margins',
      'sex.csv',
      '--trim',
      ',1.3x',
      '--out',
      'nr.csv',
    );
    expect(r.code, r.stderr).toBe(0);
    const adjusted = adjustNonresponse({
      records: sample,
      responded: 'responded',
      classes: ['stratum'],
      weight: 'weight',
    });
    const respondents = adjusted.respondents.map((row) => sample[row]!);
    const expected = rake({
      records: respondents,
      weight: adjusted.respondents.map((row) => adjusted.weights[row]!),
      margins: [{ variable: 'sex', totals: { F: 1100, M: 900 } }],
      trim: { upper: 1.3, relative: 'median' },
    });
    const written = csv('nr.csv');
    expect(written.map((row) => row.code)).toEqual(respondents.map((row) => row.code));
    written.forEach((row, i) => expect(Number(row.weight)).toBeCloseTo(expected.weights[i]!, 9));
    expect(r.stdout).toContain('切り詰め:');
    const bad = kizuki('weights', 'sampled.csv', '--margins', 'sex.csv', '--trim', '2,1', '--out', 'x.csv');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--trim');
  }, 60_000);
});
