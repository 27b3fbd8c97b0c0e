// Row types of the justice capability's tables; they join the platform's Database type below
// (module augmentation), so a capability's tables are declared inside its own folder.

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
  /** `running` from queued to done; `interrupted` when the worker running it stopped. */
  status: 'running' | 'completed' | 'failed' | 'interrupted';
  phase: string;
  progress: number;
  started_at: string;
  finished_at: string | null;
  message: string | null;
  result_json: string | null;
  rejected_csv: string | null;
  created_by: string;
  /** The worker that took the run, as host:pid (null while queued). */
  worker: string | null;
  /** The temporary folder of the uploaded file (null for a file on the server, the CLI's). */
  upload_dir: string | null;
}

declare module '../platform/db/tables.js' {
  interface Database {
    case_mappings: CaseMappingsTable;
    case_import_runs: CaseImportRunsTable;
  }
}
