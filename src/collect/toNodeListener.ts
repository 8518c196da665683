import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Collector } from './createCollector.js';

/** Options of {@link toNodeListener}. */
export interface NodeListenerOptions {
  /**
   * Take the client's address from `X-Forwarded-For` (its first entry), for rate limits behind a
   * reverse proxy that sets it. Off by default: a client could otherwise pick its own key.
   */
  trustProxy?: boolean;
}

/**
 * Mounts a collector in Node's own http server, or in Express (`app.use('/survey', listener)`) and
 * Fastify (through its raw request): turns `IncomingMessage` into a web `Request` and the
 * collector's `Response` back, streaming both ways.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * createServer(toNodeListener(collector, { trustProxy: true })).listen(8080, '127.0.0.1');
 * ```
 */
export function toNodeListener(collector: Collector, options: NodeListenerOptions = {}) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const host = req.headers.host ?? 'localhost';
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else headers.set(name, value);
      }
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const request = new Request(`http://${host}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
      } as RequestInit);
      const forwarded = options.trustProxy === true ? req.headers['x-forwarded-for'] : undefined;
      const clientKey =
        (typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined) ??
        req.socket.remoteAddress ??
        'unknown';
      const response = await collector.handle(request, { clientKey });
      res.statusCode = response.status;
      response.headers.forEach((value, name) => {
        res.setHeader(name, value);
      });
      if (response.body === null) {
        res.end();
        return;
      }
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
      res.end();
    } catch {
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    }
  };
}
