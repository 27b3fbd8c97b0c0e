import { afterAll, beforeAll, expect, it } from 'vitest';
import { notify } from '../platform/notifications/notifications.service.js';
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
    await notify(get().db, { userIds: [user.user.id] }, { kind: 'commitments.reminder', title: 'Round opened', body: 'A new reporting round is open.', link: '/commitments' });
    const server = await startServer(testConfig(get().config, { smtpUrl: smtp.url }));
    try {
      await expect.poll(() => smtp.received.map((m) => m.to[0]), { timeout: 10_000 }).toContain(user.user.email);
    } finally {
      await server.close();
    }
    const jobs = await get().db.selectFrom('jobs').select(['status', 'run_after']).where('kind', '=', 'mail.deliver').orderBy('created_at').execute();
    expect(jobs.map((j) => j.status)).toEqual(['done', 'queued']);
    expect(jobs[1]!.run_after > new Date().toISOString()).toBe(true);
  });
});
