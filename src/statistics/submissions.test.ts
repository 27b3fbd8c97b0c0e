import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliActor } from '../platform/audit/actor.js';
import { buildApp } from '../app/app.js';
import { importOrgUnits } from '../platform/partners/org-units.service.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../testing/factories.js';

describeEachDatabase('submissions and review workflow', (get) => {
  let app: FastifyInstance;
  let al: TestUser, rs: TestUser, reviewer: TestUser, commission: TestUser;
  const url = (partner = 'AL', period = '2023') => `/api/v1/submissions/justice.annual/${partner}/${period}`;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    al = await makeUser(get().db, 'coordinator', 'AL');
    rs = await makeUser(get().db, 'coordinator', 'RS');
    reviewer = await makeUser(get().db, 'reviewer');
    commission = await makeUser(get().db, 'commission');
    await importOrgUnits(
      get().db,
      cliActor(),
      'code,name,partner,kind,parent\nAL-TIR,Tirana District Court,AL,court,\nRS-BG,Belgrade First Basic Court,RS,court,\n',
    );
  });
  afterAll(async () => app.close());

  const put = (who: TestUser, version: number, values: object[], partner = 'AL', period = '2023') =>
    app.inject({ method: 'PUT', url: `${url(partner, period)}/values`, headers: bearer(who), payload: { version, values } });
  const post = (who: TestUser, action: string, payload: object, partner = 'AL', period = '2023') =>
    app.inject({ method: 'POST', url: `${url(partner, period)}/${action}`, headers: bearer(who), payload });
  const read = (who?: TestUser, partner = 'AL', period = '2023') =>
    app.inject({ method: 'GET', url: url(partner, period), headers: who ? bearer(who) : {} });

  it('saves a draft; another partner and the public do not see it, reviewers do', async () => {
    const saved = await put(al, 0, [
      { variable: 'cases.pending_start', value: 1000 },
      { variable: 'cases.incoming', value: 500 },
      { variable: 'cases.resolved', value: 450 },
      { variable: 'cases.pending_end', value: 1050, comment: 'from the court registers' },
      { variable: 'cases.incoming', orgUnit: 'AL-TIR', coords: { case_category: 'civil_litigious', instance: 'first' }, value: 'NA' },
    ]);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, status: 'draft', created: 5 });
    expect((await read(rs)).statusCode).toBe(404);
    expect((await read()).statusCode).toBe(404);
    const seen = await read(reviewer);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().values).toContainEqual({
      variable: 'cases.incoming',
      orgUnit: 'AL-TIR',
      coords: { case_category: 'civil_litigious', instance: 'first' },
      value: 'NA',
      comment: null,
    });
    expect((await put(rs, 1, [{ variable: 'cases.incoming', value: 1 }])).statusCode).toBe(403);
  });

  it('answers a stale version with 409 and keeps what the first editor saved', async () => {
    const first = await put(al, 1, [{ variable: 'cases.incoming', value: 510 }]);
    expect(first.json().version).toBe(2);
    const second = await put(al, 1, [{ variable: 'cases.incoming', value: 999 }]);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.details).toMatchObject({ currentVersion: 2, sentVersion: 1 });
    const values = (await read(al)).json().values;
    expect(
      values.find((v: { variable: string; orgUnit: string | null }) => v.variable === 'cases.incoming' && v.orgUnit === null).value,
    ).toBe(510);
  });

  it('rejects bad values whole, naming each, and changes nothing', async () => {
    const response = await put(al, 2, [
      { variable: 'cases.incoming', value: 600 },
      { variable: 'cases.invented', value: 1 },
      { variable: 'cases.resolved', orgUnit: 'RS-BG', value: 1 },
      { variable: 'cases.resolved', coords: { case_category: 'piracy' }, value: 1 },
      { variable: 'cases.resolved', value: '1,000' },
      { variable: 'judges.headcount', value: 12.5 },
    ]);
    expect(response.statusCode).toBe(400);
    const problems = response.json().error.details;
    expect(problems.map((p: { index: number; field: string }) => [p.index, p.field])).toEqual([
      [1, 'variable'],
      [2, 'org_unit'],
      [3, 'case_category'],
      [4, 'value'],
      [5, 'value'],
    ]);
    const incoming = (await read(al))
      .json()
      .values.find((v: { variable: string; orgUnit: string | null }) => v.variable === 'cases.incoming' && v.orgUnit === null);
    expect(incoming.value).toBe(510);
  });

  it('refuses to submit while errors remain, and until warnings are explained', async () => {
    // 1000 + 510 - 450 = 1060 vs 1050 pending: within the 2 % tolerance; make it break.
    let version = (
      await put(al, 2, [
        { variable: 'cases.pending_end', value: 1200 },
        { variable: 'cases.pending_over_2y', value: 1300 },
      ])
    ).json().version;
    const blocked = await post(al, 'submit', { version });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error.message).toMatch(/1 validation error/);
    expect(blocked.json().error.details[0].ruleCode).toBe('justice.old_within_pending');
    version = (await put(al, version, [{ variable: 'cases.pending_over_2y', value: 100 }])).json().version;
    const warned = await post(al, 'submit', { version });
    expect(warned.statusCode).toBe(422);
    expect(warned.json().error.message).toMatch(/warning\(s\) need a comment/);
    const view = (await read(al)).json();
    const finding = view.findings.find((f: { ruleCode: string }) => f.ruleCode === 'justice.stock_flow');
    expect(finding.details).toMatchObject({ left: 1060, right: 1200 });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `${url()}/findings/comment`,
          headers: bearer(rs),
          payload: { key: finding.key, comment: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const commented = await app.inject({
      method: 'POST',
      url: `${url()}/findings/comment`,
      headers: bearer(al),
      payload: { key: finding.key, comment: 'Delegated cases from the appeal court were added to the stock.' },
    });
    expect(commented.statusCode).toBe(204);
    const submitted = await post(al, 'submit', { version: view.version });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    expect((await put(al, submitted.json().version, [{ variable: 'cases.incoming', value: 1 }])).statusCode).toBe(409);
  });

  it('runs return → fix → submit → approve → publish with the right roles', async () => {
    let { version } = (await read(al)).json();
    expect((await post(al, 'return', { version, comment: 'x' })).statusCode).toBe(403);
    expect((await post(reviewer, 'return', { version, comment: '' })).statusCode).toBe(400);
    const returned = await post(reviewer, 'return', { version, comment: 'Please check the pending stock at 31 December.' });
    expect(returned.json().status).toBe('returned');
    version = (await put(al, returned.json().version, [{ variable: 'cases.pending_end', value: 1060 }])).json().version;
    version = (await post(al, 'submit', { version })).json().version;
    expect((await post(al, 'approve', { version })).statusCode).toBe(403);
    const approved = await post(reviewer, 'approve', { version });
    expect(approved.json().status).toBe('approved');
    expect((await post(reviewer, 'publish', { version: approved.json().version })).statusCode).toBe(403);
    const published = await post(commission, 'publish', { version: approved.json().version });
    expect(published.json().status).toBe('published');
    const thread = (await read(commission)).json().events.map((e: { kind: string }) => e.kind);
    expect(thread).toEqual(['submit', 'return', 'submit', 'approve', 'publish']);
  });

  it('shows published data to everyone, without the internal thread to the public', async () => {
    const publicView = await read();
    expect(publicView.statusCode).toBe(200);
    expect(publicView.json().values.length).toBeGreaterThan(0);
    expect(publicView.json().events).toEqual([]);
    expect((await read(rs)).statusCode).toBe(200);
  });

  it('reopens published data only with a reason, and then it is hidden again', async () => {
    const { version } = (await read(commission)).json();
    expect((await post(commission, 'reopen', { version, reason: ' ' })).statusCode).toBe(400);
    const reopened = await post(commission, 'reopen', { version, reason: 'Correction of the incoming cases announced by the ministry.' });
    expect(reopened.json().status).toBe('draft');
    expect((await read()).statusCode).toBe(404);
  });

  it('audits every value change with old and new value', async () => {
    const submission = await get().db.selectFrom('submissions').select('id').where('partner_code', '=', 'AL').executeTakeFirstOrThrow();
    const entries = await get()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', submission.id)
      .where('action', '=', 'values.save')
      .orderBy('seq')
      .execute();
    const change = entries.find((e) => e.after_json!.includes('"value":510'))!;
    expect(JSON.parse(change.before_json!).values).toEqual([
      { variable: 'cases.incoming', orgUnit: null, coords: null, value: 500, comment: null },
    ]);
    expect(JSON.parse(change.after_json!).values).toEqual([
      { variable: 'cases.incoming', orgUnit: null, coords: null, value: 510, comment: null },
    ]);
  });

  it('explains several warnings with one text, all or nothing', async () => {
    let version = (
      await put(
        al,
        0,
        [
          { variable: 'cases.pending_start', value: 100 },
          { variable: 'cases.incoming', value: 10 },
          { variable: 'cases.resolved', value: 10 },
          { variable: 'cases.pending_end', value: 500 },
        ],
        'AL',
        '2021',
      )
    ).json().version;
    version = (await put(al, version, [{ variable: 'cases.pending_end', value: 100 }], 'AL', '2020')).json().version;
    const view = (await read(al, 'AL', '2021')).json();
    const warnings = view.findings.filter((f: { severity: string }) => f.severity === 'warning').map((f: { key: string }) => f.key);
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    const bad = await app.inject({
      method: 'POST',
      url: `${url('AL', '2021')}/findings/comment`,
      headers: bearer(al),
      payload: { keys: [...warnings, 'no|such|key'], comment: 'Reclassification.' },
    });
    expect(bad.statusCode).toBe(404);
    expect((await read(al, 'AL', '2021')).json().findings.every((f: { comment: unknown }) => f.comment === null)).toBe(true);
    const ok = await app.inject({
      method: 'POST',
      url: `${url('AL', '2021')}/findings/comment`,
      headers: bearer(al),
      payload: { keys: warnings, comment: 'Reclassification of old cases in 2021.' },
    });
    expect(ok.statusCode).toBe(204);
    const after = (await read(al, 'AL', '2021')).json();
    expect(
      after.findings.filter(
        (f: { severity: string; comment: { text: string } | null }) =>
          f.severity === 'warning' && f.comment?.text === 'Reclassification of old cases in 2021.',
      ),
    ).toHaveLength(warnings.length);
    expect(
      (await app.inject({ method: 'POST', url: `${url('AL', '2021')}/findings/comment`, headers: bearer(al), payload: { comment: 'x' } }))
        .statusCode,
    ).toBe(400);
  });

  it('checks the key: unknown dataset, period of the wrong type', async () => {
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/submissions/nothing.here/AL/2023', headers: bearer(reviewer) })).statusCode,
    ).toBe(404);
    const wrong = await put(al, 0, [{ variable: 'cases.incoming', value: 1 }], 'AL', '2023-05');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/period: 2023-05 is monthly, but dataset justice\.annual is yearly/);
  });

  it('lists submissions as far as the caller may see them, and who is late', async () => {
    await put(rs, 0, [{ variable: 'cases.incoming', value: 7 }], 'RS', '2022');
    const forAl = (await app.inject({ method: 'GET', url: '/api/v1/submissions?dataset=justice.annual', headers: bearer(al) })).json()
      .submissions;
    expect(forAl.every((s: { partner: string; status: string }) => s.partner === 'AL' || s.status === 'published')).toBe(true);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/submissions?dataset=justice.annual&status=draft' })).json().submissions,
    ).toEqual([]);
    const drafts = (
      await app.inject({ method: 'GET', url: '/api/v1/submissions?dataset=justice.annual&status=draft', headers: bearer(reviewer) })
    ).json().submissions;
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((s: { status: string }) => s.status === 'draft')).toBe(true);
    const forReviewer = (
      await app.inject({ method: 'GET', url: '/api/v1/submissions?dataset=justice.annual', headers: bearer(reviewer) })
    ).json().submissions;
    expect(forReviewer.map((s: { partner: string }) => s.partner)).toEqual(expect.arrayContaining(['AL', 'RS']));
    const overview = (
      await app.inject({ method: 'GET', url: '/api/v1/datasets/justice.annual/periods/2022/overview', headers: bearer(commission) })
    ).json().partners;
    expect(overview.map((p: { partner: string }) => p.partner)).toEqual(['AL', 'BA', 'XK', 'ME', 'MK', 'RS']);
    expect(overview.find((p: { partner: string }) => p.partner === 'RS')).toMatchObject({
      status: 'draft',
      late: true,
      dueDate: '2023-04-30',
    });
  });
});
