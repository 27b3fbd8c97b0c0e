import { expect, test, type Page } from '@playwright/test';
import { DEMO, nav, signedInPage, watchConsole, workflow } from './helpers';

const PLAN = 'jap_ct_2018';
const PLAN_TITLE = 'Joint Action Plan on Counter-Terrorism for the Western Balkans';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
const DELAY = 'The law on the national database waits for the opinion of the data protection authority.';

/** Albania's five commitments in the plan, what the coordinator reports and what the reviewer assesses. */
const AL = [
  { action: '1.0', objective: '1', status: 'Completed', assessment: 'Fully implemented' },
  { action: '2.0', objective: '2', status: 'In progress', assessment: 'Some progress' },
  { action: '3.0', objective: '3', status: 'Delayed', narrative: DELAY, assessment: 'Limited progress' },
  { action: '4.0', objective: '4', status: 'Not started', assessment: 'No progress' },
  { action: '5.0', objective: '5', status: 'Completed', assessment: 'Significant progress' },
];

/** The section of one commitment in a progress report (its heading starts with the action code). */
const entry = (page: Page, action: string) => page.getByRole('region', { name: new RegExp(`^${action.replace('.', '\\.')} `) });

test('a reporting round: the Commission opens it, Albania reports, a reviewer assesses, the Commission publishes, everyone sees it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const title = `E2E progress report ${Date.now()}`;

  // The Commission opens a round for the counter-terrorism plan from the plan's page.
  const commission = await signedInPage(browser, DEMO.commission);
  const cp = commission.page;
  await nav(cp).getByRole('link', { name: 'Commitments' }).click();
  await cp.getByRole('region', { name: 'Action plans' }).getByRole('link', { name: PLAN_TITLE }).click();
  await expect(cp.getByRole('heading', { name: PLAN_TITLE, level: 2 })).toBeVisible();
  await expect(cp.getByText('summary').first()).toBeVisible();
  const form = cp.getByRole('form', { name: 'Open a reporting round' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Reporting period from').fill('2026-01-01');
  await form.getByLabel('Reporting period to').fill('2026-06-30');
  await form.getByLabel('Due date').fill('2026-07-31');
  await form.getByRole('button', { name: 'Open the round' }).click();
  await expect(cp.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  const roundPath = new URL(cp.url()).pathname;
  const roundId = roundPath.split('/').pop()!;
  const reportPath = `${roundPath}/reports/AL`;
  await expect(cp.getByRole('row', { name: /Albania/ })).toContainText('draft');

  // Albania's coordinator finds the open round and opens the report.
  const albania = await signedInPage(browser, DEMO.coordinator);
  const ap = albania.page;
  await nav(ap).getByRole('link', { name: 'Commitments' }).click();
  await ap.getByRole('region', { name: 'Open reporting rounds' }).getByRole('link', { name: title }).click();
  await ap.getByRole('link', { name: 'Open the report of Albania' }).first().click();
  await expect(ap).toHaveURL(reportPath);
  await expect(ap.getByRole('heading', { name: 'Progress report of Albania' })).toBeVisible();

  // A status for every commitment; the delayed one is explained.
  for (const c of AL) {
    await ap.getByRole('combobox', { name: `Status of action ${c.action}` }).selectOption({ label: c.status });
    if (c.narrative) await ap.getByRole('textbox', { name: `Narrative of action ${c.action}` }).fill(c.narrative);
  }

  // A PDF is accepted as evidence; an executable is refused with the server's reason and adds nothing.
  const first = entry(ap, '1.0');
  const evidence = first.getByRole('list', { name: 'Evidence for action 1.0' });
  const fileInput = first.locator('input[type="file"]');
  const uploaded = ap.waitForResponse((r) => r.url().includes(`/reports/AL/evidence?`) && r.request().method() === 'POST');
  await fileInput.setInputFiles({ name: 'training-report.pdf', mimeType: 'application/pdf', buffer: PDF });
  expect((await uploaded).status()).toBe(201);
  await expect(evidence.getByRole('listitem')).toHaveCount(1);
  const pdfLink = evidence.getByRole('link', { name: 'training-report.pdf' });
  await expect(pdfLink).toBeVisible();
  const download = await ap.request.get((await pdfLink.getAttribute('href'))!);
  expect(download.headers()['content-type']).toContain('application/pdf');

  const refused = ap.waitForResponse((r) => r.url().includes(`/reports/AL/evidence?`) && r.request().method() === 'POST');
  await fileInput.setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: EXE });
  expect((await refused).status()).toBe(400);
  await expect(first.getByRole('alert')).toContainText('files of type .exe are not accepted');
  await expect(evidence.getByRole('listitem')).toHaveCount(1);

  // Save, then submit.
  await workflow(ap).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(workflow(ap).getByRole('status')).toContainText('Saved: 5 commitments changed.');
  await workflow(ap).getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(workflow(ap).getByRole('status')).toContainText('Submitted for assessment.');
  await expect(ap.getByRole('combobox', { name: 'Status of action 1.0' })).toHaveCount(0);
  await expect(entry(ap, '3.0')).toContainText(DELAY);

  // Serbia's coordinator may neither read nor change Albania's report before publication.
  const serbia = await signedInPage(browser, DEMO.coordinatorRs);
  await serbia.page.goto(reportPath);
  await expect(serbia.page.getByRole('alert')).toContainText('The report of AL is visible to you once it is assessed and published.');
  await expect(serbia.page.getByRole('combobox')).toHaveCount(0);
  await expect(serbia.page.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  const serbianEdit = await serbia.page.evaluate(async (path) => {
    const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
    const response = await fetch(path, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ version: 1, entries: [] }),
    });
    return response.status;
  }, `/api/v1/rounds/${roundId}/reports/AL/entries`);
  expect(serbianEdit).toBe(403);

  // The reviewer reads the report and assesses every commitment.
  const reviewer = await signedInPage(browser, DEMO.reviewer);
  const rp = reviewer.page;
  await rp.goto(reportPath);
  await expect(entry(rp, '3.0')).toContainText(DELAY);
  await expect(entry(rp, '1.0').getByRole('link', { name: 'training-report.pdf' })).toBeVisible();
  for (const c of AL) await rp.getByRole('combobox', { name: `Assessment of action ${c.action}` }).selectOption({ label: c.assessment });
  await rp.getByRole('textbox', { name: 'Comment on the assessment of action 3.0' }).fill('Adoption of the law is overdue.');
  await workflow(rp).getByRole('button', { name: 'Save assessments' }).click();
  await expect(workflow(rp).getByRole('status')).toContainText('every commitment is assessed');

  // The Commission publishes the round.
  await cp.reload();
  await expect(cp.getByRole('row', { name: /Albania/ })).toContainText('assessed');
  await cp.getByRole('button', { name: 'Publish the round' }).click();
  // The round is past its due date: the dialog asks for nothing more than the confirmation.
  await cp.getByRole('dialog').getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(cp.getByRole('status')).toContainText('Published.');
  const printable = await cp.request.get(`/api/v1/rounds/${roundId}/report.html`);
  expect(printable.headers()['content-type']).toContain('text/html');
  expect(await printable.text()).toContain('Adoption of the law is overdue.');

  // An anonymous visitor sees the published assessment in the report and on the plan's heat map.
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  const problems = watchConsole(page);
  await page.goto(reportPath);
  await expect(page.getByRole('heading', { name: 'Progress report of Albania' })).toBeVisible();
  for (const c of AL) await expect(entry(page, c.action)).toContainText(c.assessment);
  await expect(entry(page, '3.0')).toContainText('Adoption of the law is overdue.');
  await expect(page.getByRole('combobox')).toHaveCount(0);

  await page.goto('/');
  await nav(page).getByRole('link', { name: 'Commitments' }).click();
  await page.getByRole('region', { name: 'Action plans' }).getByRole('link', { name: PLAN_TITLE }).click();
  await expect(page.getByRole('img', { name: /^Heat map of the progress/ })).toBeVisible();
  const table = page.getByRole('table', { name: 'Progress by partner and objective' });
  for (const c of AL) {
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${c.objective} `) }) });
    // Albania is the first partner column.
    await expect(row.getByRole('cell').first()).toContainText(c.assessment);
  }
  await expect(page.getByRole('region', { name: 'Reporting rounds' }).getByRole('link', { name: title })).toBeVisible();

  // The refused upload and Serbia's refusals are the only errors the browsers reported.
  expect(albania.problems).toEqual([expect.stringContaining('status of 400')]);
  expect(serbia.problems.every((p) => p.includes('status of 403'))).toBe(true);
  expect([...commission.problems, ...reviewer.problems, ...problems]).toEqual([]);
  await Promise.all([
    commission.context.close(),
    albania.context.close(),
    serbia.context.close(),
    reviewer.context.close(),
    visitor.close(),
  ]);
});

test('the Commission adds a rule-of-law recommendation and then edits its wording', async ({ browser }) => {
  const { page, problems, context } = await signedInPage(browser, DEMO.commission);
  const wording = `Strengthen the independence of the judicial council ${Date.now()}`;
  await page.goto('/commitments/plans/rol_recommendations_me');
  await expect(page.getByRole('heading', { name: 'Rule of Law Report recommendations: Montenegro', level: 2 })).toBeVisible();
  const form = page.getByRole('region', { name: 'Add recommendation' });
  await form.getByLabel('Pillar').selectOption({ label: 'Justice system' });
  await form.getByRole('textbox', { name: 'Recommendation', exact: true }).fill(wording);
  await form.getByLabel('Deadline (optional)').fill('2027-06-30');
  await expect(form.getByRole('checkbox', { name: 'Montenegro' })).toBeChecked();
  await form.getByRole('button', { name: 'Add recommendation' }).click();
  await expect(form.getByRole('status')).toHaveText(/^Recommendation justice\.R\d+ added\.$/);
  const row = page.getByRole('row', { name: new RegExp(wording) });
  await expect(row).toContainText('2027-06-30');

  await row.getByRole('button', { name: /^Edit justice\.R\d+$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Recommendation', exact: true }).fill(`${wording} (revised)`);
  await dialog.getByLabel('Deadline (optional)').fill('2027-12-31');
  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/plans/rol_recommendations_me/actions/'));
  await dialog.getByRole('button', { name: 'Save' }).click();
  expect((await saved).status()).toBe(204);
  await expect(dialog).toBeHidden();
  const revised = page.getByRole('row', { name: new RegExp(`${wording} \\(revised\\)`) });
  await expect(revised).toContainText('2027-12-31');

  // The public sees the revised recommendation, without the Commission's forms.
  const visitor = await browser.newPage();
  await visitor.goto('/commitments/plans/rol_recommendations_me');
  await expect(visitor.getByRole('row', { name: new RegExp(`${wording} \\(revised\\)`) })).toBeVisible();
  await expect(visitor.getByRole('button', { name: /^Edit / })).toHaveCount(0);
  await expect(visitor.getByRole('region', { name: 'Add recommendation' })).toHaveCount(0);
  await visitor.close();
  expect(problems).toEqual([]);
  await context.close();
});
