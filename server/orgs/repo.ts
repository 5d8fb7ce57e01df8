import type { Db } from '../db/open.js';
import { newId, newToken } from '../db/ids.js';
import { INITIAL_LISTS } from '../segments/categories.js';

export type Organisation = { id: string; name: string; createdAt: number };

/** Creates an organisation with its fixed categories' initial lists. */
export function createOrganisation(db: Db, name: string, now = Date.now()): Organisation {
  const id = newId('org');
  const insertList = db.prepare(
    'INSERT INTO lists (id, org_id, category, name, is_default, locked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    db.prepare('INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)').run(id, name, now);
    for (const l of INITIAL_LISTS) {
      insertList.run(newId('lst'), id, l.category, l.name, l.isDefault ? 1 : 0, l.locked ? 1 : 0, now);
    }
  })();
  return { id, name, createdAt: now };
}

export function countOrganisations(db: Db): number {
  return db.prepare('SELECT count(*) FROM organisations').pluck().get() as number;
}

export type NewUser = { email: string; name: string; passwordHash: string; role?: 'admin' | 'member' };

export function createUser(db: Db, orgId: string, user: NewUser, now = Date.now()): { id: string } {
  const id = newId('usr');
  db.prepare(
    'INSERT INTO users (id, org_id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(id, orgId, user.email, user.name, user.passwordHash, user.role ?? 'admin', now);
  return { id };
}

export type Site = { id: string; orgId: string; name: string; publicKey: string; domains: string[]; defaultCountry: string; createdAt: number };

type SiteRow = { id: string; org_id: string; name: string; public_key: string; domains: string; default_country: string; created_at: number };

const toSite = (r: SiteRow): Site => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  publicKey: r.public_key,
  domains: JSON.parse(r.domains) as string[],
  defaultCountry: r.default_country,
  createdAt: r.created_at,
});

export function createSite(db: Db, orgId: string, site: { name: string; domains: string[] }, now = Date.now()): Site {
  const id = newId('site');
  const publicKey = newToken(12);
  db.prepare('INSERT INTO sites (id, org_id, name, public_key, domains, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    orgId,
    site.name,
    publicKey,
    JSON.stringify(site.domains),
    now,
  );
  return { id, orgId, name: site.name, publicKey, domains: site.domains, defaultCountry: 'FR', createdAt: now };
}

export function listSites(db: Db, orgId: string): Site[] {
  return (db.prepare('SELECT * FROM sites WHERE org_id = ? ORDER BY created_at').all(orgId) as SiteRow[]).map(toSite);
}

export function getSite(db: Db, orgId: string, siteId: string): Site | undefined {
  const row = db.prepare('SELECT * FROM sites WHERE org_id = ? AND id = ?').get(orgId, siteId) as SiteRow | undefined;
  return row && toSite(row);
}

/** Looks a site up by the public key of its snippet (the collector's only unscoped lookup). */
export function findSiteByPublicKey(db: Db, publicKey: string): Site | undefined {
  const row = db.prepare('SELECT * FROM sites WHERE public_key = ?').get(publicKey) as SiteRow | undefined;
  return row && toSite(row);
}
