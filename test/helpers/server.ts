import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import { serveApp } from '../../server/http/serve.js';
import { createDeps } from '../../server/main.js';
import { testConfig, type Config } from '../../server/config.js';
import { createOrganisation, createSite, createUser } from '../../server/orgs/repo.js';
import { hashPassword } from '../../server/auth/password.js';
import type { AppDeps } from '../../server/deps.js';
import { tempDir } from './temp.js';
import path from 'node:path';

export type TestServer = {
  url: string;
  deps: AppDeps;
  dataDir: string;
  close: () => Promise<void>;
};

/**
 * A real Vigie server on 127.0.0.1 (random port) with a real SQLite file in a temp directory.
 * `clock` lets a test control time.
 */
export async function startTestServer(opts: { config?: Partial<Config>; clock?: () => number; dataDir?: string } = {}): Promise<TestServer> {
  const tmp = opts.dataDir ? { dir: opts.dataDir, cleanup: () => {} } : tempDir();
  const config = testConfig({ dataDir: tmp.dir, dbPath: path.join(tmp.dir, 'vigie.db'), ...opts.config });
  const deps = createDeps(config);
  if (opts.clock) deps.clock = opts.clock;
  const app = createApp(deps);
  const server: ServerType = await new Promise((resolve) => {
    const s = serveApp(app, deps, { port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    dataDir: tmp.dir,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await deps.close();
      tmp.cleanup();
    },
  };
}

export type SeededAccount = { orgId: string; siteId: string; siteKey: string; email: string; password: string };

/** Creates an organisation with a site (domains given) and an admin user with a known password. */
export async function seedAccount(deps: AppDeps, opts: { domains?: string[]; email?: string; password?: string } = {}): Promise<SeededAccount> {
  const org = createOrganisation(deps.db, 'Test org');
  const site = createSite(deps.db, org.id, { name: 'Test site', domains: opts.domains ?? ['example.com'] });
  const email = opts.email ?? `admin-${org.id.slice(-6)}@example.com`;
  const password = opts.password ?? 'correct horse battery';
  createUser(deps.db, org.id, { email, name: 'Admin', passwordHash: await hashPassword(password) });
  return { orgId: org.id, siteId: site.id, siteKey: site.publicKey, email, password };
}

/** Logs in through the API; returns headers (cookie + CSRF) for further authenticated calls. */
export async function login(url: string, email: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

/** A test server and one seeded account shared by a whole test file: started before its tests, closed after. */
export function useServerWithAccount(opts: { domains?: string[] } = {}): { srv: TestServer; acct: SeededAccount } {
  const world = {} as { srv: TestServer; acct: SeededAccount };
  beforeAll(async () => {
    world.srv = await startTestServer();
    world.acct = await seedAccount(world.srv.deps, opts);
  });
  afterAll(() => world.srv.close());
  return world;
}
