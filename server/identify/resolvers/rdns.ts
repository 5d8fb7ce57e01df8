import { Resolver } from 'node:dns/promises';
import { CONFIDENCE as C } from '../confidence.js';
import { parseIpv6 } from '../ip.js';
import { companyDomainOfHost, isDynamicHostname } from '../network-names.js';
import { registrableDomain } from '../../companies/normalize.js';
import { LruCache } from '../lru.js';
import type { Verdict } from '../types.js';

/** What reverse DNS said about one address. */
export type RdnsResult =
  | { status: 'company'; host: string; domain: string }
  | { status: 'dynamic' | 'network-domain' | 'unconfirmed' | 'junk'; host: string }
  | { status: 'no-ptr' | 'timeout' | 'error'; detail?: string };

export type RdnsOptions = {
  /** `host` or `host:port`; empty = the system resolvers. */
  servers: readonly string[];
  timeoutMs?: number;
  cacheSize?: number;
  ttlMs?: number;
  negativeTtlMs?: number;
  clock?: () => number;
};

/**
 * Resolver 6: PTR, then forward confirmation (the name must resolve back to the address, or
 * anyone could publish a PTR naming a big company). One deadline covers both steps; results,
 * failures included, are cached (bounded, with a TTL) so a busy prefix costs one query.
 */
export class ReverseDns {
  private readonly resolver: Resolver;
  private readonly timeoutMs: number;
  private readonly cache: LruCache<RdnsResult>;
  private readonly inflight = new Map<string, Promise<RdnsResult>>();
  private readonly ttlMs: number;
  private readonly negativeTtlMs: number;

  constructor(opts: RdnsOptions) {
    this.timeoutMs = opts.timeoutMs ?? 300;
    this.resolver = new Resolver({ timeout: this.timeoutMs, tries: 1 });
    if (opts.servers.length) this.resolver.setServers([...opts.servers]);
    this.cache = new LruCache(opts.cacheSize ?? 20_000, opts.clock ?? Date.now);
    this.ttlMs = opts.ttlMs ?? 3_600_000;
    this.negativeTtlMs = opts.negativeTtlMs ?? 600_000;
  }

  /** Looks an address up (validated, normalised), answering within the timeout whatever DNS does. */
  lookup(ip: string, hintHost?: string | null): Promise<RdnsResult> {
    const key = hintHost ? `${ip}|${hintHost}` : ip;
    const hit = this.cache.get(key);
    if (hit) return Promise.resolve(hit);
    let p = this.inflight.get(key);
    if (!p) {
      p = this.withDeadline(this.resolve(ip, hintHost)).then((r) => {
        this.inflight.delete(key);
        this.cache.set(key, r, r.status === 'company' || r.status === 'dynamic' || r.status === 'network-domain' ? this.ttlMs : this.negativeTtlMs);
        return r;
      });
      this.inflight.set(key, p);
    }
    return p;
  }

  private async resolve(ip: string, hintHost?: string | null): Promise<RdnsResult> {
    let names: string[];
    try {
      names = hintHost ? [hintHost] : await this.resolver.reverse(ip);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTFOUND' || code === 'ENODATA') return { status: 'no-ptr' };
      if (code === 'ETIMEOUT' || code === 'ECANCELLED') return { status: 'timeout' };
      return { status: 'error', detail: String(code ?? err) };
    }
    const host = names.map((n) => n.replace(/\.$/, '').toLowerCase()).find(Boolean);
    if (!host) return { status: 'no-ptr' };
    if (!registrableDomain(host)) return { status: 'junk', host };
    if (isDynamicHostname(host, ip)) return { status: 'dynamic', host };
    const domain = companyDomainOfHost(host);
    if (!domain) return { status: 'network-domain', host };
    let addrs: string[];
    try {
      addrs = ip.includes(':') ? await this.resolver.resolve6(host) : await this.resolver.resolve4(host);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ETIMEOUT' || code === 'ECANCELLED') return { status: 'timeout' };
      return { status: 'unconfirmed', host };
    }
    return addrs.some((a) => sameAddress(a, ip)) ? { status: 'company', host, domain } : { status: 'unconfirmed', host };
  }

  private withDeadline(p: Promise<RdnsResult>): Promise<RdnsResult> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<RdnsResult>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'timeout' }), this.timeoutMs);
      timer.unref();
    });
    return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
  }
}

function sameAddress(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a.includes(':') || !b.includes(':')) return false;
  const x = parseIpv6(a);
  const y = parseIpv6(b);
  return Boolean(x && y && x.every((w, i) => w === y[i]));
}

/** A confirmed corporate host names a company by its domain; ISP-generated names classify the line. */
export function rdnsVerdict(r: RdnsResult): Verdict | null {
  switch (r.status) {
    case 'company':
      return { kind: 'company', candidate: { name: r.domain, domain: r.domain }, source: 'rdns', confidence: C.rdnsCompany, matched: r.host, evidence: { host: r.host, domain: r.domain, confirmed: true } };
    case 'dynamic':
      return { kind: 'class', class: 'isp', source: 'rdns', confidence: C.rdnsDynamic, matched: r.host, evidence: { host: r.host, reason: 'dynamic or residential host name' } };
    case 'network-domain':
      return { kind: 'class', class: 'isp', source: 'rdns', confidence: C.rdnsIspDomain, matched: r.host, evidence: { host: r.host, reason: 'host name of an access or cloud provider' } };
    case 'unconfirmed':
    case 'junk':
      return { kind: 'class', class: 'unknown', source: 'rdns', confidence: C.unknown, matched: r.host, evidence: { host: r.host, reason: r.status === 'junk' ? 'PTR is not a usable host name' : 'PTR not confirmed by forward lookup' } };
    default:
      return null;
  }
}
