import { afterEach, describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatChange,
  formatDate,
  formatFigure,
  formatMonth,
  formatNumber,
  groupDigits,
  parseNumber,
  setFormatLocale,
} from './format';

afterEach(() => setFormatLocale('en-GB'));

describe('the one formatter', () => {
  it('writes an indicator’s figures with its own decimals, grouped, with a real minus sign', () => {
    expect(formatNumber(78, 1)).toBe('78.0');
    expect(formatNumber(57.14, 1)).toBe('57.1');
    expect(formatNumber(30500)).toBe('30,500');
    expect(formatNumber(1234.567)).toBe('1,234.57');
    expect(formatNumber(94.44, { max: 1 })).toBe('94.4');
    expect(formatNumber(-12.5, 0)).toBe('−13');
    expect(formatNumber(null)).toBe('—');
    expect(formatFigure(78, '%', 1)).toBe('78.0 %');
    expect(formatFigure(900, 'beds', 0)).toBe('900 beds');
    expect(formatChange(34.94)).toBe('+34.9 %');
    expect(formatChange(-2)).toBe('−2 %');
  });

  it('writes dates one way: calendar dates as written, months in words, file sizes', () => {
    expect(formatDate('2026-04-30')).toBe('30 Apr 2026');
    expect(formatDate(null)).toBe('—');
    expect(formatMonth('2026-10')).toBe('October 2026');
    expect(formatMonth('2026Q1')).toBe('2026Q1');
    expect(formatBytes(1_572_864)).toBe('1.5 MB');
    expect(formatBytes(12_800)).toBe('13 KB');
    expect(formatBytes(800)).toBe('800 bytes');
  });

  it('reads typed numbers with grouping in threes, and refuses a comma that cannot group', () => {
    expect(parseNumber('30,500')).toBe(30500);
    expect(parseNumber(' 30 500 ')).toBe(30500);
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('−12')).toBe(-12);
    expect(parseNumber('0.25')).toBe(0.25);
    expect(parseNumber('12,5')).toBeNull();
    expect(parseNumber('1,23,456')).toBeNull();
    expect(parseNumber('NA')).toBeNull();
    expect(groupDigits('30500')).toBe('30,500');
    expect(groupDigits('1234.50')).toBe('1,234.50');
    expect(groupDigits('NAP')).toBe('NAP');
  });

  it('follows the locale: Serbian groups with a point and writes a decimal comma', () => {
    setFormatLocale('sr-Latn');
    expect(formatNumber(30500.5, 1)).toBe('30.500,5');
    expect(parseNumber('30.500,5')).toBe(30500.5);
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('12.5')).toBeNull();
  });
});
