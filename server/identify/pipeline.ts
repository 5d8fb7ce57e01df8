import type { Db } from '../db/open.js';
import { CONFIDENCE as C } from './confidence.js';
import { isPublicIp, normalizeIp, toIpNum, type IpNum } from './ip.js';
import { NetworkCache } from './network-cache.js';
import { PrefixSpan } from './prefix-span.js';
import type { BlockLists } from './asn/lists.js';
import type { MaxmindDatabases } from './maxmind/databases.js';
import type { AsnResolver } from './resolvers/asn-table.js';
import type { CountryResolver } from './resolvers/country.js';
import { resolveLearned } from './resolvers/learned.js';
import { resolveManual } from './resolvers/manual.js';
import { maxmindSignals, maxmindVerdicts } from './resolvers/maxmind.js';
import { rdnsVerdict, type ReverseDns } from './resolvers/rdns.js';
import type { Hints, Identification, Verdict } from './types.js';

/**
 * What one organisation-independent lookup found; cached for `networkTtlMs` per /24 (/48), or
 * per address when a source answers for a narrower network.
 */
type NetworkPart = { verdicts: readonly Verdict[]; country: string | null };

/** Everything the pipeline reads. Built by `createIdentifier`; tests build their own. */
export type IdentifyContext = {
  db: Db;
  lists: BlockLists;
  asn: AsnResolver;
  maxmind: MaxmindDatabases;
  country: CountryResolver;
  rdns: ReverseDns | null;
  network: NetworkCache<NetworkPart>;
  networkTtlMs: number;
};

export function networkCache(size = 50_000, clock: () => number = Date.now): NetworkCache<NetworkPart> {
  return new NetworkCache<NetworkPart>(size, clock);
}

const PRIVATE: NetworkPart = {
  verdicts: [{ kind: 'class', class: 'unknown', source: 'asn_table', confidence: C.unknown, matched: 'private or reserved address', evidence: {} }],
  country: null,
};

/**
 * Identifies one IP for one organisation. Resolvers, highest priority first: manual IP rules
 * (final), learned mappings, MaxMind, the embedded ASN table, reverse DNS (only when it could
 * still change the outcome); the country comes from MaxMind or the embedded country database.
 * Invalid input never reaches a lookup: it answers class `unknown`.
 * Example: `await identifyIp(ctx, orgId, '203.0.113.9')` → `{ class: 'isp', company: null, … }`.
 */
export async function identifyIp(ctx: IdentifyContext, orgId: string, ip: string, hints: Hints = {}): Promise<Identification> {
  const norm = normalizeIp(ip);
  const num = norm ? toIpNum(norm) : null;
  if (!norm || !num) {
    return { ip: String(ip).slice(0, 64), class: 'unknown', company: null, confidence: 0, source: null, country: null, evidence: [] };
  }
  // The organisation's own rules and mappings (in memory) come first and are never cached with
  // the network's answer: they change at any time and may cover any range.
  const manual = resolveManual(ctx.db, orgId, num);
  if (manual) return finish(norm, [manual], networkPart(ctx, norm, num).country);
  const learned = resolveLearned(ctx.db, orgId, num);
  const net = networkPart(ctx, norm, num);
  const verdicts: Verdict[] = [];
  if (learned) verdicts.push(learned);
  verdicts.push(...net.verdicts);
  if (ctx.rdns && isPublicIp(num) && maxConfidence(verdicts) < C.rdnsCompany) {
    const v = rdnsVerdict(await ctx.rdns.lookup(norm, hints.hostname));
    if (v) verdicts.push(v);
  }
  return finish(norm, verdicts, net.country);
}

/**
 * The organisation-independent verdicts (MaxMind, ASN table) and country of an address, cached
 * for its whole /24 (/48) only when every database's network holding it covers that prefix.
 */
export function networkPart(ctx: IdentifyContext, ip: string, num: IpNum): NetworkPart {
  if (!isPublicIp(num)) return PRIVATE;
  const cached = ctx.network.get(ip, num);
  if (cached) return cached;
  const generation = ctx.network.generation;
  const span = new PrefixSpan(num);
  const verdicts: Verdict[] = [];
  let mmCountry: string | undefined;
  if (ctx.maxmind.configured) {
    const signals = maxmindSignals(ctx.maxmind, ip, span);
    mmCountry = signals.country;
    verdicts.push(...maxmindVerdicts(signals, ctx.lists));
  }
  const asn = ctx.asn.resolve(num, span);
  if (asn) verdicts.push(asn);
  const part = { verdicts, country: ctx.country.resolve(ip, mmCountry, span) };
  ctx.network.set(ip, num, part, span.whole, ctx.networkTtlMs, generation);
  return part;
}

/**
 * Keeps the best company verdict and the best class verdict; the class wins when it is at least
 * as sure (an ISP range never becomes a company). Ties go to the earlier, higher-priority source.
 */
export function merge(verdicts: readonly Verdict[]): Verdict | null {
  let company: Verdict | null = null;
  let cls: Verdict | null = null;
  for (const v of verdicts) {
    if (v.kind === 'company') {
      if (!company || v.confidence > company.confidence) company = v;
    } else if (!cls || v.confidence > cls.confidence) cls = v;
  }
  if (!company) return cls;
  if (cls && cls.confidence >= company.confidence) return cls;
  return company;
}

function finish(ip: string, verdicts: readonly Verdict[], country: string | null): Identification {
  const winner = merge(verdicts);
  const others = verdicts.filter((v) => v !== winner).sort((a, b) => b.confidence - a.confidence);
  const evidence = (winner ? [winner, ...others] : others).map((v) => ({
    source: v.source,
    kind: v.kind,
    value: v.kind === 'company' ? v.candidate.name : v.class,
    matched: v.matched,
    confidence: v.confidence,
    detail: v.evidence,
  }));
  if (!winner) return { ip, class: 'unknown', company: null, confidence: 0, source: null, country, evidence };
  if (winner.kind === 'class') return { ip, class: winner.class, company: null, confidence: winner.confidence, source: winner.source, country, evidence };
  const c = winner.candidate;
  const company = {
    ...(winner.companyId ? { id: winner.companyId } : {}),
    name: c.name,
    domain: c.domain ?? domainFromAgreeing(winner, verdicts),
    siren: c.siren ?? null,
    country: c.country ?? country,
  };
  return { ip, class: 'company', company, confidence: winner.confidence, source: winner.source, country, evidence };
}

/** A weaker verdict naming the same company may know its domain (MaxMind org + its PTR domain). */
function domainFromAgreeing(winner: Verdict & { kind: 'company' }, verdicts: readonly Verdict[]): string | null {
  for (const v of verdicts) {
    if (v === winner || v.kind !== 'company' || !v.candidate.domain) continue;
    if (v.candidate.name.toLowerCase() === winner.candidate.name.toLowerCase()) return v.candidate.domain;
  }
  return null;
}

function maxConfidence(verdicts: readonly Verdict[]): number {
  let m = 0;
  for (const v of verdicts) if (v.confidence > m) m = v.confidence;
  return m;
}
