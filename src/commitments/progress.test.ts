// Progress reporting over HTTP: opening a round, a partner's report (entries, submission),
// evidence, assessment and publication. Each test makes its own users, plan copy and round
// (./testing.ts), so that it passes alone and in any order.
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeUser } from '../testing/factories.js';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { PUBLIC_VIEWER, type Viewer } from '../platform/viewer.js';
import { canReadReport, canSeeReportState, isOverdue, reminderStage } from './progress.js';
import {
  audits,
  commitmentsSuite,
  count,
  fillReport,
  LEVELS,
  openRound,
  PDF,
  people,
  planCopy,
  type Report,
  reportIds,
  reportOf,
  ROUND,
  upload,
} from '../testing/commitments.js';

describe('progress rules', () => {
  it('a commitment is overdue past its deadline unless completed, cancelled or fully implemented', () => {
    expect(isOverdue('2020-12-31', '2021-01-01', null, null)).toBe(true);
    expect(isOverdue('2020-12-31', '2020-12-31', null, null)).toBe(false);
    expect(isOverdue('2020-12-31', '2021-01-01', 'completed', null)).toBe(false);
    expect(isOverdue('2020-12-31', '2021-01-01', 'in_progress', 'fully_implemented')).toBe(false);
    expect(isOverdue(null, '2021-01-01', null, null)).toBe(false);
  });

  it('another partner’s coordinator sees a report’s state only once its round is published; insiders always', () => {
    const user = (role: 'coordinator' | 'commission' | 'reviewer' | 'admin', partner: string | null = null): Viewer => ({
      kind: 'user',
      role,
      partner,
      id: `${role}-${partner}`,
      label: `${role}@example.org`,
    });
    const al = user('coordinator', 'AL');
    expect(canSeeReportState(al, 'AL', 'open')).toBe(true);
    expect(canSeeReportState(al, 'RS', 'open')).toBe(false);
    expect(canSeeReportState(al, 'RS', 'published')).toBe(true);
    expect(canSeeReportState(user('coordinator'), 'RS', 'open')).toBe(false);
    for (const role of ['commission', 'reviewer', 'admin'] as const) expect(canSeeReportState(user(role), 'RS', 'open')).toBe(true);
    expect(canSeeReportState({ kind: 'operator', label: 'cli' }, 'RS', 'open')).toBe(true);
    expect(canSeeReportState(PUBLIC_VIEWER, 'RS', 'open')).toBe(false);
    expect(canSeeReportState(PUBLIC_VIEWER, 'RS', 'published')).toBe(true);
    // The content follows: another partner's only when assessed in a published round.
    expect(canReadReport(al, 'RS', 'open', 'assessed')).toBe(false);
    expect(canReadReport(al, 'RS', 'published', 'draft')).toBe(false);
    expect(canReadReport(al, 'RS', 'published', 'assessed')).toBe(true);
    expect(canReadReport(al, 'AL', 'open', 'draft')).toBe(true);
  });

  it('reminds a week before the due date and once overdue, only while the report is with the partner', () => {
    expect(reminderStage('2026-12-10', '2026-12-01', 'draft')).toBe(null);
    expect(reminderStage('2026-12-10', '2026-12-03', 'draft')).toBe('due_soon');
    expect(reminderStage('2026-12-10', '2026-12-11', 'returned')).toBe('overdue');
    expect(reminderStage('2026-12-10', '2026-12-11', 'submitted')).toBe(null);
  });
});

describeEachDatabase('progress reporting', (get) => {
  const { s, call } = commitmentsSuite(get);

  it('only the Commission opens a round; one draft report per committed partner', async () => {
    const { commission, al } = await people(s);
    const { code: plan } = await planCopy(s, 'jap_ct_2018');
    expect((await call(al, 'POST', `/plans/${plan}/rounds`, ROUND)).statusCode).toBe(403);
    const bad = await call(commission, 'POST', `/plans/${plan}/rounds`, { ...ROUND, dueDate: '2021-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/dueDate: "2021-02-30" is not a date/);
    const res = await call(commission, 'POST', `/plans/${plan}/rounds`, ROUND);
    expect(res.statusCode).toBe(201);
    const roundId = res.json().id;
    expect(res.json().reports.map((r: { partner: string }) => r.partner)).toEqual(['AL', 'BA', 'ME', 'MK', 'RS', 'XK']);
    expect(res.json().reports.find((r: { partner: string }) => r.partner === 'BA')).toMatchObject({
      status: 'draft',
      commitments: 9,
      reported: 0,
    });
    expect((await call(commission, 'POST', `/plans/${plan}/rounds`, ROUND)).statusCode).toBe(409);
    // One round opened for the plan, and audited once: the refused attempts left no entry.
    const opened = (await get().db.selectFrom('audit_log').selectAll().where('action', '=', 'progress.round.open').execute()).filter(
      (a) => JSON.parse(a.after_json!).plan === plan,
    );
    expect(opened.map((a) => a.entity_id)).toEqual([roundId]);
    // An open round is not public.
    expect((await call(null, 'GET', `/rounds/${roundId}`)).statusCode).toBe(404);
  });

  it('a coordinator reports for their own partner only', async () => {
    const { commission, al, rs } = await people(s);
    const { roundId } = await openRound(s, commission);
    const mine = await call(al, 'GET', `/rounds/${roundId}/reports/AL`);
    expect(mine.statusCode).toBe(200);
    const alReport: Report = mine.json();
    expect(alReport.entries.map((e) => e.action)).toEqual(['1.0', '2.0', '3.0', '4.0', '5.0']);
    expect(mine.json().can).toMatchObject({ edit: true, submit: true, assess: false });
    const entry = { commitment: alReport.entries[0]!.commitment, status: 'completed', narrative: 'Done.' };
    const other = await call(rs, 'PUT', `/rounds/${roundId}/reports/AL/entries`, { version: 1, entries: [entry] });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toMatch(/coordinator for RS/);
    expect((await call(rs, 'GET', `/rounds/${roundId}/reports/AL`)).statusCode).toBe(403);
    expect((await upload(s, rs, roundId, entry.commitment, 'x.pdf', PDF)).statusCode).toBe(403);
    expect((await call(rs, 'POST', `/rounds/${roundId}/reports/AL/submit`, { version: 1 })).statusCode).toBe(403);
    // A commitment of another partner cannot be slipped into one's own report.
    const rsReport = await reportOf(s, rs, roundId, 'RS');
    const foreign = await call(al, 'PUT', `/rounds/${roundId}/reports/AL/entries`, {
      version: 1,
      entries: [{ commitment: rsReport.entries[0]!.commitment, status: 'completed' }],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toMatch(/is not a commitment of AL/);
  });

  it('saves statuses with optimistic concurrency and refuses to submit an incomplete report', async () => {
    const { commission, al } = await people(s);
    const { roundId } = await openRound(s, commission);
    const alReport = await reportOf(s, al, roundId);
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
    const audit = await audits(s, 'progress.report.save', [(await reportIds(s, roundId)).AL!]);
    expect(audit).toHaveLength(3);
    expect(audit[0]!.after_json).toContain('Strategy adopted');
  });

  it('accepts evidence files and links, refusing oversized and forbidden files without storing anything', async () => {
    const { commission, al, rs } = await people(s);
    const { roundId } = await openRound(s, commission);
    const commitment = (await reportOf(s, al, roundId)).entries[0]!.commitment;
    const ok = await upload(s, al, roundId, commitment, 'strategy.pdf', PDF);
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
    const files = await count(s, 'stored_files');
    const evidence = await count(s, 'progress_evidence');

    const big = await upload(s, al, roundId, commitment, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toMatch(/larger than the limit of 10 MB; nothing was stored/);
    const exe = await upload(s, al, roundId, commitment, 'tool.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]));
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.message).toMatch(/files of type \.exe are not accepted \(allowed: pdf, png/);
    const disguised = await upload(s, al, roundId, commitment, 'minutes.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]));
    expect(disguised.json().error.message).toMatch(
      /"minutes\.pdf" does not contain what its name says \(\.pdf\); its content is application\/x-msdownload/,
    );
    const path = await upload(s, al, roundId, commitment, '../../etc/notes.txt', Buffer.from('plain text notes'));
    expect(path.statusCode).toBe(201);
    expect(path.json().title).toBe('notes.txt');
    // A renamed binary is not text, whatever its name says.
    const renamed = await upload(s, al, roundId, commitment, 'notes2.txt', PDF);
    expect(renamed.json().error.message).toMatch(
      /"notes2\.txt" does not contain what its name says \(\.txt\); its content is application\/pdf/,
    );
    expect(await count(s, 'stored_files')).toBe(files + 1);
    expect(await count(s, 'progress_evidence')).toBe(evidence + 1);

    const download = await call(al, 'GET', `/evidence/${ok.json().id}/file`);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/attachment; filename="strategy.pdf"/);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect((await call(rs, 'GET', `/evidence/${ok.json().id}/file`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/evidence/${ok.json().id}/file`)).statusCode).toBe(404);
    expect(await audits(s, 'progress.evidence.add', [(await reportIds(s, roundId)).AL!])).toHaveLength(3);
  });

  it('submits, is assessed by reviewers, and publishes what was assessed', async () => {
    const { commission, reviewer, al } = await people(s);
    const { plan, roundId } = await openRound(s, commission);
    await fillReport(s, al, roundId);
    const report = await reportOf(s, al, roundId);
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

    const entries = report.entries;
    // A reviewer limited to the justice domain does not assess commitments.
    const { changeUser } = await import('../platform/users/users.service.js');
    const justiceOnly = await makeUser(get().db, 'reviewer');
    await changeUser(get().db, SYSTEM_ACTOR, justiceOnly.user.id, { domains: ['justice'] });
    expect(
      (await call(justiceOnly, 'PUT', `/rounds/${roundId}/reports/AL/assessments`, { version: report.version + 1, assessments: [] }))
        .statusCode,
    ).toBe(403);
    const partial = await call(reviewer, 'PUT', `/rounds/${roundId}/reports/AL/assessments`, {
      version: report.version + 1,
      assessments: [{ commitment: entries[0]!.commitment, assessment: LEVELS[0], comment: 'Adopted in December.' }],
    });
    expect(partial.json()).toMatchObject({ status: 'submitted', changed: 1 });
    // Coordinators see assessments only once published.
    expect((await call(al, 'GET', `/rounds/${roundId}/reports/AL`)).json().entries[0].assessment).toBe(null);
    const all = await call(reviewer, 'PUT', `/rounds/${roundId}/reports/AL/assessments`, {
      version: partial.json().version,
      assessments: entries.map((e, i) => ({ commitment: e.commitment, assessment: LEVELS[i] })),
    });
    expect(all.json()).toMatchObject({ status: 'assessed', changed: 4 });

    // Before publication the public sees nothing, the Commission sees the heat map.
    expect(
      (await call(null, 'GET', `/plans/${plan}/heatmap`)).json().cells.find((c: { partner: string }) => c.partner === 'AL').level,
    ).toBe(null);
    const inside = (await call(commission, 'GET', `/plans/${plan}/heatmap`)).json();
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
    const heat = (await call(null, 'GET', `/plans/${plan}/heatmap`)).json();
    expect(heat.cells.find((c: { partner: string; objective: string }) => c.partner === 'AL' && c.objective === '5')).toMatchObject({
      score: 0,
      level: 'no_progress',
    });
    expect(heat.cells.find((c: { partner: string; objective: string }) => c.partner === 'BA' && c.objective === '1')).toMatchObject({
      commitments: 3,
      assessed: 0,
      level: null,
    });
    expect(await audits(s, 'progress.round.publish', [roundId])).toHaveLength(1);
  });
});
