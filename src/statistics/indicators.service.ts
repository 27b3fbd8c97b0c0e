// Indicator values computed on demand from the values the viewer may see: per partner (and org
// unit), the Western Balkan region by the indicator's rule, the regional median, and the EU
// member states where data exists. Nothing is precomputed, so new data shows at once.
import type { Db } from '../platform/db/database.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { listOrgUnits, listPartners } from '../platform/partners/partners.service.js';
import type { Catalog, Indicator } from './catalog.js';
import { aggregateRegion, computeIndicator, roundTo, shareOf, type IndicatorResult } from './indicators.js';
import { comparePeriods, parsePeriod, periodRange, shiftPeriod } from './periods.js';
import { queryValues } from './submissions.repository.js';
import { toStored } from './submissions.service.js';
import { ValueIndex } from './values.js';
import { visibleRows, type Viewer } from '../platform/viewer.js';
import type { IndicatorAnswer, IndicatorValue, OrgUnitAnswer } from './indicators.schema.js';

export type { IndicatorAnswer, IndicatorValue, OrgUnitAnswer };

export interface IndicatorQuery {
  code: string;
  partner?: string;
  orgUnit?: string;
  period?: string;
  from?: string;
  to?: string;
  dimensions?: Record<string, string>;
}

export function requireIndicator(catalog: Catalog, code: string): Indicator {
  const indicator = catalog.indicators.get(code);
  if (!indicator) throw new NotFoundError('Indicator', code);
  return indicator;
}

function checkDimensions(catalog: Catalog, indicator: Indicator, dims: Record<string, string>): void {
  const available = new Set(indicator.variables.flatMap((v) => catalog.variables.get(v)!.dimensions));
  for (const [d, c] of Object.entries(dims)) {
    if (!available.has(d)) throw new ValidationError(`${d}: indicator ${indicator.code} cannot be broken down by ${d}.`, { field: d });
    if (!catalog.dimensions.get(d)!.codes.some((x) => x.code === c))
      throw new ValidationError(`${d}: "${c}" is not a code of ${d}.`, { field: d });
  }
}

/** Values rounded to the indicator's decimals; the region's value follows its aggregation rule. */
export async function indicatorValues(db: Db, catalog: Catalog, viewer: Viewer, q: IndicatorQuery): Promise<IndicatorAnswer> {
  const indicator = requireIndicator(catalog, q.code);
  const dims = q.dimensions ?? {};
  checkDimensions(catalog, indicator, dims);
  for (const [field, p] of [
    ['period', q.period],
    ['from', q.from],
    ['to', q.to],
  ] as const) {
    if (p !== undefined && !parsePeriod(p)) throw new ValidationError(`${field}: "${p}" is not an ISO period.`, { field });
  }
  let periods: string[] | undefined = q.period ? [q.period] : q.from && q.to ? periodRange(q.from, q.to, 600) : undefined;
  const explicitPeriods = periods !== undefined;
  // Earlier periods are loaded only as far back as the indicator's prev() reaches.
  const lags = Array.from({ length: indicator.maxLag + 1 }, (_, i) => i);
  const withPrevious = periods ? [...new Set(periods.flatMap((p) => lags.map((l) => shiftPeriod(p, -l))))] : undefined;
  const rows = await queryValues(db, {
    datasets: indicator.datasets,
    variables: indicator.variables,
    periods: withPrevious,
    ...visibleRows(viewer),
  });
  if (!periods) {
    periods = [...new Set(rows.map((r) => r.period))]
      .filter((p) => (!q.from || comparePeriods(p, q.from) >= 0) && (!q.to || comparePeriods(p, q.to) <= 0))
      .sort(comparePeriods);
  }
  const byPartnerPeriod = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = `${r.partner_code}|${r.period}`;
    let list = byPartnerPeriod.get(k);
    if (!list) byPartnerPeriod.set(k, (list = []));
    list.push(r);
  }
  const index = (partner: string, period: string) => {
    const list = byPartnerPeriod.get(`${partner}|${period}`);
    return list ? new ValueIndex(toStored(list)) : undefined;
  };
  const partners = (await listPartners(db)).filter((p) => p.group_code !== 'EU');
  const values: IndicatorValue[] = [];
  const region: IndicatorAnswer['region'] = [];
  for (const period of periods) {
    const members: IndicatorResult[] = [];
    // Rows of this period, finished once the region's members are known (a share of the region needs their sum).
    const rows: { row: Omit<IndicatorValue, 'value' | 'numerator' | 'denominator'>; result: IndicatorResult }[] = [];
    for (const p of partners) {
      if (q.partner && p.code !== q.partner && p.group_code !== 'WB6') continue;
      const current = index(p.code, period);
      if (!current) {
        // A partner asked for by name gets a row for every period asked for, empty when missing.
        if (q.partner === p.code && explicitPeriods)
          rows.push({
            row: { partner: p.code, group: p.group_code, orgUnit: q.orgUnit ?? null, period },
            result: { value: null, numerator: null, denominator: null },
          });
        continue;
      }
      const indexes = lags.map((l) => (l === 0 ? current : index(p.code, shiftPeriod(period, -l))));
      const result = computeIndicator(catalog, indicator, { indexes, orgUnit: '', dimensions: dims });
      if (p.group_code === 'WB6') members.push(result);
      if (!q.partner || q.partner === p.code) {
        if (!q.orgUnit) rows.push({ row: { partner: p.code, group: p.group_code, orgUnit: null, period }, result });
        else {
          const ou = computeIndicator(catalog, indicator, { indexes, orgUnit: q.orgUnit, dimensions: dims });
          if (current.orgUnitsOf(indicator.variables[0]!).includes(q.orgUnit) || ou.value !== null)
            rows.push({ row: { partner: p.code, group: p.group_code, orgUnit: q.orgUnit, period }, result: ou });
        }
      }
    }
    // A share of the region needs the region's sum, and that needs the indicator's coverage.
    const reporting = members.filter((m) => m.numerator !== null).length;
    const regionSum = indicator.shareOfRegion && reporting >= indicator.minCoverage ? sumOrNull(members.map((m) => m.numerator)) : null;
    const finish = (r: IndicatorResult) => (indicator.shareOfRegion ? shareOf(indicator, r, regionSum) : r);
    for (const { row, result } of rows) values.push({ ...row, ...rounded(indicator, finish(result)) });
    const agg = aggregateRegion(indicator, indicator.shareOfRegion ? members.map(finish) : members);
    region.push({ ...agg, period, value: roundTo(agg.value, indicator.decimals), median: roundTo(agg.median, indicator.decimals) });
  }
  const { code, label, unit, decimals, aggregation, polarity, description } = indicator;
  return { indicator: { code, label, unit, decimals, aggregation, polarity, description }, dimensions: dims, periods, values, region };
}

function sumOrNull(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) : null;
}

function rounded(indicator: Indicator, r: IndicatorResult) {
  return { value: roundTo(r.value, indicator.decimals), numerator: r.numerator, denominator: r.denominator };
}

/** The indicator for every org unit of one partner with data in the period (as far as the viewer may see). */
export async function indicatorByOrgUnit(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  q: { code: string; partner: string; period: string; dimensions?: Record<string, string> },
): Promise<OrgUnitAnswer> {
  const indicator = requireIndicator(catalog, q.code);
  const dims = q.dimensions ?? {};
  checkDimensions(catalog, indicator, dims);
  if (!parsePeriod(q.period)) throw new ValidationError(`period: "${q.period}" is not an ISO period.`, { field: 'period' });
  const periods = Array.from({ length: indicator.maxLag + 1 }, (_, l) => shiftPeriod(q.period, -l));
  const rows = await queryValues(db, {
    datasets: indicator.datasets,
    variables: indicator.variables,
    periods,
    partners: [q.partner],
    ...visibleRows(viewer),
  });
  const indexes = periods.map((p) => {
    const list = rows.filter((r) => r.period === p);
    return list.length ? new ValueIndex(toStored(list)) : undefined;
  });
  const names = new Map((await listOrgUnits(db, q.partner)).map((u) => [u.code, u.name]));
  const units = [...new Set(indicator.variables.flatMap((v) => indexes[0]?.orgUnitsOf(v) ?? []))].sort();
  const { code, label, unit, decimals, aggregation, polarity, description } = indicator;
  return {
    indicator: { code, label, unit, decimals, aggregation, polarity, description },
    partner: q.partner,
    period: q.period,
    dimensions: dims,
    // A share of the region is a partner-level figure; org units get none.
    values: units.map((orgUnit) => ({
      orgUnit,
      name: names.get(orgUnit) ?? orgUnit,
      ...rounded(
        indicator,
        indicator.shareOfRegion
          ? { value: null, numerator: null, denominator: null }
          : computeIndicator(catalog, indicator, { indexes, orgUnit, dimensions: dims }),
      ),
    })),
  };
}

/** The distinct comments on the values behind an indicator (e.g. the source of demo figures), as far as the viewer may see them. */
export async function valueSources(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  q: { datasets: string[]; periods?: string[] },
): Promise<{ partner: string; period: string; comment: string }[]> {
  const rows = await queryValues(db, { datasets: q.datasets, periods: q.periods, ...visibleRows(viewer) });
  const seen = new Map<string, { partner: string; period: string; comment: string }>();
  for (const r of rows)
    if (r.comment)
      seen.set(`${r.partner_code}|${r.period}|${r.comment}`, { partner: r.partner_code, period: r.period, comment: r.comment });
  return [...seen.values()].sort((a, b) => a.partner.localeCompare(b.partner) || comparePeriods(a.period, b.period));
}
