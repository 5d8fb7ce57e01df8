import type { Db } from '../db/open.js';
import type { LeadFilter, LeadListItem, LeadListReply, QualityReasonView } from '../schemas/lead-inbox.js';

const DAY = 86_400_000;

export type LeadRow = {
  id: string; org_id: string; form_id: string; form_name: string; email: string; first_name: string | null; last_name: string | null;
  phone: string | null; phone_valid: number | null; company_name: string | null; job_title: string | null; message: string | null;
  consent: number | null; custom: string; quality: 'valid' | 'suspect' | 'spam'; quality_reasons: string; restored_at: number | null;
  status: LeadListItem['status']; refused_reason: LeadListItem['refusedReason']; owner_id: string | null; owner_name: string | null;
  temperature: LeadListItem['temperature']; temperature_manual: number; company_id: string | null; co_name: string | null; co_domain: string | null;
  contact_id: string | null; visitor_id: number | null; session_id: number | null; page_url: string | null; locale: string | null;
  source: string | null; medium: string | null; campaign: string | null; submissions: number; created_at: number; last_submitted_at: number;
  qualified_at: number | null; converted_at: number | null; open_tasks: number;
};

export const LEAD_SELECT = `
  SELECT l.*, f.name AS form_name, u.name AS owner_name, c.name AS co_name, c.domain AS co_domain,
    (SELECT count(*) FROM lead_tasks t WHERE t.lead_id = l.id AND t.done_at IS NULL) AS open_tasks
  FROM leads l
  JOIN lead_forms f ON f.id = l.form_id
  LEFT JOIN users u ON u.id = l.owner_id AND u.org_id = l.org_id
  LEFT JOIN companies c ON c.id = l.company_id AND c.org_id = l.org_id`;

export function toListItem(r: LeadRow): LeadListItem {
  const name = [r.first_name, r.last_name].filter(Boolean).join(' ');
  return {
    id: r.id, createdAt: r.created_at, lastSubmittedAt: r.last_submitted_at, submissions: r.submissions,
    name: name || r.email, email: r.email, companyName: r.co_name ?? r.company_name, companyId: r.company_id, companyDomain: r.co_domain,
    formId: r.form_id, formName: r.form_name, status: r.status, refusedReason: r.refused_reason, quality: r.quality,
    reasons: JSON.parse(r.quality_reasons) as QualityReasonView[], restored: r.restored_at !== null,
    temperature: r.temperature, temperatureManual: r.temperature_manual === 1, ownerId: r.owner_id, ownerName: r.owner_name,
    source: r.source, medium: r.medium, campaign: r.campaign, openTasks: r.open_tasks,
  };
}

/**
 * The inbox: newest first, filtered. Spam stays out unless asked for (`quality: 'spam'` or `'all'`);
 * `to` is an inclusive day. `spamHidden` counts the leads the other filters match that were left
 * out as spam (0 when spam is asked for), so an empty inbox can say why it is empty.
 */
export function listLeads(db: Db, orgId: string, f: LeadFilter): LeadListReply {
  const where = ['l.org_id = ?'];
  const args: unknown[] = [orgId];
  const add = (sql: string, ...v: unknown[]) => {
    where.push(sql);
    args.push(...v);
  };
  if (f.status) add('l.status = ?', f.status);
  if (f.temperature) add('l.temperature = ?', f.temperature);
  if (f.formId) add('l.form_id = ?', f.formId);
  if (f.ownerId === 'none') add('l.owner_id IS NULL');
  else if (f.ownerId) add('l.owner_id = ?', f.ownerId);
  if (f.refusedReason) add('l.refused_reason = ?', f.refusedReason);
  if (f.companyId) add('l.company_id = ?', f.companyId);
  if (f.from !== undefined) add('l.created_at >= ?', f.from);
  if (f.to !== undefined) add('l.created_at < ?', f.to + DAY);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    add("(l.email LIKE ? ESCAPE '\\' OR l.first_name LIKE ? ESCAPE '\\' OR l.last_name LIKE ? ESCAPE '\\' OR l.company_name LIKE ? ESCAPE '\\')", like, like, like, like);
  }
  let total: number;
  let spamHidden = 0;
  if (f.quality === undefined) {
    // One pass gives both the inbox's count and the spam it leaves out.
    const counts = db
      .prepare(`SELECT coalesce(sum(l.quality <> 'spam'), 0) AS kept, coalesce(sum(l.quality = 'spam'), 0) AS spam FROM leads l WHERE ${where.join(' AND ')}`)
      .get(...args) as { kept: number; spam: number };
    total = counts.kept;
    spamHidden = counts.spam;
    add("l.quality <> 'spam'");
  } else {
    if (f.quality !== 'all') add('l.quality = ?', f.quality);
    total = db.prepare(`SELECT count(*) FROM leads l WHERE ${where.join(' AND ')}`).pluck().get(...args) as number;
  }
  const clause = where.join(' AND ');
  const rows = db.prepare(`${LEAD_SELECT} WHERE ${clause} ORDER BY l.last_submitted_at DESC, l.id LIMIT ? OFFSET ?`).all(...args, f.limit, f.offset) as LeadRow[];
  return { leads: rows.map(toListItem), total, spamHidden };
}

export function getLeadRow(db: Db, orgId: string, id: string): LeadRow | undefined {
  return db.prepare(`${LEAD_SELECT} WHERE l.org_id = ? AND l.id = ?`).get(orgId, id) as LeadRow | undefined;
}
