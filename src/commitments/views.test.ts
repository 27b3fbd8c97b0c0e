// The outputs of progress reporting: a round's exports and printable report, the overdue lists and a
// partner's commitments. Each test makes its own users, plan copy and round (./testing.ts).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { callApi, type TestUser } from '../testing/factories.js';
import { catalog, KPI_ROUND, loadShippedPlans, openRound, people, publishedRound, type Suite } from '../testing/commitments.js';

describeEachDatabase('commitments views', (get) => {
  let s: Suite;
  beforeAll(async () => {
    await loadShippedPlans(get().db);
    s = { db: get().db, app: await buildApp({ config: testConfig(get().config), db: get().db, logger: false, catalog }) };
  });
  afterAll(async () => s.app.close());

  const call = (user: TestUser | null, method: Parameters<typeof callApi>[2], url: string, payload?: unknown) =>
    callApi(s.app, user, method, url, payload);

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

  it('reports past the due date of an open round are overdue for signed-in users', async () => {
    const { commission, al } = await people(s);
    const { roundId } = await openRound(s, commission, 'firearms_ap_2020', KPI_ROUND);
    const list = (await call(al, 'GET', '/commitments/overdue')).json();
    expect(list.reports.filter((r: { round: string }) => r.round === roundId).map((r: { partner: string }) => r.partner)).toEqual([
      'AL',
      'BA',
      'ME',
      'MK',
      'RS',
      'XK',
    ]);
    expect((await call(null, 'GET', '/commitments/overdue')).json().reports).toEqual([]);
  });
});
