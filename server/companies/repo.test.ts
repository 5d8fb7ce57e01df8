import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDb, type Db } from '../db/open.js';
import { createOrganisation } from '../orgs/repo.js';
import { findCompany, getCompany, recordCompanyEvidence } from './repo.js';
import { tempDir } from '../../test/helpers/temp.js';

let db: Db;
let cleanup: () => void;
let orgId: string;

beforeEach(() => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  db = openDb(path.join(tmp.dir, 'v.db'));
  orgId = createOrganisation(db, 'Org').id;
});
afterEach(() => {
  db.close();
  cleanup();
});

const ev = (confidence: number, source = 'asn_table') => ({ source, matchedValue: '192.0.2.0/24', confidence });

describe('recordCompanyEvidence', () => {
  it('creates a company in prospect-default with an audit row and its evidence', () => {
    const { company, created } = recordCompanyEvidence(db, orgId, { name: 'Acme SAS', domain: 'www.acme.fr' }, ev(0.5), 1000);
    expect(created).toBe(true);
    expect(company.domain).toBe('acme.fr');
    const list = db.prepare('SELECT name FROM lists WHERE id = ?').pluck().get(company.listId);
    expect(list).toBe('prospect-default');
    const moves = db.prepare('SELECT actor, to_list_id FROM list_moves WHERE company_id = ?').all(company.id);
    expect(moves).toEqual([{ actor: 'identification', to_list_id: company.listId }]);
    expect(db.prepare('SELECT count(*) FROM company_evidence WHERE company_id = ?').pluck().get(company.id)).toBe(1);
  });

  it('finds the company again by domain, SIREN or name and never duplicates it', () => {
    const a = recordCompanyEvidence(db, orgId, { name: 'Acme', domain: 'acme.fr' }, ev(0.4), 1000).company;
    const b = recordCompanyEvidence(db, orgId, { name: 'ACME S.A.S.', domain: 'mail.acme.fr', siren: '552100554' }, ev(0.9, 'form_email'), 2000);
    const c = recordCompanyEvidence(db, orgId, { name: 'Other name', siren: '552100554' }, ev(0.3), 3000);
    const d = recordCompanyEvidence(db, orgId, { name: 'acme' }, ev(0.2), 4000);
    expect(new Set([a.id, b.company.id, c.company.id, d.company.id]).size).toBe(1);
    expect(b.created).toBe(false);
    const company = getCompany(db, orgId, a.id)!;
    expect(company.siren).toBe('552100554');
    expect(company.bestSource).toBe('form_email');
    expect(company.bestConfidence).toBe(0.9);
    expect(company.lastSeenAt).toBe(4000);
    expect(db.prepare('SELECT count(*) FROM companies').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM company_evidence').pluck().get()).toBe(4);
  });

  it('keeps organisations apart', () => {
    const other = createOrganisation(db, 'Other').id;
    const a = recordCompanyEvidence(db, orgId, { name: 'Acme', domain: 'acme.fr' }, ev(0.5), 1).company;
    const b = recordCompanyEvidence(db, other, { name: 'Acme', domain: 'acme.fr' }, ev(0.5), 1).company;
    expect(a.id).not.toBe(b.id);
    expect(getCompany(db, other, a.id)).toBeUndefined();
    expect(findCompany(db, other, { domain: 'acme.fr' })!.id).toBe(b.id);
  });
});
