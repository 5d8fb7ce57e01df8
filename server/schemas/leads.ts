import * as z from 'zod/mini';
import { LEAD_MESSAGE_CODES, type LeadMessageCode } from './lead-messages.js';

/**
 * The one schema of a visitor's answers to a lead form. The form bundle (widget/form) runs it as
 * the visitor types and submits; the server runs it again on POST /api/forms/:id/submit. Each
 * issue's message is a *code* (`required`, `email`, …) that `leadMessage()` turns into the same
 * French or English sentence on both sides.
 *
 * zod/mini and one schema per field keep the bundle under its 12 KB budget: nothing else from
 * zod is pulled in, so keep wire schemas of the dashboard API in lead-forms.ts, not here.
 */

export const LEAD_LOCALES = ['fr', 'en'] as const;
export type LeadLocale = (typeof LEAD_LOCALES)[number];

/** Built-in fields: at most one of each, their key is their type. */
export const BUILTIN_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'company', 'jobTitle', 'message', 'consent'] as const;
export const FIELD_TYPES = [...BUILTIN_FIELDS, 'text', 'select'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type I18nText = { fr: string; en: string };
export type FormField = {
  key: string;
  type: FieldType;
  required: boolean;
  /** For `consent`, the label is the consent text the visitor agrees to. */
  label: I18nText;
  options?: Array<{ value: string; label: I18nText }>;
};

/** Longest accepted answer per field type (characters, after trimming). */
export const FIELD_MAX: Record<FieldType, number> = {
  firstName: 100, lastName: 100, email: 254, phone: 40, company: 200, jobTitle: 150, message: 5000, consent: 5, text: 500, select: 100,
};

// A pragmatic address shape: a local part, one @, a dotted domain with a 2+ letter ending.
export const EMAIL_RE = /^(?!\.)(?!.*\.\.)[\w'+.-]*[\w+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
// Phones: digits and the usual separators; the server then checks them with libphonenumber-js.
const PHONE_RE = /^\+?[\d\s().\-/]{6,40}$/;

/**
 * The schema of one field's answer when given. An optional field's absence is accepted before
 * the schema runs (see validateLeadValues): zod's optional wrapper would cost ~400 B of bundle.
 */
export function leadFieldSchema(f: FormField) {
  if (f.type === 'consent') {
    const b = z.boolean(f.required ? 'consent' : 'invalid');
    return f.required ? b.check(z.refine((v) => v, 'consent')) : b;
  }
  const filled = (test: (v: string) => boolean, code: LeadMessageCode) => z.refine<string>((v) => !v || test(v), code);
  const checks: Array<z.core.$ZodCheck<string>> = [z.trim(), z.maxLength(FIELD_MAX[f.type], 'too-long')];
  if (f.required) checks.push(z.minLength(1, 'required'));
  if (f.type === 'email') checks.push(filled((v) => EMAIL_RE.test(v), 'email'));
  if (f.type === 'phone') checks.push(filled((v) => PHONE_RE.test(v) && v.replace(/\D/g, '').length >= 6, 'phone'));
  if (f.type === 'select') checks.push(filled((v) => !!f.options?.some((o) => o.value === v), 'option'));
  return z.string(f.required ? 'required' : 'invalid').check(...checks);
}

export type LeadValues = Record<string, string | boolean>;
export type LeadIssue = { field: string; code: LeadMessageCode };

/**
 * Validates every answer of a form: the cleaned values (trimmed, unknown keys dropped, empty
 * optional answers left out) and one issue per invalid field, in the form's order.
 */
export function validateLeadValues(fields: readonly FormField[], input: Record<string, unknown>): { values: LeadValues; issues: LeadIssue[] } {
  const values: LeadValues = {};
  const issues: LeadIssue[] = [];
  for (const f of fields) {
    const raw = Object.prototype.hasOwnProperty.call(input, f.key) ? input[f.key] : undefined;
    if (raw === undefined && !f.required) continue;
    const r = leadFieldSchema(f).safeParse(raw);
    if (!r.success) {
      const message = r.error.issues[0]?.message ?? '';
      const code = (LEAD_MESSAGE_CODES as readonly string[]).includes(message) ? (message as LeadMessageCode) : 'invalid';
      issues.push({ field: f.key, code });
    } else if (r.data !== undefined && r.data !== '') {
      values[f.key] = r.data;
    }
  }
  return { values, issues };
}

export { leadMessage, leadMessages, LEAD_MESSAGE_CODES, type LeadMessageCode } from './lead-messages.js';
