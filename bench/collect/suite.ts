import { spawnTs, stop, waitForLine } from '../lib/child.js';
import { runLoad, type LoadResult } from '../lib/load.js';
import type { Figure, Suite } from '../lib/types.js';

const CONNECTIONS = 100;
const DURATION_SEC = Number(process.env.BENCH_DURATION ?? 10);
const TRAFFIC = 'bench/collect/traffic.ts';

type Ready = { port: number; siteKeys?: string[] };
type Stats = { cpuUs: number; events?: number; sessions?: number };
type Run = { load: LoadResult; stats?: Stats; cpuUsPerRequest: number };

/** Starts a server script, loads it with the realistic traffic for DURATION_SEC, stops it. */
async function measure(serverFile: string, args: string[] = []): Promise<Run> {
  const server = spawnTs(serverFile, args);
  try {
    const ready = await waitForLine<Ready>(server, 'READY ');
    const load = await runLoad({
      url: `http://127.0.0.1:${ready.port}/api/collect`,
      connections: CONNECTIONS,
      durationSec: DURATION_SEC,
      requests: TRAFFIC,
      arg: { siteKeys: ready.siteKeys ?? ['bare'] },
    });
    const stats = waitForLine<Stats>(server, 'STATS ').catch(() => undefined);
    await stop(server);
    const s = await stats;
    return { load, stats: s, cpuUsPerRequest: s ? s.cpuUs / Math.max(1, load.total) : NaN };
  } finally {
    await stop(server, 1_000);
  }
}

const rps = (r: Run) => Math.round(r.load.rps);
const cpu = (r: Run) => `${r.cpuUsPerRequest.toFixed(1)} µs server CPU/request`;

/**
 * POST /api/collect (real app, durable group commit) against a bare Hono endpoint that only reads
 * the body, same machine, same load, one after the other. The bare endpoint runs before and after
 * (averaged) because the machine's load may drift. Server CPU per request is printed as well: on a
 * shared machine it is steadier than requests/s.
 */
export const collectSuite: Suite = {
  name: 'collect',
  description: `POST /api/collect vs a bare Hono endpoint (autocannon in its own process, ${CONNECTIONS} connections, ${DURATION_SEC} s each)`,
  async run(): Promise<Figure[]> {
    const bareBefore = await measure('bench/collect/bare-server.ts');
    const app = await measure('bench/collect/collect-server.ts');
    const alone = await measure('bench/collect/collect-server.ts', ['--collector-only']);
    const bareAfter = await measure('bench/collect/bare-server.ts');
    const bareRps = (bareBefore.load.rps + bareAfter.load.rps) / 2;
    const bareCpu = (bareBefore.cpuUsPerRequest + bareAfter.cpuUsPerRequest) / 2;
    return [
      { name: 'bare Hono (read body, 204)', value: Math.round(bareRps), unit: 'req/s', note: `runs ${rps(bareBefore)} and ${rps(bareAfter)}; p99 ${Math.max(bareBefore.load.p99, bareAfter.load.p99)} ms; ${bareCpu.toFixed(1)} µs server CPU/request` },
      { name: '/api/collect, whole app', value: rps(app), unit: 'req/s', note: `p99 ${app.load.p99} ms, non-2xx ${app.load.non2xx}; ${cpu(app)}` },
      { name: 'ratio whole app / bare', value: (app.load.rps / bareRps).toFixed(2), note: `target >= 0.60; by CPU per request ${(bareCpu / app.cpuUsPerRequest).toFixed(2)}` },
      { name: '/api/collect, collector alone', value: rps(alone), unit: 'req/s', note: `p99 ${alone.load.p99} ms, non-2xx ${alone.load.non2xx}; ${cpu(alone)}; no other slice listening` },
      { name: 'ratio collector alone / bare', value: (alone.load.rps / bareRps).toFixed(2), note: `by CPU per request ${(bareCpu / alone.cpuUsPerRequest).toFixed(2)}` },
      { name: 'stored (collector alone run)', value: alone.stats?.events ?? 'n/a', unit: 'events', note: `${alone.stats?.sessions ?? '?'} sessions for ${alone.load.total} acknowledged requests` },
    ];
  },
};
