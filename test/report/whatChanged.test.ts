import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.js';
import { indexTemplate } from '../../src/schema/index.js';
import {
  compareGapChange,
  compareOverlapping,
  comparePaired,
  compareWaves,
} from '../../src/scoring/index.js';
import { expectGolden } from '../golden/expectGolden.js';
import { later, survey, waveResult, waveSeries, weightedWaveResult } from './wavesFixture.js';

const index = indexTemplate(survey.template);
const signed = (v: number, digits = 1) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(digits)}`;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const fromHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The rows of the section's tables as label → cell texts, in order (a label can repeat across tables). */
function sectionRows(html: string): Array<{ label: string; cells: string[] }> {
  const section = html.slice(
    html.indexOf('<section id="what-changed">'),
    html.indexOf('</section>', html.indexOf('<section id="what-changed">')),
  );
  expect(section.length).toBeGreaterThan(0);
  return [...section.matchAll(/<tr><th scope="row">(.*?)<\/th>(.*?)<\/tr>/g)].map((m) => ({
    label: fromHtml(m[1]!),
    cells: [...m[2]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => fromHtml(c[1]!)),
  }));
}
const itemText = (id: string) => index.items.get(id)!.item.text.ja;

/**
 * Checks each statement's row of the section (before, now, change, interval, p) against the
 * comparison's figures; returns how many rows were checked.
 */
function checkItemRows(
  rows: Array<{ label: string; cells: string[] }>,
  items: ReadonlyArray<{
    id: string;
    favourable: {
      a: number;
      b: number;
      points: number;
      lower: number;
      upper: number;
      p: number | null;
    } | null;
  }>,
  locale: 'ja' | 'en',
): number {
  let checked = 0;
  for (const item of items) {
    const f = item.favourable;
    if (f === null || !index.items.has(item.id)) continue;
    const row = rows.find((r) => r.label.endsWith(index.items.get(item.id)!.item.text[locale]!))!;
    expect(row.cells.slice(0, 4)).toEqual([
      pct(f.b),
      pct(f.a),
      signed(f.points),
      `[${signed(f.lower)}, ${signed(f.upper)}]`,
    ]);
    expect(row.cells[5]).toBe(f.p! < 0.001 ? '<0.001' : f.p!.toFixed(3));
    checked += 1;
  }
  return checked;
}

const twoWaves = () => {
  const [first, second] = waveSeries(2, 11, 1);
  const before = waveResult(first!);
  const after = waveResult(second!);
  return { before, after };
};

describe('the "What changed" section', () => {
  it('renders two waves the same way every time (golden files, ja and en)', () => {
    const { before, after } = twoWaves();
    const waves = { previous: [{ label: '2026', result: before }], label: '2027', trendItems: ['h01'] };
    expectGolden('report.waves-2.ja.html', renderReport({ survey, result: after, waves }));
    expectGolden('report.waves-2.en.html', renderReport({ survey, result: after, waves, locale: 'en' }));
  });

  it('renders four waves with a trend over all of them (golden files, ja and en)', () => {
    const results = waveSeries(4, 21, 2).map(waveResult);
    const previous = results.slice(0, 3).map((result, i) => ({ label: String(2024 + i), result }));
    const waves = { previous, label: '2027', trendItems: ['h01', 'w01'] };
    const ja = renderReport({ survey, result: results[3]!, waves });
    expectGolden('report.waves-4.ja.html', ja);
    expectGolden(
      'report.waves-4.en.html',
      renderReport({ survey, result: results[3]!, waves, locale: 'en' }),
    );
    // The trend table has a value per wave for each score.
    const trendRow = sectionRows(ja).find((r) => r.cells.length === 4 && r.label.includes('家庭'));
    expect(trendRow?.cells.every((c) => /%$/.test(c))).toBe(true);
  });

  it('shows exactly the figures of compareWaves and compareGapChange', () => {
    const { before, after } = twoWaves();
    const html = renderReport({
      survey,
      result: after,
      waves: { previous: [{ label: 'a', result: before }], label: 'b' },
    });
    const rows = sectionRows(html);
    const everyone = compareWaves({ before, after });
    expect(checkItemRows(rows, everyone.items, 'ja')).toBe(40);
    // Men: the built-in change in h01 shows as a rise beyond the margin of error.
    const men = compareWaves({ before, after, group: { sex: 1 } }).items.find((i) => i.id === 'h01')!
      .favourable!;
    const menRows = rows.filter((r) => r.label.endsWith(itemText('h01')));
    expect(menRows[1]!.cells.slice(2, 5)).toEqual([
      signed(men.points),
      `[${signed(men.lower)}, ${signed(men.upper)}]`,
      '上昇（誤差を超える変化）',
    ]);
    expect(men.lower).toBeGreaterThan(0);
    // The gap men − women, before and now.
    const gap = compareGapChange({ before: before.gaps[0]!, after: after.gaps[0]! }).find(
      (c) => c.id === 'h01',
    )!;
    const gapRow = menRows[menRows.length - 1]!;
    expect(gapRow.cells.slice(0, 4)).toEqual([
      signed(gap.before!),
      signed(gap.after!),
      signed(gap.change!.difference),
      `[${signed(gap.change!.lower)}, ${signed(gap.change!.upper)}]`,
    ]);
    // Scores of everyone: share scores in points.
    const score = everyone.scores.find((s) => s.id === 'home_share')!.mean!;
    const scoreRow = rows.find((r) => r.label === '家庭：同意した文の割合')!;
    expect(scoreRow.cells.slice(0, 4)).toEqual([
      pct(score.b),
      pct(score.a),
      signed(score.difference * 100),
      `[${signed(score.lower! * 100)}, ${signed(score.upper! * 100)}]`,
    ]);
  });

  it('uses the weighted figures and their design-based intervals when the aggregates are weighted', () => {
    const [first, second] = waveSeries(2, 11, 1);
    const before = weightedWaveResult(first!);
    const after = weightedWaveResult(second!);
    const html = renderReport({
      survey,
      result: after,
      waves: { previous: [{ label: 'a', result: before }], label: 'b' },
    });
    expect(html).toContain('ウェイト付きの集計なので');
    const rows = sectionRows(html);
    const h01 = compareWaves({ before, after }).items.find((i) => i.id === 'h01')!.weighted!.favourable!;
    const row = rows.find((r) => r.label.endsWith(itemText('h01')))!;
    expect(row.cells.slice(0, 4)).toEqual([
      pct(h01.b),
      pct(h01.a),
      signed(h01.difference),
      `[${signed(h01.lower)}, ${signed(h01.upper)}]`,
    ]);
    // The weighted interval is not the unweighted one.
    const plain = compareWaves({ before, after }).items.find((i) => i.id === 'h01')!.favourable!;
    expect(row.cells[3]).not.toBe(`[${signed(plain.lower)}, ${signed(plain.upper)}]`);
    const gap = compareGapChange({ before: before.gaps[0]!, after: after.gaps[0]! }).find(
      (c) => c.id === 'h01',
    )!;
    expect(gap.weighted).toBe(true);
    const gapRow = rows.filter((r) => r.label.endsWith(itemText('h01'))).at(-1)!;
    expect(gapRow.cells.slice(2, 4)).toEqual([
      signed(gap.change!.difference),
      `[${signed(gap.change!.lower)}, ${signed(gap.change!.upper)}]`,
    ]);
  });

  it('uses the paired comparison for a panel and says so', () => {
    const [first] = waveSeries(1, 31, 1);
    const second = later(first!, 1, true); // the same people a year later
    const paired = comparePaired({ survey, before: first!, after: second });
    const html = renderReport({
      survey,
      result: waveResult(second),
      waves: {
        previous: [{ label: '2026', result: waveResult(first!) }],
        label: '2027',
        paired: { all: paired },
      },
    });
    expect(html).toContain('同じ人が2回答えているため（仮名IDで240組を対応づけ）');
    const h01 = paired.items.find((i) => i.id === 'h01')!.favourable!;
    const row = sectionRows(html).find((r) => r.label.endsWith(itemText('h01')))!;
    expect(row.cells.slice(2, 5)).toEqual([
      signed(h01.points),
      `[${signed(h01.lower)}, ${signed(h01.upper)}]`,
      '上昇（誤差を超える変化）',
    ]);
    // Groups without their own paired comparison are left out rather than compared as independent.
    expect(html).not.toContain('グループ: 男性');
  });

  it('uses the partially overlapping comparison when some people answered both waves, and says so', () => {
    const [first, other] = waveSeries(2, 41, 1);
    // 96 of 240 (40%) are the same people a year later; the rest are new.
    const second = [...later(first!.slice(0, 96), 1, true), ...other!.slice(96)];
    const overlapping = compareOverlapping({ survey, before: first!, after: second, minGroupSize: 10 });
    const html = renderReport({
      survey,
      result: waveResult(second),
      locale: 'en',
      waves: {
        previous: [{ label: '2026', result: waveResult(first!) }],
        label: '2027',
        overlapping: { all: overlapping },
      },
    });
    expect(html).toContain('96 people answered both waves (of 240 before and 240 now)');
    expect(html).toContain('partially overlapping samples');
    expect(html).not.toContain('compared as independent samples');
    const rows = sectionRows(html);
    expect(checkItemRows(rows, overlapping.items, 'en')).toBe(40);
    // Groups without their own overlapping comparison are left out rather than compared another way.
    expect(html).not.toContain('Group: Men');
  });

  it('lists results that cannot be compared instead of comparing them, and says why', () => {
    const { before, after } = twoWaves();
    const verdicts = [
      {
        id: 'h01',
        label: { ja: '家事', en: 'Housework' },
        previousWave: { comparable: false, why: { ja: '文言が変わった', en: 'reworded' } },
      },
    ];
    const html = renderReport({
      survey,
      result: after,
      locale: 'en',
      waves: { previous: [{ label: 'a', result: before, verdicts }], label: 'b', trendItems: ['h01'] },
    });
    const rows = sectionRows(html);
    expect(rows.find((r) => r.label === 'h01 Housework')?.cells).toEqual(['reworded']);
    expect(
      rows
        .filter((r) => r.label.endsWith(index.items.get('h01')!.item.text.en!))
        .every((r) => r.cells.length === 2),
    ).toBe(true);
  });

  it('hides groups too small in either wave', () => {
    const [wave1, wave2] = waveSeries(2, 41, 2);
    const small = wave1!.filter((r, i) => r.answers.sex !== 2 || i % 30 === 0);
    const html = renderReport({
      survey,
      result: waveResult(wave2!),
      waves: { previous: [{ label: 'a', result: waveResult(small) }], label: 'b' },
    });
    expect(html).toContain('女性: どちらかの回で人数が少ないため表示しません。');
  });
});
