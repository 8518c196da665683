import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

  const vueComponent = read('test/ui/snippets/vue/SurveyForm.vue')
    .split('<!-- --- docs:vue --- -->\n')[1]!
    .split('<!-- --- end --- -->')[0]!
    .trim();
  const vueTypes = read('test/ui/snippets/vue/kizuki-vue.d.ts')
    .split('// --- docs:vue-types ---\n')[1]!
    .split('// --- end ---')[0]!
    .trim();

  it.each(['en', 'ja'])('docs/ui.%s.md shows the React and Vue code unchanged', (lang) => {
    const page = read(`docs/ui.${lang}.md`);
    expect(blocks(page, 'tsx')).toEqual([react]);
    expect(blocks(page, 'vue')).toEqual([vueComponent]);
    expect(blocks(page, 'ts')).toContain(`// kizuki-vue.d.ts\n${vueTypes}`);
  });

  it('vue-tsc accepts the Vue component and refuses a wrong binding or handler', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const vueTsc = join(root, 'node_modules/vue-tsc/bin/vue-tsc.js');
    const check = (dir: string) =>
      spawnSync(process.execPath, [vueTsc, '--noEmit', '-p', join(dir, 'tsconfig.json')], {
        encoding: 'utf8',
      });
    expect(check(join(root, 'test/ui/snippets/vue')).status).toBe(0);
    // A copy beside the original, so that the tsconfig's relative paths still hold.
    const dir = mkdtempSync(join(root, 'test/ui/snippets/vue-broken-'));
    try {
      cpSync(join(root, 'test/ui/snippets/vue'), dir, { recursive: true });
      const file = join(dir, 'SurveyForm.vue');
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, original.replace('locale="ja"', 'locale="ja" page-mode="pages"'));
      const wrongValue = check(dir);
      expect(wrongValue.status).not.toBe(0);
      expect(wrongValue.stdout).toContain('"pages"');
      writeFileSync(file, original.replace('CustomEvent<KizukiSubmitDetail>', 'CustomEvent<number>'));
      expect(check(dir).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
