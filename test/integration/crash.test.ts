import { describe, expect, it } from 'vitest';
import { pageviewTotals, sendNumbered, sendUntilKilled, siteKeyOf, startChildServer, storedCounts, useCrashDir } from './crash-helpers.js';

const crash = useCrashDir('vigie-crash-');

/** The numbers of the events stored (`/e/<n>`), read from the database file as a restart would. */
const storedNumbers = () => new Set(storedCounts(crash.dbFile).keys());
const siteKey = () => siteKeyOf(crash.dbFile);

describe('durability of acknowledged events (real server process)', () => {
  it('loses none of 5,000 acknowledged events when the process is killed with SIGKILL (read after a restart)', async () => {
    crash.running = await startChildServer(crash.dir);
    const server = crash.running;
    const key = siteKey();
    // kill -9 the moment the 5,000th acknowledgement arrives, with 49 more requests in flight.
    const acked = await sendUntilKilled(server, key, 5_000);
    expect((await server.exited).signal).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(5_000);
    // Hits acknowledged from the intake log reach the events table when the collector starts again.
    crash.running = await startChildServer(crash.dir);
    const stored = storedNumbers();
    const lost = [...acked].filter((n) => !stored.has(n));
    expect(lost).toEqual([]);
  }, 120_000);

  it('recounts the session counters left behind by the crash when it starts again', async () => {
    const { events, counted } = pageviewTotals(crash.dbFile);
    expect(counted).toBe(events);
  }, 60_000);

  it('drains in-flight requests on SIGTERM and exits cleanly', async () => {
    const server = crash.running!;
    const key = siteKey();
    let signalled = false;
    const acked = await sendNumbered(server.url, key, 50, (a) => {
      if (!signalled && a.size >= 500) {
        signalled = true;
        server.child.kill('SIGTERM');
      }
      return signalled && a.size >= 500 && server.child.exitCode !== null;
    });
    // main.ts exits 0 once drained, or 1 from its 9-second hard stop: 0 means it drained in time.
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const stored = storedNumbers();
    expect([...acked].filter((n) => !stored.has(n))).toEqual([]);
  }, 60_000);
});
