import { CONFIDENCE as C } from './confidence.js';
import type { NetworkClass } from './types.js';
import type { BlockLists } from './asn/lists.js';
import {
  BUSINESS_CARRIER_ASNS, EDUCATION_ASNS, ISP_ASNS, MOBILE_ASNS, OWNER_CLOUD_ASNS, PRIVACY_RELAY_ASNS, SWG_ASNS,
} from './asn/known.js';

/** What an autonomous system's number and organisation name say about its users. */
export type AsClassification =
  | { kind: 'class'; class: NetworkClass; confidence: number; reason: string }
  | { kind: 'company'; name: string; confidence: number; reason: string };

const SWG_NAME = /\b(zscaler|netskope|forcepoint|menlo security|iboss|cato networks|opendns|prisma access)\b/i;
const EDUCATION_NAME =
  /\b(universit\w*|univ|college|school|[eé]cole|schule|hochschule|lyc[eé]e|academ(y|ic)|education|[eé]ducation|enseignement|polytechn\w*|institute of technology|research and education|research network|campus)\b/i;
const GOVERNMENT_NAME =
  /\b(government|gouvernement|ministry|minist[eè]re|ministerio|ministerie|ministerium|interminist\w*|department of|dept\.? of|state of|city of|county|municipal\w*|federal (government|agency|office|ministry)|bundesamt|bundesministerium|pr[eé]fecture|mairie|conseil (d[eé]partemental|r[eé]gional)|military|armed forces|army|navy|air force|police|parliament|senate|gov)\b/i;
const MOBILE_NAME = /\b(mobile|mobil|wireless|cellular|cellco|lte|gsm|3g|4g|5g)\b/i;
const ISP_NAME =
  /\b(telecoms?|telekom\w*|telecommunications?|telecomunica\w*|telekomunik\w*|communications?|comunica\w*|iletisim|svyaz|broadband|cable|internet|isp|telco|fib(re|er)|dsl|wimax|wisp|wi-?fi|wireless isp|high ?speed|provedor|provider|multimidia|voip|t[eé]l[eé]com\w*|telef[oó]nica|telefon\w*|telephone|tele\w*|vodafone|orange|networks?|online|\w+net|net)\b/i;
// Words ending in "net" that are not networks.
const NOT_NETWORK = /\b(cabinet|planet|bonnet|sonnet|magnet|garnet|hornet|baronet|bassinet|clarinet|internet banking)\b/i;
const HOSTING_NAME =
  /\b(hosting|host\w*|hoster|datacent(er|re)s?|data cent(er|re)s?|cloud\w*|servers?|server\w*|colo|colocation|vps|dedicated|cdn|web services|ix|ixp|internet exchange)\b/i;
// An AS held by one person (sole proprietor, Brazilian ME/EIRELI, Ukrainian PE): usually a tiny ISP.
const PERSON = /\b(sole proprietor\w*|trading as|eireli)\b|^PE\s|-ME$|\bME$/i;
// RIR handles such as `DNIC-ASBLK-05800-06055` or `CELLCO-PART`: not a readable organisation name.
const HANDLE = /^[A-Z0-9]+(?:[-_][A-Z0-9]+)+$/;

/**
 * Classifies an AS from maintained ASN lists first, then the shipped hosting/VPN lists, then name
 * patterns. Only an AS that looks like one organisation yields a company, with a low confidence.
 * Example: `classifyAs(lists, 3215, 'Orange S.A.')` → `{ kind: 'class', class: 'isp', … }`.
 */
export function classifyAs(lists: BlockLists, asn: number, rawName: string): AsClassification {
  const name = rawName.replace(/^AS\d+\s*[-:]?\s*/i, '').trim();
  const cls = (c: NetworkClass, confidence: number, reason: string): AsClassification => ({ kind: 'class', class: c, confidence, reason });
  if (SWG_ASNS[asn]) return cls('business_unknown', C.asnSwg, `secure web gateway: ${SWG_ASNS[asn]}`);
  if (MOBILE_ASNS[asn]) return cls('mobile', C.asnMobile, `mobile operator: ${MOBILE_ASNS[asn]}`);
  if (ISP_ASNS[asn]) return cls('isp', C.asnIsp, `ISP: ${ISP_ASNS[asn]}`);
  if (EDUCATION_ASNS[asn]) return cls('education', C.asnNamedClass, `research and education network: ${EDUCATION_ASNS[asn]}`);
  if (PRIVACY_RELAY_ASNS[asn]) return cls('vpn_proxy', C.asnPrivacyRelay, `privacy relay: ${PRIVACY_RELAY_ASNS[asn]}`);
  if (BUSINESS_CARRIER_ASNS[asn]) return cls('business_unknown', C.asnBusinessCarrier, `business carrier: ${BUSINESS_CARRIER_ASNS[asn]}`);
  if (OWNER_CLOUD_ASNS[asn]) return cls('hosting', C.asnOwnerCloud, `cloud that also carries its owner's staff: ${OWNER_CLOUD_ASNS[asn]}`);
  if (lists.vpn.has(asn)) return cls('vpn_proxy', C.asnVpn, 'VPN ASN list (X4BNet)');
  if (lists.hosting.has(asn)) return cls('hosting', C.asnHosting, 'hosting ASN list (X4BNet / brianhama)');
  if (!name) return cls('unknown', C.unknown, 'AS without a name');
  if (SWG_NAME.test(name)) return cls('business_unknown', C.asnSwg, 'secure web gateway by name');
  if (EDUCATION_NAME.test(name)) return cls('education', C.asnNamedClass, 'education by name');
  if (GOVERNMENT_NAME.test(name)) return cls('government', C.asnNamedClass, 'government by name');
  if (MOBILE_NAME.test(name)) return cls('mobile', C.asnNamedClass, 'mobile operator by name');
  if (HOSTING_NAME.test(name)) return cls('hosting', C.asnNamedHosting, 'hosting by name');
  if (ISP_NAME.test(name) && !NOT_NETWORK.test(name)) return cls('isp', C.asnNamedIsp, 'ISP or carrier by name');
  if (PERSON.test(name)) return cls('unknown', C.asnHandle, 'AS held by an individual');
  if (HANDLE.test(name) || !/\p{L}{2}/u.test(name)) return cls('unknown', C.asnHandle, 'AS registry handle, no organisation name');
  return { kind: 'company', name, confidence: C.asnCompany, reason: 'AS registered to a single organisation' };
}
