import { escapeHtml } from '../core/escapeHtml.js';
import { type ChartText, chartLabel, svgOpen } from './svgParts.js';

/** One row of an interval chart: a point with its interval, or a suppressed cell. */
export interface IntervalRow {
  label: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** Marks the row as withheld: "—" instead of a point. */
  suppressed?: boolean;
  /** Draws the point hollow, e.g. for a reference value. */
  reference?: boolean;
}

const WIDTH = 680;
const LABEL = 230;
const RIGHT = 20;
const ROW = 22;
const TOP = 26;
const BOTTOM = 10;

/**
 * Points with whiskers on a shared axis: scores with their intervals, or gaps between groups with a
 * zero line. Values are in the unit of `axis` (percent or points for shares).
 */
export function intervalChart(options: {
  text: ChartText;
  rows: readonly IntervalRow[];
  /** Axis range; widened to take every interval. */
  domain: [number, number];
  /** Draws the zero line (gaps). */
  zero?: boolean;
  /** Tick label format. */
  tick: (value: number) => string;
  suppressedMark: string;
}): string {
  const { rows } = options;
  const { min, max, ticks } = axisOver(
    options.domain,
    rows.flatMap((row) => [row.value, row.lower, row.upper]),
  );
  const plot = WIDTH - LABEL - RIGHT;
  const x = (v: number) => LABEL + ((v - min) / (max - min || 1)) * plot;
  const height = TOP + rows.length * ROW + BOTTOM;
  const parts: string[] = [svgOpen(options.text, WIDTH, height)];
  for (const t of ticks) {
    const tx = x(t).toFixed(1);
    parts.push(
      `<line x1="${tx}" y1="${TOP - 4}" x2="${tx}" y2="${height - BOTTOM}" class="grid"/>`,
      `<text x="${tx}" y="${TOP - 9}" class="tick" text-anchor="middle">${escapeHtml(options.tick(t))}</text>`,
    );
  }
  if (options.zero === true && min < 0 && max > 0) {
    const zx = x(0).toFixed(1);
    parts.push(`<line x1="${zx}" y1="${TOP - 4}" x2="${zx}" y2="${height - BOTTOM}" class="zero"/>`);
  }
  rows.forEach((row, i) => {
    const cy = TOP + i * ROW + ROW / 2;
    parts.push(chartLabel(row.label, LABEL - 8, cy));
    if (row.suppressed === true || row.value === null) {
      parts.push(
        `<text x="${(LABEL + 8).toFixed(1)}" y="${(cy + 4).toFixed(1)}" class="muted">${escapeHtml(options.suppressedMark)}</text>`,
      );
      return;
    }
    if (row.lower !== null && row.upper !== null) {
      const y = cy.toFixed(1);
      const x1 = x(row.lower).toFixed(1);
      const x2 = x(row.upper).toFixed(1);
      parts.push(
        `<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" class="whisker"/>`,
        `<line x1="${x1}" y1="${(cy - 5).toFixed(1)}" x2="${x1}" y2="${(cy + 5).toFixed(1)}" class="whisker"/>`,
        `<line x1="${x2}" y1="${(cy - 5).toFixed(1)}" x2="${x2}" y2="${(cy + 5).toFixed(1)}" class="whisker"/>`,
      );
    }
    parts.push(
      `<circle cx="${x(row.value).toFixed(1)}" cy="${cy.toFixed(1)}" r="4.5" class="${row.reference === true ? 'ref' : 'point'}"/>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/** An axis over `domain` widened to take every finite value, with round ticks covering it. */
export function axisOver(
  domain: [number, number],
  values: Iterable<number | null>,
): { min: number; max: number; ticks: number[] } {
  let [min, max] = domain;
  for (const v of values) {
    if (v !== null && Number.isFinite(v)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  const ticks = niceTicks(min, max);
  return { min: Math.min(min, ticks[0]!), max: Math.max(max, ticks[ticks.length - 1]!), ticks };
}

/** Round tick values covering [min, max]: steps of 1, 2 or 5 times a power of ten, about five ticks. */
export function niceTicks(min: number, max: number): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const start = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let t = start; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toFixed(10)));
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks[ticks.length - 1]! + step).toFixed(10)));
  return ticks;
}
