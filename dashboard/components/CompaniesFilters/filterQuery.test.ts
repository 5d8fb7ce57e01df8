import { describe, expect, it } from 'vitest';
import { apiQueryString, filterOnly, fromLocation, toQueryString, toggleSort, withFilter } from './filterQuery';

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

  it('keeps only the filter for moves, exports and saved views', () => {
    expect(filterOnly({ temperature: 'hot', sort: 'name', page: '2', q: 'a b' })).toBe('q=a+b&temperature=hot');
  });
});
