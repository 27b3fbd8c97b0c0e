import { expect, test } from '@playwright/test';
import { DEMO, signIn, watchConsole, nav } from './helpers';

test('an admin signs in and sees user administration and the audit trail', async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, DEMO.admin);
  await expect(nav(page).getByRole('link', { name: 'Users' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Audit trail' })).toBeVisible();
  await expect(page.getByText('You can see the data of all partners.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Kosovo' }).or(page.getByLabel('Kosovo'))).toBeVisible();
  expect(problems).toEqual([]);
});

test('the commission sees the audit trail but not user administration', async ({ page }) => {
  await signIn(page, DEMO.commission);
  await expect(nav(page).getByRole('link', { name: 'Audit trail' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Users' })).toHaveCount(0);
  await page.goto('/admin/users');
  await expect(page.getByRole('alert')).toHaveText('Your role does not give access to this page.');
});

test('a reviewer sees neither administration page', async ({ page }) => {
  await signIn(page, DEMO.reviewer);
  await expect(nav(page).getByRole('link', { name: 'Overview' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expect(nav(page).getByRole('link', { name: 'Audit trail' })).toHaveCount(0);
});

test('a coordinator sees their own partner and is refused the audit trail', async ({ page }) => {
  await signIn(page, DEMO.coordinator);
  await expect(page.getByText('You work for Albania.')).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Audit trail' })).toHaveCount(0);
  await page.goto('/admin/audit');
  await expect(page.getByRole('alert')).toHaveText('Your role does not give access to this page.');
  const status = await page.evaluate(async () => (await fetch('/api/v1/users')).status);
  expect(status).toBe(403);
});

test('a wrong password is explained, and signing out returns to the sign-in page', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('E-mail').fill(DEMO.reviewer.email);
  await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The e-mail address or the password is wrong.');
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO.reviewer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to JHA Hub' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in to JHA Hub' })).toBeVisible();
});

test('signing in works with the keyboard alone', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('E-mail').focus();
  await page.keyboard.type(DEMO.reviewer.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO.reviewer.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
});

test('on a phone the navigation opens from the menu button', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, DEMO.admin);
  const usersLink = nav(page).getByRole('link', { name: 'Users' });
  await expect(usersLink).not.toBeInViewport();
  await page.getByRole('button', { name: 'Main navigation' }).click();
  await expect(usersLink).toBeInViewport();
  await usersLink.click();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await context.close();
});

test('on a phone the pages fit the screen and the plan’s heat map keeps every partner and whole objective titles', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const overflowing: string[] = [];
  for (const path of ['/', '/data', '/justice', '/migration', '/commitments', '/meetings', '/commitments/plans/jap_ct_2018']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) overflowing.push(`${path}: ${width}px`);
  }
  expect(overflowing).toEqual([]);
  const map = page.getByRole('img', { name: /^Heat map of the progress/ });
  await expect(map.locator('abbr')).toHaveText(['AL', 'BA', 'XK', 'ME', 'MK', 'RS']);
  const title = map.getByText(
    '1 A robust legal and strategic framework for counter-terrorism and for preventing and countering violent extremism',
  );
  await expect(title).toBeVisible();
  // Not cut: the whole title fits its box, and every partner's cell is on the screen, at least 30 px wide.
  expect(await title.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  const edges = await map.locator('.heat-cell').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect()));
  expect(edges).toHaveLength(30);
  expect(edges.filter((r) => r.left < 0 || r.right > 390 || r.width < 30)).toEqual([]);
  await context.close();
});
