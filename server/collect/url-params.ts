/** Campaign fields kept on a session, parsed from the URL of its first pageview. */
export type Campaign = {
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  gclid: string | null;
  fbclid: string | null;
  msclkid: string | null;
  li_fat_id: string | null;
};

const KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'gclid', 'fbclid', 'msclkid', 'li_fat_id'] as const;

/** No campaign: a URL without query string, or a hit that cannot start one. */
export const NO_CAMPAIGN: Readonly<Campaign> = Object.freeze({
  utm_source: null,
  utm_medium: null,
  utm_campaign: null,
  utm_term: null,
  utm_content: null,
  gclid: null,
  fbclid: null,
  msclkid: null,
  li_fat_id: null,
});

/** UTM parameters and ad click ids of a page URL (values trimmed, capped at 256 chars, empty -> null). */
export function campaignOf(url: URL): Campaign {
  if (!url.search) return NO_CAMPAIGN;
  const out = {} as Campaign;
  for (const key of KEYS) {
    const v = url.searchParams.get(key)?.trim().slice(0, 256);
    out[key] = v ? v : null;
  }
  return out;
}

/** Host of a referrer URL, lower case, or null when absent, unparsable or the page's own host. */
export function referrerHost(referrer: string | null | undefined, pageHost: string): string | null {
  if (!referrer) return null;
  try {
    const host = new URL(referrer).hostname.toLowerCase();
    return host && host !== pageHost ? host : null;
  } catch {
    return null;
  }
}
