import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn, watchConsole, signedInPage, workflow, workflowStep } from './helpers';

const SUBMISSION = '/statistics/justice.annual/AL/2025';
const API = '/api/v1/submissions/justice.annual/AL/2025';
const SERBIA = { email: 'coordinator.rs@example.org', password: 'demo-coordinator-pass' };

// Totals for Albania 2025: 1000 + 500 − 400 = 1100, not 1200, so the stock-flow rule warns.
const CSV = [
  'dataset,partner,org_unit,period,variable,case_category,instance,value,comment',
  'justice.annual,AL,,2025,cases.pending_start,,,1000,',
  'justice.annual,AL,,2025,cases.incoming,,,500,',
  'justice.annual,AL,,2025,cases.resolved,,,400,',
  'justice.annual,AL,,2025,cases.pending_end,,,1200,as reported by the courts',
].join('\n');

/** Explains every warning that has no explanation yet, one after the other. */
async function explainWarnings(page: Page, text: string) {
  const open = page.getByRole('article').filter({ has: page.getByRole('button', { name: 'Explain', exact: true }) });
  for (let left = await open.count(); left > 0; left -= 1) {
    const item = open.first();
    await item.getByRole('textbox', { name: 'Explanation' }).fill(text);
    await item.getByRole('button', { name: 'Explain', exact: true }).click();
    await expect(open).toHaveCount(left - 1);
  }
}

/** A moment `ms` from now as a `datetime-local` input takes it (the browser's time zone is this process's). */
function localInput(ms: number): string {
  const at = new Date(Date.now() + ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

async function statusOf(page: Page): Promise<string> {
  const response = await page.request.get(API);
  return ((await response.json()) as { status: string }).status;
}

test('a coordinator imports, explains and submits; a reviewer returns and approves; the Commission publishes', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  await signIn(page, DEMO.coordinator);

  // Import through the Import page: a dry run first, then for real.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Import data' }).click();
  await page.locator('input[type="file"]').setInputFiles({ name: 'albania-2025.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  await expect(page.getByRole('status')).toContainText('Check passed');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Imported');
  // The page lists the codes a file may use.
  const codes = page.getByRole('region', { name: 'Codes to use' });
  await codes.getByRole('button', { name: /^CEPEJ annual evaluation/ }).click();
  await expect(codes.getByRole('table', { name: 'Variables of CEPEJ annual evaluation' })).toContainText(
    'cases.pending_end Pending cases at 31 December',
  );

  // From the data collection list to the submission.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Statistics' }).click();
  await page.getByRole('combobox', { name: 'Period' }).click();
  await page.getByRole('option', { name: '2025', exact: true }).click();
  await expect(page.getByRole('row', { name: /Albania/ })).toContainText('draft');
  await page.getByRole('link', { name: 'Open the submission of Albania' }).click();
  await expect(page).toHaveURL(SUBMISSION);
  await expect(page.getByRole('heading', { name: 'CEPEJ annual evaluation: Albania, 2025' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Pending cases at 31 December, total' })).toHaveValue('1,200');

  const stockFlow = page.getByRole('article', { name: /^Warning: Pending at start \+ incoming − resolved/ });
  await expect(stockFlow).toBeVisible();
  await expect(stockFlow).toContainText(
    'Pending cases at 1 January plus incoming cases minus resolved cases (1,100) should equal pending cases at 31 December (1,200). The difference is −100.',
  );

  // Submitting is refused while the warning has no explanation.
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.getByRole('dialog', { name: 'Submit' }).getByRole('button', { name: 'Submit for review' }).click();
  await expect(workflow(page).getByRole('alert')).toContainText('1 warning needs a comment before submitting');
  await explainWarnings(page, 'A bulk transfer of 100 cases to the new administrative court is not counted as resolved.');
  await expect(stockFlow).toContainText('Explained by coordinator.al@example.org');
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.getByRole('dialog', { name: 'Submit' }).getByRole('button', { name: 'Submit for review' }).click();
  await expect(workflow(page).getByRole('status')).toHaveText('Submitted for review.');
  expect(await statusOf(page)).toBe('submitted');

  // Before publication another partner's coordinator cannot read it.
  const serbia = await signedInPage(browser, SERBIA);
  expect((await serbia.context.request.get(API)).status()).toBe(404);

  // The reviewer finds it among the tasks of the home page and in the bell.
  const reviewer = await signedInPage(browser, DEMO.reviewer);
  const task = reviewer.page
    .getByRole('list', { name: /^Your tasks/ })
    .getByRole('link', { name: 'Review CEPEJ annual evaluation, AL 2025' });
  await expect(task).toBeVisible();
  await reviewer.page.getByRole('button', { name: /^Notifications/ }).click();
  await expect(reviewer.page.getByRole('menuitem', { name: /To review: CEPEJ annual evaluation, AL 2025/ })).toBeVisible();
  await reviewer.page.keyboard.press('Escape');

  // The reviewer returns it with a comment.
  await task.click();
  await expect(reviewer.page).toHaveURL(SUBMISSION);
  await reviewer.page.getByRole('button', { name: 'Return', exact: true }).click();
  await reviewer.page
    .getByRole('dialog')
    .getByRole('textbox', { name: 'Comment for the partner' })
    .fill('Please check the pending cases at the end of the year.');
  await reviewer.page.getByRole('button', { name: 'Return to the partner' }).click();
  await expect(workflow(reviewer.page).getByRole('status')).toHaveText('Returned to the partner.');

  // The coordinator corrects the value in the form, saves and submits again.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Thread' })).toContainText('Please check the pending cases at the end of the year.');
  await page.getByRole('textbox', { name: 'Pending cases at 31 December, total' }).fill('1100');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('region', { name: 'Values' }).getByRole('status')).toContainText('1 changed');
  await expect(stockFlow).toHaveCount(0);
  await explainWarnings(page, 'Checked with the courts: the figures are right.');
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.getByRole('dialog', { name: 'Submit' }).getByRole('button', { name: 'Submit for review' }).click();
  await expect(workflow(page).getByRole('status')).toHaveText('Submitted for review.');

  // The reviewer approves.
  await reviewer.page.reload();
  await reviewer.page.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(workflow(reviewer.page).getByRole('status')).toHaveText('Approved.');
  // The coordinator is told, on the home page and in the bell.
  await page.goto('/');
  await expect(
    page.getByRole('region', { name: 'New for you' }).getByRole('link', { name: 'Approved: CEPEJ annual evaluation, AL 2025' }),
  ).toBeVisible();
  await page.getByRole('button', { name: /^Notifications/ }).click();
  await expect(page.getByRole('menuitem', { name: /Approved: CEPEJ annual evaluation, AL 2025/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.goto(SUBMISSION);
  expect((await serbia.context.request.get(API)).status()).toBe(404);

  // The Commission schedules the publication for tomorrow: nothing is public, the page says when.
  const commission = await signedInPage(browser, DEMO.commission);
  await commission.page.goto(SUBMISSION);
  await commission.page.getByRole('button', { name: 'Publish', exact: true }).click();
  const dialog = commission.page.getByRole('dialog', { name: 'Publish' });
  await dialog.getByRole('radio', { name: 'At a date and time (within a year)' }).check();
  await dialog.getByLabel('Publish at').fill(localInput(24 * 3_600_000));
  await dialog.getByRole('button', { name: 'Schedule the publication' }).click();
  await expect(workflow(commission.page).getByRole('status')).toContainText('The publication is scheduled for');
  await expect(workflow(commission.page).getByText(/^These figures become public on /)).toBeVisible();
  await expect(workflow(commission.page).getByRole('button', { name: 'Publish', exact: true })).toHaveCount(0);
  expect((await request.get(API)).status()).toBe(404);

  // It thinks better of it: reopening withdraws the schedule; once approved again, it publishes now.
  await workflow(commission.page).getByRole('button', { name: 'Reopen', exact: true }).click();
  await commission.page.getByRole('dialog').getByRole('textbox', { name: 'Reason for reopening' }).fill('Publish with the others.');
  await commission.page.getByRole('button', { name: 'Reopen for correction' }).click();
  await expect(workflow(commission.page).getByRole('status')).toHaveText('Reopened for correction.');
  await workflowStep(page, 'justice.annual/AL/2025', 'submit');
  await workflowStep(reviewer.page, 'justice.annual/AL/2025', 'approve');
  await commission.page.reload();
  await commission.page.getByRole('button', { name: 'Publish', exact: true }).click();
  await commission.page.getByRole('dialog', { name: 'Publish' }).getByRole('button', { name: 'Publish now' }).click();
  await expect(workflow(commission.page).getByRole('status')).toHaveText('Published.');

  // Published data is public, and now readable by Serbia's coordinator too.
  const anonymous = await request.get(API);
  expect(anonymous.status()).toBe(200);
  const published = (await anonymous.json()) as { status: string; values: { variable: string; coords: object; value: unknown }[] };
  expect(published.status).toBe('published');
  expect(published.values.find((v) => v.variable === 'cases.pending_end' && Object.keys(v.coords).length === 0)?.value).toBe(1100);
  expect((await serbia.context.request.get(API)).status()).toBe(200);

  // The one refused submit is the only error the browser reported.
  expect(problems).toEqual([expect.stringContaining('status of 422')]);
  expect([...reviewer.problems, ...commission.problems, ...serbia.problems]).toEqual([]);
  await Promise.all([serbia.context.close(), reviewer.context.close(), commission.context.close()]);
});

test('the indicator explorer shows a chart, the partners and the region', async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, DEMO.reviewer);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Indicators' }).click();
  await expect(page.getByRole('heading', { name: 'Indicators' })).toBeVisible();
  const bars = page.getByRole('img', { name: /^Bar chart of Clearance rate by partner/ });
  await expect(bars).toBeVisible();
  await expect(bars.locator('canvas')).toHaveCount(1);
  // 2022: every partner has demo figures, so the region's value and median stand on all six.
  await page.getByRole('combobox', { name: 'Period' }).click();
  await page.getByRole('option', { name: '2022', exact: true }).click();
  await expect(page.getByRole('rowheader', { name: 'Western Balkans (6 of 6 partners)', exact: true })).toBeVisible();
  await expect(page.getByRole('row', { name: /Median of the partners/ })).toBeVisible();
  await expect(page.getByText('computed by ratio of sums')).toBeVisible();
  const csv = page.getByRole('link', { name: 'Download CSV' });
  await expect(csv).toHaveAttribute('href', /\/api\/v1\/indicators\/justice\.clearance_rate\/values\?format=csv/);
  expect((await page.request.get((await csv.getAttribute('href'))!)).headers()['content-type']).toContain('text/csv');

  // The choices are in the address: a reload, or the link, shows the same view. (2022 is where it
  // opened: the latest year with a regional value, 2023 having Albania's figures only.)
  await page.getByRole('combobox', { name: 'Indicator' }).click();
  await page.getByRole('option', { name: 'Disposition time' }).click();
  await expect(page).toHaveURL(/\/indicators\?indicator=justice\.disposition_time$/);
  await page.getByRole('combobox', { name: 'Period' }).click();
  await page.getByRole('option', { name: '2021', exact: true }).click();
  await expect(page).toHaveURL(/\/indicators\?indicator=justice\.disposition_time&period=2021$/);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Indicator' })).toHaveValue('Disposition time');
  await expect(page.getByRole('combobox', { name: 'Period' })).toHaveValue('2021');
  expect(problems).toEqual([]);
});
