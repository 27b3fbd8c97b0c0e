// The account page: how notifications arrive by e-mail is the user's choice, kept across visits.
import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './helpers';

test('a reviewer chooses one e-mail digest a day instead of each notification', async ({ page }) => {
  await signIn(page, DEMO.reviewer);
  await page.goto('/account');
  const choice = page.getByRole('radiogroup', { name: /send me notifications by e-mail/ });
  await expect(choice.getByRole('radio', { name: 'Each one as it happens' })).toBeChecked();
  await choice.getByRole('radio', { name: 'One digest a day' }).check();
  await expect(page.getByRole('region', { name: 'Notifications by e-mail' }).getByRole('status')).toHaveText('Saved.');
  await page.reload();
  await expect(choice.getByRole('radio', { name: 'One digest a day' })).toBeChecked();
  const saved = await page.request.get('/api/v1/me/email-preference');
  expect(await saved.json()).toEqual({ emailPreference: 'daily' });
});
