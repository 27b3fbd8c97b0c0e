// The case import as a job of the platform queue: a worker takes the queued run, runs it and removes
// the uploaded file. A run whose worker died stays `running` in the database; at start-up such runs
// are marked `interrupted` with a message and their files removed, and a dead worker's job that the
// queue hands out again finds its run already taken and ends it the same way.
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Db } from '../platform/db/database.js';
import type { JobHandler } from '../platform/jobs/jobs.service.js';
import type { Catalog } from '../statistics/catalog.js';
import { runCaseImport, thisWorker, type CaseImportJob } from './case-import.service.js';
import { findRun, interruptRun, listRunningRuns, takeQueuedRun } from './justice.repository.js';

const INTERRUPTED =
  'The import was interrupted: the server running it stopped before it finished. Nothing of it was saved; upload the file again.';

function removeUpload(dir: string | null): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** True when the process is gone; false when it runs, or when that cannot be told (access denied). */
function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Whether a worker (host:pid) is known to be dead, seen from a process that is just starting: on
 * this host, its process is gone or is this very process (a restart that got the same pid, as in a
 * container); a worker on another host is left to the queue's lock timeout.
 */
export function workerIsDead(worker: string | null): boolean {
  if (worker === null) return true;
  const at = worker.lastIndexOf(':');
  const host = worker.slice(0, at);
  const pid = Number(worker.slice(at + 1));
  if (host !== hostname() || !Number.isInteger(pid)) return false;
  return pid === process.pid || processGone(pid);
}

/**
 * At start-up: every run taken by a worker that is dead becomes `interrupted`, and its uploaded file
 * is removed. Queued runs stay queued (their job and file are kept). Returns the ids interrupted.
 */
export async function interruptAbandonedRuns(db: Db, now: Date = new Date()): Promise<string[]> {
  const out: string[] = [];
  for (const run of await listRunningRuns(db)) {
    if (run.phase === 'queued' || !workerIsDead(run.worker)) continue;
    if (await interruptRun(db, run.id, INTERRUPTED, now.toISOString())) out.push(run.id);
    removeUpload(run.upload_dir);
  }
  return out;
}

/**
 * The job: takes the run and imports. An import that fails (a bad file, a rejected mapping) is
 * recorded on the run and ends the job; only an error in recording it makes the queue try again,
 * and that attempt finds the run taken and marks it interrupted.
 */
export function caseImportJob(catalog: Catalog): JobHandler {
  return async ({ db, log }, payload) => {
    const { id, actor, request, uploadDir } = payload as CaseImportJob;
    try {
      if (!(await takeQueuedRun(db, id, thisWorker()))) {
        await interruptRun(db, id, INTERRUPTED, new Date().toISOString());
        return;
      }
      await runCaseImport(db, catalog, actor, id, request);
    } catch (err) {
      // Recorded on the run (failed): the job is done. Not recorded: let the queue try again.
      if ((await findRun(db, id))?.status === 'running') throw err;
      log.info({ err, id }, 'case import failed');
    } finally {
      removeUpload(uploadDir);
    }
  };
}
