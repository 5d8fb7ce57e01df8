import { domainToASCII } from 'node:url';
import type { Db } from '../db/open.js';
import { findSiteByPublicKey } from '../orgs/repo.js';

/**
 * What the collector needs of a site: its tenant and the hosts its pages may live on.
 * `hosts`: page hosts already checked against the domains (the directory's entry is short-lived).
 */
export type CollectSite = { id: string; orgId: string; domains: readonly string[]; hosts?: Map<string, boolean> };

/** `hostAllowed` for a site, remembering the answer per page host (a site has few). */
export function siteAllows(site: CollectSite, host: string): boolean {
  const hosts = (site.hosts ??= new Map());
  let ok = hosts.get(host);
  if (ok === undefined) {
    ok = hostAllowed(host, site.domains);
    if (hosts.size >= 1_000) hosts.clear(); // spam with random subdomains must not grow it
    hosts.set(host, ok);
  }
  return ok;
}

/** Lower case, ASCII (punycode), no scheme, port, path, trailing dot or leading `*.`/`www.`-less wildcard. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  h = h.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#].*$/, '');
  if (h.startsWith('[')) h = h.replace(/\]:\d+$/, ']');
  else h = h.replace(/:\d+$/, '');
  h = h.replace(/\.$/, '').replace(/^\*\./, '');
  return h.startsWith('[') ? h : domainToASCII(h) || h;
}

/** True when `host` is one of the site's domains or a subdomain of one (case and port ignored). */
export function hostAllowed(host: string, domains: readonly string[]): boolean {
  const h = normalizeHost(host);
  if (!h) return false;
  return domains.some((d) => h === d || h.endsWith(`.${d}`));
}

/**
 * Site lookups by public key, cached for a few seconds: the collector looks a site up on every
 * hit, while a domain edited in the dashboard only needs to apply within `ttlMs`.
 */
export class SiteDirectory {
  private readonly cache = new Map<string, { site: CollectSite | null; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly clock: () => number = Date.now,
    private readonly ttlMs = 10_000,
  ) {}

  find(publicKey: string): CollectSite | null {
    const now = this.clock();
    const hit = this.cache.get(publicKey);
    if (hit && hit.until > now) return hit.site;
    const row = findSiteByPublicKey(this.db, publicKey);
    const site = row ? { id: row.id, orgId: row.orgId, domains: row.domains.map(normalizeHost).filter(Boolean) } : null;
    // Unknown keys are remembered briefly only, so that a site created a moment ago starts counting at once.
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(publicKey, { site, until: now + (site ? this.ttlMs : 1_000) });
    return site;
  }
}
