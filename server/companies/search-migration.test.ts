import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../db/migrate.js';
import { createOrganisation } from '../orgs/repo.js';
import { recordCompanyEvidence } from './repo.js';

describe('migration 0042_company_search', () => {
  it('rewrites the search text of existing companies with their accent-free name key', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(db, all.filter((m) => m.id < '0042'));
    const org = createOrganisation(db, 'Org');
    const { company } = recordCompanyEvidence(db, org.id, { name: 'LEFÈVRE Énergie SAS', domain: 'lefevre.fr' }, { source: 'import', matchedValue: 'x', confidence: 1 }, 1);
    expect(db.prepare('SELECT search FROM company_stats WHERE company_id = ?').pluck().get(company.id)).toBe('lefÈvre Énergie sas lefevre.fr');
    expect(migrate(db, all)).toContain('0042_company_search');
    expect(db.prepare('SELECT search FROM company_stats WHERE company_id = ?').pluck().get(company.id)).toBe('lefÈvre Énergie sas lefevre energie lefevre.fr');
    db.prepare("UPDATE companies SET name = 'Lefèvre SA', name_key = 'lefevre' WHERE id = ?").run(company.id);
    expect(db.prepare('SELECT search FROM company_stats WHERE company_id = ?').pluck().get(company.id)).toBe('lefèvre sa lefevre lefevre.fr');
  });
});
