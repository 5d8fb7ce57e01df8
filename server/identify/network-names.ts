import { createRequire } from 'node:module';
import { registrableDomain } from '../companies/normalize.js';

/*
 * Names that belong to networks, not to companies: ISP and hosting domains, dynamic host names.
 * Shared by the reverse-DNS and MaxMind resolvers.
 */

/** Registrable domains of access providers and clouds (PTR and MaxMind `domain` values). */
const NETWORK_DOMAINS = new Set([
  // France
  'orange.fr', 'wanadoo.fr', 'orange-business.com', 'sfr.net', 'sfr.fr', 'neuf.fr', 'numericable.fr', 'free.fr', 'proxad.net',
  'freebox.fr', 'bbox.fr', 'bouyguestelecom.fr', 'bouygtel.fr', 'club-internet.fr', 'oleane.fr', 'completel.fr', 'nerim.net',
  'ovh.net', 'ovh.com', 'ovh.ca', 'kimsufi.com', 'scaleway.com', 'online.net', 'poneytelecom.eu', 'ip-ns.eu',
  // International access
  'verizon.net', 'verizonbusiness.com', 'comcast.net', 'comcastbusiness.net', 'att.net', 'sbcglobal.net', 'pacbell.net',
  'ameritech.net', 'qwest.net', 'centurylink.net', 'covad.net', 'nuvox.net', 'speakeasy.net', 'rr.com', 'charter.com',
  'spectrum.com', 'cox.net', 'frontiernet.net', 'frpt.net', 'starlinkisp.net', 'telebecinternet.net', 'rogers.com',
  'bell.ca', 'videotron.ca', 'shawcable.net', 'btcentralplus.com', 'bt.net', 'virginm.net', 'sky.com', 'talktalk.net',
  'plus.net', 't-ipconnect.de', 't-online.de', 'telekom.de', 'vodafone.de', 'kabel-deutschland.de', 'versatel.de',
  'telefonica.de', 'telefonica.net', 'rima-tde.net', 'movistar.es', 'telecomitalia.it', 'tim.it', 'fastwebnet.it', 'popwifi.it',
  'proximus.be', 'skynet.be', 'telenet.be', 'swisscom.ch', 'bluewin.ch', 'kpn.net', 'ziggo.nl', 'chello.nl', 'telia.com',
  'bredband2.com', 'comhem.se', 'telstra.net', 'bigpond.net.au', 'gol.ne.jp', 'ocn.ne.jp', 'bbtec.net', 'vodafone.com',
  // Clouds and CDNs
  'amazonaws.com', 'googleusercontent.com', '1e100.net', 'cloudfront.net', 'akamaitechnologies.com', 'akamai.net',
  'linode.com', 'digitalocean.com', 'your-server.de', 'hetzner.com', 'contabo.net', 'vultr.com', 'azure.com', 'cloudapp.net',
  'msn.com', 'fastly.net', 'cloudflare.com', 'leaseweb.net', 'hostwindsdns.com', 'zscaler.net', 'zscloud.net',
]);

// A label that says "access network": telebecinternet, wifi-pop, adsl…
const NETWORK_LABEL = /(telecom|telekom|internet|isp\b|broadband|cable|dsl|fibre|fiber|wifi|wireless|mobile|dialup|ppp|hosting|cloud|vps|dedibox)/;

let freeMail: Set<string> | null = null;
/** Free-mail and ISP mail domains (email-providers/all.json): never a company. */
export function isFreeMailDomain(domain: string): boolean {
  if (!freeMail) {
    const require = createRequire(import.meta.url);
    freeMail = new Set(require('email-providers/all.json') as string[]);
  }
  return freeMail.has(domain);
}

/** Whether a registrable domain belongs to an access provider, a cloud or a mail provider. */
export function isNetworkDomain(domain: string): boolean {
  if (NETWORK_DOMAINS.has(domain) || isFreeMailDomain(domain)) return true;
  const label = domain.split('.')[0]!;
  return NETWORK_LABEL.test(label);
}

// Dynamic/residential words seen in ISP PTR names (as whole labels or label parts).
// Words a company would not pick for its own gateway, but ISPs put in generated names.
const DYNAMIC_WORDS =
  /(^|[.\-_\d])(dsl|adsl|vdsl|xdsl|dyn|dynamic|dynip|pool|cust|customer|cable|dhcp|ppp|pppoe|dial|dialup|broadband|res|residential|subscriber|cpe|fttx|ftth|fttb|gpon|lte|mobile|cgnat|unassigned|in-addr|lns|bras|abo|modem)(?=$|[.\-_\d])/i;

/**
 * Whether a host name looks generated for an access line rather than named by a company:
 * it embeds the IP's digits (`81-2-69-142.dsl.example.net`, `static.142.69.2.81.ovh.net`, a
 * zero-padded or hex form) or uses ISP words (`dsl`, `dyn`, `pool`, `cust`, `cable`, …).
 */
export function isDynamicHostname(host: string, ip: string): boolean {
  const h = host.toLowerCase();
  if (DYNAMIC_WORDS.test(h)) return true;
  return embedsIp(h, ip);
}

function embedsIp(host: string, ip: string): boolean {
  if (ip.includes(':')) {
    // IPv6: several hex groups of the address appear in the name.
    const groups = ip.toLowerCase().split(':').filter((g) => g.length >= 2);
    return groups.filter((g) => host.includes(g)).length >= 2;
  }
  const o = ip.split('.');
  const digits = host.replace(/[^0-9]+/g, '.');
  const joinedFwd = o.join('.');
  const joinedRev = [...o].reverse().join('.');
  if (`.${digits}.`.includes(`.${joinedFwd}.`) || `.${digits}.`.includes(`.${joinedRev}.`)) return true;
  const padded = o.map((x) => x.padStart(3, '0')).join('');
  if (host.includes(padded) || host.includes([...o].reverse().map((x) => x.padStart(3, '0')).join(''))) return true;
  const hex = o.map((x) => Number(x).toString(16).padStart(2, '0')).join('');
  if (host.includes(hex)) return true;
  // The last two octets together (e.g. `…-69-142.`) are already a strong sign.
  return `.${digits}.`.includes(`.${o[2]}.${o[3]}.`) && /\d+[.-]\d+[.-]\d+/.test(host);
}

/** The registrable domain of a host name if it can name a company, else null. */
export function companyDomainOfHost(host: string): string | null {
  const d = registrableDomain(host);
  if (!d || isNetworkDomain(d)) return null;
  return d;
}
