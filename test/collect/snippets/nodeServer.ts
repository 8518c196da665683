// The Node http example of docs/collect.{en,ja}.md, type-checked by `npm run typecheck` (never run:
// it would open a store and listen). test/collect/snippets.test.ts checks the docs show it unchanged.
import { readFileSync } from 'node:fs';

// --- docs:node ---
import { createServer } from 'node:http';
import { createCollector, createPgliteStore, toNodeListener } from 'kizuki/collect';
import { loadTemplate } from 'kizuki/schema';
import { getTemplate } from 'kizuki/templates';

const store = await createPgliteStore({ dataDir: './kizuki-data/pglite' });
const collector = await createCollector({
  store,
  surveys: { staff: loadTemplate(getTemplate('workplace-attractiveness')) },
  // 32 random bytes, kept apart from the data (e.g. `openssl rand 32 > code.key`).
  codeKey: new Uint8Array(readFileSync('./code.key')),
});
console.log('admin token:', await collector.createAdminToken());
// trustProxy: only behind a reverse proxy that sets X-Forwarded-For itself.
createServer(toNodeListener(collector, { trustProxy: true })).listen(8080, '127.0.0.1');
// --- end ---
