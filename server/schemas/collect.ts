import { z } from 'zod';

/**
 * A string cut to `max` UTF-16 units instead of refused: an overlong page title or referrer is
 * still a visit, and the tracker stays smaller without its own caps. A pair cut in half loses its
 * high surrogate (a lone one cannot be stored as UTF-8). Not a string: still a 400.
 */
const capped = (max: number) =>
  z.string().transform((s) => (s.length > max ? s.slice(0, /[\ud800-\udbff]/.test(s[max - 1]!) ? max - 1 : max) : s));

/**
 * What the tracker sends to POST /api/collect (as text/plain JSON, to avoid a CORS preflight).
 * Nothing here can set the IP, user agent or time: the server takes those from the request, and
 * unknown keys (`ip`, `userAgent`, `timestamp`, …) are dropped by the parse.
 * The tracker imports this file as a type only, so no zod reaches its bundle.
 */
/** A page loaded as https://user:password@host/ must not put the password in the database. */
function withoutCredentials(url: string): string {
  if (!/^https?:\/\/[^/?#]*@/i.test(url)) return url;
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.href;
}

export const zCollectPayload = z.object({
  site: z.string().min(1).max(64),
  type: z.enum(['pageview', 'event', 'engagement']).default('pageview'),
  url: z.url({ protocol: /^https?$/ }).max(2048).transform(withoutCredentials),
  referrer: capped(2048).nullish(),
  title: capped(512).nullish(),
  screen: z.number().int().min(0).max(100_000).nullish(),
  lang: z.string().max(35).nullish(),
  /** Custom event name (type = event). */
  name: z.string().min(1).max(100).nullish(),
  /** Custom event properties: flat, small. */
  props: z
    .record(z.string().max(64), z.union([z.string().max(512), z.number(), z.boolean()]))
    .refine((p) => Object.keys(p).length <= 30, 'at most 30 properties')
    .nullish(),
  /** Visible time on the page since the last engagement ping (type = engagement). */
  engagedMs: z.number().int().min(0).max(86_400_000).nullish(),
  /** First-party id kept in localStorage only after vigie('consent', true). */
  cid: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).nullish(),
}).refine((p) => p.type !== 'event' || !!p.name, { path: ['name'], message: 'a custom event needs a name' });
export type CollectPayload = z.infer<typeof zCollectPayload>;
