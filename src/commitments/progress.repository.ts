// The only place that writes SQL for progress_rounds, progress_reports, progress_entries and
// progress_evidence (and reads commitments joined with their actions for the views).
import type { DbOrTrx } from '../platform/db/database.js';
import type { ProgressEntriesTable, ProgressEvidenceTable, ProgressReportsTable, ProgressRoundsTable } from './tables.js';

export async function insertRound(db: DbOrTrx, row: ProgressRoundsTable): Promise<void> {
  await db.insertInto('progress_rounds').values(row).execute();
}

export function findRound(db: DbOrTrx, id: string): Promise<ProgressRoundsTable | undefined> {
  return db.selectFrom('progress_rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listRounds(
  db: DbOrTrx,
  filter: { plan?: string; status?: ProgressRoundsTable['status'] } = {},
): Promise<ProgressRoundsTable[]> {
  let q = db.selectFrom('progress_rounds').selectAll();
  if (filter.plan) q = q.where('plan_code', '=', filter.plan);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('period_end', 'desc').orderBy('opened_at', 'desc').execute();
}

/** Updates the round only if it still has `version`; returns whether it did. */
export async function updateRound(db: DbOrTrx, id: string, version: number, patch: Partial<ProgressRoundsTable>): Promise<boolean> {
  const r = await db
    .updateTable('progress_rounds')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertReport(db: DbOrTrx, row: ProgressReportsTable): Promise<void> {
  await db.insertInto('progress_reports').values(row).execute();
}

export function listReports(db: DbOrTrx, roundIds: string[]): Promise<ProgressReportsTable[]> {
  if (roundIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('progress_reports').selectAll().where('round_id', 'in', roundIds).orderBy('partner_code').execute();
}

export function findReport(db: DbOrTrx, roundId: string, partner: string): Promise<ProgressReportsTable | undefined> {
  return db
    .selectFrom('progress_reports')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('partner_code', '=', partner)
    .executeTakeFirst();
}

export async function updateReport(db: DbOrTrx, id: string, version: number, patch: Partial<ProgressReportsTable>): Promise<boolean> {
  const r = await db
    .updateTable('progress_reports')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEntries(db: DbOrTrx, rows: ProgressEntriesTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('progress_entries')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function updateEntry(
  db: DbOrTrx,
  reportId: string,
  commitmentId: string,
  patch: Partial<ProgressEntriesTable>,
): Promise<void> {
  await db.updateTable('progress_entries').set(patch).where('report_id', '=', reportId).where('commitment_id', '=', commitmentId).execute();
}

/** An entry with its commitment, action, objective and the round and report it belongs to. */
export interface EntryRow extends ProgressEntriesTable {
  partner_code: string;
  plan_code: string;
  action_code: string;
  action_title: string;
  action_paraphrase: number;
  objective_code: string;
  deadline: string | null;
  action_position: number;
  round_id: string;
  round_title: string;
  round_status: ProgressRoundsTable['status'];
  period_end: string;
  report_status: ProgressReportsTable['status'];
}

export function listEntries(
  db: DbOrTrx,
  filter: { reportIds?: string[]; plan?: string; action?: string; commitmentIds?: string[] },
): Promise<EntryRow[]> {
  let q = db
    .selectFrom('progress_entries as e')
    .innerJoin('progress_reports as r', 'r.id', 'e.report_id')
    .innerJoin('progress_rounds as o', 'o.id', 'r.round_id')
    .innerJoin('commitments as c', 'c.id', 'e.commitment_id')
    .innerJoin('plan_actions as a', (j) => j.onRef('a.plan_code', '=', 'c.plan_code').onRef('a.code', '=', 'c.action_code'))
    .selectAll('e')
    .select([
      'c.partner_code',
      'c.plan_code',
      'c.action_code',
      'a.title as action_title',
      'a.paraphrase as action_paraphrase',
      'a.objective_code',
      'a.deadline',
      'a.position as action_position',
      'o.id as round_id',
      'o.title as round_title',
      'o.status as round_status',
      'o.period_end',
      'r.status as report_status',
    ]);
  if (filter.reportIds) q = filter.reportIds.length ? q.where('e.report_id', 'in', filter.reportIds) : q.where('e.report_id', '=', '');
  if (filter.commitmentIds)
    q = filter.commitmentIds.length ? q.where('e.commitment_id', 'in', filter.commitmentIds) : q.where('e.commitment_id', '=', '');
  if (filter.plan) q = q.where('c.plan_code', '=', filter.plan);
  if (filter.action) q = q.where('c.action_code', '=', filter.action);
  return q.orderBy('o.period_end').orderBy('o.opened_at').orderBy('a.position').orderBy('c.partner_code').execute() as Promise<EntryRow[]>;
}

export async function insertEvidence(db: DbOrTrx, row: ProgressEvidenceTable): Promise<void> {
  await db.insertInto('progress_evidence').values(row).execute();
}

export function listEvidence(
  db: DbOrTrx,
  reportIds: string[],
): Promise<(ProgressEvidenceTable & { file_name: string | null; media_type: string | null; size_bytes: number | null })[]> {
  if (reportIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('progress_evidence as v')
    .leftJoin('stored_files as f', 'f.id', 'v.file_id')
    .selectAll('v')
    .select(['f.name as file_name', 'f.media_type', 'f.size_bytes'])
    .where('v.report_id', 'in', reportIds)
    .orderBy('v.added_at')
    .execute();
}

export function findEvidence(db: DbOrTrx, id: string): Promise<ProgressEvidenceTable | undefined> {
  return db.selectFrom('progress_evidence').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteEvidence(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('progress_evidence').where('id', '=', id).execute();
}

/** Every commitment with its action, objective and plan, optionally for one partner or plan. */
export interface CommitmentDetailRow {
  id: string;
  partner_code: string;
  plan_code: string;
  plan_title: string;
  plan_kind: string;
  objective_code: string;
  objective_title: string;
  action_code: string;
  action_title: string;
  action_paraphrase: number;
  start_date: string | null;
  deadline: string | null;
  indicators_json: string;
  action_position: number;
}

export function listCommitmentDetails(
  db: DbOrTrx,
  filter: { partner?: string; plan?: string; action?: string },
): Promise<CommitmentDetailRow[]> {
  let q = db
    .selectFrom('commitments as c')
    .innerJoin('plan_actions as a', (j) => j.onRef('a.plan_code', '=', 'c.plan_code').onRef('a.code', '=', 'c.action_code'))
    .innerJoin('plan_objectives as b', (j) => j.onRef('b.plan_code', '=', 'a.plan_code').onRef('b.code', '=', 'a.objective_code'))
    .innerJoin('plans as p', 'p.code', 'c.plan_code')
    .select([
      'c.id',
      'c.partner_code',
      'c.plan_code',
      'p.title as plan_title',
      'p.kind as plan_kind',
      'a.objective_code',
      'b.title as objective_title',
      'c.action_code',
      'a.title as action_title',
      'a.paraphrase as action_paraphrase',
      'a.start_date',
      'a.deadline',
      'a.indicators_json',
      'a.position as action_position',
    ]);
  if (filter.partner) q = q.where('c.partner_code', '=', filter.partner);
  if (filter.plan) q = q.where('c.plan_code', '=', filter.plan);
  if (filter.action) q = q.where('c.action_code', '=', filter.action);
  return q.orderBy('c.plan_code').orderBy('a.position').orderBy('c.partner_code').execute();
}
