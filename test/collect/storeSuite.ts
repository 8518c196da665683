import { openPgliteClient } from '../../src/collect/createPgliteStore.js';
import { openPostgresClient } from '../../src/collect/createPostgresStore.js';
import { createSqlStore } from '../../src/collect/createSqlStore.js';
import { type CollectStore, createPgliteStore } from '../../src/collect/index.js';
import type { SqlClient } from '../../src/collect/sqlClient.js';
import { postgresTestsRun, startTestCluster, type TestCluster } from '../helpers/postgres.js';

/** One store kind under test: how to make a fresh store, and how to tear everything down. */
export interface StoreKind {
  name: string;
  run: boolean;
  setup(): Promise<void>;
  open(): Promise<CollectStore>;
  /** A fresh, empty database as a raw SQL client (no migrations run), to build stores of old versions. */
  openClient(): Promise<SqlClient>;
  teardown(): Promise<void>;
}

let cluster: TestCluster | undefined;
let database = 0;

/** PGlite in memory (each store its own database) and a real PostgreSQL (each store its own database). */
export const storeKinds: StoreKind[] = [
  {
    name: 'PGlite',
    run: true,
    async setup() {},
    open: () => createPgliteStore(),
    openClient: () => openPgliteClient(),
    async teardown() {},
  },
  {
    name: 'PostgreSQL',
    run: postgresTestsRun,
    async setup() {
      cluster = await startTestCluster();
    },
    open: async () => createSqlStore(await storeKinds[1]!.openClient()),
    async openClient() {
      if (cluster === undefined) throw new Error('cluster not started');
      const admin = await import('pg');
      const name = `kizuki_${process.pid}_${++database}`;
      const client = new admin.default.Client({ connectionString: cluster.url });
      await client.connect();
      await client.query(`create database ${name}`);
      await client.end();
      return openPostgresClient({
        connectionString: cluster.url.replace(/\/postgres$/, `/${name}`),
        maxConnections: 60,
      });
    },
    async teardown() {
      cluster?.destroy();
      cluster = undefined;
    },
  },
];
