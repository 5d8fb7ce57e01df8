import type { AppDeps } from '../deps.js';
import { openDb, type Db } from '../db/open.js';
import { AppError } from '../http/errors.js';
import { trustedProxies, type ClientIpOptions } from '../http/client-ip.js';
import { AgentParser } from './agent.js';
import { startCheckpointer } from './checkpointer.js';
import { SiteDirectory } from './sites.js';
import { COUNTER_SYNC_MS, TrafficStore } from './store.js';
import { VisitorKeys } from './visitor-key.js';
import { GroupCommitWriter } from './writer.js';

/** How long a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 5;
/** How long a collector commit waits for a lock held by another process before giving up (503). */
export const COLLECTOR_BUSY_TIMEOUT_MS = 250;

/** The collector's long-lived parts, created once per app by `createCollector`. */
export type Collector = {
  sites: SiteDirectory;
  agents: AgentParser;
  keys: VisitorKeys;
  writer: GroupCommitWriter;
  ipOptions: ClientIpOptions;
  clock: () => number;
  bus: AppDeps['bus'];
};

/** 503 with Retry-After: the hit was not stored, the client may send it again. */
export const unavailable = () =>
  new AppError('unavailable', 503, 'The collector cannot store events right now', undefined, { 'Retry-After': String(RETRY_AFTER_SECONDS) });

/**
 * The collector writes through its own connection (same thread, so it never contends with the
 * app's connection) whose short busy timeout bounds how long a lock held by another process can
 * stall the event loop. ':memory:' databases cannot be shared, so they use the app's connection.
 */
function openCollectorDb(deps: AppDeps): Db {
  if (deps.config.dbPath === ':memory:') return deps.db;
  const db = openDb(deps.config.dbPath);
  db.pragma(`busy_timeout = ${COLLECTOR_BUSY_TIMEOUT_MS}`);
  db.pragma('journal_size_limit = 67108864'); // shrink a WAL grown by a burst back to 64 MB
  return db;
}

/**
 * Wires the collector: site cache, user-agent cache, visitor keys, the in-memory session state,
 * the group-commit writer and the checkpointer. Reports its health, announces committed traffic
 * on the bus after the requests are answered, and drains its queue on shutdown.
 */
export function createCollector(deps: AppDeps): Collector {
  const db = openCollectorDb(deps);
  const store = new TrafficStore(db, deps.clock());
  let failing = false;
  // Counters deferred by a batch under load are written by the next batches, or here if none comes.
  let counterTimer: NodeJS.Timeout | null = null;
  const syncCountersLater = () => {
    counterTimer ??= setTimeout(() => {
      counterTimer = null;
      if (!store.hasUnsyncedCounters) return;
      try {
        const synced = store.syncCounters();
        if (synced) announce(deps, synced);
      } catch (err) {
        console.error('[vigie] collector: session counters not written yet', err);
        syncCountersLater(); // the events are safe; the counters are rebuilt from them at worst
      }
    }, COUNTER_SYNC_MS);
  };
  const writer = new GroupCommitWriter(async (hits, idle) => store.commit(hits, idle), {
    committed: (_hits, result) => {
      if (failing) {
        failing = false;
        deps.health.ok('collector');
        console.log('[vigie] collector: writing again');
      }
      const synced = result.synced;
      if (synced) setImmediate(() => announce(deps, synced));
      else if (store.hasUnsyncedCounters) syncCountersLater();
    },
    failed: (err) => {
      const detail = `cannot write: ${err instanceof Error ? err.message : String(err)}`;
      if (!failing) console.error(`[vigie] collector ${detail}; answering 503 until a write succeeds`);
      failing = true;
      deps.health.degraded('collector', detail);
    },
  });
  const checkpointer =
    deps.config.dbPath === ':memory:'
      ? null
      : startCheckpointer(deps.config.dbPath, db === deps.db ? [db] : [db, deps.db], (error) => {
          if (error) deps.health.degraded('checkpointer', error);
          else deps.health.ok('checkpointer');
        });
  deps.health.ok('collector');
  deps.onClose(async () => {
    await writer.flush();
    if (counterTimer) clearTimeout(counterTimer);
    // Listeners have stopped by now: the counters are written, not announced.
    try {
      if (store.hasUnsyncedCounters) store.syncCounters();
    } catch (err) {
      console.error('[vigie] collector: session counters left to the recount at next start', err);
    }
    console.log(`[vigie] collector: ${writer.stats.hits} hits written in ${writer.stats.batches} transactions`);
    await checkpointer?.stop();
    if (db !== deps.db) db.close();
  });
  return {
    sites: new SiteDirectory(deps.db, deps.clock),
    agents: new AgentParser(),
    keys: new VisitorKeys(deps.db),
    writer,
    ipOptions: { isTrusted: trustedProxies(deps.config.trustedProxies), header: deps.config.proxyHeader },
    clock: deps.clock,
    bus: deps.bus,
  };
}

/** One 'traffic-committed' per organisation, once the sessions' events and counters are all committed. */
function announce(deps: AppDeps, synced: Record<string, number[]>): void {
  const at = deps.clock();
  for (const [orgId, sessionIds] of Object.entries(synced)) deps.bus.emit('traffic-committed', { orgId, sessionIds, at });
}
