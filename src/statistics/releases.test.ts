import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { buildApp } from '../app/app.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../testing/factories.js';
import { publishedSubmission, saveDraft, step, submissionUrl, type SubmissionRef, type WorkflowUsers } from '../testing/submissions.js';
import { CATALOG_DIR } from '../platform/paths.js';
import { loadCatalogs } from './catalog.js';
import { backfillReadModel } from './read-model.service.js';
import type { ValueInput } from './value-input.js';

// Each test uses years of its own, 3 apart, so that validation never sees another test's data as history.

/** Partner figures that pass validation: clearance rate resolved / incoming (450 of 500: 90 %). */
function figures(resolved = 450): ValueInput[] {
  return [
    { variable: 'cases.pending_start', value: 1000 },
    { variable: 'cases.incoming', value: 500 },
    { variable: 'cases.resolved', value: resolved },
    { variable: 'cases.pending_end', value: 1000 + 500 - resolved },
  ];
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 15));

describeEachDatabase('releases and vintages', (get) => {
  let app: FastifyInstance;
  let al: TestUser, rs: TestUser, reviewer: TestUser, commission: TestUser;
  let users: WorkflowUsers;
  const ref = (period: string, partner = 'AL'): SubmissionRef => ({ dataset: 'justice.annual', partner, period });

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    al = await makeUser(get().db, 'coordinator', 'AL');
    rs = await makeUser(get().db, 'coordinator', 'RS');
    reviewer = await makeUser(get().db, 'reviewer');
    commission = await makeUser(get().db, 'commission');
    users = { coordinator: al, reviewer, commission };
  });
  afterAll(async () => app.close());

  const get_ = (who: TestUser | null, url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { ...(who ? bearer(who) : {}), ...headers } });
  /** AL's clearance rate in the period as the viewer reads it: value, status, release, revised. */
  const clearance = async (who: TestUser | null, period: string, more = '') => {
    const answer = (await get_(who, `/indicators/justice.clearance_rate/values?period=${period}&partner=AL${more}`)).json();
    return answer.values.map((v: { value: number | null; status: string | null; release: number | null; revised: boolean }) => ({
      value: v.value,
      status: v.status,
      release: v.release,
      revised: v.revised,
    }));
  };

  it('keeps the first release through a reopen, a change and a republication; asOf between them answers the first', async () => {
    const period = '2041';
    const key = ref(period);
    const before = new Date().toISOString();
    await pause();
    let version = await publishedSubmission(app, users, key, figures());
    await pause();
    const firstOut = new Date().toISOString();
    expect(await clearance(null, period)).toEqual([{ value: 90, status: 'published', release: 1, revised: false }]);

    version = await step(app, commission, key, 'reopen', version, { reason: 'Resolved cases recounted by the courts' });
    // While reopened, the release stays public; the partner's coordinator and the Commission see the working draft.
    expect(await clearance(null, period)).toEqual([{ value: 90, status: 'published', release: 1, revised: false }]);
    version = await saveDraft(app, al, key, figures(500), version);
    expect(await clearance(null, period)).toEqual([{ value: 90, status: 'published', release: 1, revised: false }]);
    expect(await clearance(rs, period)).toEqual([{ value: 90, status: 'published', release: 1, revised: false }]);
    expect(await clearance(al, period)).toEqual([{ value: 100, status: 'draft', release: null, revised: false }]);
    expect(await clearance(commission, period)).toEqual([{ value: 100, status: 'draft', release: null, revised: false }]);
    expect(await clearance(commission, period, '&publishedOnly=true')).toEqual([
      { value: 90, status: 'published', release: 1, revised: false },
    ]);

    version = await step(app, al, key, 'submit', version);
    version = await step(app, reviewer, key, 'approve', version);
    await pause();
    const between = new Date().toISOString();
    await pause();
    await step(app, commission, key, 'publish', version);
    expect(await clearance(null, period)).toEqual([{ value: 100, status: 'published', release: 2, revised: true }]);
    expect(await clearance(null, period, `&asOf=${between}`)).toEqual([{ value: 90, status: 'published', release: 1, revised: false }]);
    expect(await clearance(null, period, `&asOf=${firstOut}`)).toEqual([{ value: 90, status: 'published', release: 1, revised: false }]);
    // Before the first publication there was nothing: AL asked for by name gets an empty row.
    expect(await clearance(null, period, `&asOf=${before}`)).toEqual([{ value: null, status: null, release: null, revised: false }]);
    // asOf reads releases only, also for the Commission.
    expect(await clearance(commission, period, `&asOf=${between}`)).toEqual([
      { value: 90, status: 'published', release: 1, revised: false },
    ]);

    const history = (await get_(null, `${submissionUrl(key).replace('/api/v1', '')}/releases`)).json();
    expect(history.releases.map((r: { number: number; reason: string | null }) => [r.number, r.reason])).toEqual([
      [1, null],
      [2, 'Resolved cases recounted by the courts'],
    ]);
    expect(
      history.revisions.map((r: { release: number; variable: string; old: number; new: number }) => [r.release, r.variable, r.old, r.new]),
    ).toEqual([
      [2, 'cases.pending_end', 1050, 1000],
      [2, 'cases.resolved', 450, 500],
    ]);
    // The export as of a date between the releases holds the first release's values.
    const csv = (await get_(null, `/exports/values?dataset=justice.annual&partner=AL&period=${period}&asOf=${between}`)).body;
    expect(csv.split('\n').find((l) => l.includes('cases.resolved'))).toBe(`justice.annual,AL,,${period},cases.resolved,,,450,,,published`);
  });

  it('refuses an asOf that is not an ISO date or date-time, naming it', async () => {
    const answer = await get_(null, '/indicators/justice.clearance_rate/values?asOf=yesterday');
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error).toMatchObject({ code: 'validation_failed', details: { field: 'asOf' } });
    expect((await get_(null, '/migration/dashboard?asOf=2024-02-30T25:00:00Z')).statusCode).toBe(400);
  });

  it('serves public answers with an ETag that moves with each publication, 304 when unchanged; answers with working data are no-store', async () => {
    const period = '2044';
    const url = `/indicators/justice.clearance_rate/values?period=${period}`;
    await publishedSubmission(app, users, ref(period), figures());
    const first = await get_(null, url);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    expect(new Date(first.headers['last-modified'] as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const again = await get_(null, url, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // The same answer from memory, byte for byte.
    expect((await get_(null, url)).body).toBe(first.body);
    // A publication moves the ETag: the very next request has the new figure.
    await publishedSubmission(app, { ...users, coordinator: rs }, ref(period, 'RS'), figures(500));
    const after = await get_(null, url, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.json().values.map((v: { partner: string; value: number }) => [v.partner, v.value])).toEqual([
      ['AL', 90],
      ['RS', 100],
    ]);
    const inside = await get_(commission, url);
    expect(inside.headers['cache-control']).toBe('no-store');
    expect(inside.headers.etag).toBeUndefined();
    const published = await get_(commission, `${url}&publishedOnly=true`);
    expect(published.headers['cache-control']).toBe('private, no-cache');
    const dashboard = await get_(null, '/migration/dashboard');
    expect(dashboard.headers['cache-control']).toBe('public, no-cache');
    expect((await get_(al, '/migration/dashboard')).headers['cache-control']).toBe('no-store');
  });

  it('never shows a draft in a public answer or to another partner, released figures included', async () => {
    const period = '2047';
    const key = ref(period, 'RS');
    let version = await publishedSubmission(app, { ...users, coordinator: rs }, key, figures());
    version = await step(app, commission, key, 'reopen', version, { reason: 'Check' });
    await saveDraft(app, rs, key, figures(300), version);
    const rsValue = async (who: TestUser | null) =>
      (await get_(who, `/indicators/justice.clearance_rate/values?period=${period}`))
        .json()
        .values.filter((v: { partner: string }) => v.partner === 'RS')
        .map((v: { value: number; status: string }) => [v.value, v.status]);
    expect(await rsValue(null)).toEqual([[90, 'published']]);
    expect(await rsValue(al)).toEqual([[90, 'published']]);
    expect(await rsValue(rs)).toEqual([[60, 'draft']]);
    expect(await rsValue(commission)).toEqual([[60, 'draft']]);
    const exported = async (who: TestUser | null) =>
      (await get_(who, `/exports/values?dataset=justice.annual&partner=RS&period=${period}&format=json`))
        .json()
        .values.filter((v: { variable: string }) => v.variable === 'cases.resolved')
        .map((v: { value: number; status: string }) => [v.value, v.status]);
    expect(await exported(null)).toEqual([[450, 'published']]);
    expect(await exported(al)).toEqual([[450, 'published']]);
    expect(await exported(commission)).toEqual([[300, 'draft']]);
  });

  it('brings a database from before the read model up to date: partner cells and a first release', async () => {
    const period = '2050';
    await publishedSubmission(app, users, ref(period), figures());
    const db = get().db;
    const submission = await db.selectFrom('submissions').select('id').where('period', '=', period).executeTakeFirstOrThrow();
    const release = await db.selectFrom('releases').select('id').where('submission_id', '=', submission.id).executeTakeFirstOrThrow();
    // As the database was before: values, but neither cells nor releases.
    await db.deleteFrom('release_cells').where('release_id', '=', release.id).execute();
    await db.deleteFrom('release_values').where('release_id', '=', release.id).execute();
    await db.deleteFrom('releases').where('id', '=', release.id).execute();
    await db.deleteFrom('partner_cells').where('submission_id', '=', submission.id).execute();
    await db.updateTable('submissions').set({ releases: 0 }).where('id', '=', submission.id).execute();
    expect(await clearance(null, period)).toEqual([{ value: null, status: null, release: null, revised: false }]);
    const catalog = loadCatalogs(CATALOG_DIR);
    expect(await backfillReadModel(db, SYSTEM_ACTOR, catalog)).toEqual({ cells: 1, releases: 1 });
    expect(await clearance(null, period)).toEqual([{ value: 90, status: 'published', release: 1, revised: false }]);
    expect(await backfillReadModel(db, SYSTEM_ACTOR, catalog)).toEqual({ cells: 0, releases: 0 });
  });
});
