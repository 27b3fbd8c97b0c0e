// The rules of progress reporting, without I/O: the partner's statuses, the reviewers' assessment
// scale (the Rule of Law Report's levels), who may see and do what (and the roles its routes declare), and what is overdue.
import type { ReportStatus, RoundStatus } from './tables.js';
import { canReview, type Viewer } from '../platform/viewer.js';

export const STATUSES = ['not_started', 'in_progress', 'completed', 'delayed', 'cancelled'] as const;
export type ProgressStatus = (typeof STATUSES)[number];

/** Ordered from worst to best; the position is the score used to colour the heat map (0–4). */
export const ASSESSMENTS = ['no_progress', 'limited_progress', 'some_progress', 'significant_progress', 'fully_implemented'] as const;
export type Assessment = (typeof ASSESSMENTS)[number];

export const STATUS_LABELS: Record<ProgressStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
  delayed: 'Delayed',
  cancelled: 'Cancelled',
};
export const ASSESSMENT_LABELS: Record<Assessment, string> = {
  no_progress: 'No progress',
  limited_progress: 'Limited progress',
  some_progress: 'Some progress',
  significant_progress: 'Significant progress',
  fully_implemented: 'Fully implemented',
};

export function assessmentScore(a: string | null): number | null {
  const i = ASSESSMENTS.indexOf(a as Assessment);
  return i < 0 ? null : i;
}

/** Commission, reviewers, admins and the operator see reports and assessments before publication. */
export function isInsider(viewer: Viewer): boolean {
  return viewer.kind === 'operator' || (viewer.kind === 'user' && viewer.role !== 'coordinator');
}

function isOwnPartner(viewer: Viewer, partner: string): boolean {
  return viewer.kind === 'user' && viewer.role === 'coordinator' && viewer.partner === partner;
}

/**
 * The status a report summary shows to a viewer who may not see the report's workflow state
 * (see `canSeeReportState`); its counts, version and timestamps are then null.
 */
export const NOT_PUBLISHED = 'not_published';

/**
 * Whether the viewer sees the workflow state of a partner's report (its status, counts, version
 * and timestamps): insiders always, a coordinator their own partner's, and everyone once the round
 * is published. Until then another partner's coordinator sees the report only as `NOT_PUBLISHED`,
 * and not at all where its mere presence would tell its state (the overdue reports).
 */
export function canSeeReportState(viewer: Viewer, partner: string, round: RoundStatus): boolean {
  return isInsider(viewer) || isOwnPartner(viewer, partner) || round === 'published';
}

/**
 * Whether a report's content is visible: insiders always, a coordinator their own partner's,
 * everyone a report that was assessed in a published round.
 */
export function canReadReport(viewer: Viewer, partner: string, round: RoundStatus, report: ReportStatus): boolean {
  if (!canSeeReportState(viewer, partner, round)) return false;
  return isInsider(viewer) || isOwnPartner(viewer, partner) || report === 'assessed';
}

/** Assessments reach the partner and the public with publication. */
export function canReadAssessment(viewer: Viewer, round: RoundStatus): boolean {
  return isInsider(viewer) || round === 'published';
}

/** Reporting: the partner's coordinators and admins, while the round is open and the report is with the partner. */
export function canReport(viewer: Viewer, partner: string): boolean {
  if (viewer.kind === 'operator') return true;
  if (viewer.kind === 'public') return false;
  return viewer.role === 'admin' || (viewer.role === 'coordinator' && viewer.partner === partner);
}

/** Assessing progress: the Commission, admins, and reviewers of the commitments domain (or of every domain). */
export function canAssess(viewer: Viewer): boolean {
  return canReview(viewer, 'commitments');
}

export function canManageRounds(viewer: Viewer): boolean {
  return viewer.kind === 'operator' || (viewer.kind === 'user' && ['commission', 'admin'].includes(viewer.role));
}

/**
 * The roles that the routes of each kind of change declare (`config.access`); the services then
 * check the finer rules above. Reporting routes also name the partner a coordinator must belong to.
 */
export const REPORTING = { roles: ['coordinator', 'admin'], partnerParam: 'partner' } as const;
export const ASSESSING = { roles: ['reviewer', 'commission', 'admin'] } as const;
export const MANAGING = { roles: ['commission', 'admin'] } as const;

export function editableByPartner(status: ReportStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** A commitment is overdue when its deadline has passed and it was neither completed, cancelled nor assessed as fully implemented. */
export function isOverdue(deadline: string | null, today: string, status: string | null, assessment: string | null): boolean {
  if (!deadline || deadline >= today) return false;
  if (status === 'completed' || status === 'cancelled') return false;
  return assessment !== 'fully_implemented';
}

/** Days from `today` to `due` (negative when past), both ISO dates. */
export function daysUntil(due: string, today: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Which reminder a report with this due date needs today, if any: a week before, and once overdue. */
export function reminderStage(due: string, today: string, status: ReportStatus, beforeDays = 7): 'due_soon' | 'overdue' | null {
  if (!editableByPartner(status)) return null;
  const days = daysUntil(due, today);
  if (days < 0) return 'overdue';
  if (days <= beforeDays) return 'due_soon';
  return null;
}
