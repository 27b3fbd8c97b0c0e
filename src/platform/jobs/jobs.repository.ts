// The only place that writes SQL for jobs.
import type { DbOrTrx, Trx } from '../db/database.js';
import { isPostgres } from '../db/database.js';
import type { JobsTable } from '../db/tables.js';

/** Inserts the job unless a queued job holds its singleton key; returns it, or undefined when skipped. */
export function insertJob(db: DbOrTrx, row: JobsTable): Promise<JobsTable | undefined> {
  // The partial unique index on queued singleton keys is the only constraint that can conflict
  // (ids are random), so "do nothing" on any conflict means exactly "already queued".
  return db
    .insertInto('jobs')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function findJob(db: DbOrTrx, id: string): Promise<JobsTable | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Running jobs whose lock has not been renewed since `staleBefore` (their process stopped) and
 * that have no attempt left are marked failed.
 */
export async function failAbandonedJobs(trx: Trx, staleBefore: string, maxAttempts: number, now: string): Promise<void> {
  await trx
    .updateTable('jobs')
    .set({ status: 'failed', finished_at: now, last_error: 'abandoned: the process running it stopped before it finished' })
    .where('status', '=', 'running')
    .where('locked_at', '<', staleBefore)
    .where('attempts', '>=', maxAttempts)
    .execute();
}

/**
 * The next job to run, locked for the caller's transaction: a queued job that is due (and whose
 * singleton key is not held by a running job), or a running one whose process stopped. On
 * PostgreSQL rows locked by another claimer are skipped, so claimers never wait for each other;
 * SQLite's IMMEDIATE transaction already admits one writer at a time.
 */
export function selectNextJob(
  trx: Trx,
  now: string,
  staleBefore: string,
  kinds: readonly string[] | undefined,
): Promise<JobsTable | undefined> {
  let q = trx
    .selectFrom('jobs as j')
    .selectAll('j')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('j.status', '=', 'queued'),
          eb('j.run_after', '<=', now),
          eb.or([
            eb('j.singleton_key', 'is', null),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('jobs as r')
                  .select('r.id')
                  .whereRef('r.singleton_key', '=', 'j.singleton_key')
                  .where('r.status', '=', 'running'),
              ),
            ),
          ]),
        ]),
        eb.and([eb('j.status', '=', 'running'), eb('j.locked_at', '<', staleBefore)]),
      ]),
    );
  if (kinds) q = q.where('j.kind', 'in', kinds.length ? [...kinds] : ['']);
  q = q.orderBy('j.run_after').orderBy('j.created_at').limit(1);
  if (isPostgres(trx)) q = q.forUpdate().skipLocked();
  return q.executeTakeFirst();
}

export function setJobRunning(trx: Trx, id: string, now: string): Promise<JobsTable> {
  return trx
    .updateTable('jobs')
    .set((eb) => ({ status: 'running', attempts: eb('attempts', '+', 1), locked_at: now }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Renews the lock of a running job, so that it is not taken for abandoned. */
export async function touchJob(db: DbOrTrx, id: string, now: string): Promise<void> {
  await db.updateTable('jobs').set({ locked_at: now }).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function setJobDone(db: DbOrTrx, id: string, now: string): Promise<void> {
  await db.updateTable('jobs').set({ status: 'done', finished_at: now, locked_at: null }).where('id', '=', id).execute();
}

/**
 * Puts a running job back in the queue for another attempt. Refused (returns false) when a job
 * with the same singleton key is already queued, which then takes its place.
 */
export async function requeueJob(db: DbOrTrx, job: JobsTable, runAfter: string, error: string): Promise<boolean> {
  let q = db
    .updateTable('jobs')
    .set({ status: 'queued', run_after: runAfter, locked_at: null, last_error: error })
    .where('id', '=', job.id);
  if (job.singleton_key !== null) {
    const key = job.singleton_key;
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('jobs as other').select('other.id').where('other.singleton_key', '=', key).where('other.status', '=', 'queued'),
        ),
      ),
    );
  }
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setJobFailed(db: DbOrTrx, id: string, error: string, now: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'failed', finished_at: now, locked_at: null, last_error: error })
    .where('id', '=', id)
    .execute();
}

/** Deletes done jobs finished before `doneBefore` and failed ones finished before `failedBefore`. */
export async function deleteFinishedJobs(db: DbOrTrx, doneBefore: string, failedBefore: string): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'done'), eb('finished_at', '<', doneBefore)]),
        eb.and([eb('status', '=', 'failed'), eb('finished_at', '<', failedBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
