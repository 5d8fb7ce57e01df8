import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = tempDir('vigie-first-run-');
afterAll(() => tmp.cleanup());

type Run = { url: string; stdout: () => string; stop: () => Promise<void> };

const spawnMain = (env: Record<string, string>, dir = tmp.dir) =>
  spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, VIGIE_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', VIGIE_RDNS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** Starts the real entry point (what `npm start` runs after building) on a free port, in `tmp.dir`. */
async function start(env: Record<string, string> = {}): Promise<Run> {
  const child = spawnMain(env);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /listening on http:\/\/localhost:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(() => reject(new Error(`server exited before listening:\n${out}`)));
  });
  // The first-run banner is printed right after the listening line: wait for the process to be idle.
  await new Promise((r) => setImmediate(r));
  return {
    url: `http://127.0.0.1:${port}`,
    stdout: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const count = (table: string, dir = tmp.dir) => {
  const db = new Database(path.join(dir, 'vigie.db'), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

const logIn = (url: string, password: string) =>
  fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@vigie.local', password }) });

describe('first run and restart of the real server process', () => {
  let password = '';

  it('prints the first-run password even when the port is taken, and exits', async () => {
    const own = tempDir('vigie-first-run-busy-');
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const child = spawnMain({ PORT: String(port) }, own.dir);
      let out = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(out).toContain(`port ${port} is already in use`);
      expect(/password: (\S+)/.exec(out)?.[1]?.length).toBeGreaterThanOrEqual(16);
      expect(count('organisations', own.dir)).toBe(1);
    } finally {
      busy.close();
      own.cleanup();
    }
  }, 60_000);

  it('creates one organisation, site and admin, prints the password once and stores only a strong hash', async () => {
    const run = await start();
    try {
      await expect.poll(() => /password: (\S+)/.exec(run.stdout())?.[1]).toBeTruthy();
      password = /password: (\S+)/.exec(run.stdout())![1]!;
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect([count('organisations'), count('sites'), count('users')]).toEqual([1, 1, 1]);
      const db = new Database(path.join(tmp.dir, 'vigie.db'), { readonly: true });
      const { password_hash: hash } = db.prepare('SELECT password_hash FROM users').get() as { password_hash: string };
      db.close();
      expect(hash).toMatch(/^scrypt\$/);
      expect(hash).not.toContain(password);
      expect((await logIn(run.url, password)).status).toBe(200);
    } finally {
      await run.stop();
    }
  }, 60_000);

  it('starts again on the same data directory without a second organisation or password', async () => {
    const run = await start();
    try {
      expect((await fetch(`${run.url}/health`)).status).toBe(200);
      expect(run.stdout()).not.toMatch(/password/i);
      expect([count('organisations'), count('sites'), count('users')]).toEqual([1, 1, 1]);
      expect((await logIn(run.url, password)).status).toBe(200);
    } finally {
      await run.stop();
    }
    expect(run.stdout()).not.toMatch(/password/i);
  }, 60_000);

  it('starts with a corrupt MaxMind file: /health says maxmind is degraded, the collector still answers', async () => {
    const mmdb = path.join(tmp.dir, 'GeoIP2-ISP.mmdb');
    fs.writeFileSync(mmdb, Buffer.alloc(4096, 7));
    const run = await start({ VIGIE_MAXMIND_FILES: mmdb });
    try {
      await expect.poll(async () => ((await (await fetch(`${run.url}/health`)).json()) as { components: Record<string, { status: string }> }).components.maxmind?.status).toBe('degraded');
      const health = (await (await fetch(`${run.url}/health`)).json()) as { status: string; components: Record<string, { status: string; detail?: string }> };
      expect(health.status).toBe('degraded');
      expect(health.components.maxmind!.detail).toMatch(/GeoIP2-ISP\.mmdb/);
      expect(health.components.database!.status).toBe('ok');
      const db = new Database(path.join(tmp.dir, 'vigie.db'), { readonly: true });
      const { public_key: site } = db.prepare('SELECT public_key FROM sites').get() as { public_key: string };
      db.close();
      const res = await fetch(`${run.url}/api/collect`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36' },
        body: JSON.stringify({ site, url: 'http://localhost/after-corrupt-mmdb' }),
      });
      expect(res.status).toBe(202);
    } finally {
      await run.stop();
    }
  }, 60_000);
});
