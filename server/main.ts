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

export async function main(): Promise<void> {
  const config = loadConfig();
  const deps = createDeps(config);
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
