import { escapeHtml } from '../core/escapeHtml.js';
import type { LocalisedText } from '../schema/index.js';
import type {
  AggregateResult,
  GroupInfo,
  ItemDifference,
  OverlappingComparison,
  PairedComparison,
  ScoreDifference,
  ScoreResult,
  WeightedDifference,
} from '../scoring/index.js';
import { formatFixed } from './formatFixed.js';
import type { ChartText } from './svgParts.js';
import { type TrendSeries, trendChart } from './trendChart.js';
import { notComparable, whatChangedFigures } from './whatChangedFigures.js';

/** Whether a result of an earlier wave may be compared with this wave (see `compareTemplates`). */
export interface WaveVerdict {
  id: string;
  label: LocalisedText;
  previousWave: { comparable: boolean; why: { ja: string; en: string } };
}

/** An earlier wave for the "What changed" section. */
export interface ReportWave {
  /** How the report names the wave: a year, a date or a file name. */
  label: string;
  /** Its aggregate result, grouped and with the same gap requests as this wave's. */
  result: AggregateResult;
  /**
   * Verdicts per result when the wave used another version or customisation of the template
   * (`compareTemplates(itsTemplate, thisTemplate).results`); results judged not comparable are
   * listed with the reason instead of being compared. Omit when the template is the same.
   */
  verdicts?: readonly WaveVerdict[];
}

/** Earlier waves and how to compare them with this one. */
export interface WhatChangedInput {
  /** Earlier waves, oldest first; the last one is compared with this wave. */
  previous: readonly ReportWave[];
  /** How the report names this wave. */
  label: string;
  /**
   * The same respondents answered the last earlier wave and this one (stable pseudonyms): their
   * paired comparison (`comparePaired`), for everyone and per group key of this wave's result.
   */
  paired?: { all: PairedComparison; groups?: Readonly<Record<string, PairedComparison>> };
  /**
   * Some respondents answered both the last earlier wave and this one, but not most of them: the
   * comparison of every response using the linked pairs' covariance (`compareOverlapping`), for
   * everyone and per group key of this wave's result.
   */
  overlapping?: { all: OverlappingComparison; groups?: Readonly<Record<string, OverlappingComparison>> };
  /** Respondents linked across the two waves when the weighted waves are compared as independent samples. */
  linked?: number;
  /** Items drawn in the trend chart besides the scores. */
  trendItems?: readonly string[];
  /** Notices about the waves (order, versions) to show at the top of the section. */
  notices?: readonly string[];
}

/** What renderReport lends the section: labels and table helpers, so both look alike. */
export interface SectionKit {
  locale: 'ja' | 'en';
  result: AggregateResult;
  itemLabel(id: string): string;
  scoreLabel(score: ScoreResult): string;
  groupLabel(group: GroupInfo): string;
  table(head: readonly string[], rows: readonly string[][]): string;
  chartText(title: string, description: string): ChartText;
  legend: string;
  /** In a weighted report: the marks that say whether a figure is weighted. */
  weighting?: { mark: string; unweighted: string } | undefined;
}

const TEXT = {
  ja: {
    title: '前回からの変化',
    compared: (before: string, nb: number, after: string, na: number) =>
      `前回（${before}、${nb}人）と今回（${after}、${na}人）を比べています。`,
    independent:
      '2回の回答者は別の人として比べています（独立した2つの標本）。割合の差はNewcombeの区間と2つの割合のz検定、平均の差はWelchの区間とt検定です。',
    pairedNote: (pairs: number, before: number, after: number) =>
      `同じ人が2回答えているため（仮名IDで${pairs}組を対応づけ）、同じ人どうしの変化を比べています（割合はNewcombeの対応のある区間とマクネマー検定、平均は対応のあるt検定）。片方の回にしかいない人（前回${before}人、今回${after}人）は比較に入れていません。`,
    mixedNote: (linked: number) =>
      `${linked}人は両方の回に答えていますが、ウェイト付きの集計のため、全員を別の人として比べています。同じ人の回答は似る傾向があるので、この方法の区間は実際より広め（控えめ）になります。`,
    overlappingNote: (linked: number, before: number, after: number) =>
      `両方の回に答えた人が${linked}人います（前回${before}人、今回${after}人のうち）。全員の回答を使い、同じ人の2回の回答が似ている分（共分散）を誤差の計算に入れて比べています（一部が重なる標本の方法: 割合はDerrickら（2015）のz検定とNewcombeの区間、平均はDerrickら（2017）のt検定）。`,
    weightedNote:
      'ウェイト付きの集計なので、変化はウェイト付きの値と、その標本設計に基づく標準誤差で計算しています。',
    verdictNote:
      '判定は信頼区間が0をまたぐかどうかで決めています。「変化なし（誤差の範囲）」は、変化が偶然のばらつきで説明できる大きさだという意味で、変化がまったくないという意味ではありません。',
    scores: '得点',
    items: '設問ごと（肯定的な回答の割合）',
    group: (g: string) => `グループ: ${g}`,
    groupSuppressed: (g: string) => `${g}: どちらかの回で人数が少ないため表示しません。`,
    gaps: (a: string, b: string) => `グループ間の差（${a} − ${b}）の変化`,
    gapNote:
      '差の変化の区間は、4つのグループ（2回×2グループ）が独立だとして分散を足し合わせた正規近似（Wald）です。',
    notComparable: '比べられない結果',
    notComparableNote:
      'テンプレートの版やカスタマイズが違い、意味が変わった可能性がある結果は比べていません。',
    trend: '推移',
    trendShares: '得点と設問の推移（%）',
    trendMeans: '得点の推移',
    trendDesc: (waves: string) =>
      `調査の回（${waves}）ごとの値を線で結んだグラフです。値は下の表にあります。`,
    headers: {
      what: '項目',
      before: '前回',
      after: '今回',
      interval: '信頼区間',
      verdict: '判定',
      p: 'p値',
      why: '理由',
      gapBefore: '前回の差',
      gapAfter: '今回の差',
    },
    up: '上昇（誤差を超える変化）',
    down: '低下（誤差を超える変化）',
    same: '変化なし（誤差の範囲）',
    unknown: '判定できない',
    suppressed: '人数が少ないため表示しません',
    changeHead: '変化（ポイント）',
  },
  en: {
    title: 'What changed',
    compared: (before: string, nb: number, after: string, na: number) =>
      `Comparing the previous wave (${before}, ${nb} respondents) with this one (${after}, ${na} respondents).`,
    independent:
      'The two waves are compared as independent samples: differences of shares with Newcombe’s interval and the two-proportion z test, differences of means with Welch’s interval and t test.',
    pairedNote: (pairs: number, before: number, after: number) =>
      `The same people answered both waves (${pairs} linked by pseudonym), so the change is measured within each person (shares: Newcombe’s paired interval and McNemar’s test; means: the paired t test). People in only one wave (${before} before, ${after} now) are not in the comparison.`,
    mixedNote: (linked: number) =>
      `${linked} people answered both waves, but the figures are weighted, so everyone is compared as independent samples. A person’s answers tend to agree across waves, so these intervals are somewhat wider (more cautious) than needed.`,
    overlappingNote: (linked: number, before: number, after: number) =>
      `${linked} people answered both waves (of ${before} before and ${after} now). Every response is used, and how much the same person’s two answers agree (their covariance) is taken into the margin of error (partially overlapping samples: shares with the z test of Derrick et al. 2015 and Newcombe’s interval, means with the t test of Derrick et al. 2017).`,
    weightedNote:
      'The aggregates are weighted: changes use the weighted figures and their design-based standard errors.',
    verdictNote:
      'The verdict follows the interval: "no change (within the margin of error)" means the change is small enough to be chance, not that nothing changed.',
    scores: 'Scores',
    items: 'Statements (favourable answers)',
    group: (g: string) => `Group: ${g}`,
    groupSuppressed: (g: string) => `${g}: too few respondents in one of the waves; not shown.`,
    gaps: (a: string, b: string) => `Change of the gap between groups (${a} − ${b})`,
    gapNote:
      'The interval of a change of gap is normal (Wald), adding the variances of the four independent groups (two waves × two groups).',
    notComparable: 'Results not compared',
    notComparableNote:
      'Results whose meaning may have changed between template versions or customisations are not compared.',
    trend: 'Trend',
    trendShares: 'Scores and statements over the waves (%)',
    trendMeans: 'Scores over the waves',
    trendDesc: (waves: string) =>
      `Values per wave (${waves}), joined by lines. The table below has every value.`,
    headers: {
      what: 'Result',
      before: 'Before',
      after: 'Now',
      interval: 'Interval',
      verdict: 'Verdict',
      p: 'p',
      why: 'Why',
      gapBefore: 'Gap before',
      gapAfter: 'Gap now',
    },
    up: 'Up (beyond the margin of error)',
    down: 'Down (beyond the margin of error)',
    same: 'No change (within the margin of error)',
    unknown: 'Cannot tell',
    suppressed: 'Too few respondents; not shown',
    changeHead: 'Change (points)',
  },
};

/** One line of a change table, in display units (points for shares). */
interface ChangeLine {
  label: string;
  before: string;
  after: string;
  change: number | null;
  lower: number | null;
  upper: number | null;
  p: number | null;
  digits: number;
}

/**
 * The "What changed" section: the change from the last earlier wave to this one for every score
 * and statement (everyone, and each category of the first grouping question), the change of the
 * gap the report shows, the results that cannot be compared and why, and a trend over all waves.
 * Differences come from `compareWaves` (or the given `comparePaired` or `compareOverlapping`
 * results); groups suppressed in either wave show "—".
 */
export function whatChangedSection(
  kit: SectionKit,
  input: WhatChangedInput,
): { id: string; title: string; html: string } {
  const t = TEXT[kit.locale];
  const { result } = kit;
  const last = input.previous[input.previous.length - 1];
  if (last === undefined) return { id: 'what-changed', title: t.title, html: '' };
  const pct = (v: number) => `${formatFixed(v * 100, 1)}%`;
  const signed = (v: number, digits: number) =>
    `${v > 0 ? '+' : v < 0 ? '−' : '±'}${formatFixed(Math.abs(v), digits)}`;
  const verdictOf = (line: ChangeLine) =>
    line.change === null || line.lower === null || line.upper === null
      ? t.unknown
      : line.lower > 0
        ? t.up
        : line.upper < 0
          ? t.down
          : t.same;
  const sup = '<td class="sup">—</td>';
  const cell = (s: string) => `<td class="num">${escapeHtml(s)}</td>`;
  const row = (line: ChangeLine): string[] => {
    const head = `<th scope="row">${escapeHtml(line.label)}</th>`;
    if (line.change === null)
      return [
        head,
        line.before === '' ? sup : cell(line.before),
        line.after === '' ? sup : cell(line.after),
        sup,
        sup,
        `<td>${escapeHtml(t.suppressed)}</td>`,
        sup,
      ];
    return [
      head,
      cell(line.before),
      cell(line.after),
      cell(signed(line.change, line.digits)),
      cell(
        line.lower === null || line.upper === null
          ? ''
          : `[${signed(line.lower, line.digits)}, ${signed(line.upper, line.digits)}]`,
      ),
      `<td>${escapeHtml(verdictOf(line))}</td>`,
      cell(line.p === null ? '' : formatP(line.p)),
    ];
  };
  const head = [
    t.headers.what,
    t.headers.before,
    t.headers.after,
    t.changeHead,
    t.headers.interval,
    t.headers.verdict,
    t.headers.p,
  ];
  const changeTable = (lines: ChangeLine[]) => kit.table(head, lines.map(row));

  const scoreById = new Map(result.scores.map((s) => [s.id, s]));
  const isShare = (id: string) => scoreById.get(id)?.method === 'favourableShare';
  const scoreLines = (diffs: readonly ScoreDifference[]): ChangeLine[] =>
    diffs
      .filter((d) => scoreById.has(d.id))
      .map((d) => {
        const score = scoreById.get(d.id)!;
        const share = isShare(d.id);
        const factor = share ? 100 : 1;
        const w = d.weighted?.mean;
        if (w !== undefined) return weightedLine(kit.scoreLabel(score), w, share, factor);
        const m = d.mean;
        const show = (v: number) => (share ? pct(v) : formatFixed(v, 2));
        if (m === null) return withheld(kit.scoreLabel(score));
        return {
          label: kit.scoreLabel(score),
          before: show(m.b),
          after: show(m.a),
          change: m.difference * factor,
          lower: m.lower === null ? null : m.lower * factor,
          upper: m.upper === null ? null : m.upper * factor,
          p: m.p,
          digits: share ? 1 : 2,
        };
      });
  const itemLines = (diffs: readonly ItemDifference[]): ChangeLine[] =>
    diffs
      .filter((d) => d.favourable !== null || d.weighted?.favourable || hasFavourable(result, d.id))
      .map((d) => {
        const label = kit.itemLabel(d.id);
        const w = d.weighted?.favourable;
        if (w !== undefined) return weightedLine(label, w, true, 1);
        const f = d.favourable;
        if (f === null) return withheld(label);
        return {
          label,
          before: pct(f.b),
          after: pct(f.a),
          change: f.points,
          lower: f.lower,
          upper: f.upper,
          p: f.p,
          digits: 1,
        };
      });
  /** A weighted difference; `factor` turns a difference of shares kept as proportions into points. */
  function weightedLine(
    label: string,
    w: WeightedDifference | null,
    share: boolean,
    factor: number,
  ): ChangeLine {
    const digits = share ? 1 : 2;
    if (w === null) return withheld(label);
    const show = (v: number) => (share ? pct(v) : formatFixed(v, 2));
    return {
      label,
      before: show(w.b),
      after: show(w.a),
      change: w.difference * factor,
      lower: w.lower * factor,
      upper: w.upper * factor,
      p: w.p,
      digits,
    };
  }
  const pairedLines = (paired: PairedComparison): { scores: ChangeLine[]; items: ChangeLine[] } => ({
    scores: paired.scores
      .filter((s) => scoreById.has(s.id))
      .map((s) => {
        const score = scoreById.get(s.id)!;
        const share = isShare(s.id);
        const factor = share ? 100 : 1;
        const m = s.mean;
        if (s.suppressed || m === null) return withheld(kit.scoreLabel(score));
        return {
          label: kit.scoreLabel(score),
          before: '',
          after: '',
          change: m.difference * factor,
          lower: m.lower === null ? null : m.lower * factor,
          upper: m.upper === null ? null : m.upper * factor,
          p: m.p,
          digits: share ? 1 : 2,
        };
      }),
    items: paired.items
      .filter((i) => hasFavourable(result, i.id))
      .map((i) => {
        const label = kit.itemLabel(i.id);
        const f = i.favourable;
        if (i.suppressed || f === null) return withheld(label);
        return {
          label,
          before: pct(f.before),
          after: pct(f.after),
          change: f.points,
          lower: f.lower,
          upper: f.upper,
          p: f.p,
          digits: 1,
        };
      }),
  });

  const figures = whatChangedFigures({ result, waves: input, locale: kit.locale })!;
  const parts: string[] = [];
  parts.push(
    `<p>${escapeHtml(t.compared(last.label, last.result.responses, input.label, result.responses))}</p>`,
  );
  const notes: string[] = [...(input.notices ?? [])];
  if (input.paired !== undefined)
    notes.push(
      t.pairedNote(
        input.paired.all.pairs,
        input.paired.all.unmatched.before,
        input.paired.all.unmatched.after,
      ),
    );
  else if (input.overlapping !== undefined) {
    const { linked, responses } = input.overlapping.all;
    notes.push(t.overlappingNote(linked, responses.before, responses.after));
  } else {
    notes.push(t.independent);
    if (input.linked !== undefined && input.linked > 0) notes.push(t.mixedNote(input.linked));
  }
  if (figures.weighted && input.paired === undefined) notes.push(t.weightedNote);
  // Paired changes follow the same people without weights; the others use the weighted figures.
  const changeMark =
    kit.weighting === undefined
      ? ''
      : input.paired === undefined
        ? kit.weighting.mark
        : kit.weighting.unweighted;
  notes.push(t.verdictNote);
  parts.push(`<ul class="small">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);

  // Everyone, then each category of the first grouping question.
  const groupLabel = (key: string) => {
    const g = result.groups.find((x) => x.key === key);
    return g === undefined ? key : kit.groupLabel(g);
  };
  for (const change of figures.groups) {
    if (change.kind === 'suppressed') {
      parts.push(`<p>${escapeHtml(t.groupSuppressed(groupLabel(change.key)))}</p>`);
      continue;
    }
    const lines =
      change.kind === 'paired'
        ? pairedLines(change.comparison)
        : { scores: scoreLines(change.comparison.scores), items: itemLines(change.comparison.items) };
    if (change.key !== 'all') parts.push(`<h3>${escapeHtml(t.group(groupLabel(change.key)))}</h3>`);
    if (lines.scores.length > 0)
      parts.push(`<h4>${escapeHtml(t.scores + changeMark)}</h4>`, changeTable(lines.scores));
    if (lines.items.length > 0)
      parts.push(`<h4>${escapeHtml(t.items + changeMark)}</h4>`, changeTable(lines.items));
  }

  // The gap the report shows, before and now.
  if (figures.gap !== null) {
    const changes = figures.gap.items.filter((c) => hasFavourable(result, c.id));
    const rows = changes.map((c) => {
      const head = `<th scope="row">${escapeHtml(kit.itemLabel(c.id))}</th>`;
      if (c.change === null)
        return [
          head,
          c.before === null ? sup : cell(signed(c.before, 1)),
          c.after === null ? sup : cell(signed(c.after, 1)),
          sup,
          sup,
          `<td>${escapeHtml(t.suppressed)}</td>`,
          sup,
        ];
      const line: ChangeLine = {
        label: '',
        before: '',
        after: '',
        change: c.change.difference,
        lower: c.change.lower,
        upper: c.change.upper,
        p: c.change.p,
        digits: 1,
      };
      return [head, cell(signed(c.before!, 1)), cell(signed(c.after!, 1)), ...row(line).slice(3)];
    });
    if (rows.length > 0)
      parts.push(
        `<h3>${escapeHtml(t.gaps(groupLabel(figures.gap.groupA), groupLabel(figures.gap.groupB)) + (kit.weighting?.mark ?? ''))}</h3>`,
        `<p class="small">${escapeHtml(t.gapNote)}</p>`,
        kit.table(
          [
            t.headers.what,
            t.headers.gapBefore,
            t.headers.gapAfter,
            t.changeHead,
            t.headers.interval,
            t.headers.verdict,
            t.headers.p,
          ],
          rows,
        ),
      );
  }

  // Results not compared, and why.
  if (figures.notCompared.length > 0) {
    const rows = figures.notCompared.map((v) => [
      `<th scope="row">${escapeHtml(`${v.id} ${Object.hasOwn(v.label, kit.locale) ? (v.label[kit.locale] ?? v.label.ja) : v.label.ja}`)}</th>`,
      `<td>${escapeHtml(v.why[kit.locale])}</td>`,
    ]);
    parts.push(
      `<h3>${escapeHtml(t.notComparable)}</h3>`,
      `<p class="small">${escapeHtml(t.notComparableNote)}</p>`,
      kit.table([t.headers.what, t.headers.why], rows),
    );
  }

  parts.push(trend(kit, input, t));
  return { id: 'what-changed', title: t.title, html: parts.join('') + kit.legend };
}

/** The trend over all waves: share scores and chosen items in one chart, other scores in another. */
function trend(kit: SectionKit, input: WhatChangedInput, t: (typeof TEXT)['ja']): string {
  const { result } = kit;
  const waves = [...input.previous.map((w) => w.label), input.label];
  const results = [...input.previous.map((w) => w.result), result];
  const comparable = [
    ...input.previous.map((w) => notComparable(w.verdicts)),
    new Map<string, WaveVerdict>(),
  ];
  const value = (wave: number, kind: 'score' | 'item', id: string): number | null => {
    if (comparable[wave]!.has(id)) return null;
    const r = results[wave]!;
    if (kind === 'score') {
      const g = r.scores.find((s) => s.id === id)?.groups[0];
      const w = g?.weighted?.mean;
      if (w) return w.mean;
      return g === undefined || g.suppressed || g.mean === null ? null : g.mean.mean;
    }
    const g = r.items.find((i) => i.id === id)?.groups[0];
    const w = g?.weighted?.favourable;
    if (w) return w.mean;
    return g === undefined || g.suppressed || g.favourable === null ? null : g.favourable.share;
  };
  const shares: TrendSeries[] = [];
  const means: TrendSeries[] = [];
  for (const score of result.scores) {
    const values = waves.map((_, i) => value(i, 'score', score.id));
    if (score.method === 'favourableShare')
      shares.push({ label: kit.scoreLabel(score), values: values.map((v) => (v === null ? null : v * 100)) });
    else means.push({ label: kit.scoreLabel(score), values });
  }
  for (const id of input.trendItems ?? []) {
    if (!hasFavourable(result, id)) continue;
    shares.push({
      label: kit.itemLabel(id),
      values: waves.map((_, i) => value(i, 'item', id)).map((v) => (v === null ? null : v * 100)),
    });
  }
  // A weighted report may follow unweighted waves: then each wave's column says which it is.
  const weightedWaves = results.map((r) => r.weighting !== undefined);
  const allWeighted = weightedWaves.every(Boolean);
  const captionMark = kit.weighting !== undefined && allWeighted ? kit.weighting.mark : '';
  const columns = waves.map((label, i) =>
    kit.weighting === undefined || allWeighted
      ? label
      : label + (weightedWaves[i] ? kit.weighting.mark : kit.weighting.unweighted),
  );
  const parts: string[] = [];
  const describe = waves.join(' → ');
  const block = (title: string, series: TrendSeries[], percent: boolean) => {
    if (series.length === 0) return;
    const svg = trendChart({
      text: kit.chartText(title, t.trendDesc(describe)),
      waves,
      series,
      domain: percent ? [0, 100] : [0, 1],
      tick: percent ? (v) => `${v}%` : (v) => String(v),
    });
    const rows = series.map((s) => [
      `<th scope="row">${escapeHtml(s.label)}</th>`,
      ...s.values.map((v) =>
        v === null
          ? '<td class="sup">—</td>'
          : `<td class="num">${escapeHtml(percent ? `${formatFixed(v, 1)}%` : formatFixed(v, 2))}</td>`,
      ),
    ]);
    parts.push(
      `<figure class="chart"><figcaption>${escapeHtml(title + captionMark)}</figcaption>${svg}<div>${kit.table([t.headers.what, ...columns], rows)}</div></figure>`,
    );
  };
  block(t.trendShares, shares, true);
  block(t.trendMeans, means, false);
  return parts.length === 0 ? '' : `<h3>${escapeHtml(t.trend)}</h3>${parts.join('')}`;
}

function hasFavourable(result: AggregateResult, id: string): boolean {
  return result.items.find((i) => i.id === id)?.groups.some((g) => g.favourable !== null) ?? false;
}

/** A line whose change is not shown (suppressed or missing in a wave). */
function withheld(label: string): ChangeLine {
  return { label, before: '', after: '', change: null, lower: null, upper: null, p: null, digits: 1 };
}

function formatP(p: number): string {
  return p < 0.001 ? '<0.001' : formatFixed(p, 3);
}
