import { describe, expect, it } from 'vitest';
import { hasRegionValue, latestCoveredPeriod, regionMedian, type RegionEntry } from './coverage.js';

const entry = (period: string, members: number, value: number | null = members >= 4 ? 100 : null): RegionEntry => ({
  period,
  value,
  median: value,
  members,
  required: 4,
  reason: members >= 4 ? null : `${members} of 6 partners reported — no regional value (it needs 4)`,
});

describe('the coverage of regional figures', () => {
  it('has a regional value only when enough partners reported', () => {
    expect(hasRegionValue(entry('2022', 6))).toBe(true);
    expect(hasRegionValue(entry('2023', 1))).toBe(false);
    expect(hasRegionValue(entry('2023', 6, null))).toBe(false);
    expect(hasRegionValue(undefined)).toBe(false);
    // A median of too few partners is not shown, even when given.
    expect(regionMedian({ ...entry('2023', 1), median: 12 })).toBe(null);
    expect(regionMedian(entry('2022', 5))).toBe(100);
  });

  it('opens on the latest period with a regional value, else on the latest period', () => {
    const region = [entry('2021', 6), entry('2022', 5), entry('2023', 1), entry('2025', 2)];
    expect(latestCoveredPeriod(['2021', '2022', '2023', '2025'], region)).toBe('2022');
    expect(latestCoveredPeriod(['2023', '2025'], [entry('2023', 1), entry('2025', 2)])).toBe('2025');
    // With several indicators, a period counts when one of them has a regional value then.
    expect(latestCoveredPeriod(['2022', '2023'], [entry('2023', 1)], [entry('2022', 1), entry('2023', 4)])).toBe('2023');
    expect(latestCoveredPeriod(['2022'], undefined)).toBe('2022');
    expect(latestCoveredPeriod([], region)).toBe(undefined);
  });
});
