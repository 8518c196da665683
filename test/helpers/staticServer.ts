import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

/** The policy the issue asks the survey elements to work under. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** A started server: its base URL (ending in `/`) and how to stop it. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** The folder served; `/` is its `index.html`. */
  dir: string;
  /** The Content-Security-Policy header of every file served. */
  csp: string;
  /** Handles a request before the files do (an API of the test host); returns whether it answered. */
  handle?: (request: IncomingMessage, response: ServerResponse, path: string) => Promise<boolean> | boolean;
}

/**
 * Serves a built test page from 127.0.0.1 on a free port, every file under `csp`, for the browser
 * tests. Paths outside `dir` are 404; `/favicon.ico` is an empty 204 so that it logs no error.
 */
export function serveStatic(options: StaticServerOptions): Promise<StaticServer> {
  const dir = resolve(options.dir);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (options.handle && (await options.handle(request, response, path))) return;
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': options.csp,
    });
    response.end(await readFile(file));
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        close: () => new Promise((closed) => server.close(() => closed())),
      }),
    ),
  );
}
