import { escapeHtml } from '../core/escapeHtml.js';
import { axisOver } from './intervalChart.js';
import { type ChartText, svgOpen } from './svgParts.js';

/** One line of a trend chart: a value per wave, null where the wave has none (suppressed, not comparable). */
export interface TrendSeries {
  label: string;
  values: ReadonlyArray<number | null>;
}

const WIDTH = 680;
const LEFT = 44;
const RIGHT = 24;
const TOP = 16;
const PLOT = 180;
const AXIS = 22;
const LEGEND_ROW = 18;
// Lines differ by colour, dash and marker, so they stay apart in grey print and for colour blindness.
const STYLES = [
  { colour: '#1d4e89', dash: '', marker: 'circle' },
  { colour: '#b35c00', dash: '6 3', marker: 'square' },
  { colour: '#2e7d32', dash: '2 3', marker: 'diamond' },
  { colour: '#6a1b9a', dash: '10 3 2 3', marker: 'circle' },
  { colour: '#37474f', dash: '4 4', marker: 'square' },
  { colour: '#ad1457', dash: '1 2', marker: 'diamond' },
] as const;

/**
 * Lines over waves (oldest left), one per series, with a legend under the plot. A gap in a line is
 * a wave without a figure. The SVG is one image with a title and a description; the table that
 * follows it in the report carries every value as text.
 */
export function trendChart(options: {
  text: ChartText;
  waves: readonly string[];
  series: readonly TrendSeries[];
  /** Axis range; widened to take every value. */
  domain: [number, number];
  tick: (value: number) => string;
}): string {
  const { min, max, ticks } = axisOver(
    options.domain,
    options.series.flatMap((s) => s.values),
  );
  const n = options.waves.length;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (i: number) => LEFT + (n <= 1 ? plotWidth / 2 : (i / (n - 1)) * plotWidth);
  const y = (v: number) => TOP + PLOT - ((v - min) / (max - min || 1)) * PLOT;
  const height = TOP + PLOT + AXIS + options.series.length * LEGEND_ROW + 6;
  const parts: string[] = [svgOpen(options.text, WIDTH, height)];
  for (const t of ticks) {
    const ty = y(t).toFixed(1);
    parts.push(
      `<line x1="${LEFT}" y1="${ty}" x2="${WIDTH - RIGHT}" y2="${ty}" class="grid"/>`,
      `<text x="${LEFT - 6}" y="${(y(t) + 4).toFixed(1)}" class="tick" text-anchor="end">${escapeHtml(options.tick(t))}</text>`,
    );
  }
  options.waves.forEach((wave, i) => {
    const anchor = n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle';
    parts.push(
      `<text x="${x(i).toFixed(1)}" y="${TOP + PLOT + 16}" class="tick" text-anchor="${anchor}">${escapeHtml(wave)}</text>`,
    );
  });
  options.series.forEach((series, k) => {
    const style = STYLES[k % STYLES.length]!;
    const runs: string[][] = [[]];
    series.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        if (runs[runs.length - 1]!.length > 0) runs.push([]);
        return;
      }
      runs[runs.length - 1]!.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    });
    for (const run of runs)
      if (run.length > 1)
        parts.push(
          `<polyline points="${run.join(' ')}" fill="none" stroke="${style.colour}" stroke-width="2"${style.dash === '' ? '' : ` stroke-dasharray="${style.dash}"`}/>`,
        );
    series.values.forEach((v, i) => {
      if (v !== null && Number.isFinite(v)) parts.push(marker(style, x(i), y(v)));
    });
    const ly = TOP + PLOT + AXIS + k * LEGEND_ROW + 10;
    parts.push(
      `<line x1="${LEFT}" y1="${ly}" x2="${LEFT + 28}" y2="${ly}" stroke="${style.colour}" stroke-width="2"${style.dash === '' ? '' : ` stroke-dasharray="${style.dash}"`}/>`,
      marker(style, LEFT + 14, ly),
      `<text x="${LEFT + 36}" y="${ly + 4}">${escapeHtml(series.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

function marker(style: (typeof STYLES)[number], cx: number, cy: number): string {
  const at = `fill="${style.colour}" stroke="#fff" stroke-width="1"`;
  if (style.marker === 'square')
    return `<rect x="${(cx - 4).toFixed(1)}" y="${(cy - 4).toFixed(1)}" width="8" height="8" ${at}/>`;
  if (style.marker === 'diamond')
    return `<polygon points="${cx.toFixed(1)},${(cy - 5).toFixed(1)} ${(cx + 5).toFixed(1)},${cy.toFixed(1)} ${cx.toFixed(1)},${(cy + 5).toFixed(1)} ${(cx - 5).toFixed(1)},${cy.toFixed(1)}" ${at}/>`;
  return `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="4" ${at}/>`;
}
