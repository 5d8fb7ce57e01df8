/**
 * How much each kind of evidence is worth, in one place so that the merge rules read as a table.
 * The pipeline keeps the best company verdict and the best class verdict; the class wins when
 * its confidence is at least the company's. So a strong class (MaxMind says residential) stops a
 * weak company guess (an AS name), and a confirmed company PTR beats a hosting-list match.
 */
export const CONFIDENCE = {
  manualRule: 1,
  // Learned mappings grow with evidence: 1 form → 0.6, 2 → 0.7, 3 → 0.8, capped at 0.9.
  learnedBase: 0.5,
  learnedStep: 0.1,
  learnedMax: 0.9,

  maxmindOrganization: 0.8,
  maxmindDomain: 0.7,
  maxmindStrongClass: 0.9, // user_type residential/cellular, anonymous VPN/Tor/proxy
  maxmindClass: 0.85, // user_type hosting/university/government…, legitimate proxy
  maxmindHostingFlag: 0.8,
  maxmindCellular: 0.85,
  maxmindWeakClass: 0.6, // connection_type Cable/DSL: small businesses use it too
  maxmindIspOnly: 0.7, // organization is the ISP itself

  asnSwg: 0.8,
  asnMobile: 0.8,
  asnIsp: 0.75,
  asnVpn: 0.75,
  asnPrivacyRelay: 0.7,
  asnHosting: 0.6,
  asnNamedClass: 0.6, // education / government / mobile by AS name
  asnNamedIsp: 0.55,
  asnNamedHosting: 0.5,
  asnCompany: 0.5, // lower than any MaxMind organisation
  asnBusinessCarrier: 0.45,
  asnOwnerCloud: 0.45,
  asnHandle: 0.2,

  rdnsCompany: 0.7,
  rdnsIspDomain: 0.6,
  rdnsDynamic: 0.5,

  formEmail: 0.9,
  unknown: 0,
} as const;
