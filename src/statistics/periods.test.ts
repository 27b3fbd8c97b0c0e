import { describe, expect, it } from 'vitest';
import {
  endedBefore,
  isoWeeksInYear,
  lastEndedBefore,
  parsePeriod,
  periodContaining,
  periodEnd,
  periodRange,
  previousPeriod,
  shiftPeriod,
} from './periods.js';

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

  it('knows half-years: 2024S1 is January to June, 2024S2 July to December', () => {
    expect(parsePeriod('2024S2')).toEqual({ type: 'halfyearly', year: 2024, index: 2 });
    for (const bad of ['2024S0', '2024S3', '2024-S1', '2024H1']) expect(parsePeriod(bad), bad).toBeNull();
    expect([previousPeriod('2024S1'), shiftPeriod('2024S2', 1), shiftPeriod('2024S1', 5)]).toEqual(['2023S2', '2025S1', '2026S2']);
    expect(['2024S1', '2024S2'].map((p) => periodEnd(p).toISOString().slice(0, 10))).toEqual(['2024-06-30', '2024-12-31']);
    expect(periodContaining('halfyearly', new Date('2024-06-30T23:00:00Z'))).toBe('2024S1');
    expect(periodContaining('halfyearly', new Date('2024-07-01T00:00:00Z'))).toBe('2024S2');
    expect(lastEndedBefore('halfyearly', '2020-10-22')).toBe('2020S1');
    expect(periodRange('2023S2', '2025S1')).toEqual(['2023S2', '2024S1', '2024S2', '2025S1']);
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

  it('knows which periods ended before a day, and the last of each type', () => {
    // The day of the 22 October 2020 meeting: 2019 and September 2020 had ended, 2020 and October 2020 not.
    expect(
      ['2019', '2020', '2020Q3', '2020Q4', '2020-09', '2020-10', '2020W42', '2020W43'].filter((p) => endedBefore(p, '2020-10-22')),
    ).toEqual(['2019', '2020Q3', '2020-09', '2020W42']);
    // A period ends with its last day: 2020 has not ended on 31 December 2020, it has on 1 January 2021.
    expect(endedBefore('2020', '2020-12-31')).toBe(false);
    expect(endedBefore('2020', '2021-01-01')).toBe(true);
    expect((['yearly', 'quarterly', 'monthly', 'weekly'] as const).map((t) => lastEndedBefore(t, '2020-10-22'))).toEqual([
      '2019',
      '2020Q3',
      '2020-09',
      '2020W42',
    ]);
    expect(lastEndedBefore('yearly', '2021-01-01')).toBe('2020');
    expect(lastEndedBefore('monthly', '2021-01-01')).toBe('2020-12');
    // 4 January 2021 is the Monday of week 1: the week before (2020W53) ended on Sunday 3 January.
    expect(lastEndedBefore('weekly', '2021-01-04')).toBe('2020W53');
    expect(lastEndedBefore('weekly', '2021-01-03')).toBe('2020W52');
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
