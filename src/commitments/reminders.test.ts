// Notifications of progress reporting and the reminders job. Each test makes its own users, plan
// copies and rounds (./testing.ts); the job reminds of every open round in the database, so the
// test looks at the reminders of its own round.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import type { TestUser } from '../testing/factories.js';
import { createContext, jobHandlers } from '../app/context.js';
import { enqueueJob, runDueJobs } from '../platform/jobs/jobs.service.js';
import {
  audits,
  catalog,
  KPI_ROUND,
  loadShippedPlans,
  notes,
  openRound,
  people,
  publishedRound,
  reportIds,
  type Suite,
} from '../testing/commitments.js';

describeEachDatabase('progress notifications and reminders', (get) => {
  let s: Suite;
  beforeAll(async () => {
    await loadShippedPlans(get().db);
    s = { db: get().db, app: await buildApp({ config: testConfig(get().config), db: get().db, logger: false, catalog }) };
  });
  afterAll(async () => s.app.close());

  it('tells coordinators of a new round, reviewers of a submission, and reminds before and after the due date (once each)', async () => {
    const { commission, reviewer, al, rs } = await people(s);
    const { roundId } = await publishedRound(s, { commission, reviewer, al });
    const { roundId: kpiId } = await openRound(s, commission, 'firearms_ap_2020', KPI_ROUND);
    expect((await notes(s, al)).filter((n) => n.kind === 'commitments.round_opened').map((n) => n.link)).toEqual([
      `/commitments/rounds/${roundId}/reports/AL`,
      `/commitments/rounds/${kpiId}/reports/AL`,
    ]);
    expect((await notes(s, reviewer)).filter((n) => n.kind === 'commitments.report_submitted').map((n) => n.title)).toEqual([
      'AL submitted a progress report',
    ]);
    expect((await notes(s, al)).filter((n) => n.kind === 'commitments.round_published')).toHaveLength(1);
    // The KPI round (due 2026-01-31) is open; the job runs the reminders through the registry. It
    // reminds of every open round in the database: the test looks at the KPI round's reminders.
    const reminders = async (user: TestUser, partner: string) =>
      (await notes(s, user)).filter(
        (n) => n.kind === 'commitments.reminder' && n.link === `/commitments/rounds/${kpiId}/reports/${partner}`,
      );
    const ctx = { db: get().db, config: testConfig(get().config), log: { info: () => {}, warn: () => {}, error: () => {} } };
    const handlers = {
      'commitments.reminders': jobHandlers(createContext({ config: testConfig(get().config), catalog }))['commitments.reminders']!,
    };
    const run = async (at: string) => {
      await enqueueJob(get().db, { kind: 'commitments.reminders', singletonKey: 'commitments.reminders' }, new Date(at));
      return runDueJobs(ctx as never, handlers, new Date(at));
    };
    expect((await run('2026-01-20T08:00:00Z')).map((o) => o.outcome)).toEqual(['done']);
    expect(await reminders(al, 'AL')).toHaveLength(0);
    await run('2026-01-25T08:00:00Z');
    await run('2026-01-26T08:00:00Z');
    expect((await reminders(rs, 'RS')).map((n) => n.title)).toEqual(['Progress report due in 6 days: KPI 2025']);
    await run('2026-02-02T08:00:00Z');
    await run('2026-02-09T08:00:00Z');
    expect((await reminders(al, 'AL')).map((n) => n.title)).toEqual([
      'Progress report due in 6 days: KPI 2025',
      'Progress report overdue: KPI 2025',
    ]);
    // Reminders go only to the partner's own coordinators, and each is audited once (AL and RS have coordinators).
    expect((await notes(s, rs)).some((n) => n.body.includes("AL's report"))).toBe(false);
    const audited = await audits(s, 'progress.reminder', Object.values(await reportIds(s, kpiId)));
    expect(audited.map((a) => JSON.parse(a.after_json!).stage).sort()).toEqual(['due_soon', 'due_soon', 'overdue', 'overdue']);
  });
});
