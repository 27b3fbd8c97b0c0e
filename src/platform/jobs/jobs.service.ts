// Background jobs kept in the database and run inside the server processes: enqueue, claim (one
// claimer per job, across processes), retry, and a polling runner. Handlers are listed in registry.ts.
import type { FastifyBaseLogger } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { Db, DbOrTrx } from '../db/database.js';
import type { JobsTable } from '../db/tables.js';
import {
  deleteFinishedJobs,
  failAbandonedJobs,
  insertJob,
  requeueJob,
  selectNextJob,
  setJobDone,
  setJobFailed,
  setJobRunning,
  touchJob,
} from './jobs.repository.js';

/** A job that failed this many times is marked failed and not tried again. */
export const MAX_ATTEMPTS = 3;
/** A running job whose lock is older than this is taken for abandoned (its process stopped). */
export const LOCK_TIMEOUT_MS = 5 * 60_000;
/** How often a running job renews its lock; well within LOCK_TIMEOUT_MS. */
const HEARTBEAT_MS = 60_000;
/** One round runs at most this many jobs, so that a round always ends. */
const MAX_JOBS_PER_ROUND = 100;
const KEEP_DONE_MS = 2 * 24 * 60 * 60_000;
const KEEP_FAILED_MS = 30 * 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;

/** Wait before attempt n+1 after attempt n failed: 30 s, then 2 min. */
export function retryDelayMs(attempts: number): number {
  return 30_000 * 4 ** Math.max(0, attempts - 1);
}

export type JobLog = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

/** What a runner needs; a Fastify app (app.db, app.config, app.log) is one. */
export interface JobContext {
  db: Db;
  config: Config;
  log: JobLog;
}

/** What a handler is given besides its payload: the runner's context, the job and the round's time. */
export interface HandlerContext extends JobContext {
  job: JobsTable;
  now: Date;
}

/**
 * Runs one job. Throwing fails the attempt: the job is tried again later, up to MAX_ATTEMPTS.
 * `everyMs` is set by `recurring()`.
 */
export type JobHandler = ((ctx: HandlerContext, payload: unknown) => Promise<void>) & { everyMs?: number };

export interface NewJob {
  kind: string;
  /** Stored as JSON; given back to the handler as parsed. */
  payload?: unknown;
  /** Not before this time; now by default. */
  runAfter?: Date;
  /** At most one queued job per key: enqueueing while one is queued does nothing. */
  singletonKey?: string | null;
}

/**
 * Queues a job and returns it, or null when a job with the same singleton key is already queued.
 * A running job with the key does not block it (a recurring job queues its own next run), but it
 * does not start before the running one is finished. Pass the caller's transaction so that the job
 * exists only if the change that asks for it commits.
 */
export async function enqueueJob(db: DbOrTrx, job: NewJob, now: Date = new Date()): Promise<JobsTable | null> {
  const row: JobsTable = {
    id: randomUUID(),
    kind: job.kind,
    singleton_key: job.singletonKey ?? null,
    payload_json: JSON.stringify(job.payload ?? null),
    run_after: (job.runAfter ?? now).toISOString(),
    status: 'queued',
    attempts: 0,
    locked_at: null,
    last_error: null,
    created_at: now.toISOString(),
    finished_at: null,
  };
  return (await insertJob(db, row)) ?? null;
}

/**
 * Takes the next due job (of the given kinds, any kind when omitted) and marks it running with one
 * more attempt, or returns null when none is due. Two claimers never get the same job: on
 * PostgreSQL the row is locked FOR UPDATE SKIP LOCKED, on SQLite the IMMEDIATE transaction admits
 * one writer at a time. A job whose process stopped while running it is claimed again.
 */
export async function claimNextJob(db: Db, now: Date, kinds?: readonly string[]): Promise<JobsTable | null> {
  const at = now.toISOString();
  const staleBefore = new Date(now.getTime() - LOCK_TIMEOUT_MS).toISOString();
  return db.transaction().execute(async (trx) => {
    await failAbandonedJobs(trx, staleBefore, MAX_ATTEMPTS, at);
    const next = await selectNextJob(trx, at, staleBefore, kinds);
    return next ? setJobRunning(trx, next.id, at) : null;
  });
}

export async function completeJob(db: DbOrTrx, id: string, now: Date = new Date()): Promise<void> {
  await setJobDone(db, id, now.toISOString());
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  return text.slice(0, 2000);
}

/**
 * Records a failed attempt of a claimed job: queued again after retryDelayMs, or marked failed
 * after MAX_ATTEMPTS. When a job with the same singleton key is queued meanwhile (a recurring job's
 * next run), that one replaces the retry and this one is marked failed. Returns what happened.
 */
export async function failJob(db: DbOrTrx, job: JobsTable, err: unknown, now: Date = new Date()): Promise<'retry' | 'failed'> {
  const error = errorText(err);
  if (job.attempts < MAX_ATTEMPTS) {
    const runAfter = new Date(now.getTime() + retryDelayMs(job.attempts)).toISOString();
    if (await requeueJob(db, job, runAfter, error)) return 'retry';
  }
  await setJobFailed(db, job.id, error, now.toISOString());
  return 'failed';
}

/**
 * Makes a handler recurring: after each run, successful or not, it queues its own next run
 * `everyMs` later under the singleton key of its kind, so that one chain of runs exists however
 * many processes run jobs. Its retry is that next run. The runner queues the first run at start.
 */
export function recurring(everyMs: number, run: JobHandler): JobHandler {
  const handler: JobHandler = async (ctx, payload) => {
    try {
      await run(ctx, payload);
    } finally {
      await enqueueJob(
        ctx.db,
        { kind: ctx.job.kind, payload, singletonKey: ctx.job.kind, runAfter: new Date(ctx.now.getTime() + everyMs) },
        ctx.now,
      );
    }
  };
  handler.everyMs = everyMs;
  return handler;
}

/** Queues the first run of every recurring handler (nothing when one is already queued). */
export async function scheduleRecurringJobs(db: Db, handlers: Record<string, JobHandler>, now: Date = new Date()): Promise<void> {
  for (const [kind, handler] of Object.entries(handlers)) {
    if (handler.everyMs !== undefined) await enqueueJob(db, { kind, payload: {}, singletonKey: kind }, now);
  }
}

export interface JobOutcome {
  id: string;
  kind: string;
  attempt: number;
  outcome: 'done' | 'retry' | 'failed';
  error?: string;
}

async function runJob(ctx: JobContext, handler: JobHandler, job: JobsTable, now: Date): Promise<JobOutcome> {
  const base = { id: job.id, kind: job.kind, attempt: job.attempts };
  const heartbeat = setInterval(() => {
    touchJob(ctx.db, job.id, new Date().toISOString()).catch((err) => ctx.log.warn({ err, job: job.id }, 'job lock not renewed'));
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    await handler({ ...ctx, job, now }, JSON.parse(job.payload_json));
  } catch (err) {
    const outcome = await failJob(ctx.db, job, err, now);
    const details = { err, job: job.id, kind: job.kind, attempt: job.attempts };
    if (outcome === 'failed') ctx.log.error(details, 'job failed');
    else ctx.log.warn(details, 'job attempt failed; it is tried again later');
    return { ...base, outcome, error: errorText(err) };
  } finally {
    clearInterval(heartbeat);
  }
  await completeJob(ctx.db, job.id, now);
  return { ...base, outcome: 'done' };
}

/**
 * Runs the jobs due that have a handler, one after the other, until none is left (at most 100) or
 * `signal` is aborted. `now` fixes the time of the whole round (tests); by default the clock is read
 * again for each job. Used by the runner, by tests and by the command line. Returns what happened.
 */
export async function runDueJobs(
  ctx: JobContext,
  handlers: Record<string, JobHandler>,
  now?: Date,
  options: { signal?: AbortSignal } = {},
): Promise<JobOutcome[]> {
  const kinds = Object.keys(handlers);
  const outcomes: JobOutcome[] = [];
  while (outcomes.length < MAX_JOBS_PER_ROUND && !options.signal?.aborted) {
    const at = now ?? new Date();
    const job = await claimNextJob(ctx.db, at, kinds);
    if (!job) break;
    outcomes.push(await runJob(ctx, handlers[job.kind]!, job, at));
  }
  return outcomes;
}

/** Deletes done jobs after 2 days and failed ones after 30 days. */
export function pruneFinishedJobs(db: DbOrTrx, now: Date = new Date()): Promise<number> {
  return deleteFinishedJobs(
    db,
    new Date(now.getTime() - KEEP_DONE_MS).toISOString(),
    new Date(now.getTime() - KEEP_FAILED_MS).toISOString(),
  );
}

export interface JobRunner {
  /** Runs a round now instead of at the next poll (after the round in progress, if any). */
  wake(): void;
  /** Stops polling and waits for the job in progress to finish; no further job is started. */
  stop(): Promise<void>;
}

/**
 * Polls for due jobs in this process: queues the first run of the recurring handlers, runs a round
 * at once and then `intervalMs` after the end of each round, or at once when woken (a job queued
 * for now). Jobs run one at a time per process;
 * several processes share the queue. A failing round is logged and the next one still runs.
 */
export function startJobRunner(ctx: JobContext, handlers: Record<string, JobHandler>, options: { intervalMs: number }): JobRunner {
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let lastPrune = 0;
  let busy = true;
  let again = false;

  const round = async (): Promise<void> => {
    try {
      await runDueJobs(ctx, handlers, undefined, { signal: stopping.signal });
      const now = new Date();
      if (now.getTime() - lastPrune >= PRUNE_EVERY_MS) {
        lastPrune = now.getTime();
        await pruneFinishedJobs(ctx.db, now);
      }
    } catch (err) {
      ctx.log.error({ err }, 'job round failed');
    }
  };
  const start = (): void => {
    busy = true;
    again = false;
    current = round().then(next);
  };
  const next = (): void => {
    busy = false;
    if (stopping.signal.aborted) return;
    if (again) return start();
    timer = setTimeout(start, options.intervalMs);
    timer.unref();
  };
  current = (async () => {
    try {
      await scheduleRecurringJobs(ctx.db, handlers);
    } catch (err) {
      ctx.log.error({ err }, 'recurring jobs not scheduled');
    }
    await round();
  })().then(next);

  return {
    wake: () => {
      if (stopping.signal.aborted) return;
      if (busy) {
        again = true;
        return;
      }
      clearTimeout(timer);
      start();
    },
    stop: async () => {
      stopping.abort();
      clearTimeout(timer);
      await current;
    },
  };
}
