import { describe, expect, it } from 'vitest';
import type { Catalog } from '../statistics/model';
import { catalogueEntries, coverageOf, downloadHref, labelOf, readView, type PublishedSubmission } from './model.js';

const published: PublishedSubmission[] = [
  { dataset: 'justice.annual', partner: 'AL', period: '2021', status: 'published', updatedAt: '2024-05-01T10:00:00.000Z' },
  { dataset: 'justice.annual', partner: 'AL', period: '2019', status: 'published', updatedAt: '2024-03-01T10:00:00.000Z' },
  { dataset: 'justice.annual', partner: 'RS', period: '2022', status: 'published', updatedAt: '2024-06-01T10:00:00.000Z' },
  { dataset: 'migration.monthly', partner: 'RS', period: '2021-05', status: 'published', updatedAt: '2024-07-01T10:00:00.000Z' },
];

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

describe('the coverage of published figures', () => {
  it('spans the earliest to the latest published period, with the partners and the latest publication', () => {
    expect(coverageOf(['justice.annual'], published)).toEqual({
      first: '2019',
      last: '2022',
      periods: 3,
      partners: ['AL', 'RS'],
      releasedAt: '2024-06-01T10:00:00.000Z',
    });
  });

  it('is one partner’s when a partner is given, and empty without published figures', () => {
    expect(coverageOf(['justice.annual'], published, 'AL')).toMatchObject({ first: '2019', last: '2021', partners: ['AL'] });
    expect(coverageOf(['migration.reception'], published)).toEqual({ first: null, last: null, periods: 0, partners: [], releasedAt: null });
  });
});

describe('the catalogue', () => {
  it('lists only what has published figures, and finds entries by every word of the search', () => {
    const all = catalogueEntries(catalog, published, { search: '', domain: null, partner: null });
    expect(all.indicators.map((e) => e.code)).toEqual(['justice.clearance_rate', 'migration.arrivals']);
    expect(all.datasets.map((e) => e.code)).toEqual(['justice.annual']);
    const found = catalogueEntries(catalog, published, { search: 'CLEARANCE rate', domain: null, partner: null });
    expect(found.indicators.map((e) => e.code)).toEqual(['justice.clearance_rate']);
    expect(catalogueEntries(catalog, published, { search: 'resolved', domain: null, partner: null }).datasets).toHaveLength(1);
  });

  it('filters by domain and by the partner with published figures', () => {
    expect(catalogueEntries(catalog, published, { search: '', domain: 'migration', partner: null }).indicators).toHaveLength(1);
    expect(catalogueEntries(catalog, published, { search: '', domain: null, partner: 'AL' }).indicators.map((e) => e.code)).toEqual([
      'justice.clearance_rate',
    ]);
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
