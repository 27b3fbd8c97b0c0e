import { describe, expect, it } from 'vitest';
import { fromApiValue, toApiValue } from './model';

describe('entry fields', () => {
  it('show stored numbers grouped in thousands with all their decimals', () => {
    expect(fromApiValue(30500)).toBe('30,500');
    expect(fromApiValue(0.125)).toBe('0.125');
    expect(fromApiValue(1234567.5)).toBe('1,234,567.5');
    expect(fromApiValue('NAP')).toBe('NAP');
    expect(fromApiValue(null)).toBe('');
  });

  it('send what was typed, grouped or not, as the number; codes and other text as they are', () => {
    expect(toApiValue('30,500')).toBe(30500);
    expect(toApiValue(' 30500 ')).toBe(30500);
    expect(toApiValue(fromApiValue(1234567.5))).toBe(1234567.5);
    expect(toApiValue('nap')).toBe('NAP');
    expect(toApiValue('12,5')).toBe('12,5');
    expect(toApiValue('')).toBeNull();
  });
});
