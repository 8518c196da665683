// Issue #14, item 5: in a weighted report every figure says whether it is weighted, and
// small-cell suppression counts respondents, never weighted totals. The report is rendered with
// every section it can have (who answered, what changed and the trend, respondents, scores, sets,
// items, gaps, benchmarks, reliability, pass rules, peers), and each chart and data table is
// looked at with the heading above it.
import { describe, expect, it } from 'vitest';
import { synthesiseResponses } from '../../src/cli/synthesiseResponses.js';
import { responseRates, weightDiagnostics } from '../../src/design/index.js';
import { renderReport, type WhoAnswered } from '../../src/report/index.js';
import { loadTemplate, type SurveyResponse } from '../../src/schema/index.js';
import { checkPassRule, compareBenchmarks, createAggregator } from '../../src/scoring/index.js';
import { exampleTemplate } from '../helpers/templates.js';

const survey = loadTemplate(exampleTemplate());
const BY = ['sex', 'leave_plan'];
const sexOf = (r: SurveyResponse) => r.answers.sex as number | undefined;
// Men weigh 2, women 1, and the few "other" respondents 400 each: too few to show, however much
// they weigh.
const weightOf = (r: SurveyResponse) => (sexOf(r) === 1 ? 2 : sexOf(r) === 3 ? 400 : 1);
const now = synthesiseResponses(survey, { n: 400, seed: 7 });
const before = synthesiseResponses(survey, { n: 400, seed: 8 });
const others = now.filter((r) => sexOf(r) === 3).length;

function aggregate(responses: readonly SurveyResponse[], minGroupSize: number, weighted: boolean) {
  const aggregator = createAggregator(survey, {
    by: BY,
    minGroupSize,
    sets: [{ id: 'views_any', items: ['v_care', 'v_lead', 'v_share'] }],
    ...(weighted ? { design: {} } : {}),
  });
  for (const r of responses) weighted ? aggregator.add(r, weightOf(r)) : aggregator.add(r);
  return aggregator.result({ gaps: [{ by: 'sex', a: 1, b: 2 }] });
}

function who(): WhoAnswered {
  const cells = new Map<string, WhoAnswered['cells'][number]>();
  for (const r of now) {
    const levels = BY.map((id) => (r.answers[id] as number | undefined) ?? 0);
    if (levels.includes(0)) continue;
    const key = levels.join(':');
    const cell = cells.get(key) ?? { levels, sample: 0, respondents: 0, weighted: 0, population: 50 };
    cell.respondents += 1;
    cell.sample! += 2;
    cell.weighted! += weightOf(r);
    cells.set(key, cell);
  }
  const rates = responseRates({
    records: now.map((r, i) => ({ stratum: String(sexOf(r) ?? 0), disposition: i % 3 ? '1.1' : '2.11' })),
    disposition: 'disposition',
    by: [['stratum']],
  });
  return {
    variables: BY,
    cells: [...cells.values()],
    rates: {
      overall: rates.overall,
      groups: rates.breakdowns[0]!.groups.map((g) => ({ label: g.label, summary: g })),
    },
    weights: weightDiagnostics({ weights: now.map(weightOf) }),
  };
}

function report(locale: 'ja' | 'en', minGroupSize = 5, previousWeighted = true) {
  const result = aggregate(now, minGroupSize, true);
  return renderReport({
    survey,
    result,
    locale,
    benchmarks: compareBenchmarks(survey, result, { locale }),
    passRules: (survey.template.passRules ?? []).map((rule) =>
      checkPassRule(survey, result, { rule: rule.id, locale }),
    ),
    whoAnswered: who(),
    waves: {
      previous: [{ label: '2025', result: aggregate(before, minGroupSize, previousWeighted) }],
      label: '2026',
    },
    peers: {
      result: aggregate([...now, ...before], minGroupSize, false),
      municipalities: 2,
      includedOwn: true,
    },
  });
}

const MARK = { ja: /重み付き|重みなし/, en: /\b(?:un)?weighted\b/i };
const text = (html: string) => html.replace(/<[^>]+>/g, '').trim();

/**
 * Each chart and each data table of each section (but the notes) that says nowhere whether it is
 * weighted: not in its caption, its chart's title, its column headings, nor the heading above it.
 */
function unmarked(html: string, mark: RegExp): string[] {
  const missing: string[] = [];
  const sections = [...html.matchAll(/<section id="([^"]+)">(.*?)<\/section>/gs)];
  for (const [, id, body] of sections) {
    if (id === 'notes') continue;
    let heading = '';
    // Headings, figures (caption, chart, data) and tables outside figures, in document order.
    const parts = body!.matchAll(
      /<(h[234])[^>]*>(.*?)<\/\1>|<figure\b.*?<\/figure>|<table class="data[^"]*">.*?<\/table>/gs,
    );
    for (const part of parts) {
      if (part[1] !== undefined) {
        heading = text(part[2]!);
        continue;
      }
      const html = part[0];
      const caption = /<figcaption>(.*?)<\/figcaption>/s.exec(html)?.[1] ?? '';
      const title = /<svg[^>]*>\s*<title[^>]*>(.*?)<\/title>/s.exec(html)?.[1] ?? '';
      const columns = [...html.matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map((m) => m[1]).join(' ');
      const said = [heading, caption, title, columns].map(text);
      if (!said.some((s) => mark.test(s)))
        missing.push(
          `${id}: ${said
            .filter((s) => s !== '')
            .join(' | ')
            .slice(0, 120)}`,
        );
    }
  }
  return missing;
}

describe('a weighted report says of every figure whether it is weighted', () => {
  it.each(['ja', 'en'] as const)('%s: every section with figures, every chart and table', (locale) => {
    const html = report(locale);
    const ids = [...html.matchAll(/<section id="([^"]+)">/g)].map((m) => m[1]);
    expect(ids).toEqual([
      'overview',
      'who-answered',
      'what-changed',
      'respondents',
      'scores',
      'items',
      'gaps',
      'benchmarks',
      'reliability',
      'pass-rules',
      'peers',
      'notes',
    ]);
    expect(unmarked(html, MARK[locale])).toEqual([]);
    // The notes name the weighted intervals, not only the unweighted ones.
    const notes = html.slice(html.indexOf('<section id="notes">'));
    expect(notes).toMatch(locale === 'ja' ? /ロジット法/ : /logit intervals/);
  });

  it.each(['ja', 'en'] as const)('%s: a trend over an unweighted earlier wave marks each wave', (locale) => {
    const html = report(locale, 5, false);
    expect(unmarked(html, MARK[locale])).toEqual([]);
    const section = html.slice(
      html.indexOf('<section id="what-changed">'),
      html.indexOf('<section id="respondents">'),
    );
    const trends = [...section.matchAll(/<figure class="chart">.*?<\/figure>/gs)].map((m) => m[0]);
    expect(trends.length).toBeGreaterThan(0);
    const [weighted, unweighted] =
      locale === 'ja' ? ['（重み付き）', '（重みなし）'] : [' (weighted)', ' (unweighted)'];
    for (const trend of trends) {
      const caption = /<figcaption>(.*?)<\/figcaption>/s.exec(trend)![1]!;
      expect(caption).not.toContain(weighted);
      const columns = [...trend.matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map((m) => m[1]);
      expect(columns.slice(1)).toEqual([`2025${unweighted}`, `2026${weighted}`]);
    }
  });

  it('the check finds a chart or table that does not say it', () => {
    const html = report('ja');
    const stripped = html.replace('<h3>主な結果（全体）（重み付き）</h3>', '<h3>主な結果（全体）</h3>');
    expect(stripped).not.toBe(html);
    expect(unmarked(stripped, MARK.ja)).toEqual([expect.stringMatching(/^overview: 主な結果（全体）/)]);
    // An unweighted report has no weighted figures to tell apart, and says nothing of weights.
    const plain = renderReport({ survey, result: aggregate(now, 5, false), locale: 'en' });
    expect(plain).not.toMatch(MARK.en);
  });

  it('hides a group of few respondents in every weighted table, however large its weighted total', () => {
    expect(others).toBeGreaterThan(0);
    const shown = aggregate(now, 1, true);
    const other = shown.groups.findIndex((g) => g.key === 'sex=3');
    // Shown, the "other" group would carry much of the weighted total.
    const all = shown.scores[0]!.groups[0]!.weighted!.mean!.sumWeights;
    expect(shown.scores[0]!.groups[other]!.weighted!.mean!.sumWeights / all).toBeGreaterThan(0.3);
    const html = report('ja', others + 1);
    const main = html.slice(html.indexOf('<section id="respondents">'), html.indexOf('<section id="peers">'));
    // Its rows: no figure.
    const rows = [...main.matchAll(/<tr><th scope="row">その他<\/th>(.*?)<\/tr>/g)].map((m) => m[1]!);
    expect(rows.length).toBeGreaterThan(2);
    // (A crossed cell nobody answered shows 0 or nothing: that tells nothing about anyone.)
    for (const row of rows) expect(row).not.toMatch(/<td class="num">(?!0?<)/);
    // Its column in the favourable shares by group: only "—".
    const byGroup = [
      ...main.matchAll(/<h4>グループ別の肯定的な回答の割合（重み付き）<\/h4>(.*?)<\/table>/gs),
    ];
    expect(byGroup.length).toBeGreaterThan(0);
    for (const [, table] of byGroup) {
      const columns = [...table!.matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map((m) => m[1]);
      const at = columns.indexOf('その他');
      expect(at).toBeGreaterThan(0);
      for (const [, row] of table!.matchAll(/<tr><th scope="row">.*?<\/th>(.*?)<\/tr>/g))
        expect(row!.match(/<td[^>]*>.*?<\/td>/g)![at - 1]).toBe('<td class="sup">—</td>');
    }
  });
});
