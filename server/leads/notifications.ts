import type { Db } from '../db/open.js';

export type LeadNotification = { leadId: string; name: string; companyName: string | null; createdAt: number };

/**
 * The bell: new valid leads since the user last opened it (the latest 20), and how many. A user
 * who never opened it starts from their account's creation, not from the beginning of time.
 */
export function leadNotifications(db: Db, orgId: string, userId: string): { unread: number; items: LeadNotification[] } {
  const mark = (db.prepare('SELECT seen_at FROM lead_notification_marks WHERE user_id = ?').pluck().get(userId) as number | undefined) ??
    ((db.prepare('SELECT created_at FROM users WHERE org_id = ? AND id = ?').pluck().get(orgId, userId) as number | undefined) ?? 0);
  const where = "FROM leads l LEFT JOIN companies c ON c.id = l.company_id WHERE l.org_id = ? AND l.quality = 'valid' AND l.created_at > ?";
  const unread = db.prepare(`SELECT count(*) ${where}`).pluck().get(orgId, mark) as number;
  const items = db
    .prepare(
      `SELECT l.id AS leadId, coalesce(nullif(trim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')), ''), l.email) AS name,
         coalesce(c.name, l.company_name) AS companyName, l.created_at AS createdAt ${where} ORDER BY l.created_at DESC LIMIT 20`,
    )
    .all(orgId, mark) as LeadNotification[];
  return { unread, items };
}

export function markNotificationsSeen(db: Db, orgId: string, userId: string, now: number): void {
  db.prepare('INSERT INTO lead_notification_marks (user_id, org_id, seen_at) VALUES (?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET seen_at = excluded.seen_at').run(userId, orgId, now);
}
