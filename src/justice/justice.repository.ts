// The only place that writes SQL for case_mappings and case_import_runs.
import type { DbOrTrx } from '../platform/db/database.js';
import type { CaseImportRunsTable, CaseMappingsTable } from './tables.js';

export function findMapping(db: DbOrTrx, partner: string): Promise<CaseMappingsTable | undefined> {
  return db.selectFrom('case_mappings').selectAll().where('partner_code', '=', partner).executeTakeFirst();
}

export async function upsertMapping(db: DbOrTrx, row: CaseMappingsTable): Promise<void> {
  await db
    .insertInto('case_mappings')
    .values(row)
    .onConflict((oc) => oc.column('partner_code').doUpdateSet({ yaml: row.yaml, updated_at: row.updated_at, updated_by: row.updated_by }))
    .execute();
}

export async function insertRun(db: DbOrTrx, row: CaseImportRunsTable): Promise<void> {
  await db.insertInto('case_import_runs').values(row).execute();
}

export async function updateRun(db: DbOrTrx, id: string, changes: Partial<Omit<CaseImportRunsTable, 'id'>>): Promise<void> {
  await db.updateTable('case_import_runs').set(changes).where('id', '=', id).execute();
}

export function findRun(db: DbOrTrx, id: string): Promise<CaseImportRunsTable | undefined> {
  return db.selectFrom('case_import_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A run without its rejected rows and its worker's bookkeeping. */
export type RunSummary = Omit<CaseImportRunsTable, 'rejected_csv' | 'worker' | 'upload_dir'>;

export function listRuns(db: DbOrTrx, partner: string | undefined, limit = 20): Promise<RunSummary[]> {
  let q = db
    .selectFrom('case_import_runs')
    .select([
      'id',
      'partner_code',
      'file_name',
      'status',
      'phase',
      'progress',
      'started_at',
      'finished_at',
      'message',
      'result_json',
      'created_by',
    ]);
  if (partner) q = q.where('partner_code', '=', partner);
  return q.orderBy('started_at', 'desc').limit(limit).execute();
}

/** Runs still marked running: the ones taken by a worker (not merely queued) and the queued ones alike. */
export function listRunningRuns(db: DbOrTrx): Promise<Pick<CaseImportRunsTable, 'id' | 'phase' | 'worker' | 'upload_dir'>[]> {
  return db.selectFrom('case_import_runs').select(['id', 'phase', 'worker', 'upload_dir']).where('status', '=', 'running').execute();
}

/** Takes a queued run for a worker; false when it was no longer queued (taken before, or finished). */
export async function takeQueuedRun(db: DbOrTrx, id: string, worker: string): Promise<boolean> {
  const r = await db
    .updateTable('case_import_runs')
    .set({ worker, phase: 'starting' })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('phase', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks a run interrupted if it is still running; false when it had finished meanwhile. */
export async function interruptRun(db: DbOrTrx, id: string, message: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('case_import_runs')
    .set({ status: 'interrupted', phase: 'interrupted', message, finished_at: at })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
