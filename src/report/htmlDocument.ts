import { escapeHtml } from '../core/escapeHtml.js';

/**
 * A complete, self-contained HTML document. The Content Security Policy forbids every fetch, script
 * and external font, so the file works offline and cannot reach the network even if a text in it
 * tried to.
 */
export function htmlDocument(options: { lang: string; title: string; styles: string; body: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(options.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kizuki">
<title>${escapeHtml(options.title)}</title>
<style>
${options.styles}
</style>
</head>
<body>
${options.body}
</body>
</html>
`;
}

/** Styles both documents share: system fonts only (Japanese first), A4 pages, quiet colours. */
export const baseStyles = `:root { --ink: #1f2328; --muted: #59636e; --line: #c9d1d9; --soft: #f3f5f7; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 210mm; padding: 12mm; color: var(--ink); background: #fff;
  font-family: "Hiragino Kaku Gothic ProN", "Hiragino Sans", "Yu Gothic UI", "Yu Gothic", Meiryo, "Noto Sans CJK JP", "Noto Sans JP", system-ui, sans-serif;
  font-size: 10.5pt; line-height: 1.6; }
h1 { font-size: 16pt; margin: 0 0 4mm; line-height: 1.35; }
h2 { font-size: 12.5pt; margin: 7mm 0 3mm; padding-bottom: 1mm; border-bottom: 1.5px solid var(--ink); break-after: avoid; }
h3 { font-size: 10.5pt; margin: 0 0 1.5mm; break-after: avoid; }
p { margin: 0 0 2mm; }
table { border-collapse: collapse; }
.muted { color: var(--muted); }
.small { font-size: 8.5pt; }
footer { margin-top: 8mm; padding-top: 2mm; border-top: 1px solid var(--line); color: var(--muted); font-size: 8pt; }
@page { size: A4; margin: 14mm 13mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
}`;
