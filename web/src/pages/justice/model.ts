// Shapes of the justice API (court values, case-level imports, mappings), the indicators the
// justice pages show, the year and case-category choice kept in the address, and small helpers.
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../platform/api';
import { usePublishedOnly } from '../../platform/PublishedOnly';
import type { OrgUnitAnswer } from '../../../../src/statistics/indicators.schema.js';
import type { IndicatorAnswer } from '../statistics/IndicatorTable';
import type { Catalog } from '../statistics/model';

export const DATASET = 'justice.annual';
export const CR = 'justice.clearance_rate';
export const DT = 'justice.disposition_time';
export const TURNOVER = 'justice.turnover_ratio';
export const OLD = 'justice.pending_over_2y_share';
export const INCOMING = 'justice.incoming_per_100_inhabitants';
export const JUDGES = 'justice.judges_per_100k_inhabitants';
/** The key indicators of a partner profile, in the order shown. */
export const KEY_INDICATORS = [CR, DT, TURNOVER, OLD, INCOMING, JUDGES] as const;
export const ALL = 'all';

// The API's own types: the server's response schemas are their single source.
export type { CaseImportView as CaseImport, Mapping } from '../../../../src/justice/case-imports.schema.js';
/** One indicator for every court of a partner, one year, each value with its status, release and revision. */
export type { OrgUnitAnswer as CourtAnswer } from '../../../../src/statistics/indicators.schema.js';

function query(params: Record<string, string | undefined>): string {
  const defined = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  return new URLSearchParams(defined).toString();
}

/** API path of an indicator's values (without the /api/v1 prefix). */
export function valuesPath(code: string, params: Record<string, string | undefined>): string {
  const q = query(params);
  return `/indicators/${encodeURIComponent(code)}/values${q ? `?${q}` : ''}`;
}

/** Link to the CSV of an indicator's values. */
export function csvHref(code: string, params: Record<string, string | undefined>): string {
  return `/api/v1${valuesPath(code, { ...params, format: 'csv' })}`;
}

/** One indicator's values; shares the cache with the indicator explorer. */
export function useIndicatorValues(code: string, params: Record<string, string | undefined>, enabled = true) {
  const path = valuesPath(code, params);
  return useQuery({
    queryKey: ['indicator-values', code, path],
    queryFn: () => api<IndicatorAnswer>('GET', path),
    enabled,
    placeholderData: (previous) => previous,
  });
}

/** One indicator for every court of a partner, one year; `dims` may carry `publishedOnly` too. */
export function useCourtValues(code: string, partner: string, period: string | undefined, dims: Record<string, string>) {
  const path = `/indicators/${encodeURIComponent(code)}/org-units?${query({ partner, period, ...dims })}`;
  return useQuery({ queryKey: ['court-values', code, path], queryFn: () => api<OrgUnitAnswer>('GET', path), enabled: !!period });
}

/**
 * The year, case category and "Published only" chosen, kept in the address so that links carry them
 * from page to page.
 */
export function useJusticeFilters() {
  const [params, setParams] = useSearchParams();
  const figures = usePublishedOnly();
  const set = (name: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value && !(name === 'category' && value === ALL)) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const category = params.get('category') ?? ALL;
  return {
    year: params.get('year'),
    category,
    /** The dimension filter of the category ('all' is the total). */
    dims: category === ALL ? {} : ({ case_category: category } as Record<string, string>),
    /** "Published only" (on by default for signed-in users; the public reads published figures only). */
    figures,
    /** The query parameters of that choice, to send with every request for figures. */
    read: figures.query,
    setYear: (v: string | null) => set('year', v),
    setCategory: (v: string | null) => set('category', v),
    /** The address's query, to pass the choice on to another justice page. */
    search: params.toString() ? `?${params.toString()}` : '',
  };
}

/** The chosen year when data exists for it, otherwise `fallback` (by default the latest year with data). */
export function pickYear(periods: string[], chosen: string | null, fallback = periods[periods.length - 1]): string | undefined {
  return chosen && periods.includes(chosen) ? chosen : fallback;
}

export function categoryOptions(catalog: Catalog | undefined, allLabel: string) {
  const codes = catalog?.dimensions.find((d) => d.code === 'case_category')?.codes ?? [];
  return [{ value: ALL, label: allLabel }, ...codes.map((c) => ({ value: c.code, label: c.label }))];
}

/** Whether an indicator can be broken down by case category (judges per inhabitant cannot). */
export function hasCategories(catalog: Catalog | undefined, code: string): boolean {
  const indicator = catalog?.indicators.find((i) => i.code === code);
  return !!indicator?.variables.some((v) => catalog?.variables.find((x) => x.code === v)?.dimensions.includes('case_category'));
}

/** A partner's value for one period (not an org unit's), with its status; undefined when there is none. */
export function partnerFigure(answer: IndicatorAnswer | undefined, partner: string, period: string | undefined) {
  return answer?.values.find((v) => v.partner === partner && v.period === period && v.orgUnit === null);
}

/** Partners' values for one period, without the org-unit rows. */
export function partnerValue(answer: IndicatorAnswer | undefined, partner: string, period: string | undefined): number | null {
  return partnerFigure(answer, partner, period)?.value ?? null;
}

/** Offers a text as a CSV file download, built in the browser (the table as shown). */
export function downloadCsv(fileName: string, rows: (string | number | null)[][]): void {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const blob = new Blob([rows.map((r) => r.map(cell).join(',')).join('\n') + '\n'], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
