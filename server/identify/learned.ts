import type { Db } from '../db/open.js';
import { newId } from '../db/ids.js';
import { getCompany } from '../companies/repo.js';
import { notFound } from '../http/errors.js';
import { CONFIDENCE as C } from './confidence.js';
import { ipPrefix, normalizeIp, prefixOf, type IpNum } from './ip.js';
import { cachedLearned, invalidateLearned } from './org-cache.js';
import { prepared } from '../db/prepared.js';
import type { NetworkClass } from './types.js';

/*
 * Learned mappings: "visitors from this /24 (or /48) gave e-mails at acme.fr". This module is the
 * only writer of `learned_mappings` and `learned_evidence`: the leads slice calls
 * `recordLearnedMappingEvidence` after a form fill with its rule's thresholds, the pipeline's
 * second resolver reads them with `findLearnedMapping` (kept in memory per organisation and
 * dropped on every write here), Settings lists and revokes them through /api/identify/learned.
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

export const LEARNED_WINDOW_MS = 90 * 86_400_000;

/**
 * When evidence becomes a mapping: at least `minEvidence` distinct pieces (distinct evidence keys)
 * within `windowMs`. The default maps from the first piece; the leads slice asks for 2 e-mails.
 */
export type LearnedRule = { minEvidence: number; windowMs: number };
export const DEFAULT_LEARNED_RULE: LearnedRule = { minEvidence: 1, windowMs: LEARNED_WINDOW_MS };

// Prefixes shared by many unrelated people (the isp/mobile/hosting/vpn, plus campuses,
// administrations and prefixes the organisation ignores): one person there says nothing about the others.
export const SHARED_NETWORKS = new Set<string>(['isp', 'mobile', 'hosting', 'vpn_proxy', 'education', 'government', 'ignored'] satisfies NetworkClass[]);

export type LearnedEvidence = {
  ip?: string | null; prefix?: string | null; companyId: string;
  /** What was observed; distinct keys count once (the e-mail). Without one, every call counts. */
  evidenceKey?: string | null;
  source?: string; ref?: string | null; networkClass?: string | null; now: number;
};

export type LearnedOutcome = {
  outcome: 'created' | 'updated' | 'revoked' | 'shared-network' | 'not-yet';
  /** Distinct pieces of evidence within the rule's window. */
  evidence: number;
  mapping: LearnedMapping | null;
};

/**
 * Records one piece of evidence that the visitors of a prefix belong to a company, then applies the
 * rule: enough distinct evidence within the window, on a prefix that is not a shared network
 * (`networkClass`, e.g. from `prefixNetworkClass`), makes a mapping; a known mapping is confirmed
 * by any new evidence (its count = all its distinct evidence; fresh again). A revoked mapping counts
 * the evidence but stays revoked. Null for an unusable IP/prefix; 404 when the company is not the
 * organisation's. Call it inside the caller's transaction or alone.
 * Example: `recordLearnedMappingEvidence(db, orgId, { ip: '192.0.2.7', companyId, evidenceKey: email, now }, { minEvidence: 2, windowMs })`.
 */
export function recordLearnedMappingEvidence(db: Db, orgId: string, e: LearnedEvidence, rule: LearnedRule = DEFAULT_LEARNED_RULE): LearnedOutcome | null {
  const prefix = toPrefix(e.ip ?? e.prefix ?? '');
  if (!prefix) return null;
  if (!getCompany(db, orgId, e.companyId)) throw notFound('Company not found');
  const source = e.source ?? 'form_email';
  const result = db.transaction((): LearnedOutcome => {
    const key = e.evidenceKey?.trim().toLowerCase() || null;
    db.prepare('INSERT INTO learned_evidence (org_id, prefix, company_id, evidence_key, source, ref, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(orgId, prefix, e.companyId, key, source, e.ref ?? null, e.now);
    const distinct = (since: number) => db
      .prepare(`SELECT count(DISTINCT coalesce(evidence_key, '#' || id)) FROM learned_evidence
                WHERE org_id = ? AND prefix = ? AND company_id = ? AND at >= ?`)
      .pluck().get(orgId, prefix, e.companyId, since) as number;
    const evidence = distinct(e.now - rule.windowMs);
    if (e.networkClass && SHARED_NETWORKS.has(e.networkClass)) return { outcome: 'shared-network', evidence, mapping: null };
    const existing = db.prepare('SELECT id, revoked FROM learned_mappings WHERE org_id = ? AND prefix = ? AND company_id = ?')
      .get(orgId, prefix, e.companyId) as { id: string; revoked: number } | undefined;
    if (existing) {
      const all = distinct(-Infinity);
      db.prepare('UPDATE learned_mappings SET evidence_count = ?, confidence = ?, last_seen_at = max(last_seen_at, ?), last_source = ? WHERE org_id = ? AND id = ?')
        .run(all, learnedConfidence(all), e.now, source, orgId, existing.id);
      return { outcome: existing.revoked ? 'revoked' : 'updated', evidence, mapping: getLearnedMapping(db, orgId, existing.id)! };
    }
    if (evidence < rule.minEvidence) return { outcome: 'not-yet', evidence, mapping: null };
    const id = newId('lrn');
    db.prepare(
      `INSERT INTO learned_mappings (id, org_id, prefix, company_id, evidence_count, first_seen_at, last_seen_at, confidence, last_source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, orgId, prefix, e.companyId, evidence, e.now, e.now, learnedConfidence(evidence), source);
    return { outcome: 'created', evidence, mapping: getLearnedMapping(db, orgId, id)! };
  })();
  if (result.mapping) invalidateLearned(db, orgId);
  return result;
}

/**
 * The lookup: the best non-revoked mapping of the IP's prefix (highest confidence, then most
 * recent), from the organisation's mappings held in memory (reloaded after any write here). The
 * IP is text or already parsed (`toIpNum`).
 */
export function findLearnedMapping(db: Db, orgId: string, ip: string | IpNum): LearnedMapping | null {
  const best = cachedLearned(db, orgId, () => loadBest(db, orgId));
  if (best.size === 0) return null; // most organisations have none: no prefix text to build
  const prefix = typeof ip === 'string' ? toPrefix(ip) : prefixOf(ip);
  return prefix ? best.get(prefix) ?? null : null;
}

function loadBest(db: Db, orgId: string): Map<string, LearnedMapping> {
  const rows = prepared(db, `${SELECT} WHERE m.org_id = ? AND m.revoked = 0 ORDER BY m.confidence DESC, m.last_seen_at DESC`).all(orgId) as Row[];
  const best = new Map<string, LearnedMapping>();
  for (const r of rows) if (!best.has(r.prefix)) best.set(r.prefix, toMapping(r));
  return best;
}

export function getLearnedMapping(db: Db, orgId: string, id: string): LearnedMapping | undefined {
  const row = db.prepare(`${SELECT} WHERE m.org_id = ? AND m.id = ?`).get(orgId, id) as Row | undefined;
  return row && toMapping(row);
}

/** Revokes (or, with `revoked: false`, restores) a mapping; 404 when it is not the organisation's. */
export function setLearnedMappingRevoked(db: Db, orgId: string, id: string, revoked: boolean, now: number): LearnedMapping {
  const res = db.prepare('UPDATE learned_mappings SET revoked = ?, revoked_at = ? WHERE org_id = ? AND id = ?')
    .run(revoked ? 1 : 0, revoked ? now : null, orgId, id);
  if (res.changes === 0) throw notFound('Learned mapping not found');
  invalidateLearned(db, orgId);
  return getLearnedMapping(db, orgId, id)!;
}

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

export const SELECT = `SELECT m.*, c.name AS company_name, c.domain AS company_domain
  FROM learned_mappings m LEFT JOIN companies c ON c.id = m.company_id AND c.org_id = m.org_id`;

export type { Row as LearnedRow };
export { toMapping };

function toPrefix(ipOrPrefix: string): string | null {
  const addr = normalizeIp(ipOrPrefix.split('/')[0]!.trim());
  return addr ? ipPrefix(addr) : null;
}
