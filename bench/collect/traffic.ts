/**
 * Realistic collector traffic for the load process: about 2,000 visitors browsing at the same time
 * (public IPs sent through X-Forwarded-For, trusted from 127.0.0.1 by the benchmark server), each making
 * 1 to 9 hits (5 on average) before leaving and being replaced by a new visitor, so about one hit
 * in five starts a session. Five sites, five browsers, mostly pageviews with some engagement pings
 * and custom events, campaign parameters on some landing URLs.
 */
let siteKeys: string[] = ['bench'];

const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80',
];
const PAGES = ['/', '/produits', '/produits/capteurs-industriels', '/tarifs', '/references/aeronautique', '/blog/maintenance-predictive', '/contact'];
const CONCURRENT = 2_000;

export function setup(arg: unknown): void {
  siteKeys = (arg as { siteKeys: string[] }).siteKeys;
}

// mulberry32: small, fast and well spread (a plain LCG's low bits repeat after a few draws).
let seed = 12345;
const rand = (n: number) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) % n;
};

let nextVisitor = 0;
const slots = Array.from({ length: CONCURRENT }, () => ({ visitor: nextVisitor++, left: 1 + rand(9) }));

/** A visitor of the window; the one whose hits are used up leaves and a new one takes its slot. */
function pickVisitor(): number {
  const slot = slots[rand(CONCURRENT)]!;
  if (slot.left === 0) Object.assign(slot, { visitor: nextVisitor++, left: 1 + rand(9) });
  slot.left--;
  return slot.visitor;
}

/**
 * Visitor v's address: spread over the public IPv4 space (private, shared, loopback, link-local,
 * multicast and reserved blocks skipped), so that identification does its real work: ISPs,
 * hosting, and organisations that become companies, as on a live site.
 */
function publicIp(v: number): string {
  let x = Math.imul(v + 1, 2654435761) >>> 0;
  while (!isPublicFirstOctet(x >>> 24)) x = (x + 0x01000000) >>> 0;
  return `${x >>> 24}.${(x >>> 16) & 255}.${(x >>> 8) & 255}.${x & 255}`;
}
const isPublicFirstOctet = (a: number) => a !== 0 && a !== 10 && a !== 100 && a !== 127 && a !== 169 && a !== 172 && a !== 192 && a < 224;

export function makeRequest(n: number): { headers: Record<string, string>; body: string } {
  const v = pickVisitor();
  const site = v % siteKeys.length;
  const ip = publicIp(v);
  const page = PAGES[rand(PAGES.length)]!;
  const roll = n % 20;
  const campaign = rand(6) === 0 ? '?utm_source=newsletter&utm_medium=email&utm_campaign=salon-2026' : '';
  const url = `https://www.site${site}.example${page}${campaign}`;
  const body =
    roll < 16
      ? { site: siteKeys[site], type: 'pageview', url, referrer: 'https://www.google.fr/', title: 'Capteurs industriels — Exemple SA', screen: 1920, lang: 'fr-FR' }
      : roll < 19
        ? { site: siteKeys[site], type: 'engagement', url, engagedMs: 4000 + rand(60_000) }
        : { site: siteKeys[site], type: 'event', url, name: 'download', props: { file: 'brochure.pdf' } };
  return {
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': AGENTS[v % AGENTS.length]!, 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  };
}
