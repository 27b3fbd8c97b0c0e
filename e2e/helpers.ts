import { expect, type Browser, type Page } from '@playwright/test';

export const DEMO = {
  admin: { email: 'admin@example.org', password: 'demo-admin-pass' },
  commission: { email: 'commission@example.org', password: 'demo-commission-pass' },
  reviewer: { email: 'reviewer@example.org', password: 'demo-reviewer-pass' },
  coordinator: { email: 'coordinator.al@example.org', password: 'demo-coordinator-pass' },
  coordinatorRs: { email: 'coordinator.rs@example.org', password: 'demo-coordinator-pass' },
  coordinatorMe: { email: 'coordinator.me@example.org', password: 'demo-coordinator-pass' },
} as const;

export async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto('/');
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
}

/** Collects what the browser reports as errors (CSP violations included) for the test to assert on. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  return problems;
}

/** A page signed in as `who` in a context of its own (a second person at another desk). */
export async function signedInPage(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watchConsole(page);
  await signIn(page, who);
  return { context, page, problems };
}

export const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });
export const workflow = (page: Page) => page.getByRole('region', { name: 'Workflow' });

/** One workflow step (submit, approve, publish) through the API, as the page's signed-in user. */
export async function workflowStep(page: Page, submission: string, action: 'submit' | 'approve' | 'publish'): Promise<void> {
  const csrf = ((await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }).csrfToken;
  const { version } = (await (await page.request.get(`/api/v1/submissions/${submission}`)).json()) as { version: number };
  const r = await page.request.post(`/api/v1/submissions/${submission}/${action}`, {
    headers: { 'x-csrf-token': csrf },
    data: { version },
  });
  if (r.status() !== 200) throw new Error(`${action} ${submission}: ${r.status()} ${await r.text()}`);
}

/** The "Published only" switch of a page with figures (signed-in users only). */
export const publishedOnlySwitch = (page: Page) => page.getByRole('switch', { name: 'Published only' });

/**
 * Turns "Published only" on or off and waits until it is (the choice goes through the address, so
 * the switch shows it a moment after the click).
 */
export async function setPublishedOnly(page: Page, on: boolean): Promise<void> {
  const toggle = publishedOnlySwitch(page);
  await expect(toggle).toHaveCount(1);
  if ((await toggle.isChecked()) !== on) await toggle.click();
  await expect(toggle).toBeChecked({ checked: on });
}
