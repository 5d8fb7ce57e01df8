import type { Db } from '../db/open.js';
import { newId } from '../db/ids.js';
import { learnedConfidence } from '../identify/learned.js';

/** Distinct business e-mails of one company from one prefix needed before the prefix maps to it. */
export const LEARNED_MIN_EMAILS = 2;
export const LEARNED_WINDOW_MS = 90 * 86_400_000;
/**
 * Shared networks: many unrelated people behind one prefix, so a prefix there names nobody. The
 * issue's list (isp, mobile, hosting, vpn) plus what identification also refuses (campuses,
 * administrations, prefixes the organisation ignores).
 */
export const SHARED_NETWORK_CLASSES = new Set(['isp', 'mobile', 'hosting', 'vpn_proxy', 'education', 'government', 'ignored']);

/**
 * The class identification gave this prefix's latest visit, if any (`isp`, `hosting`, …);
 * null when its visits were attributed to a company or not classified yet.
 */
export function prefixNetworkClass(db: Db, orgId: string, prefix: string): string | null {
  return (db
    .prepare('SELECT network_class FROM sessions WHERE org_id = ? AND ip_prefix = ? AND network_class IS NOT NULL ORDER BY started_at DESC LIMIT 1')
    .pluck()
    .get(orgId, prefix) as string | undefined) ?? null;
}

/**
 * Unused mappings fade: once the last evidence is older than the 90-day window, the confidence
 * halves every further 90 days (2 e-mails: 0.7 → 0.35 after 180 days without a new one).
 */
export function decayedConfidence(evidence: number, lastSeenAt: number, now: number): number {
  const idle = Math.max(0, now - lastSeenAt - LEARNED_WINDOW_MS);
  return Math.round(learnedConfidence(evidence) * 0.5 ** (idle / LEARNED_WINDOW_MS) * 1000) / 1000;
}

/** Applies the fading to the organisation's mappings not confirmed for 90 days; returns how many changed. */
export function decayLearnedMappings(db: Db, orgId: string, now: number): number {
  const rows = db
    .prepare('SELECT id, evidence_count, last_seen_at, confidence FROM learned_mappings WHERE org_id = ? AND revoked = 0 AND last_seen_at < ?')
    .all(orgId, now - LEARNED_WINDOW_MS) as Array<{ id: string; evidence_count: number; last_seen_at: number; confidence: number }>;
  const update = db.prepare('UPDATE learned_mappings SET confidence = ? WHERE org_id = ? AND id = ?');
  let changed = 0;
  db.transaction(() => {
    for (const r of rows) {
      const c = decayedConfidence(r.evidence_count, r.last_seen_at, now);
      if (c !== r.confidence) changed += update.run(c, orgId, r.id).changes;
    }
  })();
  return changed;
}

export type LearnedOutcome = { emails: number; mapping: 'created' | 'updated' | 'revoked' | 'shared-network' | 'not-yet' };

/**
 * Records that a business e-mail of `companyId` submitted a form from `prefix`, then applies the
 * rule: at least LEARNED_MIN_EMAILS distinct e-mails within 90 days, and a prefix that is not a
 * shared network, make a learned mapping prefix → company in identification's `learned_mappings`;
 * any later e-mail strengthens and refreshes it (evidence count = its distinct e-mails). A revoked mapping stays revoked: evidence is counted, never re-enables it.
 * Written here rather than through identification's recordLearnedMappingEvidence, which maps a
 * prefix from its first piece of evidence: this rule needs N distinct e-mails first, and stores
 * that number as the mapping's evidence count (confidence on identification's scale).
 */
export function recordPrefixEvidence(
  db: Db,
  orgId: string,
  e: { companyId: string; prefix: string; email: string; leadId: string; networkClass: string | null },
  now: number,
): LearnedOutcome {
  db.prepare('INSERT INTO lead_prefix_evidence (org_id, company_id, ip_prefix, email, lead_id, at) VALUES (?, ?, ?, ?, ?, ?)').run(
    orgId, e.companyId, e.prefix, e.email.toLowerCase(), e.leadId, now,
  );
  const distinct = (since: number) => db
    .prepare('SELECT count(DISTINCT email) FROM lead_prefix_evidence WHERE org_id = ? AND ip_prefix = ? AND company_id = ? AND at >= ?')
    .pluck()
    .get(orgId, e.prefix, e.companyId, since) as number;
  const emails = distinct(now - LEARNED_WINDOW_MS);
  if (e.networkClass && SHARED_NETWORK_CLASSES.has(e.networkClass)) return { emails, mapping: 'shared-network' };
  const existing = db
    .prepare('SELECT id, revoked FROM learned_mappings WHERE org_id = ? AND prefix = ? AND company_id = ?')
    .get(orgId, e.prefix, e.companyId) as { id: string; revoked: number } | undefined;
  if (existing) {
    // A known mapping is confirmed by any new e-mail: all its distinct e-mails count, and it is fresh again.
    const all = distinct(0);
    db.prepare('UPDATE learned_mappings SET evidence_count = ?, last_seen_at = ?, confidence = ?, last_source = ? WHERE org_id = ? AND id = ?').run(
      all, now, learnedConfidence(all), 'form_email', orgId, existing.id,
    );
    return { emails, mapping: existing.revoked ? 'revoked' : 'updated' };
  }
  if (emails < LEARNED_MIN_EMAILS) return { emails, mapping: 'not-yet' };
  db.prepare(
    `INSERT INTO learned_mappings (id, org_id, prefix, company_id, evidence_count, first_seen_at, last_seen_at, confidence, last_source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'form_email')`,
  ).run(newId('lrn'), orgId, e.prefix, e.companyId, emails, now, now, learnedConfidence(emails));
  return { emails, mapping: 'created' };
}

export type LearnedMappingView = {
  id: string; prefix: string; companyId: string; companyName: string; evidenceCount: number; confidence: number;
  firstSeenAt: number; lastSeenAt: number; revoked: boolean; emails: string[];
};

/** The organisation's learned mappings with the e-mails behind them (for Settings). */
export function listLearnedMappings(db: Db, orgId: string): LearnedMappingView[] {
  const rows = db
    .prepare(
      `SELECT m.id, m.prefix, m.company_id, c.name, m.evidence_count, m.confidence, m.first_seen_at, m.last_seen_at, m.revoked
       FROM learned_mappings m JOIN companies c ON c.id = m.company_id WHERE m.org_id = ? ORDER BY m.last_seen_at DESC`,
    )
    .all(orgId) as Array<{ id: string; prefix: string; company_id: string; name: string; evidence_count: number; confidence: number; first_seen_at: number; last_seen_at: number; revoked: number }>;
  const emails = db.prepare('SELECT DISTINCT email FROM lead_prefix_evidence WHERE org_id = ? AND ip_prefix = ? AND company_id = ? ORDER BY email');
  return rows.map((r) => ({
    id: r.id, prefix: r.prefix, companyId: r.company_id, companyName: r.name, evidenceCount: r.evidence_count, confidence: r.confidence,
    firstSeenAt: r.first_seen_at, lastSeenAt: r.last_seen_at, revoked: r.revoked === 1,
    emails: emails.pluck().all(orgId, r.prefix, r.company_id) as string[],
  }));
}

/** Revokes a mapping (identification stops using it); false when not this organisation's. */
export function revokeLearnedMapping(db: Db, orgId: string, id: string, now: number): boolean {
  return db.prepare('UPDATE learned_mappings SET revoked = 1, revoked_at = ? WHERE org_id = ? AND id = ?').run(now, orgId, id).changes === 1;
}
