import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { createApp } from '../../server/app.js';
import { serveApp } from '../../server/http/serve.js';
import { collectRoutes } from '../../server/collect/routes.js';
import { handleError } from '../../server/http/errors.js';
import { createDeps } from '../../server/main.js';
import { loadConfig } from '../../server/config.js';
import { createOrganisation, createSite } from '../../server/orgs/repo.js';

// The real app on a fresh database in a temp directory, trusting 127.0.0.1 as a proxy so that the
// load generator can spread visitors over many IPs. Prints READY {port, siteKeys, dbPath}.
// `--collector-only` mounts the collector alone: no other slice listens to its bus events.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-'));
const config = loadConfig({ VIGIE_DATA_DIR: dir, VIGIE_TRUSTED_PROXIES: '127.0.0.1', VIGIE_RDNS: 'false', HOST: '127.0.0.1', PORT: '0' });
const deps = createDeps(config);
const siteKeys: string[] = [];
for (let i = 0; i < 5; i++) {
  const org = createOrganisation(deps.db, `Bench ${i}`);
  siteKeys.push(createSite(deps.db, org.id, { name: `Site ${i}`, domains: [`site${i}.example`] }).publicKey);
}
const collectorOnly = process.argv.includes('--collector-only');
const app = collectorOnly ? new Hono().onError(handleError).route('/api', collectRoutes(deps)) : createApp(deps);
// Identification compiles its IP→ASN table at first start (about a second): measure the steady state.
for (let i = 0; !collectorOnly && i < 600 && deps.health.snapshot().components['asn-table']?.status !== 'ok'; i++) await new Promise((r) => setTimeout(r, 50));
const server = serveApp(app, deps, { port: 0, hostname: '127.0.0.1' }, () => {
  const { port } = server.address() as AddressInfo;
  console.log(`READY ${JSON.stringify({ port, siteKeys, dbPath: config.dbPath })}`);
});
const cpuAtStart = process.cpuUsage();
process.on('SIGTERM', () => {
  server.close(async () => {
    const cpu = process.cpuUsage(cpuAtStart); // every thread of the process: writer and checkpointer too
    const waiting = new Database(config.dbPath, { readonly: true });
    const backlog = waiting.prepare('SELECT coalesce(sum(hits), 0) FROM hit_log').pluck().get() as number;
    waiting.close();
    const closing = performance.now();
    await deps.close(); // expands the intake log, then logs the collector's figures
    const drainMs = Math.round(performance.now() - closing);
    const total = process.cpuUsage(cpuAtStart);
    const db = new Database(config.dbPath, { readonly: true });
    const events = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    const sessions = db.prepare('SELECT count(*) FROM sessions').pluck().get() as number;
    const left = db.prepare('SELECT coalesce(sum(hits), 0) FROM hit_log').pluck().get() as number;
    db.close();
    console.log(`STATS ${JSON.stringify({ cpuUs: cpu.user + cpu.system, totalCpuUs: total.user + total.system, events, sessions, backlog, drainMs, left })}`);
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
  (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
});
