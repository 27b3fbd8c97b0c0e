// How many of the six Western Balkan partners a regional figure stands on. The API gives a region
// entry for every period: its value and median only when at least the indicator's `min_coverage`
// partners reported (`members` ≥ `required`), else null. Pure functions.
import type { FigureStatus } from './figures';

/** The partners of the region: the regional figures are counted out of these six. */
export const REGION_SIZE = 6;

/** The region's entry of one period, as the indicator API gives it. */
export interface RegionEntry {
  period: string;
  value: number | null;
  median: number | null;
  /** The partners that reported. */
  members: number;
  /** The partners the indicator needs for a regional value and a median. */
  required: number;
  /** Why there is no regional value, or null. */
  reason: string | null;
  /** The least advanced workflow status of the members' figures; null when none reported. */
  status?: FigureStatus | null;
}

/** Whether the period has a regional value: enough partners reported and the value could be formed. */
export function hasRegionValue(entry: RegionEntry | undefined): entry is RegionEntry & { value: number } {
  return !!entry && entry.value !== null && entry.members >= entry.required;
}

/** The median when enough partners reported, else null (a median of one partner is that partner). */
export function regionMedian(entry: RegionEntry | undefined): number | null {
  return entry && entry.members >= entry.required ? entry.median : null;
}

/**
 * The period a page opens on: the latest of `periods` whose region entry has a value (in any of
 * `regions`, one list per indicator), else the latest period; undefined without periods.
 */
export function latestCoveredPeriod(periods: readonly string[], ...regions: (readonly RegionEntry[] | undefined)[]): string | undefined {
  const covered = new Set(regions.flatMap((r) => (r ?? []).filter(hasRegionValue).map((e) => e.period)));
  const sorted = [...periods].sort();
  return sorted.filter((p) => covered.has(p)).at(-1) ?? sorted.at(-1);
}
