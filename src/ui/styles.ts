/// <reference lib="dom" />
import { PALETTES, type Palette } from './palette.js';

const vars = (p: Palette) =>
  `--kz-text:var(--kizuki-text,${p.text});--kz-muted:var(--kizuki-muted,${p.muted});` +
  `--kz-bg:var(--kizuki-background,${p.background});--kz-surface:var(--kizuki-surface,${p.surface});` +
  `--kz-border:var(--kizuki-border,${p.border});--kz-brand:var(--kizuki-brand,${p.brand});` +
  `--kz-on-brand:var(--kizuki-on-brand,${p.onBrand});--kz-brand-soft:var(--kizuki-brand-soft,${p.brandSoft});` +
  `--kz-error:var(--kizuki-error,${p.error});--kz-error-soft:var(--kizuki-error-soft,${p.errorSoft});`;

/**
 * The elements' styles. System fonts only (no web fonts: nothing to download, nothing for a CSP to
 * allow), a line height for kanji, phrase-aware line breaking where supported, 24 px targets, a
 * visible focus ring, reflow down to 320 px, forced colours and reduced motion.
 */
export const CSS = `
:host{display:block;${vars(PALETTES.light)}color-scheme:light;
--kz-font:var(--kizuki-font,system-ui,-apple-system,BlinkMacSystemFont,"Hiragino Sans","Hiragino Kaku Gothic ProN","Yu Gothic UI","Yu Gothic",Meiryo,"Noto Sans CJK JP","Noto Sans JP",sans-serif);
--kz-radius:var(--kizuki-radius,.5rem);--kz-space:var(--kizuki-space,1rem)}
:host([theme=dark]){${vars(PALETTES.dark)}color-scheme:dark}
@media (prefers-color-scheme:dark){:host(:not([theme=light])){${vars(PALETTES.dark)}color-scheme:dark}}
:host([hidden]){display:none}
.kz{container-type:inline-size;font-family:var(--kz-font);font-size:1rem;line-height:1.75;color:var(--kz-text);background:var(--kz-bg);
padding:var(--kz-space);border-radius:var(--kz-radius);overflow-wrap:anywhere;line-break:strict;text-align:start}
@supports (word-break:auto-phrase){.kz{word-break:auto-phrase}}
h2,h3{line-height:1.4;margin:0 0 calc(var(--kz-space)*.75)}h2{font-size:1.5rem}h3{font-size:1.25rem}
p{margin:0 0 calc(var(--kz-space)*.75)}
.kz-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.kz-progress{color:var(--kz-muted);display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
progress{accent-color:var(--kz-brand);width:12rem;max-width:100%;height:.75rem}
.kz-q{border:1px solid var(--kz-border);border-radius:var(--kz-radius);background:var(--kz-surface);
margin:0 0 var(--kz-space);padding:calc(var(--kz-space)*.75) var(--kz-space);min-width:0}
.kz-note{background:var(--kz-bg)}
legend,.kz-label{font-weight:700;padding:0;display:block;margin-bottom:.25rem;float:left;width:100%}
legend+*,.kz-label+*{clear:both}
.kz-required{font-weight:400;color:var(--kz-muted)}
.kz-help{color:var(--kz-muted);font-size:.9375rem}
.kz-options{display:grid;gap:.25rem}
.kz-scale .kz-options{grid-template-columns:repeat(auto-fit,minmax(9rem,1fr))}
.kz-option{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;border-radius:calc(var(--kz-radius)*.75);padding:.25rem .5rem}
.kz-selected{background:var(--kz-brand-soft)}
.kz-option label{flex:1 1 8rem;min-height:1.5rem;cursor:pointer}
input[type=radio],input[type=checkbox]{width:1.5rem;height:1.5rem;margin:0;flex:none;accent-color:var(--kz-brand);cursor:pointer}
input[type=text],input[type=date],textarea{font:inherit;color:var(--kz-text);background:var(--kz-bg);border:1px solid var(--kz-border);
border-radius:calc(var(--kz-radius)*.75);padding:.375rem .5rem;min-height:2.75rem;box-sizing:border-box;max-width:100%}
textarea,.kz-other{width:100%}.kz-other{flex:1 1 100%}
.kz-short{width:10rem}
.kz-field{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.kz-error{color:var(--kz-error);background:var(--kz-error-soft);border-left:.25rem solid var(--kz-error);margin:.5rem 0 0;padding:.25rem .75rem;list-style:none}
.kz-error li::before{content:"⚠ "}
[aria-invalid=true]:not([type=radio]):not([type=checkbox]){border:2px solid var(--kz-error)}
.kz-table{border-collapse:collapse;width:100%}
.kz-table th,.kz-table td{padding:.375rem;border-bottom:1px solid var(--kz-border);text-align:center;vertical-align:middle}
.kz-table th[scope=row]{text-align:start;font-weight:400}
.kz-table thead th{font-size:.875rem;font-weight:400;color:var(--kz-text)}
.kz-cell{display:inline-flex;align-items:center;justify-content:center;min-width:2.75rem;min-height:2.75rem;cursor:pointer}
.kz-cell-text{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.kz-invalid th{color:var(--kz-error)}
@container (max-width:40rem){
.kz-table,.kz-table tbody,.kz-table tr,.kz-table th,.kz-table td{display:block;border:0;padding:0}
.kz-table thead{display:none}
.kz-table tr{margin:0 0 .75rem;padding:.5rem 0;border-top:1px solid var(--kz-border)}
.kz-table th[scope=row]{font-weight:700;margin-bottom:.25rem}
.kz-cell{display:flex;justify-content:flex-start;gap:.5rem;padding:.125rem .25rem;text-align:start}
.kz-cell-text{position:static;width:auto;height:auto;overflow:visible;clip:auto;white-space:normal}}
.kz-nav{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:var(--kz-space)}
button{font:inherit;font-weight:700;min-height:2.75rem;min-width:6rem;padding:.5rem 1.25rem;border-radius:var(--kz-radius);cursor:pointer;
border:2px solid var(--kz-brand);background:var(--kz-bg);color:var(--kz-text)}
button.kz-primary{background:var(--kz-brand);color:var(--kz-on-brand)}
:focus-visible{outline:3px solid var(--kz-brand);outline-offset:2px}
h3:focus,h2:focus{outline:none}h3:focus-visible,h2:focus-visible{outline:3px solid var(--kz-brand)}
.kz-review dl{margin:0}.kz-review dt{font-weight:700;margin-top:.5rem}.kz-review dd{margin:0 0 .25rem 1rem}
.kz-review section{border-top:1px solid var(--kz-border);padding-top:.5rem;margin-bottom:var(--kz-space)}
.kz-notice{border:1px solid var(--kz-border);border-left:.25rem solid var(--kz-brand);background:var(--kz-surface);padding:.5rem .75rem;margin-bottom:var(--kz-space)}
.kz-broken{border-left-color:var(--kz-error)}
.kz-broken li{margin-bottom:.25rem}
@media (prefers-reduced-motion:no-preference){.kz-option,button{transition:background-color .15s}}
@media (forced-colors:active){
.kz-q,.kz-notice,.kz-error,button{border-color:CanvasText}
.kz-selected{outline:2px solid Highlight}
:focus-visible{outline-color:Highlight}
button.kz-primary{background:ButtonText;color:ButtonFace;forced-color-adjust:none}}
`;

let sheet: CSSStyleSheet | undefined;

/**
 * The one shared constructable stylesheet. Adopted stylesheets are allowed under `style-src 'self'`,
 * unlike `<style>` elements and `style` attributes; made on first use so importing has no effect.
 */
export function styleSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}
