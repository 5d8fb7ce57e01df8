import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { AppDeps } from '../deps.js';
import { readJson } from '../http/body.js';
import { AppError, fromZod, notFound } from '../http/errors.js';
import { clientIp, trustedProxies } from '../http/client-ip.js';
import { MAX_UA_LENGTH } from '../collect/agent.js';
import { ipPrefix } from '../collect/ip-prefix.js';
import { VisitorKeys } from '../collect/visitor-key.js';
import { getSite } from '../orgs/repo.js';
import { leadMessage, leadMessages, LEAD_LOCALES, type LeadLocale } from '../schemas/leads.js';
import { zLeadSubmit, type PublicFormReply, type LeadSubmitReply } from '../schemas/lead-forms.js';
import { publicForm } from './forms.js';
import { findPublicForm } from './demo-form.js';
import { leadSecret } from './secret.js';
import { issueRenderToken } from './token.js';
import { RateLimiter } from './rate-limit.js';
import { submitLead } from './submit.js';

/** Largest submission body: a long message and a dozen fields fit well under it. */
export const MAX_SUBMIT_BYTES = 32 * 1024;
const TEN_MINUTES = 10 * 60_000;
/** Attempts per network prefix (an office shares one) and per form, per ten minutes. */
export const PREFIX_LIMIT = 20;
export const FORM_LIMIT = 300;

// Any site may embed a form: the public endpoints answer every origin, and never with cookies.
const publicCors = cors({ origin: '*', allowMethods: ['GET', 'POST', 'OPTIONS'], allowHeaders: ['Content-Type'], maxAge: 600 });

const localeOf = (s: string | undefined): LeadLocale => ((LEAD_LOCALES as readonly string[]).includes(s ?? '') ? (s as LeadLocale) : 'fr');

/** GET /forms/:id (definition + render token) and POST /forms/:id/submit, for the form bundle. */
export function publicFormRoutes(deps: AppDeps) {
  const app = new Hono();
  const keys = new VisitorKeys(deps.db);
  const byPrefix = new RateLimiter(PREFIX_LIMIT, TEN_MINUTES, deps.clock);
  const byForm = new RateLimiter(FORM_LIMIT, TEN_MINUTES, deps.clock);
  const isTrusted = trustedProxies(deps.config.trustedProxies);
  const ipOf = (c: Context) => clientIp(c, { isTrusted, header: deps.config.proxyHeader });

  app.get('/forms/:id', publicCors, (c) => {
    const now = deps.clock();
    const form = findPublicForm(deps.db, c.req.param('id'), now);
    if (!form) throw notFound('Form not found');
    const locale = localeOf(c.req.query('locale'));
    c.header('Cache-Control', 'no-store'); // each render gets its own token
    const reply: PublicFormReply = { form: publicForm(form), token: issueRenderToken(leadSecret(deps.db, now), form.id, now), locale, messages: leadMessages(locale) };
    return c.json(reply);
  });

  app.options('/forms/:id/submit', publicCors, (c) => c.body(null, 204));
  app.post('/forms/:id/submit', publicCors, async (c) => {
    const form = findPublicForm(deps.db, c.req.param('id'), deps.clock());
    if (!form) throw notFound('Form not found');
    const site = getSite(deps.db, form.orgId, form.siteId);
    if (!site) throw notFound('Form not found');
    const ip = ipOf(c);
    const wait = Math.max(byPrefix.hit(`${form.orgId}|${ipPrefix(ip)}`), byForm.hit(form.id));
    if (wait > 0) throw new AppError('rate-limited', 429, 'Too many submissions; try again later', undefined, { 'Retry-After': String(wait) });

    const parsed = zLeadSubmit.safeParse(await readJson(c, MAX_SUBMIT_BYTES));
    if (!parsed.success) throw fromZod(parsed.error);
    const now = deps.clock();
    let outcome;
    try {
      outcome = submitLead(
        { db: deps.db, bus: deps.bus, keys, secret: leadSecret(deps.db, now), now },
        form, site, parsed.data,
        { ip, userAgent: (c.req.header('user-agent') ?? '').slice(0, MAX_UA_LENGTH) },
      );
    } catch (err) {
      if (err instanceof AppError) throw err;
      // The lead is not stored: say so (503), so the form keeps the answers and the visitor retries.
      console.error('[vigie] lead submission not stored', err);
      deps.health.degraded('leads', 'a lead could not be written to the database');
      const message = leadMessage(parsed.data.locale ?? 'fr', 'unavailable');
      throw new AppError('unavailable', 503, message, undefined, { 'Retry-After': '5' });
    }
    deps.health.ok('leads');
    if (outcome.kind === 'fix') {
      const { field, code, message, suggestion } = outcome.problem;
      // The error envelope, plus the suggested address when the problem is a likely typo.
      return c.json({ error: { code: code === 'emailTypo' ? 'email-typo' : 'invalid-field', message, field, ...(suggestion ? { suggestion } : {}) } }, 400);
    }
    const reply: LeadSubmitReply = { ok: true };
    return c.json(reply, 200);
  });

  return app;
}
