import { parse } from 'tldts';
import net from 'node:net';

/**
 * The registrable domain of a host, URL or e-mail domain, lower case (`www.Acme.co.uk/x` → `acme.co.uk`);
 * null for junk such as IP literals, bare public suffixes or reverse-DNS zones (`in-addr.arpa`).
 */
export function registrableDomain(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (!s) return null;
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^[^@/]*@/, '');
  s = s.split(/[/?#]/)[0]!.replace(/:\d+$/, '').replace(/\.$/, '');
  if (!s || net.isIP(s.replace(/^\[|\]$/g, ''))) return null;
  const p = parse(s, { allowPrivateDomains: false });
  if (!p.domain || !p.isIcann || p.isIp) return null;
  if (p.domain.endsWith('.arpa')) return null;
  return p.domain;
}

// Legal forms dropped from names before matching: "ACME SAS" and "Acme" are one company.
const LEGAL_FORMS = new Set([
  'sa', 'sas', 'sasu', 'sarl', 'eurl', 'sci', 'snc', 'scop', 'sca', 'scs', 'gie', 'selarl', 'ei', 'eirl',
  'gmbh', 'ag', 'kg', 'ohg', 'ug', 'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'plc', 'corp',
  'corporation', 'co', 'company', 'bv', 'nv', 'srl', 'spa', 'sl', 'sprl', 'oy', 'ab', 'as', 'aps', 'group', 'groupe',
]);

/** Name key for matching: no case, accents, punctuation or legal form (`Société Générale S.A.` → `societe generale`). */
export function nameKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1') // S.A.S. → sas
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  const kept = words.filter((w, i) => !(LEGAL_FORMS.has(w) && (i > 0 || words.length > 1)));
  return (kept.length ? kept : words).join(' ');
}
