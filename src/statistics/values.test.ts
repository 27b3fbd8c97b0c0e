import { describe, expect, it } from 'vitest';
import { coordsKey, parseCoordsKey, totalMismatches, ValueIndex, type SpecialCode, type StoredValue } from './values.js';

const v = (
  variable: string,
  coords: Record<string, string>,
  num: number | null,
  code: SpecialCode | null = null,
  orgUnit = '',
): StoredValue => ({ variable, orgUnit, coords: coordsKey(coords), num, code });

describe('values and breakdowns', () => {
  it('writes coordinates canonically', () => {
    expect(coordsKey({ sex: 'female', age: 'y0_13' })).toBe('age=y0_13;sex=female');
    expect(coordsKey({})).toBe('');
    expect({ ...parseCoordsKey('age=y0_13;sex=female') }).toEqual({ age: 'y0_13', sex: 'female' });
  });

  it('uses a given total as the total, and otherwise sums one breakdown', () => {
    const given = new ValueIndex([v('arrivals', {}, 100), v('arrivals', { sex: 'female' }, 30), v('arrivals', { sex: 'male' }, 60)]);
    expect(given.resolve('arrivals', '').value).toBe(100);
    const derived = new ValueIndex([v('arrivals', { sex: 'female' }, 30), v('arrivals', { sex: 'male' }, 60)]);
    expect(derived.resolve('arrivals', '')).toEqual({ value: 90, code: null, source: 'breakdown' });
  });

  it('never counts two independent breakdowns twice', () => {
    const index = new ValueIndex([
      v('arrivals', { sex: 'female' }, 30),
      v('arrivals', { sex: 'male' }, 60),
      v('arrivals', { age: 'adult' }, 80),
      v('arrivals', { age: 'minor' }, 10),
    ]);
    expect(index.resolve('arrivals', '').value).toBe(90);
  });

  it('sums crossed cells for a margin that was not given', () => {
    const index = new ValueIndex([
      v('cases', { category: 'civil', instance: 'first' }, 10),
      v('cases', { category: 'civil', instance: 'second' }, 5),
      v('cases', { category: 'criminal', instance: 'first' }, 7),
    ]);
    expect(index.resolve('cases', '', { category: 'civil' }).value).toBe(15);
    expect(index.resolve('cases', '', { instance: 'first' }).value).toBe(17);
    expect(index.resolve('cases', '').value).toBe(22);
  });

  it('never counts a special code as zero', () => {
    expect(new ValueIndex([v('x', { sex: 'female' }, 3), v('x', { sex: 'male' }, null, 'NA')]).resolve('x', '')).toMatchObject({
      value: null,
      code: 'NA',
    });
    expect(new ValueIndex([v('x', { sex: 'female' }, 3), v('x', { sex: 'male' }, null, 'NAP')]).resolve('x', '').value).toBe(3);
    expect(new ValueIndex([v('x', {}, null, 'NQ')]).resolve('x', '')).toMatchObject({ value: null, code: 'NQ' });
    expect(new ValueIndex([v('x', { sex: 'male' }, null, 'NAP')]).resolve('x', '')).toMatchObject({ value: null, code: 'NAP' });
  });

  it('adds up org units when the partner figure is not given', () => {
    const index = new ValueIndex([v('cases', {}, 10, null, 'court-a'), v('cases', {}, 15, null, 'court-b')]);
    expect(index.resolvePartner('cases')).toEqual({ value: 25, code: null, source: 'org_units', units: 2 });
    const withOwn = new ValueIndex([v('cases', {}, 10, null, 'court-a'), v('cases', {}, 99)]);
    expect(withOwn.resolvePartner('cases').value).toBe(99);
  });

  it('finds given totals that disagree with their breakdown', () => {
    const values = [v('arrivals', {}, 100), v('arrivals', { sex: 'female' }, 30), v('arrivals', { sex: 'male' }, 60), v('other', {}, 5)];
    expect(totalMismatches(new ValueIndex(values), values)).toEqual([
      { variable: 'arrivals', orgUnit: '', coords: '', given: 100, fromBreakdown: 90 },
    ]);
  });

  it('stores every partner-level figure a look-up can ask for, and answers the same from them as from the org units', () => {
    const rows = [
      v('cases', {}, 100),
      v('cases', { category: 'civil', instance: 'first' }, 5, null, 'court-a'),
      v('cases', { category: 'civil', instance: 'second' }, 7, null, 'court-a'),
      v('cases', { category: 'penal', instance: 'first' }, null, 'NA', 'court-b'),
    ];
    const index = new ValueIndex(rows);
    const cells = index.partnerCells();
    expect(cells.map((c) => [c.coords, c.num, c.code, c.source, c.units])).toEqual([
      ['', 100, null, 'given', 0],
      ['category=civil', 12, null, 'org_units', 1],
      ['category=civil;instance=first', 5, null, 'org_units', 1],
      ['category=civil;instance=second', 7, null, 'org_units', 1],
      ['category=penal', null, 'NA', 'org_units', 1],
      ['category=penal;instance=first', null, 'NA', 'org_units', 1],
      ['instance=first', null, 'NA', 'org_units', 2],
      ['instance=second', 7, null, 'org_units', 1],
    ]);
    const fromCells = new ValueIndex(cells.map((c) => ({ variable: c.variable, orgUnit: '', coords: c.coords, num: c.num, code: c.code })));
    const filters: Record<string, string>[] = [
      {},
      { category: 'civil' },
      { instance: 'first' },
      { category: 'penal', instance: 'first' },
      { category: 'other' },
    ];
    for (const filter of filters) expect(fromCells.resolvePartner('cases', filter).value).toBe(index.resolvePartner('cases', filter).value);
  });
});
