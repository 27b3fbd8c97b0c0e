import { describe, expect, it } from 'vitest';
import { loadCatalogs } from './catalog.js';
import { CATALOG_DIR } from '../platform/paths.js';
import { aggregateRegion, computeIndicator, roundTo } from './indicators.js';
import { coordsKey, ValueIndex, type StoredValue } from './values.js';

const catalog = loadCatalogs(CATALOG_DIR);
const cr = catalog.indicators.get('justice.clearance_rate')!;
const dt = catalog.indicators.get('justice.disposition_time')!;
const v = (variable: string, num: number | null, coords: Record<string, string> = {}, orgUnit = ''): StoredValue => ({
  variable,
  orgUnit,
  coords: coordsKey(coords),
  num,
  code: null,
});
const scope = (values: StoredValue[], orgUnit = '', dimensions: Record<string, string> = {}) => ({
  indexes: [new ValueIndex(values)],
  orgUnit,
  dimensions,
});

describe('indicators', () => {
  it('computes the clearance rate and the disposition time as CEPEJ defines them', () => {
    const values = [v('cases.incoming', 1000), v('cases.resolved', 950), v('cases.pending_end', 1200)];
    expect(computeIndicator(catalog, cr, scope(values)).value).toBe(95);
    expect(roundTo(computeIndicator(catalog, dt, scope(values)).value, 0)).toBe(461);
  });

  it('is missing, never 0 or Infinity, when the denominator is 0 or missing', () => {
    expect(computeIndicator(catalog, cr, scope([v('cases.incoming', 0), v('cases.resolved', 5)])).value).toBeNull();
    expect(computeIndicator(catalog, cr, scope([v('cases.resolved', 5)])).value).toBeNull();
  });

  it('applies dimension filters to the variables that have them', () => {
    const values = [
      v('cases.incoming', 100, { case_category: 'civil_litigious', instance: 'first' }),
      v('cases.resolved', 80, { case_category: 'civil_litigious', instance: 'first' }),
      v('cases.incoming', 50, { case_category: 'criminal_severe', instance: 'first' }),
      v('cases.resolved', 60, { case_category: 'criminal_severe', instance: 'first' }),
    ];
    expect(computeIndicator(catalog, cr, scope(values, '', { case_category: 'civil_litigious' })).value).toBe(80);
    expect(computeIndicator(catalog, cr, scope(values)).value).toBeCloseTo(93.333, 3);
  });

  it('computes one org unit on its own', () => {
    const values = [
      v('cases.incoming', 10, {}, 'c1'),
      v('cases.resolved', 5, {}, 'c1'),
      v('cases.incoming', 30, {}, 'c2'),
      v('cases.resolved', 30, {}, 'c2'),
    ];
    expect(computeIndicator(catalog, cr, scope(values, 'c1')).value).toBe(50);
    expect(computeIndicator(catalog, cr, scope(values)).value).toBe(87.5);
  });

  it('aggregates the region as the ratio of sums, not the mean of ratios, and gives the median', () => {
    const members = [
      { value: 50, numerator: 50, denominator: 100 },
      { value: 100, numerator: 1000, denominator: 1000 },
      { value: 80, numerator: 80, denominator: 100 },
      { value: 90, numerator: 90, denominator: 100 },
      { value: null, numerator: null, denominator: 10 },
    ];
    const region = aggregateRegion(cr, members);
    expect(region.value).toBeCloseTo((1220 / 1300) * 100, 9);
    expect(region).toMatchObject({ median: 85, min: 50, max: 100, members: 4, required: 4, reason: null });
  });

  it('gives no region value and no median below the indicator’s coverage (default 4 of 6), saying why', () => {
    const two = [
      { value: 50, numerator: 50, denominator: 100 },
      { value: 100, numerator: 1000, denominator: 1000 },
    ];
    expect(cr.minCoverage).toBe(4);
    expect(aggregateRegion(cr, two)).toEqual({
      value: null,
      median: null,
      min: null,
      max: null,
      members: 2,
      required: 4,
      reason: '2 of 6 partners reported — no regional value (it needs 4)',
    });
    // An indicator may declare a lower coverage of its own (min_coverage in the catalogue).
    expect(aggregateRegion({ ...cr, minCoverage: 2 }, two).value).toBeCloseTo((1050 / 1100) * 100, 9);
  });

  it('rounds half away from zero', () => {
    expect(roundTo(2.345, 2)).toBe(2.35);
    expect(roundTo(-2.345, 2)).toBe(-2.35);
    expect(roundTo(460.5, 0)).toBe(461);
    expect(roundTo(null, 2)).toBeNull();
  });
});
