import type { AppDeps } from '../deps.js';
import type { BusEvents } from '../bus.js';
import { openDb, type Db } from '../db/open.js';
import { AppError } from '../http/errors.js';
import { trustedProxies, type ClientIpOptions } from '../http/client-ip.js';
import { AgentParser } from './agent.js';
import { startCheckpointer } from './checkpointer.js';
import { SiteDirectory } from './sites.js';
import type { BatchResult, Hit } from './hit.js';
import { hitLogStatements } from './hit-log.js';
import { Intake, MAX_EXPANSION_LAG_MS } from './intake.js';
import { VisitOrigins } from './origins.js';
import { COUNTER_SYNC_MS, TrafficStore } from './store.js';
import { VisitorKeys } from './visitor-key.js';
import { GroupCommitWriter } from './writer.js';

/** How long a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 5;
/** How long a collector commit waits for a lock held by another process before giving up (503). */
export const COLLECTOR_BUSY_TIMEOUT_MS = 250;
const INTAKE_REPORT_MS = 1_000;
/** At shutdown, the intake log is expanded for at most this long; the rest waits for the next start. */
export const SHUTDOWN_EXPAND_BUDGET_MS = 4_000;

/** The collector's long-lived parts, created once per app by `createCollector`. */
export type Collector = {
  sites: SiteDirectory;
  agents: AgentParser;
  keys: VisitorKeys;
  writer: GroupCommitWriter;
  /** IP and user agent of visitors whose hits are on their way to the tables (for identification). */
  origins: VisitOrigins;
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
  const origins = new VisitOrigins();
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
  const stored = (hits: readonly Hit[], result: BatchResult) => {
    announceStartedSessions(deps, origins, hits, result);
    const synced = result.synced;
    if (synced) setImmediate(() => announce(deps, synced));
    else if (store.hasUnsyncedCounters) syncCountersLater();
  };
  const intake = new Intake(store, hitLogStatements(db), {
    stored,
    expandFailed: (err, first) => {
      if (first) console.error('[vigie] collector: cannot expand the intake log; its hits wait in it and expansion is retried', err);
      reportIntakeLog(deps, intake);
    },
    holdBack: () => deps.bus.isBacklogged('session-started'),
  }, deps.config.intakeLogAbove);
  deps.bus.reportIntakeBusy(() => intake.busy);
  // Hits acknowledged before a crash, still in the log: into their tables before serving.
  const left = intake.pending.hits;
  if (left) {
    try {
      intake.drain();
      if (store.hasUnsyncedCounters) store.syncCounters(); // sessions exact before the first request, as after a clean stop
      console.log(`[vigie] collector: ${left} acknowledged hits recovered from the intake log`);
    } catch (err) {
      console.error('[vigie] collector: cannot expand the intake log yet; its hits wait in it and expansion is retried', err);
      intake.kick();
    }
  }
  const reportIntake = setInterval(() => reportIntakeLog(deps, intake), INTAKE_REPORT_MS).unref();
  reportIntakeLog(deps, intake);
  let failing = false;
  const writer = new GroupCommitWriter(async (hits, idle) => intake.commit(hits, idle), {
    committed: () => {
      if (!failing) return;
      failing = false;
      deps.health.ok('collector');
      console.log('[vigie] collector: writing again');
    },
    failed: (err) => {
      const detail = `cannot write (answering 503 until a write succeeds): ${err instanceof Error ? err.message : String(err)}`;
      if (!failing) console.error(`[vigie] collector ${detail}`);
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
    clearInterval(reportIntake);
    await writer.flush();
    try {
      const waiting = await intake.drainPaced(SHUTDOWN_EXPAND_BUDGET_MS);
      if (waiting) console.log(`[vigie] collector: ${waiting} hits left in the intake log for the next start`);
    } catch (err) {
      intake.cancel();
      console.error('[vigie] collector: intake log left for the next start', err);
    }
    if (counterTimer) clearTimeout(counterTimer);
    // Listeners have stopped by now: the counters are written, not announced.
    try {
      if (store.hasUnsyncedCounters) store.syncCounters();
    } catch (err) {
      console.error('[vigie] collector: session counters left to the recount at next start', err);
    }
    const { direct, logged, slices } = intake.stats;
    console.log(
      `[vigie] collector: ${writer.stats.hits} hits written in ${writer.stats.batches} transactions (${direct} straight to their tables, ${logged} through the intake log, expanded in ${slices} slices)`,
    );
    await checkpointer?.stop();
    if (db !== deps.db) db.close();
  });
  return {
    sites: new SiteDirectory(deps.db, deps.clock),
    agents: new AgentParser(),
    keys: new VisitorKeys(deps.db),
    writer,
    origins,
    ipOptions: { isTrusted: trustedProxies(deps.config.trustedProxies), header: deps.config.proxyHeader },
    clock: deps.clock,
    bus: deps.bus,
  };
}

/** `session-started` for each hit that opened a session, with its IP when this process still holds it. */
function announceStartedSessions(deps: AppDeps, origins: VisitOrigins, hits: readonly Hit[], result: BatchResult): void {
  const started: Array<BusEvents['session-started'][0]> = [];
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i]!;
    if (hit.kind !== 'traffic') continue;
    const origin = origins.release(hit);
    const visitorId = result.startedVisitorIds[i];
    if (!visitorId || !origin) continue;
    started.push({ orgId: hit.orgId, siteId: hit.siteId, sessionId: result.sessionIds[i]!, visitorId, ip: origin.ip, userAgent: origin.userAgent, at: hit.ts });
  }
  // After the batch's requests are answered: identification listens and works asynchronously.
  if (started.length) setImmediate(() => started.forEach((ev) => deps.bus.emit('session-started', ev)));
}

/** `/health` says how far the events are behind the acknowledgements; degraded past the lag bound. */
function reportIntakeLog(deps: AppDeps, intake: Intake): void {
  const { hits, lagMs } = intake.pending;
  if (hits === 0) return deps.health.ok('intake-log');
  const detail = `${hits} acknowledged hits waiting to become events, the oldest for ${Math.round(lagMs / 1000)} s`;
  if (intake.lastError) deps.health.degraded('intake-log', `${detail}; cannot expand them: ${intake.lastError}`);
  else if (lagMs > MAX_EXPANSION_LAG_MS) deps.health.degraded('intake-log', `${detail}: the dashboard is behind`);
  else deps.health.ok('intake-log', detail);
}

/** One 'traffic-committed' per organisation, once the sessions' events and counters are all committed. */
function announce(deps: AppDeps, synced: Record<string, number[]>): void {
  const at = deps.clock();
  for (const [orgId, sessionIds] of Object.entries(synced)) deps.bus.emit('traffic-committed', { orgId, sessionIds, at });
}
