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
  /** 1 once the partner declared its org-unit list complete: only then is a partner total summed from org units. */
  org_units_complete: number;
  /** How many releases were made of it (0 until first published). */
  releases: number;
  /** When a scheduled publication becomes public (the submission stays approved until then); null: none scheduled. */
  publish_at?: string | null;
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
  /** SDMX observation status (A normal, B break in series, E estimated, P provisional, M missing), or null. */
  obs_status: string | null;
  updated_at: string;
  /** Evidence links: a JSON array of http(s) URLs, or null. */
  evidence_json?: string | null;
}

/** How a partner-level cell came about: given by the partner (or its breakdown), summed from its org units, or a partial sum. */
export type CellSource = 'given' | 'breakdown' | 'org_units' | 'partial';

/** A partner's figure for one variable and breakdown, maintained with every save of its submission. */
export interface PartnerCellsTable {
  submission_id: string;
  variable: string;
  coords: string;
  value_num: number | null;
  value_code: string | null;
  source: CellSource;
  /** The org units summed (0 when the partner gave the figure). */
  units: number;
}

/** One publication of a submission: numbered per (dataset, partner, period), never changed. */
export interface ReleasesTable {
  id: string;
  submission_id: string;
  dataset: string;
  partner_code: string;
  period: string;
  number: number;
  published_at: string;
  published_by: string;
  /** The reason the Commission gave when it reopened the previous release, or null for the first. */
  reason: string | null;
  org_units_complete: number;
}

/** A value's cell and what it holds, as data_values and release_values keep it. */
export type ValueColumns = Omit<DataValuesTable, 'submission_id' | 'updated_at'>;

export interface ReleaseValuesTable extends ValueColumns {
  release_id: string;
}

export interface ReleaseCellsTable extends Omit<PartnerCellsTable, 'submission_id'> {
  release_id: string;
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
    partner_cells: PartnerCellsTable;
    releases: ReleasesTable;
    release_values: ReleaseValuesTable;
    release_cells: ReleaseCellsTable;
  }
}
