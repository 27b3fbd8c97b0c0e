// The register of emergency measures over HTTP, on SQLite and PostgreSQL: the workflow with its
// exact states, who sees and changes what, stale versions, refused inputs naming the field, the audit.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { callApi, makeUser, type TestUser } from '../testing/factories.js';
import { DEMO_MEASURES, seedDemoMeasures } from './seed.js';

const MEASURE = {
  title: 'Curfew during the epidemic',
  limited: 'Freedom of movement at night',
  category: 'movement',
  legalBasis: 'Order of the Minister of Health',
  adoptedBy: 'Ministry of Health',
  startDate: '2020-03-13',
  endDate: '2020-06-01',
  reviewDates: ['2020-05-18', '2020-04-10', '2020-04-10'],
  sunsetClause: true,
  sunsetDate: '2020-06-30',
  parliamentaryReview: { outcome: 'none' },
  judicialReview: { outcome: 'pending', comment: ' Before the Constitutional Court ' },
  sources: ['https://example.org/order-1'],
  comment: 'Test measure',
};

describeEachDatabase('emergency measures', (get) => {
  let app: FastifyInstance;
  let al: TestUser, rs: TestUser, reviewer: TestUser, justiceReviewer: TestUser, commission: TestUser;
  beforeAll(async () => {
    const db = get().db;
    app = await buildApp({ config: testConfig(get().config), db, logger: false });
    al = await makeUser(db, 'coordinator', 'AL');
    rs = await makeUser(db, 'coordinator', 'RS');
    reviewer = await makeUser(db, 'reviewer');
    commission = await makeUser(db, 'commission');
    // A reviewer limited to the justice statistics: not one of the register's reviewers.
    justiceReviewer = await makeUser(db, 'reviewer', null, ['justice']);
  });
  afterAll(async () => app.close());

  const call = (user: TestUser | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    callApi(app, user, method, url, payload);
  const create = async (user: TestUser, partner: string, extra: object = {}) => {
    const r = await call(user, 'POST', '/emergency-measures', { partner, ...MEASURE, ...extra });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; version: number; status: string };
  };
  const step = (user: TestUser, id: string, action: string, version: number, comment?: string) =>
    call(user, 'POST', `/emergency-measures/${id}/${action}`, { version, ...(comment ? { comment } : {}) });
  const publishedOf = async (user: TestUser, partner: string) => {
    let m = await create(user, partner);
    m = (await step(user, m.id, 'submit', m.version)).json();
    m = (await step(reviewer, m.id, 'approve', m.version)).json();
    return (await step(commission, m.id, 'publish', m.version)).json() as { id: string; version: number; status: string };
  };

  it('goes draft → submitted → returned → submitted → approved → published, each step by its role', async () => {
    const created = await create(al, 'al');
    expect(created).toMatchObject({
      partner: 'AL',
      status: 'draft',
      version: 1,
      reviewDates: ['2020-04-10', '2020-05-18'],
      sunsetClause: true,
      sunsetDate: '2020-06-30',
      parliamentaryReview: { outcome: 'none', comment: null },
      judicialReview: { outcome: 'pending', comment: 'Before the Constitutional Court' },
      sources: ['https://example.org/order-1'],
      can: { edit: true, delete: true, submit: true, return: false, approve: false, publish: false },
    });
    const id = created.id;
    const edited = await call(al, 'PUT', `/emergency-measures/${id}`, { ...MEASURE, version: 1, title: 'Night curfew' });
    expect(edited.json()).toMatchObject({ title: 'Night curfew', status: 'draft', version: 2 });
    expect((await step(reviewer, id, 'approve', 2)).statusCode).toBe(409);
    expect((await step(al, id, 'submit', 2)).json()).toMatchObject({ status: 'submitted', version: 3 });
    // Submitted: the partner cannot change it, the coordinator cannot review it, nor a reviewer of justice only.
    expect((await call(al, 'PUT', `/emergency-measures/${id}`, { ...MEASURE, version: 3 })).statusCode).toBe(409);
    expect((await step(al, id, 'approve', 3)).statusCode).toBe(403);
    expect((await step(justiceReviewer, id, 'approve', 3)).statusCode).toBe(403);
    expect((await step(reviewer, id, 'return', 3)).statusCode).toBe(400);
    // The register's reviewers (and the Commission) are told of the submission; a reviewer of justice only is not.
    const told = async (user: TestUser) =>
      (await call(user, 'GET', '/notifications')).json().notifications.filter((n: { kind: string }) => n.kind.startsWith('rule_of_law.'));
    expect((await told(reviewer)).map((n: { title: string; link: string }) => [n.title, n.link])).toEqual([
      ['AL submitted an emergency measure', '/rule-of-law/emergency-measures'],
    ]);
    expect(await told(commission)).toHaveLength(1);
    expect(await told(justiceReviewer)).toEqual([]);
    const returned = (await step(reviewer, id, 'return', 3, 'Add the review of April')).json();
    expect((await told(al)).map((n: { title: string; body: string }) => [n.title, n.body])).toEqual([
      ['An emergency measure was returned: Night curfew', 'Add the review of April'],
    ]);
    expect(returned).toMatchObject({ status: 'returned', version: 4, returnComment: 'Add the review of April' });
    expect((await call(al, 'GET', `/emergency-measures/${id}`)).json().can).toEqual({
      edit: true,
      delete: false,
      submit: true,
      return: false,
      approve: false,
      publish: false,
    });
    expect((await call(al, 'DELETE', `/emergency-measures/${id}?version=4`)).statusCode).toBe(409);
    expect((await step(al, id, 'submit', 4)).json()).toMatchObject({ status: 'submitted', version: 5, returnComment: null });
    expect((await step(commission, id, 'publish', 5)).statusCode).toBe(409);
    const approved = (await step(reviewer, id, 'approve', 5)).json();
    expect(approved).toMatchObject({ status: 'approved', version: 6 });
    expect((await step(reviewer, id, 'publish', 6)).statusCode).toBe(403);
    const published = (await step(commission, id, 'publish', 6)).json();
    expect(published).toMatchObject({ status: 'published', version: 7 });
    expect(published.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await call(null, 'GET', `/emergency-measures/${id}`)).json()).toMatchObject({ status: 'published', title: 'Night curfew' });
    expect((await call(al, 'PUT', `/emergency-measures/${id}`, { ...MEASURE, version: 7 })).statusCode).toBe(409);
  });

  it('keeps a coordinator to its own partner: no creating or changing for another, no reading its drafts', async () => {
    const forRs = await call(al, 'POST', '/emergency-measures', { partner: 'RS', ...MEASURE });
    expect(forRs.statusCode).toBe(403);
    const draft = await create(rs, 'RS', { title: 'RS draft' });
    const rsPublished = await publishedOf(rs, 'RS');
    const alList = (await call(al, 'GET', '/emergency-measures?partner=RS')).json().measures.map((m: { id: string }) => m.id);
    expect(alList).toContain(rsPublished.id);
    expect(alList).not.toContain(draft.id);
    expect((await call(al, 'GET', '/emergency-measures')).json().measures.map((m: { id: string }) => m.id)).not.toContain(draft.id);
    expect((await call(al, 'GET', `/emergency-measures/${draft.id}`)).statusCode).toBe(404);
    // A draft it cannot see is not there for it; a measure it can see is not its to change.
    expect((await call(al, 'PUT', `/emergency-measures/${draft.id}`, { ...MEASURE, version: 1 })).statusCode).toBe(404);
    expect((await step(al, draft.id, 'submit', 1)).statusCode).toBe(404);
    expect((await call(al, 'DELETE', `/emergency-measures/${draft.id}?version=1`)).statusCode).toBe(404);
    expect((await call(al, 'PUT', `/emergency-measures/${rsPublished.id}`, { ...MEASURE, version: rsPublished.version })).statusCode).toBe(
      403,
    );
    // The reviewer and the Commission see RS's draft.
    expect((await call(reviewer, 'GET', `/emergency-measures/${draft.id}`)).json().status).toBe('draft');
    expect(
      (await call(commission, 'GET', '/emergency-measures?partner=rs&status=draft')).json().measures.map((m: { id: string }) => m.id),
    ).toEqual([draft.id]);
    // RS deletes its draft.
    expect((await call(rs, 'DELETE', `/emergency-measures/${draft.id}?version=1`)).statusCode).toBe(204);
    expect((await call(rs, 'GET', `/emergency-measures/${draft.id}`)).statusCode).toBe(404);
  });

  it('shows the public published measures only', async () => {
    const draft = await create(al, 'AL', { title: 'Unpublished', category: 'privacy' });
    const published = await publishedOf(al, 'AL');
    const list = (await call(null, 'GET', '/emergency-measures?partner=AL')).json().measures;
    // Exactly Albania's published measures as the Commission sees them (other tests of this file add some too).
    const ids = (measures: { id: string }[]) => measures.map((m) => m.id).sort();
    const insiders = (await call(commission, 'GET', '/emergency-measures?partner=AL&status=published')).json().measures;
    expect(ids(list)).toEqual(ids(insiders));
    expect(ids(list)).toContain(published.id);
    expect(ids(list)).not.toContain(draft.id);
    expect(list.every((m: { status: string }) => m.status === 'published')).toBe(true);
    expect((await call(null, 'GET', `/emergency-measures/${draft.id}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', '/emergency-measures?partner=AL&category=privacy')).json().measures).toEqual([]);
    expect(list[0].can).toEqual({ edit: false, delete: false, submit: false, return: false, approve: false, publish: false });
    expect((await call(null, 'POST', '/emergency-measures', { partner: 'AL', ...MEASURE })).statusCode).toBe(401);
  });

  it('refuses a stale version with 409', async () => {
    const m = await create(al, 'AL');
    expect((await call(al, 'PUT', `/emergency-measures/${m.id}`, { ...MEASURE, version: 1, title: 'First' })).statusCode).toBe(200);
    const stale = await call(al, 'PUT', `/emergency-measures/${m.id}`, { ...MEASURE, version: 1, title: 'Second' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
    expect((await step(al, m.id, 'submit', 1)).statusCode).toBe(409);
    expect((await call(al, 'DELETE', `/emergency-measures/${m.id}?version=1`)).statusCode).toBe(409);
    expect((await call(al, 'GET', `/emergency-measures/${m.id}`)).json()).toMatchObject({ title: 'First', version: 2 });
  });

  it('refuses bad inputs with a 400 naming the field, and stores nothing', async () => {
    const cases: [object, string][] = [
      [{ startDate: '2020-02-30' }, 'startDate'],
      [{ endDate: '13/03/2020' }, 'endDate'],
      [{ category: 'health' }, 'category'],
      [{ sources: ['javascript:alert(1)'] }, 'sources.0'],
      [{ sources: ['https://ok.example.org', 'ftp://example.org/file'] }, 'sources.1'],
      [{ endDate: '2020-03-01' }, 'endDate'],
      [{ sunsetClause: true, sunsetDate: null }, 'sunsetDate'],
      [{ sunsetClause: false, sunsetDate: '2020-06-30' }, 'sunsetDate'],
      [{ reviewDates: ['2020-01-01'] }, 'reviewDates.0'],
      [{ title: '   ' }, 'title'],
      [{ title: 'x'.repeat(301) }, 'title'],
      [{ title: 'Nul\u0000byte' }, 'title'],
      [{ parliamentaryReview: { outcome: 'quashed' } }, 'parliamentaryReview.outcome'],
      [{ judicialReview: { outcome: 'none', verdict: 'x' } }, 'judicialReview.verdict'],
      [{ legalBasis: undefined }, 'legalBasis'],
      [{ partner: 'XX' }, 'partner'],
    ];
    const before = (await call(commission, 'GET', '/emergency-measures')).json().measures.length;
    for (const [change, field] of cases) {
      const admin = change && 'partner' in change ? await makeUser(get().db, 'admin') : al;
      const r = await call(admin, 'POST', '/emergency-measures', { partner: 'AL', ...MEASURE, ...change });
      expect([r.statusCode, field], JSON.stringify(change)).toEqual([400, field]);
      const error = r.json().error;
      const fields = Array.isArray(error.details) ? error.details.map((d: { field: string }) => d.field) : [error.details?.field];
      expect(fields, r.body).toContain(field);
      expect(error.message).toContain(field);
    }
    expect((await call(commission, 'GET', '/emergency-measures')).json().measures).toHaveLength(before);
    expect((await call(null, 'GET', '/emergency-measures?category=health')).statusCode).toBe(400);
    expect((await call(null, 'GET', '/emergency-measures/not-a-uuid')).statusCode).toBe(400);
  });

  it('audits every change with what was before and after', async () => {
    const m = await create(al, 'AL');
    await call(al, 'PUT', `/emergency-measures/${m.id}`, { ...MEASURE, version: 1, title: 'Audited', category: 'detention' });
    await step(al, m.id, 'submit', 2);
    await step(reviewer, m.id, 'return', 3, 'Say more');
    const other = await create(al, 'AL');
    await call(al, 'DELETE', `/emergency-measures/${other.id}?version=1`);
    const rows = await get()
      .db.selectFrom('audit_log')
      .select(['action', 'entity_type', 'entity_id', 'before_json', 'after_json', 'actor_label'])
      .where('entity_id', 'in', [m.id, other.id])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.action, r.entity_id])).toEqual([
      ['emergency_measure.create', m.id],
      ['emergency_measure.update', m.id],
      ['emergency_measure.submit', m.id],
      ['emergency_measure.return', m.id],
      ['emergency_measure.create', other.id],
      ['emergency_measure.delete', other.id],
    ]);
    expect(rows.every((r) => r.entity_type === 'emergency_measure')).toBe(true);
    const [created, updated, submitted, returned, , deleted] = rows;
    expect(created!.before_json).toBeNull();
    expect(JSON.parse(created!.after_json!)).toMatchObject({ title: MEASURE.title, status: 'draft', version: 1 });
    expect(JSON.parse(updated!.before_json!)).toMatchObject({ title: MEASURE.title, category: 'movement', version: 1 });
    expect(JSON.parse(updated!.after_json!)).toMatchObject({ title: 'Audited', category: 'detention', version: 2 });
    expect(JSON.parse(submitted!.before_json!)).toEqual({ status: 'draft', version: 2 });
    expect(JSON.parse(submitted!.after_json!)).toEqual({ status: 'submitted', version: 3 });
    expect(JSON.parse(returned!.after_json!)).toEqual({ status: 'returned', version: 4, comment: 'Say more' });
    expect(JSON.parse(deleted!.before_json!)).toMatchObject({ id: other.id, status: 'draft' });
    expect(deleted!.after_json).toBeNull();
    expect(updated!.actor_label.startsWith(al.user.email)).toBe(true);
  });

  it('seeds the illustrative demo measures published, each saying it is illustrative', async () => {
    await seedDemoMeasures(get().db);
    const shown = (await call(null, 'GET', '/emergency-measures'))
      .json()
      .measures.filter((m: { title: string }) => DEMO_MEASURES.some((d) => d.title === m.title));
    expect(shown.map((m: { partner: string; status: string }) => [m.partner, m.status])).toEqual([
      ['AL', 'published'],
      ['AL', 'published'],
      ['RS', 'published'],
    ]);
    expect(shown.every((m: { comment: string }) => /^Illustrative/.test(m.comment))).toBe(true);
  });
});
