// Scheduled publications and the release calendar: nothing of a scheduled publication is public
// before its time, all of it after (the cached answers lapse on their own), a reopen before then
// withdraws it; the calendar and the reporting status say only what releases say.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../testing/factories.js';
import { approvedSubmission, publishedSubmission, submissionUrl, type WorkflowUsers } from '../testing/submissions.js';
import { publishScheduled } from './workflow.service.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDatabase('scheduled publications and the release calendar', (get) => {
  let app: FastifyInstance;
  let commission: TestUser;
  const users = new Map<string, WorkflowUsers>();
  const figures = (resolved: number) => [
    { variable: 'cases.incoming', value: 1000 },
    { variable: 'cases.resolved', value: resolved },
  ];
  const key = (partner: string, period: string) => ({ dataset: 'justice.annual', partner, period });
  const publish = (partner: string, period: string, version: number, publishAt?: string) =>
    app.inject({
      method: 'POST',
      url: `${submissionUrl(key(partner, period))}/publish`,
      headers: bearer(commission),
      payload: { version, ...(publishAt ? { publishAt } : {}) },
    });
  const publicValue = async (partner: string, period: string) => {
    const answer = await app.inject({ method: 'GET', url: `/api/v1/indicators/justice.clearance_rate/values?period=${period}` });
    return {
      value: answer.json().values.find((v: { partner: string }) => v.partner === partner)?.value ?? null,
      etag: answer.headers.etag,
    };
  };

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    commission = await makeUser(get().db, 'commission');
    const reviewer = await makeUser(get().db, 'reviewer');
    for (const p of ['AL', 'BA', 'ME']) users.set(p, { coordinator: await makeUser(get().db, 'coordinator', p), reviewer, commission });
  });
  afterAll(async () => app.close());

  it('keeps a scheduled publication out of every public answer until its time, then shows it at once', async () => {
    const version = await approvedSubmission(app, users.get('AL')!, key('AL', '2017'), figures(950));
    const at = new Date(Date.now() + 2500).toISOString();
    const scheduled = await publish('AL', '2017', version, at);
    expect(scheduled.statusCode).toBe(200);
    expect(scheduled.json()).toEqual({ status: 'approved', version: version + 1, publishAt: at });
    // The submission says when; publishing again is not offered (reopening withdraws the schedule).
    const waiting = (await app.inject({ method: 'GET', url: submissionUrl(key('AL', '2017')), headers: bearer(commission) })).json();
    expect([waiting.publishAt, waiting.can.publish, waiting.can.reopen]).toEqual([at, false, true]);
    const before = await publicValue('AL', '2017');
    expect(before.value).toBe(null);
    const calendar = (await app.inject({ method: 'GET', url: '/api/v1/releases?dataset=justice.annual' })).json();
    expect(calendar.scheduled).toEqual([
      { dataset: 'justice.annual', label: 'CEPEJ annual evaluation', partner: 'AL', period: '2017', release: 1, publishAt: at },
    ]);
    expect(calendar.past.filter((r: { period: string }) => r.period === '2017')).toEqual([]);
    await sleep(Date.parse(at) - Date.now() + 200);
    // No request changed anything: the answer lapses by itself at the scheduled moment.
    const after = await publicValue('AL', '2017');
    expect(after.value).toBe(95);
    expect(after.etag).not.toBe(before.etag);
    // The minute sweep then marks the submission published, dated as scheduled, and audits it.
    expect(await publishScheduled(get().db, app.catalog, SYSTEM_ACTOR)).toBe(1);
    const submission = (await app.inject({ method: 'GET', url: submissionUrl(key('AL', '2017')) })).json();
    expect([submission.status, submission.publishAt]).toEqual(['published', null]);
    expect(await publishScheduled(get().db, app.catalog, SYSTEM_ACTOR)).toBe(0);
    const audit = await get()
      .db.selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('actor_type', '=', 'system')
      .where('action', '=', 'submission.publish')
      .execute();
    expect(audit.map((a) => JSON.parse(a.after_json!))).toEqual([{ status: 'published', publishedAt: at }]);
  });

  it('withdraws a scheduled publication reopened before its time, and refuses times past, far or malformed', async () => {
    const version = await approvedSubmission(app, users.get('BA')!, key('BA', '2017'), figures(900));
    expect((await publish('BA', '2017', version, '2020-01-01T00:00:00Z')).json().error.message).toBe(
      'publishAt: the time has passed; publish without publishAt to publish now.',
    );
    expect((await publish('BA', '2017', version, '2031-01-01T00:00:00Z')).json().error.message).toBe(
      'publishAt: a publication can be scheduled at most a year ahead.',
    );
    expect((await publish('BA', '2017', version, 'next tuesday')).statusCode).toBe(400);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    expect((await publish('BA', '2017', version, at)).statusCode).toBe(200);
    expect((await publish('BA', '2017', version + 1)).statusCode).toBe(409);
    const reopened = await app.inject({
      method: 'POST',
      url: `${submissionUrl(key('BA', '2017'))}/reopen`,
      headers: bearer(commission),
      payload: { version: version + 1, reason: 'a court was missing' },
    });
    expect(reopened.json()).toMatchObject({ status: 'draft' });
    const releases = await get()
      .db.selectFrom('releases')
      .select('id')
      .where('partner_code', '=', 'BA')
      .where('period', '=', '2017')
      .execute();
    expect(releases).toEqual([]);
    const calendar = (await app.inject({ method: 'GET', url: '/api/v1/releases' })).json();
    expect(calendar.scheduled.filter((r: { partner: string }) => r.partner === 'BA')).toEqual([]);
  });

  it('tells in public which partners have published each period, and when first', async () => {
    await publishedSubmission(app, users.get('ME')!, key('ME', '2018'), figures(880));
    const status = (await app.inject({ method: 'GET', url: '/api/v1/datasets/justice.annual/reporting-status?periods=10' })).json();
    const p2018 = status.periods.find((p: { period: string }) => p.period === '2018');
    expect(p2018.dueDate).toBe('2019-04-30');
    expect(p2018.partners.map((p: { partner: string }) => p.partner)).toEqual(['AL', 'BA', 'XK', 'ME', 'MK', 'RS']);
    expect(
      p2018.partners.filter((p: { publishedAt: string | null }) => p.publishedAt !== null).map((p: { partner: string }) => p.partner),
    ).toEqual(['ME']);
    const calendar = (await app.inject({ method: 'GET', url: '/api/v1/releases?days=1' })).json();
    expect(calendar.past.find((r: { partner: string; period: string }) => r.partner === 'ME' && r.period === '2018')).toMatchObject({
      dataset: 'justice.annual',
      release: 1,
    });
    expect((await app.inject({ method: 'GET', url: '/api/v1/datasets/nope/reporting-status' })).statusCode).toBe(404);
  });
});

describeEachDatabase('the catalogue coverage, from the releases', (get) => {
  let app: FastifyInstance;
  let commission: TestUser;
  const users = new Map<string, WorkflowUsers>();
  const figures = [
    { variable: 'cases.incoming', value: 1000 },
    { variable: 'cases.resolved', value: 900 },
  ];
  const key = (partner: string, period: string) => ({ dataset: 'justice.annual', partner, period });
  const coverage = async (query = '') => {
    const answer = await app.inject({ method: 'GET', url: `/api/v1/releases/coverage${query}` });
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    return {
      body,
      dataset: body.datasets.find((d: { dataset: string }) => d.dataset === 'justice.annual'),
      indicator: body.indicators.find((i: { indicator: string }) => i.indicator === 'justice.clearance_rate'),
    };
  };

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    commission = await makeUser(get().db, 'commission');
    const reviewer = await makeUser(get().db, 'reviewer');
    for (const p of ['MK', 'RS']) users.set(p, { coordinator: await makeUser(get().db, 'coordinator', p), reviewer, commission });
  });
  afterAll(async () => app.close());

  it('counts what was released by asOf: a reopened period stays covered, a scheduled one is not yet, one partner on request', async () => {
    await publishedSubmission(app, users.get('MK')!, key('MK', '2015'), figures);
    const released2015 = (await get().db.selectFrom('releases').select('published_at').executeTakeFirstOrThrow()).published_at;
    await sleep(20);
    const between = new Date().toISOString();
    await sleep(20);
    const version = await publishedSubmission(app, users.get('RS')!, key('RS', '2016'), figures);
    const released2016 = (
      await get().db.selectFrom('releases').select('published_at').where('partner_code', '=', 'RS').executeTakeFirstOrThrow()
    ).published_at;
    // Reopened for correction: its release stays public, and so does its place in the catalogue.
    const reopened = await app.inject({
      method: 'POST',
      url: `${submissionUrl(key('RS', '2016'))}/reopen`,
      headers: bearer(commission),
      payload: { version, reason: 'a court was missing' },
    });
    expect(reopened.statusCode).toBe(200);
    // Scheduled for an hour from now: nothing of it counts before then.
    const scheduledVersion = await approvedSubmission(app, users.get('MK')!, key('MK', '2017'), figures);
    const scheduled = await app.inject({
      method: 'POST',
      url: `${submissionUrl(key('MK', '2017'))}/publish`,
      headers: bearer(commission),
      payload: { version: scheduledVersion, publishAt: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expect(scheduled.statusCode).toBe(200);

    const now = await coverage();
    const both = { first: '2015', last: '2016', periods: 2, partners: ['MK', 'RS'], releasedAt: released2016 };
    expect(now.dataset).toEqual({ dataset: 'justice.annual', ...both });
    expect(now.indicator).toEqual({ indicator: 'justice.clearance_rate', ...both });
    expect([now.body.asOf, now.body.partner]).toEqual([null, null]);
    // From releases only: an ETag that a repeated request matches with 304.
    const first = await app.inject({ method: 'GET', url: '/api/v1/releases/coverage' });
    const again = await app.inject({
      method: 'GET',
      url: '/api/v1/releases/coverage',
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect([typeof first.headers.etag, again.statusCode]).toEqual(['string', 304]);
    expect(now.body.datasets.find((d: { dataset: string }) => d.dataset === 'migration.monthly')).toEqual({
      dataset: 'migration.monthly',
      first: null,
      last: null,
      periods: 0,
      partners: [],
      releasedAt: null,
    });

    const earlier = await coverage(`?asOf=${encodeURIComponent(between)}`);
    expect(earlier.body.asOf).toBe(between);
    expect(earlier.dataset).toEqual({
      dataset: 'justice.annual',
      first: '2015',
      last: '2015',
      periods: 1,
      partners: ['MK'],
      releasedAt: released2015,
    });

    const serbia = await coverage('?partner=rs');
    expect(serbia.body.partner).toBe('RS');
    expect(serbia.indicator).toEqual({
      indicator: 'justice.clearance_rate',
      first: '2016',
      last: '2016',
      periods: 1,
      partners: ['RS'],
      releasedAt: released2016,
    });

    for (const [query, message] of [
      ['?partner=DE', 'partner: "DE" is not a Western Balkan partner.'],
      ['?asOf=yesterday', 'asOf: "yesterday" is not an ISO date (2024-06-30) or date-time (2024-06-30T12:00:00Z).'],
    ]) {
      const refused = await app.inject({ method: 'GET', url: `/api/v1/releases/coverage${query}` });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.message).toBe(message);
    }
  });
});
