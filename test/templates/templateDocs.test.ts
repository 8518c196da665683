import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getTemplate, listTemplates } from '../../src/templates/index.js';
import { type DocLocale, renderTemplateDoc, renderTemplateIndex } from '../helpers/templateDocs.js';

// The pages in docs/templates/ are generated from the template JSON. This test fails when a page is
// out of date; `UPDATE_DOCS=1 npx vitest run test/templates/templateDocs.test.ts` rewrites them.
const update = process.env.UPDATE_DOCS === '1';
const docs = new URL('../../docs/templates/', import.meta.url);
const templates = listTemplates().map((t) => getTemplate(t.id)!);
const locales: DocLocale[] = ['en', 'ja'];

function check(file: string, expected: string): void {
  const url = new URL(file, docs);
  if (update) writeFileSync(url, expected);
  expect(existsSync(url), `docs/templates/${file} is missing`).toBe(true);
  expect(readFileSync(url, 'utf8'), `docs/templates/${file} is out of date`).toBe(expected);
}

describe('docs/templates', () => {
  it.each(templates.flatMap((t) => locales.map((locale) => [t.id, locale] as const)))(
    '%s.%s.md matches its template',
    (id, locale) => {
      check(`${id}.${locale}.md`, renderTemplateDoc(getTemplate(id)!, locale));
    },
  );

  it.each(locales)('index.%s.md lists every template', (locale) => {
    check(`index.${locale}.md`, renderTemplateIndex(templates, locale));
  });

  it('documents every question, statement, score and benchmark source', () => {
    const t = getTemplate('bias-awareness-community')!;
    const page = renderTemplateDoc(t, 'en');
    for (const section of t.sections) {
      for (const q of section.questions) {
        expect(page).toContain(`\`${q.id}\``);
        if (q.type === 'matrix')
          for (const item of q.items) expect(page).toContain(`| \`${item.id}\` | ${item.text.en} |`);
      }
    }
    for (const score of t.scores ?? []) expect(page).toContain(`\`${score.id}\``);
    expect(page).toContain('| `h01` | `sex = 1` (Male) | 48.7% | 2022 |');
    expect(page).toContain('Placeholders to fill before use: `{municipality}`');
    const ja = renderTemplateDoc(getTemplate('example-all-features')!, 'ja');
    expect(ja).toContain('このテンプレートに差し込みはありません。');
    expect(ja).not.toContain('{why_leave}`');
  });
});
