import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { buildApp } from '../app/app.js';
import { CATALOG_DIR } from '../platform/paths.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { callApi, makeUser, uploadAs, type TestUser } from '../testing/factories.js';
import { loadCatalogs } from '../statistics/catalog.js';
import { enqueueJob, runDueJobs } from '../platform/jobs/jobs.service.js';
import { createContext, jobHandlers } from '../app/context.js';
import { isOverdue, reminderStage } from './progress.js';
import { shippedPlans, syncPlans } from './plans.service.js';

const catalog = loadCatalogs(CATALOG_DIR);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

describe('progress rules', () => {
  it('a commitment is overdue past its deadline unless completed, cancelled or fully implemented', () => {
    expect(isOverdue('2020-12-31', '2021-01-01', null, null)).toBe(true);
    expect(isOverdue('2020-12-31', '2020-12-31', null, null)).toBe(false);
    expect(isOverdue('2020-12-31', '2021-01-01', 'completed', null)).toBe(false);
    expect(isOverdue('2020-12-31', '2021-01-01', 'in_progress', 'fully_implemented')).toBe(false);
    expect(isOverdue(null, '2021-01-01', null, null)).toBe(false);
  });

  it('reminds a week before the due date and once overdue, only while the report is with the partner', () => {
    expect(reminderStage('2026-12-10', '2026-12-01', 'draft')).toBe(null);
    expect(reminderStage('2026-12-10', '2026-12-03', 'draft')).toBe('due_soon');
    expect(reminderStage('2026-12-10', '2026-12-11', 'returned')).toBe('overdue');
    expect(reminderStage('2026-12-10', '2026-12-11', 'submitted')).toBe(null);
  });
});

describeEachDatabase('progress reporting', (get) => {
  let app: FastifyInstance;
  let commission: TestUser, reviewer: TestUser, al: TestUser, rs: TestUser;
  let roundId = '';
  let alReport: { version: number; entries: { commitment: string; action: string }[] };

  const call = (user: TestUser | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    callApi(app, user, method, url, payload);
  const upload = (user: TestUser, commitment: string, name: string, body: Buffer) =>
    uploadAs(app, user, `/rounds/${roundId}/reports/AL/evidence?commitment=${commitment}&name=${encodeURIComponent(name)}`, body);
  const count = async (table: 'stored_files' | 'progress_evidence') =>
    Number(
      (
        await get()
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audits = async (action: string) => get().db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  beforeAll(async () => {
    await syncPlans(get().db, await shippedPlans(get().db, catalog), SYSTEM_ACTOR);
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false, catalog });
    commission = await makeUser(get().db, 'commission');
    reviewer = await makeUser(get().db, 'reviewer');
    al = await makeUser(get().db, 'coordinator', 'AL');
    rs = await makeUser(get().db, 'coordinator', 'RS');
  });
  afterAll(async () => app.close());

  it('only the Commission opens a round; one draft report per committed partner', async () => {
    const body = { title: 'Progress 2020', periodStart: '2020-01-01', periodEnd: '2020-12-31', dueDate: '2021-02-15' };
    expect((await call(al, 'POST', '/plans/jap_ct_2018/rounds', body)).statusCode).toBe(403);
    const bad = await call(commission, 'POST', '/plans/jap_ct_2018/rounds', { ...body, dueDate: '2021-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/dueDate: "2021-02-30" is not a date/);
    const res = await call(commission, 'POST', '/plans/jap_ct_2018/rounds', body);
    expect(res.statusCode).toBe(201);
    roundId = res.json().id;
    expect(res.json().reports.map((r: { partner: string }) => r.partner)).toEqual(['AL', 'BA', 'ME', 'MK', 'RS', 'XK']);
    expect(res.json().reports.find((r: { partner: string }) => r.partner === 'BA')).toMatchObject({
      status: 'draft',
      commitments: 9,
      reported: 0,
    });
    expect((await call(commission, 'POST', '/plans/jap_ct_2018/rounds', body)).statusCode).toBe(409);
    expect(await audits('progress.round.open')).toHaveLength(1);
    // An open round is not public.
    expect((await call(null, 'GET', `/rounds/${roundId}`)).statusCode).toBe(404);
  });

  it('a coordinator reports for their own partner only', async () => {
    const mine = await call(al, 'GET', `/rounds/${roundId}/reports/AL`);
    expect(mine.statusCode).toBe(200);
    alReport = mine.json();
    expect(alReport.entries.map((e) => e.action)).toEqual(['1.0', '2.0', '3.0', '4.0', '5.0']);
    expect(mine.json().can).toMatchObject({ edit: true, submit: true, assess: false });
    const entry = { commitment: alReport.entries[0]!.commitment, status: 'completed', narrative: 'Done.' };
    const other = await call(rs, 'PUT', `/rounds/${roundId}/reports/AL/entries`, { version: 1, entries: [entry] });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toMatch(/coordinator for RS/);
    expect((await call(rs, 'GET', `/rounds/${roundId}/reports/AL`)).statusCode).toBe(403);
    expect((await upload(rs, entry.commitment, 'x.pdf', PDF)).statusCode).toBe(403);
    expect((await call(rs, 'POST', `/rounds/${roundId}/reports/AL/submit`, { version: 1 })).statusCode).toBe(403);
    // A commitment of another partner cannot be slipped into one's own report.
    const rsReport = (await call(rs, 'GET', `/rounds/${roundId}/reports/RS`)).json();
    const foreign = await call(al, 'PUT', `/rounds/${roundId}/reports/AL/entries`, {
      version: 1,
      entries: [{ commitment: rsReport.entries[0].commitment, status: 'completed' }],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toMatch(/is not a commitment of AL/);
  });

  it('saves statuses with optimistic concurrency and refuses to submit an incomplete report', async () => {
    const first = alReport.entries[0]!.commitment;
    const saved = await call(al, 'PUT', `/rounds/${roundId}/reports/AL/entries`, {
      version: 1,
      entries: [{ commitment: first, status: 'completed', narrative: 'Strategy adopted <script>alert(1)</script>' }],
    });
    expect(saved.json()).toEqual({ version: 2, changed: 1 });
    const stale = await call(al, 'PUT', `/rounds/${roundId}/reports/AL/entries`, {
      version: 1,
      entries: [{ commitment: first, status: 'delayed' }],
    });
    expect(stale.statusCode).toBe(409);
    const wrong = await call(al, 'PUT', `/rounds/${roundId}/reports/AL/entries`, {
      version: 2,
      entries: [{ commitment: first, status: 'finished' }],
    });
    expect(wrong.statusCode).toBe(400);
    const early = await call(al, 'POST', `/rounds/${roundId}/reports/AL/submit`, { version: 2 });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toMatch(/action 2\.0 has no status \(and 3 more\)/);
    const rest = alReport.entries.slice(1).map((e, i) => ({ commitment: e.commitment, status: i === 0 ? 'delayed' : 'in_progress' }));
    expect((await call(al, 'PUT', `/rounds/${roundId}/reports/AL/entries`, { version: 2, entries: rest })).json().version).toBe(3);
    const unexplained = await call(al, 'POST', `/rounds/${roundId}/reports/AL/submit`, { version: 3 });
    expect(unexplained.json().error.message).toMatch(/action 2\.0 is delayed without an explanation/);
    await call(al, 'PUT', `/rounds/${roundId}/reports/AL/entries`, {
      version: 3,
      entries: [{ commitment: rest[0]!.commitment, narrative: 'Waiting for parliament.' }],
    });
    const audit = await audits('progress.report.save');
    expect(audit).toHaveLength(3);
    expect(audit[0]!.after_json).toContain('Strategy adopted');
  });

  it('accepts evidence files and links, refusing oversized and forbidden files without storing anything', async () => {
    const commitment = alReport.entries[0]!.commitment;
    const ok = await upload(al, commitment, 'strategy.pdf', PDF);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().file).toMatchObject({ name: 'strategy.pdf', mediaType: 'application/pdf', size: PDF.length });
    const link = await call(al, 'POST', `/rounds/${roundId}/reports/AL/links`, {
      commitment,
      url: 'https://www.example.org/gazette/2020/12',
      title: 'Official gazette',
    });
    expect(link.statusCode).toBe(201);
    expect(
      (await call(al, 'POST', `/rounds/${roundId}/reports/AL/links`, { commitment, url: 'javascript:alert(1)' })).json().error.message,
    ).toMatch(/only http and https/);
    // Serbia's coordinator neither adds nor removes Albania's evidence.
    expect(
      (await call(rs, 'POST', `/rounds/${roundId}/reports/AL/links`, { commitment, url: 'https://www.example.org/' })).statusCode,
    ).toBe(403);
    expect((await call(rs, 'DELETE', `/rounds/${roundId}/reports/AL/evidence/${ok.json().id}`)).statusCode).toBe(403);
    const files = await count('stored_files');
    const evidence = await count('progress_evidence');

    const big = await upload(al, commitment, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toMatch(/larger than the limit of 10 MB; nothing was stored/);
    const exe = await upload(al, commitment, 'tool.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]));
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.message).toMatch(/files of type \.exe are not accepted \(allowed: pdf, png/);
    const disguised = await upload(al, commitment, 'minutes.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]));
    expect(disguised.json().error.message).toMatch(
      /"minutes\.pdf" does not contain what its name says \(\.pdf\); its content is application\/x-msdownload/,
    );
    const path = await upload(al, commitment, '../../etc/notes.txt', Buffer.from('plain text notes'));
    expect(path.statusCode).toBe(201);
    expect(path.json().title).toBe('notes.txt');
    // A renamed binary is not text, whatever its name says.
    const renamed = await upload(al, commitment, 'notes2.txt', PDF);
    expect(renamed.json().error.message).toMatch(
      /"notes2\.txt" does not contain what its name says \(\.txt\); its content is application\/pdf/,
    );
    expect(await count('stored_files')).toBe(files + 1);
    expect(await count('progress_evidence')).toBe(evidence + 1);

    const download = await call(al, 'GET', `/evidence/${ok.json().id}/file`);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/attachment; filename="strategy.pdf"/);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect((await call(rs, 'GET', `/evidence/${ok.json().id}/file`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/evidence/${ok.json().id}/file`)).statusCode).toBe(404);
    expect(await audits('progress.evidence.add')).toHaveLength(3);
  });

  it('submits, is assessed by reviewers, and publishes what was assessed', async () => {
    const report = (await call(al, 'GET', `/rounds/${roundId}/reports/AL`)).json();
    expect((await call(al, 'POST', `/rounds/${roundId}/reports/AL/submit`, { version: report.version })).json()).toEqual({
      status: 'submitted',
      version: report.version + 1,
    });
    expect((await call(al, 'PUT', `/rounds/${roundId}/reports/AL/entries`, { version: report.version + 1, entries: [] })).statusCode).toBe(
      409,
    );
    expect(
      (await call(al, 'PUT', `/rounds/${roundId}/reports/AL/assessments`, { version: report.version + 1, assessments: [] })).statusCode,
    ).toBe(403);

    const round = (await call(commission, 'GET', `/rounds/${roundId}`)).json();
    const early = await call(commission, 'POST', `/rounds/${roundId}/publish`, { version: round.version });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/still waiting: AL/);

    const entries = report.entries as { commitment: string; action: string }[];
    // A reviewer limited to the justice domain does not assess commitments.
    const { changeUser } = await import('../platform/users/users.service.js');
    const justiceOnly = await makeUser(get().db, 'reviewer');
    await changeUser(get().db, SYSTEM_ACTOR, justiceOnly.user.id, { domains: ['justice'] });
    expect(
      (await call(justiceOnly, 'PUT', `/rounds/${roundId}/reports/AL/assessments`, { version: report.version + 1, assessments: [] }))
        .statusCode,
    ).toBe(403);
    const levels = ['fully_implemented', 'some_progress', 'limited_progress', 'limited_progress', 'no_progress'];
    const partial = await call(reviewer, 'PUT', `/rounds/${roundId}/reports/AL/assessments`, {
      version: report.version + 1,
      assessments: [{ commitment: entries[0]!.commitment, assessment: levels[0], comment: 'Adopted in December.' }],
    });
    expect(partial.json()).toMatchObject({ status: 'submitted', changed: 1 });
    // Coordinators see assessments only once published.
    expect((await call(al, 'GET', `/rounds/${roundId}/reports/AL`)).json().entries[0].assessment).toBe(null);
    const all = await call(reviewer, 'PUT', `/rounds/${roundId}/reports/AL/assessments`, {
      version: partial.json().version,
      assessments: entries.map((e, i) => ({ commitment: e.commitment, assessment: levels[i] })),
    });
    expect(all.json()).toMatchObject({ status: 'assessed', changed: 4 });

    // Before publication the public sees nothing, the Commission sees the heat map.
    expect(
      (await call(null, 'GET', '/plans/jap_ct_2018/heatmap')).json().cells.find((c: { partner: string }) => c.partner === 'AL').level,
    ).toBe(null);
    const inside = (await call(commission, 'GET', '/plans/jap_ct_2018/heatmap')).json();
    expect(inside.cells.find((c: { partner: string; objective: string }) => c.partner === 'AL' && c.objective === '1')).toMatchObject({
      score: 4,
      level: 'fully_implemented',
      assessed: 1,
      commitments: 1,
    });

    const published = await call(commission, 'POST', `/rounds/${roundId}/publish`, { version: round.version });
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');
    expect((await call(commission, 'POST', `/rounds/${roundId}/publish`, { version: round.version + 1 })).statusCode).toBe(409);

    const pub = (await call(null, 'GET', `/rounds/${roundId}/reports/AL`)).json();
    expect(pub.entries[0]).toMatchObject({
      status: 'completed',
      assessment: 'fully_implemented',
      assessmentComment: 'Adopted in December.',
    });
    expect(pub.can).toEqual({ edit: false, submit: false, assess: false, return: false });
    expect((await call(null, 'GET', `/rounds/${roundId}/reports/RS`)).statusCode).toBe(404);
    const heat = (await call(null, 'GET', '/plans/jap_ct_2018/heatmap')).json();
    expect(heat.cells.find((c: { partner: string; objective: string }) => c.partner === 'AL' && c.objective === '5')).toMatchObject({
      score: 0,
      level: 'no_progress',
    });
    expect(heat.cells.find((c: { partner: string; objective: string }) => c.partner === 'BA' && c.objective === '1')).toMatchObject({
      commitments: 3,
      assessed: 0,
      level: null,
    });
    expect(await audits('progress.round.publish')).toHaveLength(1);
  });

  it('exports the round as CSV and XLSX and prints it with every text escaped', async () => {
    const { spreadsheetSafe } = await import('../platform/exports/tables.js');
    expect(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', 'plain', 12, null].map(spreadsheetSafe)).toEqual([
      '\'=HYPERLINK("x")',
      "'+1",
      "'-2",
      "'@SUM(A1)",
      'plain',
      12,
      '',
    ]);
    const csv = await call(null, 'GET', `/rounds/${roundId}/export?format=csv`);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'round,plan,partner,report_status,objective,action,action_title,deadline,status,narrative,evidence,assessment,assessment_comment',
    );
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain('AL,assessed,1,1.0');
    expect(lines[1]).toContain('strategy.pdf | https://www.example.org/gazette/2020/12 | notes.txt');
    const inside = await call(commission, 'GET', `/rounds/${roundId}/export?format=csv`);
    expect(inside.body.trim().split('\n').length).toBe(1 + 42);
    const xlsx = await call(null, 'GET', `/rounds/${roundId}/export?format=xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const html = await call(null, 'GET', `/rounds/${roundId}/report.html`);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('Strategy adopted &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.body).not.toContain('<script>');
    expect(html.body).toMatch(/@media print/);
    expect(html.body).toMatch(/<h2>RS <small class="meta">Not reported<\/small><\/h2>/);
    const nonce = /style-src[^;]*'nonce-([^']+)'/.exec(String(html.headers['content-security-policy']))?.[1];
    expect(html.body).toContain(`<style nonce="${nonce}">`);
  });

  it('lists overdue commitments and a partner’s commitments with the latest status', async () => {
    const overdue = (await call(null, 'GET', '/commitments/overdue?partner=AL')).json();
    // AL: 1.0 completed (not overdue); 2.0 delayed, 3.0 and 4.0 in progress, 5.0 in progress: overdue since 2020.
    expect(overdue.commitments.filter((c: { plan: string }) => c.plan === 'jap_ct_2018').map((c: { action: string }) => c.action)).toEqual([
      '2.0',
      '3.0',
      '4.0',
      '5.0',
    ]);
    expect(overdue.commitments.some((c: { plan: string }) => c.plan === 'drugs_2021')).toBe(true);
    expect(overdue.reports).toEqual([]);
    const mine = (await call(null, 'GET', '/partners/AL/commitments')).json().commitments;
    expect(mine.find((c: { action: string; plan: string }) => c.plan === 'jap_ct_2018' && c.action === '1.0')).toMatchObject({
      overdue: false,
      latest: { status: 'completed', assessment: 'fully_implemented', statusRound: 'Progress 2020' },
    });
    const history = (await call(null, 'GET', '/plans/jap_ct_2018/actions/2.0')).json();
    expect(history.history).toEqual([
      expect.objectContaining({ partner: 'AL', status: 'delayed', narrative: 'Waiting for parliament.', assessment: 'some_progress' }),
    ]);
  });

  it('reports past the due date of an open round are overdue for signed-in users', async () => {
    const res = await call(commission, 'POST', '/plans/firearms_ap_2020/rounds', {
      title: 'KPI 2025',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      dueDate: '2026-01-31',
    });
    expect(res.statusCode).toBe(201);
    const list = (await call(al, 'GET', '/commitments/overdue')).json();
    expect(list.reports.map((r: { partner: string }) => r.partner)).toEqual(['AL', 'BA', 'ME', 'MK', 'RS', 'XK']);
    expect((await call(null, 'GET', '/commitments/overdue')).json().reports).toEqual([]);
  });

  it('tells coordinators of a new round, reviewers of a submission, and reminds before and after the due date (once each)', async () => {
    const notes = async (user: TestUser) =>
      get().db.selectFrom('notifications').selectAll().where('user_id', '=', user.user.id).orderBy('created_at').execute();
    expect((await notes(al)).filter((n) => n.kind === 'commitments.round_opened').map((n) => n.link)).toEqual([
      `/commitments/rounds/${roundId}/reports/AL`,
      expect.stringMatching(/^\/commitments\/rounds\/.+\/reports\/AL$/),
    ]);
    expect((await notes(reviewer)).filter((n) => n.kind === 'commitments.report_submitted').map((n) => n.title)).toEqual([
      'AL submitted a progress report',
    ]);
    expect((await notes(al)).filter((n) => n.kind === 'commitments.round_published')).toHaveLength(1);
    // The firearms round (due 2026-01-31) is still open; the job runs the reminders through the registry.
    const ctx = { db: get().db, config: testConfig(get().config), log: { info: () => {}, warn: () => {}, error: () => {} } };
    const handlers = {
      'commitments.reminders': jobHandlers(createContext({ config: testConfig(get().config), catalog }))['commitments.reminders']!,
    };
    const run = async (at: string) => {
      await enqueueJob(get().db, { kind: 'commitments.reminders', singletonKey: 'commitments.reminders' }, new Date(at));
      return runDueJobs(ctx as never, handlers, new Date(at));
    };
    expect((await run('2026-01-20T08:00:00Z')).map((o) => o.outcome)).toEqual(['done']);
    expect((await notes(al)).filter((n) => n.kind === 'commitments.reminder')).toHaveLength(0);
    await run('2026-01-25T08:00:00Z');
    await run('2026-01-26T08:00:00Z');
    const soon = (await notes(rs)).filter((n) => n.kind === 'commitments.reminder');
    expect(soon.map((n) => n.title)).toEqual(['Progress report due in 6 days: KPI 2025']);
    await run('2026-02-02T08:00:00Z');
    await run('2026-02-09T08:00:00Z');
    expect((await notes(al)).filter((n) => n.kind === 'commitments.reminder').map((n) => n.title)).toEqual([
      'Progress report due in 6 days: KPI 2025',
      'Progress report overdue: KPI 2025',
    ]);
    // Reminders go only to the partner's own coordinators, and each is audited once.
    expect((await notes(rs)).some((n) => n.body.includes("AL's report"))).toBe(false);
    expect((await audits('progress.reminder')).map((a) => JSON.parse(a.after_json!).stage).sort()).toEqual([
      'due_soon',
      'due_soon',
      'overdue',
      'overdue',
    ]);
  });

  it('the Commission fills rule-of-law recommendations; they survive reloading the plan files', async () => {
    const body = {
      objective: 'justice',
      title: 'Improve the efficiency of first-instance courts',
      partners: ['AL'],
      deadline: '2026-12-31',
      indicators: ['justice.disposition_time'],
    };
    expect((await call(al, 'POST', '/plans/rol_recommendations_al/actions', body)).statusCode).toBe(403);
    expect((await call(commission, 'POST', '/plans/jap_ct_2018/actions', body)).statusCode).toBe(403);
    const bad = await call(commission, 'POST', '/plans/rol_recommendations_al/actions', { ...body, indicators: ['justice.speed'] });
    expect(bad.json().error.message).toMatch(/"justice.speed" is not an indicator/);
    const added = await call(commission, 'POST', '/plans/rol_recommendations_al/actions', body);
    expect(added.json()).toEqual({ code: 'justice.R1' });
    expect((await call(commission, 'POST', '/plans/rol_recommendations_al/actions', { ...body, title: 'Second' })).json()).toEqual({
      code: 'justice.R2',
    });
    expect(
      (
        await call(commission, 'PATCH', '/plans/rol_recommendations_al/actions/justice.R2', {
          title: 'Complete the vetting of judges and prosecutors',
        })
      ).statusCode,
    ).toBe(204);
    const plan = (await call(null, 'GET', '/plans/rol_recommendations_al')).json();
    expect(
      plan.objectives[0].actions.map((a: { code: string; title: string; partners: string[] }) => [a.code, a.title, a.partners]),
    ).toEqual([
      ['justice.R1', 'Improve the efficiency of first-instance courts', ['AL']],
      ['justice.R2', 'Complete the vetting of judges and prosecutors', ['AL']],
    ]);
    expect((await syncPlans(get().db, await shippedPlans(get().db, catalog), SYSTEM_ACTOR)).changed).toEqual([]);
    expect((await call(null, 'GET', '/plans/rol_recommendations_al')).json().objectives[0].actions).toHaveLength(2);
    const detail = (await call(null, 'GET', '/plans/rol_recommendations_al/actions/justice.R1')).json();
    expect(detail.indicators[0]).toMatchObject({ code: 'justice.disposition_time', partners: [{ partner: 'AL' }] });
    expect(await audits('plan.action.add')).toHaveLength(2);
    expect(await audits('plan.action.update')).toHaveLength(1);
  });
});
