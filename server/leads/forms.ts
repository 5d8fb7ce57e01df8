import type { Db } from '../db/open.js';
import { newId } from '../db/ids.js';
import type { FormField, I18nText } from '../schemas/leads.js';
import type { FormInput, PublicForm } from '../schemas/lead-forms.js';

/** A lead form as stored. */
export type LeadForm = FormInput & { id: string; orgId: string; archivedAt: number | null; createdAt: number; updatedAt: number };

type FormRow = {
  id: string; org_id: string; site_id: string; name: string; fields: string; business_email_required: number;
  submit_label: string; success_message: string; redirect_url: string | null; archived_at: number | null; created_at: number; updated_at: number;
};

const toForm = (r: FormRow): LeadForm => ({
  id: r.id, orgId: r.org_id, siteId: r.site_id, name: r.name, fields: JSON.parse(r.fields) as FormField[],
  businessEmailRequired: r.business_email_required === 1, submitLabel: JSON.parse(r.submit_label) as I18nText,
  successMessage: JSON.parse(r.success_message) as I18nText, redirectUrl: r.redirect_url,
  archivedAt: r.archived_at, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** Creates a form for a site of the organisation (the caller checked the site belongs to it). */
export function createForm(db: Db, orgId: string, input: FormInput, now: number): LeadForm {
  const id = newId('frm');
  db.prepare(
    `INSERT INTO lead_forms (id, org_id, site_id, name, fields, business_email_required, submit_label, success_message, redirect_url, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, orgId, input.siteId, input.name, JSON.stringify(input.fields), input.businessEmailRequired ? 1 : 0,
    JSON.stringify(input.submitLabel), JSON.stringify(input.successMessage), input.redirectUrl, now, now);
  return getForm(db, orgId, id)!;
}

/** Replaces a form's definition; false when it does not exist in this organisation. */
export function updateForm(db: Db, orgId: string, id: string, input: FormInput, now: number): boolean {
  const r = db.prepare(
    `UPDATE lead_forms SET site_id = ?, name = ?, fields = ?, business_email_required = ?, submit_label = ?, success_message = ?,
       redirect_url = ?, updated_at = ? WHERE org_id = ? AND id = ?`,
  ).run(input.siteId, input.name, JSON.stringify(input.fields), input.businessEmailRequired ? 1 : 0, JSON.stringify(input.submitLabel),
    JSON.stringify(input.successMessage), input.redirectUrl, now, orgId, id);
  return r.changes === 1;
}

/** Archives (or restores) a form: an archived form stops accepting submissions; its leads stay. */
export function setFormArchived(db: Db, orgId: string, id: string, archivedAt: number | null): boolean {
  return db.prepare('UPDATE lead_forms SET archived_at = ? WHERE org_id = ? AND id = ?').run(archivedAt, orgId, id).changes === 1;
}

export function getForm(db: Db, orgId: string, id: string): LeadForm | undefined {
  const row = db.prepare('SELECT * FROM lead_forms WHERE org_id = ? AND id = ?').get(orgId, id) as FormRow | undefined;
  return row && toForm(row);
}

/** A live form by its public id, whatever the organisation: the embed code carries only this id. */
export function findLiveForm(db: Db, id: string): LeadForm | undefined {
  const row = db.prepare('SELECT * FROM lead_forms WHERE id = ? AND archived_at IS NULL').get(id) as FormRow | undefined;
  return row && toForm(row);
}

export function listForms(db: Db, orgId: string): Array<LeadForm & { leads: number }> {
  const rows = db.prepare(
    `SELECT f.*, (SELECT count(*) FROM leads l WHERE l.org_id = f.org_id AND l.form_id = f.id) AS leads
     FROM lead_forms f WHERE f.org_id = ? ORDER BY f.created_at`,
  ).all(orgId) as Array<FormRow & { leads: number }>;
  return rows.map((r) => ({ ...toForm(r), leads: r.leads }));
}

// Heights (px, at the usual 16 px root size) of the form bundle's default theme, whose sizes are
// in rem: label line + input + the reserved error line, per field; the button and status line.
const ROW_HEIGHT: Partial<Record<FormField['type'], number>> = { message: 166, consent: 84 };
const ROW = 100;
const FOOTER = 104;

/**
 * The height to reserve before the form renders, so that it causes no layout shift. Generous on
 * purpose (a consent text on two lines, a little slack): blank space under the button is better
 * than content jumping.
 */
export function formMinHeight(fields: readonly FormField[], businessEmailRequired = false): number {
  return FOOTER + (businessEmailRequired ? 22 : 0) + fields.reduce((h, f) => h + (ROW_HEIGHT[f.type] ?? ROW), 0);
}

/** The definition the form bundle receives: no organisation, site or internal name. */
export function publicForm(form: LeadForm): PublicForm {
  return {
    id: form.id, fields: form.fields, businessEmailRequired: form.businessEmailRequired, submitLabel: form.submitLabel,
    successMessage: form.successMessage, redirectUrl: form.redirectUrl, minHeight: formMinHeight(form.fields, form.businessEmailRequired),
  };
}

/** The embed code shown in the dashboard (the site already carries the tracker). */
export function embedCode(form: LeadForm): string {
  return `<div data-vigie-form="${form.id}" style="min-height:${formMinHeight(form.fields, form.businessEmailRequired)}px"></div>`;
}

/** A sensible first form: name, work e-mail, company, message and consent, in French and English. */
export function defaultFormInput(siteId: string): FormInput {
  const t = (fr: string, en: string) => ({ fr, en });
  return {
    siteId,
    name: 'Contact',
    fields: [
      { key: 'firstName', type: 'firstName', required: true, label: t('Prénom', 'First name') },
      { key: 'lastName', type: 'lastName', required: true, label: t('Nom', 'Last name') },
      { key: 'email', type: 'email', required: true, label: t('E-mail professionnel', 'Work e-mail') },
      { key: 'phone', type: 'phone', required: false, label: t('Téléphone', 'Phone') },
      { key: 'company', type: 'company', required: false, label: t('Entreprise', 'Company') },
      { key: 'message', type: 'message', required: false, label: t('Votre message', 'Your message') },
      { key: 'consent', type: 'consent', required: true, label: t('J’accepte d’être recontacté(e) au sujet de ma demande.', 'I agree to be contacted about my request.') },
    ],
    businessEmailRequired: true, // the e-mail field asks for a work address: free mail is flagged suspect
    submitLabel: t('Envoyer', 'Send'),
    successMessage: t('Merci ! Nous revenons vers vous très vite.', 'Thank you! We will get back to you shortly.'),
    redirectUrl: null,
  };
}
