// The public portal's addresses, queries and pure helpers: what the catalogue lists (every indicator
// and dataset with published figures, its period coverage and last release, from the releases),
// the view of an indicator page kept in the address, the download links of that view,
// and partner names with Kosovo's designation mark.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../platform/api';
import type { PartnerProfile } from '../../../../src/reports/profile.schema.js';
import type { ReleaseCoverageAnswer } from '../../../../src/statistics/calendar.schema.js';
import type { Catalog, Dataset, IndicatorDef } from '../statistics/model';

export type { PartnerProfile, ReleaseCoverageAnswer };
export type ProfileBlock = PartnerProfile['figures'][number];
export type ProfileRow = ProfileBlock['rows'][number];
export type CommitmentPart = PartnerProfile['commitments']['plans'];

/** The portal's pages: stable addresses built from catalogue and partner codes. */
export const portalPaths = {
  catalogue: '/data',
  indicator: (code: string) => `/data/indicators/${encodeURIComponent(code)}`,
  dataset: (code: string) => `/data/datasets/${encodeURIComponent(code)}`,
  domain: (code: string) => `/data/domains/${encodeURIComponent(code)}`,
  partner: (code: string) => `/data/partners/${encodeURIComponent(code)}`,
  releases: '/data/releases',
};

/** Files the API serves for the portal (absolute paths, for links and downloads). */
export const portalFiles = {
  profilePdf: (code: string) => `/api/v1/reports/partners/${encodeURIComponent(code)}.pdf`,
  profileHtml: (code: string) => `/api/v1/reports/partners/${encodeURIComponent(code)}.html`,
  everything: '/api/v1/exports/published.zip',
  dataflows: '/api/v1/sdmx/dataflows',
};

/**
 * What the releases of every dataset and indicator cover (periods, partners, last release), of one
 * partner when given, as published at the end of `asOf` (a date) when given.
 */
export function useReleaseCoverage(q: { partner?: string | null; asOf?: string | null } = {}) {
  const query = new URLSearchParams();
  if (q.partner) query.set('partner', q.partner);
  if (q.asOf) query.set('asOf', q.asOf);
  const path = `/releases/coverage${query.size ? `?${query}` : ''}`;
  return useQuery({
    queryKey: ['release-coverage', path],
    queryFn: () => api<ReleaseCoverageAnswer>('GET', path),
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });
}

/** Per recent period of a dataset (newest first), each Western Balkan partner's first publication or null. */
export function useReportingStatus(dataset: string, periods: number) {
  return useQuery({
    queryKey: ['reporting-status', dataset, periods],
    queryFn: () =>
      api<{ periods: { period: string; dueDate: string; partners: { partner: string; publishedAt: string | null }[] }[] }>(
        'GET',
        `/datasets/${encodeURIComponent(dataset)}/reporting-status?periods=${periods}`,
      ),
    enabled: dataset !== '',
    staleTime: 60_000,
  });
}

/**
 * A dataset's reporting status from its first period with a release: of the last `periods` periods
 * (newest first), those not before the first release (none while either answer loads, or when
 * `enabled` is false), with what the releases cover and both queries (for their errors).
 */
export function usePublishedPeriods(dataset: string, periods: number, enabled = true) {
  const published = useReleaseCoverage();
  const status = useReportingStatus(enabled ? dataset : '', periods);
  const coverage = coverageIn(published.data, 'dataset', dataset);
  const first = coverage.first;
  return { published, status, coverage, periods: (status.data?.periods ?? []).filter((p) => first !== null && p.period >= first) };
}

export function usePartnerProfile(code: string) {
  return useQuery({
    queryKey: ['partner-profile', code],
    queryFn: () => api<PartnerProfile>('GET', `/reports/partners/${encodeURIComponent(code)}`),
    enabled: code !== '',
    placeholderData: (previous) => previous,
  });
}

/** What the releases of a dataset or indicator cover: their periods, partners and latest release. */
export type Coverage = Omit<ReleaseCoverageAnswer['datasets'][number], 'dataset'>;

const NO_COVERAGE: Coverage = { first: null, last: null, periods: 0, partners: [], releasedAt: null };

/** The coverage of one dataset or indicator in the answer (none when it has no release). */
export function coverageIn(answer: ReleaseCoverageAnswer | undefined, kind: 'dataset' | 'indicator', code: string): Coverage {
  const found =
    kind === 'dataset' ? answer?.datasets.find((d) => d.dataset === code) : answer?.indicators.find((i) => i.indicator === code);
  if (!found) return NO_COVERAGE;
  const { first, last, periods, partners, releasedAt } = found;
  return { first, last, periods, partners, releasedAt };
}

/** A catalogue entry: an indicator or a dataset with what its published figures cover. */
export interface CatalogueEntry {
  kind: 'indicator' | 'dataset';
  code: string;
  label: string;
  domain: string;
  /** What the search looks through besides label and code. */
  text: string;
  coverage: Coverage;
}

export interface CatalogueFilter {
  search: string;
  domain: string | null;
  partner: string | null;
}

function matches(entry: CatalogueEntry, filter: CatalogueFilter): boolean {
  if (filter.domain && entry.domain !== filter.domain) return false;
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = `${entry.label} ${entry.code} ${entry.text}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

function indicatorText(i: IndicatorDef & { definition?: string | null; source?: string | null }): string {
  return [i.description, i.definition, i.source].filter(Boolean).join(' ');
}

function datasetText(d: Dataset, catalog: Catalog): string {
  return d.variables.map((v) => catalog.variables.find((x) => x.code === v)?.label ?? v).join(' ');
}

/**
 * The catalogue's indicators and datasets with releases (the coverage answer is the partner's when
 * the filter names one) that match the filter, each with its coverage; in the catalogue's order.
 */
export function catalogueEntries(
  catalog: Catalog,
  coverage: ReleaseCoverageAnswer,
  filter: CatalogueFilter,
): { indicators: CatalogueEntry[]; datasets: CatalogueEntry[] } {
  const keep = (e: CatalogueEntry) => e.coverage.periods > 0 && matches(e, filter);
  const indicators = catalog.indicators.map((i): CatalogueEntry => ({
    kind: 'indicator',
    code: i.code,
    label: i.label,
    domain: i.domain,
    text: indicatorText(i),
    coverage: coverageIn(coverage, 'indicator', i.code),
  }));
  const datasets = catalog.datasets.map((d): CatalogueEntry => ({
    kind: 'dataset',
    code: d.code,
    label: d.label,
    domain: d.domain,
    text: datasetText(d, catalog),
    coverage: coverageIn(coverage, 'dataset', d.code),
  }));
  return { indicators: indicators.filter(keep), datasets: datasets.filter(keep) };
}

/** How codes are shown: names, codes, or both ('AL — Albania'); also the `labels=` of the downloads. */
export type LabelMode = 'name' | 'code' | 'both';
export const LABEL_MODES: readonly LabelMode[] = ['name', 'code', 'both'];

export function isLabelMode(value: string | null): value is LabelMode {
  return (LABEL_MODES as readonly (string | null)[]).includes(value);
}

/** The partner whose name carries the designation footnote (marked with an asterisk). */
export const DESIGNATED = 'XK';

/** A code shown as the mode says: its name, the code, or both; Kosovo's marked with an asterisk. */
export function labelOf(code: string, name: string | undefined, mode: LabelMode): string {
  const mark = code === DESIGNATED ? '*' : '';
  const shownName = name ?? code;
  if (mode === 'code' || shownName === code) return `${code}${mark}`;
  return mode === 'both' ? `${code} — ${shownName}${mark}` : `${shownName}${mark}`;
}

/** The reserved parameters of an indicator page's address; every other one is a breakdown (dimension=code). */
export const VIEW_PARAMS = ['tab', 'period', 'labels', 'asOf', 'all'] as const;
export const TABS = ['chart', 'table', 'map', 'metadata'] as const;
export type Tab = (typeof TABS)[number];

/** An indicator page's view as its address gives it (`?tab=map&period=2023&case_category=…&labels=both&asOf=…`). */
export interface IndicatorView {
  tab: Tab;
  /** The period asked for; null: the page's default (the latest with a regional value). */
  period: string | null;
  /** The chosen code of each breakdown (dimension → code); absent: the total. */
  breakdown: Record<string, string>;
  labels: LabelMode;
  /** The figures as published at the end of this day (YYYY-MM-DD); null: now. */
  asOf: string | null;
}

/** Reads the view from the address; `dimensions` are the indicator's (other parameters are ignored). */
export function readView(params: URLSearchParams, dimensions: readonly string[]): IndicatorView {
  const tab = params.get('tab');
  const labels = params.get('labels');
  const asOf = params.get('asOf');
  const breakdown: Record<string, string> = {};
  for (const d of dimensions) {
    const code = params.get(d);
    if (code) breakdown[d] = code;
  }
  return {
    tab: (TABS as readonly (string | null)[]).includes(tab) ? (tab as Tab) : 'chart',
    period: params.get('period') || null,
    breakdown,
    labels: isLabelMode(labels) ? labels : 'name',
    asOf: asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null,
  };
}

/** The query of the figures of a view: its breakdown and date (`read` adds `publishedOnly` for signed-in users). */
export function figuresQuery(view: IndicatorView, read: Record<string, string> = {}): Record<string, string> {
  return { ...view.breakdown, ...(view.asOf ? { asOf: view.asOf } : {}), ...read };
}

export type DownloadFormat = 'csv' | 'xlsx' | 'sdmx-csv';
export const DOWNLOAD_FORMATS: readonly DownloadFormat[] = ['csv', 'xlsx', 'sdmx-csv'];

/**
 * The address of a download of an indicator's values: the API's URL with the view's query (its
 * period when given, breakdown, date, labels) and the format.
 */
export function downloadHref(
  code: string,
  format: DownloadFormat,
  q: { period?: string | null; breakdown?: Record<string, string>; asOf?: string | null; labels: LabelMode; read?: Record<string, string> },
): string {
  const params = new URLSearchParams({
    ...(q.breakdown ?? {}),
    ...(q.period ? { period: q.period } : {}),
    ...(q.asOf ? { asOf: q.asOf } : {}),
    ...(q.read ?? {}),
    labels: q.labels,
    format,
  });
  return `/api/v1/indicators/${encodeURIComponent(code)}/values?${params}`;
}

/** The address of a download of a dataset's published values. */
export function datasetDownloadHref(code: string, format: DownloadFormat, labels: LabelMode = 'both'): string {
  return `/api/v1/exports/values?${new URLSearchParams({ dataset: code, format, labels, publishedOnly: 'true' })}`;
}

/** Today as YYYY-MM-DD (UTC), the latest date the "as of" picker offers. */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
