import type { AppDeps } from '../deps.js';
import { applyVisitorLead } from './stitch.js';
import { refreshTemperature } from './temperature.js';
import { decayLearnedMappings } from './learned.js';

const DECAY_EVERY_MS = 6 * 3_600_000;

/**
 * Keeps later visits of a lead's visitor attributed to the lead and its company (the business
 * e-mail outranks an IP guess, so it is applied again after identification), and the lead's
 * temperature current as new traffic commits; fades learned mappings left without evidence.
 */
export function listenForVisits(deps: AppDeps): void {
  const reapply = (orgId: string, sessionIds: number[], at: number) => {
    for (const c of applyVisitorLead(deps.db, orgId, sessionIds)) {
      deps.bus.emit('session-identified', { orgId, sessionId: c.sessionId, companyId: c.companyId, at });
    }
  };
  const offs = [
    deps.bus.on('session-started', (e) => reapply(e.orgId, [e.sessionId], e.at)),
    deps.bus.on('session-identified', (e) => {
      // Our own announcements come back here; only an identification that disagrees is corrected.
      const lead = deps.db.prepare(
        'SELECT l.company_id FROM sessions s JOIN leads l ON l.id = s.lead_id WHERE s.org_id = ? AND s.id = ?',
      ).pluck().get(e.orgId, e.sessionId) as string | null | undefined;
      if (lead && lead !== e.companyId) reapply(e.orgId, [e.sessionId], e.at);
    }),
    deps.bus.on('traffic-committed', (e) => {
      if (e.sessionIds.length === 0) return;
      const ids = e.sessionIds.slice(0, 5000);
      const leads = deps.db
        .prepare(`SELECT DISTINCT lead_id FROM sessions WHERE org_id = ? AND lead_id IS NOT NULL AND id IN (${ids.map(() => '?').join(',')})`)
        .pluck()
        .all(e.orgId, ...ids) as string[];
      for (const leadId of leads) refreshTemperature(deps.db, e.orgId, leadId, e.at);
    }),
  ];
  // Learned mappings nobody confirms any more fade (a maintenance pass, organisation by organisation).
  const decay = () => {
    try {
      const orgs = deps.db.prepare('SELECT DISTINCT org_id FROM learned_mappings WHERE revoked = 0').pluck().all() as string[];
      for (const orgId of orgs) decayLearnedMappings(deps.db, orgId, deps.clock());
    } catch (err) {
      console.error('[vigie] learned mappings decay failed', err);
    }
  };
  const first = setTimeout(decay, 60_000);
  const timer = setInterval(decay, DECAY_EVERY_MS);
  first.unref();
  timer.unref();
  deps.onClose(() => {
    offs.forEach((off) => off());
    clearTimeout(first);
    clearInterval(timer);
  });
}
