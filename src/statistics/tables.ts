// Row types of the statistics capability's tables; they join the platform's Database type below
// (module augmentation), so a capability's tables are declared inside its own folder.

import type { PublicationStatus } from '../platform/viewer.js';

export type SubmissionStatus = PublicationStatus;

export interface SubmissionsTable {
  id: string;
  dataset: string;
  partner_code: string;
  period: string;
  status: SubmissionStatus;
  version: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  approved_at: string | null;
  published_at: string | null;
}

export interface DataValuesTable {
  submission_id: string;
  variable: string;
  /** '' for the partner's own figure. */
  org_unit: string;
  /** Canonical coordinates (`dim=code;…`), '' for the total. */
  coords: string;
  value_num: number | null;
  value_code: string | null;
  comment: string | null;
  updated_at: string;
}

export interface ValidationFindingsTable {
  submission_id: string;
  key: string;
  rule_code: string;
  kind: string;
  severity: 'error' | 'warning';
  org_unit: string;
  coords: string;
  message: string;
  details_json: string;
}

export interface FindingCommentsTable {
  submission_id: string;
  key: string;
  comment: string;
  author: string;
  at: string;
}

export interface SubmissionEventsTable {
  id: string;
  submission_id: string;
  at: string;
  author_id: string | null;
  author: string;
  kind: string;
  body: string;
}

declare module '../platform/db/tables.js' {
  interface Database {
    submissions: SubmissionsTable;
    data_values: DataValuesTable;
    validation_findings: ValidationFindingsTable;
    finding_comments: FindingCommentsTable;
    submission_events: SubmissionEventsTable;
  }
}
