import { escapeHtml } from '../core/escapeHtml.js';
import type { LocalisedText } from '../schema/index.js';
import type { ResultVerdict, TemplateComparison, TemplateDifference } from './compareTemplates.js';

/** Options of {@link renderTemplateComparison}. */
export interface RenderTemplateComparisonOptions {
  /** `text` (default) for a terminal or an e-mail, `html` for a fragment to put in a page. */
  format?: 'text' | 'html';
  /** Language: `ja` (default) or `en`. */
  locale?: 'ja' | 'en';
}

const TEXT = {
  ja: {
    title: (a: string, b: string) => `テンプレートの比較: ${a} → ${b}`,
    unrelated:
      '注意: 変更後のテンプレートは元のテンプレートから作られたものではありません（IDが一致する部分だけを比べています）。',
    differences: '変更点',
    none: '変更点はありません。',
    kinds: { added: '追加', removed: '削除', reworded: '文言変更', moved: '移動', retyped: '形式変更' },
    parts: {
      section: 'セクション',
      question: '質問',
      item: '項目',
      option: '選択肢',
      scale: '尺度',
      score: '得点',
    },
    editorial: '（表記の修正として宣言済み）',
    results: '結果ごとの比較可能性',
    headers: ['結果', '前回の調査と', '全国値と'],
    comparable: '比較できる',
    notComparable: (why: string) => `比較できない（${why}）`,
    noBenchmark: '全国値なし',
    moved: '（位置が移動）',
    renamed: (id: string) => `→ 新しいID ${id}`,
    code: (c: number) => `コード${c}`,
  },
  en: {
    title: (a: string, b: string) => `Template comparison: ${a} → ${b}`,
    unrelated:
      'Note: the changed template was not made from the base (only parts with the same ids are compared).',
    differences: 'Differences',
    none: 'No differences.',
    kinds: {
      added: 'added',
      removed: 'removed',
      reworded: 'reworded',
      moved: 'moved',
      retyped: 'type changed',
    },
    parts: {
      section: 'section',
      question: 'question',
      item: 'item',
      option: 'option',
      scale: 'scale',
      score: 'score',
    },
    editorial: ' (declared editorial)',
    results: 'Comparability of each result',
    headers: ['Result', 'With the previous wave', 'With the national figures'],
    comparable: 'comparable',
    notComparable: (why: string) => `not comparable (${why})`,
    noBenchmark: 'no benchmark',
    moved: ' (moved)',
    renamed: (id: string) => `→ new id ${id}`,
    code: (c: number) => `code ${c}`,
  },
};

/**
 * The change report of {@link compareTemplates} as plain text or as an HTML fragment (a heading,
 * a list of differences and a table of verdicts, every template text escaped), in Japanese or
 * English — for the council meeting, or beside a report whose waves used different versions.
 *
 * @example
 * ```ts
 * const diff = compareTemplates(base, mine);
 * console.log(renderTemplateComparison(diff, { locale: 'en' }));
 * const html = renderTemplateComparison(diff, { format: 'html' });
 * ```
 */
export function renderTemplateComparison(
  comparison: TemplateComparison,
  options: RenderTemplateComparisonOptions = {},
): string {
  const locale = options.locale === 'en' ? 'en' : 'ja';
  const t = TEXT[locale];
  const local = (text: LocalisedText | undefined) =>
    text === undefined ? '' : Object.hasOwn(text, locale) ? (text[locale] ?? text.ja) : text.ja;
  const name = (x: { id: string; version: string }) => `${x.id} ${x.version}`;
  const difference = (d: TemplateDifference): string => {
    const what = `${t.parts[d.part]} ${d.id}${d.code === undefined ? '' : ` ${t.code(d.code)}`}`;
    const texts =
      d.kind === 'reworded' && d.before !== undefined
        ? `「${local(d.before)}」 → 「${local(d.after)}」`
        : d.before !== undefined || d.after !== undefined
          ? `「${local(d.after ?? d.before)}」`
          : '';
    return [
      `${t.kinds[d.kind]}: ${what}`,
      d.newId === undefined ? '' : ` ${t.renamed(d.newId)}`,
      texts === '' ? '' : ` ${texts}`,
      d.editorial ? t.editorial : '',
    ].join('');
  };
  const verdict = (r: ResultVerdict) => [
    `${r.id} ${local(r.label)}${r.moved ? t.moved : ''}${r.newId === undefined ? '' : ` ${t.renamed(r.newId)}`}`,
    r.previousWave.comparable ? t.comparable : t.notComparable(r.previousWave.why[locale]),
    r.benchmark === null
      ? t.noBenchmark
      : r.benchmark.comparable
        ? t.comparable
        : t.notComparable(r.benchmark.why[locale]),
  ];
  const title = t.title(name(comparison.base), name(comparison.changed));
  const lines = comparison.differences.map(difference);
  const rows = comparison.results.map(verdict);

  if (options.format === 'html') {
    const list =
      lines.length === 0
        ? `<p>${escapeHtml(t.none)}</p>`
        : `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
    const table = `<table class="data"><thead><tr>${t.headers
      .map((h) => `<th scope="col">${escapeHtml(h)}</th>`)
      .join('')}</tr></thead><tbody>${rows
      .map(
        ([what, wave, bench]) =>
          `<tr><th scope="row">${escapeHtml(what!)}</th><td>${escapeHtml(wave!)}</td><td>${escapeHtml(bench!)}</td></tr>`,
      )
      .join('')}</tbody></table>`;
    return [
      `<section class="template-comparison"><h2>${escapeHtml(title)}</h2>`,
      comparison.related ? '' : `<p>${escapeHtml(t.unrelated)}</p>`,
      `<h3>${escapeHtml(t.differences)}</h3>${list}`,
      `<h3>${escapeHtml(t.results)}</h3>${table}</section>`,
    ].join('');
  }
  return [
    title,
    ...(comparison.related ? [] : [t.unrelated]),
    '',
    `${t.differences}:`,
    ...(lines.length === 0 ? [`  ${t.none}`] : lines.map((line) => `  - ${line}`)),
    '',
    `${t.results}: ${t.headers.slice(1).join(' / ')}`,
    ...rows.map(([what, wave, bench]) => `  - ${what}: ${wave} / ${bench}`),
    '',
  ].join('\n');
}
