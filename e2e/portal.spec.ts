// The public portal as an anonymous visitor on the demo data: the data catalogue's search, an
// indicator page whose view lives in the address, the SDMX-CSV of that view, and a partner profile
// with its PDF.
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { nav, watchConsole } from './helpers';

const YEAR = '2021';

test('the public finds the clearance rate in the catalogue, maps a year, downloads its SDMX-CSV and opens Albania’s profile as PDF', async ({
  page,
}) => {
  const problems = watchConsole(page);
  await page.goto('/');
  await nav(page).getByRole('link', { name: 'Data', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Data catalogue' })).toBeVisible();

  // The search narrows the catalogue and goes into the address.
  const indicators = page.getByRole('region', { name: /^Indicators \(/ });
  await expect(indicators.getByRole('link', { name: 'Disposition time', exact: true })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search' }).fill('clearance');
  await expect(page).toHaveURL(/[?&]q=clearance/);
  await expect(indicators.getByRole('link', { name: 'Disposition time', exact: true })).toHaveCount(0);
  const entry = indicators.getByRole('row', { name: /Clearance rate/ });
  await expect(entry).toContainText(/\d{4} – \d{4}/);
  await expect(entry).toContainText('6 of 6 partners');
  await entry.getByRole('link', { name: 'Clearance rate', exact: true }).click();
  await expect(page).toHaveURL('/data/indicators/justice.clearance_rate');
  await expect(page.getByRole('heading', { level: 2, name: 'Clearance rate' })).toBeVisible();

  // The map tab and a year: both in the address, so that a reload (or a copied link) shows the same view.
  await page.getByRole('tab', { name: 'Map' }).click();
  await page.getByRole('combobox', { name: 'Period' }).click();
  await page.getByRole('option', { name: YEAR, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`tab=map.*period=${YEAR}|period=${YEAR}.*tab=map`));
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Map' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('combobox', { name: 'Period' })).toHaveValue(YEAR);
  await expect(
    page.getByRole('img', { name: new RegExp(`^Map of the Western Balkan partners coloured by Clearance rate, ${YEAR}`) }),
  ).toBeVisible();
  const table = page.getByRole('table', { name: `Clearance rate by partner, ${YEAR}, total` });
  await expect(table.getByRole('row', { name: /^Albania/ })).toBeVisible();
  // Kosovo is named with the asterisk of its designation footnote, which the page gives once.
  await expect(table.getByRole('rowheader', { name: 'Kosovo*', exact: true })).toBeVisible();
  await expect(page.getByText(/^\* This designation is without prejudice to positions on status/)).toHaveCount(1);

  // The SDMX-CSV of this view: the SDMX-CSV 2.0 header, and rows of the chosen year only.
  const downloads = page.getByRole('region', { name: 'Downloads' });
  const [sdmx] = await Promise.all([
    page.waitForEvent('download'),
    downloads.getByRole('link', { name: `SDMX-CSV: This view (${YEAR}, total)` }).click(),
  ]);
  const [header = '', ...rows] = (await readFile((await sdmx.path())!, 'utf8')).trim().split(/\r?\n/);
  expect(header.startsWith('STRUCTURE,STRUCTURE_ID,ACTION,')).toBe(true);
  const columns = header.split(',');
  const cells = rows.map((r) => r.split(','));
  expect(new Set(cells.map((c) => c[columns.indexOf('TIME_PERIOD')]))).toEqual(new Set([YEAR]));
  // One row per partner with a published figure for the year (the demo publishes all six), and the region's.
  expect(cells.map((c) => c[columns.indexOf('REF_AREA')]).sort()).toEqual(['AL', 'BA', 'ME', 'MK', 'RS', 'WB6', 'XK']);

  // Labels as codes and names: the table and the CSV of the view follow the switch.
  await page.getByText('Both', { exact: true }).click();
  await expect(page).toHaveURL(/labels=both/);
  await expect(table.getByRole('rowheader', { name: 'AL — Albania', exact: true })).toBeVisible();
  const csv = await downloads.getByRole('link', { name: /^CSV: This view/ }).getAttribute('href');
  expect(csv).toContain(`period=${YEAR}`);
  expect(csv).toContain('labels=both');
  expect(csv).toContain('format=csv');

  // Albania's profile from its row, and the profile as a PDF.
  await table.getByRole('link', { name: 'Profile of Albania' }).click();
  await expect(page).toHaveURL('/data/partners/AL');
  await expect(page.getByRole('heading', { name: 'Albania: partner profile' })).toBeVisible();
  const justice = page.getByRole('table', { name: /^Justice system performance.*Albania/ });
  await expect(justice.getByRole('row', { name: /Clearance rate/ })).toContainText('of 6 partners');
  await expect(page.getByText(/^Last release: /).first()).toBeVisible();
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
  expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe('%PDF-');

  // The switcher opens another partner's profile.
  await page.getByRole('combobox', { name: 'Partner' }).click();
  await page.getByRole('option', { name: 'Serbia', exact: true }).click();
  await expect(page).toHaveURL('/data/partners/RS');
  await expect(page.getByRole('heading', { name: 'Serbia: partner profile' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('the release calendar lists what was published and what is due, in public', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/data');
  await page.getByRole('link', { name: 'Release calendar' }).click();
  await expect(page).toHaveURL('/data/releases');
  await expect(page.getByRole('heading', { level: 2, name: 'Release calendar' })).toBeVisible();
  const past = page.getByRole('region', { name: 'Published in the last six months' });
  // The demo publishes Albania's CEPEJ figures: a first release of the annual evaluation.
  await expect(past.getByRole('row', { name: /CEPEJ annual evaluation AL/ }).first()).toContainText('First release');
  await expect(page.getByRole('region', { name: 'Scheduled' })).toContainText('No publication is scheduled.');
  await expect(
    page
      .getByRole('region', { name: 'Expected' })
      .getByRole('row', { name: /of \d partners/ })
      .first(),
  ).toBeVisible();
  expect(problems).toEqual([]);
});

test('the metadata tab lists the revisions of the indicator’s data', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/data/indicators/justice.clearance_rate?tab=metadata');
  const revisions = page.getByRole('region', { name: 'Revisions' });
  await expect(revisions).toBeVisible();
  await expect(revisions).toContainText(/No published figure of this indicator’s data has been revised\.|Revision \(release \d+\)/);
  expect(problems).toEqual([]);
});
