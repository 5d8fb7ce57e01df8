import type { Db } from '../db/open.js';
import type { LeadActivityView, LeadDetail, LeadNoteView, LeadPageView, LeadTaskView } from '../schemas/lead-inbox.js';
import { getLeadRow, toListItem } from './inbox.js';
import { leadBehaviour } from './temperature.js';

/** Pages shown on a lead page: enough to read a visitor's path, capped for very long histories. */
const MAX_PAGES = 500;

/** The lead page: contact details, company, pages read (before and after the form), history, notes, tasks. */
export function leadDetail(db: Db, orgId: string, id: string): LeadDetail | undefined {
  const r = getLeadRow(db, orgId, id);
  if (!r) return undefined;
  const company = r.company_id
    ? (db.prepare(
        `SELECT c.id, c.name, c.domain, l.category, l.name AS listName FROM companies c JOIN lists l ON l.id = c.list_id WHERE c.org_id = ? AND c.id = ?`,
      ).get(orgId, r.company_id) as LeadDetail['company'] | undefined) ?? null
    : null;
  const pages = (db
    .prepare(
      `SELECT e.session_id AS sessionId, e.ts, e.path, e.title FROM events e JOIN sessions s ON s.id = e.session_id
       WHERE s.org_id = ? AND s.lead_id = ? AND e.org_id = ? AND e.type = 'pageview' ORDER BY e.ts, e.id LIMIT ?`,
    )
    .all(orgId, id, orgId, MAX_PAGES) as Array<Omit<LeadPageView, 'beforeSubmit'>>).map((p) => ({ ...p, beforeSubmit: p.ts <= r.created_at }));
  const activity = (db
    .prepare(
      `SELECT a.at, a.actor, u.name AS actorName, a.kind, a.detail FROM lead_activity a LEFT JOIN users u ON u.id = a.actor_id AND u.org_id = a.org_id
       WHERE a.org_id = ? AND a.lead_id = ? ORDER BY a.at, a.id`,
    )
    .all(orgId, id) as Array<Omit<LeadActivityView, 'detail'> & { detail: string | null }>).map((a) => ({
    ...a,
    detail: a.detail ? (JSON.parse(a.detail) as Record<string, unknown>) : null,
  }));
  const notes = db
    .prepare(
      `SELECT n.id, n.body, u.name AS authorName, n.created_at AS createdAt FROM lead_notes n LEFT JOIN users u ON u.id = n.author_id AND u.org_id = n.org_id
       WHERE n.org_id = ? AND n.lead_id = ? ORDER BY n.created_at DESC`,
    )
    .all(orgId, id) as LeadNoteView[];
  const tasks = db
    .prepare(
      `SELECT t.id, t.title, t.due_at AS dueAt, t.done_at AS doneAt, t.assignee_id AS assigneeId, u.name AS assigneeName
       FROM lead_tasks t LEFT JOIN users u ON u.id = t.assignee_id AND u.org_id = t.org_id WHERE t.org_id = ? AND t.lead_id = ? ORDER BY t.due_at`,
    )
    .all(orgId, id) as LeadTaskView[];
  return {
    ...toListItem(r),
    firstName: r.first_name, lastName: r.last_name, phone: r.phone, phoneValid: r.phone_valid === null ? null : r.phone_valid === 1,
    jobTitle: r.job_title, message: r.message, consent: r.consent === null ? null : r.consent === 1,
    custom: JSON.parse(r.custom) as Record<string, string | boolean>, pageUrl: r.page_url, locale: r.locale,
    qualifiedAt: r.qualified_at, convertedAt: r.converted_at, contactId: r.contact_id,
    company, behaviour: leadBehaviour(db, orgId, id), pages, activity, notes, tasks,
  };
}
