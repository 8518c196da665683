// `kizuki report --design design.json --strata area --json` against R survey 4.1.1: the same
// generated responses, weights and stratum sizes go through the built CLI and through
// svydesign(ids = ~1, strata, fpc, weights) in test/cli/r/reportDesign.R, and every weighted figure
// the report's JSON carries for the whole sample, each sex and the gap between them is compared:
// point estimates to 1e-9 relative, standard errors and interval ends to 1e-6 relative (issue #14).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { responsesToCsv } from '../../src/io/index.js';
import { loadTemplate, type Template } from '../../src/schema/index.js';
import type { AggregateResult, WeightedMean, WeightedShare } from '../../src/scoring/index.js';
import { builtCli } from '../helpers/builtCli.js';
import { rTestsRun, runR } from '../helpers/rscript.js';
import { analysisTemplate, randomSource, response } from '../scoring/fixtures.js';

const { work, kizuki } = builtCli('report-design', { timeout: 120_000 });
const SCRIPT = fileURLToPath(new URL('./r/reportDesign.R', import.meta.url));

const text = (s: string) => ({ ja: s, en: s });
const AREAS = ['北部', '南部', '東部', '西部', '山間'];
/** Population size of each area (stratum); the last holds a single respondent in the lonely test. */
const POPULATION = [3000, 2500, 4000, 1500, 60];

const template: Template = {
  id: 'design-report-test',
  version: '1.0.0',
  locales: ['ja', 'en'],
  title: text('設計つき報告書のテスト'),
  provenance: { authors: ['kizuki tests'] },
  licence: 'CC0-1.0',
  // The analysis tests' four-point agree scale: 1, 2 favourable, 9 "don't know" missing.
  scales: { agree4: analysisTemplate().scales!.agree4! },
  sections: [
    {
      id: 'main',
      title: text('本文'),
      questions: [
        {
          id: 'area',
          type: 'single',
          label: text('地区'),
          options: AREAS.map((label, i) => ({ code: i + 1, label: text(label) })),
        },
        {
          id: 'sex',
          type: 'single',
          label: text('性別'),
          options: [
            { code: 1, label: text('男性') },
            { code: 2, label: text('女性') },
          ],
        },
        { id: 'q1', type: 'likert', scale: 'agree4', label: text('家事は女性の仕事だと思わない') },
        { id: 'hours', type: 'number', label: text('1日の家事の時間') },
      ],
    },
  ],
};
const survey = loadTemplate(template);

interface Row {
  id: string;
  area: number;
  weight: number;
  sex: number;
  q1: number | undefined;
  hours: number | undefined;
}

/** 480 respondents in areas 1–4 with unequal weights (and, when `lonely`, one more alone in area 5). */
function generate(seed: number, lonely: boolean): Row[] {
  const random = randomSource(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const areas = Array.from({ length: 480 }, () => 1 + Math.floor(random() * 4));
  const counts = [0, 0, 0, 0, 0];
  for (const a of areas) counts[a - 1]!++;
  const rows: Row[] = areas.map((area, i) => {
    const sex = random() < 0.45 ? 1 : 2;
    // Women in the outer areas agree more often, so weights and strata move the estimates.
    const agree = 0.35 + 0.1 * (sex - 1) + 0.05 * area;
    return {
      id: `respondent-${String(i + 1).padStart(6, '0')}`,
      area,
      weight: (POPULATION[area - 1]! / counts[area - 1]!) * (0.6 + 0.8 * random()),
      sex,
      q1: random() < 0.1 ? undefined : random() < 0.06 ? 9 : random() < agree ? pick([1, 2]) : pick([3, 4]),
      hours: random() < 0.08 ? undefined : pick([0, 0.5, 1, 1.5, 2, 3.25, 5]),
    };
  });
  if (lonely) rows.push({ id: 'respondent-999999', area: 5, weight: 60, sex: 2, q1: 2, hours: 1 });
  return rows;
}

/** Writes the responses CSV, the weights CSV and design.json as `kizuki sample` would. */
function writeInputs(prefix: string, rows: readonly Row[]): void {
  const responses = rows.map((r) => {
    const answers: Record<string, unknown> = { area: r.area, sex: r.sex };
    if (r.q1 !== undefined) answers.q1 = r.q1;
    if (r.hours !== undefined) answers.hours = r.hours;
    return response(survey, answers, r.id);
  });
  writeFileSync(join(work, `${prefix}-responses.csv`), responsesToCsv(survey, responses));
  // String(x) round-trips a double exactly, so R and kizuki read the same weights.
  writeFileSync(
    join(work, `${prefix}-weights.csv`),
    `respondentId,weight\n${rows.map((r) => `${r.id},${String(r.weight)}`).join('\n')}\n`,
  );
  const used = new Set(rows.map((r) => r.area));
  writeFileSync(
    join(work, `${prefix}-design.json`),
    JSON.stringify({
      strata: ['area'],
      // The register names the areas by label, as a frame would.
      allocations: AREAS.flatMap((label, i) =>
        used.has(i + 1) ? [{ stratum: label, size: POPULATION[i]! }] : [],
      ),
    }),
  );
}

function rRows(rows: readonly Row[]): string {
  const na = (v: number | undefined) => (v === undefined ? 'NA' : String(v));
  const lines = rows.map((r) => {
    const substantive = r.q1 !== undefined && r.q1 !== 9;
    const fav = substantive ? (r.q1! <= 2 ? 1 : 0) : undefined;
    const val = substantive ? 5 - r.q1! : undefined;
    return [
      r.id,
      r.area,
      POPULATION[r.area - 1],
      String(r.weight),
      r.sex,
      na(fav),
      na(val),
      na(r.hours),
    ].join(',');
  });
  return `id,area,N,w,sex,fav,val,hours\n${lines.join('\n')}\n`;
}

const report = (prefix: string, ...extra: string[]) =>
  kizuki(
    'report',
    'template.json',
    `${prefix}-responses.csv`,
    '--by',
    'sex',
    '--weights',
    `${prefix}-weights.csv`,
    '--design',
    `${prefix}-design.json`,
    '--strata',
    'area',
    '--out',
    `${prefix}.html`,
    ...extra,
  );

const rows = generate(20261204, false);
const figures = new Map<string, number>();

beforeAll(() => {
  writeFileSync(join(work, 'template.json'), JSON.stringify(template));
  writeInputs('main', rows);
  writeInputs('lonely', generate(20261204, true));
  if (!rTestsRun) return;
  writeFileSync(join(work, 'rows.csv'), rRows(rows));
  runR(SCRIPT, [join(work, 'rows.csv'), join(work, 'figures.csv')]);
  for (const line of readFileSync(join(work, 'figures.csv'), 'utf8').trim().split('\n')) {
    const [name, value] = line.split(',');
    figures.set(name!, Number(value));
  }
}, 120_000);

describe.runIf(rTestsRun)('kizuki report --design --strata equals R survey 4.1.1', () => {
  it('writes the stratified, fpc-corrected weighted figures R computes, to 1e-6', () => {
    const r = report('main', '--json', 'main.json');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(work, 'main.json'), 'utf8')) as AggregateResult;
    expect(result.weighting!.strata).toBe(4);
    const worst = { estimate: 0, se: 0, interval: 0 };
    let compared = 0;
    const close = (kind: keyof typeof worst, name: string, actual: number | null | undefined) => {
      const expected = figures.get(name);
      expect(expected, `R printed ${name}`).toBeTypeOf('number');
      expect(actual, name).toBeTypeOf('number');
      const rel = Math.abs(actual! - expected!) / Math.max(Math.abs(expected!), 1e-300);
      worst[kind] = Math.max(worst[kind], rel);
      compared++;
      expect(rel, `${name}: kizuki ${actual}, R ${expected}`).toBeLessThanOrEqual(
        kind === 'estimate' ? 1e-9 : 1e-6,
      );
    };
    const groupOf = (who: string) =>
      who === 'all' ? 0 : result.groups.findIndex((g) => g.key === `sex=${who}`);
    const q1 = result.items.find((i) => i.id === 'q1')!;
    const hours = result.items.find((i) => i.id === 'hours')!;
    const estimate = (y: string, g: number): WeightedMean | WeightedShare => {
      const w = (y === 'hours' ? hours : q1).groups[g]!.weighted!;
      return y === 'fav' ? w.favourable! : w.mean!;
    };
    for (const y of ['fav', 'val', 'hours']) {
      close('estimate', `${y}.all.total`, estimate(y, 0).total);
      close('se', `${y}.all.totalSe`, estimate(y, 0).totalSe);
      for (const who of ['all', '1', '2']) {
        const e = estimate(y, groupOf(who));
        close('estimate', `${y}.${who}.mean`, e.mean);
        close('se', `${y}.${who}.se`, e.se);
        expect(e.df, `${y}.${who}.df`).toBe(figures.get(`${y}.${who}.df`));
        if (y === 'fav') {
          const share = e as WeightedShare;
          close('interval', `${y}.${who}.logit.1`, share.lower);
          close('interval', `${y}.${who}.logit.2`, share.upper);
          close('interval', `${y}.${who}.beta.1`, share.betaLower);
          close('interval', `${y}.${who}.beta.2`, share.betaUpper);
        } else {
          close('interval', `${y}.${who}.t.1`, e.lower);
          close('interval', `${y}.${who}.t.2`, e.upper);
        }
      }
      const [gap] = result.gaps;
      expect([gap!.a, gap!.b]).toEqual([1, 2]);
      const d = (
        y === 'hours' ? gap!.items.find((i) => i.id === 'hours') : gap!.items.find((i) => i.id === 'q1')
      )!.weighted![y === 'fav' ? 'favourable' : 'mean']!;
      // Shares' differences are in points.
      const unit = y === 'fav' ? 100 : 1;
      close('estimate', `${y}.gap.diff`, d.difference / unit);
      close('se', `${y}.gap.se`, d.se / unit);
      close('interval', `${y}.gap.z.1`, d.lower / unit);
      close('interval', `${y}.gap.z.2`, d.upper / unit);
    }
    console.log(
      `${compared} report figures compared with R; max relative difference: ${JSON.stringify(worst)}`,
    );
    // The HTML shows the same weighted share, rounded.
    const html = readFileSync(join(work, 'main.html'), 'utf8');
    expect(html).toContain(`${(estimate('fav', 0).mean * 100).toFixed(1)}%`);
  }, 120_000);
});

describe('kizuki report --design with a stratum of one respondent', () => {
  it('fails by default naming the stratum and --lonely-psu in ja and en, and certainty goes through', () => {
    const ja = report('lonely');
    expect(ja.code).toBe(1);
    expect(ja.stderr).toContain(
      '層「山間」（質問「area」のコード 5）の回答者が1人のため、分散（標準誤差・信頼区間）を推定できません。' +
        '--lonely-psu certainty（その層を分散に加えない）・adjust・average のいずれかを指定するか、層をまとめてください。',
    );
    // The API's option name and a stack trace are no help on the command line.
    expect(ja.stderr).not.toContain('design.lonelyPsu');
    expect(ja.stderr).not.toContain(' at ');
    const en = report('lonely', '--lang', 'en');
    expect(en.code).toBe(1);
    expect(en.stderr).toContain(
      'Stratum "山間" (code 5 of question "area") has a single respondent, so its variance (standard errors, intervals) cannot be estimated. ' +
        'Give --lonely-psu certainty (the stratum adds nothing to the variance), adjust or average, or collapse strata.',
    );
    const certainty = report('lonely', '--lonely-psu', 'certainty', '--json', 'lonely.json');
    expect(certainty.code, certainty.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(work, 'lonely.json'), 'utf8')) as AggregateResult;
    expect(result.weighting!.strata).toBe(5);
    expect(result.items.find((i) => i.id === 'q1')!.groups[0]!.weighted!.favourable!.se).toBeGreaterThan(0);
  }, 120_000);
});
