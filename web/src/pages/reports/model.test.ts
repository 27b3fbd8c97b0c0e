import { describe, expect, it } from 'vitest';
import type { Catalog } from '../statistics/model';
import { catalogueEntries, coverageIn, downloadHref, labelOf, readView, type ReleaseCoverageAnswer } from './model.js';

const none = { first: null, last: null, periods: 0, partners: [], releasedAt: null };
const coverage = (partner: string | null, justice: object, migration: object): ReleaseCoverageAnswer => ({
  asOf: '2024-08-01T00:00:00.000Z',
  partner,
  datasets: [
    { dataset: 'justice.annual', ...none, ...justice },
    { dataset: 'migration.reception', ...none },
    { dataset: 'migration.monthly', ...none, ...migration },
  ],
  indicators: [
    { indicator: 'justice.clearance_rate', ...none, ...justice },
    { indicator: 'migration.arrivals', ...none, ...migration },
  ],
});
const justice = { first: '2019', last: '2022', periods: 3, partners: ['AL', 'RS'], releasedAt: '2024-06-01T10:00:00.000Z' };
const arrivals = { first: '2021-05', last: '2021-05', periods: 1, partners: ['RS'], releasedAt: '2024-07-01T10:00:00.000Z' };
const all = coverage(null, justice, arrivals);
const albania = coverage('AL', { first: '2019', last: '2021', periods: 2, partners: ['AL'], releasedAt: '2024-05-01T10:00:00.000Z' }, {});

const catalog = {
  dimensions: [],
  variables: [
    { code: 'cases.resolved', label: 'Resolved cases', type: 'integer', unit: 'cases', kind: 'flow', dimensions: [], domain: 'justice' },
  ],
  datasets: [
    { code: 'justice.annual', label: 'CEPEJ annual evaluation', periodType: 'yearly', domain: 'justice', variables: ['cases.resolved'] },
    { code: 'migration.reception', label: 'Reception centres', periodType: 'monthly', domain: 'migration', variables: [] },
  ],
  indicators: [
    {
      code: 'justice.clearance_rate',
      label: 'Clearance rate',
      description: 'Resolved over incoming',
      domain: 'justice',
      datasets: ['justice.annual'],
    },
    {
      code: 'migration.arrivals',
      label: 'Irregular arrivals detected',
      description: '',
      domain: 'migration',
      datasets: ['migration.monthly'],
    },
  ],
} as unknown as Catalog;

describe('the coverage of released figures', () => {
  it('is the answer’s entry of the dataset or indicator, and empty for one not in it', () => {
    expect(coverageIn(all, 'dataset', 'justice.annual')).toEqual(justice);
    expect(coverageIn(all, 'indicator', 'migration.arrivals')).toEqual(arrivals);
    expect(coverageIn(all, 'dataset', 'migration.reception')).toEqual(none);
    expect(coverageIn(undefined, 'indicator', 'justice.clearance_rate')).toEqual(none);
  });
});

describe('the catalogue', () => {
  it('lists only what has released figures, and finds entries by every word of the search', () => {
    const listed = catalogueEntries(catalog, all, { search: '', domain: null, partner: null });
    expect(listed.indicators.map((e) => e.code)).toEqual(['justice.clearance_rate', 'migration.arrivals']);
    expect(listed.datasets.map((e) => e.code)).toEqual(['justice.annual']);
    expect(listed.datasets[0]!.coverage).toEqual(justice);
    const found = catalogueEntries(catalog, all, { search: 'CLEARANCE rate', domain: null, partner: null });
    expect(found.indicators.map((e) => e.code)).toEqual(['justice.clearance_rate']);
    expect(catalogueEntries(catalog, all, { search: 'resolved', domain: null, partner: null }).datasets.map((e) => e.code)).toEqual([
      'justice.annual',
    ]);
  });

  it('filters by domain, and by partner through the partner’s coverage', () => {
    expect(catalogueEntries(catalog, all, { search: '', domain: 'migration', partner: null }).indicators.map((e) => e.code)).toEqual([
      'migration.arrivals',
    ]);
    const ofAlbania = catalogueEntries(catalog, albania, { search: '', domain: null, partner: 'AL' });
    expect(ofAlbania.indicators.map((e) => [e.code, e.coverage.last])).toEqual([['justice.clearance_rate', '2021']]);
  });
});

describe('labels', () => {
  it('shows names, codes or both, and marks Kosovo with the asterisk of its footnote', () => {
    expect(labelOf('AL', 'Albania', 'name')).toBe('Albania');
    expect(labelOf('AL', 'Albania', 'code')).toBe('AL');
    expect(labelOf('AL', 'Albania', 'both')).toBe('AL — Albania');
    expect(labelOf('XK', 'Kosovo', 'name')).toBe('Kosovo*');
    expect(labelOf('XK', 'Kosovo', 'both')).toBe('XK — Kosovo*');
    expect(labelOf('ZZ', undefined, 'both')).toBe('ZZ');
  });
});

describe('the view of an indicator page', () => {
  it('comes from the address, keeping only the indicator’s breakdowns and valid values', () => {
    const params = new URLSearchParams('tab=map&period=2023&case_category=civil&sex=female&labels=both&asOf=2024-02-01');
    expect(readView(params, ['case_category'])).toEqual({
      tab: 'map',
      period: '2023',
      breakdown: { case_category: 'civil' },
      labels: 'both',
      asOf: '2024-02-01',
    });
    expect(readView(new URLSearchParams('tab=pie&labels=x&asOf=yesterday'), [])).toEqual({
      tab: 'chart',
      period: null,
      breakdown: {},
      labels: 'name',
      asOf: null,
    });
  });

  it('downloads with the same query, the labels and the format', () => {
    const href = downloadHref('justice.clearance_rate', 'sdmx-csv', {
      period: '2021',
      breakdown: { case_category: 'civil' },
      asOf: '2024-02-01',
      labels: 'both',
    });
    const url = new URL(href, 'http://localhost');
    expect(url.pathname).toBe('/api/v1/indicators/justice.clearance_rate/values');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      case_category: 'civil',
      period: '2021',
      asOf: '2024-02-01',
      labels: 'both',
      format: 'sdmx-csv',
    });
  });
});
