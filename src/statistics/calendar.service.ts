// The release calendar and the public reporting status, from the read model: releases made (who
// published what, when), publications scheduled (when only: nothing of them is public before
// then), what is expected (each dataset's recent periods with their due dates), and per dataset
// and period which partners have published. Public: it tells only what releases already tell.
import type { Db } from '../platform/db/database.js';
import { ValidationError } from '../platform/errors.js';
import { listPartners } from '../platform/partners/partners.service.js';
import type { Catalog, Dataset } from './catalog.js';
import { periodContaining, shiftPeriod } from './periods.js';
import { parseAsOf } from './read-model.service.js';
import { listReleasesBetween, publishedPartners, releasedPeriods } from './releases.repository.js';
import { dueDate, requireDataset } from './submissions.service.js';

const DAY = 86_400_000;

/** The Western Balkan partners, in the shipped order. */
async function westernBalkans(db: Db): Promise<string[]> {
  return (await listPartners(db)).filter((p) => p.group_code === 'WB6').map((p) => p.code);
}

export interface CalendarQuery {
  dataset?: string;
  /** Days of past releases to list (default 90, at most 3650). */
  days?: number;
}

function datasetsOf(catalog: Catalog, code: string | undefined): Dataset[] {
  return code ? [requireDataset(catalog, code)] : [...catalog.datasets.values()];
}

/** The last `count` periods of the dataset that have ended by `now`, newest first. */
function recentPeriods(dataset: Dataset, now: Date, count: number): string[] {
  const current = periodContaining(dataset.periodType, now);
  return Array.from({ length: count }, (_, i) => shiftPeriod(current, -(i + 1)));
}

export async function releaseCalendar(db: Db, catalog: Catalog, q: CalendarQuery = {}, now = new Date()) {
  const days = q.days ?? 90;
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new ValidationError('days: a whole number from 1 to 3650.', { field: 'days' });
  const datasets = datasetsOf(catalog, q.dataset);
  const codes = datasets.map((d) => d.code);
  const label = new Map(datasets.map((d) => [d.code, d.label]));
  const present = (r: { dataset: string; partner_code: string; period: string; number: number; published_at: string }) => ({
    dataset: r.dataset,
    label: label.get(r.dataset) ?? r.dataset,
    partner: r.partner_code,
    period: r.period,
    release: r.number,
  });
  const iso = now.toISOString();
  const past = await listReleasesBetween(db, {
    datasets: codes,
    from: new Date(now.getTime() - days * DAY).toISOString(),
    to: iso,
    limit: 1000,
  });
  const scheduled = await listReleasesBetween(db, { datasets: codes, from: iso, to: '9999', limit: 1000 });
  const wb6 = await westernBalkans(db);
  const expected = [];
  for (const dataset of datasets) {
    // The periods whose data fall due from a year ago to three months ahead.
    for (const period of recentPeriods(dataset, new Date(now.getTime() + 92 * DAY), dataset.periodType === 'yearly' ? 2 : 6)) {
      const due = dueDate(dataset, period);
      if (due.getTime() < now.getTime() - 366 * DAY) continue;
      const published = await publishedPartners(db, { dataset: dataset.code, periods: [period] }, iso);
      expected.push({
        dataset: dataset.code,
        label: dataset.label,
        period,
        dueDate: due.toISOString().slice(0, 10),
        published: published.length,
        expected: wb6.filter((p) => dataset.partners.includes(p) || dataset.partners.includes('WB6')).length,
      });
    }
  }
  return {
    asOf: iso,
    past: past.map((r) => ({ ...present(r), publishedAt: r.published_at })),
    scheduled: scheduled.map((r) => ({ ...present(r), publishAt: r.published_at })).reverse(),
    expected: expected.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.dataset.localeCompare(b.dataset)),
  };
}

/** Per period (newest first, the last `periods` of the dataset), each WB6 partner's first publication or null. */
export async function reportingStatus(db: Db, catalog: Catalog, code: string, periods = 8, now = new Date()) {
  const dataset = requireDataset(catalog, code);
  if (!Number.isInteger(periods) || periods < 1 || periods > 60)
    throw new ValidationError('periods: a whole number from 1 to 60.', { field: 'periods' });
  const list = recentPeriods(dataset, now, periods);
  const rows = await publishedPartners(db, { dataset: code, periods: list }, now.toISOString());
  const first = new Map(rows.map((r) => [`${r.period}|${r.partner_code}`, r.first_published_at as string]));
  const wb6 = await westernBalkans(db);
  return {
    dataset: code,
    label: dataset.label,
    periods: list.map((period) => ({
      period,
      dueDate: dueDate(dataset, period).toISOString().slice(0, 10),
      partners: wb6.map((partner) => ({ partner, publishedAt: first.get(`${period}|${partner}`) ?? null })),
    })),
  };
}

/** What the published figures of some datasets cover: their periods, their partners and their last release. */
export interface ReleaseCoverage {
  /** The first and last period with a release, and how many periods have one (null, null, 0: none). */
  first: string | null;
  last: string | null;
  periods: number;
  /** The partners with a release, sorted. */
  partners: string[];
  /** When the latest of these releases was made. */
  releasedAt: string | null;
}

interface ReleasedPeriod {
  dataset: string;
  partner_code: string;
  period: string;
  last_published_at: unknown;
}

function coverageOf(rows: ReleasedPeriod[]): ReleaseCoverage {
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const released = rows.map((r) => String(r.last_published_at)).sort();
  return {
    first: periods[0] ?? null,
    last: periods.at(-1) ?? null,
    periods: periods.length,
    partners: [...new Set(rows.map((r) => r.partner_code))].sort(),
    releasedAt: released.at(-1) ?? null,
  };
}

export interface CoverageQuery {
  /** Releases published by this instant (ISO date or date-time; now by default). */
  asOf?: string;
  /** One partner's releases only. */
  partner?: string;
}

/**
 * The data catalogue's coverage, from the releases (public): per dataset and per indicator, the
 * periods and partners its published figures cover and its last release, as published at `asOf`.
 * A submission reopened for correction keeps its last release; a scheduled one counts from its time.
 */
export async function releaseCoverage(db: Db, catalog: Catalog, q: CoverageQuery = {}, now = new Date()) {
  const asOf = parseAsOf(q.asOf) ?? null;
  const partner = q.partner?.toUpperCase();
  if (partner !== undefined && !(await westernBalkans(db)).includes(partner))
    throw new ValidationError(`partner: "${partner.slice(0, 20)}" is not a Western Balkan partner.`, { field: 'partner' });
  const rows = await releasedPeriods(db, { partner }, asOf ?? now.toISOString());
  const byDataset = new Map<string, ReleasedPeriod[]>();
  for (const r of rows) {
    const list = byDataset.get(r.dataset);
    if (list) list.push(r);
    else byDataset.set(r.dataset, [r]);
  }
  const of = (datasets: string[]) => coverageOf(datasets.flatMap((d) => byDataset.get(d) ?? []));
  return {
    asOf,
    partner: partner ?? null,
    datasets: [...catalog.datasets.values()].map((d) => ({ dataset: d.code, ...of([d.code]) })),
    indicators: [...catalog.indicators.values()].map((i) => ({ indicator: i.code, ...of(i.datasets) })),
  };
}
