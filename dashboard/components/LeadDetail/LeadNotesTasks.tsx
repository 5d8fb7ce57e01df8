import { useState } from 'preact/hooks';
import { api } from '../../api';
import { fmt, t } from '../../i18n';
import type { LeadDetail } from '../../../server/schemas/lead-inbox';
import styles from './LeadDetail.module.css';

type Owner = { id: string; name: string; email: string };

/** A date input's value (local day) as the epoch ms of 9:00 that day: "call back Tuesday" means Tuesday morning. */
const dueFromDay = (day: string) => new Date(`${day}T09:00`).getTime();

/** Notes and follow-up tasks of a lead. */
export function LeadNotesTasks({ lead, owners, userId, onChange }: { lead: LeadDetail; owners: Owner[]; userId: string; onChange: () => void }) {
  const [note, setNote] = useState('');
  const [title, setTitle] = useState('');
  const [day, setDay] = useState('');
  const [assignee, setAssignee] = useState(userId);
  const [error, setError] = useState('');
  const now = Date.now();

  async function run(action: () => Promise<unknown>, reset: () => void) {
    setError('');
    try {
      await action();
      reset();
      onChange();
    } catch (err) {
      setError(err instanceof Error ? err.message : t('common.error'));
    }
  }

  return (
    <>
      <section class="card" aria-labelledby="lead-tasks">
        <h2 id="lead-tasks">{t('leads.tasks')}</h2>
        {lead.tasks.length === 0 && <p class="muted">{t('leads.tasks.none')}</p>}
        <ul class={styles.list}>
          {lead.tasks.map((task) => (
            <li key={task.id}>
              <label class={styles.check}>
                <input
                  type="checkbox"
                  checked={task.doneAt !== null}
                  aria-label={t('leads.task.done', { title: task.title })}
                  onChange={(e) => run(() => api(`/api/leads/${lead.id}/tasks/${task.id}`, { method: 'PATCH', body: { done: e.currentTarget.checked } }), () => {})}
                />
                <span>{task.title}</span>
              </label>
              <span class={styles.meta}>
                {fmt.date(task.dueAt)}
                {task.assigneeName && ` · ${task.assigneeName}`}
                {task.doneAt === null && task.dueAt < now && <> · <span class={styles.late}>{t('leads.task.late')}</span></>}
              </span>
            </li>
          ))}
        </ul>
        <form class={styles.row} onSubmit={(e) => { e.preventDefault(); void run(() => api(`/api/leads/${lead.id}/tasks`, { method: 'POST', body: { title, dueAt: dueFromDay(day), assigneeId: assignee || null } }), () => { setTitle(''); setDay(''); }); }}>
          <label>
            {t('leads.task.title')}
            <input value={title} onInput={(e) => setTitle(e.currentTarget.value)} required maxLength={200} />
          </label>
          <label>
            {t('leads.task.due')}
            <input type="date" value={day} onInput={(e) => setDay(e.currentTarget.value)} required />
          </label>
          <label>
            {t('leads.task.assignee')}
            <select value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)}>
              {owners.map((o) => <option key={o.id} value={o.id}>{o.name || o.email}</option>)}
            </select>
          </label>
          <button type="submit">{t('leads.task.add')}</button>
        </form>
      </section>

      <section class="card" aria-labelledby="lead-notes">
        <h2 id="lead-notes">{t('leads.notes')}</h2>
        <form class="stack" onSubmit={(e) => { e.preventDefault(); void run(() => api(`/api/leads/${lead.id}/notes`, { method: 'POST', body: { body: note } }), () => setNote('')); }}>
          <label>
            {t('leads.note.body')}
            <textarea rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} required maxLength={5000} />
          </label>
          <div><button type="submit">{t('leads.note.add')}</button></div>
        </form>
        {lead.notes.length === 0 && <p class="muted">{t('leads.notes.none')}</p>}
        <ul class={styles.list}>
          {lead.notes.map((n) => (
            <li key={n.id}>
              <p class={styles.meta}>{fmt.dateTime(n.createdAt)} · {n.authorName}</p>
              <p>{n.body}</p>
            </li>
          ))}
        </ul>
        {error && <p role="alert" class="error">{error}</p>}
      </section>
    </>
  );
}
