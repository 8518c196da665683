import type { CollectStore } from './collectStore.js';
import { createSqlStoreOrClose } from './createSqlStore.js';
import type { SqlClient } from './sqlClient.js';

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** A `postgres://` connection string. */
  connectionString: string;
  /** Most connections this collector opens (default 10). */
  maxConnections?: number;
}

/**
 * The shared store: a PostgreSQL server that several collectors behind a load balancer use at once.
 * Each response is stored in one transaction, so a crash of any collector or of the server loses
 * nothing that was acknowledged. Needs the `pg` package.
 *
 * @example
 * ```ts
 * import { createPostgresStore } from 'kizuki/collect';
 * const store = await createPostgresStore({ connectionString: process.env.DATABASE_URL! });
 * ```
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<CollectStore> {
  return createSqlStoreOrClose(await openPostgresClient(options));
}

/** A pool on the PostgreSQL server as the store's SQL client, not yet migrated (tests build old stores on it). */
export async function openPostgresClient(options: PostgresStoreOptions): Promise<SqlClient> {
  const pg = await import('pg');
  const Pool = pg.default?.Pool ?? pg.Pool;
  const pool = new Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
  // A connection dropped by a restarting server must not crash the process: the idle ones report
  // through the pool, the checked-out ones through themselves, and the query in flight fails (503).
  pool.on('error', () => {});
  pool.on('connect', (connection) => {
    connection.on('error', () => {});
  });
  return {
    query: (text, params) => pool.query(text, params) as never,
    exec: async (text) => {
      await pool.query(text);
    },
    async transaction(work) {
      const connection = await pool.connect();
      try {
        await connection.query('begin');
        const result = await work({
          query: (text, params) => connection.query(text, params) as never,
          exec: async (text) => {
            await connection.query(text);
          },
        });
        await connection.query('commit');
        return result;
      } catch (error) {
        await connection.query('rollback').catch(() => {});
        throw error;
      } finally {
        connection.release();
      }
    },
    close: () => pool.end(),
  };
}
