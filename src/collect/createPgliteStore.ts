import type { CollectStore } from './collectStore.js';
import { createSqlStoreOrClose } from './createSqlStore.js';
import type { SqlClient, SqlQueryable } from './sqlClient.js';

/** Options of {@link createPgliteStore}. */
export interface PgliteStoreOptions {
  /** The data folder (created if missing). Omit for an in-memory database that dies with the process. */
  dataDir?: string;
}

/**
 * The embedded store: PGlite, PostgreSQL compiled to WebAssembly, keeping its data in one folder.
 * Right for one machine; several collectors must share a PostgreSQL server instead
 * ({@link createPostgresStore}). Needs the `@electric-sql/pglite` package.
 *
 * @example
 * ```ts
 * import { createPgliteStore } from 'kizuki/collect';
 * const store = await createPgliteStore({ dataDir: './kizuki-data' });
 * ```
 */
export async function createPgliteStore(options: PgliteStoreOptions = {}): Promise<CollectStore> {
  return createSqlStoreOrClose(await openPgliteClient(options));
}

/** The PGlite database as the store's SQL client, not yet migrated (tests build old stores on it). */
export async function openPgliteClient(options: PgliteStoreOptions = {}): Promise<SqlClient> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = options.dataDir === undefined ? new PGlite() : new PGlite(options.dataDir);
  await db.waitReady;
  const wrap = (q: {
    query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
    exec(text: string): Promise<unknown>;
  }): SqlQueryable => ({
    query: (text, params) => q.query(text, params) as never,
    exec: async (text) => {
      await q.exec(text);
    },
  });
  return {
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    close: () => db.close(),
  };
}
