import type { AppDeps } from '../deps.js';
import { applyVisitorLead } from './stitch.js';
import { refreshTemperature } from './temperature.js';

/** Temperatures follow traffic within this delay; sessions committed meanwhile are looked at once. */
const TEMPERATURE_DELAY_MS = 250;
/**
 * New sessions of a lead's visitor get the lead within this delay. Under load one event-loop turn
 * holds a handful of new sessions per organisation; 50 ms gathers a few hundred per query.
 */
const STARTED_DELAY_MS = 50;

/**
 * Session ids gathered per organisation and handed over together, `after` ms later. The collector
 * commits in batches of a hundred hits and more, and announces them organisation by organisation:
 * one query per gathering instead of one per event.
 */
function gatherSessions(after: number, handle: (orgId: string, sessionIds: number[], at: number) => void) {
  let pending = new Map<string, { ids: Set<number>; at: number }>();
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    const batch = pending;
    pending = new Map();
    for (const [orgId, p] of batch) handle(orgId, [...p.ids], p.at);
  };
  return {
    add(orgId: string, sessionIds: readonly number[], at: number) {
      let p = pending.get(orgId);
      if (!p) pending.set(orgId, (p = { ids: new Set(), at }));
      for (const id of sessionIds) p.ids.add(id);
      if (at > p.at) p.at = at;
      timer ??= setTimeout(flush, after);
    },
    /** Shutdown: hand over what is pending now, then stay quiet. */
    close() {
      if (timer === null) return;
      clearTimeout(timer);
      flush();
    },
  };
}

/**
 * Keeps later visits of a lead's visitor attributed to the lead and its company (the business
 * e-mail outranks an IP guess, so it is applied again after identification), and the lead's
 * temperature current as new traffic commits.
 * These listeners run on the collector's thread, so they gather sessions and query once per
 * gathering, through statements prepared once.
 */
export function listenForVisits(deps: AppDeps): void {
  const { db } = deps;
  const companyOfSessionLead = db
    .prepare('SELECT l.company_id FROM sessions s JOIN leads l ON l.id = s.lead_id WHERE s.org_id = ? AND s.id = ?')
    .pluck();
  // `+org_id`: without it SQLite walks the organisation's sessions through sessions_org_time
  // instead of looking the ids up by primary key (a cost that grows with the table).
  const leadsOfSessions = db
    .prepare(`SELECT DISTINCT lead_id FROM sessions WHERE +org_id = ? AND id IN (SELECT value FROM json_each(?)) AND lead_id IS NOT NULL`)
    .pluck();
  const reapply = (orgId: string, sessionIds: number[], at: number) => {
    for (const c of applyVisitorLead(db, orgId, sessionIds)) {
      deps.bus.emit('session-identified', { orgId, sessionId: c.sessionId, companyId: c.companyId, at });
    }
  };
  const guard = (what: string, fn: (orgId: string, ids: number[], at: number) => void) => (orgId: string, ids: number[], at: number) => {
    try {
      fn(orgId, ids, at);
    } catch (err) {
      console.error(`[vigie] leads: ${what} failed`, err);
    }
  };
  const started = gatherSessions(STARTED_DELAY_MS, guard('attributing new sessions', reapply));
  const committed = gatherSessions(
    TEMPERATURE_DELAY_MS,
    guard('refreshing temperatures', (orgId, ids, at) => {
      for (let i = 0; i < ids.length; i += 5_000) {
        const leads = leadsOfSessions.all(orgId, JSON.stringify(ids.slice(i, i + 5_000))) as string[];
        for (const leadId of leads) refreshTemperature(db, orgId, leadId, at);
      }
    }),
  );
  const offs = [
    deps.bus.on('session-started', (e) => started.add(e.orgId, [e.sessionId], e.at)),
    deps.bus.on('session-identified', (e) => {
      // Our own announcements come back here; only an identification that disagrees is corrected.
      const lead = companyOfSessionLead.get(e.orgId, e.sessionId) as string | null | undefined;
      if (lead && lead !== e.companyId) reapply(e.orgId, [e.sessionId], e.at);
    }),
    deps.bus.on('traffic-committed', (e) => {
      if (e.sessionIds.length > 0) committed.add(e.orgId, e.sessionIds, e.at);
    }),
  ];
  deps.onClose(() => {
    offs.forEach((off) => off());
    started.close();
    committed.close();
  });
}
