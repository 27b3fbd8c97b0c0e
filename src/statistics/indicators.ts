// Indicator arithmetic (pure): one partner or org unit, and the region by the indicator's
// aggregation rule (ratio of sums — never the mean of ratios —, median or sum), plus the median.
import { REGION_SIZE, type Catalog, type Indicator } from './catalog.js';
import { meanScoreOf } from './code-scores.js';
import { evaluate, type ValueLookup } from './expressions.js';
import type { ValueIndex } from './values.js';

export interface IndicatorResult {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface Scope {
  /** Index per lag: 0 the period itself, 1 the previous period, … */
  indexes: (ValueIndex | undefined)[];
  /** '' for the partner as a whole. */
  orgUnit: string;
  /** Dimension codes to apply to every variable broken down by that dimension. */
  dimensions: Readonly<Record<string, string>>;
}

function lookupFor(catalog: Catalog, scope: Scope): ValueLookup {
  return (variable, filter, lag) => {
    const index = scope.indexes[lag];
    if (!index) return null;
    const dims = catalog.variables.get(variable)?.dimensions ?? [];
    const merged: Record<string, string> = { ...filter };
    for (const [d, c] of Object.entries(scope.dimensions)) if (dims.includes(d) && !(d in merged)) merged[d] = c;
    return (scope.orgUnit === '' ? index.resolvePartner(variable, merged) : index.resolve(variable, scope.orgUnit, merged)).value;
  };
}

/** The indicator for one scope; missing when an operand is missing or the denominator is 0. */
export function computeIndicator(catalog: Catalog, indicator: Indicator, scope: Scope): IndicatorResult {
  if (indicator.meanScore) {
    const mean = meanScoreOf(indicator.meanScore, scope.indexes[0], scope.orgUnit, scope.dimensions);
    return { value: mean === null ? null : mean * indicator.factor, numerator: null, denominator: null };
  }
  const lookup = lookupFor(catalog, scope);
  if (indicator.expression) {
    const raw = evaluate(indicator.expression, lookup);
    return { value: raw === null ? null : raw * indicator.factor, numerator: null, denominator: null };
  }
  const numerator = evaluate(indicator.numerator!, lookup);
  // A share of the region is completed by the caller, who knows the region's sum (shareOf).
  if (indicator.shareOfRegion) return { value: numerator, numerator, denominator: null };
  const denominator = evaluate(indicator.denominator!, lookup);
  const value = numerator === null || denominator === null || denominator === 0 ? null : (numerator / denominator) * indicator.factor;
  return { value: value !== null && Number.isFinite(value) ? value : null, numerator, denominator };
}

/** Completes a share-of-region result once the region's sum of numerators is known. */
export function shareOf(indicator: Indicator, result: IndicatorResult, regionSum: number | null): IndicatorResult {
  if (result.numerator === null || regionSum === null || regionSum === 0)
    return { value: null, numerator: result.numerator, denominator: regionSum };
  return { value: (result.numerator / regionSum) * indicator.factor, numerator: result.numerator, denominator: regionSum };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A regional figure with its coverage: how many partners it stands on and, when none is given, why. */
export interface RegionFigure {
  value: number | null;
  median: number | null;
  /** The lowest and the highest partner figure (exact values, like the median). */
  min: number | null;
  max: number | null;
  /** The partners that reported (for ratio_of_sums: with numerator and denominator). */
  members: number;
  /** The partners the indicator needs for a regional value (its min_coverage). */
  required: number;
  /** Why there is no regional value, or null. */
  reason: string | null;
}

/** Below the indicator's coverage there is no region value and no median: a region of one partner is that partner. */
export function withCoverage(
  indicator: Indicator,
  figure: Pick<RegionFigure, 'value' | 'median' | 'members'> & Partial<Pick<RegionFigure, 'min' | 'max'>>,
): RegionFigure {
  const required = indicator.minCoverage;
  if (figure.members >= required) return { min: null, max: null, ...figure, required, reason: null };
  const reason = `${figure.members} of ${REGION_SIZE} partners reported — no regional value (it needs ${required})`;
  return { value: null, median: null, min: null, max: null, members: figure.members, required, reason };
}

/**
 * The region's value from its members' results, by the indicator's rule, with its coverage, the
 * median and the range (min, max) of the members' values. For
 * ratio_of_sums only members with both numerator and denominator count, so that a member without
 * data does not drag the ratio down.
 */
export function aggregateRegion(indicator: Indicator, members: IndicatorResult[]): RegionFigure {
  const values = members.map((m) => m.value).filter((v): v is number => v !== null);
  const range = values.length ? { min: Math.min(...values), max: Math.max(...values) } : { min: null, max: null };
  return withCoverage(indicator, { ...aggregateMembers(indicator, members), ...range });
}

function aggregateMembers(
  indicator: Indicator,
  members: IndicatorResult[],
): { value: number | null; median: number | null; members: number } {
  const values = members.map((m) => m.value).filter((v): v is number => v !== null);
  const med = median(values);
  switch (indicator.aggregation) {
    case 'median':
      return { value: med, median: med, members: values.length };
    case 'sum':
      return { value: values.length ? values.reduce((a, b) => a + b, 0) : null, median: med, members: values.length };
    case 'ratio_of_sums': {
      const complete = members.filter((m) => m.numerator !== null && m.denominator !== null);
      const num = complete.reduce((a, m) => a + m.numerator!, 0);
      const den = complete.reduce((a, m) => a + m.denominator!, 0);
      return { value: complete.length === 0 || den === 0 ? null : (num / den) * indicator.factor, median: med, members: complete.length };
    }
  }
}

/** Rounds half away from zero to the indicator's decimals, as published figures are. */
export function roundTo(value: number | null, decimals: number): number | null {
  if (value === null) return null;
  const f = 10 ** decimals;
  const r = (Math.sign(value) * Math.round(Math.abs(value) * f + 1e-9)) / f;
  return Object.is(r, -0) ? 0 : r;
}
