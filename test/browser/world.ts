import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';

/** What a browser test file runs against: Chromium, a real server on a temp SQLite file, an account. */
export type DashboardWorld = { browser: Browser; srv: TestServer; acct: SeededAccount };

/**
 * Starts the file's world before its tests and closes Chromium and the server after them. The
 * returned object is filled in by `beforeAll`: read its fields inside hooks and tests only.
 * Example: `const w = useWorld(() => startDashboardWorld({ domains: ['exemple.fr'] }));`
 */
export function useWorld<T extends { browser: Browser; srv: TestServer }>(start: () => Promise<T>, timeoutMs = 120_000): T {
  const w = {} as T;
  beforeAll(async () => {
    Object.assign(w, await start());
  }, timeoutMs);
  afterAll(async () => {
    await w.browser?.close();
    await w.srv?.close();
  });
  return w;
}

/** Chromium (throws the install hint when it is missing: never skipped), a server and a seeded account. */
export async function startDashboardWorld(opts: { domains?: string[] } = {}): Promise<DashboardWorld> {
  // dist/ is built by the vitest global setup (test/global-setup.ts), once for all test files.
  const browser = await launchBrowser();
  try {
    const srv = await startTestServer();
    return { browser, srv, acct: await seedAccount(srv.deps, opts.domains ? { domains: opts.domains } : {}) };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
