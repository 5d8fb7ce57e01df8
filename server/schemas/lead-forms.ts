import { z } from 'zod';
import { BUILTIN_FIELDS, FIELD_TYPES, LEAD_LOCALES, type FormField, type I18nText } from './leads.js';
import type { LeadMessageCode } from './lead-messages.js';

/** Wire schemas of lead forms: the definition a marketer edits, the public definition, the submission. */

const zText = (max: number) => z.object({ fr: z.string().trim().min(1, 'required').max(max), en: z.string().trim().min(1, 'required').max(max) });

export const zFormField = z.object({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'letters, digits and _ only (40 max)'),
  type: z.enum(FIELD_TYPES),
  required: z.boolean(),
  label: zText(1000),
  options: z.array(z.object({ value: z.string().trim().min(1).max(100), label: zText(200) })).max(50).optional(),
}) satisfies z.ZodType<FormField>;

/** What the dashboard sends to create or update a form. */
export const zFormInput = z
  .object({
    siteId: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1, 'required').max(100),
    fields: z.array(zFormField).min(1).max(30),
    businessEmailRequired: z.boolean(),
    submitLabel: zText(60),
    successMessage: zText(1000),
    redirectUrl: z.url({ protocol: /^https?$/ }).max(2048).nullable(),
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    form.fields.forEach((f, i) => {
      const path = ['fields', i, 'key'];
      if (seen.has(f.key)) ctx.addIssue({ code: 'custom', path, message: 'duplicate key' });
      seen.add(f.key);
      if ((BUILTIN_FIELDS as readonly string[]).includes(f.type) && f.key !== f.type) {
        ctx.addIssue({ code: 'custom', path, message: `a ${f.type} field has the key ${f.type}` });
      }
      if (f.type === 'select' && !f.options?.length) ctx.addIssue({ code: 'custom', path: ['fields', i, 'options'], message: 'at least one option' });
    });
    if (!form.fields.some((f) => f.type === 'email' && f.required)) {
      ctx.addIssue({ code: 'custom', path: ['fields'], message: 'a required email field is needed' });
    }
  });
export type FormInput = z.infer<typeof zFormInput>;

/** A form as the dashboard lists and edits it. */
export type FormView = FormInput & { id: string; createdAt: number; updatedAt: number; leads: number; embed: string; archived: boolean };

/** The public definition served to the form bundle by GET /api/forms/:id. */
export type PublicForm = {
  id: string;
  fields: FormField[];
  businessEmailRequired: boolean;
  submitLabel: I18nText;
  successMessage: I18nText;
  redirectUrl: string | null;
  /** Pixels the host reserves (the embed code's min-height) so that rendering causes no layout shift. */
  minHeight: number;
};
export type PublicFormReply = { form: PublicForm; token: string; locale: 'fr' | 'en'; messages: Record<LeadMessageCode, string> };

/** The body of POST /api/forms/:id/submit (sent as text/plain JSON: no CORS preflight). */
export const zLeadSubmit = z.object({
  token: z.string().min(1, 'required').max(512),
  values: z.record(z.string().max(40), z.union([z.string().max(10_000), z.boolean()])),
  /** The honeypot: an input people never see; bots fill it. */
  hp: z.string().max(1000).optional(),
  /** The tracker's consent id, to stitch the visitor's earlier sessions. */
  cid: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
  locale: z.enum(LEAD_LOCALES).optional(),
  /** Fields whose warning (typo, unusual phone) the visitor saw and chose to keep. */
  confirm: z.array(z.enum(['email', 'phone'])).max(2).optional(),
  /** The page the form was on (context for the marketer; never used to identify anyone). */
  page: z.string().max(2048).optional(),
});
export type LeadSubmit = z.infer<typeof zLeadSubmit>;

/** The success reply; the same for every accepted submission, whatever its quality verdict. */
export type LeadSubmitReply = { ok: true };
