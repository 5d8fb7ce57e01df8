import type { Db } from '../db/open.js';
import { newId } from '../db/ids.js';
import { AppError, notFound } from '../http/errors.js';
import { moveCompanies } from '../segments/moves.js';
import type { ContactView } from '../schemas/lead-inbox.js';
import { addActivity } from './repo.js';
import type { Actor } from './lifecycle.js';

/** Where converted customers go when the user asks to mark their company as a customer. */
export const CUSTOMER_LIST = 'client-default';

/**
 * Converts a lead: creates a separate contact linked to the lead (and its company), stamps the
 * conversion date used by the reports and, if asked, moves the company to `client-default` as a
 * user's move (allowed even from a locked list, and written to the audit trail).
 */
export function convertLead(db: Db, orgId: string, leadId: string, opts: { markCustomer: boolean }, actor: Actor, now: number): { contactId: string; movedCompany: boolean } {
  return db.transaction(() => {
    const l = db
      .prepare('SELECT status, email, first_name, last_name, phone, job_title, company_id FROM leads WHERE org_id = ? AND id = ?')
      .get(orgId, leadId) as { status: string; email: string; first_name: string | null; last_name: string | null; phone: string | null; job_title: string | null; company_id: string | null } | undefined;
    if (!l) throw notFound('Lead not found');
    if (l.status === 'converted') throw new AppError('conflict', 409, 'status: this lead is already converted', 'status');
    if (l.status === 'refused') throw new AppError('conflict', 409, 'status: reopen a refused lead before converting it', 'status');
    const contactId = newId('ct');
    db.prepare(
      `INSERT INTO contacts (id, org_id, company_id, lead_id, first_name, last_name, email, phone, job_title, converted_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(contactId, orgId, l.company_id, leadId, l.first_name, l.last_name, l.email, l.phone, l.job_title, now, now);
    db.prepare(
      `UPDATE leads SET status = 'converted', contact_id = ?, converted_at = ?, qualified_at = coalesce(qualified_at, ?), updated_at = ? WHERE org_id = ? AND id = ?`,
    ).run(contactId, now, now, now, orgId, leadId);
    let movedCompany = false;
    if (opts.markCustomer && l.company_id) {
      const list = db.prepare('SELECT id FROM lists WHERE org_id = ? AND name = ?').pluck().get(orgId, CUSTOMER_LIST) as string | undefined;
      if (list) {
        const r = moveCompanies(db, orgId, [l.company_id], list, { type: 'user', id: actor.userId, reason: `lead ${leadId} converted` }, { now });
        movedCompany = r.moved === 1;
      }
    }
    addActivity(db, orgId, leadId, { type: 'user', id: actor.userId }, 'converted', { from: l.status, contactId, markCustomer: opts.markCustomer, movedCompany }, now);
    return { contactId, movedCompany };
  })();
}

export function listContacts(db: Db, orgId: string, companyId: string | null): ContactView[] {
  return db
    .prepare(
      `SELECT id, lead_id AS leadId, company_id AS companyId, first_name AS firstName, last_name AS lastName, email, phone, job_title AS jobTitle,
         converted_at AS convertedAt FROM contacts WHERE org_id = ? AND (? IS NULL OR company_id = ?) ORDER BY converted_at DESC LIMIT 500`,
    )
    .all(orgId, companyId, companyId) as ContactView[];
}
