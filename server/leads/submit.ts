import { isbot } from 'isbot';
import type { Db } from '../db/open.js';
import type { Bus } from '../bus.js';
import { newId } from '../db/ids.js';
import type { Site } from '../orgs/repo.js';
import type { VisitorKeys } from '../collect/visitor-key.js';
import { ipPrefix } from '../collect/ip-prefix.js';
import { leadMessage, validateLeadValues, type LeadLocale, type LeadValues } from '../schemas/leads.js';
import type { LeadSubmit } from '../schemas/lead-forms.js';
import type { LeadForm } from './forms.js';
import { checkRenderToken, renderTokenSignature } from './token.js';
import { emailDomain, isDisposableDomain, isFreeMailDomain } from './mail-domains.js';
import { suggestEmail } from './email-typo.js';
import { checkPhone } from './phone.js';
import { competitorByDomain } from './competitor.js';
import { QUALITY_RANK, reasonsOf, verdictOf, type Quality, type QualityReason } from './quality.js';
import { addActivity, findRecentDuplicate, insertLead, insertSubmission, mergeIntoLead, tokenUsedByAnotherEmail, type LeadContact } from './repo.js';
import { identifyAndStitch, type StitchOutcome } from './attribution.js';
import { findSubmittingVisitor } from './stitch.js';

/** Same e-mail on the same form within this window: one lead, counted twice. */
export const DUPLICATE_WINDOW_MS = 24 * 3_600_000;

export type SubmitContext = { db: Db; bus: Bus; keys: VisitorKeys; secret: Buffer; now: number };
export type Submitter = { ip: string; userAgent: string };

/** A problem the visitor can fix; answered as a 400 naming the field, in their language. */
export type FixableProblem = { field: string; code: string; message: string; suggestion?: string };

export type SubmitOutcome =
  | { kind: 'fix'; problem: FixableProblem }
  | { kind: 'stored'; leadId: string; quality: Quality; reasons: QualityReason[]; merged: boolean; companyId: string | null };

/**
 * Handles one submission: answers validated with the shared schema, fixable problems returned
 * to the visitor (bad address or phone, a likely typo unless they chose to keep it), every other
 * signal turned into a quality verdict, then the lead stored (or merged into a recent duplicate),
 * identified and stitched in one transaction. Nothing here tells a spammer what was detected.
 */
export function submitLead(ctx: SubmitContext, form: LeadForm, site: Site, input: LeadSubmit, who: Submitter): SubmitOutcome {
  const locale: LeadLocale = input.locale ?? 'fr';
  const { values, issues } = validateLeadValues(form.fields, input.values);
  const first = issues[0];
  if (first) return { kind: 'fix', problem: { field: `values.${first.field}`, code: first.code, message: leadMessage(locale, first.code) } };

  const email = String(values.email).toLowerCase();
  const confirmed = new Set(input.confirm ?? []);
  const suggestion = suggestEmail(email);
  if (suggestion && !confirmed.has('email')) {
    return { kind: 'fix', problem: { field: 'values.email', code: 'emailTypo', message: leadMessage(locale, 'emailTypo', { suggestion }), suggestion } };
  }
  const phoneRaw = typeof values.phone === 'string' ? values.phone : null;
  const phone = phoneRaw ? checkPhone(phoneRaw, site.defaultCountry) : null;
  if (phone && !phone.valid && !confirmed.has('phone')) {
    return { kind: 'fix', problem: { field: 'values.phone', code: 'phone', message: leadMessage(locale, 'phone') } };
  }

  const domain = emailDomain(email);
  const free = isFreeMailDomain(domain);
  const disposable = isDisposableDomain(domain);
  const competitor = competitorByDomain(ctx.db, form.orgId, domain);
  const token = checkRenderToken(ctx.secret, form.id, input.token, ctx.now);
  // Only a genuine token names a rendering; a forged one is already spam.
  const tokenSig = token === 'invalid' ? null : renderTokenSignature(input.token);
  const reasons = reasonsOf({
    honeypot: !!input.hp && input.hp.trim() !== '',
    token,
    tokenReused: !!tokenSig && tokenUsedByAnotherEmail(ctx.db, form.orgId, tokenSig, email),
    botUserAgent: isBotAgent(who.userAgent),
    disposable,
    freeMail: free,
    businessEmailRequired: form.businessEmailRequired,
    typoSuggestion: suggestion,
    phoneInvalid: !!phone && !phone.valid,
    competitor: competitor?.name ?? null,
  });
  const quality = verdictOf(reasons);
  const contact = contactOf(form, values, email, domain, phone);
  const prefix = ipPrefix(who.ip);
  // Read outside the write transaction: the visitor key may create today's salt in its own.
  const visitorId = findSubmittingVisitor(ctx.db, ctx.keys, site, { cid: input.cid ?? null, ip: who.ip, userAgent: who.userAgent }, ctx.now);

  const stored = ctx.db.transaction(() => {
    const dup = findRecentDuplicate(ctx.db, form.orgId, form.id, email, ctx.now - DUPLICATE_WINDOW_MS);
    let leadId: string;
    let finalQuality = quality;
    if (dup) {
      leadId = dup.id;
      const better = QUALITY_RANK[quality] > QUALITY_RANK[dup.quality];
      finalQuality = better ? quality : dup.quality;
      mergeIntoLead(ctx.db, form.orgId, leadId, contact, { quality, reasons, better }, ctx.now);
      addActivity(ctx.db, form.orgId, leadId, { type: 'visitor' }, 'resubmitted', { quality, reasons }, ctx.now);
    } else {
      leadId = newId('lead');
      insertLead(ctx.db, {
        ...contact, id: leadId, orgId: form.orgId, siteId: form.siteId, formId: form.id, quality, reasons, ipPrefix: prefix,
        pageUrl: input.page ?? null, locale, visitorId, at: ctx.now,
      });
      addActivity(ctx.db, form.orgId, leadId, { type: 'visitor' }, 'submitted', { quality, reasons }, ctx.now);
    }
    insertSubmission(ctx.db, form.orgId, { leadId, at: ctx.now, quality, reasons, ipPrefix: prefix, answers: values, tokenSig });
    let stitch: StitchOutcome = { companyId: competitor?.id ?? null, createdCompany: false, sessionIds: [] };
    if (finalQuality !== 'spam') {
      const business = !free && !disposable && !suggestion;
      stitch = identifyAndStitch(ctx.db, form.orgId, {
        leadId, email, domain: business ? domain : null, typedCompany: contact.companyName, knownCompanyId: competitor?.id ?? null,
        visitorId, prefix, now: ctx.now,
      });
    }
    return { leadId, quality: finalQuality, merged: !!dup, stitch };
  }).immediate();

  // Announced only once committed: listeners may read what was written.
  const { stitch } = stored;
  if (stitch.createdCompany && stitch.companyId) ctx.bus.emit('company-changed', { orgId: form.orgId, companyId: stitch.companyId, at: ctx.now });
  for (const sessionId of stitch.sessionIds) {
    if (stitch.companyId) ctx.bus.emit('session-identified', { orgId: form.orgId, sessionId, companyId: stitch.companyId, at: ctx.now });
  }
  ctx.bus.emit('lead-stored', { orgId: form.orgId, leadId: stored.leadId, companyId: stitch.companyId, at: ctx.now });
  return { kind: 'stored', leadId: stored.leadId, quality: stored.quality, reasons, merged: stored.merged, companyId: stitch.companyId };
}

/** Bots and headless browsers, by user agent; an empty agent is no browser either. */
export function isBotAgent(ua: string): boolean {
  return ua.trim() === '' || /headless/i.test(ua) || isbot(ua);
}

function contactOf(form: LeadForm, values: LeadValues, email: string, domain: string, phone: ReturnType<typeof checkPhone> | null): LeadContact {
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : null);
  const custom: Record<string, string | boolean> = {};
  for (const f of form.fields) if ((f.type === 'text' || f.type === 'select') && values[f.key] !== undefined) custom[f.key] = values[f.key]!;
  return {
    email, emailDomain: domain, firstName: text('firstName'), lastName: text('lastName'),
    phone: phone ? (phone.valid ? phone.e164 : text('phone')) : null, phoneValid: phone ? phone.valid : null,
    companyName: text('company'), jobTitle: text('jobTitle'), message: text('message'),
    consent: typeof values.consent === 'boolean' ? values.consent : null, custom,
  };
}
