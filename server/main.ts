import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from './config.js';
import { openDb } from './db/open.js';
import { createApp } from './app.js';
import { serveApp } from './http/serve.js';
import { Health } from './http/health.js';
import { Bus } from './bus.js';
import { bootstrapFirstRun } from './orgs/bootstrap.js';
import type { AppDeps } from './deps.js';

/** How long the app's connection waits for another process's write lock (the collector has its own). */
export const APP_BUSY_TIMEOUT_MS = 250;

/** Wires the real dependencies. The only place that reads the environment and opens files. */
export function createDeps(config: Config): AppDeps & { close: () => Promise<void> } {
  const db = openDb(config.dbPath);
  // Requests wait this long, on the event loop, for a lock held by another process (an import
  // from the command line, a backup) before answering 503: every request queues behind the wait.
  db.pragma(`busy_timeout = ${APP_BUSY_TIMEOUT_MS}`);
  const closers: Array<() => Promise<void> | void> = [];
  const deps: AppDeps = {
    db,
    config,
    clock: Date.now,
    health: new Health(),
    bus: new Bus(),
    onClose: (fn) => closers.push(fn),
  };
  deps.health.ok('database');
  return {
    ...deps,
    close: async () => {
      for (const fn of closers.reverse()) await fn();
      db.close();
    },
  };
}

/** How often Vigie tries again to open a database it could not open. */
export const OPEN_RETRY_MS = 5_000;

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The dependencies, once the database opens. A database that cannot be opened at start (a full
 * disk, a corrupt or unreadable file) must not stop the process: until it opens, a stand-in
 * server on Vigie's port answers /health with the reason and everything else with 503, and
 * opening is tried again every `retryMs`. `onStandIn` tells where the stand-in listens.
 */
export async function depsWhenDatabaseOpens(
  config: Config,
  opts: { retryMs?: number; onStandIn?: (info: AddressInfo) => void } = {},
): Promise<ReturnType<typeof createDeps>> {
  try {
    return createDeps(config);
  } catch (err) {
    let reason = reasonOf(err);
    const retryMs = opts.retryMs ?? OPEN_RETRY_MS;
    console.error(`[vigie] cannot open the database ${config.dbPath}: ${reason}; trying again every ${retryMs / 1000} s`);
    const standIn = await serveUnavailable(config, () => reason, opts.onStandIn);
    const quit = () => process.exit(0);
    process.once('SIGTERM', quit);
    process.once('SIGINT', quit);
    try {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, retryMs));
        try {
          const deps = createDeps(config);
          console.log('[vigie] database opened');
          return deps;
        } catch (again) {
          reason = reasonOf(again);
        }
      }
    } finally {
      process.off('SIGTERM', quit);
      process.off('SIGINT', quit);
      standIn.closeAllConnections();
      await new Promise((resolve) => standIn.close(resolve));
    }
  }
}

/** The stand-in: /health says why the database is down, every other request gets 503 + Retry-After. */
function serveUnavailable(config: Config, reason: () => string, onListening?: (info: AddressInfo) => void): Promise<Server> {
  const server = createServer((req, res) => {
    const health = req.url === '/health' || req.url?.startsWith('/health?');
    const body = health
      ? { status: 'down', components: { database: { status: 'down', detail: reason() } } }
      : { error: { code: 'unavailable', message: `Vigie cannot open its database: ${reason()}` } };
    res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': String(Math.ceil(OPEN_RETRY_MS / 1000)), 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      onListening?.(server.address() as AddressInfo);
      resolve(server);
    });
  });
}

export async function main(): Promise<void> {
  const config = loadConfig();
  const deps = await depsWhenDatabaseOpens(config);
  const first = await bootstrapFirstRun(deps.db);
  const app = createApp(deps);
  const printFirstRun = (base: string | null) => {
    if (!first) return;
    console.log('');
    console.log('  First run: created an organisation, a demo site and an admin account.');
    console.log(base ? `  Log in at ${base}/ with` : '  Log in, once Vigie is listening, with');
    console.log(`    e-mail:   ${first.email}`);
    console.log(`    password: ${first.password}`);
    console.log('  This password is shown only once.');
    console.log('');
  };
  const server = serveApp(app, deps, { port: config.port, hostname: config.host }, (info) => {
    const base = `http://localhost:${info.port}`;
    console.log(`[vigie] listening on ${base}  (dashboard ${base}/, demo ${base}/demo, tracker ${base}/t.js)`);
    printFirstRun(base);
  });
  // A port already taken must not swallow the first-run password: the account exists from now on.
  (server as unknown as NodeJS.EventEmitter).once('error', (err: NodeJS.ErrnoException) => {
    const why = err.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT to a free one)` : err.message;
    console.error(`[vigie] failed to start: ${why}`);
    printFirstRun(null);
    void deps.close().finally(() => process.exit(1));
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[vigie] ${signal}: draining requests…`);
    const hardStop = setTimeout(() => process.exit(1), 9_000);
    hardStop.unref();
    server.close(async () => {
      await deps.close();
      clearTimeout(hardStop);
      process.exit(0);
    });
    // Idle keep-alive sockets would hold server.close() open; in-flight requests still finish.
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error('[vigie] failed to start:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
