import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
