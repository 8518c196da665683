import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Collector, toNodeListener } from '../../src/collect/index.js';

/**
 * Sends one body `times` times at once, each over its own HTTP request to the collector mounted in
 * Node's http server (concurrent requests go over separate connections); the status and receipt number
 * of each answer.
 */
export async function submitFromConnections(
  collector: Collector,
  path: string,
  body: unknown,
  times: number,
): Promise<Array<{ status: number; receipt: unknown }>> {
  const server = createServer(toNodeListener(collector));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await Promise.all(
      Array.from({ length: times }, async () => {
        const res = await fetch(`http://127.0.0.1:${port}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const answer = (await res.json()) as { receipt?: { receipt?: unknown } };
        return { status: res.status, receipt: answer.receipt?.receipt };
      }),
    );
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
