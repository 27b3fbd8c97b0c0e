import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO, signIn, watchConsole, signedInPage, nav, workflow } from './helpers';

const SUBMISSION = '/statistics/justice.annual/AL/2023';
const API = '/api/v1/submissions/justice.annual/AL/2023';
const CASES = readFileSync(join(import.meta.dirname, '..', 'examples', 'cases-AL.csv'));
const ILLUSTRATIVE = 'Illustrative demo figure (not an official statistic)';
/** Time for the submission page to draw its few hundred findings while the other worker runs too. */
const SLOW = 30_000;

interface Cell {
  variable: string;
  orgUnit: string | null;
  coords: Record<string, string>;
  value: unknown;
}

/** Explains the first warnings without explanation in the form, one after the other. */
async function explainInForm(page: Page, text: string, count: number) {
  const summary = page.getByRole('region', { name: 'Validation' }).getByText(/without explanation/);
  const unexplained = async () => Number(/(\d+) without explanation/.exec((await summary.textContent()) ?? '')?.[1]);
  for (let i = 0; i < count; i += 1) {
    const before = await unexplained();
    const item = page
      .getByRole('article')
      .filter({ has: page.getByRole('button', { name: 'Explain', exact: true }) })
      .first();
    await item.getByRole('textbox', { name: 'Explanation' }).fill(text);
    await item.getByRole('button', { name: 'Explain', exact: true }).click();
    await expect(summary).toContainText(`${before - 1} without explanation`, { timeout: SLOW });
  }
}

/** What stands in place of the regional value and median of 2023, when only Albania has published figures. */
const NO_REGION_2023 = '1 of 6 partners reported — no regional value';

/** The serious and critical WCAG 2.1 AA findings of axe in the mapping editor, as it stands. */
async function mappingFindings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .include('[aria-labelledby="mapping-title"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ resultTypes: ['violations'] })
    .analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

async function chooseYear(page: Page, year: string) {
  await page.getByRole('combobox', { name: 'Year' }).click();
  await page.getByRole('option', { name: year, exact: true }).click();
}

test('a coordinator imports case data, the Commission publishes it, and anyone sees it on the justice pages', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const problems = watchConsole(page);
  await signIn(page, DEMO.coordinator);

  // Upload the example case file; the import runs in the background and reports its progress.
  await nav(page).getByRole('link', { name: 'Import case data' }).click();
  await expect(page.getByRole('heading', { name: 'Import case data', level: 2 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Partner' })).toHaveValue('AL — Albania');
  await page.locator('input[type="file"]').setInputFiles({ name: 'cases-AL.csv', mimeType: 'text/csv', buffer: CASES });
  await page.getByRole('button', { name: 'Upload and import' }).click();
  const job = page.getByRole('region', { name: 'Import of cases-AL.csv' });
  await expect(job.getByRole('status')).toContainText('Import completed', { timeout: 60_000 });
  const counts = job.getByRole('table', { name: 'Counts' });
  await expect(counts.getByRole('row', { name: /Rows read/ })).toContainText('304');
  await expect(counts.getByRole('row', { name: /Cases imported/ })).toContainText('300');
  await expect(counts.getByRole('row', { name: /Rows rejected/ })).toContainText('4');
  const reasons = job.getByRole('table', { name: 'Rejected rows by reason' });
  for (const reason of [
    'Closed before it was filed',
    'Court unknown for this partner',
    'Filing date unreadable',
    'Case id appears more than once',
  ]) {
    await expect(reasons.getByRole('row', { name: new RegExp(reason) })).toContainText('1');
  }
  const rejected = await page.request.get((await job.getByRole('link', { name: /Download the rejected rows/ }).getAttribute('href'))!);
  expect(rejected.headers()['content-type']).toContain('text/csv');
  expect(await rejected.text()).toContain('closed_before_filed');
  await expect(page.getByRole('region', { name: 'Earlier imports' }).getByRole('row', { name: /cases-AL\.csv/ })).toContainText(
    'completed',
  );

  // The column mapping, in the guided form: the server's refusal names the line, required fields say what they miss.
  const mapping = page.getByRole('region', { name: 'Column mapping for AL' });
  const editor = mapping.getByRole('radiogroup', { name: 'Editor' });
  await expect(editor.getByRole('radio', { name: 'Guided form' })).toBeChecked();
  await expect(mapping.getByText('No mapping saved: files must have the standard columns.')).toBeVisible();
  await mapping.getByRole('textbox', { name: 'Column of the case number' }).fill('case_number');
  await mapping.getByRole('textbox', { name: 'Date format' }).fill('DD,MM,YYYY');
  await mapping.getByRole('button', { name: 'Add a case type' }).click();
  await mapping.getByRole('button', { name: 'Save mapping' }).click();
  const national = mapping.getByRole('textbox', { name: 'National case type 1' });
  await expect(national).toHaveAttribute('aria-invalid', 'true');
  await expect(national).toHaveAccessibleDescription(/Write the national code/);
  await expect(mapping.getByRole('combobox', { name: 'CEPEJ category 1' })).toHaveAccessibleDescription(/Choose the CEPEJ code/);
  expect(await mappingFindings(page)).toEqual([]);
  await national.fill('CIV-1');
  await mapping.getByRole('combobox', { name: 'CEPEJ category 1' }).selectOption('civil_litigious');
  await mapping.getByRole('button', { name: 'Save mapping' }).click();
  await expect(mapping.getByRole('alert').filter({ hasText: 'The mapping was not saved' })).toContainText(
    'mapping:3: date_format: "DD,MM,YYYY" is not a date format',
  );
  await mapping.getByRole('textbox', { name: 'Date format' }).fill('%d.%m.%Y');
  await mapping.getByRole('button', { name: 'Save mapping' }).click();
  await expect(mapping.getByRole('status')).toHaveText('Mapping saved.');
  // The same mapping as YAML, for experts; a key the form does not know keeps it in YAML.
  await editor.getByText('Edit as YAML', { exact: true }).click();
  const yaml = mapping.getByRole('textbox', { name: 'Mapping (YAML)' });
  await expect(yaml).toHaveValue('columns:\n  case_id: case_number\ndate_format: "%d.%m.%Y"\ncase_types:\n  CIV-1: civil_litigious\n');
  await yaml.fill('columns:\n  case_id: case_number\nfooter: 1\n');
  await editor.getByText('Guided form', { exact: true }).click();
  await expect(mapping.getByRole('alert').filter({ hasText: 'This mapping cannot be shown in the form' })).toContainText(
    'Line 3: the key “footer” is not part of the mapping format.',
  );
  await expect(editor.getByRole('radio', { name: 'Edit as YAML' })).toBeChecked();
  expect(await mappingFindings(page)).toEqual([]);
  await mapping.getByRole('button', { name: 'Discard changes' }).click();
  // Back to the standard columns, so that the file imports as before.
  await expect(mapping.getByRole('textbox', { name: 'National case type 1' })).toHaveValue('CIV-1');
  await mapping.getByRole('button', { name: 'Remove case type CIV-1' }).click();
  await mapping.getByRole('textbox', { name: 'Column of the case number' }).fill('');
  await mapping.getByRole('textbox', { name: 'Date format' }).fill('');
  await mapping.getByRole('button', { name: 'Save mapping' }).click();
  await expect(mapping.getByRole('status')).toHaveText('Mapping saved.');

  // The draft submission the import filled: its values and findings.
  await job.getByRole('link', { name: 'Open the draft submission for 2023' }).click();
  await expect(page).toHaveURL(SUBMISSION);
  // A few hundred findings make this page slow to draw on a loaded machine.
  await expect(page.getByRole('heading', { name: 'CEPEJ annual evaluation: Albania, 2023' })).toBeVisible({ timeout: SLOW });
  const stored = (await (await page.request.get(API)).json()) as { status: string; values: Cell[] };
  expect(stored.status).toBe('draft');
  const incoming = stored.values.find(
    (v) =>
      v.variable === 'cases.incoming' &&
      v.orgUnit === null &&
      v.coords.case_category === 'civil_litigious' &&
      v.coords.instance === 'first',
  );
  expect(typeof incoming?.value).toBe('number');
  await page.getByRole('button', { name: 'Show breakdown of Incoming cases' }).click();
  await expect(page.getByRole('textbox', { name: 'Incoming cases, Civil and commercial litigious, First instance' })).toHaveValue(
    (incoming!.value as number).toLocaleString('en-GB'),
  );
  expect(stored.values.some((v) => v.orgUnit === 'AL-CRT-TIRANA')).toBe(true);

  // Against the demo figures of 2022 the counts of 300 cases warn (carry-over, outliers): submitting
  // is refused until every warning is explained.
  await expect(page.getByRole('article', { name: /^Warning: Pending at 1 January should equal last year/ }).first()).toBeVisible({
    timeout: SLOW,
  });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.getByRole('dialog', { name: 'Submit' }).getByRole('button', { name: 'Submit for review' }).click();
  await expect(workflow(page).getByRole('alert')).toContainText(/\d+ warnings need a comment before submitting/, { timeout: SLOW });
  const explanation = 'The example file holds a sample of 300 cases of three courts, not the whole court network.';
  await explainInForm(page, explanation, 2);
  // The rest share one explanation, given once for all of them.
  await page.getByRole('textbox', { name: /^One explanation for all \d+ unexplained warnings/ }).fill(explanation);
  await page.getByRole('button', { name: 'Explain all', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Validation' })).toContainText(/0 errors to correct, \d+ warnings, 0 without explanation/, {
    timeout: SLOW,
  });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.getByRole('dialog', { name: 'Submit' }).getByRole('button', { name: 'Submit for review' }).click();
  await expect(workflow(page).getByRole('status')).toHaveText('Submitted for review.', { timeout: SLOW });

  // The Commission approves and publishes.
  const commission = await signedInPage(browser, DEMO.commission);
  await commission.page.goto(SUBMISSION);
  await commission.page.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(workflow(commission.page).getByRole('status')).toHaveText('Approved.', { timeout: SLOW });
  await commission.page.getByRole('button', { name: 'Publish', exact: true }).click();
  await commission.page.getByRole('dialog', { name: 'Publish' }).getByRole('button', { name: 'Publish now' }).click();
  await expect(workflow(commission.page).getByRole('status')).toHaveText('Published.', { timeout: SLOW });

  // Anyone, without signing in: the scoreboard for 2023.
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  const visitorProblems = watchConsole(visitor);
  await visitor.goto('/justice');
  await expect(visitor.getByRole('heading', { name: 'Justice scoreboard', level: 2 })).toBeVisible();
  await expect(visitor.getByRole('button', { name: 'Sign in' }).or(visitor.getByRole('link', { name: 'Sign in' }))).toBeVisible();
  // It opens on 2022, the latest year with a regional value: for 2023 only Albania has published figures.
  await expect(visitor.getByRole('combobox', { name: 'Year' })).toHaveValue('2022');
  const clearance2022 = visitor.getByRole('region', { name: 'Clearance rate, 2022' });
  await expect(clearance2022.getByRole('rowheader', { name: 'Western Balkans (6 of 6 partners)', exact: true })).toBeVisible();
  await expect(
    clearance2022.getByText('Lines: the regional value and the median of the 6 of 6 partners with data.', { exact: true }),
  ).toBeVisible();
  await chooseYear(visitor, '2023');
  const clearance = visitor.getByRole('region', { name: 'Clearance rate, 2023' });
  // One partner is not a region: no regional value and no median, and how many partners reported instead.
  await expect(clearance.getByRole('row', { name: /^Western Balkans/ }).getByRole('cell')).toHaveText(NO_REGION_2023);
  await expect(clearance.getByRole('row', { name: /^Median of the partners/ }).getByRole('cell')).toHaveText(NO_REGION_2023);
  await expect(clearance.getByText(NO_REGION_2023, { exact: true })).toHaveCount(3);
  await expect(clearance.getByText('A regional value and a median need at least 4 of the 6 partners.', { exact: true })).toBeVisible();
  await expect(
    visitor.getByRole('table', { name: 'Values by partner over time' }).getByRole('row', { name: /^Western Balkans/ }),
  ).toContainText(NO_REGION_2023);
  const bars = clearance.getByRole('img', { name: /^Bar chart of Clearance rate by partner for 2023/ });
  await expect(bars).toBeVisible();
  await expect(bars.locator('canvas')).toHaveCount(1);
  const published = (await (
    await visitor.request.get('/api/v1/indicators/justice.clearance_rate/values?partner=AL&period=2023')
  ).json()) as { values: { value: number }[] };
  await expect(clearance.getByRole('row', { name: /Albania/ })).toContainText(published.values[0]!.value.toFixed(2));
  // The explanation of the region row (the indicators' metadata says 'ratio of sums' too).
  await expect(visitor.getByRole('listitem').filter({ hasText: 'is a ratio of sums' })).toBeVisible();
  const csv = clearance.getByRole('link', { name: /^Download CSV/ });
  await expect(csv).toHaveAttribute('href', /\/api\/v1\/indicators\/justice\.clearance_rate\/values\?period=2023&format=csv/);
  expect((await visitor.request.get((await csv.getAttribute('href'))!)).headers()['content-type']).toContain('text/csv');

  // The courts of Albania, longest disposition time first.
  await visitor.getByRole('link', { name: 'Courts of Albania' }).click();
  const courts = visitor.getByRole('table', { name: 'Courts of Albania, 2023' });
  await expect(courts.getByRole('row', { name: /Tirana District Court/ })).toBeVisible();
  await expect(courts.getByRole('row', { name: /Longest disposition time/ })).toHaveCount(1);
  await expect(visitor.getByRole('img', { name: /^Bar chart of the disposition time of the courts of Albania/ })).toBeVisible();

  // Albania's profile: the key indicators against the median and the correspondent's comments on the demo figures.
  // It opens on 2022 too, not on 2023 where Albania alone reported.
  await visitor.goto('/justice/AL');
  await expect(visitor.getByRole('heading', { name: 'Albania: justice profile' })).toBeVisible();
  await expect(visitor.getByRole('combobox', { name: 'Year' })).toHaveValue('2022');
  const key2022 = visitor.getByRole('table', { name: 'Key indicators of Albania, 2022' }).getByRole('row', { name: /^Clearance rate/ });
  await expect(key2022.getByRole('cell').nth(2)).toHaveText(/^[\d.,]+6 of 6 partners$/);
  await expect(visitor.getByRole('region', { name: 'Correspondent’s comments, 2022' })).toContainText(ILLUSTRATIVE);
  // In 2023 there is no median to be at, above or below.
  await chooseYear(visitor, '2023');
  const key2023 = visitor.getByRole('table', { name: 'Key indicators of Albania, 2023' }).getByRole('row', { name: /^Clearance rate/ });
  await expect(key2023.getByRole('cell')).toHaveText([
    published.values[0]!.value.toFixed(2),
    NO_REGION_2023,
    NO_REGION_2023,
    'no regional median to compare with',
  ]);
  await expect(
    visitor.getByRole('table', { name: 'Key indicators of Albania, 2023' }).getByText('at the median', { exact: true }),
  ).toHaveCount(0);
  await expect(visitor.getByText(`2023: ${NO_REGION_2023}`, { exact: true })).toBeVisible();

  // The refused mapping and the one refused submit are the only errors the browsers reported.
  expect(problems).toEqual([expect.stringContaining('status of 400'), expect.stringContaining('status of 422')]);
  expect([...commission.problems, ...visitorProblems]).toEqual([]);
  await Promise.all([commission.context.close(), anonymous.close()]);
});

test('an anonymous visitor starts on the public landing and signs in from the header', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/');
  await expect(nav(page).getByRole('link', { name: 'Justice scoreboard' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Indicators' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Statistics' })).toHaveCount(0);
  await page.goto('/justice/import');
  await expect(page.getByText('Sign in to open this page.')).toBeVisible();
  await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/sign-in');
  await page.getByLabel('E-mail').fill(DEMO.reviewer.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO.reviewer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Justice', exact: true })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Import case data' })).toHaveCount(0);
  expect(problems).toEqual([]);
});
