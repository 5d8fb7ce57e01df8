import type { Db } from '../db/open.js';
import { newId } from '../db/ids.js';
import { getCompany } from '../companies/repo.js';
import { notFound } from '../http/errors.js';
import { CONFIDENCE as C } from './confidence.js';
import { ipPrefix, normalizeIp } from './ip.js';
import { prepared } from './stmt.js';
import type { NetworkClass } from './types.js';

/*
 * Learned mappings: "a visitor from this /24 (or /48) gave an e-mail at acme.fr". The leads slice
 * calls `recordLearnedMappingEvidence` after a form fill; the pipeline's second resolver reads
 * them with `findLearnedMapping`; Settings lists and revokes them.
 */

export type LearnedMapping = {
  id: string;
  prefix: string;
  companyId: string;
  company: { name: string; domain: string | null } | null;
  evidenceCount: number;
  firstSeenAt: number;
  lastSeenAt: number;
  confidence: number;
  lastSource: string;
  revoked: boolean;
  revokedAt: number | null;
};

type Row = {
  id: string; prefix: string; company_id: string; evidence_count: number; first_seen_at: number; last_seen_at: number;
  confidence: number; last_source: string; revoked: number; revoked_at: number | null; company_name?: string | null; company_domain?: string | null;
};

const toMapping = (r: Row): LearnedMapping => ({
  id: r.id, prefix: r.prefix, companyId: r.company_id,
  company: r.company_name != null ? { name: r.company_name, domain: r.company_domain ?? null } : null,
  evidenceCount: r.evidence_count, firstSeenAt: r.first_seen_at, lastSeenAt: r.last_seen_at, confidence: r.confidence,
  lastSource: r.last_source, revoked: r.revoked === 1, revokedAt: r.revoked_at,
});

/** Confidence grows with independent evidence: 1 → 0.6, 2 → 0.7, 3 → 0.8, then capped at 0.9. */
export const learnedConfidence = (count: number): number => Math.min(C.learnedMax, C.learnedBase + C.learnedStep * count);

// Prefixes shared by many unrelated people: one form fill from there says nothing about the others.
const SHARED_NETWORKS = new Set<string>(['isp', 'mobile', 'hosting', 'vpn_proxy', 'education', 'government', 'ignored'] satisfies NetworkClass[]);

/**
 * Records one piece of evidence that the visitors of a prefix belong to a company (for the leads
 * slice, after a form fill with a business e-mail). Pass the visitor's `ip` (or the session's
 * `prefix`) and, when known, the session's `networkClass`: evidence from shared networks (ISP,
 * mobile, hosting, VPN…) is refused and returns null. A revoked mapping counts the evidence but
 * stays revoked. Throws 404 when the company is not the organisation's.
 * Example: `recordLearnedMappingEvidence(db, orgId, { ip: '192.0.2.7', companyId, source: 'form_email', now })`.
 */
export function recordLearnedMappingEvidence(
  db: Db,
  orgId: string,
  input: { ip?: string | null; prefix?: string | null; companyId: string; source?: string; networkClass?: string | null; now: number },
): LearnedMapping | null {
  if (input.networkClass && SHARED_NETWORKS.has(input.networkClass)) return null;
  const prefix = toPrefix(input.ip ?? input.prefix ?? '');
  if (!prefix) return null;
  if (!getCompany(db, orgId, input.companyId)) throw notFound('Company not found');
  const source = input.source ?? 'form_email';
  const row = db.transaction(() => {
    const existing = db.prepare('SELECT * FROM learned_mappings WHERE org_id = ? AND prefix = ? AND company_id = ?')
      .get(orgId, prefix, input.companyId) as Row | undefined;
    if (existing) {
      const count = existing.evidence_count + 1;
      db.prepare('UPDATE learned_mappings SET evidence_count = ?, confidence = ?, last_seen_at = max(last_seen_at, ?), last_source = ? WHERE id = ?')
        .run(count, learnedConfidence(count), input.now, source, existing.id);
      return existing.id;
    }
    const id = newId('lrn');
    db.prepare(
      `INSERT INTO learned_mappings (id, org_id, prefix, company_id, evidence_count, first_seen_at, last_seen_at, confidence, last_source)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    ).run(id, orgId, prefix, input.companyId, input.now, input.now, learnedConfidence(1), source);
    return id;
  })();
  return getLearnedMapping(db, orgId, row)!;
}

/**
 * The lookup: the best non-revoked mapping of the IP's prefix (highest confidence, then most
 * recent). Read from SQLite each time (one indexed query): the leads slice also writes this table.
 */
export function findLearnedMapping(db: Db, orgId: string, ip: string): LearnedMapping | null {
  const prefix = toPrefix(ip);
  if (!prefix) return null;
  const row = prepared(db, `${SELECT} WHERE m.org_id = ? AND m.prefix = ? AND m.revoked = 0 ORDER BY m.confidence DESC, m.last_seen_at DESC LIMIT 1`)
    .get(orgId, prefix) as Row | undefined;
  return row ? toMapping(row) : null;
}

export function getLearnedMapping(db: Db, orgId: string, id: string): LearnedMapping | undefined {
  const row = db.prepare(`${SELECT} WHERE m.org_id = ? AND m.id = ?`).get(orgId, id) as Row | undefined;
  return row && toMapping(row);
}

/** Settings listing, most recently seen first. */
export function listLearnedMappings(db: Db, orgId: string, page: { limit: number; offset: number }): { items: LearnedMapping[]; total: number } {
  const rows = db.prepare(`${SELECT} WHERE m.org_id = ? ORDER BY m.last_seen_at DESC, m.id LIMIT ? OFFSET ?`).all(orgId, page.limit, page.offset) as Row[];
  const total = db.prepare('SELECT count(*) FROM learned_mappings WHERE org_id = ?').pluck().get(orgId) as number;
  return { items: rows.map(toMapping), total };
}

/** Revokes (or, with `revoked: false`, restores) a mapping; 404 when it is not the organisation's. */
export function setLearnedMappingRevoked(db: Db, orgId: string, id: string, revoked: boolean, now: number): LearnedMapping {
  const res = db.prepare('UPDATE learned_mappings SET revoked = ?, revoked_at = ? WHERE org_id = ? AND id = ?')
    .run(revoked ? 1 : 0, revoked ? now : null, orgId, id);
  if (res.changes === 0) throw notFound('Learned mapping not found');
  return getLearnedMapping(db, orgId, id)!;
}

const SELECT = `SELECT m.*, c.name AS company_name, c.domain AS company_domain
  FROM learned_mappings m LEFT JOIN companies c ON c.id = m.company_id AND c.org_id = m.org_id`;

function toPrefix(ipOrPrefix: string): string | null {
  const addr = normalizeIp(ipOrPrefix.split('/')[0]!.trim());
  return addr ? ipPrefix(addr) : null;
}
