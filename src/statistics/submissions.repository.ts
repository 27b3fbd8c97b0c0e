// The only place that writes SQL for submissions, data_values, validation_findings,
// finding_comments and submission_events.
import type { DbOrTrx } from '../platform/db/database.js';
import type { DataValuesTable, SubmissionEventsTable, SubmissionsTable, SubmissionStatus, ValidationFindingsTable } from './tables.js';

export function findSubmission(db: DbOrTrx, dataset: string, partner: string, period: string): Promise<SubmissionsTable | undefined> {
  return db
    .selectFrom('submissions')
    .selectAll()
    .where('dataset', '=', dataset)
    .where('partner_code', '=', partner)
    .where('period', '=', period)
    .executeTakeFirst();
}

/**
 * Inserts the submission unless one with its key exists (a concurrent first save won: on
 * PostgreSQL this waits for it to commit); returns whether this one was inserted.
 */
export async function insertSubmissionIfAbsent(db: DbOrTrx, row: SubmissionsTable): Promise<boolean> {
  const result = await db
    .insertInto('submissions')
    .values(row)
    .onConflict((oc) => oc.columns(['dataset', 'partner_code', 'period']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Updates only when the stored version is still `expectedVersion`; returns whether it did. */
export async function updateSubmissionIfVersion(
  db: DbOrTrx,
  id: string,
  expectedVersion: number,
  changes: Partial<Omit<SubmissionsTable, 'id'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('submissions')
    .set(changes)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface SubmissionFilter {
  dataset?: string;
  partner?: string;
  period?: string;
  statuses?: SubmissionStatus[];
  /** Rows visible to a coordinator: published ones, or any of this partner. */
  visibleToPartner?: string;
}

export function listSubmissions(db: DbOrTrx, f: SubmissionFilter): Promise<SubmissionsTable[]> {
  let q = db.selectFrom('submissions').selectAll();
  if (f.dataset) q = q.where('dataset', '=', f.dataset);
  if (f.partner) q = q.where('partner_code', '=', f.partner);
  if (f.period) q = q.where('period', '=', f.period);
  if (f.statuses) q = q.where('status', 'in', f.statuses);
  if (f.visibleToPartner !== undefined) {
    const own = f.visibleToPartner;
    q = q.where((eb) => eb.or([eb('status', '=', 'published'), eb('partner_code', '=', own)]));
  }
  return q.orderBy('dataset').orderBy('period', 'desc').orderBy('partner_code').limit(5000).execute();
}

export function listValues(db: DbOrTrx, submissionId: string): Promise<DataValuesTable[]> {
  return db
    .selectFrom('data_values')
    .selectAll()
    .where('submission_id', '=', submissionId)
    .orderBy('variable')
    .orderBy('org_unit')
    .orderBy('coords')
    .execute();
}

const VALUE_BATCH = 400;

/** Inserts or replaces values, in batches small enough for either database's parameter limit. */
export async function upsertValues(db: DbOrTrx, rows: DataValuesTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += VALUE_BATCH) {
    const batch = rows.slice(i, i + VALUE_BATCH);
    await db
      .insertInto('data_values')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['submission_id', 'variable', 'org_unit', 'coords']).doUpdateSet((eb) => ({
          value_num: eb.ref('excluded.value_num'),
          value_code: eb.ref('excluded.value_code'),
          comment: eb.ref('excluded.comment'),
          obs_status: eb.ref('excluded.obs_status'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export async function deleteValue(
  db: DbOrTrx,
  key: { submission_id: string; variable: string; org_unit: string; coords: string },
): Promise<void> {
  await db
    .deleteFrom('data_values')
    .where('submission_id', '=', key.submission_id)
    .where('variable', '=', key.variable)
    .where('org_unit', '=', key.org_unit)
    .where('coords', '=', key.coords)
    .execute();
}

export interface LocatedValue extends DataValuesTable {
  partner_code: string;
  period: string;
  dataset: string;
  status: SubmissionStatus;
}

export interface ValueQuery {
  datasets: string[];
  periods?: string[];
  partners?: string[];
  variables?: string[];
  statuses?: SubmissionStatus[];
  visibleToPartner?: string;
}

/** Values with their submission's partner, period and status, filtered as asked. */
export function queryValues(db: DbOrTrx, f: ValueQuery): Promise<LocatedValue[]> {
  let q = db
    .selectFrom('data_values as v')
    .innerJoin('submissions as s', 's.id', 'v.submission_id')
    .select([
      'v.submission_id',
      'v.variable',
      'v.org_unit',
      'v.coords',
      'v.value_num',
      'v.value_code',
      'v.comment',
      'v.obs_status',
      'v.updated_at',
      's.partner_code',
      's.period',
      's.dataset',
      's.status',
    ])
    .where('s.dataset', 'in', f.datasets);
  if (f.periods) q = q.where('s.period', 'in', f.periods.length ? f.periods : ['']);
  if (f.partners) q = q.where('s.partner_code', 'in', f.partners.length ? f.partners : ['']);
  if (f.variables) q = q.where('v.variable', 'in', f.variables.length ? f.variables : ['']);
  if (f.statuses) q = q.where('s.status', 'in', f.statuses);
  if (f.visibleToPartner !== undefined) {
    const own = f.visibleToPartner;
    q = q.where((eb) => eb.or([eb('s.status', '=', 'published'), eb('s.partner_code', '=', own)]));
  }
  return q.execute();
}

export async function replaceFindings(db: DbOrTrx, submissionId: string, rows: ValidationFindingsTable[]): Promise<void> {
  await db.deleteFrom('validation_findings').where('submission_id', '=', submissionId).execute();
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('validation_findings')
      .values(rows.slice(i, i + 200))
      .execute();
}

export function listFindings(db: DbOrTrx, submissionId: string): Promise<ValidationFindingsTable[]> {
  return db
    .selectFrom('validation_findings')
    .selectAll()
    .where('submission_id', '=', submissionId)
    .orderBy('severity')
    .orderBy('key')
    .execute();
}

export function listFindingComments(db: DbOrTrx, submissionId: string) {
  return db.selectFrom('finding_comments').selectAll().where('submission_id', '=', submissionId).execute();
}

export async function upsertFindingComment(
  db: DbOrTrx,
  row: { submission_id: string; key: string; comment: string; author: string; at: string },
): Promise<void> {
  await db
    .insertInto('finding_comments')
    .values(row)
    .onConflict((oc) => oc.columns(['submission_id', 'key']).doUpdateSet({ comment: row.comment, author: row.author, at: row.at }))
    .execute();
}

export async function insertEvent(db: DbOrTrx, row: SubmissionEventsTable): Promise<void> {
  await db.insertInto('submission_events').values(row).execute();
}

export function listEvents(db: DbOrTrx, submissionId: string): Promise<SubmissionEventsTable[]> {
  return db.selectFrom('submission_events').selectAll().where('submission_id', '=', submissionId).orderBy('at').orderBy('id').execute();
}
