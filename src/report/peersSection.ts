import { escapeHtml } from '../core/escapeHtml.js';
import { localText } from '../io/localText.js';
import type { Survey } from '../schema/index.js';
import type { AggregateResult, BenchmarkComparison, MeanEstimate, ShareEstimate } from '../scoring/index.js';
import { formatFixed } from './formatFixed.js';
import { questionNumbers } from './questionNumbers.js';

/** "This municipality vs all participating municipalities", for {@link renderReport}'s `peers`. */
export interface PeersInput {
  /** The result of the merged state of all participating municipalities. */
  result: AggregateResult;
  /** How many municipalities the merged state holds (this one included). */
  municipalities: number;
  /**
   * Whether the merged state already held this municipality's responses; when it did not, they
   * were merged in before `result` was computed, so they are counted once either way.
   */
  includedOwn: boolean;
}

const texts = {
  ja: {
    title: '参加自治体全体との比較',
    intro: (n: number, own: boolean) =>
      `参加 ${n} 自治体の回答を合わせた結果と、この自治体の結果を並べます。合わせた結果にはこの自治体の回答も1回だけ含まれます${own ? '' : '（合算ファイルに含まれていなかったため加えました）'}。差は「この自治体 − 全体」です。全国調査の値がある項目は並べて示します。`,
    headers: [
      '項目',
      'この自治体（人数）',
      'この自治体',
      '全体（人数）',
      '全体',
      '差（ポイント）',
      '全国調査',
    ],
    scores: '得点',
    items: '肯定的な回答の割合',
  },
  en: {
    title: 'Compared with all participating municipalities',
    intro: (n: number, own: boolean) =>
      `This municipality's results beside those of all ${n} participating municipalities together, which include this municipality's responses once${own ? '' : ' (they were not in the merged state, so they were added)'}. Differences are "this municipality − all". National survey figures are shown where the template has them.`,
    headers: [
      'Item',
      'This municipality (n)',
      'This municipality',
      'All (n)',
      'All',
      'Difference (points)',
      'National survey',
    ],
    scores: 'Scores',
    items: 'Share of favourable answers',
  },
} as const;

/**
 * The peers section: every score and every statement's favourable share for everyone in this
 * municipality beside all participating municipalities (and the national figure where the template
 * has one). A figure based on fewer respondents than either result's threshold shows as "—".
 */
export function peersSection(options: {
  survey: Survey;
  result: AggregateResult;
  peers: PeersInput;
  benchmarks: readonly BenchmarkComparison[] | undefined;
  locale: 'ja' | 'en';
  /** In a weighted report: the marks that say whether a figure is weighted. */
  marks?: { mark: string; unweighted: string };
}): { id: string; title: string; html: string } {
  const { survey, result, peers, locale, marks } = options;
  const text = texts[locale];
  // Our figures come weighted in a weighted report; the merged state's are read unweighted.
  const headers =
    marks === undefined
      ? text.headers
      : text.headers.map((h, i) => (i === 2 ? h + marks.mark : i === 4 ? h + marks.unweighted : h));
  const numbers = questionNumbers(survey.template);
  const min = Math.max(result.minGroupSize, peers.result.minGroupSize);
  const mark = '<td class="sup">—</td>';
  const count = (n: number) =>
    `<td class="num">${String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}</td>`;
  const everyone = <T extends { group: string }>(groups: readonly T[]) =>
    groups.find((g) => g.group === 'all');
  const national = (key: { score?: string; item?: string }, scale: number, digits: number) => {
    const found = options.benchmarks?.find(
      (b) => b.group === 'all' && (key.score === undefined ? b.item === key.item : b.score === key.score),
    );
    return found === undefined
      ? '<td></td>'
      : `<td class="num">${formatFixed(found.benchmark.value * scale, digits)}</td>`;
  };
  const row = (
    label: string,
    own: { n: number; estimate: MeanEstimate | ShareEstimate | null } | undefined,
    all: { n: number; estimate: MeanEstimate | ShareEstimate | null } | undefined,
    scale: number,
    digits: number,
    benchmark: string,
  ) => {
    const value = (e: MeanEstimate | ShareEstimate | null) =>
      e === null ? null : ('mean' in e ? e.mean : e.share) * scale;
    const shown = (side: typeof own) => (side === undefined || side.n < min ? null : value(side.estimate));
    const a = shown(own);
    const b = shown(all);
    const cell = (v: number | null) => (v === null ? mark : `<td class="num">${formatFixed(v, digits)}</td>`);
    const diff =
      a === null || b === null
        ? mark
        : `<td class="num">${a - b > 0 ? '+' : a - b < 0 ? '−' : '±'}${formatFixed(Math.abs(a - b), digits)}</td>`;
    return `<tr><th scope="row">${escapeHtml(label)}</th>${count(own?.n ?? 0)}${cell(a)}${count(all?.n ?? 0)}${cell(b)}${diff}${benchmark}</tr>`;
  };
  const tableOf = (rows: string[]) =>
    `<div class="scroll" role="region" tabindex="0" aria-label="${escapeHtml(text.title)}"><table class="data"><thead><tr>${headers
      .map((h, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}>${escapeHtml(h)}</th>`)
      .join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;

  const scoreRows = result.scores.map((score) => {
    const definition = survey.template.scores?.find((s) => s.id === score.id);
    const share = score.method === 'favourableShare';
    const own = everyone(score.groups);
    const all = everyone(peers.result.scores.find((s) => s.id === score.id)?.groups ?? []);
    const pick = (g: typeof own) => g && { n: g.n, estimate: g.mean };
    return row(
      definition === undefined ? score.id : localText(definition.label, locale),
      pick(own),
      pick(all),
      share ? 100 : 1,
      share ? 1 : 2,
      national({ score: score.id }, share ? 100 : 1, share ? 1 : 2),
    );
  });
  const itemRows = result.items
    .map((item) => ({
      item,
      own: everyone(item.groups),
      all: everyone(peers.result.items.find((i) => i.id === item.id)?.groups ?? []),
    }))
    // Statements with favourable answers only: one of the two sides has a share (or both are hidden).
    .filter(({ own, all }) => (own?.favourable ?? all?.favourable ?? null) !== null)
    .map(({ item, own, all }) => {
      const pick = (g: typeof own) => g && { n: g.n, estimate: g.favourable ?? null };
      const label = numbers.get(item.id)?.label ?? item.id;
      return row(label, pick(own), pick(all), 100, 1, national({ item: item.id }, 100, 1));
    });
  const html = [
    `<p>${escapeHtml(text.intro(peers.municipalities, peers.includedOwn))}</p>`,
    scoreRows.length > 0 ? `<h3>${escapeHtml(text.scores)}</h3>${tableOf(scoreRows)}` : '',
    itemRows.length > 0 ? `<h3>${escapeHtml(text.items)}</h3>${tableOf(itemRows)}` : '',
  ].join('');
  return { id: 'peers', title: text.title, html };
}
