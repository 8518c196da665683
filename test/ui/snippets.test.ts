import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The code blocks of one language in a Markdown page. */
const blocks = (markdown: string, language: string) =>
  Array.from(markdown.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\\n\`\`\``, 'g')), (m) => m[1]!);

describe('the framework snippets of docs/ui are the code that is type-checked', () => {
  const react = read('test/ui/snippets/SurveyForm.tsx')
    .split('// --- docs:react ---\n')[1]!
    .split('// --- end ---')[0]!
    .trim();
  const vueHandler = /function onSubmit[\s\S]*?\n}/.exec(read('test/ui/snippets.test-d.ts'))![0];

  it.each(['en', 'ja'])('docs/ui.%s.md shows the React component and the Vue handler unchanged', (lang) => {
    const page = read(`docs/ui.${lang}.md`);
    expect(blocks(page, 'tsx')).toEqual([react]);
    expect(blocks(page, 'ts')).toContain(vueHandler);
  });
});
