import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliActor } from '../platform/audit/actor.js';
import { buildApp } from '../app/app.js';
import { importOrgUnits } from '../platform/partners/org-units.service.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, makeUser, type TestUser, ORG_UNIT_KINDS } from '../testing/factories.js';
import {
  publishedSubmission,
  saveDraft,
  submissionUrl,
  submittedSubmission,
  type SubmissionRef,
  type WorkflowUsers,
} from '../testing/submissions.js';
import type { ValueInput } from './value-input.js';

// Every test builds its own submissions in periods of its own. Validation compares a period with
// up to 8 earlier ones (carry-over, outliers), so the years of different tests lie 3 apart: one
// test's data is never another's previous period, nor enough of a history for a z-score.

/** Partner-level case figures that pass validation (1000 + 500 − 450 = 1050), and one court's incoming cases not available. */
function figures(change: { incoming?: number } = {}): ValueInput[] {
  return [
    { variable: 'cases.pending_start', value: 1000 },
    { variable: 'cases.incoming', value: change.incoming ?? 500 },
    { variable: 'cases.resolved', value: 450 },
    { variable: 'cases.pending_end', value: 1050, comment: 'from the court registers' },
    { variable: 'cases.incoming', orgUnit: 'AL-TIR', coords: { case_category: 'civil_litigious', instance: 'first' }, value: 'NA' },
  ];
}

interface ViewValue {
  variable: string;
  orgUnit: string | null;
  value: unknown;
}

const partnerIncoming = (values: ViewValue[]) => values.find((v) => v.variable === 'cases.incoming' && v.orgUnit === null)!.value;

describeEachDatabase('submissions and review workflow', (get) => {
  let app: FastifyInstance;
  let al: TestUser, rs: TestUser, reviewer: TestUser, commission: TestUser;
  let users: WorkflowUsers;
  const ref = (period: string, partner = 'AL'): SubmissionRef => ({ dataset: 'justice.annual', partner, period });
  const url = (period: string, partner = 'AL') => submissionUrl(ref(period, partner));

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    al = await makeUser(get().db, 'coordinator', 'AL');
    rs = await makeUser(get().db, 'coordinator', 'RS');
    reviewer = await makeUser(get().db, 'reviewer');
    commission = await makeUser(get().db, 'commission');
    users = { coordinator: al, reviewer, commission };
    await importOrgUnits(
      get().db,
      cliActor(),
      'code,name,partner,kind,parent\nAL-TIR,Tirana District Court,AL,court,\nRS-BG,Belgrade First Basic Court,RS,court,\n',
      ORG_UNIT_KINDS,
    );
  });
  afterAll(async () => app.close());

  const put = (who: TestUser, version: number, values: object[], period: string, partner = 'AL') =>
    app.inject({ method: 'PUT', url: `${url(period, partner)}/values`, headers: bearer(who), payload: { version, values } });
  const post = (who: TestUser, action: string, payload: object, period: string, partner = 'AL') =>
    app.inject({ method: 'POST', url: `${url(period, partner)}/${action}`, headers: bearer(who), payload });
  const read = (who: TestUser | undefined, period: string, partner = 'AL') =>
    app.inject({ method: 'GET', url: url(period, partner), headers: who ? bearer(who) : {} });
  const commentFindings = (who: TestUser, period: string, payload: object) =>
    app.inject({ method: 'POST', url: `${url(period)}/findings/comment`, headers: bearer(who), payload });

  /** AL's submission for the period saved as a draft with these values; returns its version. */
  const draft = (period: string, values: ValueInput[] = figures(), partner = 'AL') =>
    saveDraft(app, partner === 'AL' ? al : rs, ref(period, partner), values);
  const submitted = (period: string) => submittedSubmission(app, users, ref(period), figures());
  const published = (period: string) => publishedSubmission(app, users, ref(period), figures());

  it('saves a draft; another partner and the public do not see it, reviewers do', async () => {
    const period = '2001';
    const saved = await put(al, 0, figures(), period);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, status: 'draft', created: 5 });
    expect((await read(rs, period)).statusCode).toBe(404);
    expect((await read(undefined, period)).statusCode).toBe(404);
    const seen = await read(reviewer, period);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().values).toContainEqual({
      variable: 'cases.incoming',
      orgUnit: 'AL-TIR',
      coords: { case_category: 'civil_litigious', instance: 'first' },
      unit: 'cases',
      value: 'NA',
      comment: null,
      obsStatus: null,
      evidence: [],
    });
    expect((await put(rs, 1, [{ variable: 'cases.incoming', value: 1 }], period)).statusCode).toBe(403);
  });

  it('answers a stale version with 409 and keeps what the first editor saved', async () => {
    const period = '2004';
    const version = await draft(period);
    const first = await put(al, version, [{ variable: 'cases.incoming', value: 510 }], period);
    expect(first.json().version).toBe(version + 1);
    const second = await put(al, version, [{ variable: 'cases.incoming', value: 999 }], period);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.details).toMatchObject({ currentVersion: version + 1, sentVersion: version });
    expect(partnerIncoming((await read(al, period)).json().values)).toBe(510);
  });

  it('twenty concurrent first saves: one winner, the others 409, never a 500', async () => {
    const period = '2052';
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => put(al, 0, [{ variable: 'cases.incoming', value: 100 + i }], period)),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([200, ...Array.from({ length: 19 }, () => 409)]);
    const winner = answers.find((a) => a.statusCode === 200)!;
    expect(winner.json()).toMatchObject({ version: 1, created: 1 });
    expect(answers.find((a) => a.statusCode === 409)!.json().error.details).toEqual({ currentVersion: 1, sentVersion: 0 });
  });

  it('rejects bad values whole, naming each, and changes nothing', async () => {
    const period = '2007';
    const version = await draft(period, figures({ incoming: 510 }));
    const response = await put(
      al,
      version,
      [
        { variable: 'cases.incoming', value: 600 },
        { variable: 'cases.invented', value: 1 },
        { variable: 'cases.resolved', orgUnit: 'RS-BG', value: 1 },
        { variable: 'cases.resolved', coords: { case_category: 'piracy' }, value: 1 },
        { variable: 'cases.resolved', value: '1,000' },
        { variable: 'judges.headcount', value: 12.5 },
      ],
      period,
    );
    expect(response.statusCode).toBe(400);
    const problems = response.json().error.details;
    expect(problems.map((p: { index: number; field: string }) => [p.index, p.field])).toEqual([
      [1, 'variable'],
      [2, 'org_unit'],
      [3, 'case_category'],
      [4, 'value'],
      [5, 'value'],
    ]);
    const after = (await read(al, period)).json();
    expect(after.version).toBe(version);
    expect(partnerIncoming(after.values)).toBe(510);
  });

  it('refuses to submit while errors remain, and until warnings are explained', async () => {
    const period = '2010';
    // 1000 + 510 - 450 = 1060 vs 1050 pending: within the 2 % tolerance; make it break.
    let version = await draft(period, figures({ incoming: 510 }));
    version = (
      await put(
        al,
        version,
        [
          { variable: 'cases.pending_end', value: 1200 },
          { variable: 'cases.pending_over_2y', value: 1300 },
        ],
        period,
      )
    ).json().version;
    const blocked = await post(al, 'submit', { version }, period);
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error.message).toMatch(/1 validation error/);
    expect(blocked.json().error.details[0].ruleCode).toBe('justice.old_within_pending');
    version = (await put(al, version, [{ variable: 'cases.pending_over_2y', value: 100 }], period)).json().version;
    const warned = await post(al, 'submit', { version }, period);
    expect(warned.statusCode).toBe(422);
    expect(warned.json().error.message).toMatch(/^1 warning needs a comment before submitting: /);
    const view = (await read(al, period)).json();
    const finding = view.findings.find((f: { ruleCode: string }) => f.ruleCode === 'justice.stock_flow');
    expect(finding.details).toMatchObject({ left: 1060, right: 1200 });
    expect((await commentFindings(rs, period, { key: finding.key, comment: 'x' })).statusCode).toBe(403);
    const commented = await commentFindings(al, period, {
      key: finding.key,
      comment: 'Delegated cases from the appeal court were added to the stock.',
    });
    expect(commented.statusCode).toBe(204);
    const submitted = await post(al, 'submit', { version: view.version }, period);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    expect((await put(al, submitted.json().version, [{ variable: 'cases.incoming', value: 1 }], period)).statusCode).toBe(409);
  });

  it('runs return → fix → submit → approve → publish with the right roles', async () => {
    const period = '2013';
    let version = await submitted(period);
    expect((await post(al, 'return', { version, comment: 'x' }, period)).statusCode).toBe(403);
    expect((await post(reviewer, 'return', { version, comment: '' }, period)).statusCode).toBe(400);
    const returned = await post(reviewer, 'return', { version, comment: 'Please check the pending stock at 31 December.' }, period);
    expect(returned.json().status).toBe('returned');
    version = (await put(al, returned.json().version, [{ variable: 'cases.pending_end', value: 1060 }], period)).json().version;
    version = (await post(al, 'submit', { version }, period)).json().version;
    expect((await post(al, 'approve', { version }, period)).statusCode).toBe(403);
    const approved = await post(reviewer, 'approve', { version }, period);
    expect(approved.json().status).toBe('approved');
    expect((await post(reviewer, 'publish', { version: approved.json().version }, period)).statusCode).toBe(403);
    const publishedNow = await post(commission, 'publish', { version: approved.json().version }, period);
    expect(publishedNow.json().status).toBe('published');
    const thread = (await read(commission, period)).json().events.map((e: { kind: string }) => e.kind);
    expect(thread).toEqual(['submit', 'return', 'submit', 'approve', 'publish']);
  });

  it('shows published data to everyone, without the internal thread to the public', async () => {
    const period = '2016';
    await published(period);
    const publicView = await read(undefined, period);
    expect(publicView.statusCode).toBe(200);
    expect(publicView.json().status).toBe('published');
    expect(publicView.json().values).toHaveLength(figures().length);
    expect(publicView.json().events).toEqual([]);
    expect((await read(commission, period)).json().events.map((e: { kind: string }) => e.kind)).toEqual(['submit', 'approve', 'publish']);
    expect((await read(rs, period)).statusCode).toBe(200);
  });

  it('reopens published data only with a reason, and then it is hidden again', async () => {
    const period = '2019';
    const version = await published(period);
    expect((await read(undefined, period)).statusCode).toBe(200);
    expect((await post(commission, 'reopen', { version, reason: ' ' }, period)).statusCode).toBe(400);
    const reopened = await post(
      commission,
      'reopen',
      { version, reason: 'Correction of the incoming cases announced by the ministry.' },
      period,
    );
    expect(reopened.json().status).toBe('draft');
    expect((await read(undefined, period)).statusCode).toBe(404);
  });

  it('audits every value change with old and new value', async () => {
    const period = '2025';
    const version = await draft(period);
    expect((await put(al, version, [{ variable: 'cases.incoming', value: 510 }], period)).statusCode).toBe(200);
    const submission = await get()
      .db.selectFrom('submissions')
      .select('id')
      .where('dataset', '=', 'justice.annual')
      .where('partner_code', '=', 'AL')
      .where('period', '=', period)
      .executeTakeFirstOrThrow();
    const entries = await get()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', submission.id)
      .where('action', '=', 'values.save')
      .orderBy('seq')
      .execute();
    expect(entries).toHaveLength(2);
    const change = entries.find((e) => e.after_json!.includes('"value":510'))!;
    expect(JSON.parse(change.before_json!).values).toEqual([
      { variable: 'cases.incoming', orgUnit: null, coords: null, value: 500, comment: null },
    ]);
    expect(JSON.parse(change.after_json!).values).toEqual([
      { variable: 'cases.incoming', orgUnit: null, coords: null, value: 510, comment: null },
    ]);
  });

  it('explains several warnings with one text, all or nothing', async () => {
    const previous = '2028';
    const period = '2029';
    // Last year's stock carries over (no carry-over warning), but it grows fivefold (an outlier) and
    // 100 + 10 − 10 is far from 500 pending at the end (stock and flow disagree).
    await draft(previous, [{ variable: 'cases.pending_end', value: 100 }]);
    await draft(period, [
      { variable: 'cases.pending_start', value: 100 },
      { variable: 'cases.incoming', value: 10 },
      { variable: 'cases.resolved', value: 10 },
      { variable: 'cases.pending_end', value: 500 },
    ]);
    const view = (await read(al, period)).json();
    const warningFindings = view.findings.filter((f: { severity: string }) => f.severity === 'warning');
    expect(warningFindings.map((f: { ruleCode: string }) => f.ruleCode).sort()).toEqual(['justice.stock_flow', 'outlier.change']);
    const warnings = warningFindings.map((f: { key: string }) => f.key);
    const bad = await commentFindings(al, period, { keys: [...warnings, 'no|such|key'], comment: 'Reclassification.' });
    expect(bad.statusCode).toBe(404);
    expect((await read(al, period)).json().findings.every((f: { comment: unknown }) => f.comment === null)).toBe(true);
    const ok = await commentFindings(al, period, { keys: warnings, comment: `Reclassification of old cases in ${period}.` });
    expect(ok.statusCode).toBe(204);
    const after = (await read(al, period)).json();
    expect(
      after.findings.filter(
        (f: { severity: string; comment: { text: string } | null }) =>
          f.severity === 'warning' && f.comment?.text === `Reclassification of old cases in ${period}.`,
      ),
    ).toHaveLength(warnings.length);
    expect((await commentFindings(al, period, { comment: 'x' })).statusCode).toBe(400);
  });

  it('checks the key: unknown dataset, period of the wrong type', async () => {
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/submissions/nothing.here/AL/2032', headers: bearer(reviewer) })).statusCode,
    ).toBe(404);
    const wrong = await put(al, 0, [{ variable: 'cases.incoming', value: 1 }], '2032-05');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/period: 2032-05 is monthly, but dataset justice\.annual is yearly/);
    expect(
      await get().db.selectFrom('submissions').select('id').where('period', 'in', ['2032', '2032-05']).executeTakeFirst(),
    ).toBeUndefined();
  });

  it('lists submissions as far as the caller may see them, and who is late', async () => {
    // A past period, so that its due date (31 December + 120 days) has passed.
    const period = '2022';
    await draft(period, [{ variable: 'cases.incoming', value: 3 }]);
    await draft(period, [{ variable: 'cases.incoming', value: 7 }], 'RS');
    const list = async (who: TestUser | undefined, query = '') =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/submissions?dataset=justice.annual&period=${period}${query}`,
          headers: who ? bearer(who) : {},
        })
      )
        .json()
        .submissions.map((s: { partner: string; period: string; status: string }) => [s.partner, s.period, s.status]);
    expect(await list(al)).toEqual([['AL', period, 'draft']]);
    expect(await list(undefined, '&status=draft')).toEqual([]);
    expect(await list(undefined)).toEqual([]);
    expect(await list(reviewer, '&status=draft')).toEqual([
      ['AL', period, 'draft'],
      ['RS', period, 'draft'],
    ]);
    expect(await list(reviewer)).toEqual([
      ['AL', period, 'draft'],
      ['RS', period, 'draft'],
    ]);
    expect(await list(reviewer, '&status=published')).toEqual([]);
    const overview = (
      await app.inject({ method: 'GET', url: `/api/v1/datasets/justice.annual/periods/${period}/overview`, headers: bearer(commission) })
    ).json().partners;
    expect(overview.map((p: { partner: string }) => p.partner)).toEqual(['AL', 'BA', 'XK', 'ME', 'MK', 'RS']);
    expect(overview.find((p: { partner: string }) => p.partner === 'RS')).toMatchObject({
      status: 'draft',
      late: true,
      dueDate: '2023-04-30',
    });
    expect(overview.find((p: { partner: string }) => p.partner === 'BA')).toMatchObject({ status: 'not_started', late: true });
    // AL's coordinator sees its own workflow, and nothing of another partner's before publication.
    const forAl = (
      await app.inject({ method: 'GET', url: `/api/v1/datasets/justice.annual/periods/${period}/overview`, headers: bearer(al) })
    ).json().partners;
    expect(forAl.find((p: { partner: string }) => p.partner === 'AL')).toMatchObject({ status: 'draft', late: true });
    expect(forAl.find((p: { partner: string }) => p.partner === 'RS')).toEqual({
      partner: 'RS',
      name: 'Serbia',
      status: 'not_published',
      version: 0,
      updatedAt: null,
      dueDate: '2023-04-30',
      late: false,
    });
  });
});
