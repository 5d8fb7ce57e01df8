import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  return serve(
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
}
