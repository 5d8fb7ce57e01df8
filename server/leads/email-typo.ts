import { distance } from 'fastest-levenshtein';

/**
 * Mail domains people mistype most often (French market first). An address whose domain is one
 * or two edits away from one of these, without being one of them, is probably a typo:
 * `gmial.com` → `gmail.com`, `oragne.fr` → `orange.fr`, `hotmail.con` → `hotmail.com`.
 * Shared by the form bundle (instant hint) and the server (verdict), so both suggest the same fix.
 */
export const POPULAR_MAIL_DOMAINS = [
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.fr', 'hotmail.com', 'hotmail.fr', 'outlook.com', 'outlook.fr',
  'live.com', 'live.fr', 'msn.com', 'icloud.com', 'me.com', 'aol.com', 'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr',
  'neuf.fr', 'laposte.net', 'bbox.fr', 'numericable.fr', 'gmx.fr', 'gmx.com', 'gmx.de', 'protonmail.com', 'proton.me',
  'yandex.com', 'mail.com', 'web.de', 't-online.de',
];

/** True when `a` is `b` with two adjacent letters swapped (`gmial` / `gmail`). */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

/** Edits between two mail domains' labels, a swapped pair counting as one. */
const edits = (a: string, b: string) => (isSwap(a, b) ? 1 : distance(a, b));

/**
 * The corrected address when the domain looks mistyped, else null (`jean@gmial.com` → `jean@gmail.com`).
 * Two kinds of slip: a wrong ending on a known name (`gmail.con`), or a misspelt known name with the
 * right ending (`oragne.fr`). Short names (`aol`, `sfr`) only get the first kind: `aon.com` is a company.
 */
export function suggestEmail(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 1) return null;
  const domain = email.slice(at + 1).trim().toLowerCase();
  const dot = domain.indexOf('.');
  if (dot < 1 || POPULAR_MAIL_DOMAINS.includes(domain)) return null;
  const [label, ending] = [domain.slice(0, dot), domain.slice(dot + 1)];
  let best: string | null = null;
  let bestEdits = Infinity;
  for (const candidate of POPULAR_MAIL_DOMAINS) {
    const cut = candidate.indexOf('.');
    const [cLabel, cEnding] = [candidate.slice(0, cut), candidate.slice(cut + 1)];
    let d = Infinity;
    if (label === cLabel) d = distance(ending, cEnding) <= 1 ? 1 : Infinity;
    else if (ending === cEnding && cLabel.length >= 5) {
      const e = edits(label, cLabel);
      if (e <= (cLabel.length >= 7 ? 2 : 1)) d = e;
    }
    if (d < bestEdits) {
      best = candidate;
      bestEdits = d;
    }
  }
  return best ? `${email.slice(0, at)}@${best}` : null;
}
