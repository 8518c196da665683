import { defineConfig } from 'tsup';

// One entry per public subpath. Keep in step with "exports" in package.json.
export const entries = {
  index: 'src/index.ts',
  schema: 'src/schema/index.ts',
  expr: 'src/expr/index.ts',
  engine: 'src/engine/index.ts',
  validate: 'src/validate/index.ts',
  scoring: 'src/scoring/index.ts',
  design: 'src/design/index.ts',
  anonymise: 'src/anonymise/index.ts',
  io: 'src/io/index.ts',
  report: 'src/report/index.ts',
  templates: 'src/templates/index.ts',
  collect: 'src/collect/index.ts',
  ui: 'src/ui/index.ts',
  workbook: 'src/io/workbook/index.ts',
  cli: 'src/cli/index.ts',
} as const;

export default defineConfig({
  entry: entries,
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
});
