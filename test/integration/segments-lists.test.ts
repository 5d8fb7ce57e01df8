import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createList, deleteList, listCategories, renameList, setListLocked } from '../../server/segments/lists.js';
import { moveCompanies } from '../../server/segments/moves.js';
import { companyMoves } from '../../server/segments/audit.js';
import { AppError } from '../../server/http/errors.js';
import { freshOrg, identify, listIdOf, listOf, type SegOrg, oneListPerCompanyViolations } from './segments-helpers.js';

let o: SegOrg;
beforeEach(() => { o = freshOrg(); });
afterEach(() => {
  expect(oneListPerCompanyViolations(o.db)).toBe(0);
  o.cleanup();
});

const status = (fn: () => unknown) => {
  try { fn(); } catch (e) { return e instanceof AppError ? e.status : 500; }
  return 200;
};

describe('categories and lists', () => {
  it('gives a new organisation the nine categories with their default lists, the recommended ones locked', () => {
    const cats = listCategories(o.db, o.orgId);
    expect(cats.map((c) => c.id)).toEqual(['interne', 'concurrent', 'client', 'distributeur', 'prospect', 'partenaire', 'hors-cible', 'fournisseur', 'autre']);
    expect(cats.find((c) => c.id === 'hors-cible')!.label).toEqual({ fr: 'Hors-cible', en: 'Out of target' });
    const lists = cats.flatMap((c) => c.lists);
    const locked = lists.filter((l) => l.locked).map((l) => l.name).sort();
    expect(locked).toEqual(['client-default', 'concurrent-default', 'interne-default', 'prospect-importé', 'prospect-in-pipe']);
    expect(cats.find((c) => c.id === 'prospect')!.lists.map((l) => l.name)).toEqual(['prospect-default', 'prospect-importé', 'prospect-in-pipe']);
  });

  it('adds the category prefix to a new list and counts its companies', () => {
    const list = createList(o.db, o.orgId, 'prospect', 'salons');
    expect(list.name).toBe('prospect-salons');
    expect(createList(o.db, o.orgId, 'client', 'Grands comptes').name).toBe('client-grands-comptes');
    expect(createList(o.db, o.orgId, 'autre', 'autre-divers').name).toBe('autre-divers'); // typed prefix not doubled
    const c = identify(o.db, o.orgId, { name: 'Acme', domain: 'acme.fr' });
    moveCompanies(o.db, o.orgId, [c.id], list.id, { type: 'user', id: null });
    const view = listCategories(o.db, o.orgId).find((x) => x.id === 'prospect')!.lists.find((l) => l.id === list.id)!;
    expect(view.companies).toBe(1);
  });

  it('answers 409 for a name already used in the organisation, and not across organisations', () => {
    createList(o.db, o.orgId, 'prospect', 'salons');
    expect(status(() => createList(o.db, o.orgId, 'prospect', 'Salons'))).toBe(409);
    expect(status(() => createList(o.db, o.orgId, 'prospect', 'default'))).toBe(409);
    const other = freshOrg();
    try {
      expect(createList(other.db, other.orgId, 'prospect', 'salons').name).toBe('prospect-salons');
    } finally {
      other.cleanup();
    }
  });

  it('renames a list within its category but never a default list', () => {
    const list = createList(o.db, o.orgId, 'prospect', 'salons');
    expect(renameList(o.db, o.orgId, list.id, 'salons 2025').name).toBe('prospect-salons-2025');
    expect(status(() => renameList(o.db, o.orgId, listIdOf(o.db, o.orgId, 'client-default'), 'x'))).toBe(409);
    expect(status(() => renameList(o.db, o.orgId, 'lst_missing', 'x'))).toBe(404);
  });

  it('deletes a list by moving its companies to the category default, audited; default lists stay', () => {
    const list = createList(o.db, o.orgId, 'client', 'grands-comptes');
    const c = identify(o.db, o.orgId, { name: 'Acme', domain: 'acme.fr' });
    moveCompanies(o.db, o.orgId, [c.id], list.id, { type: 'user', id: null });
    const res = deleteList(o.db, o.orgId, list.id, null);
    expect(res).toMatchObject({ moved: 1, movedTo: { name: 'client-default' } });
    expect(listOf(o.db, o.orgId, c.id)).toBe('client-default');
    expect(companyMoves(o.db, o.orgId, c.id).moves[0]).toMatchObject({ actor: 'user', reason: 'list client-grands-comptes deleted', to: { name: 'client-default' } });
    expect(status(() => deleteList(o.db, o.orgId, listIdOf(o.db, o.orgId, 'prospect-default'), null))).toBe(409);
    expect(oneListPerCompanyViolations(o.db)).toBe(0);
  });

  it('locks and unlocks any list', () => {
    const id = listIdOf(o.db, o.orgId, 'prospect-importé');
    expect(setListLocked(o.db, o.orgId, id, false).locked).toBe(false);
    expect(setListLocked(o.db, o.orgId, id, true).locked).toBe(true);
  });
});

describe('moving companies', () => {
  it('has the database refuse a company without a list', () => {
    const c = identify(o.db, o.orgId, { name: 'Acme', domain: 'acme.fr' });
    expect(() => o.db.prepare('UPDATE companies SET list_id = NULL WHERE id = ?').run(c.id)).toThrow(/NOT NULL/);
    expect(() => o.db.prepare("UPDATE companies SET list_id = 'lst_nope' WHERE id = ?").run(c.id)).toThrow(/constraint failed/);
  });

  it('moves by hand even out of a locked list, and writes who, when, from and to', () => {
    const c = identify(o.db, o.orgId, { name: 'Acme', domain: 'acme.fr' });
    const client = listIdOf(o.db, o.orgId, 'client-default'); // locked
    moveCompanies(o.db, o.orgId, [c.id], client, { type: 'user', id: 'usr_1', reason: 'moved by hand' }, { now: 5_000 });
    const res = moveCompanies(o.db, o.orgId, [c.id], listIdOf(o.db, o.orgId, 'partenaire-default'), { type: 'user', id: 'usr_1' }, { now: 6_000 });
    expect(res).toMatchObject({ moved: 1, skipped: [] });
    const trail = companyMoves(o.db, o.orgId, c.id).moves;
    expect(trail.map((m) => [m.actor, m.from?.name ?? null, m.to.name, m.at])).toEqual([
      ['user', 'client-default', 'partenaire-default', 6_000],
      ['user', 'prospect-default', 'client-default', 5_000],
      ['identification', null, 'prospect-default', 2_000],
    ]);
  });

  it('never lets an automatic move take a company out of a locked list, and records the skip', () => {
    const c = identify(o.db, o.orgId, { name: 'Acme', domain: 'acme.fr' });
    moveCompanies(o.db, o.orgId, [c.id], listIdOf(o.db, o.orgId, 'concurrent-default'), { type: 'user', id: null });
    const res = moveCompanies(o.db, o.orgId, [c.id], listIdOf(o.db, o.orgId, 'prospect-importé'), { type: 'rule', id: 'rul_x' });
    expect(res.moved).toBe(0);
    expect(res.skipped).toEqual([{ companyId: c.id, fromListId: listIdOf(o.db, o.orgId, 'concurrent-default'), reason: 'locked' }]);
    expect(listOf(o.db, o.orgId, c.id)).toBe('concurrent-default');
    expect(companyMoves(o.db, o.orgId, c.id).skipped[0]).toMatchObject({ actor: 'rule', fromList: 'concurrent-default', toList: 'prospect-importé', reason: 'locked list' });
  });

  it('moves a selection in bulk, counting unchanged ones, and keeps one list per company', () => {
    const ids = Array.from({ length: 1200 }, (_, i) => identify(o.db, o.orgId, { name: `Co ${i}`, domain: `co${i}.fr` }).id);
    const target = createList(o.db, o.orgId, 'prospect', 'salons').id;
    moveCompanies(o.db, o.orgId, ids.slice(0, 10), target, { type: 'user', id: null });
    const res = moveCompanies(o.db, o.orgId, [...ids, ids[0]!], target, { type: 'user', id: null });
    expect(res).toMatchObject({ moved: 1190, unchanged: 10 });
    expect(o.db.prepare('SELECT count(*) FROM companies WHERE list_id = ?').pluck().get(target)).toBe(1200);
    expect(oneListPerCompanyViolations(o.db)).toBe(0);
  });

  it('answers 404 for another organisation\'s company or list, moving nothing', () => {
    const other = freshOrg();
    try {
      const mine = identify(o.db, o.orgId, { name: 'Mine', domain: 'mine.fr' });
      const theirs = identify(other.db, other.orgId, { name: 'Theirs', domain: 'theirs.fr' });
      const target = listIdOf(o.db, o.orgId, 'autre-default');
      expect(status(() => moveCompanies(o.db, o.orgId, [mine.id, theirs.id], target, { type: 'user', id: null }))).toBe(404);
      expect(listOf(o.db, o.orgId, mine.id)).toBe('prospect-default');
      expect(status(() => moveCompanies(o.db, o.orgId, [mine.id], listIdOf(other.db, other.orgId, 'autre-default'), { type: 'user', id: null }))).toBe(404);
      expect(status(() => companyMoves(o.db, o.orgId, theirs.id))).toBe(404);
    } finally {
      other.cleanup();
    }
  });
});
