import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import { notify } from '../notifications/notifications.service.js';
import { describeEachDatabase, testConfig } from '../../testing/databases.js';
import { makeUser } from '../../testing/factories.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import {
  claimNextJob,
  completeJob,
  enqueueJob,
  LOCK_TIMEOUT_MS,
  pruneFinishedJobs,
  recurring,
  runDueJobs,
  scheduleRecurringJobs,
  startJobRunner,
  type JobContext,
  type JobHandler,
} from './jobs.service.js';
import { createContext, jobHandlers as handlersOf } from '../../app/context.js';

const T0 = new Date('2026-12-01T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
/** Every test uses kinds of its own, so that jobs queued by another test are never claimed. */
const uniqueKind = (name: string) => `test.${name}.${randomBytes(4).toString('hex')}`;

function recordingLog() {
  const entries: { level: string; obj: unknown; msg?: string }[] = [];
  const at = (level: string) => (obj: unknown, msg?: string) => void entries.push({ level, obj, msg });
  return { entries, log: { info: at('info'), warn: at('warn'), error: at('error') } };
}

describeEachDatabase('jobs', (get) => {
  const ctx = (log = recordingLog().log): JobContext => ({ db: get().db, config: testConfig(get().config), log });
  const job = (id: string) => get().db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('never gives the same job to two concurrent claimers', async () => {
    const kind = uniqueKind('claim');
    const ids: string[] = [];
    for (let i = 0; i < 40; i += 1) ids.push((await enqueueJob(get().db, { kind, payload: { i } }, T0))!.id);
    // PostgreSQL: two pools, as two server processes have, two claimers on each. SQLite's driver
    // is synchronous: one process keeps one connection and its transactions queue up.
    const other: Db = get().kind === 'postgres' ? get().openAnother() : get().db;
    const claimers = [get().db, other, get().db, other];
    const claimed = await Promise.all(
      claimers.map(async (db) => {
        const mine: string[] = [];
        for (let j = await claimNextJob(db, T0, [kind]); j; j = await claimNextJob(db, T0, [kind])) mine.push(j.id);
        return mine;
      }),
    );
    const all = claimed.flat();
    expect(all).toHaveLength(40);
    expect(new Set(all).size).toBe(40);
    expect([...all].sort()).toEqual([...ids].sort());
    for (const id of ids.slice(0, 5)) expect(await job(id)).toMatchObject({ status: 'running', attempts: 1, locked_at: T0.toISOString() });
  });

  it('runs due jobs only, with their payload, and marks them done', async () => {
    const kind = uniqueKind('due');
    const seen: unknown[] = [];
    const handlers: Record<string, JobHandler> = { [kind]: async (_ctx, payload) => void seen.push(payload) };
    const now = await enqueueJob(get().db, { kind, payload: { n: 1 } }, T0);
    const later = await enqueueJob(get().db, { kind, payload: { n: 2 }, runAfter: at(60_000) }, T0);
    expect((await runDueJobs(ctx(), handlers, T0)).map((o) => [o.id, o.outcome])).toEqual([[now!.id, 'done']]);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await job(now!.id)).toMatchObject({ status: 'done', attempts: 1, finished_at: T0.toISOString(), last_error: null });
    expect(await job(later!.id)).toMatchObject({ status: 'queued', attempts: 0 });
    await runDueJobs(ctx(), handlers, at(60_000));
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('retries a failing handler after a delay, then marks it failed with its error', async () => {
    const kind = uniqueKind('flaky');
    let calls = 0;
    const handlers: Record<string, JobHandler> = {
      [kind]: async () => {
        calls += 1;
        throw new Error(`boom ${calls}`);
      },
    };
    const { entries, log } = recordingLog();
    const queued = (await enqueueJob(get().db, { kind }, T0))!;

    expect(await runDueJobs(ctx(log), handlers, T0)).toEqual([{ id: queued.id, kind, attempt: 1, outcome: 'retry', error: 'boom 1' }]);
    expect(await job(queued.id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      last_error: 'boom 1',
      run_after: at(30_000).toISOString(),
      locked_at: null,
    });
    expect(await runDueJobs(ctx(log), handlers, at(29_000))).toEqual([]);
    expect((await runDueJobs(ctx(log), handlers, at(30_000)))[0]).toMatchObject({ attempt: 2, outcome: 'retry' });
    expect((await job(queued.id)).run_after).toBe(at(30_000 + 120_000).toISOString());
    expect((await runDueJobs(ctx(log), handlers, at(150_000)))[0]).toMatchObject({ attempt: 3, outcome: 'failed', error: 'boom 3' });
    expect(await job(queued.id)).toMatchObject({
      status: 'failed',
      attempts: 3,
      last_error: 'boom 3',
      finished_at: at(150_000).toISOString(),
    });
    expect(await runDueJobs(ctx(log), handlers, at(10 * 86_400_000))).toEqual([]);
    expect(calls).toBe(3);
    expect(entries.map((e) => e.level)).toEqual(['warn', 'warn', 'error']);
  });

  it('a handler that fails once and then succeeds ends done', async () => {
    const kind = uniqueKind('once');
    let calls = 0;
    const handlers: Record<string, JobHandler> = {
      [kind]: async () => {
        calls += 1;
        if (calls === 1) throw new Error('transient');
      },
    };
    const queued = (await enqueueJob(get().db, { kind }, T0))!;
    await runDueJobs(ctx(), handlers, T0);
    await runDueJobs(ctx(), handlers, at(30_000));
    expect(await job(queued.id)).toMatchObject({ status: 'done', attempts: 2, last_error: 'transient' });
  });

  it('keeps at most one queued job per singleton key and never runs two at once', async () => {
    const kind = uniqueKind('single');
    const first = await enqueueJob(get().db, { kind, singletonKey: 'k' }, T0);
    expect(first).not.toBeNull();
    expect(await enqueueJob(get().db, { kind, singletonKey: 'k' }, T0)).toBeNull();
    const otherKey = await enqueueJob(get().db, { kind, singletonKey: 'other' }, T0);
    expect(otherKey).not.toBeNull();
    expect(await enqueueJob(get().db, { kind }, T0)).not.toBeNull();
    expect(await enqueueJob(get().db, { kind }, T0)).not.toBeNull();

    // The first runs; a next one may be queued meanwhile, but it waits for the first to finish.
    const running = await claimNextJob(get().db, T0, [kind]);
    expect(running!.id).toBe(first!.id);
    const next = await enqueueJob(get().db, { kind, singletonKey: 'k' }, T0);
    expect(next).not.toBeNull();
    expect(await enqueueJob(get().db, { kind, singletonKey: 'k' }, T0)).toBeNull();
    const claimedMeanwhile: string[] = [];
    for (let j = await claimNextJob(get().db, T0, [kind]); j; j = await claimNextJob(get().db, T0, [kind])) claimedMeanwhile.push(j.id);
    expect(claimedMeanwhile).toHaveLength(3);
    expect(claimedMeanwhile).not.toContain(next!.id);
    await completeJob(get().db, first!.id, T0);
    expect((await claimNextJob(get().db, T0, [kind]))!.id).toBe(next!.id);
    await completeJob(get().db, next!.id, T0);
    expect(await enqueueJob(get().db, { kind, singletonKey: 'k' }, T0)).not.toBeNull();
  });

  it('a recurring handler queues its own next run, one chain however often it is scheduled', async () => {
    const kind = uniqueKind('every');
    let calls = 0;
    const handlers: Record<string, JobHandler> = {
      [kind]: recurring(60_000, async () => {
        calls += 1;
        if (calls === 2) throw new Error('bad minute');
      }),
    };
    await scheduleRecurringJobs(get().db, handlers, T0);
    await scheduleRecurringJobs(get().db, handlers, T0);
    const queued = () => get().db.selectFrom('jobs').selectAll().where('kind', '=', kind).where('status', '=', 'queued').execute();
    expect(await queued()).toHaveLength(1);

    expect((await runDueJobs(ctx(), handlers, T0)).map((o) => o.outcome)).toEqual(['done']);
    expect((await queued()).map((j) => [j.run_after, j.singleton_key])).toEqual([[at(60_000).toISOString(), kind]]);
    expect(await runDueJobs(ctx(), handlers, at(59_000))).toEqual([]);
    // A failed run is not retried on its own: the next run, already queued, takes its place.
    expect((await runDueJobs(ctx(), handlers, at(60_000))).map((o) => o.outcome)).toEqual(['failed']);
    expect((await queued()).map((j) => j.run_after)).toEqual([at(120_000).toISOString()]);
    expect((await runDueJobs(ctx(), handlers, at(120_000))).map((o) => o.outcome)).toEqual(['done']);
    expect(calls).toBe(3);
  });

  it('takes back a job whose process stopped, and fails it when its attempts are used up', async () => {
    const kind = uniqueKind('crash');
    const queued = (await enqueueJob(get().db, { kind }, T0))!;
    expect((await claimNextJob(get().db, T0, [kind]))!.attempts).toBe(1);
    expect(await claimNextJob(get().db, at(LOCK_TIMEOUT_MS - 1000), [kind])).toBeNull();
    const second = at(LOCK_TIMEOUT_MS + 1000);
    expect(await claimNextJob(get().db, second, [kind])).toMatchObject({ id: queued.id, attempts: 2, locked_at: second.toISOString() });
    const third = at(2 * LOCK_TIMEOUT_MS + 2000);
    expect((await claimNextJob(get().db, third, [kind]))!.attempts).toBe(3);
    expect(await claimNextJob(get().db, at(3 * LOCK_TIMEOUT_MS + 3000), [kind])).toBeNull();
    expect(await job(queued.id)).toMatchObject({ status: 'failed', attempts: 3, last_error: expect.stringMatching(/abandoned/) });
  });

  it('claims only the kinds it has handlers for', async () => {
    const known = uniqueKind('known');
    const unknown = uniqueKind('unknown');
    const u = (await enqueueJob(get().db, { kind: unknown }, T0))!;
    await enqueueJob(get().db, { kind: known }, T0);
    expect((await runDueJobs(ctx(), { [known]: async () => {} }, T0)).map((o) => o.kind)).toEqual([known]);
    expect(await job(u.id)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('deletes done jobs after two days and failed ones after thirty', async () => {
    const kind = uniqueKind('prune');
    const done = (await enqueueJob(get().db, { kind }, T0))!;
    const failed = (await enqueueJob(get().db, { kind }, T0))!;
    await get().db.updateTable('jobs').set({ status: 'done', finished_at: T0.toISOString() }).where('id', '=', done.id).execute();
    await get().db.updateTable('jobs').set({ status: 'failed', finished_at: T0.toISOString() }).where('id', '=', failed.id).execute();
    await pruneFinishedJobs(get().db, at(86_400_000));
    expect(await get().db.selectFrom('jobs').select('id').where('kind', '=', kind).execute()).toHaveLength(2);
    await pruneFinishedJobs(get().db, at(3 * 86_400_000));
    expect((await get().db.selectFrom('jobs').select('id').where('kind', '=', kind).execute()).map((j) => j.id)).toEqual([failed.id]);
    await pruneFinishedJobs(get().db, at(31 * 86_400_000));
    expect(await get().db.selectFrom('jobs').select('id').where('kind', '=', kind).execute()).toHaveLength(0);
  });

  it('a woken runner starts a job queued for now without waiting for its next poll', async () => {
    const kind = uniqueKind('wake');
    const handlers: Record<string, JobHandler> = { [kind]: async () => {} };
    // An hour between polls: only wake() can start the job within the test.
    const runner = startJobRunner(ctx(), handlers, { intervalMs: 3_600_000 });
    try {
      // The first round (at start) finds nothing; the job comes after it.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const queued = (await enqueueJob(get().db, { kind }))!;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await job(queued.id)).status).toBe('queued');
      runner.wake();
      await expect.poll(async () => (await job(queued.id)).status, { timeout: 5000 }).toBe('done');
    } finally {
      await runner.stop();
    }
  });

  it('the runner polls in the background and stop() waits for the job in progress', async () => {
    const kind = uniqueKind('runner');
    const finished: string[] = [];
    let release: () => void = () => {};
    const handlers: Record<string, JobHandler> = {
      [kind]: async (_ctx, payload) => {
        if ((payload as { slow?: boolean }).slow)
          await new Promise<void>((resolve) => {
            release = resolve;
          });
        finished.push(JSON.stringify(payload));
      },
    };
    const runner = startJobRunner(ctx(), handlers, { intervalMs: 20 });
    const quick = (await enqueueJob(get().db, { kind, payload: { n: 1 } }))!;
    await expect.poll(async () => (await job(quick.id)).status, { timeout: 5000 }).toBe('done');
    const slow = (await enqueueJob(get().db, { kind, payload: { slow: true } }))!;
    await expect.poll(async () => (await job(slow.id)).status, { timeout: 5000 }).toBe('running');
    // Due while the slow one runs: stopping must not start it.
    const waiting = (await enqueueJob(get().db, { kind, payload: { n: 2 } }))!;
    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await job(slow.id)).status).toBe('done');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await job(waiting.id)).status).toBe('queued');
    expect(finished).toEqual(['{"n":1}', '{"slow":true}']);
  });
});

describeEachDatabase('mail.deliver job', (get) => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => smtp.close());

  it('e-mails pending notifications and queues its next run a minute later', async () => {
    const user = await makeUser(get().db, 'reviewer');
    await notify(
      get().db,
      { userIds: [user.user.id] },
      { kind: 'migration.alert', title: 'Arrivals up 40%', body: 'Weekly arrivals rose on the Western Balkan route.', link: '/migration' },
    );
    const context: JobContext = { db: get().db, config: testConfig(get().config, { smtpUrl: smtp.url }), log: recordingLog().log };
    const jobHandlers = handlersOf(createContext({ config: context.config }));
    const now = new Date();
    await scheduleRecurringJobs(get().db, jobHandlers, now);
    const outcomes = await runDueJobs(context, jobHandlers, now);
    // Every recurring job of the registry runs once: the e-mail delivery and the reminders (a case
    // import is queued only by an upload).
    expect(outcomes.map((o) => [o.kind, o.outcome]).sort()).toEqual([
      ['commitments.reminders', 'done'],
      ['mail.deliver', 'done'],
      ['statistics.reminders', 'done'],
      ['statistics.scheduled_publications', 'done'],
    ]);
    expect(Object.keys(jobHandlers)).toEqual(expect.arrayContaining(['mail.deliver', 'commitments.reminders', 'statistics.reminders']));
    expect(smtp.received.map((m) => [m.to, m.subject])).toEqual([[[user.user.email], 'Arrivals up 40%']]);
    const next = await get().db.selectFrom('jobs').selectAll().where('kind', '=', 'mail.deliver').where('status', '=', 'queued').execute();
    expect(next.map((j) => [j.singleton_key, j.run_after])).toEqual([['mail.deliver', new Date(now.getTime() + 60_000).toISOString()]]);
  });
});
