import type { Db } from '../db/open.js';
import { createForm, defaultFormInput, findLiveForm, type LeadForm } from './forms.js';

/**
 * The form of the /demo page, whose placeholder is `<div data-vigie-form="demo">`: the first live
 * form of the demo site (the first site created), created from the default template on first use
 * so that a newcomer's demo page shows a working form right away.
 */
export function demoForm(db: Db, now: number): LeadForm | undefined {
  const site = db.prepare('SELECT id, org_id FROM sites ORDER BY created_at, rowid LIMIT 1').get() as { id: string; org_id: string } | undefined;
  if (!site) return undefined;
  const id = db.prepare('SELECT id FROM lead_forms WHERE org_id = ? AND site_id = ? AND archived_at IS NULL ORDER BY created_at, rowid LIMIT 1').pluck().get(site.org_id, site.id) as string | undefined;
  return id ? findLiveForm(db, id) : createForm(db, site.org_id, defaultFormInput(site.id), now);
}

/** A live form by the id of an embed code, `demo` naming the demo page's form. */
export function findPublicForm(db: Db, id: string, now: number): LeadForm | undefined {
  return id === 'demo' ? demoForm(db, now) : findLiveForm(db, id);
}
