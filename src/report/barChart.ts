import { escapeHtml } from '../core/escapeHtml.js';
import { niceTicks } from './intervalChart.js';
import { type ChartText, chartLabel, svgOpen } from './svgParts.js';

/** One bar: a count, or a suppressed cell. */
export interface BarRow {
  label: string;
  value: number;
  suppressed?: boolean;
}

const WIDTH = 680;
const LABEL = 230;
const RIGHT = 60;
const ROW = 20;
const TOP = 24;

/** Horizontal bars from zero with the value at each bar's end, e.g. respondents per group. */
export function barChart(options: {
  text: ChartText;
  rows: readonly BarRow[];
  suppressedMark: string;
}): string {
  const { rows } = options;
  const max = Math.max(1, ...rows.map((r) => (r.suppressed === true ? 0 : r.value)));
  const ticks = niceTicks(0, max);
  const top = ticks[ticks.length - 1]!;
  const plot = WIDTH - LABEL - RIGHT;
  const x = (v: number) => LABEL + (v / top) * plot;
  const height = TOP + rows.length * ROW + 8;
  const parts = [svgOpen(options.text, WIDTH, height)];
  for (const t of ticks) {
    const tx = x(t).toFixed(1);
    parts.push(
      `<line x1="${tx}" y1="${TOP - 4}" x2="${tx}" y2="${height - 8}" class="grid"/>`,
      `<text x="${tx}" y="${TOP - 9}" class="tick" text-anchor="middle">${t}</text>`,
    );
  }
  rows.forEach((row, i) => {
    const cy = TOP + i * ROW + ROW / 2;
    parts.push(chartLabel(row.label, LABEL - 8, cy));
    if (row.suppressed === true) {
      parts.push(
        `<text x="${LABEL + 6}" y="${(cy + 4).toFixed(1)}" class="muted">${escapeHtml(options.suppressedMark)}</text>`,
      );
      return;
    }
    const end = x(row.value);
    parts.push(
      `<rect x="${LABEL}" y="${(cy - 6).toFixed(1)}" width="${(end - LABEL).toFixed(1)}" height="12" class="bar"/>`,
      `<text x="${(end + 4).toFixed(1)}" y="${(cy + 4).toFixed(1)}" class="tick">${row.value}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
