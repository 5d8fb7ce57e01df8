import { spawnTs, stop, waitForLine } from '../lib/child.js';
import { runLoad, type LoadResult } from '../lib/load.js';
import type { Figure, Suite } from '../lib/types.js';

const CONNECTIONS = 100;
const DURATION_SEC = Number(process.env.BENCH_DURATION ?? 10);
const TRAFFIC = 'bench/collect/traffic.ts';

type Ready = { port: number; siteKeys?: string[] };

/** Starts a server script, loads it with the realistic traffic, stops it. */
async function measure(serverFile: string, args: string[] = []): Promise<{ load: LoadResult; stored?: { events: number; sessions: number } }> {
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
    const stored = ready.siteKeys ? waitForLine<{ events: number; sessions: number }>(server, 'STORED ').catch(() => undefined) : undefined;
    await stop(server);
    return { load, stored: await stored };
  } finally {
    await stop(server, 1_000);
  }
}

function averageLoads(a: LoadResult, b: LoadResult): LoadResult {
  const avg = (x: number, y: number) => (x + y) / 2;
  return { rps: avg(a.rps, b.rps), p50: avg(a.p50, b.p50), p99: Math.max(a.p99, b.p99), total: a.total + b.total, non2xx: a.non2xx + b.non2xx, errors: a.errors + b.errors, timeouts: a.timeouts + b.timeouts };
}

/**
 * POST /api/collect (real app, durable group commit) against a bare Hono endpoint that only
 * reads the body, same machine, same load, one after the other.
 */
export const collectSuite: Suite = {
  name: 'collect',
  description: `POST /api/collect vs a bare Hono endpoint (autocannon, ${CONNECTIONS} connections, ${DURATION_SEC} s each)`,
  async run(): Promise<Figure[]> {
    // Bare before and after, averaged: the machine's load may drift during the run.
    const bareBefore = await measure('bench/collect/bare-server.ts');
    const collect = await measure('bench/collect/collect-server.ts');
    const alone = await measure('bench/collect/collect-server.ts', ['--collector-only']);
    const bareAfter = await measure('bench/collect/bare-server.ts');
    const c = collect.load;
    const b = averageLoads(bareBefore.load, bareAfter.load);
    const figures: Figure[] = [
      { name: 'bare Hono (read body, 204)', value: Math.round(b.rps), unit: 'req/s', note: `p99 ${b.p99} ms; runs ${Math.round(bareBefore.load.rps)} and ${Math.round(bareAfter.load.rps)}` },
      { name: '/api/collect (committed, 202)', value: Math.round(c.rps), unit: 'req/s', note: `p99 ${c.p99} ms, non-2xx ${c.non2xx}, errors ${c.errors}` },
      { name: 'ratio collect / bare', value: (c.rps / b.rps).toFixed(2), note: 'target >= 0.60' },
      { name: '/api/collect, collector alone', value: Math.round(alone.load.rps), unit: 'req/s', note: `p99 ${alone.load.p99} ms, non-2xx ${alone.load.non2xx}; no other slice listening to its bus events` },
      { name: 'ratio collector alone / bare', value: (alone.load.rps / b.rps).toFixed(2) },
    ];
    if (collect.stored) {
      figures.push({ name: 'stored after the run', value: collect.stored.events, unit: 'events', note: `${collect.stored.sessions} sessions, ${c.total} requests sent` });
    }
    return figures;
  },
};
