// Partially overlapping waves against an independent base-R computation (test/scoring/r/overlapping.R)
// from the same generated raw answers: every figure of compareOverlapping for statement r1 (share
// and mean) and the number hours, to 1e-9 relative, at overlaps from none to everyone.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyResponse } from '../../src/schema/index.js';
import { compareOverlapping } from '../../src/scoring/index.js';
import { rTestsRun, runR } from '../helpers/rscript.js';
import { analysisSurvey, randomSource, response } from './fixtures.js';

const survey = analysisSurvey();
const SCRIPT = fileURLToPath(new URL('./r/overlapping.R', import.meta.url));
const LEVEL = 0.9;

interface Answer {
  r1: number | undefined;
  hours: number | undefined;
}

/** Waves of n1 and n2 respondents of whom `linked` answered both; a linked person's answers correlate. */
function scenario(seed: number, n1: number, n2: number, linked: number) {
  const random = randomSource(seed);
  const draw = (): Answer => ({
    r1: random() < 0.08 ? undefined : [1, 2, 2, 3, 4, 9][Math.floor(random() * 6)],
    hours: random() < 0.1 ? undefined : Math.round(random() * 400) / 8,
  });
  const again = (a: Answer): Answer => ({
    r1: random() < 0.65 ? a.r1 : draw().r1,
    hours:
      a.hours === undefined || random() < 0.1 ? draw().hours : a.hours + Math.round(random() * 40 - 16) / 4,
  });
  const first = Array.from({ length: n1 }, (_, i) => ({ id: `p${seed}-${i}`, answer: draw() }));
  const second = [
    ...first.slice(0, linked).map((p) => ({ id: p.id, answer: again(p.answer) })),
    ...Array.from({ length: n2 - linked }, (_, i) => ({ id: `q${seed}-${i}`, answer: draw() })),
  ];
  const toResponse = (p: { id: string; answer: Answer }): SurveyResponse => {
    const answers: Record<string, unknown> = { sex: 1 };
    if (p.answer.r1 !== undefined) answers.r1 = p.answer.r1;
    if (p.answer.hours !== undefined) answers.hours = p.answer.hours;
    return response(survey, answers, p.id);
  };
  return { first, second, before: first.map(toResponse), after: second.map(toResponse) };
}

const SCENARIOS = {
  none: scenario(11, 180, 200, 0),
  forty: scenario(12, 200, 210, 84),
  uneven: scenario(13, 120, 260, 70),
  all: scenario(14, 150, 150, 150),
};

function toCsv(): string {
  const lines = ['case,wave,id,fav,val'];
  const value = (v: number | undefined) => (v === undefined ? 'NA' : String(v));
  for (const [name, s] of Object.entries(SCENARIOS)) {
    for (const [wave, people] of [
      [1, s.first],
      [2, s.second],
    ] as const) {
      for (const { id, answer } of people) {
        const substantive = answer.r1 !== undefined && answer.r1 !== 9;
        const fav = substantive ? (answer.r1! <= 2 ? 1 : 0) : undefined;
        const val = substantive ? 5 - answer.r1! : undefined;
        lines.push(`${name},${wave},${id},${value(fav)},${value(val)}`);
        lines.push(`${name}_hours,${wave},${id},${value(fav)},${value(answer.hours)}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

const dir = mkdtempSync(join(tmpdir(), 'kizuki-r-overlap-'));
const figures = new Map<string, number>();
beforeAll(() => {
  if (!rTestsRun) return;
  writeFileSync(join(dir, 'rows.csv'), toCsv());
  for (const line of runR(SCRIPT, [join(dir, 'rows.csv'), String(LEVEL)])
    .trim()
    .split('\n')) {
    const [name, value] = line.split(',');
    figures.set(name!, Number(value));
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let worst = 0;
function close(name: string, actual: number | null | undefined): void {
  const expected = figures.get(name);
  expect(expected, `R printed ${name}`).toBeTypeOf('number');
  expect(actual, name).toBeTypeOf('number');
  const rel = Math.abs(actual! - expected!) / Math.max(Math.abs(expected!), 1e-300);
  worst = Math.max(worst, rel);
  expect(rel, `${name}: kizuki ${actual}, R ${expected}`).toBeLessThanOrEqual(1e-9);
}

describe.runIf(rTestsRun)('compareOverlapping against base R (Derrick et al. 2015, 2017)', () => {
  for (const [name, s] of Object.entries(SCENARIOS)) {
    it(`${name}: shares and means of r1 and hours equal R's`, () => {
      const change = compareOverlapping({ survey, before: s.before, after: s.after, level: LEVEL });
      const r1 = change.items.find((i) => i.id === 'r1')!;
      const hours = change.items.find((i) => i.id === 'hours')!;
      const f = r1.favourable!;
      close(`${name}.share.points`, f.points);
      close(`${name}.share.z`, f.z);
      close(`${name}.share.p`, f.p);
      close(`${name}.share.lower`, f.lower);
      close(`${name}.share.upper`, f.upper);
      close(`${name}.share.linked`, f.linked);
      for (const [key, m] of [
        [name, r1.mean!],
        [`${name}_hours`, hours.mean!],
      ] as const) {
        close(`${key}.mean.difference`, m.difference);
        close(`${key}.mean.t`, m.t);
        close(`${key}.mean.df`, m.df);
        close(`${key}.mean.p`, m.p);
        close(`${key}.mean.lower`, m.lower);
        close(`${key}.mean.upper`, m.upper);
        close(`${key}.mean.correlation`, m.correlation ?? 0);
      }
    });
  }
  it('links as many as were made to overlap', () => {
    expect(compareOverlapping({ survey, ...SCENARIOS.forty }).linked).toBe(84);
    console.info(`compareOverlapping vs base R: max relative difference ${worst.toExponential(2)}`);
  });
});
