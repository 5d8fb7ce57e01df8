import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { openDb } from '../../server/db/open.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type ChildServer = { child: ChildProcess; url: string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

/**
 * Starts the real entry point (server/main.ts) in its own process on a free port, with its data
 * in `dataDir` and 127.0.0.1 trusted as a proxy (so requests can spread over many visitor IPs).
 * `env`: more environment variables for the child (e.g. `VIGIE_INTAKE_LOG_ABOVE`), over the defaults.
 */
export async function startChildServer(dataDir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, VIGIE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', VIGIE_RDNS: 'false', VIGIE_TRUSTED_PROXIES: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on http:\/\/localhost:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(({ code }) => reject(new Error(`server exited (${code}) before listening:\n${out}\n${log}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, exited };
}

/**
 * Sends numbered pageviews (`/e/<n>`) with `concurrency` requests in flight, from many visitor
 * IPs, until `stop()` says so; records which numbers were acknowledged with 202. Requests that
 * fail (server gone) end their lane.
 */
export async function sendNumbered(url: string, siteKey: string, concurrency: number, stop: (acked: Set<number>) => boolean): Promise<Set<number>> {
  const acked = new Set<number>();
  let next = 0;
  const lane = async () => {
    while (!stop(acked)) {
      const n = next++;
      try {
        const res = await fetch(`${url}/api/collect`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0', 'x-forwarded-for': `198.51.${(n >> 8) & 255}.${n % 97}` },
          body: JSON.stringify({ site: siteKey, url: `http://localhost/e/${n}` }),
        });
        await res.arrayBuffer();
        if (res.status === 202) acked.add(n);
      } catch {
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return acked;
}

/**
 * A data directory for a crash test file: created before its tests, and after them the child
 * server still running (if any) killed and the directory removed. Tests set `running`.
 */
export function useCrashDir(prefix: string): { readonly dir: string; readonly dbFile: string; running: ChildServer | null } {
  let tmp: ReturnType<typeof tempDir> | null = null;
  const state = {
    get dir() {
      return tmp!.dir;
    },
    get dbFile() {
      return path.join(tmp!.dir, 'vigie.db');
    },
    running: null as ChildServer | null,
  };
  beforeAll(() => {
    tmp = tempDir(prefix);
  });
  afterAll(async () => {
    const child = state.running;
    if (child && child.child.exitCode === null) {
      child.child.kill('SIGKILL');
      await child.exited;
    }
    tmp?.cleanup();
  });
  return state;
}

/** How many times each number (`/e/<n>`) is in the events table, read from the file as a restart would. */
export function storedCounts(dbFile: string): Map<number, number> {
  const db = openDb(dbFile);
  try {
    const rows = db.prepare(`SELECT path, count(*) AS n FROM events WHERE path LIKE '/e/%' GROUP BY path`).all() as Array<{ path: string; n: number }>;
    return new Map(rows.map((r) => [Number(r.path.slice(3)), r.n]));
  } finally {
    db.close();
  }
}

/** The public key of the site the first start created. */
export function siteKeyOf(dbFile: string): string {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare('SELECT public_key FROM sites LIMIT 1').pluck().get() as string;
  } finally {
    db.close();
  }
}

/** `sendNumbered` with 50 requests in flight, killing the server (SIGKILL) the moment the `n`th acknowledgement arrives. */
export async function sendUntilKilled(server: ChildServer, siteKey: string, n: number): Promise<Set<number>> {
  let killed = false;
  return sendNumbered(server.url, siteKey, 50, (acked) => {
    if (!killed && acked.size >= n) {
      killed = true;
      server.child.kill('SIGKILL');
    }
    return killed;
  });
}

/** Pageview events, and the pageviews the sessions count: equal once the counters are all written. */
export function pageviewTotals(dbFile: string): { events: number; counted: number } {
  const db = new Database(dbFile, { readonly: true });
  try {
    return {
      events: db.prepare(`SELECT count(*) FROM events WHERE type = 'pageview'`).pluck().get() as number,
      counted: db.prepare('SELECT coalesce(sum(pageviews), 0) FROM sessions').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}
