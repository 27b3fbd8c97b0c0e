// The only place that writes SQL for the read model: partner_cells (each submission's
// partner-level figures, replaced with every save), releases, release_values and release_cells
// (immutable copies made at each publication).
import { sql, type SelectQueryBuilder } from 'kysely';
import type { DbOrTrx } from '../platform/db/database.js';
import type { PartnerCellsTable, ReleasesTable, ReleaseValuesTable, SubmissionStatus, ValueColumns } from './tables.js';

const BATCH = 400;

/** Replaces every partner-level cell of one submission. */
export async function replacePartnerCells(db: DbOrTrx, submissionId: string, rows: PartnerCellsTable[]): Promise<void> {
  await db.deleteFrom('partner_cells').where('submission_id', '=', submissionId).execute();
  for (let i = 0; i < rows.length; i += BATCH)
    await db
      .insertInto('partner_cells')
      .values(rows.slice(i, i + BATCH))
      .execute();
}

export function listPartnerCells(db: DbOrTrx, submissionId: string): Promise<PartnerCellsTable[]> {
  return db
    .selectFrom('partner_cells')
    .selectAll()
    .where('submission_id', '=', submissionId)
    .orderBy('variable')
    .orderBy('coords')
    .execute();
}

/** Records a release and copies the submission's values and partner cells into it, in the caller's transaction. */
export async function insertRelease(db: DbOrTrx, release: ReleasesTable): Promise<void> {
  await db.insertInto('releases').values(release).execute();
  const id = sql<string>`cast(${release.id} as text)`;
  await db
    .insertInto('release_values')
    .columns(['release_id', 'variable', 'org_unit', 'coords', 'value_num', 'value_code', 'obs_status', 'comment', 'evidence_json'])
    .expression(
      db
        .selectFrom('data_values')
        .select([
          id.as('release_id'),
          'variable',
          'org_unit',
          'coords',
          'value_num',
          'value_code',
          'obs_status',
          'comment',
          'evidence_json',
        ])
        .where('submission_id', '=', release.submission_id),
    )
    .execute();
  await db
    .insertInto('release_cells')
    .columns(['release_id', 'variable', 'coords', 'value_num', 'value_code', 'source', 'units'])
    .expression(
      db
        .selectFrom('partner_cells')
        .select([id.as('release_id'), 'variable', 'coords', 'value_num', 'value_code', 'source', 'units'])
        .where('submission_id', '=', release.submission_id),
    )
    .execute();
  await db.updateTable('submissions').set({ releases: release.number }).where('id', '=', release.submission_id).execute();
}

export function listReleases(db: DbOrTrx, submissionId: string): Promise<ReleasesTable[]> {
  return db.selectFrom('releases').selectAll().where('submission_id', '=', submissionId).orderBy('number').execute();
}

export function listReleaseValues(db: DbOrTrx, releaseId: string): Promise<ReleaseValuesTable[]> {
  return db.selectFrom('release_values').selectAll().where('release_id', '=', releaseId).execute();
}

/** The reason of the latest reopen of a submission, or null. */
export async function latestReopenReason(db: DbOrTrx, submissionId: string): Promise<string | null> {
  const row = await db
    .selectFrom('submission_events')
    .select('body')
    .where('submission_id', '=', submissionId)
    .where('kind', '=', 'reopen')
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.body ?? null;
}

export interface ReadQuery {
  datasets: string[];
  variables?: string[];
  periods?: string[];
  partners?: string[];
  /** Leaves out one partner (read from its working data instead). */
  exceptPartner?: string;
  /** Only this org unit's values (raw values only). */
  orgUnit?: string;
  /** Only values with a comment (raw values only). */
  withComment?: boolean;
}

interface Located {
  dataset: string;
  partner_code: string;
  period: string;
}

export interface WorkingCell extends Located, Omit<PartnerCellsTable, 'submission_id'> {
  status: SubmissionStatus;
  releases: number;
}

export interface ReleasedCell extends Located, Omit<PartnerCellsTable, 'submission_id'> {
  number: number;
}

function inList(list: string[]): string[] {
  return list.length ? list : [''];
}

/**
 * The read query's filters, the same for the four reads: on the submission or release (`s`/`r`:
 * dataset, period, partner) and on the rows (`c` cells or `v` values: variable; values also org
 * unit and comment).
 */
function filtered<QB extends SelectQueryBuilder<any, any, any>>(query: QB, q: ReadQuery, key: 's' | 'r', rows: 'c' | 'v'): QB {
  let out: SelectQueryBuilder<any, any, any> = query.where(`${key}.dataset`, 'in', q.datasets);
  if (q.variables) out = out.where(`${rows}.variable`, 'in', inList(q.variables));
  if (q.periods) out = out.where(`${key}.period`, 'in', inList(q.periods));
  if (q.partners) out = out.where(`${key}.partner_code`, 'in', inList(q.partners));
  if (q.exceptPartner !== undefined) out = out.where(`${key}.partner_code`, '<>', q.exceptPartner);
  if (rows === 'v' && q.orgUnit !== undefined) out = out.where('v.org_unit', '=', q.orgUnit);
  if (rows === 'v' && q.withComment) out = out.where('v.comment', 'is not', null);
  return out as QB;
}

/** The columns every read of partner cells (`c`) and of values (`v`) takes, working or released. */
const CELL_COLUMNS = ['c.variable', 'c.coords', 'c.value_num', 'c.value_code', 'c.source', 'c.units'] as const;
const VALUE_COLUMNS = [
  'v.variable',
  'v.org_unit',
  'v.coords',
  'v.value_num',
  'v.value_code',
  'v.obs_status',
  'v.comment',
  'v.evidence_json',
] as const;

/** Partner cells of the working data (any status), with their submission's status. */
export function queryWorkingCells(db: DbOrTrx, q: ReadQuery): Promise<WorkingCell[]> {
  const query = db
    .selectFrom('partner_cells as c')
    .innerJoin('submissions as s', 's.id', 'c.submission_id')
    .select(['s.dataset', 's.partner_code', 's.period', 's.status', 's.releases', ...CELL_COLUMNS])
    .$call((query) => filtered(query, q, 's', 'c'));
  return query.execute();
}

/** The release of each submission current at `asOf` (ISO instant): the highest number published by then. */
function currentAt(asOf: string) {
  return sql<boolean>`r.number = (select max(r2.number) from releases r2 where r2.submission_id = r.submission_id and r2.published_at <= ${asOf})`;
}

/** Partner cells as released, each submission's release current at `asOf`. */
export function queryReleasedCells(db: DbOrTrx, q: ReadQuery, asOf: string): Promise<ReleasedCell[]> {
  const query = db
    .selectFrom('release_cells as c')
    .innerJoin('releases as r', 'r.id', 'c.release_id')
    .select(['r.dataset', 'r.partner_code', 'r.period', 'r.number', ...CELL_COLUMNS])
    .where(currentAt(asOf))
    .$call((query) => filtered(query, q, 'r', 'c'));
  return query.execute();
}

export interface WorkingValue extends Located, ValueColumns {
  status: SubmissionStatus;
  releases: number;
}

export interface ReleasedValue extends Omit<WorkingValue, 'status' | 'releases'> {
  number: number;
}

/** Stored values of the working data, with their submission's status. */
export function queryWorkingValues(db: DbOrTrx, q: ReadQuery): Promise<WorkingValue[]> {
  const query = db
    .selectFrom('data_values as v')
    .innerJoin('submissions as s', 's.id', 'v.submission_id')
    .select(['s.dataset', 's.partner_code', 's.period', 's.status', 's.releases', ...VALUE_COLUMNS])
    .$call((query) => filtered(query, q, 's', 'v'));
  return query.execute();
}

/** Stored values as released, each submission's release current at `asOf`. */
export function queryReleasedValues(db: DbOrTrx, q: ReadQuery, asOf: string): Promise<ReleasedValue[]> {
  const query = db
    .selectFrom('release_values as v')
    .innerJoin('releases as r', 'r.id', 'v.release_id')
    .select(['r.dataset', 'r.partner_code', 'r.period', 'r.number', ...VALUE_COLUMNS])
    .where(currentAt(asOf))
    .$call((query) => filtered(query, q, 'r', 'v'));
  return query.execute();
}

/** The latest publication by `now`: when, and how many releases are public (a reopen alone changes neither). */
export async function latestRelease(db: DbOrTrx, now: string): Promise<{ at: string | null; count: number }> {
  const row = await db
    .selectFrom('releases')
    .select((eb) => [eb.fn.max('published_at').as('at'), eb.fn.countAll<number | string>().as('count')])
    .where('published_at', '<=', now)
    .executeTakeFirstOrThrow();
  return { at: (row.at as string | null) ?? null, count: Number(row.count) };
}

/** When the latest release of these datasets (of these partners, when given) published by `asOf` was made, or null. */
export async function latestReleaseOf(db: DbOrTrx, q: { datasets: string[]; partners?: string[] }, asOf: string): Promise<string | null> {
  let query = db
    .selectFrom('releases')
    .select((eb) => eb.fn.max('published_at').as('at'))
    .where('dataset', 'in', inList(q.datasets))
    .where('published_at', '<=', asOf);
  if (q.partners) query = query.where('partner_code', 'in', inList(q.partners));
  const row = await query.executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}

/** Submissions that have values but no partner cells yet (databases from before the read model). */
export function submissionsWithoutCells(db: DbOrTrx): Promise<{ id: string; org_units_complete: number }[]> {
  return db
    .selectFrom('submissions as s')
    .select(['s.id', 's.org_units_complete'])
    .where((eb) => eb.exists(eb.selectFrom('data_values as v').select('v.variable').whereRef('v.submission_id', '=', 's.id')))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('partner_cells as c').select('c.variable').whereRef('c.submission_id', '=', 's.id'))))
    .execute();
}

/** Published submissions without a release yet (databases from before the read model). */
export function publishedWithoutRelease(db: DbOrTrx) {
  return db
    .selectFrom('submissions')
    .select(['id', 'dataset', 'partner_code', 'period', 'releases', 'org_units_complete', 'published_at'])
    .where('status', '=', 'published')
    .where('releases', '=', 0)
    .execute();
}

/** Removes a submission's releases dated after `now` (a scheduled publication withdrawn before it was public); how many. */
export async function withdrawScheduledReleases(db: DbOrTrx, submissionId: string, now: string): Promise<number> {
  const ids = (
    await db.selectFrom('releases').select('id').where('submission_id', '=', submissionId).where('published_at', '>', now).execute()
  ).map((r) => r.id);
  if (ids.length === 0) return 0;
  await db.deleteFrom('release_cells').where('release_id', 'in', ids).execute();
  await db.deleteFrom('release_values').where('release_id', 'in', ids).execute();
  await db.deleteFrom('releases').where('id', 'in', ids).execute();
  return ids.length;
}

/** The earliest release dated after `now` (a scheduled publication), or null. */
export async function nextScheduledRelease(db: DbOrTrx, now: string): Promise<string | null> {
  const row = await db
    .selectFrom('releases')
    .select((eb) => eb.fn.min('published_at').as('at'))
    .where('published_at', '>', now)
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}

/** Approved submissions whose scheduled publication time has come. */
export function dueScheduledSubmissions(db: DbOrTrx, now: string) {
  return db
    .selectFrom('submissions')
    .select(['id', 'dataset', 'partner_code', 'period', 'publish_at', 'version'])
    .where('status', '=', 'approved')
    .where('publish_at', 'is not', null)
    .where('publish_at', '<=', now)
    .orderBy('publish_at')
    .execute();
}

/** Releases dated from `from` (inclusive) to `to` (exclusive), newest first: the release calendar. */
export function listReleasesBetween(db: DbOrTrx, q: { datasets?: string[]; from: string; to: string; limit: number }) {
  let query = db
    .selectFrom('releases')
    .select(['dataset', 'partner_code', 'period', 'number', 'published_at'])
    .where('published_at', '>=', q.from)
    .where('published_at', '<', q.to)
    .orderBy('published_at', 'desc')
    .orderBy('dataset')
    .orderBy('partner_code')
    .limit(q.limit);
  if (q.datasets) query = query.where('dataset', 'in', q.datasets);
  return query.execute();
}

/** Per dataset and period, the partners with a release published by `asOf` (who has reported, in public). */
export function publishedPartners(db: DbOrTrx, q: { dataset: string; periods?: string[] }, asOf: string) {
  let query = db
    .selectFrom('releases')
    .select(['period', 'partner_code'])
    .select((eb) => eb.fn.min('published_at').as('first_published_at'))
    .where('dataset', '=', q.dataset)
    .where('published_at', '<=', asOf)
    .groupBy(['period', 'partner_code'])
    .orderBy('period', 'desc')
    .orderBy('partner_code');
  if (q.periods) query = query.where('period', 'in', q.periods);
  return query.execute();
}

/** Per dataset, partner and period with a release published by `asOf` (of one partner when given), the latest release's date. */
export function releasedPeriods(db: DbOrTrx, q: { partner?: string }, asOf: string) {
  let query = db
    .selectFrom('releases')
    .select(['dataset', 'partner_code', 'period'])
    .select((eb) => eb.fn.max('published_at').as('last_published_at'))
    .where('published_at', '<=', asOf)
    .groupBy(['dataset', 'partner_code', 'period'])
    .orderBy('dataset')
    .orderBy('period')
    .orderBy('partner_code');
  if (q.partner) query = query.where('partner_code', '=', q.partner);
  return query.execute();
}
