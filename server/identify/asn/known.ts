/*
 * Vigie's own, maintained ASN lists (the hosting/VPN block lists are shipped MIT data in
 * data/asn-class/). Each entry names the operator as the AS registry shows it; add a line,
 * with its name, when a network is misclassified. Mixed fixed+mobile operators are `isp`;
 * `mobile` is for ASNs that carry (almost) only mobile subscribers.
 */

/** Secure web gateways / SASE egress: a real business is behind them, its name is unknown. */
export const SWG_ASNS: Record<number, string> = {
  22616: 'Zscaler', 53813: 'Zscaler', 62044: 'Zscaler Switzerland', 55256: 'Netskope',
  54538: 'Palo Alto Networks Prisma Access', 36692: 'Cisco Umbrella (OpenDNS)', 62654: 'Menlo Security',
  396253: 'iboss', 44444: 'Forcepoint', 13150: 'Cato Networks',
};

/** Consumer and mixed ISPs (fixed lines, often with mobile too). */
export const ISP_ASNS: Record<number, string> = {
  // France
  3215: 'Orange', 15557: 'SFR', 21502: 'SFR (ex-Numericable)', 12322: 'Free', 5410: 'Bouygues Telecom',
  34177: 'Celeste', 6871: 'BT (Plusnet)',
  // Europe
  3320: 'Deutsche Telekom', 3209: 'Vodafone Germany', 6805: 'Telefonica Germany', 6830: 'Liberty Global',
  2856: 'British Telecom', 5607: 'Sky UK', 5089: 'Virgin Media', 35228: 'Telefonica UK (O2)',
  3352: 'Telefonica Spain', 12479: 'Orange Spain', 12430: 'Vodafone Spain', 3269: 'Telecom Italia',
  12874: 'Fastweb', 30722: 'Vodafone Italy', 1267: 'Wind Tre', 5432: 'Proximus', 6848: 'Telenet',
  47377: 'Orange Belgium', 3303: 'Swisscom', 6730: 'Sunrise', 1136: 'KPN', 33915: 'Vodafone Ziggo',
  5617: 'Orange Polska', 2119: 'Telenor Norway', 3301: 'Telia', 29518: 'Bredband2', 16086: 'DNA Finland',
  8447: 'A1 Telekom Austria', 9121: 'Turk Telekom', 8359: 'MTS', 12389: 'Rostelecom', 3216: 'Vimpelcom (Beeline)',
  // Americas
  7922: 'Comcast', 20115: 'Charter', 22773: 'Cox', 7018: 'AT&T', 812: 'Rogers', 577: 'Bell Canada',
  5769: 'Videotron', 6327: 'Shaw', 26599: 'Telefonica Brasil (Vivo)', 18881: 'Telefonica Brasil',
  10429: 'Telefonica Brasil', 27699: 'Telefonica Brasil', 28573: 'Claro Brasil', 4230: 'Claro', 8151: 'Telmex (Uninet)',
  7738: 'V.tal (Oi)', 11830: 'ICE Costa Rica', 14593: 'Starlink',
  // Asia-Pacific
  1221: 'Telstra', 2516: 'KDDI', 17676: 'SoftBank', 9498: 'Bharti Airtel', 4134: 'China Telecom',
  4837: 'China Unicom', 4766: 'Korea Telecom', 3462: 'Chunghwa Telecom', 7473: 'Singtel', 4788: 'TM Malaysia',
  9829: 'BSNL',
};

/** Mobile-only networks. */
export const MOBILE_ASNS: Record<number, string> = {
  51207: 'Free Mobile', 6167: 'Verizon Wireless (Cellco)', 22394: 'Verizon Wireless', 21928: 'T-Mobile USA',
  20057: 'AT&T Mobility', 12576: 'EE', 25135: 'Vodafone UK', 8412: 'T-Mobile Austria', 44244: 'Irancell',
  16135: 'Turkcell', 31133: 'MegaFon', 9605: 'NTT Docomo', 55836: 'Reliance Jio', 45609: 'Bharti Airtel Mobile',
  9808: 'China Mobile', 56040: 'China Mobile',
};

/**
 * Transit and business-only access carriers. The hosting block lists contain some of them
 * (see data/asn-class/README.md), but their customers include real offices on dedicated lines:
 * a business, name unknown, with a weak confidence that a company PTR or rule overrides.
 */
export const BUSINESS_CARRIER_ASNS: Record<number, string> = {
  6939: 'Hurricane Electric', 4323: 'tw telecom', 3561: 'Savvis/CenturyLink', 7850: 'CityLink Fiber',
  3356: 'Lumen (Level 3)', 174: 'Cogent', 8220: 'Colt', 8228: 'SFR Business (ex-Completel)', 2914: 'NTT America',
  1299: 'Arelion', 3257: 'GTT', 6461: 'Zayo', 701: 'Verizon Business',
};

/**
 * Big clouds that also carry their owners' own staff: a cloud VM and a Microsoft employee look
 * the same at ASN level, so `hosting` with a low confidence (any stronger evidence wins).
 */
export const OWNER_CLOUD_ASNS: Record<number, string> = {
  8075: 'Microsoft', 15169: 'Google', 16509: 'Amazon', 14618: 'Amazon',
};

/** Apple iCloud Private Relay egress (Akamai): real people, company unknowable. */
export const PRIVACY_RELAY_ASNS: Record<number, string> = { 36183: 'Akamai (iCloud Private Relay)' };

/** National research and education networks, whose names do not say "university". */
export const EDUCATION_ASNS: Record<number, string> = {
  2200: 'Renater', 786: 'Jisc (JANET)', 680: 'DFN', 11537: 'Internet2', 1103: 'SURF', 766: 'RedIRIS',
  137: 'GARR', 559: 'SWITCH', 2611: 'Belnet', 20965: 'GEANT',
};
