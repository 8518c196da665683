import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.js';
import { loadTemplate } from '../../src/schema/index.js';
import { createAggregator } from '../../src/scoring/index.js';
import { expectGolden } from '../golden/expectGolden.js';
import { exampleTemplate } from '../helpers/templates.js';
import { exampleReportInput } from './reportFixture.js';

const input = exampleReportInput();

describe('renderReport', () => {
  it('renders the report of a fixed seeded sample the same way every time (golden files)', () => {
    const options = { ...input, source: { rows: 302, rejected: 2 }, subtitle: 'みどり市 2026年5月' };
    const ja = renderReport(options);
    expect(renderReport(options)).toBe(ja);
    expectGolden('report.example-all-features.ja.html', ja);
    expectGolden('report.example-all-features.en.html', renderReport({ ...options, locale: 'en' }));
  });

  it('gives every chart a text alternative and a table of its data', () => {
    const html = renderReport(input);
    const svgs = html.match(/<svg[^>]*>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(8);
    for (const svg of svgs) {
      expect(svg).toContain('role="img"');
      const [title, desc] = /aria-labelledby="([^"]+)"/.exec(svg)![1]!.split(' ');
      expect(html).toContain(`<title id="${title}">`);
      expect(html).toContain(`<desc id="${desc}">`);
    }
    const figures = html.match(/<figure class="chart">.*?<\/figure>/gs) ?? [];
    expect(figures.length).toBe(svgs.length);
    for (const figure of figures) expect(figure).toMatch(/<svg.*<\/svg>.*<table class="data[^"]*">/s);
  });

  it('has every section: overview, respondents, scores, statements, gaps, benchmarks, reliability, pass rule', () => {
    const html = renderReport(input);
    for (const id of [
      'overview',
      'respondents',
      'scores',
      'items',
      'gaps',
      'benchmarks',
      'reliability',
      'pass-rules',
      'notes',
    ]) {
      expect(html).toContain(`<section id="${id}">`);
    }
    expect(html).toContain('男性 − 女性');
    expect(html).toContain('見本の合格基準（3分の2以上）');
  });

  it('marks suppressed groups with — and a legend, never with their figures', () => {
    const small = input.result.groups.filter((g) => g.suppressed);
    expect(small.length).toBeGreaterThan(0);
    const html = renderReport(input);
    expect(html).toContain('<td class="sup">—</td>');
    expect(html).toContain('— ：回答者が10人未満のため表示していません');
    // The respondents table of a suppressed group shows no count.
    for (const group of small) {
      const label = group.where.sex === 3 ? 'その他' : '答えたくない';
      expect(html).toContain(`<th scope="row">${label}</th><td class="sup">—</td>`);
    }
  });

  it('is self-contained: no scripts, no external resources, a CSP that forbids fetching', () => {
    const html = renderReport(input);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(?:src|href)="(?!#)/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).toContain('@page { size: A4;');
  });

  it('escapes every text that comes from the template or the caller', () => {
    const template = exampleTemplate();
    const attack = '<script>alert(1)</script>';
    template.title = { ja: attack, en: attack };
    const sex = template.sections[0]!.questions[1]!;
    if (sex.type === 'single') sex.options[0]!.label = { ja: `"><img src=x onerror=alert(2)>`, en: 'x' };
    const views = template.sections[2]!.questions[0]!;
    if (views.type === 'matrix') views.items[1]!.text = { ja: `<b onmouseover=alert(3)>lead</b>`, en: 'x' };
    template.scores![0]!.label = { ja: '<svg onload=alert(4)>', en: 'x' };
    template.benchmarks![0]!.source = '<a href="javascript:alert(5)">source</a>';
    const injected = exampleReportInput({ template, n: 120 });
    const html = renderReport({ ...injected, subtitle: '<iframe src=//evil>' });
    for (const raw of [
      '<script>alert',
      '<img src=x',
      '<b onmouseover',
      '<svg onload',
      '<a href="javascript',
      '<iframe',
    ]) {
      expect(html).not.toContain(raw);
    }
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;svg onload=alert(4)&gt;');
  });

  it('renders an empty aggregate without failing', () => {
    const survey = loadTemplate(exampleTemplate());
    const result = createAggregator(survey, { by: ['sex'] }).result();
    const html = renderReport({ survey, result, locale: 'en' });
    expect(html).toContain('<th scope="row">Responses tallied</th><td>0</td>');
  });
});
