import type { Survey } from '../../schema/index.js';
import { localText } from '../localText.js';
import { type CodebookEntry, codebook } from './codebook.js';

/** Options of {@link codebookToMarkdown}. */
export interface CodebookToMarkdownOptions {
  /** The language of labels and headings: `ja` (default) or `en`. */
  locale?: 'ja' | 'en';
}

const TEXT = {
  ja: {
    title: 'コードブック',
    template: 'テンプレート',
    layout:
      '回答1件が1行、列は下の表の順です。複数選択は選択肢ごとに 0/1 の列、順位は順位ごとの列（値は選択肢のコード）、空欄は未回答です。',
    head: ['変数', 'ラベル', '型', '値', '欠測値', '範囲', '役割', '条件'],
    personal: '個人情報を含みうる',
    reverse: '逆転項目',
    roles: { identifier: '識別子', quasiIdentifier: '準識別子', sensitive: '要配慮' },
    maxLength: (n: number) => `${n}文字まで`,
  },
  en: {
    title: 'Codebook',
    template: 'Template',
    layout:
      'One row per response, columns in the order below. Multiple choice has a 0/1 column per option, ranking a column per rank (holding option codes); an empty cell is unanswered.',
    head: ['Variable', 'Label', 'Type', 'Values', 'Missing', 'Range', 'Role', 'Condition'],
    personal: 'may contain personal data',
    reverse: 'reverse-keyed',
    roles: { identifier: 'identifier', quasiIdentifier: 'quasi-identifier', sensitive: 'sensitive' },
    maxLength: (n: number) => `up to ${n} characters`,
  },
} as const;

/**
 * The codebook as a Markdown document in one language: a heading with the template's id, version
 * and hash, a note on the layout, and one table row per variable.
 *
 * @example
 * ```ts
 * writeFileSync('codebook.md', codebookToMarkdown(survey, { locale: 'en' }));
 * ```
 */
export function codebookToMarkdown(survey: Survey, options: CodebookToMarkdownOptions = {}): string {
  const locale = options.locale ?? 'ja';
  const t = TEXT[locale];
  const { template } = survey;
  const lines = [
    `# ${t.title}: ${cell(localText(template.title, locale))}`,
    '',
    `${t.template}: \`${template.id}\` ${template.version} (\`${survey.hash}\`)`,
    '',
    t.layout,
    '',
    `| ${t.head.join(' | ')} |`,
    `|${t.head.map(() => '---').join('|')}|`,
  ];
  for (const entry of codebook(survey)) {
    const notes = [
      entry.reverse === true ? t.reverse : '',
      entry.personalData === true ? t.personal : '',
    ].filter((n) => n !== '');
    const note =
      notes.length === 0 ? '' : locale === 'ja' ? `（${notes.join('、')}）` : ` (${notes.join(', ')})`;
    const label = localText(entry.label, locale) + note;
    lines.push(
      `| ${[
        `\`${entry.variable}\``,
        cell(label),
        `${entry.storage} / ${entry.measure}`,
        entry.values.map((v) => cell(`${v.code} = ${localText(v.label, locale)}`)).join('<br>'),
        entry.missing.join(', '),
        cell(range(entry, locale)),
        entry.role === undefined ? '' : t.roles[entry.role],
        entry.condition === undefined ? '' : `\`${entry.condition.replaceAll('|', '\\|')}\``,
      ].join(' | ')} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function range(entry: CodebookEntry, locale: 'ja' | 'en'): string {
  const parts: string[] = [];
  if (entry.min !== undefined || entry.max !== undefined) parts.push(`${entry.min ?? ''}–${entry.max ?? ''}`);
  if (entry.unit !== undefined) parts.push(localText(entry.unit, locale));
  if (entry.maxLength !== undefined) parts.push(TEXT[locale].maxLength(entry.maxLength));
  return parts.join(' ');
}

/** Text safe inside a Markdown table cell: pipes escaped, line breaks and HTML kept out. */
function cell(text: string): string {
  return text
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/\r?\n/g, ' ');
}
