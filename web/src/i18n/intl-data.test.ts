import { describe, expect, it } from 'vitest';
import { datesMissing, numbersMissing } from './intl-data';

describe('which languages need the CLDR data loaded', () => {
  it('a browser writing English figures for a language of the region lacks its number data; English never does', () => {
    const english = () => '1.5';
    expect(['mk', 'sq', 'bs'].map((l) => numbersMissing(l, english))).toEqual([true, true, true]);
    expect(numbersMissing('mk', () => '1,5')).toBe(false);
    expect(numbersMissing('en-GB', english)).toBe(false);
    // Node carries full ICU data: nothing is missing here.
    expect(['mk', 'sq', 'bs', 'hr', 'sr-Latn', 'sr-Cyrl', 'sr-Latn-ME'].filter((l) => numbersMissing(l))).toEqual([]);
  });

  it('a browser naming December in English for a language of the region lacks its date data', () => {
    expect(datesMissing('mk', () => 'December')).toBe(true);
    expect(datesMissing('mk', () => 'декември')).toBe(false);
    expect(datesMissing('en-GB', () => 'December')).toBe(false);
    expect(['mk', 'sq', 'bs', 'hr', 'sr-Latn', 'sr-Cyrl', 'sr-Latn-ME'].filter((l) => datesMissing(l))).toEqual([]);
  });
});
