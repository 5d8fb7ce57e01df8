import type { Db } from '../db/open.js';
import type { Bus, BusEvents } from '../bus.js';
import { findCompany, getCompany, recordCompanyEvidence } from '../companies/repo.js';
import { prepared } from '../db/prepared.js';
import type { Identification } from './types.js';

export type SessionStarted = BusEvents['session-started'][0];

/** Events to announce once the write-back transaction has committed. */
export type Announcement =
  | { event: 'session-identified'; payload: BusEvents['session-identified'][0] }
  | { event: 'company-changed'; payload: BusEvents['company-changed'][0] };

/**
 * Writes a batch of identifications in one transaction (one WAL commit for many sessions, so a
 * burst of new sessions costs the event loop little), then announces them.
 */
export function applyBatch(db: Db, bus: Bus, batch: ReadonlyArray<[SessionStarted, Identification]>): void {
  const applyOne = applyInSavepoint(db);
  const announcements = db.transaction(() =>
    batch.flatMap(([ev, r]) => {
      // Each session in its own savepoint: one failing write-back does not lose the others. A
      // network class alone is one UPDATE, atomic by itself: no savepoint (most sessions are these).
      try {
        return isCompany(r) ? applyOne(ev, r) : applyIdentification(db, ev, r);
      } catch (err) {
        console.error(`[vigie] identification write-back failed for session ${ev.sessionId}`, err);
        return [];
      }
    }),
  )();
  for (const a of announcements) {
    if (a.event === 'session-identified') bus.emit('session-identified', a.payload);
    else bus.emit('company-changed', a.payload);
  }
}

/** True when the identification names a company (several writes), false for a network class (one). */
function isCompany(r: Identification): r is Identification & { company: NonNullable<Identification['company']> } {
  return r.class === 'company' && !!r.company && r.evidence.length > 0;
}

/**
 * `applyIdentification` in a transaction (a savepoint inside `applyBatch`'s), built once per
 * connection: better-sqlite3 builds a transaction wrapper at a cost worth saving for every session.
 */
const savepointed = new WeakMap<Db, (ev: SessionStarted, r: Identification) => Announcement[]>();
function applyInSavepoint(db: Db): (ev: SessionStarted, r: Identification) => Announcement[] {
  let fn = savepointed.get(db);
  if (!fn) {
    fn = db.transaction((ev: SessionStarted, r: Identification) => applyIdentification(db, ev, r));
    savepointed.set(db, fn);
  }
  return fn;
}

/**
 * Writes one identification back: the session's company (or network class) and country, the
 * visitor's company, the company's evidence (a new company lands where `placementForNewCompany`
 * puts it, `prospect-default` by default). A company already set on the session or visitor (by a
 * lead form, say) is kept. Returns `session-identified`, and `company-changed` when the company was
 * created or its best evidence changed, for the caller to announce after commit.
 */
export function applyIdentification(db: Db, ev: SessionStarted, r: Identification): Announcement[] {
  const winner = r.evidence[0];
  if (!isCompany(r) || !winner) {
    prepared(db,
      `UPDATE sessions SET network_class = ?, country = coalesce(?, country), ident_source = ?, ident_confidence = ?
       WHERE org_id = ? AND id = ? AND company_id IS NULL`,
    ).run(r.class, r.country, r.source, r.confidence, ev.orgId, ev.sessionId);
    return [];
  }
  const candidate = { ...r.company };
  const result = db.transaction(() => {
    const before = candidate.id ? getCompany(db, ev.orgId, candidate.id) : findCompany(db, ev.orgId, candidate);
    const { company, created } = recordCompanyEvidence(
      db,
      ev.orgId,
      candidate,
      { source: winner.source, matchedValue: winner.matched, confidence: r.confidence, detail: winner.detail, sessionId: ev.sessionId },
      ev.at,
    );
    prepared(db,
      `UPDATE sessions SET company_id = coalesce(company_id, ?), network_class = NULL, country = coalesce(?, country),
         ident_source = ?, ident_confidence = ? WHERE org_id = ? AND id = ?`,
    ).run(company.id, r.country, r.source, r.confidence, ev.orgId, ev.sessionId);
    prepared(db, 'UPDATE visitors SET company_id = coalesce(company_id, ?) WHERE org_id = ? AND id = ?').run(company.id, ev.orgId, ev.visitorId);
    const changed = created || !before || before.bestSource !== company.bestSource || before.bestConfidence !== company.bestConfidence
      || before.domain !== company.domain || before.country !== company.country;
    return { companyId: company.id, created, changed };
  })();
  const out: Announcement[] = [{ event: 'session-identified', payload: { orgId: ev.orgId, sessionId: ev.sessionId, companyId: result.companyId, at: ev.at } }];
  if (result.changed) out.push({ event: 'company-changed', payload: { orgId: ev.orgId, companyId: result.companyId, at: ev.at } });
  return out;
}
