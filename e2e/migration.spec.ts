import { expect, test, type Page } from '@playwright/test';
import { DEMO, nav, publishedOnlySwitch, setPublishedOnly, signedInPage, signIn, watchConsole, workflowStep } from './helpers';

/** The previous calendar month (UTC), as the server counts it: a month the demo data does not have. */
function previousMonth(now = new Date()): { period: string; label: string } {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return {
    period: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`,
    label: d.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  };
}

/** Chooses the dashboard's month; the sections' titles then name it. */
async function chooseMonth(page: Page, label: string) {
  await page.getByRole('combobox', { name: 'Month' }).click();
  await page.getByRole('option', { name: label, exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Month' })).toHaveValue(label);
  await expect(page.getByRole('heading', { name: `The region, ${label}` })).toBeVisible();
}

const CENTRE_ALERT = /^Reception centre occupancy at or above 90 %: Obrenovac reception centre \(RS\)/;

test('a nearly full reception centre raises an early warning that a neighbour acknowledges', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const month = previousMonth();
  const problems = watchConsole(page);
  await signIn(page, DEMO.coordinatorRs);

  // Serbia's coordinator enters Obrenovac's figures for the month in the form: 850 of 900 beds taken.
  await page.goto(`/statistics/migration.reception/RS/${month.period}`);
  await expect(page.getByRole('heading', { name: `Reception centres (capacity and occupancy): Serbia, ${month.period}` })).toBeVisible();
  await page.getByRole('combobox', { name: 'Figures for' }).click();
  await page.getByRole('option', { name: 'Obrenovac reception centre (RS-RC-OBRENOVAC)' }).click();
  await page.getByRole('textbox', { name: 'Reception capacity, total' }).fill('900');
  await page.getByRole('textbox', { name: 'Persons accommodated at the end of the month, total' }).fill('850');
  const saved = page.waitForResponse(
    (r) => r.url().endsWith(`/submissions/migration.reception/RS/${month.period}/values`) && r.request().method() === 'PUT',
  );
  await page.getByRole('button', { name: 'Save draft' }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByRole('region', { name: 'Values' }).getByRole('status')).toContainText('Saved: 2 new');

  // The dashboard opens on the published figures; with "Published only" off the month shows the
  // centre's occupancy, marked as a draft, and the new warning.
  await nav(page).getByRole('link', { name: 'Migration' }).click();
  await expect(page.getByRole('heading', { name: 'Migration situation in the Western Balkans' })).toBeVisible();
  await setPublishedOnly(page, false);
  await chooseMonth(page, month.label);
  // Only a centre of Serbia has figures for the month, no partner as a whole: no regional values, and
  // how many partners reported in their place.
  await expect(page.getByRole('region', { name: `Key figures for the region, ${month.label}` }).getByRole('definition')).toHaveText([
    '0 of 6 partners reported — no regional value',
    '0 of 6 partners reported — no regional value',
    '0 of 6 partners reported — no regional value',
    '—',
    'Sum over 0 of 6 partners with figures',
    '—',
    'Sum over 0 of 6 partners with figures',
  ]);
  const centres = page.getByRole('table', { name: `Reception centres, ${month.label}` });
  await expect(centres.getByRole('row', { name: /Obrenovac reception centre/ })).toContainText('94.4 %');
  await expect(centres.getByRole('row', { name: /Obrenovac reception centre/ }).getByText('draft', { exact: true })).toBeVisible();
  await expect(centres.getByRole('progressbar', { name: 'Occupancy of Obrenovac reception centre: 94.4 %' })).toBeVisible();
  const feed = page.getByRole('region', { name: 'Early warnings' });
  const rsAlert = feed.getByRole('article', { name: CENTRE_ALERT });
  await expect(rsAlert).toContainText('94.4 % (≥ 90 %)');
  // A draft: the warning goes to Serbia and the Commission only, no neighbour reads Serbia's unpublished figures.
  await expect(rsAlert).toContainText('Acknowledged by 0 of 2: nobody yet.');
  // Serbia's own draft is in the reporting compliance grid.
  const reception = page.getByRole('table', { name: 'Reception centres (capacity and occupancy)' });
  await expect(
    reception.getByRole('link', { name: new RegExp(`^Open the submission of Serbia for ${month.label} \\(draft`) }),
  ).toBeVisible();

  // Serbia submits, the Commission approves and publishes: now Montenegro, a neighbour, is told.
  await workflowStep(page, `migration.reception/RS/${month.period}`, 'submit');
  const commission = await signedInPage(browser, DEMO.commission);
  await workflowStep(commission.page, `migration.reception/RS/${month.period}`, 'approve');
  await workflowStep(commission.page, `migration.reception/RS/${month.period}`, 'publish');
  await commission.context.close();

  // Montenegro is told: in the feed and by a notification. Its coordinator acknowledges.
  const me = await signedInPage(browser, DEMO.coordinatorMe);
  await nav(me.page).getByRole('link', { name: 'Migration' }).click();
  const meFeed = me.page.getByRole('region', { name: 'Early warnings' });
  const meAlert = meFeed.getByRole('article', { name: CENTRE_ALERT });
  await expect(meAlert).toContainText('to acknowledge');
  await me.page.getByRole('button', { name: /^Notifications \(\d+ unread\)$/ }).click();
  const notification = me.page.getByRole('menuitem', {
    name: /Early warning: Reception centre occupancy at or above 90 % — Obrenovac reception centre \(RS\)/,
  });
  await expect(notification).toBeVisible();
  await me.page.keyboard.press('Escape');
  const acknowledged = me.page.waitForResponse((r) => /\/migration\/alerts\/[^/]+\/ack$/.test(r.url()));
  await meAlert.getByRole('button', { name: /^Acknowledge/ }).click();
  expect((await acknowledged).status()).toBe(200);
  await expect(meAlert).toContainText('You acknowledged this warning');
  await expect(meAlert).toContainText('Acknowledged by 1 of 3: Demo Coordinator Montenegro (coordinator.me@example.org)');
  await expect(meAlert.getByRole('button', { name: /^Acknowledge/ })).toHaveCount(0);

  // The notification leads to the alert's page, with every recipient and who has acknowledged.
  await me.page.getByRole('button', { name: /^Notifications/ }).click();
  await notification.click();
  await expect(me.page).toHaveURL(/\/migration\/alerts\/[0-9a-f-]+$/);
  await expect(me.page.getByRole('heading', { level: 2, name: CENTRE_ALERT })).toBeVisible();
  const recipients = me.page.getByRole('table', { name: 'Recipients' });
  await expect(recipients.getByRole('row', { name: /coordinator\.me@example\.org/ })).not.toContainText('not yet');
  await expect(recipients.getByRole('row', { name: /coordinator\.rs@example\.org/ })).toContainText('not yet');

  // Serbia's coordinator sees Montenegro's acknowledgement.
  await page.reload();
  await expect(rsAlert).toContainText('Acknowledged by 1 of 3: Demo Coordinator Montenegro (coordinator.me@example.org)');

  expect(problems).toEqual([]);
  expect(me.problems).toEqual([]);
  await me.context.close();
});

test('an anonymous visitor sees the map and the published figures with their sources, and no early warnings', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/');
  await nav(page).getByRole('link', { name: 'Migration' }).click();
  await expect(page.getByRole('heading', { name: 'Migration situation in the Western Balkans' })).toBeVisible();
  await chooseMonth(page, 'December 2020');
  // Every partner reported its arrivals; no partner reported reception figures yet.
  const key = page.getByRole('region', { name: 'Key figures for the region, December 2020' });
  await expect(key.getByText('Western Balkans (6 of 6 partners)', { exact: true })).toBeVisible();
  await expect(key.getByText('Western Balkans (6 of 6 partners with figures in both months)', { exact: true })).toBeVisible();
  await expect(key.getByText('0 of 6 partners reported — no regional value', { exact: true })).toBeVisible();

  const map = page.getByRole('img', { name: /^Map of the Western Balkan partners coloured by irregular arrivals in December 2020/ });
  await expect(map.locator('canvas')).toHaveCount(1);
  await page.getByRole('radiogroup', { name: 'Colour the map by' }).getByText('Occupancy').click();
  await expect(page.getByRole('radio', { name: 'Occupancy' })).toBeChecked();
  await expect(page.getByRole('img', { name: /^Map of the Western Balkan partners coloured by the occupancy/ })).toBeVisible();

  await expect(page.getByRole('table', { name: 'Figures by partner, December 2020' }).getByRole('row', { name: /^Serbia/ })).toContainText(
    '3,653',
  );
  await expect(page.getByRole('img', { name: /^Line chart of Irregular arrivals detected by partner/ }).locator('canvas')).toHaveCount(1);
  await expect(
    page.getByRole('table', { name: 'Top citizenships of irregular arrivals, December 2020' }).getByRole('row', { name: /^Afghanistan/ }),
  ).toContainText('3,084');

  const sources = page.getByRole('list', { name: 'Sources' });
  await expect(sources.getByRole('listitem').filter({ hasText: 'UNHCR Serbia, update November 2020' })).not.toContainText('illustrative');
  await expect(sources.getByRole('listitem').filter({ hasText: 'Illustrative demo figure (not an official statistic)' })).toContainText(
    'illustrative, not an official statistic',
  );

  await expect(page.getByRole('region', { name: 'Early warnings' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Reporting compliance' })).toHaveCount(0);
  await expect(publishedOnlySwitch(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Notifications/ })).toHaveCount(0);
  expect(problems).toEqual([]);
});
