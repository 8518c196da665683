import { describe, expect, it } from 'vitest';
import { synthesiseResponses } from '../../src/cli/synthesiseResponses.js';
import { weightDiagnostics } from '../../src/design/index.js';
import { renderReport, type WhoAnswered, weightedView } from '../../src/report/index.js';
import { loadTemplate, type SurveyResponse } from '../../src/schema/index.js';
import { createAggregator } from '../../src/scoring/index.js';
import { getTemplate } from '../../src/templates/index.js';

const survey = loadTemplate(getTemplate('bias-awareness-community')!);
const responses = synthesiseResponses(survey, { n: 240, seed: 5 });
const sexOf = (r: SurveyResponse) => r.answers.sex as number;
// Men weigh 3, women 1; the few "other" respondents 500 each, so that their weighted total is large
// although they are too few to show.
const weightOf = (r: SurveyResponse) => (sexOf(r) === 1 ? 3 : sexOf(r) === 3 ? 500 : 1);
const MIN = 5;

function weighted(minGroupSize = MIN) {
  const aggregator = createAggregator(survey, { by: ['sex'], minGroupSize, design: {} });
  for (const r of responses) aggregator.add(r, weightOf(r));
  return aggregator.result({ gaps: [{ by: 'sex', a: 1, b: 2 }] });
}

function who(withWeights: boolean): WhoAnswered {
  const cells = new Map<string, WhoAnswered['cells'][number]>();
  for (const r of responses) {
    const levels = [sexOf(r), r.answers.age_band as number];
    const key = levels.join(':');
    const cell = cells.get(key) ?? {
      levels,
      sample: 0,
      respondents: 0,
      weighted: withWeights ? 0 : null,
      population: 100,
    };
    cell.respondents += 1;
    cell.sample! += 3;
    if (withWeights) cell.weighted! += weightOf(r);
    cells.set(key, cell);
  }
  return {
    variables: ['sex', 'age_band'],
    cells: [...cells.values()].sort((a, b) => a.levels[0]! - b.levels[0]! || a.levels[1]! - b.levels[1]!),
    ...(withWeights ? { weights: weightDiagnostics({ weights: responses.map(weightOf) }) } : {}),
  };
}

/** The table row of a "Who answered" cell, by its label. */
const rowOf = (html: string, label: string) => {
  const section = html.slice(html.indexOf('<section id="who-answered">'));
  return new RegExp(`<tr><th scope="row">${label}</th>.*?</tr>`).exec(section)?.[0] ?? '';
};

describe('the "Who answered" section', () => {
  it('compares sample, respondents and population in a chart with its table, every column saying weighted or not', () => {
    const result = weighted();
    const html = renderReport({ survey, result, whoAnswered: who(true) });
    expect(html).toContain('<a href="#who-answered">回答したのは誰か</a>');
    const section = html.slice(
      html.indexOf('<section id="who-answered">'),
      html.indexOf('</section>', html.indexOf('<section id="who-answered">')),
    );
    const svg = /<svg[^>]*aria-labelledby="([^"]+)"/.exec(section)!;
    const [title, desc] = svg[1]!.split(' ');
    expect(section).toContain(`<title id="${title}">`);
    expect(section).toContain(`<desc id="${desc}">`);
    for (const header of [
      '回答者（人・重みなし）',
      '回答者の割合（重みなし）',
      '回答者の割合（重み付き）',
      '母集団の割合',
    ])
      expect(section).toContain(header);
    // Every series is named in the chart itself, not by colour alone.
    for (const name of ['標本', '回答者（重みなし）', '回答者（重み付き）', '母集団'])
      expect(section).toContain(`>${name}</text>`);
    expect(section).toContain('有効標本数（Kish）');
    expect(section).toContain('重み付けによる違い（全体）');
  });

  it('suppresses a cell of few respondents in weighted figures too, however large its weighted total', () => {
    const data = who(true);
    const small = data.cells.find((c) => c.respondents > 0 && c.respondents < MIN && c.weighted! > 400)!;
    const shown = data.cells.find((c) => c.respondents >= MIN && c.weighted! < c.respondents * 3.5)!;
    expect(small).toBeDefined();
    expect(shown).toBeDefined();
    const html = renderReport({ survey, result: weighted(), whoAnswered: data });
    const label = (levels: number[]) =>
      `${levels[0] === 3 ? 'その他' : levels[0] === 1 ? '男性' : '女性'} × ${levels[1]! === 7 ? '70代以上' : `${levels[1]}0代`}`;
    const hidden = rowOf(html, label(small.levels));
    const total = data.cells.reduce((s, c) => s + c.weighted!, 0);
    expect(hidden).not.toBe('');
    // Sample size shows; respondents, their rate and both respondent shares do not.
    expect(hidden.match(/<td class="sup">—<\/td>/g)).toHaveLength(4);
    expect(hidden).not.toContain(`${((small.weighted! / total) * 100).toFixed(1)}%`);
    const visible = rowOf(html, label(shown.levels));
    expect(visible).toContain(`<td class="num">${shown.respondents}</td>`);
    expect(visible).not.toContain('<td class="sup">');
  });

  it('shows weighted figures with design-based intervals and labels every chart, counts staying unweighted', () => {
    const result = weighted();
    const view = weightedView(result);
    const score = result.scores.find((s) => s.id === 'overall_share')!;
    const viewed = view.scores.find((s) => s.id === 'overall_share')!;
    expect(viewed.groups[0]!.mean!.mean).toBe(score.groups[0]!.weighted!.mean!.mean);
    expect(viewed.groups[0]!.mean!.lower).toBe(score.groups[0]!.weighted!.mean!.lower);
    expect(viewed.groups[0]!.mean!.mean).not.toBe(score.groups[0]!.mean!.mean);
    expect(viewed.groups[0]!.n).toBe(score.groups[0]!.n);
    expect(view.gaps[0]!.scores[0]!.mean!.difference).toBe(
      result.gaps[0]!.scores[0]!.weighted!.mean!.difference,
    );
    const html = renderReport({ survey, result });
    expect(html).toContain('（重み付き）</title>');
    expect(html).toMatch(/回答者数（[^<]*）（重みなし）<\/title>/);
    expect(html).toContain('<th scope="row">重み付け</th><td>あり（与えられたウェイト');
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    expect(html).toContain(pct(score.groups[0]!.weighted!.mean!.mean));
    // With the threshold just above the "other" group's respondents, none of its figures show,
    // weighted or not, although its weights sum to far more than the other groups'.
    const others = responses.filter((r) => sexOf(r) === 3).length;
    const strict = weighted(others + 1);
    const other = strict.groups.findIndex((g) => g.key === 'sex=3');
    expect(strict.groups[other]!.suppressed).toBe(true);
    const strictScore = strict.scores.find((s) => s.id === 'overall_share')!;
    expect(strictScore.groups[other]!.weighted?.mean ?? null).toBeNull();
    const row = /<tr><th scope="row">その他<\/th>.*?<\/tr>/.exec(
      renderReport({ survey, result: strict }).slice(html.indexOf('<section id="scores">')),
    )![0];
    expect(row).not.toMatch(/<td class="num">\d+\.\d%<\/td>/);
    expect(row).toContain('<td class="sup">—</td>');
  });

  it('leaves an unweighted result as it is, and says so in the section', () => {
    const aggregator = createAggregator(survey, { by: ['sex'], minGroupSize: MIN });
    for (const r of responses) aggregator.add(r);
    const result = aggregator.result();
    expect(weightedView(result)).toBe(result);
    const html = renderReport({ survey, result, whoAnswered: who(false), locale: 'en' });
    expect(html).toContain('Every figure in this report is unweighted');
    expect(html).not.toContain('share of respondents (weighted)');
    expect(html).not.toContain('(weighted)</title>');
  });
});
