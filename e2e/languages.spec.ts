// The region's languages: a link that names one opens in it, the switch changes the page, its
// <html lang> and its number formats at once, the browser remembers it, and a signed-in user's
// choice follows them to another browser.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/**
 * A user of this test's own (the command line, on the run's database), so that no other test sees its
 * language change: a reviewer of organised crime only, a domain no other browser test works in (a
 * coordinator would be one more recipient of the migration tests' early warnings).
 */
function ownUser(): { email: string; password: string } {
  const who = { email: `languages.${Date.now()}@example.org`, password: 'a-long-test-password-42' };
  execFileSync(
    'node',
    [
      'bin/jha.js',
      'users',
      'add',
      '--email',
      who.email,
      '--role',
      'reviewer',
      '--domains',
      'organised_crime',
      '--name',
      'Lena Test',
      '--password-stdin',
    ],
    {
      cwd: join(import.meta.dirname, '..'),
      input: `${who.password}\n`,
      env: { ...process.env, DATABASE_URL: `sqlite:${join(process.env.E2E_DATA_DIR!, 'jha.sqlite')}`, LOG_LEVEL: 'warn' },
    },
  );
  return who;
}

test('a shared link opens in Albanian; the switch turns the page to Serbian Cyrillic, and the browser keeps it', async ({ page }) => {
  await page.goto('/?lang=sq');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sq');
  await expect(page.getByRole('heading', { level: 2, name: 'Drejtësia dhe Punët e Brendshme në Ballkanin Perëndimor' })).toBeVisible();
  await expect(page).toHaveTitle('Drejtësia dhe Punët e Brendshme në Ballkanin Perëndimor · JHA Hub');

  await page.getByRole('button', { name: /^shqip,/ }).click();
  await page.getByRole('menuitem', { name: 'српски' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sr-Cyrl');
  await expect(page).toHaveURL(/\?lang=sr-Cyrl$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Правосуђе и унутрашњи послови на Западном Балкану' })).toBeVisible();

  // Without ?lang the browser's last choice applies.
  await page.goto('/data');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sr-Cyrl');
  await expect(page.getByRole('button', { name: /^српски,/ })).toBeVisible();
});

test('a user’s language is kept in the profile and applies in another browser, with its number format', async ({ page, browser }) => {
  const who = ownUser();
  await signIn(page, who);
  await page.getByRole('button', { name: /^English,/ }).click();
  await page.getByRole('menuitem', { name: 'hrvatski' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'hr');

  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto('/sign-in');
  await expect(second.locator('html')).toHaveAttribute('lang', 'en');
  await second.getByLabel('E-mail').fill(who.email);
  await second.getByRole('textbox', { name: 'Password' }).fill(who.password);
  await second.getByRole('button', { name: 'Sign in' }).click();
  await expect(second.locator('html')).toHaveAttribute('lang', 'hr');
  await expect(second.getByRole('button', { name: /^hrvatski,/ })).toBeVisible();
  // Croatian writes numbers its way: Albania's clearance rate of the period shown with a decimal comma.
  await second.goto('/data/indicators/justice.clearance_rate?tab=table');
  const answer = (await (await second.request.get('/api/v1/indicators/justice.clearance_rate/values?publishedOnly=true')).json()) as {
    indicator: { decimals: number };
    values: { partner: string; period: string; orgUnit: string | null; value: number | null }[];
  };
  const period = (await second.getByRole('combobox', { name: 'Razdoblje' }).inputValue()).trim();
  const albania = answer.values.find((v) => v.partner === 'AL' && v.period === period && v.orgUnit === null)!.value!;
  const digits = answer.indicator.decimals;
  const written = new Intl.NumberFormat('hr', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(albania);
  expect(written).toMatch(/,\d+$/);
  // Partner names are the catalogue's, in Croatian too.
  await expect(second.getByRole('row', { name: /^Albanija / }).first()).toContainText(written);
  await other.close();
});
