/*
 * Vocabulary and random draws for the synthetic demo/benchmark data of scripts/seed.ts:
 * French-first company names and domains, a B2B software site's paths, sources and networks.
 */

/** A small, fast, seeded PRNG (mulberry32) so that a seed gives the same data every time. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rnd = () => number;
export const pick = <T>(rnd: Rnd, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

/** Draws from `[value, weight]` pairs. */
export function weighted<T>(rnd: Rnd, table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((a, [, w]) => a + w, 0);
  let r = rnd() * total;
  for (const [v, w] of table) if ((r -= w) < 0) return v;
  return table[table.length - 1]![0];
}

const ROOTS = [
  'Durand', 'Lefèvre', 'Moreau', 'Girard', 'Bonnet', 'Mercier', 'Fontaine', 'Chevalier', 'Rousseau', 'Blanchard',
  'Alpine', 'Atlantique', 'Boréal', 'Cévennes', 'Armor', 'Provence', 'Vosges', 'Loire', 'Rhône', 'Garonne',
  'Nova', 'Helix', 'Quartz', 'Orion', 'Vertex', 'Azur', 'Cobalt', 'Lumen', 'Pixel', 'Sigma', 'Nexa', 'Polaris',
  'Horizon', 'Opale', 'Saphir', 'Citadelle', 'Phare', 'Sillage', 'Boussole', 'Ancre',
];
const KINDS = [
  'Industrie', 'Conseil', 'Solutions', 'Logistique', 'Transports', 'Bâtiment', 'Énergie', 'Santé', 'Finance', 'Assurances',
  'Informatique', 'Ingénierie', 'Distribution', 'Agro', 'Pharma', 'Médias', 'Immobilier', 'Services', 'Technologies', 'Systèmes',
];
const LEGAL = ['SAS', 'SA', 'SARL', '', '', '', 'Groupe', 'GmbH', 'Ltd'];

const slug = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export const COUNTRIES: ReadonlyArray<readonly [string, number]> = [
  ['FR', 70], ['BE', 6], ['DE', 5], ['CH', 4], ['GB', 4], ['US', 4], ['ES', 3], ['IT', 2], ['LU', 1], ['NL', 1],
];
const TLD: Record<string, string> = { FR: 'fr', BE: 'be', DE: 'de', CH: 'ch', GB: 'co.uk', US: 'com', ES: 'es', IT: 'it', LU: 'lu', NL: 'nl' };

/** A unique company: name, registrable domain (unique thanks to `i`) and a Luhn-valid SIREN. */
export function companyOf(rnd: Rnd, i: number, country: string): { name: string; domain: string; siren: string } {
  const root = pick(rnd, ROOTS);
  const kind = pick(rnd, KINDS);
  const legal = pick(rnd, LEGAL);
  const name = legal === 'Groupe' ? `Groupe ${root} ${kind}` : `${root} ${kind}${legal ? ` ${legal}` : ''}`;
  const domain = `${slug(`${root}-${kind}`)}-${i.toString(36)}.${TLD[country] ?? 'com'}`;
  return { name, domain, siren: sirenOf(10_000_000 + i) };
}

/** 8 digits + the Luhn key: a SIREN that passes validation. */
export function sirenOf(n: number): string {
  const body = String(n).padStart(8, '0').slice(-8);
  for (let k = 0; k < 10; k++) {
    const s = body + k;
    let sum = 0;
    for (let j = 0; j < 9; j++) {
      let d = Number(s[8 - j]);
      if (j % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return s;
  }
  return body + '0';
}

/** Where a company sits (list names as created for every organisation), roughly as a real account looks. */
export const LIST_SHARES: ReadonlyArray<readonly [string, number]> = [
  ['prospect-default', 780], ['prospect-importé', 30], ['prospect-in-pipe', 20], ['client-default', 50], ['concurrent-default', 15],
  ['interne-default', 1], ['partenaire-default', 20], ['fournisseur-default', 20], ['distributeur-default', 15],
  ['hors-cible-default', 35], ['autre-default', 14],
];

const BLOG = ['choisir-un-crm', 'rgpd-b2b', 'lead-scoring', 'prospection-linkedin', 'salon-vivatech', 'marketing-automation', 'abm-guide',
  'calculer-roi', 'cas-usage-industrie', 'webinar-replay', 'tendances-2025', 'cookieless'];

/** Pages of a B2B software site; engaged visitors go deeper and towards pricing/demo/contact. */
export function pathOf(rnd: Rnd, engaged: boolean): string {
  return weighted(rnd, [
    ['/', 20], ['/produits', 10], ['/produits/analytics', 6], ['/produits/crm', 5], ['/fonctionnalites', 6],
    ['/pricing', engaged ? 9 : 2], ['/tarifs', engaged ? 1 : 0.3], ['/demo', engaged ? 5 : 0.5], ['/contact', engaged ? 4 : 1],
    [`/blog/${pick(rnd, BLOG)}`, 14], ['/clients', 4], [`/cas-clients/${pick(rnd, ['acme', 'boreal', 'nova', 'sigma'])}`, 3],
    ['/a-propos', 3], ['/carrieres', 2], ['/docs', 3], ['/docs/api', 2], ['/ressources/livre-blanc', 3], ['/webinars', 2],
  ]);
}

export type Source = { utmSource: string | null; utmMedium: string | null; utmCampaign: string | null; referrer: string | null; referrerHost: string | null };

export function sourceOf(rnd: Rnd): Source {
  const kind = weighted(rnd, [['direct', 33], ['google', 25], ['bing', 3], ['linkedin-organic', 7], ['utm', 32]] as const);
  const none = { utmSource: null, utmMedium: null, utmCampaign: null, referrer: null, referrerHost: null };
  if (kind === 'direct') return none;
  if (kind === 'google') return { ...none, referrer: 'https://www.google.com/', referrerHost: 'www.google.com' };
  if (kind === 'bing') return { ...none, referrer: 'https://www.bing.com/', referrerHost: 'www.bing.com' };
  if (kind === 'linkedin-organic') return { ...none, referrer: 'https://www.linkedin.com/', referrerHost: 'www.linkedin.com' };
  const [utmSource, utmMedium] = weighted(rnd, [
    [['google', 'cpc'], 12], [['linkedin', 'paid-social'], 8], [['newsletter', 'email'], 6], [['capterra', 'referral'], 2], [['facebook', 'paid-social'], 2], [['salon-vivatech', 'event'], 2],
  ] as const);
  return { ...none, utmSource, utmMedium, utmCampaign: pick(rnd, ['printemps-2025', 'webinar-scoring', 'retargeting', 'marque']) };
}

/** Why an unidentified visit stayed anonymous. */
export const UNIDENTIFIED: ReadonlyArray<readonly [string, number]> = [['isp', 55], ['mobile', 25], ['hosting', 6], ['vpn_proxy', 4], ['unknown', 10]];

export const DEVICES: ReadonlyArray<readonly [readonly [string, string, string], number]> = [
  [['Chrome', 'Windows', 'desktop'], 45], [['Edge', 'Windows', 'desktop'], 15], [['Safari', 'macOS', 'desktop'], 12], [['Firefox', 'Windows', 'desktop'], 6],
  [['Chrome', 'Android', 'mobile'], 10], [['Mobile Safari', 'iOS', 'mobile'], 10], [['Safari', 'iPadOS', 'tablet'], 2],
];

/** A time of visit over the last `days`: weekdays and office hours (Paris) weigh more. */
export function visitTime(rnd: Rnd, now: number, days: number): number {
  for (;;) {
    const t = now - rnd() * days * 86_400_000;
    const d = new Date(t);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    const hour = (d.getUTCHours() + 1) % 24;
    const office = hour >= 8 && hour <= 19;
    if (rnd() < (weekend ? 0.15 : 1) * (office ? 1 : 0.2)) return Math.floor(t);
  }
}
