import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The parts that promise to run everywhere (browsers, Node, Deno, workers, strict CSP). Every source
 * file each one pulls in, its own and kizuki's shared ones, is read and checked.
 */
// ui/persist: the storage, queue and kiosk pieces of kizuki/ui, which read localStorage and fetch only when called.
const portable = ['expr', 'engine', 'scoring', 'anonymise', 'design', 'ui/persist', 'io/workbook'];

/** Code generation breaks under a strict CSP; node:* and DOM globals tie a part to one runtime. */
const forbidden: Array<[string, RegExp]> = [
  ['eval', /\beval\s*\(/],
  ['new Function', /\bnew\s+Function\s*\(/],
  ['node:* import', /from\s+['"]node:|require\(\s*['"]node:/],
  ['DOM global', /\b(?:document|window|localStorage|navigator)\s*\./],
];

async function sourcesOf(part: string) {
  const result = await build({
    entryPoints: [`src/${part}/index.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs).filter((input) => input.startsWith('src/'));
}

/** Drops comments so that prose mentioning eval or the DOM does not count. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('portable parts', () => {
  it.each(portable)('kizuki/%s uses no eval, new Function, node:* or DOM globals', async (part) => {
    const files = await sourcesOf(part);
    expect(files.length).toBeGreaterThan(1);
    const found = files.flatMap((file) => {
      const text = code(readFileSync(file, 'utf8'));
      return forbidden.filter(([, pattern]) => pattern.test(text)).map(([what]) => `${file}: ${what}`);
    });
    expect(found).toEqual([]);
  });

  it('catches what it looks for', () => {
    const hits = (text: string) => forbidden.filter(([, p]) => p.test(code(text))).map(([what]) => what);
    expect(hits("const f = new Function('return 1');")).toEqual(['new Function']);
    expect(hits("import { x } from 'node:crypto';")).toEqual(['node:* import']);
    expect(hits('document.body.append(x); eval(s);')).toEqual(['eval', 'DOM global']);
    expect(hits('// eval(s) is never used here\nconst url = "http://x";')).toEqual([]);
  });
});
