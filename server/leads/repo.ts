import type { Db } from '../db/open.js';
import type { Quality, QualityReason } from './quality.js';

/** The contact details of a submission, normalised (lower-case e-mail, E.164 phone when valid). */
export type LeadContact = {
  email: string; emailDomain: string; firstName: string | null; lastName: string | null; phone: string | null; phoneValid: boolean | null;
  companyName: string | null; jobTitle: string | null; message: string | null; consent: boolean | null; custom: Record<string, string | boolean>;
};

export type NewLead = LeadContact & {
  id: string; orgId: string; siteId: string; formId: string; quality: Quality; reasons: QualityReason[];
  ipPrefix: string; pageUrl: string | null; locale: string; visitorId: number | null; at: number;
};

export function insertLead(db: Db, l: NewLead): void {
  db.prepare(
    `INSERT INTO leads (id, org_id, site_id, form_id, email, email_domain, first_name, last_name, phone, phone_valid, company_name, job_title,
       message, consent, custom, quality, quality_reasons, visitor_id, ip_prefix, page_url, locale, created_at, last_submitted_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    l.id, l.orgId, l.siteId, l.formId, l.email, l.emailDomain, l.firstName, l.lastName, l.phone, bool(l.phoneValid), l.companyName, l.jobTitle,
    l.message, bool(l.consent), JSON.stringify(l.custom), l.quality, JSON.stringify(l.reasons), l.visitorId, l.ipPrefix, l.pageUrl, l.locale, l.at, l.at, l.at,
  );
}

const bool = (b: boolean | null) => (b === null ? null : b ? 1 : 0);

/** A lead of the same form and e-mail submitted within `windowMs`: the new submission merges into it. */
export function findRecentDuplicate(db: Db, orgId: string, formId: string, email: string, since: number): { id: string; quality: Quality } | undefined {
  return db
    .prepare('SELECT id, quality FROM leads WHERE org_id = ? AND form_id = ? AND email = ? AND last_submitted_at >= ? ORDER BY last_submitted_at DESC LIMIT 1')
    .get(orgId, formId, email, since) as { id: string; quality: Quality } | undefined;
}

/**
 * Merges a repeated submission: counted, newer answers fill or replace the older ones, and the
 * lead keeps the better verdict (a bot replaying a real person's address cannot bury their lead).
 */
export function mergeIntoLead(db: Db, orgId: string, leadId: string, c: LeadContact, v: { quality: Quality; reasons: QualityReason[]; better: boolean }, at: number): void {
  db.prepare(
    `UPDATE leads SET submissions = submissions + 1, last_submitted_at = ?, updated_at = ?,
       first_name = coalesce(?, first_name), last_name = coalesce(?, last_name), phone = coalesce(?, phone),
       phone_valid = CASE WHEN ? IS NULL THEN phone_valid ELSE ? END, company_name = coalesce(?, company_name),
       job_title = coalesce(?, job_title), message = coalesce(?, message), consent = coalesce(?, consent),
       custom = json_patch(custom, ?),
       quality = CASE WHEN ? THEN ? ELSE quality END, quality_reasons = CASE WHEN ? THEN ? ELSE quality_reasons END
     WHERE org_id = ? AND id = ?`,
  ).run(
    at, at, c.firstName, c.lastName, c.phone, c.phone, bool(c.phoneValid), c.companyName, c.jobTitle, c.message, bool(c.consent),
    JSON.stringify(c.custom), v.better ? 1 : 0, v.quality, v.better ? 1 : 0, JSON.stringify(v.reasons), orgId, leadId,
  );
}

export function insertSubmission(db: Db, orgId: string, s: { leadId: string; at: number; quality: Quality; reasons: QualityReason[]; ipPrefix: string; answers: unknown; tokenSig: string | null }): void {
  db.prepare('INSERT INTO lead_submissions (org_id, lead_id, at, quality, reasons, ip_prefix, answers, token_sig) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    orgId, s.leadId, s.at, s.quality, JSON.stringify(s.reasons), s.ipPrefix, JSON.stringify(s.answers), s.tokenSig,
  );
}

/** True when a submission with this render token already brought a lead with another e-mail address. */
export function tokenUsedByAnotherEmail(db: Db, orgId: string, tokenSig: string, email: string): boolean {
  return !!db
    .prepare('SELECT 1 FROM lead_submissions s JOIN leads l ON l.id = s.lead_id WHERE s.org_id = ? AND s.token_sig = ? AND l.email != ? LIMIT 1')
    .get(orgId, tokenSig, email);
}

export type ActivityActor = { type: 'user' | 'visitor' | 'system'; id?: string | null };

/** Appends to a lead's history. */
export function addActivity(db: Db, orgId: string, leadId: string, actor: ActivityActor, kind: string, detail: Record<string, unknown> | null, at: number): void {
  db.prepare('INSERT INTO lead_activity (org_id, lead_id, at, actor, actor_id, kind, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    orgId, leadId, at, actor.type, actor.id ?? null, kind, detail ? JSON.stringify(detail) : null,
  );
}

/** Sets the lead's company, visitor, current session and first touch after identification and stitching. */
export function setLeadLinks(
  db: Db,
  orgId: string,
  leadId: string,
  l: { companyId: string | null; visitorId: number | null; sessionId: number | null; touch: { source: string; medium: string | null; campaign: string | null } | null },
): void {
  db.prepare(
    `UPDATE leads SET company_id = coalesce(?, company_id), visitor_id = coalesce(?, visitor_id), session_id = coalesce(?, session_id),
       source = coalesce(source, ?), medium = coalesce(medium, ?), campaign = coalesce(campaign, ?) WHERE org_id = ? AND id = ?`,
  ).run(l.companyId, l.visitorId, l.sessionId, l.touch?.source ?? null, l.touch?.medium ?? null, l.touch?.campaign ?? null, orgId, leadId);
}
