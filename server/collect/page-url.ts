export type PageParts = { hostname: string; pathname: string };

const MAX_REMEMBERED = 5_000;
const remembered = new Map<string, PageParts>();

/**
 * Host and path of a page URL (already validated as an http(s) URL). The pages of a site come
 * back hit after hit, and a WHATWG URL parse costs more than the rest of the hit's checks, so the
 * answers for recent URLs are kept (forgotten all at once past MAX_REMEMBERED: click ids make
 * some URLs unique, and a bounded map never grows with them).
 */
export function pageParts(url: string): PageParts {
  const known = remembered.get(url);
  if (known) return known;
  const { hostname, pathname } = new URL(url);
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  const parts = { hostname, pathname };
  remembered.set(url, parts);
  return parts;
}
