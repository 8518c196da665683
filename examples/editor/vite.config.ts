import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');

/**
 * Makes the built page run when opened from files (file://) as well as from any static server:
 * browsers refuse module scripts and `crossorigin` requests from file:// pages, so the bundle is one
 * classic deferred script (an IIFE) and the tags lose `type="module"` and `crossorigin`.
 */
function classicScript(): Plugin {
  return {
    name: 'kizuki-editor-classic-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => html.replace(/ type="module" crossorigin/g, ' defer').replace(/ crossorigin/g, ''),
    },
  };
}

export default defineConfig({
  root: here,
  // Relative asset URLs, so that the built page works opened from files or from any server path.
  base: './',
  resolve: {
    // The editor imports kizuki through its public subpaths, straight from the sources.
    alias: [
      // kizuki/workbook is the one subpath whose sources are not in src/<name> (see tsup.config.ts).
      { find: /^kizuki\/workbook$/, replacement: `${repo}/src/io/workbook/index.ts` },
      { find: /^kizuki\/([a-z]+)$/, replacement: `${repo}/src/$1/index.ts` },
    ],
  },
  plugins: [classicScript()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: false,
    // One style sheet file: a style element made by script would break `style-src 'self'`.
    cssCodeSplit: false,
    rollupOptions: { output: { format: 'iife', inlineDynamicImports: true } },
  },
  server: { fs: { allow: [repo] } },
});
