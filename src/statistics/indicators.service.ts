// Indicator values from the read model (read-model.service.ts): per partner (from its maintained
// partner-level cells) and org unit, the Western Balkan region by the indicator's rule, the
// regional median, and the EU member states where data exists; each figure with its status,
// release and revision flag. The cells are kept in the transaction of each save, so new data
// shows at once.
import type { Db } from '../platform/db/database.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { listOrgUnits, listPartners } from '../platform/partners/partners.service.js';
import type { Catalog, Indicator } from './catalog.js';
import { indicatorHead, sumLimitsOf } from './catalog.js';
import { aggregateRegion, computeIndicator, roundTo, shareOf, type IndicatorResult } from './indicators.js';
import { comparePeriods, parsePeriod, periodRange, shiftPeriod } from './periods.js';
import { leastPublished, parseAsOf, readCells, readValues, type VisibleCell, type VisibleValue } from './read-model.service.js';
import { ValueIndex } from './values.js';
import type { PublicationStatus, Viewer } from '../platform/viewer.js';
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
  /** The figures as published at this instant (ISO date or date-time): releases only, no working data. */
  asOf?: string;
  /** Releases only, even for a viewer who may read working data. */
  publishedOnly?: boolean;
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

/** One partner and period as read: the partner-level figures, and what they rest on. */
interface Slice {
  index: ValueIndex;
  statuses: PublicationStatus[];
  release: number | null;
  revised: boolean;
  /** The most org units of a partial sum (0: none). */
  partialUnits: number;
}

/** Cells (or org-unit values) grouped per partner and period, indexed for look-ups. */
function slices(catalog: Catalog, rows: (VisibleCell | VisibleValue)[]): Map<string, Slice> {
  const groups = new Map<string, (VisibleCell | VisibleValue)[]>();
  for (const r of rows) {
    const k = `${r.partner}|${r.period}`;
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(r);
  }
  const out = new Map<string, Slice>();
  for (const [k, list] of groups) {
    // A partial sum over org units is no partner figure: it stays out of the index.
    const usable = list.filter((r) => !('source' in r) || r.source !== 'partial');
    const releases = list.map((r) => r.release).filter((n): n is number => n !== null);
    out.set(k, {
      index: new ValueIndex(
        usable.map((r) => ({ variable: r.variable, orgUnit: 'orgUnit' in r ? r.orgUnit : '', coords: r.coords, num: r.num, code: r.code })),
        sumLimitsOf(catalog),
      ),
      statuses: [...new Set(list.map((r) => r.status))],
      release: releases.length ? Math.max(...releases) : null,
      revised: releases.some((n) => n > 1),
      partialUnits: Math.max(0, ...list.map((r) => ('source' in r && r.source === 'partial' ? r.units : 0))),
    });
  }
  return out;
}

/** What a figure computed from these slices rests on. */
function figureStatus(used: (Slice | undefined)[]) {
  const present = used.filter((s): s is Slice => s !== undefined);
  const releases = present.map((s) => s.release).filter((n): n is number => n !== null);
  return {
    status: present.length ? leastPublished(present.flatMap((s) => s.statuses)) : null,
    release: present[0]?.release ?? (releases.length ? Math.max(...releases) : null),
    revised: present.some((s) => s.revised),
  };
}

const NO_FIGURE = { status: null, release: null, revised: false, partialUnits: null };

type Partner = Awaited<ReturnType<typeof listPartners>>[number];
type Row = Omit<IndicatorValue, 'value' | 'numerator' | 'denominator'>;

/** What each period of an indicator answer is computed from. */
interface FigureSources {
  catalog: Catalog;
  indicator: Indicator;
  q: IndicatorQuery;
  dims: Record<string, string>;
  /** 0 up to the indicator's maxLag: the periods back its prev() reads. */
  lags: number[];
  partners: Partner[];
  partnerSlices: Map<string, Slice>;
  /** The org unit's slices, when one is asked for. */
  unitSlices: Map<string, Slice> | undefined;
  /** Whether the query named its periods (a partner asked for then gets a row for each, empty when missing). */
  explicitPeriods: boolean;
}

function checkPeriods(q: IndicatorQuery): void {
  for (const [field, p] of [
    ['period', q.period],
    ['from', q.from],
    ['to', q.to],
  ] as const) {
    if (p !== undefined && !parsePeriod(p)) throw new ValidationError(`${field}: "${p}" is not an ISO period.`, { field });
  }
}

/**
 * One period's rows (of the partners, or of the org unit asked for), not yet finished, and the
 * results of the region's members with the status of each that has a figure.
 */
function partnerRows(s: FigureSources, period: string) {
  const { catalog, indicator, q, dims, lags } = s;
  const members: IndicatorResult[] = [];
  const memberStatuses: PublicationStatus[] = [];
  const rows: { row: Row; result: IndicatorResult }[] = [];
  for (const p of s.partners) {
    if (q.partner && p.code !== q.partner && p.group_code !== 'WB6') continue;
    const current = s.partnerSlices.get(`${p.code}|${period}`);
    const empty = { partner: p.code, group: p.group_code, orgUnit: q.orgUnit ?? null, period };
    if (!current) {
      // A partner asked for by name gets a row for every period asked for, empty when missing.
      if (q.partner === p.code && s.explicitPeriods)
        rows.push({ row: { ...empty, ...NO_FIGURE }, result: { value: null, numerator: null, denominator: null } });
      continue;
    }
    const used = lags.map((l) => (l === 0 ? current : s.partnerSlices.get(`${p.code}|${shiftPeriod(period, -l)}`)));
    const result = computeIndicator(catalog, indicator, { indexes: used.map((x) => x?.index), orgUnit: '', dimensions: dims });
    if (p.group_code === 'WB6') {
      members.push(result);
      if (result.value !== null || result.numerator !== null) memberStatuses.push(figureStatus(used).status ?? 'published');
    }
    if (q.partner && q.partner !== p.code) continue;
    if (!q.orgUnit) {
      const partialUnits = result.value === null && current.partialUnits > 0 ? current.partialUnits : null;
      rows.push({ row: { ...empty, ...figureStatus(used), partialUnits }, result });
      continue;
    }
    const unitUsed = lags.map((l) => s.unitSlices!.get(`${p.code}|${shiftPeriod(period, -l)}`));
    if (!unitUsed[0]) continue;
    const ou = computeIndicator(catalog, indicator, { indexes: unitUsed.map((x) => x?.index), orgUnit: q.orgUnit, dimensions: dims });
    rows.push({ row: { ...empty, ...figureStatus(unitUsed), partialUnits: null }, result: ou });
  }
  return { rows, members, memberStatuses };
}

/** One period's values, rounded, and its region entry. */
function periodFigures(s: FigureSources, period: string): { values: IndicatorValue[]; region: IndicatorAnswer['region'][number] } {
  const { indicator } = s;
  const { rows, members, memberStatuses } = partnerRows(s, period);
  // A share of the region needs the region's sum, and that needs the indicator's coverage.
  const reporting = members.filter((m) => m.numerator !== null).length;
  const regionSum = indicator.shareOfRegion && reporting >= indicator.minCoverage ? sumOrNull(members.map((m) => m.numerator)) : null;
  const finish = (r: IndicatorResult) => (indicator.shareOfRegion ? shareOf(indicator, r, regionSum) : r);
  const values = rows.map(({ row, result }) => ({ ...row, ...rounded(indicator, finish(result)) }));
  const agg = aggregateRegion(indicator, indicator.shareOfRegion ? members.map(finish) : members);
  return {
    values,
    region: {
      ...agg,
      period,
      value: roundTo(agg.value, indicator.decimals),
      median: roundTo(agg.median, indicator.decimals),
      min: roundTo(agg.min, indicator.decimals),
      max: roundTo(agg.max, indicator.decimals),
      status: memberStatuses.length ? leastPublished(memberStatuses) : null,
    },
  };
}

/**
 * Values rounded to the indicator's decimals; the region's value follows its aggregation rule. Read
 * from the partner-level cells of the read model (working data the viewer may see, releases for
 * the rest; releases only with `asOf` or `publishedOnly`); each value says what it rests on.
 */
export async function indicatorValues(db: Db, catalog: Catalog, viewer: Viewer, q: IndicatorQuery): Promise<IndicatorAnswer> {
  const indicator = requireIndicator(catalog, q.code);
  const dims = q.dimensions ?? {};
  checkDimensions(catalog, indicator, dims);
  checkPeriods(q);
  const options = { asOf: parseAsOf(q.asOf), publishedOnly: q.publishedOnly };
  let periods: string[] | undefined = q.period ? [q.period] : q.from && q.to ? periodRange(q.from, q.to, 600) : undefined;
  const explicitPeriods = periods !== undefined;
  // Earlier periods are loaded only as far back as the indicator's prev() reaches.
  const lags = Array.from({ length: indicator.maxLag + 1 }, (_, i) => i);
  const withPrevious = periods ? [...new Set(periods.flatMap((p) => lags.map((l) => shiftPeriod(p, -l))))] : undefined;
  const read = { datasets: indicator.datasets, variables: indicator.variables, periods: withPrevious };
  const cells = await readCells(db, viewer, options, read);
  const partnerSlices = slices(catalog, cells);
  const unitSlices = q.orgUnit
    ? slices(catalog, await readValues(db, viewer, options, { ...read, orgUnit: q.orgUnit, partners: q.partner ? [q.partner] : undefined }))
    : undefined;
  if (!periods) {
    periods = [...new Set(cells.map((r) => r.period))]
      .filter((p) => (!q.from || comparePeriods(p, q.from) >= 0) && (!q.to || comparePeriods(p, q.to) <= 0))
      .sort(comparePeriods);
  }
  const partners = (await listPartners(db)).filter((p) => p.group_code !== 'EU');
  const sources: FigureSources = { catalog, indicator, q, dims, lags, partners, partnerSlices, unitSlices, explicitPeriods };
  const values: IndicatorValue[] = [];
  const region: IndicatorAnswer['region'] = [];
  for (const period of periods) {
    const figures = periodFigures(sources, period);
    values.push(...figures.values);
    region.push(figures.region);
  }
  return { indicator: indicatorHead(indicator, catalog, dims), dimensions: dims, periods, values, region };
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
  q: { code: string; partner: string; period: string; dimensions?: Record<string, string>; asOf?: string; publishedOnly?: boolean },
): Promise<OrgUnitAnswer> {
  const indicator = requireIndicator(catalog, q.code);
  const dims = q.dimensions ?? {};
  checkDimensions(catalog, indicator, dims);
  if (!parsePeriod(q.period)) throw new ValidationError(`period: "${q.period}" is not an ISO period.`, { field: 'period' });
  const periods = Array.from({ length: indicator.maxLag + 1 }, (_, l) => shiftPeriod(q.period, -l));
  const rows = await readValues(
    db,
    viewer,
    { asOf: parseAsOf(q.asOf), publishedOnly: q.publishedOnly },
    { datasets: indicator.datasets, variables: indicator.variables, periods, partners: [q.partner] },
  );
  const bySlice = slices(catalog, rows);
  const used = periods.map((p) => bySlice.get(`${q.partner}|${p}`));
  const indexes = used.map((s) => s?.index);
  const names = new Map((await listOrgUnits(db, q.partner)).map((u) => [u.code, u.name]));
  const units = [...new Set(indicator.variables.flatMap((v) => indexes[0]?.orgUnitsOf(v) ?? []))].sort();
  const status = { ...figureStatus(used), partialUnits: null };
  return {
    indicator: indicatorHead(indicator, catalog, dims),
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
      ...status,
    })),
  };
}

/** The distinct comments on the values behind an indicator (e.g. the source of demo figures), as far as the viewer may see them. */
export async function valueSources(
  db: Db,
  viewer: Viewer,
  q: { datasets: string[]; periods?: string[]; asOf?: string; publishedOnly?: boolean },
): Promise<{ partner: string; period: string; comment: string }[]> {
  const rows = await readValues(
    db,
    viewer,
    { asOf: parseAsOf(q.asOf), publishedOnly: q.publishedOnly },
    { datasets: q.datasets, periods: q.periods, withComment: true },
  );
  const seen = new Map<string, { partner: string; period: string; comment: string }>();
  for (const r of rows)
    if (r.comment) seen.set(`${r.partner}|${r.period}|${r.comment}`, { partner: r.partner, period: r.period, comment: r.comment });
  return [...seen.values()].sort((a, b) => a.partner.localeCompare(b.partner) || comparePeriods(a.period, b.period));
}
