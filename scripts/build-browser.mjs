// Bundles the collector's form page script with kizuki/ui for the browser (dist/browser/), after tsup.
import { build } from 'esbuild';

await build({
  entryPoints: { 'kizuki-form': 'src/collect/browser/formScript.ts' },
  outdir: 'dist/browser',
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'warning',
});
