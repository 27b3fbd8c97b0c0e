import { afterAll, beforeAll, expect, it } from 'vitest';
import { notify } from '../platform/notifications/notifications.service.js';
import { catalogLoadCount } from '../statistics/catalog.js';
import { startServer } from './server.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { makeUser } from '../testing/factories.js';
import { startTestSmtpServer, type TestSmtpServer } from '../testing/smtp.js';

describeEachDatabase('server background jobs', (get) => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => smtp.close());

  it('runs the job runner once listening: pending notifications are e-mailed; closing stops it', async () => {
    const user = await makeUser(get().db, 'commission');
    await notify(
      get().db,
      { userIds: [user.user.id] },
      { kind: 'commitments.reminder', title: 'Round opened', body: 'A new reporting round is open.', link: '/commitments' },
    );
    const server = await startServer(testConfig(get().config, { smtpUrl: smtp.url }));
    try {
      await expect.poll(() => smtp.received.map((m) => m.to[0]), { timeout: 10_000 }).toContain(user.user.email);
    } finally {
      await server.close();
    }
    const jobs = await get()
      .db.selectFrom('jobs')
      .select(['status', 'run_after'])
      .where('kind', '=', 'mail.deliver')
      .orderBy('created_at')
      .execute();
    expect(jobs.map((j) => j.status)).toEqual(['done', 'queued']);
    expect(jobs[1]!.run_after > new Date().toISOString()).toBe(true);
  });
});

describeEachDatabase('server start-up', (get) => {
  it('loads the catalogue once per process: for the database, the routes and the jobs alike', { timeout: 90_000 }, async () => {
    const before = catalogLoadCount();
    // The job runner's first pass runs every recurring job, the catalogue-reading reminders included
    // (the suite's database may already hold a run from an earlier server of this file).
    const jobs = () => get().db.selectFrom('jobs').select(['kind', 'status', 'attempts', 'last_error']).orderBy('created_at').execute();
    const done = async () => (await jobs()).filter((j) => j.kind === 'statistics.reminders' && j.status === 'done').length;
    const doneBefore = await done();
    const server = await startServer(testConfig(get().config));
    try {
      await expect
        .poll(done, { timeout: 40_000, message: `the reminders ran once; the jobs: ${JSON.stringify(await jobs())}` })
        .toBe(doneBefore + 1);
      const catalog = await fetch(`${server.url}/api/v1/catalog`, { signal: AbortSignal.timeout(20_000) });
      expect(catalog.status).toBe(200);
      expect(((await catalog.json()) as { datasets: { code: string }[] }).datasets.map((d) => d.code)).toContain('justice.annual');
    } finally {
      await server.close();
    }
    expect(catalogLoadCount() - before).toBe(1);
  });
});
