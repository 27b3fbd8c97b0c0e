// The rules of the register of emergency measures without I/O: the closed lists, who may do what
// with a measure in which state, and the checks across fields that a schema cannot state.
import type { AccessRule } from '../platform/http/access.js';
import { ValidationError } from '../platform/errors.js';
import { canEdit, canPublish, canRead, canReview, type PublicationStatus, type Viewer } from '../platform/viewer.js';

/** The review domain of the register: a reviewer limited to domains needs this one to return or approve. */
export const RULE_OF_LAW_DOMAIN = 'rule_of_law';

/** What a measure limited, as the Rule of Law Reports group it. */
export const CATEGORIES = ['movement', 'assembly', 'fair_trial', 'court_operation', 'detention', 'privacy', 'expression', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The outcome of a parliamentary or judicial review of a measure. */
export const OUTCOMES = ['none', 'pending', 'upheld', 'amended', 'annulled'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published'] as const satisfies readonly PublicationStatus[];

export type Transition = 'submit' | 'return' | 'approve' | 'publish';

/** Entering a measure: the partner's coordinators (and admins). */
export const ENTERING: AccessRule = { roles: ['coordinator', 'admin'] };
/** Returning and approving: reviewers, the Commission, admins. */
export const REVIEWING: AccessRule = { roles: ['reviewer', 'commission', 'admin'] };
/** Publishing: the Commission and admins. */
export const PUBLISHING: AccessRule = { roles: ['commission', 'admin'] };

/** A measure's state in which its partner may still change it. */
export function editableStatus(status: PublicationStatus): boolean {
  return status === 'draft' || status === 'returned';
}

export function canReadMeasure(viewer: Viewer, partner: string, status: PublicationStatus): boolean {
  return canRead(viewer, partner, status);
}

/** What the viewer may do with a measure of `partner` in `status` (the answer's `can`). */
export function allowed(viewer: Viewer, partner: string, status: PublicationStatus) {
  const enter = canEdit(viewer, partner);
  const review = canReview(viewer, RULE_OF_LAW_DOMAIN);
  return {
    edit: enter && editableStatus(status),
    delete: enter && status === 'draft',
    submit: enter && editableStatus(status),
    return: review && status === 'submitted',
    approve: review && status === 'submitted',
    publish: canPublish(viewer) && status === 'approved',
  };
}

/** The status a transition starts from, and the one it leads to. */
export const TRANSITIONS: Record<Transition, { from: readonly PublicationStatus[]; to: PublicationStatus }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
  approve: { from: ['submitted'], to: 'approved' },
  publish: { from: ['approved'], to: 'published' },
};

export interface DatedFields {
  startDate: string;
  endDate?: string | null;
  sunsetClause: boolean;
  sunsetDate?: string | null;
  reviewDates: string[];
  sources: string[];
}

/**
 * The checks across fields (dates already have their form): the end not before the start, a sunset
 * date exactly when there is a sunset clause, review dates not before the start, every source an
 * http(s) address. Returns the review dates in order without repeats and the sources as parsed.
 */
export function checkDates(input: DatedFields): { reviewDates: string[]; sources: string[] } {
  if (input.endDate && input.endDate < input.startDate)
    throw new ValidationError(`endDate: the end (${input.endDate}) is before the start (${input.startDate}).`, { field: 'endDate' });
  if (input.sunsetClause && !input.sunsetDate)
    throw new ValidationError('sunsetDate: a measure with a sunset clause needs the date it lapses.', { field: 'sunsetDate' });
  if (!input.sunsetClause && input.sunsetDate)
    throw new ValidationError('sunsetDate: give a sunset date only for a measure with a sunset clause.', { field: 'sunsetDate' });
  if (input.sunsetDate && input.sunsetDate < input.startDate)
    throw new ValidationError(`sunsetDate: ${input.sunsetDate} is before the start (${input.startDate}).`, { field: 'sunsetDate' });
  input.reviewDates.forEach((d, i) => {
    if (d < input.startDate)
      throw new ValidationError(`reviewDates.${i}: ${d} is before the start (${input.startDate}).`, { field: `reviewDates.${i}` });
  });
  const sources = input.sources.map((s, i) => {
    let url: URL | null = null;
    try {
      url = new URL(s.trim());
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname)
      throw new ValidationError(`sources.${i}: "${s.slice(0, 100)}" is not an http or https address.`, { field: `sources.${i}` });
    return url.href;
  });
  return { reviewDates: [...new Set(input.reviewDates)].sort(), sources: [...new Set(sources)] };
}

/** A required text trimmed; blank is refused, naming the field. */
export function required(field: string, value: string): string {
  const v = value.trim();
  if (v === '') throw new ValidationError(`${field}: required.`, { field });
  return v;
}

/** An optional text trimmed, or null when blank. */
export function optional(value: string | null | undefined): string | null {
  const v = value?.trim() ?? '';
  return v === '' ? null : v;
}
