// Shapes of the register of emergency measures (GET/POST /emergency-measures…), its closed lists,
// the query of a list and the field errors of a refused save.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../platform/api';

export const CATEGORIES = ['movement', 'assembly', 'fair_trial', 'court_operation', 'detention', 'privacy', 'expression', 'other'] as const;
export const OUTCOMES = ['none', 'pending', 'upheld', 'amended', 'annulled'] as const;
export const STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published'] as const;
export type Category = (typeof CATEGORIES)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type MeasureStatus = (typeof STATUSES)[number];
export type MeasureAction = 'submit' | 'return' | 'approve' | 'publish' | 'delete';

export const MEASURES_PAGE = '/rule-of-law/emergency-measures';

export interface Review {
  outcome: Outcome;
  comment: string | null;
}

export interface Measure {
  id: string;
  partner: string;
  title: string;
  limited: string;
  category: Category;
  legalBasis: string;
  adoptedBy: string;
  startDate: string;
  endDate: string | null;
  reviewDates: string[];
  sunsetClause: boolean;
  sunsetDate: string | null;
  parliamentaryReview: Review;
  judicialReview: Review;
  sources: string[];
  comment: string | null;
  status: MeasureStatus;
  returnComment: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
  can: Record<'edit' | 'delete' | 'submit' | 'return' | 'approve' | 'publish', boolean>;
}

export interface MeasureFilter {
  partner?: string;
  category?: string;
  status?: string;
}

/** The measures the viewer may read, narrowed by the filters (empty ones left out). */
export function useMeasures(filter: MeasureFilter) {
  const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return useQuery({
    queryKey: ['emergency-measures', query],
    queryFn: () => api<{ measures: Measure[] }>('GET', `/emergency-measures${query ? `?${query}` : ''}`),
  });
}

export function refreshMeasures(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: ['emergency-measures'] });
}

/**
 * The fields a refused save names, each with what is wrong: the schema's list ({ field, message })
 * or the service's one field (the message then starts with "field: ").
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const details = error.details;
  if (Array.isArray(details)) {
    const out: Record<string, string> = {};
    for (const d of details as { field?: string; message?: string }[])
      if (d.field && !out[d.field]) out[d.field] = d.message ?? error.message;
    return out;
  }
  const field = (details as { field?: unknown } | null)?.field;
  if (typeof field !== 'string') return {};
  return { [field]: error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message };
}
