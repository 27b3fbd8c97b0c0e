import { expect, test } from '@playwright/test';
import { DEMO, signIn, watchConsole } from './helpers';

test('an admin creates a coordinator, the coordinator signs in, the admin disables them, and the audit trail shows it all', async ({
  page,
  browser,
}) => {
  const problems = watchConsole(page);
  const email = `e2e.${Date.now()}@example.org`;
  await signIn(page, DEMO.admin);
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('E-mail').fill(email);
  await dialog.getByLabel('Name').fill('Ana Coordinator');
  // A new user is a national coordinator unless another role is chosen.
  await expect(dialog.getByRole('combobox', { name: 'Role' })).toHaveValue('National coordinator');
  await dialog.getByRole('combobox', { name: 'Partner' }).fill('Montenegro');
  await page.getByRole('option', { name: 'ME — Montenegro' }).click();
  await dialog.getByRole('textbox', { name: /^Password/ }).fill('a-good-long-password');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('User created.');
  const row = page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) });
  await expect(row).toContainText('ME');
  await expect(row).toContainText('active');

  const other = await browser.newPage();
  await signIn(other, { email, password: 'a-good-long-password' });
  await expect(other.getByText('You work for Montenegro.')).toBeVisible();
  await other.close();

  await row.getByRole('button', { name: `Disable ${email}` }).click();
  await expect(row).toContainText('disabled');

  await page.getByRole('link', { name: 'Audit trail' }).click();
  await page.getByLabel('Action code starts with').fill('user.');
  await page.getByRole('button', { name: 'Filter' }).click();
  // Each entry reads as a sentence: who (name, then e-mail), what in plain words, to whom, and the changed fields.
  const entries = page.getByRole('list', { name: 'Audit entries, newest first' }).getByRole('listitem').filter({ hasText: 'Demo Admin' });
  const created = entries.filter({ hasText: 'Created a user account' }).filter({ hasText: email }).first();
  await expect(created).toContainText('admin@example.org');
  await expect(created).toContainText(`User: Ana Coordinator ${email}`);
  await expect(created).toContainText('role: coordinator');
  const disabled = entries.filter({ hasText: 'Changed a user account' }).filter({ hasText: email }).first();
  await expect(disabled).toContainText('disabled: false → true');
  await expect(disabled.getByRole('listitem')).toHaveCount(1);
  // On a phone-wide screen the entries wrap instead of running off to the side.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(disabled).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByRole('status')).toContainText('Chain intact');
  expect(problems).toEqual([]);
});

test('an admin gets a clear message for a coordinator without partner', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('E-mail').fill(`bad.${Date.now()}@example.org`);
  await dialog.getByRole('textbox', { name: /^Password/ }).fill('a-good-long-password');
  // The browser's own required-field check is bypassed to see the server's answer.
  await dialog.locator('form').evaluate((f) => f.setAttribute('novalidate', ''));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('partner: a coordinator must be bound to exactly one partner.');
});
