import type { CollectStore } from '../../src/collect/index.js';
import { createPgliteStore, createPostgresStore } from '../../src/collect/index.js';
import { postgresTestsRun, startTestCluster, type TestCluster } from '../helpers/postgres.js';

/** One store kind under test: how to make a fresh store, and how to tear everything down. */
export interface StoreKind {
  name: string;
  run: boolean;
  setup(): Promise<void>;
  open(): Promise<CollectStore>;
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
    async teardown() {},
  },
  {
    name: 'PostgreSQL',
    run: postgresTestsRun,
    async setup() {
      cluster = await startTestCluster();
    },
    async open() {
      if (cluster === undefined) throw new Error('cluster not started');
      const admin = await import('pg');
      const name = `kizuki_${process.pid}_${++database}`;
      const client = new admin.default.Client({ connectionString: cluster.url });
      await client.connect();
      await client.query(`create database ${name}`);
      await client.end();
      return createPostgresStore({
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
