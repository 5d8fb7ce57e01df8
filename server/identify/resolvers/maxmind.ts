import { nameKey, registrableDomain } from '../../companies/normalize.js';
import { classifyAs } from '../classify.js';
import { CONFIDENCE as C } from '../confidence.js';
import type { BlockLists } from '../asn/lists.js';
import type { MaxmindDatabases } from '../maxmind/databases.js';
import { isNetworkDomain } from '../network-names.js';
import type { PrefixSpan } from '../prefix-span.js';
import type { NetworkClass, Verdict } from '../types.js';

/** The fields Vigie reads from whichever MaxMind databases are configured. */
export type MaxmindSignals = {
  organization?: string;
  isp?: string;
  asn?: number;
  asOrganization?: string;
  domain?: string;
  /** `domain` after normalisation; null when the raw value is junk (`in-addr.arpa`). */
  registrableDomain?: string | null;
  userType?: string;
  connectionType?: string;
  legitimateProxy?: boolean;
  anonymous?: { vpn?: boolean; tor?: boolean; publicProxy?: boolean; residentialProxy?: boolean; hosting?: boolean; provider?: string; confidence?: number };
  country?: string;
  databases: string[];
};

type Traits = {
  organization?: string; isp?: string; domain?: string; autonomous_system_number?: number; autonomous_system_organization?: string;
  connection_type?: string; user_type?: string; is_legitimate_proxy?: boolean;
};
type AnonymousRecord = {
  is_anonymous_vpn?: boolean; is_tor_exit_node?: boolean; is_public_proxy?: boolean; is_residential_proxy?: boolean;
  is_hosting_provider?: boolean; provider_name?: string; anonymizer_confidence?: number;
};
type GeoRecord = { country?: { iso_code?: string }; registered_country?: { iso_code?: string }; traits?: Traits };

/**
 * Reads every configured database for one (validated) address; `span` learns whether every
 * record read holds for the whole prefix around it.
 */
export function maxmindSignals(dbs: MaxmindDatabases, ip: string, span?: PrefixSpan): MaxmindSignals {
  const s: MaxmindSignals = { databases: [] };
  const ent = dbs.get<GeoRecord>('enterprise', ip, span);
  if (ent) {
    s.databases.push('enterprise');
    mergeTraits(s, ent.traits ?? {});
    s.country = ent.country?.iso_code ?? ent.registered_country?.iso_code;
  }
  const isp = dbs.get<Traits>('isp', ip, span);
  if (isp) {
    s.databases.push('isp');
    mergeTraits(s, isp);
  }
  const asn = dbs.get<Traits>('asn', ip, span);
  if (asn) {
    s.databases.push('asn');
    s.asn ??= asn.autonomous_system_number;
    s.asOrganization ??= asn.autonomous_system_organization;
  }
  const dom = dbs.get<{ domain?: string }>('domain', ip, span);
  if (dom?.domain) {
    s.databases.push('domain');
    s.domain ??= dom.domain;
  }
  const conn = dbs.get<{ connection_type?: string }>('connection', ip, span);
  if (conn?.connection_type) {
    s.databases.push('connection');
    s.connectionType ??= conn.connection_type;
  }
  const anon = nonEmpty(dbs.get<AnonymousRecord>('anonymous', ip, span)) ?? nonEmpty(dbs.get<AnonymousRecord>('residential_proxy', ip, span));
  if (anon) {
    s.databases.push('anonymous');
    s.anonymous = {
      vpn: anon.is_anonymous_vpn, tor: anon.is_tor_exit_node, publicProxy: anon.is_public_proxy,
      residentialProxy: anon.is_residential_proxy ?? (anon.provider_name !== undefined ? true : undefined),
      hosting: anon.is_hosting_provider, provider: anon.provider_name, confidence: anon.anonymizer_confidence,
    };
  }
  const geo = dbs.get<GeoRecord>('city', ip, span) ?? dbs.get<GeoRecord>('country', ip, span);
  const country = geo?.country?.iso_code ?? geo?.registered_country?.iso_code;
  if (country) s.country = country;
  if (s.domain !== undefined) s.registrableDomain = registrableDomain(s.domain);
  return s;
}

// The anonymous-IP products answer `{}` for addresses they do not list.
const nonEmpty = <T extends object>(r: T | null): T | null => (r && Object.keys(r).length > 0 ? r : null);

function mergeTraits(s: MaxmindSignals, t: Traits): void {
  s.organization ??= t.organization;
  s.isp ??= t.isp;
  s.asn ??= t.autonomous_system_number;
  s.asOrganization ??= t.autonomous_system_organization;
  s.domain ??= t.domain;
  s.userType ??= t.user_type;
  s.connectionType ??= t.connection_type;
  s.legitimateProxy ??= t.is_legitimate_proxy;
}

const USER_TYPE_CLASS: Record<string, [NetworkClass, number]> = {
  residential: ['isp', C.maxmindStrongClass],
  cellular: ['mobile', C.maxmindStrongClass],
  consumer_privacy_network: ['vpn_proxy', C.maxmindStrongClass],
  hosting: ['hosting', C.maxmindClass],
  content_delivery_network: ['hosting', C.maxmindClass],
  search_engine_spider: ['hosting', C.maxmindClass],
  college: ['education', C.maxmindClass],
  school: ['education', C.maxmindClass],
  library: ['education', C.maxmindClass],
  government: ['government', C.maxmindClass],
  military: ['government', C.maxmindClass],
};

/**
 * Turns MaxMind signals into verdicts: the `organization` (when it is not the ISP itself) as a
 * company, `user_type` / `connection_type` / anonymous flags as classes. The pipeline then lets
 * a strong class (residential, cellular, VPN) beat the organisation name.
 */
export function maxmindVerdicts(s: MaxmindSignals, lists: BlockLists): Verdict[] {
  const out: Verdict[] = [];
  const ev = (extra: Record<string, unknown> = {}) => ({ ...pick(s), ...extra });
  const cls = (c: NetworkClass, confidence: number, matched: string, why: string) =>
    out.push({ kind: 'class', class: c, source: 'maxmind', confidence, matched, evidence: ev({ reason: why }) });

  const a = s.anonymous;
  if (a && (a.vpn || a.tor || a.publicProxy || a.residentialProxy)) {
    const conf = a.confidence !== undefined ? Math.max(0.5, Math.min(C.maxmindStrongClass, a.confidence / 100)) : C.maxmindStrongClass;
    cls('vpn_proxy', conf, a.provider ?? 'anonymous IP', 'MaxMind anonymous IP flags');
  } else if (a?.hosting) cls('hosting', C.maxmindHostingFlag, 'hosting provider', 'MaxMind anonymous IP: hosting provider');

  if (s.userType && USER_TYPE_CLASS[s.userType]) {
    const [c, conf] = USER_TYPE_CLASS[s.userType]!;
    cls(c, conf, `user_type ${s.userType}`, 'MaxMind user type');
  }
  if (s.legitimateProxy) cls('business_unknown', C.maxmindClass, 'legitimate proxy', 'MaxMind: corporate proxy');
  if (s.connectionType === 'Cellular') cls('mobile', C.maxmindCellular, 'connection_type Cellular', 'MaxMind connection type');
  else if (s.connectionType && ['Cable/DSL', 'Satellite', 'Dialup'].includes(s.connectionType)) {
    cls('isp', C.maxmindWeakClass, `connection_type ${s.connectionType}`, 'MaxMind connection type');
  }

  const domain = s.registrableDomain ?? null;
  const companyDomain = domain && !isNetworkDomain(domain) ? domain : null;
  if (domain && !companyDomain) cls('isp', C.maxmindWeakClass, domain, 'MaxMind domain is an access or cloud provider');

  const org = s.organization?.trim();
  if (org) {
    const own = s.isp ? sameGroup(org, s.isp) : false;
    const named = classifyAs(lists, own || org === s.asOrganization ? s.asn ?? 0 : 0, org);
    if (named.kind === 'class' && named.class !== 'unknown') {
      cls(named.class, Math.max(named.confidence, C.maxmindIspOnly), org, `MaxMind organization is a network operator (${named.reason})`);
    } else if (own && nameKey(org) !== nameKey(s.isp!)) {
      cls('isp', C.maxmindIspOnly, org, 'MaxMind organization is a brand of the ISP');
    } else {
      // organization = isp: MaxMind did not tell a customer from the network, only the name does.
      const sameAsIsp = s.isp !== undefined && nameKey(org) === nameKey(s.isp);
      const confidence = sameAsIsp ? C.asnCompany : s.userType === 'business' ? C.maxmindOrganization + 0.05 : C.maxmindOrganization;
      out.push({ kind: 'company', candidate: { name: org, domain: companyDomain, country: s.country ?? null }, source: 'maxmind', confidence, matched: org, evidence: ev() });
    }
  } else if (companyDomain) {
    out.push({ kind: 'company', candidate: { name: companyDomain, domain: companyDomain, country: s.country ?? null }, source: 'maxmind', confidence: C.maxmindDomain, matched: companyDomain, evidence: ev() });
  } else if (s.isp) {
    const named = classifyAs(lists, s.asn ?? 0, s.isp);
    cls(named.kind === 'class' && named.class !== 'unknown' ? named.class : 'isp', C.maxmindIspOnly, s.isp, 'MaxMind ISP without an organization');
  } else if (s.asn !== undefined && s.databases.includes('asn')) {
    const named = classifyAs(lists, s.asn, s.asOrganization ?? '');
    if (named.kind === 'class') cls(named.class, named.confidence, `AS${s.asn}`, `GeoLite2-ASN: ${named.reason}`);
    else out.push({ kind: 'company', candidate: { name: named.name, country: s.country ?? null }, source: 'maxmind', confidence: named.confidence, matched: `AS${s.asn}`, evidence: ev({ reason: named.reason }) });
  }
  if (s.userType === 'business' && !out.some((v) => v.kind === 'company')) cls('business_unknown', C.maxmindWeakClass, 'user_type business', 'MaxMind: business network, no organization');
  return out;
}

/** `AT&T Worldnet Services` and `AT&T Services`: the organisation is the ISP's own brand. */
function sameGroup(org: string, isp: string): boolean {
  const a = nameKey(org);
  const b = nameKey(isp);
  if (a === b) return true;
  const first = (k: string) => k.split(' ')[0] ?? '';
  return first(a).length >= 2 && first(a) === first(b);
}

function pick(s: MaxmindSignals): Record<string, unknown> {
  const { databases, organization, isp, asn, asOrganization, domain, userType, connectionType, legitimateProxy, anonymous } = s;
  return Object.fromEntries(
    Object.entries({ databases, organization, isp, asn, asOrganization, domain, userType, connectionType, legitimateProxy, anonymous }).filter(([, v]) => v !== undefined),
  );
}
