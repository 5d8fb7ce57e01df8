import type { Db } from '../db/open.js';
import { registrableDomain } from '../companies/normalize.js';

/** The company of this e-mail domain when it sits in a Concurrent list (a competitor fishing for prices). */
export function competitorByDomain(db: Db, orgId: string, domain: string): { id: string; name: string } | null {
  const reg = registrableDomain(domain);
  if (!reg) return null;
  return (db
    .prepare(`SELECT c.id, c.name FROM companies c JOIN lists l ON l.id = c.list_id WHERE c.org_id = ? AND c.domain = ? AND l.category = 'concurrent'`)
    .get(orgId, reg) as { id: string; name: string } | undefined) ?? null;
}
