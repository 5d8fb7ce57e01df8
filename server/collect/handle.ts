import type { Context } from 'hono';
import { AppError } from '../http/errors.js';
import { readBodyText } from '../http/body.js';
import { clientIp, type ProxyHeader } from '../http/client-ip.js';
import { MAX_UA_LENGTH } from './agent.js';
import type { Collector } from './collector.js';
import { unavailable } from './collector.js';
import type { TrafficHit } from './hit.js';
import { ipPrefix } from './ip-prefix.js';
import { checkContentType, parseCollectBody } from './payload.js';
import { siteAllows } from './sites.js';
import { pageParts } from './page-url.js';

/** Bodies above this are refused (413) while streaming, before any parsing. */
export const MAX_BODY_BYTES = 8 * 1024;

/**
 * What the collector reads of a request, whichever way it came: through Hono (`honoCollectRequest`)
 * or straight from Node ahead of the router (node-route.ts). Headers are read by lower-case name;
 * repeated headers come joined with ", ", as Hono gives them.
 */
export type CollectRequest = {
  header: (name: 'content-type' | 'user-agent' | ProxyHeader) => string | undefined;
  /** The body as text, size-capped (413) and UTF-8 checked (400). */
  text: () => Promise<string>;
  /** The client IP: socket peer, or the trusted proxies' header (client-ip.ts). */
  ip: () => string;
};

/** A Hono request as a CollectRequest. */
export function honoCollectRequest(c: Context, col: Collector): CollectRequest {
  return {
    header: (name) => c.req.header(name),
    text: () => readBodyText(c, MAX_BODY_BYTES),
    ip: () => clientIp(c, col.ipOptions),
  };
}

/**
 * Validates one hit and waits until it is committed. Throws AppError for every refusal:
 * 415/413/400 bad input, 403 unknown site or foreign page host, 503 when it cannot be stored.
 * The IP, user agent and time always come from the request, never from the body. A hit that
 * opens a session is announced (`session-started`, for identification) by the collector once it
 * is in its tables, which may be after the 202.
 */
export async function handleCollect(req: CollectRequest, col: Collector): Promise<void> {
  checkContentType(req.header('content-type'));
  const payload = parseCollectBody(await req.text());
  const site = col.sites.find(payload.site);
  if (!site) throw new AppError('forbidden', 403, 'site: unknown site key', 'site');
  const page = pageParts(payload.url);
  if (!siteAllows(site, page.hostname)) throw new AppError('forbidden', 403, 'url: host is not a domain of this site', 'url');

  const userAgent = (req.header('user-agent') ?? '').slice(0, MAX_UA_LENGTH);
  const agent = col.agents.parse(userAgent);
  const now = col.clock();
  if (agent.bot) {
    // Counted, and answered like any hit: nothing tells a bot it was recognised.
    await col.writer.write({ kind: 'bot', orgId: site.orgId, siteId: site.id, ts: now }).catch(() => Promise.reject(unavailable()));
    return;
  }

  const ip = req.ip();
  let visitorKey: string;
  let hashKey: string | null = null;
  try {
    visitorKey = col.keys.keyOf(site.id, ip, userAgent, payload.cid, now);
    if (payload.cid) hashKey = col.keys.keyOf(site.id, ip, userAgent, null, now);
  } catch {
    throw unavailable(); // the daily salt could not be written
  }
  const hit: TrafficHit = {
    kind: 'traffic',
    orgId: site.orgId,
    siteId: site.id,
    visitorKey,
    hashKey,
    ts: now,
    type: payload.type,
    url: payload.url,
    path: page.pathname,
    title: payload.title ?? null,
    referrer: payload.referrer ?? null,
    name: payload.type === 'event' ? (payload.name ?? null) : null,
    props: payload.type === 'event' && payload.props ? JSON.stringify(payload.props) : null,
    engagedMs: payload.type === 'engagement' ? (payload.engagedMs ?? 0) : null,
    ipPrefix: ipPrefix(ip),
    browser: agent.browser,
    os: agent.os,
    device: agent.device,
    language: payload.lang ?? null,
    screen: payload.screen ?? null,
  };
  col.origins.hold(hit, ip, userAgent);
  try {
    await col.writer.write(hit);
  } catch {
    col.origins.release(hit);
    throw unavailable();
  }
}
