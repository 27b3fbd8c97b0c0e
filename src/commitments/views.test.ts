// The outputs of progress reporting: a round's exports and printable report, the overdue lists and a
// partner's commitments. Each test makes its own users, plan copy and round (./testing.ts).
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeUser, type TestUser } from '../testing/factories.js';
import { commitmentsSuite, KPI_ROUND, openRound, people, publishedRound, submitPartner } from '../testing/commitments.js';
import { readPdf } from '../testing/pdf.js';

interface Summary {
  partner: string;
  status: string;
  version: number | null;
  submittedAt: string | null;
  commitments: number;
  reported: number | null;
  assessed: number | null;
}
interface Cell {
  partner: string;
  objective: string;
  commitments: number;
  assessed: number;
  score: number | null;
  level: string | null;
}
const byPartner = (reports: Summary[], partner: string) => reports.find((r) => r.partner === partner);

describeEachDatabase('commitments views', (get) => {
  const { s, call } = commitmentsSuite(get);

  it('exports the round as CSV and XLSX and prints it with every text escaped', async () => {
    const { commission, reviewer, al } = await people(s);
    const { roundId } = await publishedRound(s, { commission, reviewer, al }, { evidence: true });
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
    const pdf = await call(null, 'GET', `/rounds/${roundId}/report.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const read = await readPdf(pdf.rawPayload);
    // The text as typed, escaped in the HTML and so printed as text (a table cell may wrap it).
    expect(read.text).toMatch(/Strategy adopted <script>alert\(1\) ?<\/script>/);
    expect(read.text).toMatch(/RS Not reported/);
    expect(read.tagged).toBe(true);
  });

  it('lists overdue commitments and a partner’s commitments with the latest status', async () => {
    const { commission, reviewer, al } = await people(s);
    const { plan } = await publishedRound(s, { commission, reviewer, al });
    const overdue = (await call(null, 'GET', '/commitments/overdue?partner=AL')).json();
    // AL: 1.0 completed (not overdue); 2.0 delayed, 3.0 and 4.0 in progress, 5.0 in progress: overdue since 2020.
    expect(overdue.commitments.filter((c: { plan: string }) => c.plan === plan).map((c: { action: string }) => c.action)).toEqual([
      '2.0',
      '3.0',
      '4.0',
      '5.0',
    ]);
    expect(overdue.commitments.some((c: { plan: string }) => c.plan === 'drugs_2021')).toBe(true);
    expect(overdue.reports).toEqual([]);
    const mine = (await call(null, 'GET', '/partners/AL/commitments')).json().commitments;
    expect(mine.find((c: { action: string; plan: string }) => c.plan === plan && c.action === '1.0')).toMatchObject({
      overdue: false,
      latest: { status: 'completed', assessment: 'fully_implemented', statusRound: 'Progress 2020' },
    });
    const history = (await call(null, 'GET', `/plans/${plan}/actions/2.0`)).json();
    expect(history.history).toEqual([
      expect.objectContaining({ partner: 'AL', status: 'delayed', narrative: 'Waiting for parliament.', assessment: 'some_progress' }),
    ]);
  });

  it('reports past the due date of an open round are overdue for the Commission, for a coordinator only their own', async () => {
    const { commission, reviewer, al } = await people(s);
    const { roundId } = await openRound(s, commission, 'firearms_ap_2020', KPI_ROUND);
    const late = async (user: TestUser | null, query = '') =>
      ((await call(user, 'GET', `/commitments/overdue${query}`)).json().reports as { round: string; partner: string; status: string }[])
        .filter((r) => r.round === roundId)
        .map((r) => `${r.partner}:${r.status}`);
    const all = ['AL:draft', 'BA:draft', 'ME:draft', 'MK:draft', 'RS:draft', 'XK:draft'];
    expect(await late(commission)).toEqual(all);
    expect(await late(reviewer)).toEqual(all);
    // Being late tells that a report is not submitted: other partners' reports are not listed to a coordinator.
    expect(await late(al)).toEqual(['AL:draft']);
    expect(await late(al, '?partner=RS')).toEqual([]);
    expect(await late(null)).toEqual([]);
  });

  it('a coordinator sees another partner’s report state only once the round is published', async () => {
    const { commission, reviewer, al, rs } = await people(s);
    const admin = await makeUser(s.db, 'admin');
    const { plan, roundId } = await openRound(s, commission);
    // RS submits; the reviewer assesses its first commitment (the report stays submitted).
    const rsReport = await submitPartner(s, { coordinator: rs, reviewer }, roundId, 'RS', 1);
    const n = rsReport.entries.length;
    const round = async (user: TestUser | null) => (await call(user, 'GET', `/rounds/${roundId}`)).json().reports as Summary[];
    const listed = async (user: TestUser | null, url: string) =>
      ((await call(user, 'GET', url)).json().rounds as { id: string; reports: Summary[] }[]).find((r) => r.id === roundId)?.reports;
    const hidden = {
      partner: 'RS',
      status: 'not_published',
      version: null,
      submittedAt: null,
      commitments: n,
      reported: null,
      assessed: null,
    };

    // Albania's coordinator: RS not published in the round, the lists and Albania's own report; AL in full.
    expect(byPartner(await round(al), 'RS')).toEqual(hidden);
    expect(byPartner((await listed(al, `/plans/${plan}/rounds`))!, 'RS')).toEqual(hidden);
    expect(byPartner((await listed(al, '/rounds'))!, 'RS')).toEqual(hidden);
    expect(byPartner((await call(al, 'GET', `/rounds/${roundId}/reports/AL`)).json().round.reports, 'RS')).toEqual(hidden);
    expect(byPartner(await round(al), 'AL')).toEqual({
      partner: 'AL',
      status: 'draft',
      version: 1,
      submittedAt: null,
      commitments: 5,
      reported: 0,
      assessed: 0,
    });
    expect((await round(al)).map((r) => r.status)).toEqual([
      'draft',
      'not_published',
      'not_published',
      'not_published',
      'not_published',
      'not_published',
    ]);
    // Serbia's coordinator sees its own report in full, and Albania's as not published.
    expect(byPartner(await round(rs), 'RS')).toMatchObject({ status: 'submitted', reported: n, assessed: 1 });
    expect(byPartner(await round(rs), 'AL')).toMatchObject({ status: 'not_published', reported: null, version: null });
    // The Commission, reviewers and admins see the state as it is.
    for (const insider of [commission, reviewer, admin]) {
      const summary = byPartner(await round(insider), 'RS')!;
      expect(summary).toMatchObject({ status: 'submitted', version: 4, commitments: n, reported: n, assessed: 1 });
      expect(summary.submittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    // Nor does the heat map, the partner's commitments or the round's exports tell Albania anything of RS's report.
    const objective = rsReport.entries[0]!.objective;
    const cell = async (user: TestUser | null) =>
      ((await call(user, 'GET', `/plans/${plan}/heatmap`)).json().cells as Cell[]).find(
        (c) => c.partner === 'RS' && c.objective === objective,
      )!;
    expect(await cell(commission)).toMatchObject({ assessed: 1, score: 2, level: 'some_progress' });
    expect(await cell(al)).toMatchObject({ assessed: 0, score: null, level: null });
    // Partners in the catalogue's order (Kosovo third), as in every chart and table, not by code.
    expect((await call(null, 'GET', `/plans/${plan}/heatmap`)).json().partners).toEqual(['AL', 'BA', 'XK', 'ME', 'MK', 'RS']);
    const rsCommitments = (await call(al, 'GET', '/partners/RS/commitments')).json().commitments as { plan: string; latest: object }[];
    expect(rsCommitments.filter((c) => c.plan === plan).map((c) => c.latest)).toEqual(
      Array(n).fill({ status: null, statusRound: null, assessment: null, assessmentRound: null, assessmentComment: null }),
    );
    const html = (await call(al, 'GET', `/rounds/${roundId}/report.html`)).body;
    expect(html).toContain('<h2>RS <small class="meta">Not published</small></h2>');
    expect(html).toContain('<h2>AL <small class="meta">Not reported</small></h2>');
    const csv = (await call(al, 'GET', `/rounds/${roundId}/export?format=csv`)).body.trim().split('\n');
    expect(csv.slice(1).map((line) => line.split(',')[2])).toEqual(['AL', 'AL', 'AL', 'AL', 'AL']);

    // The reviewer assesses the rest, the Commission publishes: now Albania sees RS's report state.
    const rest = rsReport.entries.map((e) => ({ commitment: e.commitment, assessment: 'some_progress' }));
    const assessed = await call(reviewer, 'PUT', `/rounds/${roundId}/reports/RS/assessments`, { version: 4, assessments: rest });
    expect(assessed.json()).toMatchObject({ status: 'assessed', version: 5 });
    const { version } = (await call(commission, 'GET', `/rounds/${roundId}`)).json();
    expect((await call(commission, 'POST', `/rounds/${roundId}/publish`, { version })).statusCode).toBe(200);
    for (const viewer of [al, null]) {
      const summary = byPartner(await round(viewer), 'RS')!;
      expect(summary).toMatchObject({ status: 'assessed', version: 5, commitments: n, reported: n, assessed: n });
      expect(summary.submittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(byPartner((await listed(viewer, `/plans/${plan}/rounds`))!, 'RS')).toEqual(summary);
      expect(await cell(viewer)).toMatchObject({ score: 2, level: 'some_progress' });
    }
    expect(byPartner(await round(al), 'BA')).toMatchObject({ status: 'draft', reported: 0, assessed: 0 });
    expect((await call(al, 'GET', `/rounds/${roundId}/report.html`)).body).toContain('<h2>RS <small class="meta">Assessed</small></h2>');
  });
});
