import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  EMPTY_FILTERS,
  filtersFromRouteQuery,
  filtersToQuery,
  filtersToRouteQuery,
  searchHint,
  type CandidateFilters,
} from './filters';

const filters = (patch: Partial<CandidateFilters>): CandidateFilters => ({ ...EMPTY_FILTERS, ...patch });

describe('filtersToQuery', () => {
  it('sends only what is set, with the page size and cursor', () => {
    expect(filtersToQuery(EMPTY_FILTERS)).toEqual({ limit: 20 });
    expect(filtersToQuery(filters({ q: ' 张三 ', positionCode: 'CS-1', stage: 'in_review', source: 'BOSS直聘' }), 'cur', 10)).toEqual({
      limit: 10,
      q: '张三',
      positionCode: 'CS-1',
      stage: 'in_review',
      source: 'BOSS直聘',
      cursor: 'cur',
    });
  });

  it('maps score bands to inclusive bounds on the one-decimal scale', () => {
    expect(filtersToQuery(filters({ scoreBand: '80+' }))).toMatchObject({ scoreMin: 80 });
    expect(filtersToQuery(filters({ scoreBand: '80+' }))).not.toHaveProperty('scoreMax');
    expect(filtersToQuery(filters({ scoreBand: '70-80' }))).toMatchObject({ scoreMin: 70, scoreMax: 79.9 });
    expect(filtersToQuery(filters({ scoreBand: '60-' }))).toMatchObject({ scoreMax: 59.9 });
    expect(filtersToQuery(filters({ scoreBand: '60-' }))).not.toHaveProperty('scoreMin');
  });

  it('holds back a phone search shorter than 4 digits', () => {
    expect(filtersToQuery(filters({ q: '800' }))).not.toHaveProperty('q');
    expect(filtersToQuery(filters({ q: '8000' }))).toMatchObject({ q: '8000' });
    expect(searchHint('800')).toContain('至少后 4 位');
    expect(searchHint('王')).toBeNull();
  });

  it('passes a batch date or a vendor batch id, and ignores one with whitespace or over 64 characters', () => {
    expect(filtersToQuery(filters({ batch: '2025 03 01' }))).not.toHaveProperty('batch');
    expect(filtersToQuery(filters({ batch: 'x'.repeat(65) }))).not.toHaveProperty('batch');
    expect(filtersToQuery(filters({ batch: '2025-03-01' }))).toMatchObject({ batch: '2025-03-01' });
    expect(filtersToQuery(filters({ batch: '1120-A' }))).toMatchObject({ batch: '1120-A' });
  });
});

describe('the 储备主管 pool', () => {
  it('asks the API for pool=reserve_supervisor only when chosen', () => {
    expect(filtersToQuery(filters({ pool: 'reserve_supervisor' }))).toEqual({ limit: 20, pool: 'reserve_supervisor' });
    expect(filtersToQuery(EMPTY_FILTERS)).not.toHaveProperty('pool');
  });

  it('is kept in the URL as pool=reserve_supervisor, and an unknown pool is dropped', () => {
    expect(filtersToRouteQuery(filters({ pool: 'reserve_supervisor' }))).toEqual({ pool: 'reserve_supervisor' });
    expect(filtersFromRouteQuery({ pool: 'reserve_supervisor' })).toEqual(filters({ pool: 'reserve_supervisor' }));
    expect(filtersFromRouteQuery({ pool: 'managers' })).toEqual(EMPTY_FILTERS);
  });

  it('counts as a sheet filter', () => {
    expect(activeFilterCount(filters({ pool: 'reserve_supervisor' }))).toBe(1);
  });
});

describe('route query', () => {
  it('round-trips through the URL', () => {
    const original = filters({ q: '李', positionCode: 'CS-2', stage: 'rejected', batch: '2025-03-01', source: '校园招聘', scoreBand: '60-70', pool: 'reserve_supervisor' });
    const query = filtersToRouteQuery(original) as Record<string, string>;
    expect(filtersFromRouteQuery(query)).toEqual(original);
  });

  it('drops values a hand-edited URL got wrong', () => {
    expect(filtersFromRouteQuery({ stage: 'onboarded', score: '99+', batch: 'last week', q: ['a', 'b'] })).toEqual(filters({ q: 'a' }));
  });
});

describe('activeFilterCount', () => {
  it('counts the sheet filters, not the search box', () => {
    expect(activeFilterCount(filters({ q: '张' }))).toBe(0);
    expect(activeFilterCount(filters({ stage: 'in_review', scoreBand: '80+', source: ' ' }))).toBe(2);
  });
});
