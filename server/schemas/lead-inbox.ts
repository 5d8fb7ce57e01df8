import { z } from 'zod';

/** Wire schemas and views of the leads inbox, lead page, lifecycle and reports (dashboard ↔ server). */

export const LEAD_STATUSES = ['new', 'qualified', 'contacted', 'converted', 'refused'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const REFUSE_REASONS = ['timing', 'budget', 'not-target', 'duplicate', 'no-answer', 'competitor', 'other'] as const;
export type RefuseReason = (typeof REFUSE_REASONS)[number];
export const LEAD_QUALITIES = ['valid', 'suspect', 'spam'] as const;
export const LEAD_TEMPERATURES = ['cold', 'warm', 'hot'] as const;

/** Latest instant a JavaScript Date can hold (year 275760): beyond it a time is junk. */
const MAX_TIME_MS = 8.64e15;

/** A day (YYYY-MM-DD, a real calendar day, UTC) or epoch milliseconds. */
const zDay = z.union([
  z.iso.date('expected a day as YYYY-MM-DD').transform((s) => Date.parse(`${s}T00:00:00Z`)),
  z.coerce.number().int().min(0).max(MAX_TIME_MS),
]);

/** A period given by its two ends must not run backwards. */
const fromNotAfterTo = (p: { from?: number; to?: number }) => p.from === undefined || p.to === undefined || p.from <= p.to;
const BACKWARDS = { path: ['from'], message: 'must not be after to' };

/** Inbox filters (query string). Spam is left out unless asked for (`quality=spam` or `all`). */
export const zLeadFilter = z.object({
  status: z.enum(LEAD_STATUSES).optional(),
  quality: z.enum([...LEAD_QUALITIES, 'all']).optional(),
  temperature: z.enum(LEAD_TEMPERATURES).optional(),
  formId: z.string().max(64).optional(),
  ownerId: z.string().max(64).optional(), // 'none' for unassigned
  refusedReason: z.enum(REFUSE_REASONS).optional(),
  companyId: z.string().max(64).optional(),
  from: zDay.optional(),
  to: zDay.optional(), // inclusive day
  q: z.string().trim().max(100).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).refine(fromNotAfterTo, BACKWARDS);
export type LeadFilter = z.infer<typeof zLeadFilter>;

/** Changes a user makes on a lead. Refusing needs a reason; `temperature: 'auto'` hands it back to behaviour. */
export const zLeadPatch = z
  .object({
    status: z.enum(['new', 'qualified', 'contacted', 'refused']).optional(),
    refusedReason: z.enum(REFUSE_REASONS).optional(),
    ownerId: z.string().max(64).nullable().optional(),
    temperature: z.enum([...LEAD_TEMPERATURES, 'auto']).optional(),
    quality: z.enum(['valid', 'spam']).optional(),
  })
  .refine((p) => p.status !== 'refused' || p.refusedReason !== undefined, { path: ['refusedReason'], message: 'a reason is required to refuse a lead' });
export type LeadPatch = z.infer<typeof zLeadPatch>;

export const zLeadNote = z.object({ body: z.string().trim().min(1, 'required').max(5000) });
export const zLeadTask = z.object({
  title: z.string().trim().min(1, 'required').max(200),
  dueAt: z.number().int().min(0).max(MAX_TIME_MS),
  assigneeId: z.string().max(64).nullable().optional(),
});
export const zLeadTaskPatch = z.object({ done: z.boolean() });
export const zLeadConvert = z.object({ markCustomer: z.boolean().default(false) });
export const zReportQuery = z.object({ from: zDay, to: zDay }).refine(fromNotAfterTo, BACKWARDS);

export type QualityReasonView = { code: string; detail?: string };

export type LeadListItem = {
  id: string; createdAt: number; lastSubmittedAt: number; submissions: number;
  name: string; email: string; companyName: string | null; companyId: string | null; companyDomain: string | null;
  formId: string; formName: string; status: LeadStatus; refusedReason: RefuseReason | null;
  quality: 'valid' | 'suspect' | 'spam'; reasons: QualityReasonView[]; restored: boolean;
  temperature: 'cold' | 'warm' | 'hot'; temperatureManual: boolean; ownerId: string | null; ownerName: string | null;
  source: string | null; medium: string | null; campaign: string | null; openTasks: number;
};

/** GET /api/leads: a page of the inbox, how many leads match, and how many more were left out as spam. */
export type LeadListReply = { leads: LeadListItem[]; total: number; spamHidden: number };

export type LeadPageView = { sessionId: number; ts: number; path: string; title: string | null; beforeSubmit: boolean };
export type LeadActivityView = { at: number; actor: 'user' | 'visitor' | 'system'; actorName: string | null; kind: string; detail: Record<string, unknown> | null };
export type LeadNoteView = { id: string; body: string; authorName: string | null; createdAt: number };
export type LeadTaskView = { id: string; title: string; dueAt: number; doneAt: number | null; assigneeId: string | null; assigneeName: string | null };

export type LeadDetail = LeadListItem & {
  firstName: string | null; lastName: string | null; phone: string | null; phoneValid: boolean | null; jobTitle: string | null;
  message: string | null; consent: boolean | null; custom: Record<string, string | boolean>; pageUrl: string | null; locale: string | null;
  qualifiedAt: number | null; convertedAt: number | null; contactId: string | null;
  company: { id: string; name: string; domain: string | null; category: string; listName: string } | null;
  behaviour: { pages: number; keyPages: string[]; visits: number; lastVisitAt: number | null };
  pages: LeadPageView[]; activity: LeadActivityView[]; notes: LeadNoteView[]; tasks: LeadTaskView[];
};

export type ContactView = { id: string; leadId: string | null; companyId: string | null; firstName: string | null; lastName: string | null; email: string; phone: string | null; jobTitle: string | null; convertedAt: number };

export type ReportRow = { key: string; leads: number; qualified: number; converted: number; conversionRate: number; medianDaysToConvert: number | null };
export type LeadReport = {
  from: number; to: number; totals: ReportRow;
  bySource: ReportRow[]; byMedium: ReportRow[]; byCampaign: ReportRow[]; byForm: ReportRow[];
};
