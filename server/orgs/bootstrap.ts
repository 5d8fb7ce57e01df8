import type { Db } from '../db/open.js';
import { generatePassword, hashPassword } from '../auth/password.js';
import { countOrganisations, createOrganisation, createSite, createUser } from './repo.js';

export type FirstRun = { orgId: string; siteKey: string; email: string; password: string };

/**
 * On an empty database, creates the first organisation, a site for the demo page and an
 * admin account whose generated password is returned once (the caller prints it).
 */
export async function bootstrapFirstRun(db: Db, opts: { email?: string; siteDomains?: string[] } = {}): Promise<FirstRun | null> {
  if (countOrganisations(db) > 0) return null;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const email = opts.email ?? 'admin@vigie.local';
  let result: FirstRun | null = null;
  db.transaction(() => {
    if (countOrganisations(db) > 0) return;
    const org = createOrganisation(db, 'Mon organisation');
    const site = createSite(db, org.id, { name: 'Demo', domains: opts.siteDomains ?? ['localhost', '127.0.0.1'] });
    createUser(db, org.id, { email, name: 'Admin', passwordHash });
    result = { orgId: org.id, siteKey: site.publicKey, email, password };
  })();
  return result;
}
