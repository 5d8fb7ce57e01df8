/**
 * Splits what a person typed in the domains box (commas, spaces or new lines) into host names.
 * Pasted URLs are reduced to their host, so "https://www.exemple.fr/contact" gives "www.exemple.fr".
 * Anything else is sent as typed: the server validates and names the bad entry.
 */
export function parseDomains(text: string): string[] {
  const hosts = text
    .split(/[\s,;]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .map((s) => s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#].*$/, '').replace(/:\d+$/, '').replace(/\.$/, ''))
    .filter(Boolean);
  return [...new Set(hosts)];
}
