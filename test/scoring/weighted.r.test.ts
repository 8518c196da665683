// Weighted estimates against R survey 4.1.1: the same generated rows go to R (test/scoring/r/weighted.R)
// and to a weighted aggregator; every figure R prints is compared. Point estimates to 1e-9
// relative, standard errors and interval ends to 1e-6 relative (issue #14). Calibrated weights come
// from R itself (postStratify, rake, calibrate linear and raking), so this test depends on no other
// part of kizuki.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AggregateResult,
  createAggregator,
  type EstimationCalibration,
  type EstimationDesign,
  type LonelyPsu,
  ScoringError,
} from '../../src/scoring/index.js';
import { rTestsRun, runR } from '../helpers/rscript.js';
import { analysisSurvey, randomSource, response } from './fixtures.js';

const survey = analysisSurvey();
const SCRIPT = fileURLToPath(new URL('./r/weighted.R', import.meta.url));
const POPULATION = [3000, 2500, 4000, 1500];

interface Row {
  id: number;
  stratum: number;
  N: number;
  w0: number;
  sex: number;
  age_band: number;
  r1: number | undefined;
  hours: number | undefined;
}

/** 600 respondents in 4 strata with unequal weights, plus one respondent alone in stratum 5. */
function generate(seed: number): Row[] {
  const random = randomSource(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const rows: Row[] = [];
  const counts = [0, 0, 0, 0];
  const drawn = Array.from({ length: 600 }, () => {
    const s = Math.floor(random() * 4);
    counts[s]!++;
    return s;
  });
  drawn.forEach((s, i) => {
    rows.push({
      id: i + 1,
      stratum: s + 1,
      N: POPULATION[s]!,
      w0: (POPULATION[s]! / counts[s]!) * (0.6 + 0.8 * random()),
      sex: random() < 0.45 ? 1 : 2,
      age_band: 1 + Math.floor(random() * 5),
      r1: random() < 0.15 ? undefined : pick([1, 2, 2, 3, 4, 9, 1]),
      hours: random() < 0.1 ? undefined : pick([0, 7.5, 8, 10.25, 40]),
    });
  });
  rows.push({ id: 601, stratum: 5, N: 50, w0: 50, sex: 2, age_band: 3, r1: 2, hours: 8 });
  return rows;
}

const csvValue = (v: number | undefined): string => (v === undefined ? 'NA' : String(v));

function toCsv(rows: readonly Row[]): string {
  const header = 'id,stratum,N,w0,sex,age_band,fav,val,code2,hours';
  const lines = rows.map((r) => {
    const substantive = r.r1 !== undefined && r.r1 !== 9;
    const fav = substantive ? (r.r1! <= 2 ? 1 : 0) : undefined;
    const val = substantive ? 5 - r.r1! : undefined;
    const code2 = substantive ? (r.r1 === 2 ? 1 : 0) : undefined;
    return [r.id, r.stratum, r.N, r.w0.toPrecision(17), r.sex, r.age_band, fav, val, code2, r.hours]
      .map((v) => (typeof v === 'string' ? v : csvValue(v)))
      .join(',');
  });
  return `${header}\n${lines.join('\n')}\n`;
}

const dir = mkdtempSync(join(tmpdir(), 'kizuki-r-'));
const rows = generate(20260514);
const figures = new Map<string, number>();
const rWeights = new Map<string, number[]>();

beforeAll(() => {
  if (!rTestsRun) return;
  writeFileSync(join(dir, 'rows.csv'), toCsv(rows));
  runR(SCRIPT, [join(dir, 'rows.csv'), join(dir, 'weights.csv'), join(dir, 'figures.csv')]);
  for (const line of readFileSync(join(dir, 'figures.csv'), 'utf8').trim().split('\n')) {
    const [name, value] = line.split(',');
    figures.set(name!, Number(value));
  }
  const [header, ...lines] = readFileSync(join(dir, 'weights.csv'), 'utf8').trim().split('\n');
  const names = header!.split(',');
  names.forEach((n) => {
    rWeights.set(n, []);
  });
  for (const line of lines) line.split(',').forEach((v, i) => rWeights.get(names[i]!)!.push(Number(v)));
}, 120_000);
afterAll(() => {
  if (!process.env.KEEP_R) rmSync(dir, { recursive: true, force: true });
});

/** Largest relative difference seen per kind of figure, printed for docs/analyse and the report. */
const worst: Record<string, number> = {};
let compared = 0;

function expectClose(kind: 'estimate' | 'se' | 'interval', name: string, actual: number | null | undefined) {
  const expected = figures.get(name);
  expect(expected, `R printed ${name}`).toBeTypeOf('number');
  expect(actual, name).toBeTypeOf('number');
  const scale = Math.max(Math.abs(expected!), 1e-300);
  const rel = Math.abs(actual! - expected!) / scale;
  worst[kind] = Math.max(worst[kind] ?? 0, rel);
  compared++;
  expect(rel, `${name}: kizuki ${actual}, R ${expected}`).toBeLessThanOrEqual(
    kind === 'estimate' ? 1e-9 : 1e-6,
  );
}

const CALIBRATION: Record<string, EstimationCalibration | undefined> = {
  strat: undefined,
  post: { method: 'poststratify', variables: ['sex', 'age_band'] },
  rake: { method: 'rake', variables: ['sex', 'age_band'] },
  linear: { method: 'linear', variables: ['sex', 'age_band'] },
  raking: { method: 'raking', variables: ['sex', 'age_band'] },
};

function aggregate(
  list: readonly Row[],
  weights: readonly number[],
  calibration: EstimationCalibration | undefined,
  lonelyPsu?: LonelyPsu,
  withBase = true,
): AggregateResult {
  const design: EstimationDesign = { strata: 'stratum', fpc: 'N' };
  if (calibration) design.calibration = calibration;
  if (lonelyPsu) design.lonelyPsu = lonelyPsu;
  const agg = createAggregator(survey, { by: ['sex', 'age_band'], minGroupSize: 1, design });
  list.forEach((r, i) => {
    const answers: Record<string, unknown> = { sex: r.sex, age_band: r.age_band, stratum: r.stratum, N: r.N };
    if (r.r1 !== undefined) answers.r1 = r.r1;
    if (r.hours !== undefined) answers.hours = r.hours;
    agg.add(response(survey, answers), withBase ? { weight: weights[i]!, baseWeight: r.w0 } : weights[i]!);
  });
  return agg.result({
    gaps: [
      { by: 'sex', a: 1, b: 2 },
      { by: 'age_band', a: 2, b: 3, within: { sex: 2 } },
    ],
  });
}

const group = (result: AggregateResult, key: string): number => result.groups.findIndex((g) => g.key === key);

describe.runIf(rTestsRun)('weighted estimates equal R survey 4.1.1', () => {
  const main = rows.filter((r) => r.stratum !== 5);

  it.each(Object.keys(CALIBRATION))('%s design: means, totals, domains, gaps', (name) => {
    const weights = rWeights.get(name)!;
    expect(weights).toHaveLength(main.length);
    const result = aggregate(main, weights, CALIBRATION[name]);
    const r1 = result.items.find((i) => i.id === 'r1')!;
    const hours = result.items.find((i) => i.id === 'hours')!;
    const estimates = (g: number) => {
      const w = r1.groups[g]!.weighted!;
      return {
        fav: w.favourable!,
        val: w.mean!,
        code2: w.codes!.find((c) => c.code === 2)!,
        hours: hours.groups[g]!.weighted!.mean!,
      };
    };
    const all = estimates(0);
    for (const y of ['fav', 'val', 'code2', 'hours'] as const) {
      const e = all[y];
      const mean = 'share' in e ? e.share : e.mean;
      expectClose('estimate', `${name}.${y}.mean`, mean);
      expectClose('se', `${name}.${y}.se`, e.se);
      expectClose('estimate', `${name}.${y}.total`, e.total);
      expectClose('se', `${name}.${y}.totalSe`, e.totalSe);
      [1, 2].forEach((sex, i) => {
        const d = estimates(group(result, `sex=${sex}`))[y];
        expectClose('estimate', `${name}.${y}.bySex.mean.${i + 1}`, 'share' in d ? d.share : d.mean);
        expectClose('se', `${name}.${y}.bySex.se.${i + 1}`, d.se);
      });
      const d = estimates(group(result, 'sex=2,age_band=3'))[y];
      expectClose('estimate', `${name}.${y}.sex2age3.mean`, 'share' in d ? d.share : d.mean);
      expectClose('se', `${name}.${y}.sex2age3.se`, d.se);
      if (y === 'code2') continue;
      const [bySex, ageInWomen] = result.gaps;
      for (const [gap, label] of [
        [bySex!, 'gapSex'],
        [ageInWomen!, 'gapAgeInWomen'],
      ] as const) {
        const diff =
          y === 'hours'
            ? gap.items.find((i) => i.id === 'hours')!.weighted!.mean!
            : gap.items.find((i) => i.id === 'r1')!.weighted![y === 'fav' ? 'favourable' : 'mean']!;
        const unit = y === 'fav' ? 100 : 1;
        expectClose('estimate', `${name}.${y}.${label}.diff`, diff.difference / unit);
        expectClose('se', `${name}.${y}.${label}.se`, diff.se / unit);
      }
    }
    // svyciprop: logit on every design, Korn–Graubard (beta) on the uncalibrated one (see docs).
    for (const [key, g] of [
      ['all', 0],
      ['women', group(result, 'sex=2')],
    ] as const) {
      const fav = estimates(g).fav;
      expectClose('estimate', `${name}.fav.logit.${key}.1`, fav.mean);
      expectClose('interval', `${name}.fav.logit.${key}.2`, fav.lower);
      expectClose('interval', `${name}.fav.logit.${key}.3`, fav.upper);
      if (name === 'strat') {
        expectClose('interval', `${name}.fav.beta.${key}.2`, fav.betaLower);
        expectClose('interval', `${name}.fav.beta.${key}.3`, fav.betaUpper);
      }
    }
    expect(estimates(group(result, 'sex=2')).fav.df).toBe(figures.get(`${name}.fav.logit.womenDf`));
  });

  it('without base weights, linear and raking calibration SEs are close to R, and calibration matters', () => {
    for (const name of ['linear', 'raking']) {
      const weights = rWeights.get(name)!;
      const se = (r: AggregateResult) =>
        r.items.find((i) => i.id === 'r1')!.groups[0]!.weighted!.favourable!.se;
      const approx = se(aggregate(main, weights, CALIBRATION[name], undefined, false));
      const rel = Math.abs(approx - figures.get(`${name}.fav.se`)!) / figures.get(`${name}.fav.se`)!;
      console.log(
        `${name} calibration without baseWeight: SE relative difference from R ${rel.toExponential(2)}`,
      );
      expect(rel).toBeLessThan(0.01);
      // Ignoring the calibration altogether is visibly wrong for totals: the residuals matter.
      const totalSe = (r: AggregateResult) =>
        r.items.find((i) => i.id === 'r1')!.groups[0]!.weighted!.favourable!.totalSe;
      const naive = totalSe(aggregate(main, weights, undefined));
      const expected = figures.get(`${name}.fav.totalSe`)!;
      console.log(`${name}: total SE ignoring the calibration is ${(naive / expected).toFixed(3)} × R's`);
      expect(naive / expected).toBeGreaterThan(1.03);
    }
  });

  it('lonely strata: certainty, adjust and average as R; fail names the stratum', () => {
    const weights = rows.map((r) => r.w0);
    for (const rule of ['certainty', 'adjust', 'average'] as const) {
      const result = aggregate(rows, weights, undefined, rule);
      const r1 = result.items.find((i) => i.id === 'r1')!;
      expectClose('se', `lonely.${rule}.val.se`, r1.groups[0]!.weighted!.mean!.se);
      [1, 2].forEach((sex, i) => {
        expectClose(
          'se',
          `lonely.${rule}.bySex.se.${i + 1}`,
          r1.groups[group(result, `sex=${sex}`)]!.weighted!.mean!.se,
        );
      });
    }
    expect(figures.get('lonely.fail')).toBe(1);
    for (const locale of ['ja', 'en'] as const) {
      try {
        const agg = createAggregator(survey, { locale, design: { strata: 'stratum' } });
        for (const r of rows) agg.add(response(survey, { stratum: r.stratum }), r.w0);
        agg.result();
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ScoringError);
        const issue = (error as ScoringError).issues[0]!;
        expect(issue.code).toBe('lonely_psu');
        expect(issue.message).toContain('5');
        expect(issue.message).toMatch(locale === 'ja' ? /層/ : /Stratum/);
      }
    }
  });

  afterAll(() => {
    console.log(`${compared} figures compared with R; max relative difference: ${JSON.stringify(worst)}`);
  });
});
