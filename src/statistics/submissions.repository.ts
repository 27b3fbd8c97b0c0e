// The only place that writes SQL for submissions, data_values, validation_findings,
// finding_comments and submission_events.
import { CompiledQuery, sql } from 'kysely';
import { isPostgres, type DbOrTrx } from '../platform/db/database.js';
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

const VALUE_COLUMNS = [
  'submission_id',
  'variable',
  'org_unit',
  'coords',
  'value_num',
  'value_code',
  'comment',
  'obs_status',
  'updated_at',
  'evidence_json',
] as const;
const VALUE_TYPES = ['text', 'text', 'text', 'text', 'float8', 'text', 'text', 'text', 'text', 'text'];
const VALUE_UPSERT =
  'on conflict (submission_id, variable, org_unit, coords) do update set value_num = excluded.value_num, ' +
  'value_code = excluded.value_code, comment = excluded.comment, obs_status = excluded.obs_status, updated_at = excluded.updated_at, ' +
  'evidence_json = excluded.evidence_json';

/** A table written many rows at a time: its columns, their PostgreSQL types, and what a statement adds after the rows. */
interface BulkTable {
  table: string;
  columns: readonly string[];
  types: readonly string[];
  suffix: string;
}

const DATA_VALUES: BulkTable = { table: 'data_values', columns: VALUE_COLUMNS, types: VALUE_TYPES, suffix: VALUE_UPSERT };
const FINDINGS: BulkTable = {
  table: 'validation_findings',
  columns: ['submission_id', 'key', 'rule_code', 'kind', 'severity', 'org_unit', 'coords', 'message', 'details_json'],
  types: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'],
  suffix: '',
};

/** Rows per statement on SQLite (9 columns: well within its 32,766 parameters) and on PostgreSQL (arrays: no limit). */
const SQLITE_ROWS = 500;
const POSTGRES_ROWS = 5000;
const statements = new Map<string, string>();

/**
 * The text of an insert of `rows` rows. On SQLite a multi-row VALUES, made for a few sizes only
 * (full batches, then powers of two), so that its prepared statements are kept (database.ts);
 * on PostgreSQL one statement for any number of rows, each column an array parameter (unnest).
 */
function insertText(t: BulkTable, rows: number, postgres: boolean): string {
  const id = `${t.table}:${postgres ? 'pg' : rows}`;
  let text = statements.get(id);
  if (text === undefined) {
    const head = `insert into ${t.table} (${t.columns.join(', ')}) `;
    const body = postgres
      ? `select * from unnest(${t.types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')}) `
      : `values ${Array.from({ length: rows }, () => `(${t.columns.map(() => '?').join(', ')})`).join(', ')} `;
    statements.set(id, (text = head + body + t.suffix));
  }
  return text;
}

/**
 * Rows gathered column by column and written in large batches, each a single statement; on
 * PostgreSQL the next batch is gathered while the database writes the one before. `finish()`
 * writes the rest and reports any failure.
 */
export class BulkWriter {
  private readonly postgres: boolean;
  private readonly columns: unknown[][];
  private pending: Promise<unknown> = Promise.resolve();
  private failure: unknown = null;
  count = 0;

  constructor(
    private readonly db: DbOrTrx,
    private readonly table: BulkTable,
  ) {
    this.postgres = isPostgres(db);
    this.columns = table.columns.map(() => []);
  }

  /** The columns to push a row's values to, in the table's order; call `row()` after. */
  get cols(): unknown[][] {
    return this.columns;
  }

  /** Counts the row pushed to `cols`; true when a batch is full (then `await flush()`). */
  row(): boolean {
    this.count += 1;
    return this.count >= (this.postgres ? POSTGRES_ROWS : SQLITE_ROWS);
  }

  async flush(): Promise<void> {
    if (this.count === 0) return;
    const columns = this.columns.map((c) => c.splice(0));
    const rows = this.count;
    this.count = 0;
    if (this.postgres) {
      const write = this.db.executeQuery(CompiledQuery.raw(insertText(this.table, rows, true), columns));
      // One batch in flight: wait for the one before, then let this one run while the caller reads on.
      await this.pending;
      this.pending = write.catch((err: unknown) => void (this.failure ??= err));
      if (this.failure) throw this.failure;
      return;
    }
    const width = columns.length;
    for (let done = 0; done < rows;) {
      const left = rows - done;
      const n = left >= SQLITE_ROWS ? SQLITE_ROWS : 2 ** Math.floor(Math.log2(left));
      const params = new Array<unknown>(n * width);
      for (let r = 0; r < n; r += 1) for (let c = 0; c < width; c += 1) params[r * width + c] = columns[c]![done + r];
      await this.db.executeQuery(CompiledQuery.raw(insertText(this.table, n, false), params));
      done += n;
    }
  }

  /** Writes what is left and waits for the writes under way. */
  async finish(): Promise<void> {
    await this.flush();
    await this.pending;
    if (this.failure) throw this.failure;
  }
}

/** A writer of data_values rows (inserted, or replacing the stored cell), in the order of VALUE_COLUMNS. */
export function valueWriter(db: DbOrTrx): BulkWriter {
  return new BulkWriter(db, DATA_VALUES);
}

/** Inserts or replaces values, many rows per statement. */
export async function upsertValues(db: DbOrTrx, rows: DataValuesTable[]): Promise<void> {
  const writer = valueWriter(db);
  const [sid, variable, unit, coords, num, code, comment, obs, at, evidence] = writer.cols;
  for (const r of rows) {
    sid!.push(r.submission_id);
    variable!.push(r.variable);
    unit!.push(r.org_unit);
    coords!.push(r.coords);
    num!.push(r.value_num);
    code!.push(r.value_code);
    comment!.push(r.comment);
    obs!.push(r.obs_status);
    at!.push(r.updated_at);
    evidence!.push(r.evidence_json ?? null);
    if (writer.row()) await writer.flush();
  }
  await writer.finish();
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

/** Deletes many values, a few hundred keys per statement. */
export async function deleteValues(
  db: DbOrTrx,
  keys: { submission_id: string; variable: string; org_unit: string; coords: string }[],
): Promise<void> {
  for (let i = 0; i < keys.length; i += 250) {
    const batch = keys.slice(i, i + 250);
    await db
      .deleteFrom('data_values')
      .where((eb) =>
        eb(
          eb.refTuple('submission_id', 'variable', 'org_unit', 'coords'),
          'in',
          batch.map((k) => eb.tuple(k.submission_id, k.variable, k.org_unit, k.coords)),
        ),
      )
      .execute();
  }
}

/**
 * The values of some variables of one dataset and partner in some periods (with the period), read
 * submission by submission through the primary key: what validation takes from earlier periods.
 */
export async function historyValues(
  db: DbOrTrx,
  q: { dataset: string; partner: string; periods: string[]; variables: string[] },
): Promise<(Pick<DataValuesTable, 'variable' | 'org_unit' | 'coords' | 'value_num' | 'value_code'> & { period: string })[]> {
  if (q.periods.length === 0 || q.variables.length === 0) return [];
  const submissions = await db
    .selectFrom('submissions')
    .select(['id', 'period'])
    .where('dataset', '=', q.dataset)
    .where('partner_code', '=', q.partner)
    .where('period', 'in', q.periods)
    .execute();
  const out = [];
  for (const s of submissions) {
    const rows = await db
      .selectFrom('data_values')
      .select(['variable', 'org_unit', 'coords', 'value_num', 'value_code'])
      .where('submission_id', '=', s.id)
      .where('variable', 'in', q.variables)
      .execute();
    for (const r of rows) out.push({ ...r, period: s.period });
  }
  return out;
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
      'v.evidence_json',
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

/** Replaces the findings of a submission, many rows per statement. */
export async function replaceFindings(db: DbOrTrx, submissionId: string, rows: ValidationFindingsTable[]): Promise<void> {
  await db.deleteFrom('validation_findings').where('submission_id', '=', submissionId).execute();
  const writer = new BulkWriter(db, FINDINGS);
  const cols = writer.cols;
  for (const r of rows) {
    cols[0]!.push(r.submission_id);
    cols[1]!.push(r.key);
    cols[2]!.push(r.rule_code);
    cols[3]!.push(r.kind);
    cols[4]!.push(r.severity);
    cols[5]!.push(r.org_unit);
    cols[6]!.push(r.coords);
    cols[7]!.push(r.message);
    cols[8]!.push(r.details_json);
    if (writer.row()) await writer.flush();
  }
  await writer.finish();
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
