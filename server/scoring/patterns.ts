/**
 * Compiles a key-page pattern to a case-insensitive RegExp over URL paths.
 * `*` matches any characters; a pattern without `*` matches the path itself and anything below it.
 * Example: keyPageMatcher('/pricing') matches '/pricing', '/pricing/', '/pricing/teams' but not '/pricings'.
 */
export function keyPageMatcher(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, (re = compile(pattern)));
  }
  return re;
}

// Rescoring 100,000 companies asks for the same few patterns 100,000 times each.
const compiled = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  if (pattern === '/') return /^\/?$/;
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  const body = pattern.includes('*') ? escaped : `${escaped.replace(/\/$/, '')}(?:/.*)?`;
  return new RegExp(`^${body}$`, 'i');
}

/**
 * The same patterns as an SQL condition on `path` (LIKE is case-insensitive for ASCII), used to
 * read only the paths that can match from company_pages; keyPageMatcher stays the judge.
 * Returns the SQL and its parameters; an empty pattern list matches nothing.
 */
export function keyPagesSql(patterns: readonly string[]): { sql: string; params: Record<string, string> } {
  if (patterns.length === 0) return { sql: '0', params: {} };
  const like = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%');
  const parts: string[] = [];
  const params: Record<string, string> = {};
  patterns.forEach((p, i) => {
    if (p === '/') {
      parts.push("path IN ('/', '')");
    } else if (p.includes('*')) {
      parts.push(`path LIKE @kp${i} ESCAPE '\\'`);
      params[`kp${i}`] = like(p);
    } else {
      const base = p.replace(/\/$/, '');
      parts.push(`(path LIKE @kp${i} ESCAPE '\\' OR path LIKE @kpb${i} ESCAPE '\\')`);
      params[`kp${i}`] = like(base);
      params[`kpb${i}`] = `${like(base)}/%`;
    }
  });
  return { sql: `(${parts.join(' OR ')})`, params };
}

const EDUCATION = /(^|\.)(edu|ac\.[a-z]{2}|edu\.[a-z]{2})$|^univ-|^u-|\.univ-/;
const GOVERNMENT = /(^|\.)(gov|gouv\.fr|gov\.[a-z]{2}|gc\.ca|europa\.eu)$/;

/** What kind of domain a company has: corporate, education, government or none. */
export function domainKind(domain: string | null): 'corporate' | 'education' | 'government' | 'none' {
  if (!domain) return 'none';
  if (GOVERNMENT.test(domain)) return 'government';
  if (EDUCATION.test(domain)) return 'education';
  return 'corporate';
}
