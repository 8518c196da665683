import { escapeHtml } from '../core/escapeHtml.js';
import { formatFixed } from './formatFixed.js';
import { type ChartText, chartLabel, svgOpen, textWidth } from './svgParts.js';

/** An answer category of the scale, in scale order. */
export interface DivergingCategory {
  label: string;
  favourable: boolean;
}

/** One statement: the share (0–1) of each category among substantive answers, or suppressed. */
export interface DivergingRow {
  label: string;
  shares: readonly number[] | null;
}

const WIDTH = 680;
const LABEL = 230;
const RIGHT = 16;
const ROW = 24;
const BAR = 16;
// Favourable categories in blues, the others in oranges: a palette readable with colour-vision deficiency.
const FAVOURABLE = ['#1d4e89', '#5b8fc7', '#9dbfe3'];
const UNFAVOURABLE = ['#c7702e', '#e8a772', '#f3cfae'];

/**
 * Diverging stacked bars for an agree scale: for each statement, the favourable categories extend
 * to the right of the centre line and the others to the left, each segment the share of
 * substantive answers ("don't know" and other missing codes are left out, as in the shares).
 * Segments wide enough carry their percentage.
 */
export function divergingBarChart(options: {
  text: ChartText;
  categories: readonly DivergingCategory[];
  rows: readonly DivergingRow[];
  suppressedMark: string;
}): string {
  const { categories, rows } = options;
  const plot = WIDTH - LABEL - RIGHT;
  const centre = LABEL + plot / 2;
  const scale = plot / 2;
  // Each side lists its categories from the centre outwards; the farthest is the darkest.
  const indexed = categories.map((c, i) => ({ ...c, i }));
  const favourable = indexed.filter((c) => c.favourable);
  const other = indexed.filter((c) => !c.favourable);
  const favourableFirst = (favourable[0]?.i ?? 0) < (other[0]?.i ?? 0);
  const rightOut = favourableFirst ? [...favourable].reverse() : favourable;
  const leftOut = favourableFirst ? other : [...other].reverse();
  const colour = new Map<number, string>();
  const paint = (side: readonly { i: number }[], palette: readonly string[]) =>
    side.forEach((c, j) => colour.set(c.i, palette[Math.min(side.length - 1 - j, palette.length - 1)]!));
  paint(rightOut, FAVOURABLE);
  paint(leftOut, UNFAVOURABLE);

  // Legend: the left side from the far end inwards, then the right side from the centre outwards,
  // wrapped onto more lines when the labels are long.
  const legend: string[] = [];
  let lx = 8;
  let ly = 6;
  for (const c of [...[...leftOut].reverse(), ...rightOut]) {
    const width = 14 + textWidth(c.label) + 14;
    if (lx + width > WIDTH && lx > 8) {
      lx = 8;
      ly += 16;
    }
    legend.push(
      `<rect x="${lx.toFixed(1)}" y="${ly}" width="10" height="10" fill="${colour.get(c.i)}"/>`,
      `<text x="${(lx + 14).toFixed(1)}" y="${ly + 9}" class="tick">${escapeHtml(c.label)}</text>`,
    );
    lx += width;
  }
  const top = ly + 22;
  const height = top + rows.length * ROW + 8;
  const parts: string[] = [svgOpen(options.text, WIDTH, height), ...legend];
  rows.forEach((row, r) => {
    const y = top + r * ROW;
    const cy = y + ROW / 2;
    parts.push(chartLabel(row.label, LABEL - 8, cy));
    if (row.shares === null) {
      parts.push(
        `<text x="${(centre + 6).toFixed(1)}" y="${(cy + 4).toFixed(1)}" class="muted">${escapeHtml(options.suppressedMark)}</text>`,
      );
      return;
    }
    const shares = row.shares;
    const segment = (i: number, from: number, width: number) => {
      const share = shares[i] ?? 0;
      const rect = `<rect x="${from.toFixed(1)}" y="${(cy - BAR / 2).toFixed(1)}" width="${Math.max(0, width).toFixed(1)}" height="${BAR}" fill="${colour.get(i)}"/>`;
      const dark =
        colour.get(i) === FAVOURABLE[0] ||
        colour.get(i) === FAVOURABLE[1] ||
        colour.get(i) === UNFAVOURABLE[0];
      const label =
        share >= 0.07
          ? `<text x="${(from + width / 2).toFixed(1)}" y="${(cy + 4).toFixed(1)}" text-anchor="middle" class="${dark ? 'in-dark' : 'in-light'}">${formatFixed(share * 100, 0)}</text>`
          : '';
      return rect + label;
    };
    let right = centre;
    for (const c of rightOut) {
      const w = (shares[c.i] ?? 0) * scale;
      parts.push(segment(c.i, right, w));
      right += w;
    }
    let left = centre;
    for (const c of leftOut) {
      const w = (shares[c.i] ?? 0) * scale;
      left -= w;
      parts.push(segment(c.i, left, w));
    }
  });
  parts.push(
    `<line x1="${centre.toFixed(1)}" y1="${top - 4}" x2="${centre.toFixed(1)}" y2="${height - 4}" class="zero"/>`,
    '</svg>',
  );
  return parts.join('');
}
