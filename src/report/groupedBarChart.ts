import { escapeHtml } from '../core/escapeHtml.js';
import { niceTicks } from './intervalChart.js';
import { type ChartText, chartLabel, svgOpen } from './svgParts.js';

/** One series of a grouped bar chart: its name and fill. */
export interface BarSeries {
  name: string;
  fill: string;
}

/** One group: a label and a value per series (null: not known; `suppressed`: withheld). */
export interface BarGroup {
  label: string;
  values: ReadonlyArray<number | null>;
  suppressed?: readonly boolean[];
}

const WIDTH = 680;
const LABEL = 230;
const RIGHT = 60;
const ROW = 15;
const TOP = 24;

/**
 * Horizontal bars grouped by category, one bar per series, each bar named at its left and its
 * value at its end, so that no colour has to be told apart (e.g. sample, respondents and population
 * shares per sex × age band).
 */
export function groupedBarChart(options: {
  text: ChartText;
  series: readonly BarSeries[];
  groups: readonly BarGroup[];
  format: (value: number) => string;
  tick: (value: number) => string;
  suppressedMark: string;
}): string {
  const { series, groups } = options;
  const max = Math.max(1e-9, ...groups.flatMap((g) => g.values.map((v) => v ?? 0)));
  const ticks = niceTicks(0, max);
  const top = ticks[ticks.length - 1]!;
  const plot = WIDTH - LABEL - RIGHT;
  const x = (v: number) => LABEL + (v / top) * plot;
  const perGroup = series.length + 1;
  const height = TOP + groups.length * perGroup * ROW + 8;
  const parts = [svgOpen(options.text, WIDTH, height)];
  for (const t of ticks) {
    const tx = x(t).toFixed(1);
    parts.push(
      `<line x1="${tx}" y1="${TOP - 4}" x2="${tx}" y2="${height - 8}" class="grid"/>`,
      `<text x="${tx}" y="${TOP - 9}" class="tick" text-anchor="middle">${escapeHtml(options.tick(t))}</text>`,
    );
  }
  groups.forEach((group, g) => {
    const y0 = TOP + g * perGroup * ROW;
    parts.push(chartLabel(group.label, LABEL - 8, y0 + ROW / 2));
    series.forEach((s, i) => {
      const cy = y0 + (i + 1) * ROW + ROW / 2;
      parts.push(
        `<text x="${LABEL - 8}" y="${(cy + 4).toFixed(1)}" text-anchor="end" class="tick">${escapeHtml(s.name)}</text>`,
      );
      const value = group.values[i] ?? null;
      if (group.suppressed?.[i] === true || value === null) {
        const mark = group.suppressed?.[i] === true ? options.suppressedMark : '';
        parts.push(
          `<text x="${LABEL + 6}" y="${(cy + 4).toFixed(1)}" class="muted">${escapeHtml(mark)}</text>`,
        );
        return;
      }
      const end = x(value);
      parts.push(
        `<rect x="${LABEL}" y="${(cy - 5).toFixed(1)}" width="${(end - LABEL).toFixed(1)}" height="10" fill="${escapeHtml(s.fill)}"/>`,
        `<text x="${(end + 4).toFixed(1)}" y="${(cy + 4).toFixed(1)}" class="tick">${escapeHtml(options.format(value))}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return parts.join('');
}
