import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv.close());

describe('identification tells the collector when it falls behind', () => {
  it('reports a backlog of session-started past a fifth of its queue, and clears it once caught up', async () => {
    const { bus } = srv.deps;
    expect(bus.isBacklogged('session-started')).toBe(false);
    // A flood announced in one turn of the event loop, as a fast expansion of the intake log would.
    for (let i = 0; i < 2_500; i++) {
      bus.emit('session-started', { orgId: 'org_none', siteId: 'site_none', sessionId: i + 1, visitorId: i + 1, ip: `10.0.${i >> 8}.${i & 255}`, userAgent: 'Mozilla/5.0', at: Date.now() });
    }
    expect(bus.isBacklogged('session-started')).toBe(true);
    await vi.waitFor(() => expect(bus.isBacklogged('session-started')).toBe(false), { timeout: 20_000, interval: 20 });
    expect(srv.deps.health.snapshot().components['identify-queue']).toBeUndefined(); // nothing dropped
  }, 30_000);
});
