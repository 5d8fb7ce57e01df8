import { spawnTs, waitForLine } from './child.js';

export type LoadOptions = {
  url: string;
  connections: number;
  durationSec: number;
  /** Module exporting `makeRequest(n): { headers, body }`, run inside the load process. */
  requests: string;
  /** Passed to the request module's `setup(arg)`. */
  arg?: unknown;
};

export type LoadResult = { rps: number; p50: number; p99: number; total: number; non2xx: number; errors: number; timeouts: number };

/**
 * Runs autocannon in a separate process, so that the load generator's CPU is not counted
 * against the server under test, and returns its summary.
 */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const child = spawnTs('bench/lib/load-child.ts', [JSON.stringify(opts)]);
  try {
    return await waitForLine<LoadResult>(child, 'RESULT ', (opts.durationSec + 60) * 1000);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
