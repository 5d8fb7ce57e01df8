import type { AppDeps } from '../deps.js';
import { applyBatch, type SessionStarted } from './apply.js';
import { loadIdentifyContext, type LoadedContext } from './context.js';
import { identifyIp } from './pipeline.js';
import { BoundedQueue } from './queue.js';
import type { Hints, Identification } from './types.js';

export type Identifier = LoadedContext & {
  identify: (orgId: string, ip: string, hints?: Hints) => Promise<Identification>;
  /** Resolves when every queued session has been identified (tests, shutdown). */
  idle: () => Promise<void>;
  queue: BoundedQueue<SessionStarted>;
};

/**
 * The identification service: listens to `session-started`, identifies each session off the
 * request path through a bounded queue (the collector never waits), writes the result back and
 * announces it. Raw IPs live only in the queued events, in memory. Shutdown drains the queue.
 */
/** Sessions waiting for identification beyond this are dropped (left unidentified). */
const QUEUE_MAX = 10_000;

export function createIdentifier(deps: AppDeps): Identifier {
  const loaded = loadIdentifyContext({ db: deps.db, config: deps.config, health: deps.health, clock: deps.clock });
  let warnedDrop = false;
  // Results wait for the next turn of the event loop and are written together.
  let pending: Array<[SessionStarted, Identification]> = [];
  let flushing: Promise<void> | null = null;
  const flush = () => {
    flushing ??= new Promise<void>((resolve) => setImmediate(() => {
      const batch = pending;
      pending = [];
      flushing = null;
      try {
        applyBatch(deps.db, deps.bus, batch);
      } catch (err) {
        console.error('[vigie] identification write-back failed', err);
      }
      resolve();
    }));
    return flushing;
  };
  let overflowing = false;
  const queue: BoundedQueue<SessionStarted> = new BoundedQueue<SessionStarted>(
    async (ev) => {
      pending.push([ev, await identifyIp(loaded.ctx, ev.orgId, ev.ip)]);
      await flush();
      if (overflowing && queue.waiting === 0) {
        overflowing = false;
        deps.health.ok('identify-queue', `caught up; ${queue.dropped} sessions were left unidentified since start`);
      }
    },
    {
      max: QUEUE_MAX,
      // Reverse DNS waits on the network (up to 300 ms when a server is silent): many lookups in
      // flight keep the queue moving; without DNS work an identification takes microseconds.
      concurrency: 64,
      onError: (err) => console.error('[vigie] identification failed', err),
      onDrop: (n) => {
        overflowing = true;
        deps.health.degraded('identify-queue', `${n} sessions left unidentified: queue full`);
        if (!warnedDrop) console.warn('[vigie] identification queue full: sessions are left unidentified');
        warnedDrop = true;
      },
    },
  );
  // Sessions that arrive while the data files load wait in the queue instead of getting "unknown".
  void loaded.ready.then(() => queue.start());
  const off = deps.bus.on('session-started', (ev) => {
    queue.push(ev);
  });
  // Past a fifth of its room, the collector's expansion waits for identification to catch up.
  const offBacklog = deps.bus.reportBacklog('session-started', () => queue.waiting > QUEUE_MAX / 5);
  deps.onClose(async () => {
    off();
    offBacklog();
    await queue.close(5_000);
    loaded.close();
  });
  return {
    ...loaded,
    queue,
    identify: (orgId, ip, hints) => identifyIp(loaded.ctx, orgId, ip, hints),
    idle: () => queue.idle(),
  };
}
