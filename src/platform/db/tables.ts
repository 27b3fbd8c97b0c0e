// Row types of the platform's tables, as Kysely sees them. Timestamps are ISO 8601 UTC strings
// on both SQLite and PostgreSQL, so that rows (and the audit hashes computed from them) are
// identical whatever the database.
import type { Generated } from 'kysely';

export type Role = 'admin' | 'commission' | 'reviewer' | 'coordinator';

export interface PartnersTable {
  code: string;
  name: string;
  group_code: string;
  sort_order: number;
}

export interface OrgUnitsTable {
  code: string;
  name: string;
  partner_code: string;
  kind: string;
  parent_code: string | null;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  partner_code: string | null;
  password_hash: string;
  /** Reviewers only: the domains they review, as a JSON list; null for every domain. */
  domains_json: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginFailuresTable {
  id: string;
  email: string;
  ip: string;
  at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

/** One row that records the end of the audit chain, so that removing the newest entries is detected too. */
export interface AuditHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
}

export type SubmissionStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'published';

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

export interface CaseMappingsTable {
  partner_code: string;
  yaml: string;
  updated_at: string;
  updated_by: string;
}

export interface CaseImportRunsTable {
  id: string;
  partner_code: string;
  file_name: string;
  status: 'running' | 'completed' | 'failed';
  phase: string;
  progress: number;
  started_at: string;
  finished_at: string | null;
  message: string | null;
  result_json: string | null;
  rejected_csv: string | null;
  created_by: string;
}

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

export interface StoredFilesTable {
  id: string;
  name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  created_at: string;
  created_by: string;
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

export interface NotificationsTable {
  id: string;
  user_id: string;
  /** What it is about, e.g. 'commitments.reminder'. */
  kind: string;
  title: string;
  body: string;
  /** A path inside the app (e.g. /commitments/rounds/…), never an outside URL. */
  link: string | null;
  /** Recorded at most once per user: a second notification with the same key is skipped. */
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
  /** Null until sent; stays null while SMTP is not configured or sending fails. */
  emailed_at: string | null;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: string;
  kind: string;
  /** At most one queued job per key; a running one with the key keeps the next from starting. */
  singleton_key: string | null;
  payload_json: string;
  run_after: string;
  status: JobStatus;
  attempts: number;
  locked_at: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface AlertsTable {
  id: string;
  rule: string;
  scope: 'centre' | 'partner' | 'region';
  scope_code: string;
  partner_code: string | null;
  period: string;
  indicator: string;
  value: number;
  condition: string;
  threshold: number;
  created_at: string;
}

export interface AlertRecipientsTable {
  alert_id: string;
  user_id: string;
  /** partner, neighbour, region or commission: why this user was told. */
  reason: string;
  acknowledged_at: string | null;
}

export interface MeetingsTable {
  id: string;
  title: string;
  kind: 'ministerial' | 'senior_officials' | 'expert';
  format: 'videoconference' | 'in_person' | 'hybrid';
  host: string | null;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  location: string | null;
  video_url: string | null;
  status: 'planned' | 'confirmed' | 'held' | 'cancelled';
  visibility: 'public' | 'participants';
  description: string | null;
  conclusions: string | null;
  follow_up_plan: string | null;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface MeetingSessionsTable {
  id: string;
  meeting_id: string;
  title: string;
  starts_at: string;
  ends_at: string;
  position: number;
}

export interface AgendaItemsTable {
  id: string;
  meeting_id: string;
  session_id: string;
  position: number;
  title: string;
  description: string | null;
  topics_json: string;
  lead: string | null;
  presenters_json: string;
  duration_minutes: number | null;
}

export interface DelegationsTable {
  id: string;
  meeting_id: string;
  partner_code: string | null;
  institution: string | null;
  head_name: string | null;
  head_function: string | null;
  invitation: 'invited' | 'accepted' | 'declined' | 'represented';
  represented_by: string | null;
  replied_at: string | null;
  replied_by: string | null;
  position: number;
}

export interface DelegationMembersTable {
  id: string;
  delegation_id: string;
  name: string;
  function: string | null;
  email: string | null;
}

export interface MeetingDocumentsTable {
  id: string;
  meeting_id: string;
  item_id: string | null;
  title: string;
  access: 'public' | 'participants' | 'commission';
  created_at: string;
}

export interface DocumentVersionsTable {
  document_id: string;
  version: number;
  file_id: string;
  uploaded_at: string;
  uploaded_by: string;
}

export interface MeetingDecisionsTable {
  id: string;
  meeting_id: string;
  item_id: string | null;
  text: string;
  position: number;
}

export interface Database {
  partners: PartnersTable;
  org_units: OrgUnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  submissions: SubmissionsTable;
  data_values: DataValuesTable;
  validation_findings: ValidationFindingsTable;
  finding_comments: FindingCommentsTable;
  submission_events: SubmissionEventsTable;
  case_mappings: CaseMappingsTable;
  case_import_runs: CaseImportRunsTable;
  plans: PlansTable;
  plan_objectives: PlanObjectivesTable;
  plan_actions: PlanActionsTable;
  commitments: CommitmentsTable;
  notifications: NotificationsTable;
  jobs: JobsTable;
  stored_files: StoredFilesTable;
  progress_rounds: ProgressRoundsTable;
  progress_reports: ProgressReportsTable;
  progress_entries: ProgressEntriesTable;
  progress_evidence: ProgressEvidenceTable;
  alerts: AlertsTable;
  alert_recipients: AlertRecipientsTable;
  meetings: MeetingsTable;
  meeting_sessions: MeetingSessionsTable;
  agenda_items: AgendaItemsTable;
  delegations: DelegationsTable;
  delegation_members: DelegationMembersTable;
  meeting_documents: MeetingDocumentsTable;
  document_versions: DocumentVersionsTable;
  meeting_decisions: MeetingDecisionsTable;
}

export type { Generated };
