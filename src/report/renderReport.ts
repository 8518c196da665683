import { escapeHtml } from '../core/escapeHtml.js';
import { localText } from '../io/localText.js';
import { indexTemplate, type LocalisedText, type Scale, type Survey } from '../schema/index.js';
import type {
  AggregateResult,
  BenchmarkComparison,
  GroupInfo,
  ItemResult,
  MeanEstimate,
  PassRuleCheck,
  ScoreResult,
  ShareEstimate,
} from '../scoring/index.js';
import { barChart } from './barChart.js';
import { divergingBarChart } from './divergingBarChart.js';
import { formatFixed } from './formatFixed.js';
import { baseStyles, htmlDocument } from './htmlDocument.js';
import { type IntervalRow, intervalChart } from './intervalChart.js';
import { type PeersInput, peersSection } from './peersSection.js';
import { questionNumbers } from './questionNumbers.js';
import { reportText } from './reportText.js';
import type { ChartText } from './svgParts.js';
import { weightedBenchmarks, weightedView } from './weightedView.js';
import { type WhatChangedInput, whatChangedSection } from './whatChanged.js';
import { type WhoAnswered, weightingWords, whoAnsweredSection } from './whoAnswered.js';

/** Options of {@link renderReport}. */
export interface RenderReportOptions {
  survey: Survey;
  /** The aggregate's result (`createAggregator(…).result(…)`), with the gaps to show. */
  result: AggregateResult;
  /** The language of the report: `ja` (default) or `en`. */
  locale?: 'ja' | 'en';
  /** `compareBenchmarks(survey, result)`, to show the comparison with national figures. */
  benchmarks?: readonly BenchmarkComparison[];
  /** `checkPassRule(…)` for the template's pass rules. */
  passRules?: readonly PassRuleCheck[];
  /** Where the data came from, for the overview: rows read and rows left out for problems. */
  source?: { rows: number; rejected: number };
  /** A line under the title, such as the municipality and the survey period. */
  subtitle?: string;
  /** All participating municipalities (a merged state's result), to compare this one with. */
  peers?: PeersInput;
  /** The "Who answered" section: sample, respondents and population, response rates, weights. */
  whoAnswered?: WhoAnswered;
  /** Earlier waves: adds the "What changed" section (changes, gaps, comparability, trend). */
  waves?: WhatChangedInput;
}

const STYLES = `${baseStyles}
body { max-width: 820px; }
nav ol { margin: 0 0 4mm; padding-left: 6mm; columns: 2; font-size: 9.5pt; }
nav a { color: inherit; display: inline-block; min-height: 24px; padding: 3px 0; }
.scroll { overflow-x: auto; max-width: 100%; }
.scroll:focus-visible { outline: 2px solid #1d4e89; outline-offset: 2px; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; }
.subtitle { font-size: 11pt; margin-bottom: 1mm; }
table.kv th { text-align: left; font-weight: 600; padding-right: 4mm; }
table.kv td, table.kv th { padding: 0.5mm 2mm 0.5mm 0; vertical-align: top; }
table.data { font-size: 8.5pt; margin: 1mm 0 3mm; width: 100%; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 0.6mm 1.5mm; vertical-align: top; }
table.data thead th { border-bottom: 1.5px solid var(--ink); text-align: left; font-weight: 600; }
table.data td.num, table.data th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.data td.sup { text-align: center; color: var(--muted); }
table.data tbody th { text-align: left; font-weight: 400; }
table.data.wide-first tbody th { width: 42%; }
table.data thead th.num { white-space: normal; }
figure.chart { margin: 0 0 5mm; }
figure.chart figcaption { font-weight: 600; margin-bottom: 1mm; }
figure.chart svg { display: block; max-width: 100%; height: auto; break-inside: avoid; }
.legend { font-size: 8.5pt; color: var(--muted); }
.pass { font-weight: 700; }
.fail { font-weight: 700; text-decoration: underline; }
svg text { font-size: 11px; fill: var(--ink); }
svg .tick { font-size: 10px; fill: var(--muted); }
svg .muted { fill: var(--muted); }
svg .in-dark { fill: #fff; font-size: 10px; }
svg .in-light { fill: var(--ink); font-size: 10px; }
svg .grid { stroke: #e4e7eb; stroke-width: 1; }
svg .zero { stroke: var(--ink); stroke-width: 1.5; }
svg .whisker { stroke: var(--ink); stroke-width: 1.5; }
svg .point { fill: #1d4e89; stroke: #fff; stroke-width: 1; }
svg .ref { fill: #fff; stroke: var(--ink); stroke-width: 1.5; }
svg .bar { fill: #5b8fc7; }
section { break-before: auto; }
@media screen and (max-width: 640px) {
  body { padding: 4mm; }
  nav ol { columns: 1; }
  h1 { font-size: 14pt; overflow-wrap: anywhere; }
  footer { overflow-wrap: anywhere; }
}
@media print {
  .scroll { overflow: visible; }
  table.data { font-size: 7.5pt; }
  table.data tr, figure.chart { break-inside: avoid; }
  footer { overflow-wrap: anywhere; }
}
@media screen and (min-width: 1400px) {
  body { max-width: 1400px; }
  figure.chart { display: grid; grid-template-columns: 690px 1fr; gap: 6mm; align-items: start; }
  figure.chart figcaption { grid-column: 1 / -1; }
}`;

/**
 * The results report: one self-contained HTML page (inline CSS and SVG, no scripts, no network,
 * A4 print rules) with an overview, respondents per group, every score per group with intervals,
 * diverging stacked bars for statements on agree scales, favourable shares per group, gaps between
 * groups with intervals and a zero line, the comparison with national benchmarks, reliability and
 * pass rules. Each chart is an SVG with `role="img"`, a title and a description, and is followed by
 * a table of its data. Suppressed figures show as "—" with a legend. Every text from the template
 * is HTML-escaped. The same input gives the same bytes.
 *
 * @example
 * ```ts
 * import { compareBenchmarks, createAggregator } from 'kizuki/scoring';
 * const aggregator = createAggregator(survey, { by: ['sex', 'age_band'] });
 * for (const r of responses) aggregator.add(r);
 * const result = aggregator.result({ gaps: [{ by: 'sex', a: 1, b: 2 }] });
 * const html = renderReport({ survey, result, benchmarks: compareBenchmarks(survey, result) });
 * ```
 */
export function renderReport(options: RenderReportOptions): string {
  const { survey } = options;
  // A weighted result shows its weighted figures; counts and suppression stay those of respondents.
  const result = weightedView(options.result);
  const locale = options.locale ?? 'ja';
  const weighting = result.weighting === undefined ? undefined : weightingWords(locale, result);
  const text = reportText[locale];
  const { template } = survey;
  const index = indexTemplate(template);
  const numbers = questionNumbers(template);
  const t = (value: LocalisedText) => localText(value, locale);
  const mark = '—';
  let chartCount = 0;
  // In a weighted report every chart says whether it is weighted; counts of respondents are not.
  const chartText = (title: string, description: string, suffix = weighting?.mark ?? ''): ChartText => {
    chartCount += 1;
    return { id: `chart-${chartCount}`, title: title + suffix, description };
  };

  const optionLabel = (questionId: string, code: number): string => {
    const question = index.questions.get(questionId)?.question;
    const options =
      question?.type === 'single'
        ? question.options
        : question?.type === 'likert'
          ? (index.scales.get(question.scale)?.options ?? [])
          : [];
    const option = options.find((o) => o.code === code);
    return option === undefined ? `${questionId}=${code}` : t(option.label);
  };
  const questionLabel = (id: string): string => {
    const question = index.questions.get(id)?.question;
    return question === undefined ? id : t(question.label);
  };
  const groupLabel = (group: GroupInfo): string =>
    group.key === 'all'
      ? text.all
      : Object.entries(group.where)
          .map(([q, code]) => optionLabel(q, code))
          .join(' × ');
  const itemLabel = (id: string): string => {
    const number = numbers.get(id)?.label ?? id;
    const item = index.items.get(id);
    if (item) return `${number} ${t(item.item.text)}`;
    return `${number} ${questionLabel(id)}`;
  };
  const scoreLabel = (score: ScoreResult): string => {
    const definition = template.scores?.find((s) => s.id === score.id);
    return definition === undefined ? score.id : t(definition.label);
  };

  const pct = (share: number) => `${formatFixed(share * 100, 1)}%`;
  const pts = (value: number, digits = 1) =>
    `${value > 0 ? '+' : value < 0 ? '−' : '±'}${formatFixed(Math.abs(value), digits)}`;
  const range = (lower: number | null, upper: number | null, f: (v: number) => string) =>
    lower === null || upper === null ? '' : `[${f(lower)}, ${f(upper)}]`;
  const fixed = (digits: number) => (v: number) => formatFixed(v, digits);
  const count = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cell = (content: string, numeric = true) =>
    `<td${numeric ? ' class="num"' : ''}>${escapeHtml(content)}</td>`;
  const supCell = '<td class="sup">—</td>';
  // A table wider than a phone scrolls inside its own box, which the keyboard can reach and a screen
  // reader names, so that the page itself never scrolls sideways (WCAG 1.4.10 reflow).
  const table = (head: readonly string[], rows: readonly string[][], numericFrom = 1) =>
    `<div class="scroll" role="region" tabindex="0" aria-label="${escapeHtml(text.tableRegion)}"><table class="data"><thead><tr>${head
      .map((h, i) => `<th scope="col"${i >= numericFrom ? ' class="num"' : ''}>${escapeHtml(h)}</th>`)
      .join(
        '',
      )}</tr></thead><tbody>${rows.map((r) => `<tr>${r.join('')}</tr>`).join('')}</tbody></table></div>`;
  const figure = (caption: string | undefined, svg: string, data: string, suffix = weighting?.mark ?? '') =>
    `<figure class="chart">${caption === undefined ? '' : `<figcaption>${escapeHtml(caption + suffix)}</figcaption>`}${svg}<div>${data}</div></figure>`;
  const wideFirst = (html: string) => html.replace('<table class="data">', '<table class="data wide-first">');
  const legend = `<p class="legend">${escapeHtml(text.suppressedLegend(result.minGroupSize))}</p>`;

  // Everyone and each category of each grouping question; crossings go to their own tables.
  const mainGroups = result.groups
    .map((group, gi) => ({ group, gi }))
    .filter(({ group }) => Object.keys(group.where).length <= 1);
  const isShareScore = (score: ScoreResult) => score.method === 'favourableShare';
  const scoreValue = (score: ScoreResult) => (isShareScore(score) ? pct : fixed(2));

  const sections: { id: string; title: string; html: string }[] = [];

  // Overview.
  {
    const rows: [string, string][] = [[text.overviewRows.responses, count(result.responses)]];
    if (options.source !== undefined) {
      rows.push([text.overviewRows.read, count(options.source.rows)]);
      rows.push([text.overviewRows.rejected, count(options.source.rejected)]);
    }
    rows.push([
      text.overviewRows.groups,
      result.by.length === 0 ? text.overviewRows.none : result.by.map(questionLabel).join(' / '),
    ]);
    rows.push([text.overviewRows.minGroup, text.minGroupValue(result.minGroupSize)]);
    rows.push([text.overviewRows.level, text.levelValue(result.level)]);
    if (weighting !== undefined) rows.push([...weighting.row]);
    const kv = `<table class="kv">${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
    const keyRows = result.scores.map((score) => {
      const g = score.groups[0]!;
      const f = scoreValue(score);
      if (g.suppressed)
        return [
          `<th scope="row">${escapeHtml(scoreLabel(score))}</th>`,
          cell(count(g.n)),
          supCell,
          supCell,
          supCell,
        ];
      return [
        `<th scope="row">${escapeHtml(scoreLabel(score))}</th>`,
        cell(count(g.n)),
        cell(g.mean === null ? '' : f(g.mean.mean)),
        cell(g.mean === null ? '' : range(g.mean.lower, g.mean.upper, f)),
        cell(g.atLeastOne === null ? '' : pct(g.atLeastOne.share)),
      ];
    });
    const key =
      result.scores.length === 0
        ? ''
        : `<h3>${escapeHtml(text.keyFigures + (weighting?.mark ?? ''))}</h3>${table(
            [
              text.headers.score,
              text.headers.n,
              text.headers.value,
              text.headers.interval,
              text.headers.atLeastOne,
            ],
            keyRows,
          )}`;
    sections.push({ id: 'overview', title: text.overview, html: kv + key + legend });
  }

  if (options.whoAnswered !== undefined)
    sections.push(
      whoAnsweredSection(options.whoAnswered, {
        locale,
        result: options.result,
        minGroupSize: result.minGroupSize,
        questionLabel,
        optionLabel,
        scoreLabel: (id) => {
          const score = result.scores.find((s) => s.id === id);
          return score === undefined ? id : scoreLabel(score);
        },
        // Its charts label each series weighted or unweighted themselves.
        chartText: (title, description) => chartText(title, description, ''),
        table,
      }),
    );
  if (options.waves !== undefined && options.waves.previous.length > 0) {
    const kit = { locale, result, itemLabel, scoreLabel, groupLabel, table, chartText, legend, weighting };
    sections.push(whatChangedSection(kit, options.waves));
  }

  // Respondents per group.
  if (result.by.length > 0) {
    const parts: string[] = [];
    for (const by of result.by) {
      const groups = result.groups.filter(
        (g) => Object.keys(g.where).length === 1 && Object.hasOwn(g.where, by),
      );
      const name = questionLabel(by);
      const described = groups
        .map((g) => `${groupLabel(g)}: ${g.suppressed ? mark : count(g.respondents)}`)
        .join('、');
      const svg = barChart({
        text: chartText(
          text.respondentsOf(name),
          text.respondentsDesc(name, described),
          weighting?.unweighted,
        ),
        rows: groups.map((g) => ({ label: groupLabel(g), value: g.respondents, suppressed: g.suppressed })),
        suppressedMark: mark,
      });
      const rows = groups.map((g) => [
        `<th scope="row">${escapeHtml(groupLabel(g))}</th>`,
        g.suppressed ? supCell : cell(count(g.respondents)),
        g.suppressed || result.responses === 0 ? supCell : cell(pct(g.respondents / result.responses)),
      ]);
      parts.push(
        figure(
          text.respondentsOf(name),
          svg,
          table([text.headers.group, text.headers.n, text.headers.share], rows),
          weighting?.unweighted,
        ),
      );
    }
    const cross = crossTable((g) => (g.suppressed ? null : count(g.respondents)), weighting?.unweighted);
    if (cross !== '') parts.push(cross);
    sections.push({ id: 'respondents', title: text.respondents, html: parts.join('') + legend });
  }

  /** A table of the first two grouping questions crossed, one value per cell. */
  function crossTable(
    value: (group: GroupInfo, gi: number) => string | null,
    suffix = weighting?.mark ?? '',
  ): string {
    if (result.by.length < 2) return '';
    const [rowsBy, colsBy] = result.by as [string, string];
    const rowGroups = result.groups.filter(
      (g) => Object.keys(g.where).length === 1 && Object.hasOwn(g.where, rowsBy),
    );
    const colGroups = result.groups.filter(
      (g) => Object.keys(g.where).length === 1 && Object.hasOwn(g.where, colsBy),
    );
    const body = rowGroups.map((rg) => {
      const cells = colGroups.map((cg) => {
        const gi = result.groups.findIndex(
          (g) =>
            Object.keys(g.where).length === 2 &&
            g.where[rowsBy] === rg.where[rowsBy] &&
            g.where[colsBy] === cg.where[colsBy],
        );
        const group = result.groups[gi];
        if (group === undefined) return cell('');
        const v = value(group, gi);
        return v === null ? supCell : cell(v);
      });
      return [`<th scope="row">${escapeHtml(groupLabel(rg))}</th>`, ...cells];
    });
    return `<h3>${escapeHtml(text.cross(questionLabel(rowsBy), questionLabel(colsBy)) + suffix)}</h3>${table(
      ['', ...colGroups.map(groupLabel)],
      body,
    )}`;
  }

  // Scores.
  if (result.scores.length > 0 || result.sets.length > 0) {
    const parts: string[] = [];
    for (const score of result.scores) {
      const f = scoreValue(score);
      const share = isShareScore(score);
      const clampShare = (v: number | null) => (v === null || !share ? v : Math.min(1, Math.max(0, v)));
      // A t interval of a mean of shares can reach past 0 or 1 in small groups; a share cannot.
      const scale = (v: number) => (share ? Math.min(100, Math.max(0, v * 100)) : v);
      const chartRows: IntervalRow[] = mainGroups
        .filter(({ group }) => group.respondents > 0)
        .map(({ group, gi }) => {
          const g = score.groups[gi]!;
          return intervalRow(groupLabel(group), g.suppressed, g.mean, scale);
        });
      const described = mainGroups
        .map(({ group, gi }) => {
          const g = score.groups[gi]!;
          return `${groupLabel(group)} ${g.suppressed ? mark : g.mean === null ? '' : f(g.mean.mean)}`;
        })
        .join('、');
      const label = scoreLabel(score);
      const values = chartRows
        .flatMap((r) => [r.lower, r.upper, r.value])
        .filter((v): v is number => v !== null);
      const svg = intervalChart({
        text: chartText(label, text.scoreChartDesc(label, described)),
        rows: chartRows,
        domain: share ? [0, 100] : [Math.min(0, ...values), Math.max(1, ...values)],
        tick: share ? (v) => `${v}%` : (v) => String(v),
        suppressedMark: mark,
      });
      const withAtLeastOne = score.groups.some((g) => g.atLeastOne !== null);
      const rows = mainGroups.map(({ group, gi }) => {
        const g = score.groups[gi]!;
        const head = `<th scope="row">${escapeHtml(groupLabel(group))}</th>`;
        if (g.suppressed) return [head, supCell, supCell, supCell, ...(withAtLeastOne ? [supCell] : [])];
        return [
          head,
          cell(count(g.n)),
          cell(g.mean === null ? '' : f(g.mean.mean)),
          cell(g.mean === null ? '' : range(clampShare(g.mean.lower), clampShare(g.mean.upper), f)),
          ...(withAtLeastOne ? [cell(g.atLeastOne === null ? '' : pct(g.atLeastOne.share))] : []),
        ];
      });
      const head = [text.headers.group, text.headers.n, text.headers.value, text.headers.interval];
      if (withAtLeastOne) head.push(text.headers.atLeastOne);
      parts.push(
        `<h3 id="score-${escapeHtml(score.id)}">${escapeHtml(label)} <span class="muted small">${escapeHtml(text.paren(text.methods[score.method]))}</span></h3>`,
        figure(undefined, svg, table(head, rows)),
        crossTable((_, gi) => {
          const g = score.groups[gi]!;
          return g.suppressed ? null : g.mean === null ? '' : f(g.mean.mean);
        }),
      );
    }
    for (const set of result.sets) {
      const rows = mainGroups.map(({ group, gi }) => {
        const g = set.groups[gi]!;
        const head = `<th scope="row">${escapeHtml(groupLabel(group))}</th>`;
        if (g.suppressed) return [head, supCell, supCell, supCell];
        return [
          head,
          cell(count(g.n)),
          cell(g.atLeastOne === null ? '' : pct(g.atLeastOne.share)),
          cell(g.atLeastOne === null ? '' : range(g.atLeastOne.lower, g.atLeastOne.upper, pct)),
        ];
      });
      parts.push(
        `<h3>${escapeHtml(set.id + (weighting?.mark ?? ''))}</h3>`,
        table([text.headers.group, text.headers.n, text.headers.atLeastOne, text.headers.interval], rows),
      );
    }
    sections.push({ id: 'scores', title: text.scores, html: parts.join('') + legend });
  }

  // Statements on scales with favourable codes: diverging bars, and favourable shares by group.
  {
    const parts: string[] = [];
    const items = new Map(result.items.map((item) => [item.id, item]));
    for (const block of scaleBlocks()) {
      const results = block.ids.map((id) => items.get(id)).filter((r): r is ItemResult => r !== undefined);
      if (results.length === 0) continue;
      const substantive = block.scale.options.filter((o) => !(block.scale.missing ?? []).includes(o.code));
      const favourable = new Set(block.scale.favourable ?? []);
      const categories = substantive.map((o) => ({ label: t(o.label), favourable: favourable.has(o.code) }));
      const rows = results.map((item) => {
        const g = item.groups[0]!;
        const shares =
          g.suppressed || g.counts === null || g.n === 0
            ? null
            : substantive.map((o) => g.counts!.find((c) => c.code === o.code)?.share ?? 0);
        return { label: itemLabel(item.id), shares };
      });
      const svg = divergingBarChart({
        text: chartText(block.title, text.itemsChartDesc(block.title)),
        categories,
        rows,
        suppressedMark: mark,
      });
      const missingCodes = block.scale.options.filter((o) => (block.scale.missing ?? []).includes(o.code));
      const dataRows = results.map((item) => {
        const g = item.groups[0]!;
        const head = `<th scope="row">${escapeHtml(itemLabel(item.id))}</th>`;
        if (g.suppressed || g.counts === null)
          return [head, ...Array(substantive.length + missingCodes.length + 2).fill(supCell)];
        const share = (code: number) => g.counts!.find((c) => c.code === code)?.share ?? 0;
        const countOf = (code: number) => g.counts!.find((c) => c.code === code)?.count ?? 0;
        return [
          head,
          cell(count(g.n)),
          ...substantive.map((o) => cell(g.n === 0 ? '' : pct(share(o.code)))),
          cell(g.favourable === null ? '' : pct(g.favourable.share)),
          ...missingCodes.map((o) => cell(count(countOf(o.code)))),
        ];
      });
      const head = [
        text.headers.item,
        text.headers.n,
        ...substantive.map((o) => t(o.label)),
        text.headers.favourable,
        ...missingCodes.map((o) => `${t(o.label)}${text.paren(text.headers.n)}`),
      ];
      parts.push(
        `<h3>${escapeHtml(block.title)}</h3>`,
        figure(undefined, svg, wideFirst(table(head, dataRows))),
      );
      if (mainGroups.length > 1 && favourable.size > 0) {
        const byGroup = results.map((item) => [
          `<th scope="row">${escapeHtml(itemLabel(item.id))}</th>`,
          ...mainGroups.map(({ gi }) => {
            const g = item.groups[gi]!;
            if (g.suppressed) return supCell;
            return cell(g.favourable === null ? '' : pct(g.favourable.share));
          }),
        ]);
        parts.push(
          `<h4>${escapeHtml(text.favourableByGroup + (weighting?.mark ?? ''))}</h4>`,
          wideFirst(table([text.headers.item, ...mainGroups.map(({ group }) => groupLabel(group))], byGroup)),
        );
      }
    }
    if (parts.length > 0) sections.push({ id: 'items', title: text.items, html: parts.join('') + legend });
  }

  // Gaps between groups.
  if (result.gaps.length > 0) {
    const parts: string[] = [];
    for (const gap of result.gaps) {
      const ga = result.groups.find((g) => g.key === gap.groupA);
      const gb = result.groups.find((g) => g.key === gap.groupB);
      const a = ga === undefined ? gap.groupA : groupLabel(ga);
      const b = gb === undefined ? gap.groupB : groupLabel(gb);
      const title = text.gapTitle(a, b);
      const scores = new Map(result.scores.map((s) => [s.id, s]));
      const rows: IntervalRow[] = [];
      const dataRows: string[][] = [];
      for (const s of gap.scores) {
        const score = scores.get(s.id);
        if (score === undefined || s.mean === null) continue;
        const factor = isShareScore(score) ? 100 : 1;
        const label = scoreLabel(score);
        const d = s.mean;
        // The chart's axis is in points: only shares go on it; other scores are in the table.
        if (isShareScore(score)) {
          rows.push({
            label,
            value: d.difference * factor,
            lower: d.lower === null ? null : d.lower * factor,
            upper: d.upper === null ? null : d.upper * factor,
          });
        }
        const f = isShareScore(score) ? pct : fixed(2);
        dataRows.push([
          `<th scope="row">${escapeHtml(label)}</th>`,
          cell(f(d.a)),
          cell(f(d.b)),
          cell(isShareScore(score) ? pts(d.difference * 100) : pts(d.difference, 2)),
          cell(
            range(
              d.lower === null ? null : d.lower * factor,
              d.upper === null ? null : d.upper * factor,
              fixed(1),
            ),
          ),
        ]);
      }
      for (const item of gap.items) {
        if (item.favourable === null) continue;
        const d = item.favourable;
        const label = itemLabel(item.id);
        rows.push({ label, value: d.points, lower: d.lower, upper: d.upper });
        dataRows.push([
          `<th scope="row">${escapeHtml(label)}</th>`,
          cell(pct(d.a)),
          cell(pct(d.b)),
          cell(pts(d.points)),
          cell(range(d.lower, d.upper, fixed(1))),
        ]);
      }
      if (dataRows.length === 0) continue;
      const svg = intervalChart({
        text: chartText(title, text.gapDesc(a, b)),
        rows,
        domain: [-10, 10],
        zero: true,
        tick: (v) => pts(v),
        suppressedMark: mark,
      });
      parts.push(
        `<h3>${escapeHtml(title)}</h3>`,
        figure(
          `${title}${text.paren(text.points)}`,
          svg,
          table([text.headers.item, a, b, text.headers.difference, text.headers.interval], dataRows),
        ),
      );
    }
    if (parts.length > 0) sections.push({ id: 'gaps', title: text.gaps, html: parts.join('') });
  }

  // Benchmarks.
  if (options.benchmarks !== undefined && options.benchmarks.length > 0) {
    const benchmarks = weightedBenchmarks(options.benchmarks, weighting !== undefined);
    const rows: IntervalRow[] = [];
    const dataRows: string[][] = [];
    // Sources are long; each is listed once under the table and cited by number.
    const sources: string[] = [];
    const cite = (source: string) => {
      const at = sources.indexOf(source);
      if (at >= 0) return at + 1;
      sources.push(source);
      return sources.length;
    };
    for (const c of benchmarks) {
      const what =
        c.item !== null
          ? itemLabel(c.item)
          : (result.scores.find((s) => s.id === c.score)?.id ?? String(c.score));
      const group = result.groups.find((g) => g.key === c.group);
      const groupText = group === undefined ? c.group : groupLabel(group);
      const label = `${groupText} ${c.benchmark.year}: ${what}`;
      const head = [`<th scope="row">${escapeHtml(what)}</th>`, cell(groupText, false)];
      const national =
        c.statistic === 'favourableShare' ? pct(c.benchmark.value) : fixed(2)(c.benchmark.value);
      const source = cell(`[${cite(c.benchmark.source)}] ${c.benchmark.year}`, false);
      if (c.status !== 'compared') {
        const status = c.status === 'suppressed' ? supCell : cell(text.status[c.status], false);
        dataRows.push([...head, status, cell(national), cell(''), cell(''), source]);
        continue;
      }
      if (c.share !== null) {
        rows.push({ label, value: c.share.points, lower: c.share.lower, upper: c.share.upper });
        dataRows.push([
          ...head,
          cell(pct(c.share.a)),
          cell(national),
          cell(pts(c.share.points)),
          cell(range(c.share.lower, c.share.upper, fixed(1))),
          source,
        ]);
      } else if (c.mean !== null) {
        const m = c.mean;
        rows.push({ label, value: m.difference, lower: m.lower, upper: m.upper });
        dataRows.push([
          ...head,
          cell(fixed(2)(m.a)),
          cell(national),
          cell(pts(m.difference)),
          cell(range(m.lower, m.upper, fixed(2))),
          source,
        ]);
      }
    }
    const svg =
      rows.length === 0
        ? ''
        : intervalChart({
            text: chartText(text.benchmarks, text.benchmarkDesc),
            rows,
            domain: [-10, 10],
            zero: true,
            tick: (v) => pts(v),
            suppressedMark: mark,
          });
    const data = wideFirst(
      table(
        [
          text.headers.item,
          text.headers.group,
          text.headers.ours,
          text.headers.national,
          text.headers.difference,
          text.headers.interval,
          text.headers.source,
        ],
        dataRows,
      ),
    );
    const notes = `<ol class="small">${sources.map((source) => `<li>${escapeHtml(source)}</li>`).join('')}</ol>`;
    const benchmarkNotes = (template.benchmarks ?? [])
      .map((b) => (b.note === undefined ? '' : t(b.note)))
      .filter((note, i, all) => note !== '' && all.indexOf(note) === i)
      .map((note) => `<p class="small muted">${escapeHtml(note)}</p>`)
      .join('');
    sections.push({
      id: 'benchmarks',
      title: text.benchmarks,
      html:
        figure(`${text.benchmarks}${text.paren(text.points)}`, svg, data) + notes + benchmarkNotes + legend,
    });
  }

  // Reliability.
  if (result.scores.some((s) => s.reliability.alpha !== null || s.reliability.suppressed)) {
    const rows = result.scores.map((score) => {
      const r = score.reliability;
      const head = `<th scope="row">${escapeHtml(scoreLabel(score))}</th>`;
      if (r.suppressed) return [head, supCell, supCell, supCell];
      const weakest = (r.items ?? [])
        .filter((i) => i.alphaIfDeleted !== null && r.alpha !== null && i.alphaIfDeleted > r.alpha)
        .sort((x, y) => y.alphaIfDeleted! - x.alphaIfDeleted!)[0];
      return [
        head,
        cell(count(r.n)),
        cell(r.alpha === null ? '' : formatFixed(r.alpha, 2)),
        cell(
          weakest === undefined
            ? ''
            : `${numbers.get(weakest.id)?.label ?? weakest.id} → ${formatFixed(weakest.alphaIfDeleted!, 2)}`,
        ),
      ];
    });
    sections.push({
      id: 'reliability',
      // Alpha describes the respondents' answers as they are: never weighted.
      title: text.reliability + (weighting?.unweighted ?? ''),
      html: table([text.headers.score, text.headers.n, text.headers.alpha, text.headers.weakest], rows),
    });
  }

  // Pass rules.
  if (options.passRules !== undefined && options.passRules.length > 0) {
    const parts: string[] = [];
    for (const check of options.passRules) {
      const rule = template.passRules?.find((r) => r.id === check.rule);
      const verdict = (passed: boolean | null) =>
        passed === true
          ? `<td class="pass">✓ ${escapeHtml(text.pass)}</td>`
          : passed === false
            ? `<td class="fail">✗ ${escapeHtml(text.fail)}</td>`
            : `<td>${escapeHtml(text.unknown)}</td>`;
      const rows = [check.overall, ...check.groups].map((g) => {
        const label =
          g.id === 'overall'
            ? text.headers.overall
            : t(rule?.groups.find((x) => x.id === g.id)?.label ?? { ja: g.id });
        const head = `<th scope="row">${escapeHtml(label)}</th>`;
        if (g.suppressed) return [head, supCell, supCell, supCell, verdict(null)];
        return [
          head,
          cell(count(g.n)),
          cell(g.share === null ? '' : pct(g.share)),
          cell(g.marginPoints === null ? '' : pts(g.marginPoints)),
          verdict(g.passed),
        ];
      });
      parts.push(
        `<h3>${escapeHtml(rule === undefined ? check.rule : t(rule.label))}: ${verdict(check.passed).replace(/^<td[^>]*>|<\/td>$/g, '')}</h3>`,
        `<p>${escapeHtml(text.headers.threshold)}: ${escapeHtml(pct(check.threshold))}</p>`,
        table(
          [
            text.headers.group,
            text.headers.n,
            // checkPassRule reads the respondents' own shares, so a weighted report says they are unweighted.
            text.headers.share + (weighting?.unweighted ?? ''),
            text.headers.margin,
            text.headers.result,
          ],
          rows,
        ),
      );
    }
    sections.push({ id: 'pass-rules', title: text.passRules, html: parts.join('') + legend });
  }

  if (options.peers !== undefined)
    sections.push(
      peersSection({
        survey,
        result,
        peers: options.peers,
        benchmarks: options.benchmarks,
        locale,
        ...(weighting === undefined ? {} : { marks: weighting }),
      }),
    );

  sections.push({
    id: 'notes',
    title: text.notes,
    html: `<ul>${(weighting === undefined ? text.notesText : text.weightedNotesText)
      .map((n) => `<li>${escapeHtml(n)}</li>`)
      .join('')}${
      options.source !== undefined && options.source.rejected > 0
        ? `<li>${escapeHtml(text.rejectedNote(options.source.rejected))}</li>`
        : ''
    }</ul>`,
  });

  const body = [
    '<header>',
    `<h1>${escapeHtml(t(template.title))} — ${escapeHtml(text.report)}</h1>`,
    options.subtitle === undefined ? '' : `<p class="subtitle">${escapeHtml(options.subtitle)}</p>`,
    `<p class="muted small">${escapeHtml(text.template(template.id, template.version))}（${escapeHtml(survey.hash.slice(0, 19))}…）</p>`,
    `<nav aria-label="${escapeHtml(text.contents)}"><ol>${sections
      .map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`)
      .join('')}</ol></nav>`,
    '</header>',
    '<main>',
    ...sections.map((s) => `<section id="${s.id}"><h2>${escapeHtml(s.title)}</h2>${s.html}</section>`),
    '</main>',
    `<footer>kizuki — ${escapeHtml(text.template(template.id, template.version))} ${escapeHtml(survey.hash)}</footer>`,
  ].join('\n');
  return htmlDocument({ lang: locale, title: `${t(template.title)} — ${text.report}`, styles: STYLES, body });

  /** Statements to chart together: each matrix, and runs of Likert questions on one scale in a section. */
  function scaleBlocks(): { title: string; scale: Scale; ids: string[] }[] {
    const blocks: { title: string; scale: Scale; ids: string[]; scaleId: string; likert: boolean }[] = [];
    for (const section of template.sections) {
      let run: (typeof blocks)[number] | undefined;
      for (const question of section.questions) {
        const scaleId = question.type === 'matrix' || question.type === 'likert' ? question.scale : undefined;
        const scale = scaleId === undefined ? undefined : index.scales.get(scaleId);
        if (scale === undefined || scaleId === undefined || (scale.favourable ?? []).length === 0) {
          run = undefined;
          continue;
        }
        if (question.type === 'matrix') {
          const number = numbers.get(question.id)?.label ?? question.id;
          blocks.push({
            title: `${number} ${t(question.label)}`,
            scale,
            scaleId,
            ids: question.items.map((i) => i.id),
            likert: false,
          });
          run = undefined;
        } else if (run !== undefined && run.scaleId === scaleId) {
          run.ids.push(question.id);
        } else {
          run = { title: t(section.title), scale, scaleId, ids: [question.id], likert: true };
          blocks.push(run);
        }
      }
    }
    return blocks;
  }

  function intervalRow(
    label: string,
    suppressed: boolean,
    estimate: MeanEstimate | ShareEstimate | null,
    scale: (v: number) => number,
  ): IntervalRow {
    if (suppressed || estimate === null)
      return { label, value: null, lower: null, upper: null, suppressed: true };
    const value = 'mean' in estimate ? estimate.mean : estimate.share;
    return {
      label,
      value: scale(value),
      lower: estimate.lower === null ? null : scale(estimate.lower),
      upper: estimate.upper === null ? null : scale(estimate.upper),
    };
  }
}
