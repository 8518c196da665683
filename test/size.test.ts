import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * Browser-facing entry points and their published gzip budgets, in bytes. Each is bundled by
 * esbuild for the browser — minified, with everything it imports — and gzipped at level 9.
 * The numbers and the command that reproduces them are in docs/performance.md.
 */
const budgets: Record<string, { entry: string; budget: number; forbidden?: RegExp }> = {
  'kizuki/expr': { entry: 'src/expr/index.ts', budget: 9_500 },
  'kizuki/engine': { entry: 'src/engine/index.ts', budget: 15_000, forbidden: /\bzod\b|\bajv\b/ },
  'kizuki/schema': { entry: 'src/schema/index.ts', budget: 50_000 },
  'kizuki/validate': { entry: 'src/validate/index.ts', budget: 70_000, forbidden: /\bzod\b/ },
  'kizuki/scoring': { entry: 'src/scoring/index.ts', budget: 31_000, forbidden: /\bzod\b|\bajv\b/ },
  'kizuki/anonymise': { entry: 'src/anonymise/index.ts', budget: 20_000, forbidden: /\bzod\b|\bajv\b/ },
  'kizuki/design': { entry: 'src/design/index.ts', budget: 14_000, forbidden: /\bzod\b|\bajv\b/ },
  'kizuki/ui': { entry: 'src/ui/index.ts', budget: 25_000, forbidden: /\bzod\b|\bajv\b/ },
  // The template schema (zod) and customiseTemplate are most of it; fflate is 11.6 kB minified.
  // fromXlsForm (reader, XPath parser, ja/en messages) added 12.6 kB gzip: 78.4 → 91.0 kB.
  'kizuki/workbook': { entry: 'src/io/workbook/index.ts', budget: 92_000, forbidden: /\bajv\b/ },
};

async function bundle(entry: string) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { gzip: gzipSync(code, { level: 9 }).length, inputs: Object.keys(result.metafile.inputs) };
}

describe('browser bundle sizes', () => {
  it.each(Object.entries(budgets))(
    '%s stays within its gzip budget',
    async (_name, { entry, budget, forbidden }) => {
      const { gzip, inputs } = await bundle(entry);
      expect(gzip).toBeLessThanOrEqual(budget);
      // Node built-ins would fail to bundle for the browser; heavy libraries must stay out where promised.
      if (forbidden) expect(inputs.filter((i) => forbidden.test(i))).toEqual([]);
    },
  );
});
