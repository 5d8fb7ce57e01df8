import type { Db } from '../db/open.js';
import { AppError, badRequest, notFound } from '../http/errors.js';
import type { LeadPatch, LeadStatus } from '../schemas/lead-inbox.js';
import { addActivity } from './repo.js';
import { refreshTemperature } from './temperature.js';

/**
 * Allowed status moves. Forward through new → qualified → contacted, refused from anywhere before
 * conversion (with a reason), reopened from refused. `converted` is reached only by converting
 * (which creates the contact) and is final.
 */
const NEXT: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['qualified', 'contacted', 'refused'],
  qualified: ['new', 'contacted', 'refused'],
  contacted: ['qualified', 'refused'],
  refused: [],
  converted: [],
};

export type Actor = { userId: string };

type Current = { status: LeadStatus; owner_id: string | null; temperature: string; temperature_manual: number; quality: string; refused_reason: string | null };

function current(db: Db, orgId: string, id: string): Current {
  const row = db.prepare('SELECT status, owner_id, temperature, temperature_manual, quality, refused_reason FROM leads WHERE org_id = ? AND id = ?').get(orgId, id) as Current | undefined;
  if (!row) throw notFound('Lead not found');
  return row;
}

/** Applies a user's changes to a lead, each one written to its history. */
export function patchLead(db: Db, orgId: string, id: string, patch: LeadPatch, actor: Actor, now: number): void {
  db.transaction(() => {
    const cur = current(db, orgId, id);
    const who = { type: 'user' as const, id: actor.userId };
    if (patch.status !== undefined && patch.status !== cur.status) {
      if (!NEXT[cur.status].includes(patch.status)) {
        throw new AppError('conflict', 409, `status: cannot go from ${cur.status} to ${patch.status}`, 'status');
      }
      const reason = patch.status === 'refused' ? patch.refusedReason! : null;
      db.prepare(
        `UPDATE leads SET status = ?, refused_reason = ?, updated_at = ?,
           qualified_at = CASE WHEN ? IN ('qualified', 'contacted') THEN coalesce(qualified_at, ?) ELSE qualified_at END
         WHERE org_id = ? AND id = ?`,
      ).run(patch.status, reason, now, patch.status, now, orgId, id);
      addActivity(db, orgId, id, who, 'status', { from: cur.status, to: patch.status, ...(reason ? { reason } : {}) }, now);
    } else if (patch.refusedReason !== undefined && cur.status === 'refused' && patch.refusedReason !== cur.refused_reason) {
      db.prepare('UPDATE leads SET refused_reason = ?, updated_at = ? WHERE org_id = ? AND id = ?').run(patch.refusedReason, now, orgId, id);
      addActivity(db, orgId, id, who, 'refused-reason', { from: cur.refused_reason, to: patch.refusedReason }, now);
    }
    if (patch.ownerId !== undefined && patch.ownerId !== cur.owner_id) {
      if (patch.ownerId !== null && !db.prepare('SELECT 1 FROM users WHERE org_id = ? AND id = ?').get(orgId, patch.ownerId)) {
        throw badRequest('ownerId: no such user', 'ownerId');
      }
      db.prepare('UPDATE leads SET owner_id = ?, updated_at = ? WHERE org_id = ? AND id = ?').run(patch.ownerId, now, orgId, id);
      addActivity(db, orgId, id, who, 'owner', { from: cur.owner_id, to: patch.ownerId }, now);
    }
    if (patch.temperature !== undefined) {
      if (patch.temperature === 'auto') {
        db.prepare('UPDATE leads SET temperature_manual = 0, updated_at = ? WHERE org_id = ? AND id = ?').run(now, orgId, id);
        const t = refreshTemperature(db, orgId, id, now);
        addActivity(db, orgId, id, who, 'temperature', { from: cur.temperature, to: t, auto: true }, now);
      } else if (patch.temperature !== cur.temperature || cur.temperature_manual === 0) {
        db.prepare('UPDATE leads SET temperature = ?, temperature_manual = 1, updated_at = ? WHERE org_id = ? AND id = ?').run(patch.temperature, now, orgId, id);
        addActivity(db, orgId, id, who, 'temperature', { from: cur.temperature, to: patch.temperature }, now);
      }
    }
    if (patch.quality !== undefined && patch.quality !== cur.quality) {
      // Restoring keeps the original reasons (why it was caught); marking as spam hides the lead.
      db.prepare('UPDATE leads SET quality = ?, restored_at = CASE WHEN ? = \'valid\' THEN ? ELSE restored_at END, updated_at = ? WHERE org_id = ? AND id = ?')
        .run(patch.quality, patch.quality, now, now, orgId, id);
      addActivity(db, orgId, id, who, patch.quality === 'valid' ? 'restored' : 'marked-spam', { from: cur.quality }, now);
    }
  })();
}

/** Reopens a refused lead at the status it had before the refusal. */
export function reopenLead(db: Db, orgId: string, id: string, actor: Actor, now: number): LeadStatus {
  return db.transaction(() => {
    const cur = current(db, orgId, id);
    if (cur.status !== 'refused') throw new AppError('conflict', 409, 'status: only a refused lead can be reopened', 'status');
    const last = db
      .prepare(`SELECT detail FROM lead_activity WHERE org_id = ? AND lead_id = ? AND kind = 'status' AND json_extract(detail, '$.to') = 'refused' ORDER BY at DESC, id DESC LIMIT 1`)
      .pluck()
      .get(orgId, id) as string | undefined;
    const before = last ? (JSON.parse(last) as { from?: LeadStatus }).from : undefined;
    const to: LeadStatus = before && before !== 'refused' && before !== 'converted' ? before : 'new';
    db.prepare('UPDATE leads SET status = ?, refused_reason = NULL, updated_at = ? WHERE org_id = ? AND id = ?').run(to, now, orgId, id);
    addActivity(db, orgId, id, { type: 'user', id: actor.userId }, 'reopened', { from: 'refused', to, reason: cur.refused_reason }, now);
    return to;
  })();
}
