// The Hono example of docs/collect.{en,ja}.md: type-checked, and run by test/collect/createCollector.test.ts.

// --- docs:hono ---
import { Hono } from 'hono';
import type { Collector } from 'kizuki/collect';

/** Your Hono app with kizuki's routes (/s/…, /admin/…, /assets/…) beside your own. */
export function appWithSurveys(collector: Collector): Hono {
  const app = new Hono();
  app.get('/health', (c) => c.text('ok'));
  // The same handler serves Node (@hono/node-server), Deno, Bun and workers: a web Request in,
  // a Response out. The client key feeds the rate limit: take it from what your proxy sets.
  const survey = (c: { req: { raw: Request; header(name: string): string | undefined } }) =>
    collector.handle(c.req.raw, { clientKey: c.req.header('x-real-ip') ?? 'unknown' });
  app.all('/s/*', survey);
  app.all('/admin/*', survey);
  app.get('/assets/*', survey);
  return app;
}
// --- end ---
