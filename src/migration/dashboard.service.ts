// The regional situation as far as the viewer may see it: per partner the month's arrivals and
// occupancy (for the map), twelve months of arrivals, intentions and applications, the reception
// centres with capacity and occupancy, the top citizenships of arrivals, the sources of the
// figures, and which partner has submitted which month.
import type { Db } from '../platform/db/database.js';
import { ValidationError } from '../platform/errors.js';
import { listPartners } from '../platform/partners/partners.service.js';
import type { Catalog } from '../statistics/catalog.js';
import { indicatorByOrgUnit, indicatorValues, valueSources } from '../statistics/indicators.service.js';
import { overviewFor, reportingOverview } from '../statistics/overview.service.js';
import { comparePeriods, parsePeriod, periodRange, shiftPeriod } from '../statistics/periods.js';
import { leastPublished, parseAsOf } from '../statistics/read-model.service.js';
import type { Viewer } from '../platform/viewer.js';
import type { ComplianceCell, ComplianceDataset, ComplianceFilter, Dashboard, DashboardFilter } from './dashboard.schema.js';

const SERIES = ['migration.arrivals', 'migration.intentions', 'migration.applications'] as const;
const DATASETS = ['migration.monthly', 'migration.reception'];

/** Which vintage is read: as published at an instant, or published only. */
type Read = { asOf?: string; publishedOnly?: boolean };

/** The n months ending with `period`. */
function monthsBack(period: string, n: number): string[] {
  return periodRange(shiftPeriod(period, 1 - n), period);
}

/**
 * The month shown: the one asked, else the latest month whose regional arrivals meet the
 * indicator's coverage, else the latest month with arrivals (the monthly exchange), else the latest
 * with reception figures.
 */
async function chosenPeriod(db: Db, catalog: Catalog, viewer: Viewer, read: Read, asked: string | undefined) {
  const arrivalsAll = await indicatorValues(db, catalog, viewer, { code: 'migration.arrivals', ...read });
  const occupancyAll = await indicatorValues(db, catalog, viewer, { code: 'migration.occupancy_rate', ...read });
  const known = [...new Set([...arrivalsAll.periods, ...occupancyAll.periods])].filter((p) => /^\d{4}-\d{2}$/.test(p)).sort(comparePeriods);
  const monthly = arrivalsAll.periods.filter((p) => /^\d{4}-\d{2}$/.test(p)).sort(comparePeriods);
  const covered = arrivalsAll.region.filter((r) => r.value !== null && /^\d{4}-\d{2}$/.test(r.period)).map((r) => r.period);
  return { period: asked ?? covered.sort(comparePeriods).at(-1) ?? monthly.at(-1) ?? known.at(-1) ?? null, known };
}

/** Every reception centre of the partners with its capacity, accommodated and occupancy in the month. */
async function centresOf(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  read: Read,
  partners: string[],
  period: string,
): Promise<Dashboard['centres']> {
  const centres: Dashboard['centres'] = [];
  for (const partner of partners) {
    const [cap, acc, occ] = await Promise.all(
      ['migration.reception_capacity', 'migration.accommodated', 'migration.occupancy_rate'].map((code) =>
        indicatorByOrgUnit(db, catalog, viewer, { code, partner, period, ...read }),
      ),
    );
    for (const unit of cap!.values) {
      centres.push({
        partner,
        orgUnit: unit.orgUnit,
        name: unit.name,
        capacity: unit.value,
        accommodated: acc!.values.find((v) => v.orgUnit === unit.orgUnit)?.value ?? null,
        occupancy: occ!.values.find((v) => v.orgUnit === unit.orgUnit)?.value ?? null,
        status: unit.status,
      });
    }
  }
  return centres;
}

/** The partners' values of the series indicators over the months of the range. */
async function seriesOf(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  read: Read,
  partners: string[],
  range: string[],
): Promise<Dashboard['series']> {
  return Promise.all(
    SERIES.map(async (code) => {
      const answer = await indicatorValues(db, catalog, viewer, { code, from: range[0], to: range.at(-1), ...read });
      return {
        indicator: code,
        label: answer.indicator.label,
        values: answer.values
          .filter((v) => v.orgUnit === null && partners.includes(v.partner))
          .map((v) => ({ partner: v.partner, period: v.period, value: v.value, status: v.status })),
      };
    }),
  );
}

/** The ten citizenships with the most arrivals in the region in the month, most first. */
async function topCitizenships(db: Db, catalog: Catalog, viewer: Viewer, read: Read, period: string): Promise<Dashboard['citizenships']> {
  const citizenships: Dashboard['citizenships'] = [];
  for (const c of catalog.dimensions.get('citizenship')?.codes ?? []) {
    const answer = await indicatorValues(db, catalog, viewer, {
      code: 'migration.arrivals',
      period,
      dimensions: { citizenship: c.code },
      ...read,
    });
    const total = answer.region.find((r) => r.period === period)?.value;
    if (total) citizenships.push({ code: c.code, label: c.label, arrivals: total });
  }
  citizenships.sort((a, b) => b.arrivals - a.arrivals);
  return citizenships.slice(0, 10);
}

const AT_PERIOD = [
  'migration.arrivals',
  'migration.arrivals_share',
  'migration.occupancy_rate',
  'migration.reception_capacity',
  'migration.accommodated',
  'migration.sleeping_outside',
  'migration.arrivals_change',
] as const;

export async function migrationDashboard(db: Db, catalog: Catalog, viewer: Viewer, q: DashboardFilter = {}): Promise<Dashboard> {
  if (q.period && (!parsePeriod(q.period) || !/^\d{4}-\d{2}$/.test(q.period)))
    throw new ValidationError(`period: "${q.period}" is not a month (YYYY-MM).`, { field: 'period' });
  const partners = (await listPartners(db)).filter((p) => p.group_code === 'WB6');
  const read: Read = { asOf: parseAsOf(q.asOf), publishedOnly: q.publishedOnly };
  const vintage = { asOf: read.asOf ?? null, publishedOnly: Boolean(read.asOf || read.publishedOnly || viewer.kind === 'public') };
  const { period, known } = await chosenPeriod(db, catalog, viewer, read, q.period);
  if (!period) {
    const region = { arrivals: null, occupancy: null, arrivalsChange: null, members: 0, required: 0, reason: null, status: null };
    return { period, periods: known, partners: [], region, series: [], centres: [], citizenships: [], sources: [], ...vintage };
  }
  const range = monthsBack(period, Math.min(Math.max(q.months ?? 12, 1), 60));
  const codes = partners.map((p) => p.code);
  const [arrivals, share, occupancy, capacity, accommodated, outside, change] = await Promise.all(
    AT_PERIOD.map((code) => indicatorValues(db, catalog, viewer, { code, period, ...read })),
  );
  const answers = [arrivals, share, occupancy, capacity, accommodated, outside, change];
  const partnerValue = (answer: typeof arrivals, partner: string) =>
    answer!.values.find((v) => v.partner === partner && v.orgUnit === null);
  const valueOf = (answer: typeof arrivals, partner: string) => partnerValue(answer, partner)?.value ?? null;
  // A partner's row rests on every figure shown in it: its status is the least advanced of theirs.
  const statusOf = (partner: string) => {
    const statuses = answers
      .map((a) => partnerValue(a, partner))
      .filter((v) => v && v.value !== null && v.status !== null)
      .map((v) => v!.status!);
    return statuses.length ? leastPublished(statuses) : null;
  };
  const arrivalsRegion = arrivals!.region[0];
  return {
    period,
    periods: known,
    partners: partners.map((p) => ({
      partner: p.code,
      name: p.name,
      arrivals: valueOf(arrivals, p.code),
      share: valueOf(share, p.code),
      occupancy: valueOf(occupancy, p.code),
      capacity: valueOf(capacity, p.code),
      accommodated: valueOf(accommodated, p.code),
      sleepingOutside: valueOf(outside, p.code),
      status: statusOf(p.code),
    })),
    region: {
      arrivals: arrivalsRegion?.value ?? null,
      occupancy: occupancy!.region[0]?.value ?? null,
      arrivalsChange: change!.region[0]?.value ?? null,
      members: arrivalsRegion?.members ?? 0,
      required: arrivalsRegion?.required ?? 0,
      reason: arrivalsRegion?.reason ?? null,
      status: arrivalsRegion?.status ?? null,
    },
    series: await seriesOf(db, catalog, viewer, read, codes, range),
    centres: await centresOf(db, catalog, viewer, read, codes, period),
    citizenships: await topCitizenships(db, catalog, viewer, read, period),
    sources: await valueSources(db, viewer, { datasets: DATASETS, periods: range, ...read }),
    ...vintage,
  };
}

/** Which partner has submitted which month, for each migration dataset over the last months whose reporting has begun. */
export async function reportingCompliance(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  q: ComplianceFilter & { now?: Date } = {},
): Promise<ComplianceDataset[]> {
  const now = q.now ?? new Date();
  const current = now.toISOString().slice(0, 7);
  const periods = monthsBack(shiftPeriod(current, -1), Math.min(Math.max(q.months ?? 6, 1), 24));
  const out = [];
  for (const dataset of DATASETS) {
    const cells: ComplianceCell[] = [];
    for (const period of periods) {
      for (const row of overviewFor(viewer, await reportingOverview(db, catalog, dataset, period, now)))
        cells.push({ partner: row.partner, period, status: row.status, dueDate: row.dueDate, late: row.late });
    }
    out.push({ dataset, label: catalog.datasets.get(dataset)?.label ?? dataset, periods, cells });
  }
  return out;
}
