import type { Db } from '../db/open.js';
import { newId } from '../db/ids.js';
import { notFound } from '../http/errors.js';
import { invalidateRules } from './org-cache.js';

export type IpRuleAction = 'company' | 'ignore';

export type IpRule = {
  id: string;
  cidr: string;
  action: IpRuleAction;
  companyId: string | null;
  company: { id: string; name: string; domain: string | null } | null;
  note: string;
  createdAt: number;
  updatedAt: number;
};

type Row = {
  id: string; cidr: string; action: IpRuleAction; company_id: string | null; note: string; created_at: number; updated_at: number;
  company_name: string | null; company_domain: string | null;
};

const SELECT = `SELECT r.*, c.name AS company_name, c.domain AS company_domain
  FROM ip_rules r LEFT JOIN companies c ON c.id = r.company_id AND c.org_id = r.org_id`;

const toRule = (r: Row): IpRule => ({
  id: r.id, cidr: r.cidr, action: r.action, companyId: r.company_id,
  company: r.company_id && r.company_name !== null ? { id: r.company_id, name: r.company_name, domain: r.company_domain } : null,
  note: r.note, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** An organisation's IP rules, oldest first (the order the user wrote them). */
export function listIpRules(db: Db, orgId: string): IpRule[] {
  const rows = db.prepare(`${SELECT} WHERE r.org_id = ? ORDER BY r.created_at, r.id`).all(orgId) as Row[];
  return rows.map(toRule);
}

export function getIpRule(db: Db, orgId: string, id: string): IpRule | undefined {
  const row = db.prepare(`${SELECT} WHERE r.org_id = ? AND r.id = ?`).get(orgId, id) as Row | undefined;
  return row && toRule(row);
}

/** Inserts a rule (CIDR already canonical); a duplicate CIDR raises SQLITE_CONSTRAINT_UNIQUE (409). */
export function insertIpRule(db: Db, orgId: string, r: { cidr: string; action: IpRuleAction; companyId: string | null; note: string }, now: number): IpRule {
  const id = newId('ipr');
  db.prepare('INSERT INTO ip_rules (id, org_id, cidr, action, company_id, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, orgId, r.cidr, r.action, r.action === 'company' ? r.companyId : null, r.note, now, now);
  invalidateRules(db, orgId);
  return getIpRule(db, orgId, id)!;
}

export function updateIpRule(
  db: Db, orgId: string, id: string, r: { cidr: string; action: IpRuleAction; companyId: string | null; note: string }, now: number,
): IpRule {
  const res = db.prepare('UPDATE ip_rules SET cidr = ?, action = ?, company_id = ?, note = ?, updated_at = ? WHERE org_id = ? AND id = ?')
    .run(r.cidr, r.action, r.action === 'company' ? r.companyId : null, r.note, now, orgId, id);
  if (res.changes === 0) throw notFound('IP rule not found');
  invalidateRules(db, orgId);
  return getIpRule(db, orgId, id)!;
}

export function deleteIpRule(db: Db, orgId: string, id: string): void {
  const res = db.prepare('DELETE FROM ip_rules WHERE org_id = ? AND id = ?').run(orgId, id);
  if (res.changes === 0) throw notFound('IP rule not found');
  invalidateRules(db, orgId);
}

/** The raw rows the manual resolver compiles into its in-memory matcher. */
export function loadRuleRows(db: Db, orgId: string): Array<{ id: string; cidr: string; action: IpRuleAction; company_id: string | null }> {
  return db.prepare('SELECT id, cidr, action, company_id FROM ip_rules WHERE org_id = ?').all(orgId) as Array<{
    id: string; cidr: string; action: IpRuleAction; company_id: string | null;
  }>;
}
