import { escapeHtml } from '../core/escapeHtml.js';

/** The text alternative of a chart: a title and a description, tied to the SVG by ids. */
export interface ChartText {
  id: string;
  title: string;
  description: string;
}

/** Opens an inline SVG that scales with its container and is announced as one image with its text. */
export function svgOpen(text: ChartText, width: number, height: number): string {
  const id = escapeHtml(text.id);
  return (
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" ` +
    `aria-labelledby="${id}-t ${id}-d" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-t">${escapeHtml(text.title)}</title><desc id="${id}-d">${escapeHtml(text.description)}</desc>`
  );
}

const FONT_PX = 11;

/** The drawn width of text in pixels, roughly: CJK and other wide characters count double. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.codePointAt(0)! > 0x2e80 ? FONT_PX : FONT_PX * 0.56;
  return width;
}

/** A row label, right-aligned at `x`, shortened with "…" to fit `x` pixels; the full text shows on hover. */
export function chartLabel(label: string, x: number, y: number): string {
  let shown = label;
  if (textWidth(label) > x - 4) {
    shown = '';
    for (const char of label) {
      if (textWidth(`${shown}${char}…`) > x - 4) break;
      shown += char;
    }
    shown += '…';
  }
  return `<text x="${x.toFixed(1)}" y="${(y + 4).toFixed(1)}" text-anchor="end" class="label"><title>${escapeHtml(label)}</title>${escapeHtml(shown)}</text>`;
}
