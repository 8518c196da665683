/**
 * Collecting responses: a web-standard request handler that serves the form and stores each
 * response exactly once, with stores on PGlite (embedded, the default) and PostgreSQL.
 * Node and any runtime with `Request`/`Response`.
 *
 * @packageDocumentation
 */
export type {
  CollectStore,
  DispositionCount,
  InvitationRecord,
  Receipt,
  StoreOutcome,
  SurveyRecord,
} from './collectStore.js';
export type { CollectLogEntry, Collector, CollectorOptions, RequestContext } from './createCollector.js';
export { createCollector } from './createCollector.js';
export type { PgliteStoreOptions } from './createPgliteStore.js';
export { createPgliteStore } from './createPgliteStore.js';
export type { PostgresStoreOptions } from './createPostgresStore.js';
export { createPostgresStore } from './createPostgresStore.js';
export type { FormPageOptions } from './formPage.js';
export type { LiveResponseRatesOptions } from './liveResponseRates.js';
export { liveResponseRates } from './liveResponseRates.js';
export { StoreSchemaError, schemaVersion } from './migrations.js';
export type { RateLimit } from './rateLimiter.js';
export type { NodeListenerOptions } from './toNodeListener.js';
export { toNodeListener } from './toNodeListener.js';
