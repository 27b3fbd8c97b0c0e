// Shapes of the migration API (dashboard, map, compliance, early warnings), the queries the
// migration pages share, and small pure helpers (number and month formatting, the sources list).
import { formatChange, formatFigure, formatMonth, formatNumber as formatPlatformNumber } from '../../platform/format';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import regionMapUrl from '../../../../src/migration/region-map.json?url';
import { api, ApiError, type User } from '../../platform/api';
import type { FigureStatus } from '../statistics/figures';
import type { Status } from '../statistics/model';

export interface PartnerFigures {
  partner: string;
  name: string;
  arrivals: number | null;
  share: number | null;
  occupancy: number | null;
  capacity: number | null;
  accommodated: number | null;
  sleepingOutside: number | null;
  /** The least advanced workflow status of the partner's figures of the month (null: none); only published ones are public. */
  status: FigureStatus | null;
}
export interface SeriesValue {
  partner: string;
  period: string;
  value: number | null;
  status: FigureStatus | null;
}
export interface Series {
  indicator: string;
  label: string;
  values: SeriesValue[];
}
export interface Centre {
  partner: string;
  orgUnit: string;
  name: string;
  capacity: number | null;
  accommodated: number | null;
  occupancy: number | null;
  status: FigureStatus | null;
}
export interface Citizenship {
  code: string;
  label: string;
  arrivals: number;
}
export interface Source {
  partner: string;
  period: string;
  comment: string;
}
export interface Dashboard {
  /** The month shown: the one asked for, else the latest with data (null when there is no data at all). */
  period: string | null;
  /** Every month with data the caller may see, oldest first. */
  periods: string[];
  partners: PartnerFigures[];
  region: {
    arrivals: number | null;
    occupancy: number | null;
    arrivalsChange: number | null;
    /** How many partners reported the month's arrivals, and how many the regional figure needs. */
    members: number;
    required: number;
    /** Why there is no regional figure, or null. */
    reason: string | null;
    /** What the regional arrivals rest on; null when none reported. */
    status: FigureStatus | null;
  };
  /** The instant the figures are as published at, or null (now). */
  asOf: string | null;
  /** True when only published figures are shown (always for the public). */
  publishedOnly: boolean;
  series: Series[];
  centres: Centre[];
  citizenships: Citizenship[];
  sources: Source[];
}

export interface MapFeature {
  type: 'Feature';
  properties: { code: string; name: string; partner: boolean };
  geometry: unknown;
}
export interface RegionMapData {
  type: 'FeatureCollection';
  features: MapFeature[];
  source: string;
}

export interface ComplianceCell {
  partner: string;
  period: string;
  status: Status;
  dueDate: string;
  late: boolean;
}
export interface ComplianceDataset {
  dataset: string;
  label: string;
  periods: string[];
  cells: ComplianceCell[];
}

export type RecipientReason = 'partner' | 'neighbour' | 'region' | 'commission';
export interface AlertRecipient {
  name: string;
  email: string;
  partner: string | null;
  reason: RecipientReason;
  acknowledgedAt: string | null;
}
export interface AlertView {
  id: string;
  rule: string;
  label: string;
  scope: 'centre' | 'partner' | 'region';
  scopeCode: string;
  scopeName: string;
  partner: string | null;
  period: string;
  indicator: string;
  indicatorLabel: string;
  unit: string;
  value: number;
  condition: string;
  threshold: number;
  createdAt: string;
  recipients: AlertRecipient[];
  acknowledgedBy: string[];
  /** Set when the alert is addressed to the viewer. */
  mine: { acknowledgedAt: string | null } | null;
}

export const paths = {
  dashboard: '/migration',
  alert: (id: string) => `/migration/alerts/${encodeURIComponent(id)}`,
};

/** Query keys carry the viewer: the same request answers differently for each user. */
const viewerKey = (user: User | null) => user?.id ?? 'public';

/** The dashboard of a month (the latest when null); `read` is the "Published only" choice's query (`publishedOnly=true` or none). */
export function useDashboard(user: User | null, period: string | null, read: Record<string, string>) {
  const query = new URLSearchParams({ ...(period ? { period } : {}), months: '12', ...read });
  return useQuery({
    queryKey: ['migration', 'dashboard', viewerKey(user), period ?? 'latest', read.publishedOnly ?? 'all'],
    queryFn: () => api<Dashboard>('GET', `/migration/dashboard?${query}`),
    placeholderData: (previous) => previous,
  });
}

/**
 * The map geometry (the file GET /migration/map answers too) is one of the app's hashed files:
 * fetched once, cached by the browser for good, and never changes while the app runs.
 */
export function useRegionMap() {
  return useQuery({
    queryKey: ['migration', 'map'],
    queryFn: async () => {
      const response = await fetch(regionMapUrl);
      if (!response.ok) throw new ApiError(response.status, 'http_error', `The map could not be loaded (${response.status}).`, null);
      return (await response.json()) as RegionMapData;
    },
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export function useCompliance(user: User) {
  return useQuery({
    queryKey: ['migration', 'compliance', viewerKey(user)],
    queryFn: () => api<{ datasets: ComplianceDataset[] }>('GET', '/migration/compliance?months=6'),
  });
}

/** The feed shows the latest alerts only; each links to its own page. */
const FEED_SIZE = 20;

export function useAlerts(user: User) {
  return useQuery({
    queryKey: ['migration', 'alerts', viewerKey(user)],
    queryFn: () => api<{ alerts: AlertView[] }>('GET', `/migration/alerts?limit=${FEED_SIZE}`),
  });
}

export function useAlert(user: User, id: string) {
  return useQuery({
    queryKey: ['migration', 'alert', viewerKey(user), id],
    queryFn: () => api<AlertView>('GET', `/migration/alerts/${encodeURIComponent(id)}`),
  });
}

/** Acknowledges an alert addressed to the viewer; the feed and the single alert are refreshed. */
export function useAcknowledge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<AlertView>('POST', `/migration/alerts/${encodeURIComponent(id)}/ack`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['migration', 'alerts'] });
      void client.invalidateQueries({ queryKey: ['migration', 'alert'] });
    },
  });
}

/** The `count` months ending with `period` ('YYYY-MM'), oldest first. */
export function monthsUpTo(period: string, count: number): string[] {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return [];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1 - (count - 1 - i), 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** A figure with thousands separators and at most one decimal; '—' when missing. */
export function formatNumber(value: number | null | undefined): string {
  return formatPlatformNumber(value, { max: 1 });
}

/** A figure with its unit ('94.4 %', '900 beds'); '—' when missing. */
export function formatWithUnit(value: number | null | undefined, unit: string): string {
  return formatFigure(value, unit, { max: 1 });
}

export { formatChange, formatMonth };

const CONDITIONS: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '==': '=', '!=': '≠' };
export function conditionSign(condition: string): string {
  return CONDITIONS[condition] ?? condition;
}

/** Figures marked by the demo loader as not official; every other source names a real publication. */
export function isIllustrative(comment: string): boolean {
  return /illustrative/i.test(comment);
}

export interface SourceGroup {
  comment: string;
  illustrative: boolean;
  partners: string[];
  periods: string[];
}

/** The sources named on the figures, one entry per text with the partners and months it covers; real sources first. */
export function groupSources(sources: Source[]): SourceGroup[] {
  const groups = new Map<string, { partners: Set<string>; periods: Set<string> }>();
  for (const s of sources) {
    const g = groups.get(s.comment) ?? { partners: new Set(), periods: new Set() };
    g.partners.add(s.partner);
    g.periods.add(s.period);
    groups.set(s.comment, g);
  }
  return [...groups]
    .map(([comment, g]) => ({
      comment,
      illustrative: isIllustrative(comment),
      partners: [...g.partners].sort(),
      periods: [...g.periods].sort(),
    }))
    .sort((a, b) => Number(a.illustrative) - Number(b.illustrative) || a.comment.localeCompare(b.comment));
}

/** Months as a short text: one month, a list of up to three, or a range ('June 2020 – January 2021'). */
export function describeMonths(periods: string[]): string {
  if (periods.length <= 3) return periods.map(formatMonth).join(', ');
  return `${formatMonth(periods[0]!)} – ${formatMonth(periods.at(-1)!)}`;
}

/** Occupancy at or above this share (in %) is shown in red, as the early-warning rule does. */
export const NEARLY_FULL = 90;

export function occupancyColor(occupancy: number | null): string {
  if (occupancy === null) return 'gray';
  return occupancy >= NEARLY_FULL ? 'red' : occupancy >= 75 ? 'orange' : 'teal';
}
