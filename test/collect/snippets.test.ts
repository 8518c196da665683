import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
/** The part of a snippet file between its docs markers. */
const marked = (path: string, name: string) =>
  read(path).split(`// --- docs:${name} ---\n`)[1]!.split('// --- end ---')[0]!.trim();
/** The TypeScript code blocks of a Markdown page. */
const blocks = (markdown: string) => Array.from(markdown.matchAll(/```ts\n([\s\S]*?)\n```/g), (m) => m[1]!);

// The mounting examples of the guide are the code `npm run typecheck` checks (and, for Hono, the
// code test/collect/createCollector.test.ts runs).
describe('the mounting examples of docs/collect are the checked code', () => {
  const node = marked('test/collect/snippets/nodeServer.ts', 'node');
  const hono = marked('test/collect/snippets/honoApp.ts', 'hono');
  it.each(['en', 'ja'])('docs/collect.%s.md shows the Node http and Hono code unchanged', (lang) => {
    const code = blocks(read(`docs/collect.${lang}.md`));
    expect(code).toContain(node);
    expect(code).toContain(hono);
  });
});
