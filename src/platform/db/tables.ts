// Row types of the platform's tables, as Kysely sees them. Each capability adds its own tables to
// `Database` from its `tables.ts` (module augmentation), so this file names none of them. Timestamps are ISO 8601 UTC strings
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
  /** Notifications by e-mail: each one, a daily digest, or none. */
  email_preference: EmailPreference;
  /** When the last daily digest was e-mailed; null: never. */
  digest_sent_at: string | null;
  /** The language of the web app the user chose (platform/locales.ts); null: the browser's. */
  language: string | null;
}

export type EmailPreference = 'each' | 'daily' | 'none';

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  /** When the session last answered a request (minute resolution); it ends after the idle timeout. */
  last_seen_at: string | null;
  ip: string | null;
  user_agent: string | null;
  /** How it was opened: `password`, `password+totp`, `password+recovery_code`, `invitation`, `oidc`; null before sign-in methods were recorded. */
  auth_method: string | null;
  /** Signed in through an OpenID Connect provider: its id (OIDC_PROVIDERS) … */
  oidc_provider: string | null;
  /** … and the ID token, the hint of the provider's sign-out (RP-initiated logout). */
  oidc_id_token: string | null;
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

export interface NotificationsTable {
  id: string;
  user_id: string;
  /** What it is about, e.g. 'commitments.reminder'. */
  kind: string;
  /** In English; shown as they are when texts_json is null. */
  title: string;
  body: string;
  /** JSON `{ title?, body?, params }`: keys of the `notifications` namespace, rendered in the reader's language. */
  texts_json: string | null;
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

/** Every table: the platform's here, each capability's added by its own tables.ts. */
export interface Database {
  partners: PartnersTable;
  org_units: OrgUnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  stored_files: StoredFilesTable;
  notifications: NotificationsTable;
  jobs: JobsTable;
}

export type { Generated };
