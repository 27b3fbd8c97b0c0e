import { describe, expect, it } from 'vitest';
import { isoWeeksInYear, parsePeriod, periodContaining, periodEnd, periodRange, previousPeriod, shiftPeriod } from './periods.js';

describe('ISO periods', () => {
  it('recognises the four period types and rejects the rest', () => {
    expect(parsePeriod('2024')).toEqual({ type: 'yearly', year: 2024, index: 1 });
    expect(parsePeriod('2024Q3')).toEqual({ type: 'quarterly', year: 2024, index: 3 });
    expect(parsePeriod('2024-03')).toEqual({ type: 'monthly', year: 2024, index: 3 });
    expect(parsePeriod('2024W05')).toEqual({ type: 'weekly', year: 2024, index: 5 });
    for (const bad of ['2024Q5', '2024-13', '2024-3', '24', '2024W54', '2021W53', 'x2024', '2024 ', '2024-03-01'])
      expect(parsePeriod(bad), bad).toBeNull();
    expect(parsePeriod('2020W53')).not.toBeNull();
  });

  it('counts ISO weeks per year', () => {
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2024)).toBe(52);
  });

  it('steps back and forth across year boundaries', () => {
    expect(previousPeriod('2024')).toBe('2023');
    expect(previousPeriod('2024Q1')).toBe('2023Q4');
    expect(previousPeriod('2024-01')).toBe('2023-12');
    expect(previousPeriod('2021W01')).toBe('2020W53');
    expect(shiftPeriod('2024-11', 3)).toBe('2025-02');
  });

  it('knows the last day of each period', () => {
    expect(periodEnd('2024').toISOString().slice(0, 10)).toBe('2024-12-31');
    expect(periodEnd('2024Q1').toISOString().slice(0, 10)).toBe('2024-03-31');
    expect(periodEnd('2024-02').toISOString().slice(0, 10)).toBe('2024-02-29');
    expect(periodEnd('2024W01').toISOString().slice(0, 10)).toBe('2024-01-07');
  });

  it('finds the period that contains a date, ISO weeks across the new year included', () => {
    const d = new Date('2026-11-28T12:00:00Z');
    expect(['yearly', 'quarterly', 'monthly', 'weekly'].map((t) => periodContaining(t as 'yearly', d))).toEqual([
      '2026',
      '2026Q4',
      '2026-11',
      '2026W48',
    ]);
    expect(periodContaining('weekly', new Date('2021-01-03T00:00:00Z'))).toBe('2020W53');
    expect(periodContaining('weekly', new Date('2024-12-30T00:00:00Z'))).toBe('2025W01');
  });

  it('enumerates ranges', () => {
    expect(periodRange('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(() => periodRange('2023', '2024-02')).toThrow();
  });
});
