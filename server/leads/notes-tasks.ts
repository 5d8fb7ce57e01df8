import type { Db } from '../db/open.js';
import { newId } from '../db/ids.js';
import { badRequest, notFound } from '../http/errors.js';
import { addActivity } from './repo.js';
import type { Actor } from './lifecycle.js';

function assertLead(db: Db, orgId: string, leadId: string): void {
  if (!db.prepare('SELECT 1 FROM leads WHERE org_id = ? AND id = ?').get(orgId, leadId)) throw notFound('Lead not found');
}

export function addNote(db: Db, orgId: string, leadId: string, body: string, actor: Actor, now: number): { id: string } {
  return db.transaction(() => {
    assertLead(db, orgId, leadId);
    const id = newId('note');
    db.prepare('INSERT INTO lead_notes (id, org_id, lead_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, orgId, leadId, actor.userId, body, now);
    addActivity(db, orgId, leadId, { type: 'user', id: actor.userId }, 'note', { noteId: id }, now);
    return { id };
  })();
}

/** A follow-up ("call back Tuesday") with its due date, optionally assigned to a colleague. */
export function addTask(db: Db, orgId: string, leadId: string, t: { title: string; dueAt: number; assigneeId?: string | null }, actor: Actor, now: number): { id: string } {
  return db.transaction(() => {
    assertLead(db, orgId, leadId);
    const assignee = t.assigneeId ?? actor.userId;
    if (!db.prepare('SELECT 1 FROM users WHERE org_id = ? AND id = ?').get(orgId, assignee)) throw badRequest('assigneeId: no such user', 'assigneeId');
    const id = newId('task');
    db.prepare('INSERT INTO lead_tasks (id, org_id, lead_id, title, due_at, assignee_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      id, orgId, leadId, t.title, t.dueAt, assignee, actor.userId, now,
    );
    addActivity(db, orgId, leadId, { type: 'user', id: actor.userId }, 'task', { taskId: id, title: t.title, dueAt: t.dueAt }, now);
    return { id };
  })();
}

export function setTaskDone(db: Db, orgId: string, leadId: string, taskId: string, done: boolean, actor: Actor, now: number): void {
  db.transaction(() => {
    const r = db.prepare('UPDATE lead_tasks SET done_at = ? WHERE org_id = ? AND lead_id = ? AND id = ?').run(done ? now : null, orgId, leadId, taskId);
    if (r.changes !== 1) throw notFound('Task not found');
    addActivity(db, orgId, leadId, { type: 'user', id: actor.userId }, done ? 'task-done' : 'task-reopened', { taskId }, now);
  })();
}

/** Open tasks of the organisation (or of one user), soonest first: the "to do today" list. */
export function openTasks(db: Db, orgId: string, assigneeId: string | null): Array<{ id: string; leadId: string; leadName: string; title: string; dueAt: number }> {
  return db
    .prepare(
      `SELECT t.id, t.lead_id AS leadId, coalesce(nullif(trim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')), ''), l.email) AS leadName,
         t.title, t.due_at AS dueAt
       FROM lead_tasks t JOIN leads l ON l.id = t.lead_id WHERE t.org_id = ? AND t.done_at IS NULL AND (? IS NULL OR t.assignee_id = ?)
       ORDER BY t.due_at LIMIT 100`,
    )
    .all(orgId, assigneeId, assigneeId) as Array<{ id: string; leadId: string; leadName: string; title: string; dueAt: number }>;
}
