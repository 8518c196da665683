/**
 * kizuki (気づき): questionnaires for Japan's regional workplace-reform programme. The root export
 * gathers the template format and the expression language; each part also has its own subpath
 * (`kizuki/schema`, `kizuki/expr`, …) so that bundles take only what they use.
 *
 * @packageDocumentation
 */
export * from './expr/index.js';
export * from './schema/index.js';
