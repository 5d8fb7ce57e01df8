import { describe, expect, it } from 'vitest';
import { apiQueryString, filterOnly, fromLocation, fromView, listsWithin, toQueryString, toggleSort, viewQuery, withFilter, type TableQuery } from './filterQuery';

describe('companies table URL state', () => {
  it('writes known keys in a fixed order and drops empty ones', () => {
    expect(toQueryString({ page: '2', temperature: 'hot', q: 'acme', country: '' })).toBe('q=acme&temperature=hot&page=2');
    expect(fromLocation({ temperature: 'hot', utm_evil: 'x', sort: 'name' })).toEqual({ temperature: 'hot', sort: 'name' });
  });

  it('goes back to page 1 when a filter changes', () => {
    expect(withFilter({ temperature: 'hot', page: '3' }, { country: 'FR' })).toEqual({ temperature: 'hot', country: 'FR' });
    expect(withFilter({ temperature: 'hot' }, { temperature: '' })).toEqual({});
    // A range typed backwards is put right, not sent to fail.
    expect(withFilter({}, { scoreMin: '50', scoreMax: '20' })).toEqual({ scoreMin: '20', scoreMax: '50' });
    expect(withFilter({}, { scoreMin: '9', scoreMax: '10' })).toEqual({ scoreMin: '9', scoreMax: '10' });
    expect(withFilter({}, { from: '2026-03-12', to: '2026-03-03' })).toEqual({ from: '2026-03-03', to: '2026-03-12' });
  });

  it('sorts by a column in its natural direction, then flips it', () => {
    const byName = toggleSort({}, 'name');
    expect(byName).toEqual({ sort: 'name' });
    expect(toggleSort(byName, 'name')).toEqual({ sort: 'name', dir: 'desc' });
    expect(toggleSort({ page: '4' }, 'score')).toEqual({ sort: 'score', dir: 'asc' });
    expect(toggleSort({ sort: 'score', dir: 'asc' }, 'score')).toEqual({});
  });

  it('names the table\'s default sort (score) to the API, whose own default is the last visit', () => {
    expect(apiQueryString({})).toBe('sort=score');
    expect(apiQueryString({ temperature: 'hot', page: '2' })).toBe('temperature=hot&sort=score&page=2');
    expect(apiQueryString({ sort: 'lastVisit', dir: 'asc' })).toBe('sort=lastVisit&dir=asc');
  });

  it('keeps only the filter for moves and exports', () => {
    expect(filterOnly({ temperature: 'hot', sort: 'name', page: '2', q: 'a b' })).toBe('q=a+b&temperature=hot');
  });

  it('keeps, of a list choice, the lists of the chosen category only', () => {
    const lists = [
      { id: 'lst_p', name: 'prospect-default', category: 'prospect', locked: false },
      { id: 'lst_c', name: 'client-default', category: 'client', locked: true },
    ];
    expect(listsWithin('lst_p', 'client', lists)).toBe('');
    expect(listsWithin('lst_p,lst_c', 'client', lists)).toBe('lst_c');
    expect(listsWithin('lst_p,lst_c', 'client,prospect', lists)).toBe('lst_p,lst_c');
    expect(listsWithin('lst_p', '', lists)).toBe('lst_p');
    // Lists not loaded yet: nothing is dropped on a guess.
    expect(listsWithin('lst_p', 'client', undefined)).toBe('lst_p');
  });

  it('saves a view with its filter and its sort, column and direction named, and opens it with the same sort', () => {
    expect(viewQuery({ temperature: 'hot', sort: 'name', dir: 'desc', page: '2' })).toBe('temperature=hot&sort=name&dir=desc');
    expect(viewQuery({ temperature: 'hot' })).toBe('temperature=hot&sort=score&dir=desc');
    expect(viewQuery({ sort: 'visits' })).toBe('sort=visits&dir=desc');
    expect(fromView('temperature=hot&sort=name&dir=desc')).toEqual({ temperature: 'hot', sort: 'name', dir: 'desc' });
    // Written as the sort buttons write it, so the URL of an opened view is the URL of the same table reached by hand.
    expect(fromView('temperature=hot&sort=score&dir=desc')).toEqual({ temperature: 'hot' });
    expect(fromView('sort=name&dir=asc&page=3')).toEqual({ sort: 'name' });
    // Views saved before the sort was stored open on the default order.
    expect(fromView('country=FR')).toEqual({ country: 'FR' });
    for (const q of [{ temperature: 'hot', sort: 'name', dir: 'desc' }, {}, { sort: 'score', dir: 'asc' }] as TableQuery[]) expect(viewQuery(fromView(viewQuery(q)))).toBe(viewQuery(q));
  });
});
