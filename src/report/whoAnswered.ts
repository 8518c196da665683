import { escapeHtml } from '../core/escapeHtml.js';
import type { RateSummary, WeightDiagnostics } from '../design/index.js';
import type { AggregateResult } from '../scoring/index.js';
import { formatFixed } from './formatFixed.js';
import { groupedBarChart } from './groupedBarChart.js';
import { type IntervalRow, intervalChart } from './intervalChart.js';
import type { ChartText } from './svgParts.js';

/** One cell of the cross of the "Who answered" variables (such as women in their thirties). */
export interface WhoAnsweredCell {
  /** The code of each variable, in the order of {@link WhoAnswered.variables}. */
  levels: number[];
  /** People invited (drawn into the sample); null when not known. */
  sample: number | null;
  /** Respondents in the analysis (unweighted count). */
  respondents: number;
  /** Sum of the respondents' weights; null when unweighted. */
  weighted: number | null;
  /** Population count (from the register); null when not known. */
  population: number | null;
}

/** AAPOR rates of one stratum (or any group) of the sample. */
export interface WhoAnsweredRates {
  label: string;
  summary: RateSummary;
}

/**
 * What the report's "Who answered" section shows: who was invited, who answered and who lives
 * there, by one or two grouping questions (sex × age band); response rates per stratum; and the
 * diagnostics of the weights. Build it from the sample, the dispositions (`responseRates`) and the
 * population margins; `kizuki report --dispositions --margins --weights` does.
 */
export interface WhoAnswered {
  /** One or two question ids (single choice), such as `['sex', 'age_band']`. */
  variables: string[];
  cells: WhoAnsweredCell[];
  /** Response rates overall and per stratum (`responseRates(…)`). */
  rates?: { overall: RateSummary; groups: WhoAnsweredRates[] };
  /** Diagnostics of the final weights (`weightDiagnostics(…)`). */
  weights?: WeightDiagnostics;
}

/** What the section needs from the report it sits in. */
export interface WhoAnsweredContext {
  locale: 'ja' | 'en';
  /** The result as aggregated (with both unweighted and weighted figures when weighted). */
  result: AggregateResult;
  minGroupSize: number;
  questionLabel(id: string): string;
  optionLabel(questionId: string, code: number): string;
  scoreLabel(id: string): string;
  chartText(title: string, description: string): ChartText;
  /** The report's data table (in a box that scrolls on its own on a narrow screen); cells as HTML. */
  table(head: readonly string[], rows: readonly string[][]): string;
}

const SERIES_FILLS = ['#7b8794', '#5b8fc7', '#1d4e89', '#b8621b'];

const text = {
  ja: {
    title: '回答したのは誰か',
    paren: (s: string) => `（${s}）`,
    weightedMark: '（重み付き）',
    unweightedMark: '（重みなし）',
    weightingRow: '重み付け',
    methods: {
      rake: 'レイキング',
      poststratify: '事後層化',
      linear: '線形キャリブレーション',
      raking: 'レイキング型キャリブレーション',
      none: '与えられたウェイト',
    },
    weightingValue: (method: string) =>
      `あり（${method}、人数は重みなしの回答者数、割合・平均・信頼区間は重み付きでテイラー線形化による）`,
    intro: (weighted: boolean) =>
      weighted
        ? '標本（調査を依頼した人）、回答者、母集団（住民基本台帳など）の構成を比べます。人数はすべて重みなしの回答者数です。「重み付き」の割合は、回答者の構成を母集団に合わせるウェイトを掛けたものです。'
        : '標本（調査を依頼した人）、回答者、母集団（住民基本台帳など）の構成を比べます。この報告書の数値はすべて重みなし（回答者をそのまま数えたもの）です。',
    composition: (v: string) => `${v}別の構成：標本・回答者・母集団`,
    compositionDesc: (v: string, parts: string) =>
      `${v}ごとに、標本・回答者（重みなし・重み付き）・母集団に占める割合を並べた横棒グラフ。${parts}`,
    series: {
      sample: '標本',
      respondents: '回答者（重みなし）',
      weighted: '回答者（重み付き）',
      population: '母集団',
    },
    headers: {
      cell: '区分',
      sample: '標本（人）',
      respondents: '回答者（人・重みなし）',
      rate: '回答者÷標本',
      sampleShare: '標本の割合',
      respondentShare: '回答者の割合（重みなし）',
      weightedShare: '回答者の割合（重み付き）',
      populationShare: '母集団の割合',
    },
    rates: '層ごとの回収率（AAPOR、重みなし）',
    ratesNote:
      'AAPOR Standard Definitions（第10版、2023年）による。RR1 は完了÷（対象＋不明）、RR3 は不明のうち対象と推定される割合 e を使う、COOP1 は協力率、REF1 は拒否率、CON1 は接触率です。',
    rateHeaders: { group: '層', cases: '依頼数', complete: '完了', e: 'e' },
    overall: '全体',
    weights: 'ウェイトの診断',
    weightRows: {
      n: '回答者数（重みなし）',
      sum: 'ウェイトの合計',
      min: '最小',
      max: '最大',
      ratio: '最大÷最小',
      cv: '変動係数（CV）',
      nEffective: '有効標本数（Kish）',
      designEffect: '重み付けによるデザイン効果（1＋CV²）',
    },
    weightsNote: (deff: string, neff: string) =>
      `重み付けにより、推定の精度は回答者 ${neff} 人の単純無作為標本と同じ程度になります（デザイン効果 ${deff}）。信頼区間はこの分を含めて、テイラー線形化で計算しています。`,
    effect: '重み付けによる違い（全体）',
    effectDesc:
      '各得点の全体の値を、重みなし（回答者をそのまま数えたもの）と重み付き（母集団の構成に合わせたもの）で並べたグラフ。',
    unweighted: '重みなし',
    weighted: '重み付き',
    effectHeaders: {
      score: '得点',
      unweighted: '重みなし',
      weighted: '重み付き',
      difference: '差（重み付き−重みなし）',
    },
    biggest: (score: string, u: string, w: string, d: string) =>
      `重み付けにより「${score}」は ${u} から ${w} に変わりました（${d}）。回答者の性別・年代などの構成が母集団と違うため、重みなしの数値は偏っています。この報告書のほかの数値は重み付きです。`,
    small: '重み付けによる違いは小さく、どの得点も1ポイント（平均では0.05）未満でした。',
    points: 'ポイント',
    suppressed: (n: number) =>
      `— ：回答者が${n}人未満のため表示していません（重み付きの表も、回答者の人数で判断します）`,
  },
  en: {
    title: 'Who answered',
    paren: (s: string) => ` (${s})`,
    weightedMark: ' (weighted)',
    unweightedMark: ' (unweighted)',
    weightingRow: 'Weighting',
    methods: {
      rake: 'raking',
      poststratify: 'post-stratification',
      linear: 'linear calibration',
      raking: 'raking calibration',
      none: 'given weights',
    },
    weightingValue: (method: string) =>
      `weighted (${method}; counts are respondents, unweighted; shares, means and intervals are weighted, by Taylor linearisation)`,
    intro: (weighted: boolean) =>
      weighted
        ? 'The make-up of the sample (the people asked), the respondents and the population (the resident register) compared. Counts are respondents, unweighted. "Weighted" shares apply the weights that bring the respondents in line with the population.'
        : 'The make-up of the sample (the people asked), the respondents and the population (the resident register) compared. Every figure in this report is unweighted (respondents counted as they are).',
    composition: (v: string) => `Sample, respondents and population by ${v}`,
    compositionDesc: (v: string, parts: string) =>
      `Horizontal bars of the share of the sample, the respondents (unweighted and weighted) and the population in each ${v}. ${parts}`,
    series: {
      sample: 'sample',
      respondents: 'respondents (unweighted)',
      weighted: 'respondents (weighted)',
      population: 'population',
    },
    headers: {
      cell: 'group',
      sample: 'sample (people)',
      respondents: 'respondents (unweighted)',
      rate: 'respondents ÷ sample',
      sampleShare: 'share of sample',
      respondentShare: 'share of respondents (unweighted)',
      weightedShare: 'share of respondents (weighted)',
      populationShare: 'share of population',
    },
    rates: 'Response rates by stratum (AAPOR, unweighted)',
    ratesNote:
      'As AAPOR Standard Definitions (10th edition, 2023) defines them: RR1 is completes ÷ (eligible + unknown), RR3 counts only the share e of unknowns estimated eligible, COOP1 is the cooperation rate, REF1 the refusal rate and CON1 the contact rate.',
    rateHeaders: { group: 'stratum', cases: 'invited', complete: 'complete', e: 'e' },
    overall: 'Overall',
    weights: 'Weight diagnostics',
    weightRows: {
      n: 'respondents (unweighted)',
      sum: 'sum of weights',
      min: 'minimum',
      max: 'maximum',
      ratio: 'maximum ÷ minimum',
      cv: 'coefficient of variation (CV)',
      nEffective: 'effective sample size (Kish)',
      designEffect: 'design effect of weighting (1 + CV²)',
    },
    weightsNote: (deff: string, neff: string) =>
      `Weighting leaves the precision of a simple random sample of ${neff} respondents (design effect ${deff}). Intervals include this, by Taylor linearisation.`,
    effect: 'What weighting changed (everyone)',
    effectDesc:
      'Each score for everyone, unweighted (respondents counted as they are) and weighted (brought in line with the population).',
    unweighted: 'unweighted',
    weighted: 'weighted',
    effectHeaders: {
      score: 'score',
      unweighted: 'unweighted',
      weighted: 'weighted',
      difference: 'difference (weighted − unweighted)',
    },
    biggest: (score: string, u: string, w: string, d: string) =>
      `Weighting moves "${score}" from ${u} to ${w} (${d}): the respondents differ from the population in sex, age and so on, so the unweighted figures are biased. The other figures in this report are weighted.`,
    small: 'Weighting changes little: every score moves by less than 1 point (0.05 for means).',
    points: 'points',
    suppressed: (n: number) =>
      `— : fewer than ${n} respondents, not shown (weighted tables too are judged by the number of respondents)`,
  },
};

const pct = (share: number) => `${formatFixed(share * 100, 1)}%`;
const count = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const signed = (v: number, digits: number) =>
  `${v > 0 ? '+' : v < 0 ? '−' : '±'}${formatFixed(Math.abs(v), digits)}`;

const cell = (content: string) => `<td class="num">${escapeHtml(content)}</td>`;
const rowHead = (content: string) => `<th scope="row">${escapeHtml(content)}</th>`;
const SUPPRESSED = '<td class="sup">—</td>';

/**
 * The "Who answered" section of the report: composition of sample, respondents and population by
 * the given variables (chart and table), response rates by stratum, weight diagnostics and, for a
 * weighted result, what weighting changed. Every column says whether it is weighted. A cell with
 * fewer than `minGroupSize` respondents (but some) shows "—" in every respondent figure, weighted
 * ones included: the rule counts respondents, never weighted totals.
 */
export function whoAnsweredSection(
  data: WhoAnswered,
  context: WhoAnsweredContext,
): { id: string; title: string; html: string } {
  const words = text[context.locale];
  const weighted = context.result.weighting !== undefined;
  const min = context.minGroupSize;
  const hidden = (n: number) => n > 0 && n < min;
  const parts: string[] = [`<p>${escapeHtml(words.intro(weighted))}</p>`];

  const variableName = data.variables.map((v) => context.questionLabel(v)).join(' × ');
  const cellLabel = (c: WhoAnsweredCell) =>
    c.levels.map((code, i) => context.optionLabel(data.variables[i]!, code)).join(' × ');
  const total = (get: (c: WhoAnsweredCell) => number | null) => {
    let sum = 0;
    for (const c of data.cells) {
      const v = get(c);
      if (v === null) return null;
      sum += v;
    }
    return sum > 0 ? sum : null;
  };
  type Column = { name: string; get: (c: WhoAnsweredCell) => number | null; respondentFigure: boolean };
  const columns: Column[] = (
    [
      { name: words.series.sample, get: (c) => c.sample, respondentFigure: false },
      { name: words.series.respondents, get: (c) => c.respondents, respondentFigure: true },
      ...(weighted
        ? [{ name: words.series.weighted, get: (c: WhoAnsweredCell) => c.weighted, respondentFigure: true }]
        : []),
      { name: words.series.population, get: (c) => c.population, respondentFigure: false },
    ] satisfies Column[]
  ).filter((column) => total(column.get) !== null);
  const shares = data.cells.map((c) =>
    columns.map((column) => {
      const v = column.get(c);
      const sum = total(column.get);
      return v === null || sum === null ? null : v / sum;
    }),
  );

  if (data.cells.length > 0 && columns.length > 0) {
    const described = data.cells
      .map(
        (c, k) =>
          `${cellLabel(c)}: ${columns
            .map((column, i) =>
              column.respondentFigure && hidden(c.respondents)
                ? `${column.name} —`
                : `${column.name} ${shares[k]![i] === null ? '' : pct(shares[k]![i]!)}`,
            )
            .join('、')}`,
      )
      .join('。');
    const svg = groupedBarChart({
      text: context.chartText(
        words.composition(variableName),
        words.compositionDesc(variableName, described),
      ),
      series: columns.map((column) => ({
        name: column.name,
        fill: SERIES_FILLS[
          [
            words.series.sample,
            words.series.respondents,
            words.series.weighted,
            words.series.population,
          ].indexOf(column.name)
        ]!,
      })),
      groups: data.cells.map((c, k) => ({
        label: cellLabel(c),
        values: shares[k]!.map((s) => (s === null ? null : s * 100)),
        suppressed: columns.map((column) => column.respondentFigure && hidden(c.respondents)),
      })),
      format: (v) => `${formatFixed(v, 1)}%`,
      tick: (v) => `${v}%`,
      suppressedMark: '—',
    });
    const withSample = data.cells.every((c) => c.sample !== null);
    const head = [
      words.headers.cell,
      ...(withSample ? [words.headers.sample] : []),
      words.headers.respondents,
      ...(withSample ? [words.headers.rate] : []),
      ...columns.map((column) =>
        column.name === words.series.sample
          ? words.headers.sampleShare
          : column.name === words.series.respondents
            ? words.headers.respondentShare
            : column.name === words.series.weighted
              ? words.headers.weightedShare
              : words.headers.populationShare,
      ),
    ];
    const rows = data.cells.map((c, k) => {
      const hide = hidden(c.respondents);
      return [
        rowHead(cellLabel(c)),
        ...(withSample ? [cell(count(c.sample!))] : []),
        hide ? SUPPRESSED : cell(count(c.respondents)),
        ...(withSample ? [hide || c.sample === 0 ? SUPPRESSED : cell(pct(c.respondents / c.sample!))] : []),
        ...columns.map((column, i) =>
          column.respondentFigure && hide
            ? SUPPRESSED
            : cell(shares[k]![i] === null ? '' : pct(shares[k]![i]!)),
        ),
      ];
    });
    parts.push(
      `<figure class="chart"><figcaption>${escapeHtml(words.composition(variableName))}</figcaption>${svg}<div>${context.table(head, rows)}</div></figure>`,
    );
  }

  if (data.rates !== undefined) {
    const rateNames = ['RR1', 'RR2', 'RR3', 'RR5', 'COOP1', 'REF1', 'CON1'] as const;
    const rateRow = (label: string, summary: RateSummary) => {
      const completes = summary.counts.I + summary.counts.P;
      const hide = hidden(completes);
      return [
        rowHead(label),
        cell(count(summary.cases)),
        hide ? SUPPRESSED : cell(count(summary.counts.I)),
        cell(summary.e === null ? '—' : formatFixed(summary.e, 3)),
        ...rateNames.map((name) => {
          const rate = summary.rates[name];
          return hide ? SUPPRESSED : cell(rate === null ? '—' : pct(rate));
        }),
      ];
    };
    parts.push(
      `<h3>${escapeHtml(words.rates)}</h3>`,
      context.table(
        [
          words.rateHeaders.group,
          words.rateHeaders.cases,
          words.rateHeaders.complete,
          words.rateHeaders.e,
          ...rateNames,
        ],
        [
          rateRow(words.overall, data.rates.overall),
          ...data.rates.groups.map((g) => rateRow(g.label, g.summary)),
        ],
      ),
      `<p class="small muted">${escapeHtml(words.ratesNote)}</p>`,
    );
  }

  if (data.weights !== undefined) {
    const d = data.weights;
    const rows: Array<[string, string]> = [
      [words.weightRows.n, count(d.n)],
      [words.weightRows.sum, formatFixed(d.sum, 1)],
      [words.weightRows.min, formatFixed(d.min, 3)],
      [words.weightRows.max, formatFixed(d.max, 3)],
      [words.weightRows.ratio, formatFixed(d.ratio, 2)],
      [words.weightRows.cv, formatFixed(d.cv, 3)],
      [words.weightRows.nEffective, formatFixed(d.nEffective, 1)],
      [words.weightRows.designEffect, formatFixed(d.designEffect, 3)],
    ];
    parts.push(
      `<h3>${escapeHtml(words.weights)}</h3>`,
      `<table class="kv">${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`,
      `<p>${escapeHtml(words.weightsNote(formatFixed(d.designEffect, 2), formatFixed(d.nEffective, 0)))}</p>`,
    );
  }

  if (weighted) parts.push(weightingEffect(context));
  parts.push(`<p class="legend">${escapeHtml(words.suppressed(min))}</p>`);
  return { id: 'who-answered', title: words.title, html: parts.join('') };
}

/** Every score for everyone, unweighted beside weighted, with a sentence on the largest change. */
function weightingEffect(context: WhoAnsweredContext): string {
  const words = text[context.locale];
  const rows: IntervalRow[] = [];
  const dataRows: string[][] = [];
  let biggest: { label: string; u: string; w: string; d: string; size: number } | undefined;
  for (const score of context.result.scores) {
    const g = score.groups[0];
    const u = g?.mean;
    const w = g?.weighted?.mean;
    if (g === undefined || g.suppressed || u === null || u === undefined || w === null || w === undefined)
      continue;
    const share = score.method === 'favourableShare';
    const scale = share ? 100 : 1;
    const f = share ? pct : (v: number) => formatFixed(v, 2);
    const label = context.scoreLabel(score.id);
    const difference = (w.mean - u.mean) * scale;
    const d = share ? `${signed(difference, 1)} ${words.points}` : signed(difference, 2);
    // The chart's axis is in percent: only shares go on it; means are in the table.
    if (share)
      rows.push(
        {
          label: `${label}${words.paren(words.unweighted)}`,
          value: u.mean * scale,
          lower: u.lower === null ? null : u.lower * scale,
          upper: u.upper === null ? null : u.upper * scale,
          reference: true,
        },
        {
          label: `${label}${words.paren(words.weighted)}`,
          value: w.mean * scale,
          lower: w.lower === null ? null : w.lower * scale,
          upper: w.upper === null ? null : w.upper * scale,
        },
      );
    dataRows.push([rowHead(label), cell(f(u.mean)), cell(f(w.mean)), cell(d)]);
    // Compared in points for shares and in twentieths for means: the thresholds of "small" below.
    const size = Math.abs(difference) / (share ? 1 : 0.05);
    // Shares are what readers compare; a mean is named only when no share moved a point.
    const rank = share ? size : Math.min(size, 0.99);
    if (biggest === undefined || rank > biggest.size)
      biggest = { label, u: f(u.mean), w: f(w.mean), d, size: rank };
  }
  if (dataRows.length === 0) return '';
  const svg =
    rows.length === 0
      ? ''
      : intervalChart({
          text: context.chartText(words.effect, words.effectDesc),
          rows,
          domain: zoom(rows),
          tick: (v) => `${v}%`,
          suppressedMark: '—',
        });
  const sentence =
    biggest !== undefined && biggest.size >= 1
      ? words.biggest(biggest.label, biggest.u, biggest.w, biggest.d)
      : words.small;
  return `<h3>${escapeHtml(words.effect)}</h3><p class="weighting-effect">${escapeHtml(sentence)}</p><figure class="chart">${svg}<div>${context.table(
    [
      words.effectHeaders.score,
      words.effectHeaders.unweighted,
      words.effectHeaders.weighted,
      words.effectHeaders.difference,
    ],
    dataRows,
  )}</div></figure>`;
}

/** The words a weighted report adds: the mark on its charts and the overview row on its weighting. */
export function weightingWords(locale: 'ja' | 'en', result: AggregateResult) {
  const words = text[locale];
  const method = result.weighting?.design.calibration?.method ?? 'none';
  return {
    mark: words.weightedMark,
    unweighted: words.unweightedMark,
    row: [words.weightingRow, words.weightingValue(words.methods[method])] as const,
  };
}

/** An axis in tens of percent around the points and intervals, so that the difference shows. */
function zoom(rows: readonly IntervalRow[]): [number, number] {
  const values = rows.flatMap((r) => [r.lower, r.upper, r.value]).filter((v): v is number => v !== null);
  return [
    Math.max(0, Math.floor(Math.min(...values) / 10) * 10),
    Math.min(100, Math.ceil(Math.max(...values) / 10) * 10),
  ];
}
