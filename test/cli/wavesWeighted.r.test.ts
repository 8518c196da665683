// `kizuki report --weights … --previous … --previous-weights …` against R survey 4.1.1 (issue #16
// item 5): two weighted waves made here (fixed seeds) go to the built CLI, whose `--json` output
// carries the "What changed" figures unrounded, and to test/cli/r/wavesWeighted.R, which estimates
// each wave with svydesign(ids = ~1, weights = ~w) and takes the differences with
// SE = √(se₁² + se₂²). Point estimates to 1e-9 relative, standard errors, interval ends and p to 1e-6.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { responsesToCsv } from '../../src/io/index.js';
import type { WhatChangedFigures } from '../../src/report/index.js';
import type { SurveyResponse } from '../../src/schema/index.js';
import { scoreResponse, type WeightedDifference } from '../../src/scoring/index.js';
import { builtCli } from '../helpers/builtCli.js';
import { rTestsRun, runR } from '../helpers/rscript.js';
import { survey, waveSeries } from '../report/wavesFixture.js';
import { randomSource } from '../scoring/fixtures.js';

const { work, kizuki } = builtCli('waves-weighted-r', { timeout: 120_000 });
const SCRIPT = fileURLToPath(new URL('./r/wavesWeighted.R', import.meta.url));

const items = survey.template.sections.flatMap((s) =>
  s.questions.flatMap((q) => (q.type === 'matrix' ? q.items.map((i) => i.id) : [])),
);
const scale = survey.template.scales?.agree4;
const favourable = new Set(scale?.favourable ?? []);
const missing = new Set(scale?.missing ?? []);

const waves = waveSeries(2, 29, 1);
// Unequal weights with many distinct values, written with every digit so that R reads the same doubles.
const random = randomSource(20261204);
const weights = waves.map((wave) => wave.map(() => (0.4 + 2.6 * random()).toPrecision(17)));

/** One line per respondent for R: the item indicators and score values kizuki aggregates. */
function rRows(): string {
  const scoreIds = scoreResponse(survey, waves[0]![0]!).map((s) => s.id);
  const header = ['wave', 'w', 'sex', ...items, ...scoreIds].join(',');
  const line = (r: SurveyResponse, wave: number, w: string) => {
    const code = (id: string) => r.answers[id];
    const indicator = (id: string) => {
      const c = code(id);
      if (typeof c !== 'number' || missing.has(c)) return 'NA';
      return favourable.has(c) ? '1' : '0';
    };
    const scores = scoreResponse(survey, r).map((s) => (s.value === null ? 'NA' : String(s.value)));
    return [wave, w, code('sex') ?? 'NA', ...items.map(indicator), ...scores].join(',');
  };
  const lines = waves.flatMap((wave, k) => wave.map((r, i) => line(r, k + 1, weights[k]![i]!)));
  return `${header}\n${lines.join('\n')}\n`;
}

const figures = new Map<string, number>();
let whatChanged: WhatChangedFigures;

beforeAll(() => {
  if (!rTestsRun) return;
  waves.forEach((wave, k) => {
    writeFileSync(join(work, `wave${k}.csv`), responsesToCsv(survey, wave));
    const lines = wave.map((r, i) => `${r.respondentId},${weights[k]![i]}`);
    writeFileSync(join(work, `wave${k}-w.csv`), `respondentId,weight\n${lines.join('\n')}\n`);
  });
  const r = kizuki(
    'report',
    'bias-awareness-community',
    'wave1.csv',
    '--by',
    'sex',
    '--weights',
    'wave1-w.csv',
    '--previous',
    'wave0.csv',
    '--previous-weights',
    'wave0-w.csv',
    '--out',
    'report.html',
    '--json',
    'report.json',
  );
  expect(r.code, r.stderr).toBe(0);
  whatChanged = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8')).whatChanged;
  writeFileSync(join(work, 'rows.csv'), rRows());
  runR(SCRIPT, [join(work, 'rows.csv'), join(work, 'figures.csv')]);
  for (const line of readFileSync(join(work, 'figures.csv'), 'utf8').trim().split('\n')) {
    const [name, value] = line.split(',');
    figures.set(name!, Number(value));
  }
}, 180_000);

/** Largest relative difference per kind of figure, printed for the report of this work. */
const worst: Record<string, number> = {};
let compared = 0;

function expectClose(kind: 'estimate' | 'se', name: string, actual: number | null | undefined) {
  const expected = figures.get(name);
  expect(expected, `R printed ${name}`).toBeTypeOf('number');
  expect(actual, name).toBeTypeOf('number');
  const rel = Math.abs(actual! - expected!) / Math.max(Math.abs(expected!), 1e-300);
  worst[kind] = Math.max(worst[kind] ?? 0, rel);
  compared++;
  expect(rel, `${name}: kizuki ${actual}, R ${expected}`).toBeLessThanOrEqual(
    kind === 'estimate' ? 1e-9 : 1e-6,
  );
}

/** A weighted difference against R's, `unit` turning R's proportions into kizuki's points. */
function expectDifference(name: string, d: WeightedDifference | null | undefined, unit: number) {
  expect(d, name).toBeTruthy();
  expectClose('estimate', `${name}.b`, d!.b);
  expectClose('estimate', `${name}.a`, d!.a);
  expectClose('estimate', `${name}.difference`, d!.difference / unit);
  expectClose('se', `${name}.se`, d!.se / unit);
  expectClose('se', `${name}.lower`, d!.lower / unit);
  expectClose('se', `${name}.upper`, d!.upper / unit);
  expectClose('se', `${name}.p`, d!.p);
}

describe.runIf(rTestsRun)('weighted waves in kizuki report equal R survey 4.1.1', () => {
  it('says the waves are weighted and independent, and compares everyone and each sex', () => {
    expect(whatChanged.weighted).toBe(true);
    expect(whatChanged.method).toBe('independent');
    expect(whatChanged.groups.map((g) => `${g.key}:${g.kind}`)).toEqual(
      expect.arrayContaining(['all:independent', 'sex=1:independent', 'sex=2:independent']),
    );
  });

  it('every favourable share and score mean: both waves, change, SE, interval and p', () => {
    for (const key of ['all', 'sex=1', 'sex=2']) {
      const group = whatChanged.groups.find((g) => g.key === key)!;
      if (group.kind !== 'independent') throw new Error(`${key} is ${group.kind}`);
      const who = key === 'all' ? 'all' : key.slice(4);
      for (const id of items) {
        const d = group.comparison.items.find((i) => i.id === id)?.weighted?.favourable;
        expectDifference(`${id}.${who}`, d, 100);
      }
      for (const s of group.comparison.scores) expectDifference(`${s.id}.${who}`, s.weighted?.mean, 1);
    }
  });

  it('the change of the gap men − women on every statement', () => {
    const gap = whatChanged.gap!;
    expect([gap.by, gap.a, gap.b]).toEqual(['sex', 1, 2]);
    for (const id of items) {
      const c = gap.items.find((i) => i.id === id)!;
      expectClose('estimate', `${id}.gap.b`, c.before! / 100);
      expectClose('estimate', `${id}.gap.a`, c.after! / 100);
      const d = c.change!;
      expectClose('estimate', `${id}.gap.difference`, d.difference / 100);
      expectClose('se', `${id}.gap.se`, d.se / 100);
      expectClose('se', `${id}.gap.lower`, d.lower / 100);
      expectClose('se', `${id}.gap.upper`, d.upper / 100);
      expectClose('se', `${id}.gap.p`, d.p);
    }
    console.info(`waves vs R: ${compared} figures, worst relative differences`, worst);
  });
});
