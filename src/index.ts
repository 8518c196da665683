/**
 * kizuki (気づき): questionnaires for Japan's regional workplace-reform programme. The root export
 * gathers every browser-safe part; each part also has its own subpath (`kizuki/schema`,
 * `kizuki/expr`, `kizuki/engine`, …) so that bundles take only what they use.
 *
 * @packageDocumentation
 */
export * from './anonymise/index.js';
export * from './design/index.js';
export * from './engine/index.js';
export * from './expr/index.js';
export * from './schema/index.js';
export * from './scoring/index.js';
export * from './validate/index.js';
