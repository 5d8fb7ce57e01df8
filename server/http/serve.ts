import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { mountedCollector } from '../collect/routes.js';
import { collectNodeRoute } from '../collect/node-route.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * `serve()` of @hono/node-server for the app built by `createApp(deps)`, with POST /api/collect
 * answered ahead of the Hono router when the collector is mounted (server/collect/node-route.ts):
 * the collector takes every page view of every site, so its route skips the adapter's work.
 * Everything else, OPTIONS /api/collect included, goes through Hono as usual.
 */
export function serveApp(app: Hono, deps: AppDeps, options: { port: number; hostname?: string }, onListening?: (info: AddressInfo) => void): ServerType {
  const collector = mountedCollector(deps);
  const collect = collector ? collectNodeRoute(collector) : null;
  const server = serve(
    {
      fetch: app.fetch,
      port: options.port,
      hostname: options.hostname,
      ...(collect && {
        createServer: ((serverOptions: object, hono: Listener) =>
          createServer(serverOptions, (req, res) => {
            if (!collect(req, res)) void hono(req, res);
          })) as unknown as typeof createServer,
      }),
    },
    onListening,
  );
  server.on('clientError', answerClientError);
  return server;
}

/**
 * Requests Node refuses before any route sees them (headers over 16 KB, say a 20,000-character
 * id in the path, or bytes that are not HTTP) get the same JSON error envelope as the rest.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || !err.code?.startsWith('HPE_')) {
    socket.destroy();
    return;
  }
  const [status, text, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'request: address or headers larger than 16 KB']
      : [400, 'Bad Request', 'request: not a valid HTTP request'];
  const body = JSON.stringify({ error: { code: status === 431 ? 'headers-too-large' : 'bad-request', message } });
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
