// Row types of the commitments capability's tables; they join the platform's Database type below
// (module augmentation), so a capability's tables are declared inside its own folder.

export interface PlansTable {
  code: string;
  kind: string;
  title: string;
  period_start: string | null;
  period_end: string | null;
  source: string | null;
  updated_at: string;
}

export interface PlanObjectivesTable {
  plan_code: string;
  code: string;
  title: string;
  /** 1 when the title is a summary rather than the official wording. */
  paraphrase: number;
  position: number;
}

export interface PlanActionsTable {
  plan_code: string;
  code: string;
  objective_code: string;
  title: string;
  description: string | null;
  paraphrase: number;
  institutions: string | null;
  start_date: string | null;
  deadline: string | null;
  indicators_json: string;
  position: number;
  /** 'catalog' for actions of the shipped plan files, 'web' for those added by Commission users. */
  origin: string;
}

export interface CommitmentsTable {
  id: string;
  plan_code: string;
  action_code: string;
  partner_code: string;
}

export type RoundStatus = 'open' | 'published';
export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'assessed';

export interface ProgressRoundsTable {
  id: string;
  plan_code: string;
  title: string;
  period_start: string;
  period_end: string;
  due_date: string;
  status: RoundStatus;
  version: number;
  opened_at: string;
  opened_by: string;
  published_at: string | null;
  published_by: string | null;
}

export interface ProgressReportsTable {
  id: string;
  round_id: string;
  partner_code: string;
  status: ReportStatus;
  version: number;
  submitted_at: string | null;
  submitted_by: string | null;
  return_comment: string | null;
  updated_at: string;
}

export interface ProgressEntriesTable {
  report_id: string;
  commitment_id: string;
  status: string | null;
  narrative: string | null;
  assessment: string | null;
  assessment_comment: string | null;
  assessed_by: string | null;
  assessed_at: string | null;
  updated_at: string;
}

export interface ProgressEvidenceTable {
  id: string;
  report_id: string;
  commitment_id: string;
  title: string;
  url: string | null;
  file_id: string | null;
  added_at: string;
  added_by: string;
}

declare module '../platform/db/tables.js' {
  interface Database {
    plans: PlansTable;
    plan_objectives: PlanObjectivesTable;
    plan_actions: PlanActionsTable;
    commitments: CommitmentsTable;
    progress_rounds: ProgressRoundsTable;
    progress_reports: ProgressReportsTable;
    progress_entries: ProgressEntriesTable;
    progress_evidence: ProgressEvidenceTable;
  }
}
