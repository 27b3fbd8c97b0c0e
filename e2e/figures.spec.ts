import { expect, test, type Page } from '@playwright/test';
import { DEMO, nav, publishedOnlySwitch, setPublishedOnly, signIn, signedInPage, watchConsole, workflowStep } from './helpers';

// A month before the demo figures, which no other test touches: only Albania's draft will be in it.
const PERIOD = '2019-12';
const MONTH = 'December 2019';
const NOT_PUBLISHED = 'Hatched: figures not yet published (draft, submitted, returned or approved).';
const TRIANGLES = 'Triangles: figures not yet published (draft, submitted, returned or approved).';

const partners = (page: Page) => page.getByRole('table', { name: `Figures by partner, ${MONTH}` });
const albania = (page: Page) => partners(page).getByRole('row', { name: /^Albania/ });
const keyFigures = (page: Page) => page.getByRole('region', { name: `Key figures for the region, ${MONTH}` });

test('a draft month is marked as draft for the Commission with "Published only" off, and shown nowhere else', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  await signIn(page, DEMO.coordinator);

  // Albania's coordinator enters the month's arrivals in the form, as an estimate, and saves the draft.
  await page.goto(`/statistics/migration.monthly/AL/${PERIOD}`);
  await expect(page.getByRole('heading', { name: `Monthly migration statistics: Albania, ${PERIOD}` })).toBeVisible();
  const total = 'Irregular arrivals detected, total';
  await page.getByRole('textbox', { name: total }).fill('1234');
  await page.getByRole('button', { name: `Comment on ${total}` }).click();
  await page.getByRole('combobox', { name: `Observation status of ${total}` }).selectOption('E');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('region', { name: 'Values' }).getByRole('status')).toContainText('Saved: 1 new');
  // The value keeps its observation status, shown as its code and explained.
  await expect(page.getByText('Observation status: E: estimated', { exact: true })).toHaveCount(1);
  const stored = (await (await page.request.get(`/api/v1/submissions/migration.monthly/AL/${PERIOD}`)).json()) as {
    status: string;
    releases: number;
    values: { variable: string; value: unknown; obsStatus: string | null }[];
  };
  expect(stored.status).toBe('draft');
  expect(stored.releases).toBe(0);
  expect(stored.values).toEqual([expect.objectContaining({ variable: 'arrivals.detected', value: 1234, obsStatus: 'E' })]);
  await expect(page.getByRole('region', { name: 'Releases and revisions' })).toContainText('Not published yet: no release.');

  // The Commission opens the dashboard of the month: it opens on the published figures, where Albania has none.
  const commission = await signedInPage(browser, DEMO.commission);
  const c = commission.page;
  await c.goto(`/migration?period=${PERIOD}`);
  await expect(c.getByRole('heading', { name: `The region, ${MONTH}` })).toBeVisible();
  await expect(publishedOnlySwitch(c)).toBeChecked();
  await expect(albania(c).getByRole('cell')).toHaveText(['—', '—', '—', '—', '—', '—']);
  await expect(albania(c).getByText('draft', { exact: true })).toHaveCount(0);
  await expect(keyFigures(c).getByRole('definition').first()).toHaveText('0 of 6 partners reported — no regional value');

  // "Published only" off: Albania's draft figure is there, marked as a draft, and the address says so.
  await setPublishedOnly(c, false);
  await expect(c).toHaveURL(new RegExp(`[?&]all=1`));
  await expect(albania(c).getByRole('cell').first()).toHaveText('1,234');
  await expect(albania(c).getByRole('rowheader')).toContainText('Albania');
  await expect(albania(c).getByText('draft', { exact: true })).toBeVisible();
  await expect(partners(c).getByText('draft', { exact: true })).toHaveCount(1);
  await expect(keyFigures(c).getByRole('definition').first()).toHaveText('1 of 6 partners reported — no regional value');
  await expect(c.getByText(NOT_PUBLISHED, { exact: true })).toBeVisible();
  // In the twelve months too: the point is a triangle, the table marks the value.
  const series = c.getByRole('table', { name: 'Irregular arrivals detected by partner and month' });
  await expect(
    series
      .getByRole('row', { name: /^Albania/ })
      .getByRole('cell')
      .last(),
  ).toHaveText('1,234draft');
  await expect(c.getByText(TRIANGLES, { exact: true })).toBeVisible();
  // The link reproduces the view.
  await c.reload();
  await expect(publishedOnlySwitch(c)).not.toBeChecked();
  await expect(albania(c).getByRole('cell').first()).toHaveText('1,234');

  // "Published only" on again: the draft figure is gone, a dash in its place.
  await setPublishedOnly(c, true);
  await expect(c).not.toHaveURL(/all=1/);
  await expect(albania(c).getByRole('cell')).toHaveText(['—', '—', '—', '—', '—', '—']);
  // (The reporting compliance grid further down names submissions' statuses, "draft" among them.)
  await expect(partners(c).getByText('draft', { exact: true })).toHaveCount(0);
  await expect(keyFigures(c).getByText('draft', { exact: true })).toHaveCount(0);
  await expect(c.getByText(`No figures in the twelve months up to ${MONTH}.`, { exact: true })).toBeVisible();
  await expect(c.getByText(NOT_PUBLISHED, { exact: true })).toHaveCount(0);

  // The indicator explorer opens on published figures too: the month is offered only with the drafts.
  await nav(c).getByRole('link', { name: 'Indicators' }).click();
  await expect(publishedOnlySwitch(c)).toBeChecked();
  await c.getByRole('combobox', { name: 'Indicator' }).click();
  await c.getByRole('option', { name: 'Irregular arrivals detected', exact: true }).click();
  await c.getByRole('combobox', { name: 'Period' }).click();
  await expect(c.getByRole('option', { name: PERIOD, exact: true })).toHaveCount(0);
  await c.keyboard.press('Escape');
  await setPublishedOnly(c, false);
  await c.getByRole('combobox', { name: 'Period' }).click();
  await c.getByRole('option', { name: PERIOD, exact: true }).click();
  const values = c.getByRole('table', { name: `Values by partner, ${PERIOD}` });
  await expect(
    values
      .getByRole('row', { name: /^AL — Albania/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('1,234draft');

  // The justice scoreboard opens on published figures as well; its links carry the choice to the partner profiles.
  await nav(c).getByRole('link', { name: 'Justice', exact: true }).click();
  await expect(c.getByRole('heading', { name: 'Justice scoreboard', level: 2 })).toBeVisible();
  await expect(publishedOnlySwitch(c)).toBeChecked();
  await setPublishedOnly(c, false);
  await c.getByRole('link', { name: 'Profile of Albania' }).click();
  await expect(c.getByRole('heading', { name: 'Albania: justice profile' })).toBeVisible();
  await expect(publishedOnlySwitch(c)).not.toBeChecked();

  // The public reads published figures only: no switch, even with the address of the view with drafts, and no draft.
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  const visitorProblems = watchConsole(visitor);
  await visitor.goto(`/migration?period=${PERIOD}&all=1`);
  await expect(visitor.getByRole('heading', { name: `The region, ${MONTH}` })).toBeVisible();
  await expect(publishedOnlySwitch(visitor)).toHaveCount(0);
  await expect(albania(visitor).getByRole('cell')).toHaveText(['—', '—', '—', '—', '—', '—']);
  await expect(visitor.getByText('draft', { exact: true })).toHaveCount(0);
  const answer = (await (await visitor.request.get(`/api/v1/migration/dashboard?period=${PERIOD}`)).json()) as {
    publishedOnly: boolean;
    partners: { partner: string; arrivals: number | null; status: string | null }[];
  };
  expect(answer.publishedOnly).toBe(true);
  expect(answer.partners.find((p) => p.partner === 'AL')).toMatchObject({ arrivals: null, status: null });
  await visitor.goto('/justice?all=1');
  await expect(visitor.getByRole('heading', { name: 'Justice scoreboard', level: 2 })).toBeVisible();
  await expect(publishedOnlySwitch(visitor)).toHaveCount(0);

  expect(problems).toEqual([]);
  expect(commission.problems).toEqual([]);
  expect(visitorProblems).toEqual([]);
  await Promise.all([commission.context.close(), anonymous.close()]);
});

/** A step with a text (reopen with its reason) through the API, as the page's signed-in user. */
async function reopen(page: Page, submission: string, reason: string): Promise<void> {
  const csrf = ((await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }).csrfToken;
  const { version } = (await (await page.request.get(`/api/v1/submissions/${submission}`)).json()) as { version: number };
  const r = await page.request.post(`/api/v1/submissions/${submission}/reopen`, {
    headers: { 'x-csrf-token': csrf },
    data: { version, reason },
  });
  expect(r.status()).toBe(200);
}

/** The partner's row of the explorer's table for the month, for "Persons accommodated". */
async function accommodatedOf(page: Page, partner: RegExp) {
  await page.getByRole('combobox', { name: 'Indicator' }).click();
  await page.getByRole('option', { name: 'Persons accommodated', exact: true }).click();
  await page.getByRole('combobox', { name: 'Period' }).click();
  await page.getByRole('option', { name: PERIOD, exact: true }).click();
  return page
    .getByRole('table', { name: `Values by partner, ${PERIOD}` })
    .getByRole('row', { name: partner })
    .getByRole('cell')
    .first();
}

test('a partial org-unit sum, the declaration that the list is complete, and a revised release', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  const submission = `migration.reception/ME/${PERIOD}`;
  await signIn(page, DEMO.coordinatorMe);

  // Montenegro's coordinator enters one of its two centres.
  await page.goto(`/statistics/${submission}`);
  await page.getByRole('combobox', { name: 'Figures for' }).click();
  await page.getByRole('option', { name: 'Božaj transit centre (ME-RC-BOZAJ)' }).click();
  await page.getByRole('textbox', { name: 'Reception capacity, total' }).fill('100');
  await page.getByRole('textbox', { name: 'Persons accommodated at the end of the month, total' }).fill('40');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('region', { name: 'Values' }).getByRole('status')).toContainText('Saved: 2 new');

  // The org-unit list is not declared complete: no partner total, how many org units reported instead.
  await page.goto('/indicators?all=1');
  await expect(await accommodatedOf(page, /^ME — Montenegro/)).toHaveText('partial: 1 org unit reporteddraft');

  // The coordinator declares the list complete: the partner's total is the centre's.
  await page.goto(`/statistics/${submission}`);
  const orgUnits = page.getByRole('region', { name: 'Org units' });
  const complete = orgUnits.getByRole('checkbox', { name: 'The list of org units is complete for this period' });
  await expect(complete).not.toBeChecked();
  // (The box follows the saved declaration: it is ticked once the server has it.)
  await complete.click();
  await expect(orgUnits.getByRole('status')).toHaveText('Declared complete. Version 2.');
  await expect(complete).toBeChecked();
  await page.goto('/indicators?all=1');
  await expect(await accommodatedOf(page, /^ME — Montenegro/)).toHaveText('40draft');

  // Published, reopened with a reason, corrected and published again.
  const commission = await signedInPage(browser, DEMO.commission);
  await workflowStep(page, submission, 'submit');
  await workflowStep(commission.page, submission, 'approve');
  await workflowStep(commission.page, submission, 'publish');
  await reopen(commission.page, submission, 'Božaj counted again at the end of the month.');
  await page.goto(`/statistics/${submission}`);
  await page.getByRole('combobox', { name: 'Figures for' }).click();
  await page.getByRole('option', { name: 'Božaj transit centre (ME-RC-BOZAJ)' }).click();
  await page.getByRole('textbox', { name: 'Persons accommodated at the end of the month, total' }).fill('45');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('region', { name: 'Values' }).getByRole('status')).toContainText('1 changed');
  await workflowStep(page, submission, 'submit');
  await workflowStep(commission.page, submission, 'approve');
  await workflowStep(commission.page, submission, 'publish');

  // The submission lists both releases and the value the second one revised.
  await page.reload();
  const history = page.getByRole('region', { name: 'Releases and revisions' });
  const releases = history.getByRole('table', { name: 'Releases' });
  await expect(releases.getByRole('row', { name: /^1 / })).toContainText('first publication');
  await expect(releases.getByRole('row', { name: /^2 / })).toContainText('Božaj counted again at the end of the month.');
  await expect(
    history.getByRole('table', { name: 'Revised values' }).getByRole('row').filter({ hasText: 'Božaj transit centre' }).getByRole('cell'),
  ).toHaveText(['Persons accommodated at the end of the month', 'Božaj transit centre', 'total', '40 → 45']);

  // Anyone reads the published figure, marked revised.
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  const visitorProblems = watchConsole(visitor);
  await visitor.goto('/indicators');
  const revised = await accommodatedOf(visitor, /^ME — Montenegro/);
  await expect(revised).toContainText('45');
  await expect(revised).toContainText('revised: This figure comes from release 2, which revised an earlier publication.');
  await expect(revised).not.toContainText('draft');

  expect(problems).toEqual([]);
  expect([...commission.problems, ...visitorProblems]).toEqual([]);
  await Promise.all([commission.context.close(), anonymous.close()]);
});
