// Signing in as the institutions do it, in Chromium against a server of its own: JHA Hub is set up
// with an OpenID Connect provider configured like EU Login (client_secret_jwt, ID tokens signed
// PS512, oidc-provider in this test process) and with the second factor required for admins and the
// Commission. An admin is sent to set up TOTP before anything else and invites people; the invited
// coordinator signs in through the provider's sign-in page and lands with the role and partner of
// the invitation; an invited reviewer sets a password and turns on TOTP from the account page.
import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { startTestProvider, type TestProvider } from '../src/testing/oidc-provider';
import { DEMO, watchConsole } from './helpers';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

let op: TestProvider;
let server: ChildProcess;
let base: string;
let dataDir: string;
const invited = { coordinator: `ana.${Date.now()}@mup.example.me`, reviewer: `iva.${Date.now()}@experts.example.org` };
const links: Record<string, string> = {};
let adminSecret = '';
let adminRecoveryCode = '';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The code the authenticator app shows `steps` periods of 30 seconds from now. */
function codeFor(secret: string, steps = 0): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret.replace(/\s+/g, '')), timestamp: Date.now() + steps * 30_000 });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  op = await startTestProvider([
    {
      clientId: 'jha-e2e',
      auth: 'client_secret_jwt',
      redirectUri: `${base}/api/v1/auth/oidc/eulogin/callback`,
      postLogoutRedirectUri: `${base}/`,
    },
  ]);
  dataDir = mkdtempSync(join(tmpdir(), 'jha-e2e-sign-in-'));
  server = spawn(process.execPath, ['bin/jha.js', 'serve'], {
    cwd: join(import.meta.dirname, '..'),
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${join(dataDir, 'jha.sqlite')}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      JHA_DEMO: 'true',
      LOG_LEVEL: 'warn',
      MFA_REQUIRED_ROLES: 'admin,commission',
      OIDC_PROVIDERS: 'eulogin',
      OIDC_EULOGIN_ISSUER: op.issuer,
      OIDC_EULOGIN_CLIENT_ID: 'jha-e2e',
      OIDC_EULOGIN_CLIENT_SECRET: op.clientSecret,
      OIDC_EULOGIN_CLIENT_AUTH: 'client_secret_jwt',
      OIDC_EULOGIN_ID_TOKEN_ALG: 'PS512',
      OIDC_EULOGIN_LABEL: 'Sign in with EU Login',
    },
  });
  for (let i = 0; i < 240; i += 1) {
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server at ${base} did not become ready`);
});

test.afterAll(async () => {
  server?.kill();
  await op?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function passwordStep(page: Page, who: { email: string; password: string }) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test('an admin without a second factor is sent to set one up first, a wrong code is refused, and the admin invites people', async ({
  page,
}) => {
  const problems = watchConsole(page);
  await passwordStep(page, DEMO.admin);
  await expect(page.getByRole('heading', { name: 'Set up two-factor authentication' })).toBeVisible();
  await page.getByRole('button', { name: 'Start the set-up' }).click();
  await expect(page.getByRole('img', { name: 'QR code to add JHA Hub to your authenticator app' })).toBeVisible();
  adminSecret = (await page.getByLabel('Key for the authenticator app').textContent())!;
  await page.getByLabel('Code from your authenticator app').fill('000000');
  await page.getByRole('button', { name: 'Confirm and turn on' }).click();
  await expect(page.getByRole('alert')).toContainText('The code is wrong');
  await page.getByLabel('Code from your authenticator app').fill(codeFor(adminSecret));
  await page.getByRole('button', { name: 'Confirm and turn on' }).click();
  await expect(page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem')).toHaveCount(10);
  adminRecoveryCode = (await page.getByRole('listitem').first().textContent())!;
  await page.getByRole('button', { name: 'I have saved the codes — continue' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();

  // An invitation by the page (no SMTP here: the link is shown to hand over) …
  await page.getByRole('link', { name: 'Invitations' }).click();
  await page.getByRole('button', { name: 'Invite someone' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('E-mail').fill(invited.coordinator);
  await dialog.getByLabel('Name').fill('Ana Vuković');
  await dialog.getByRole('combobox', { name: 'Partner' }).fill('Montenegro');
  await page.getByRole('option', { name: 'ME — Montenegro' }).click();
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  links.coordinator = (await page.getByLabel('Invitation link').textContent())!.trim();
  expect(links.coordinator).toMatch(new RegExp(`^${base}/invitation#[\\w-]{43}$`));
  await expect(page.getByRole('row', { name: new RegExp(invited.coordinator.replace(/\./g, '\\.')) })).toContainText('pending');

  // … and one through the API, for a reviewer.
  const csrf = ((await (await page.request.get(`${base}/api/v1/me`)).json()) as { csrfToken: string }).csrfToken;
  const created = await page.request.post(`${base}/api/v1/invitations`, {
    headers: { 'x-csrf-token': csrf },
    data: { email: invited.reviewer, name: 'Iva Horvat', role: 'reviewer', domains: ['justice'] },
  });
  links.reviewer = ((await created.json()) as { link: string }).link;

  // Signing in again asks for the code after the password.
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await passwordStep(page, DEMO.admin);
  await expect(page.getByRole('heading', { name: 'Two-factor authentication' })).toBeVisible();
  await page.getByLabel('Code from your authenticator app').fill('123456');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert')).toContainText('The code is wrong');
  await page.getByLabel('Code from your authenticator app').fill(codeFor(adminSecret, 1));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
  // The QR code (an SVG data URL) and every page kept to the strict CSP.
  expect(problems).toEqual([]);
});

test('the invited coordinator signs in with the provider and lands with the role and partner of the invitation', async ({ page }) => {
  await page.goto(links.coordinator!);
  await expect(page.getByText(`You are invited to JHA Hub as ${invited.coordinator}`)).toBeVisible();
  await expect(page.getByText('National coordinator')).toBeVisible();
  await page.getByRole('button', { name: 'Sign in with EU Login' }).click();
  // The provider's own sign-in page.
  await expect(page).toHaveURL(new RegExp(`^${op.issuer}/interaction/`));
  await page.locator('input[name=login]').fill(invited.coordinator);
  await page.locator('input[name=password]').fill('whatever the provider asks');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await expect(page).toHaveURL(`${base}/`);
  await expect(page.getByRole('heading', { name: 'Welcome, Ana Vuković' })).toBeVisible();
  await expect(page.getByText('You work for Montenegro.')).toBeVisible();
  await expect(page.getByText('National coordinator')).toBeVisible();

  // Signing out ends the provider's session too (RP-initiated logout).
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(new RegExp(`^${op.issuer}/session/end`));
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page).toHaveURL(`${base}/`);
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();

  // The invitation is spent; signing in with the provider from the sign-in page works from now on.
  await page.goto(`${base}/sign-in`);
  await page.getByRole('link', { name: 'Sign in with EU Login' }).click();
  await page.locator('input[name=login]').fill(invited.coordinator);
  await page.locator('input[name=password]').fill('x');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await expect(page.getByText('You work for Montenegro.')).toBeVisible();
});

test('an unknown identity is sent to the "ask your administrator" page', async ({ page }) => {
  await page.goto(`${base}/sign-in`);
  await page.getByRole('link', { name: 'Sign in with EU Login' }).click();
  await page.locator('input[name=login]').fill(`nobody.${Date.now()}@example.org`);
  await page.locator('input[name=password]').fill('x');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await expect(page).toHaveURL(`${base}/sign-in/refused?reason=unknown`);
  await expect(page.getByRole('heading', { name: 'No access to JHA Hub yet' })).toBeVisible();
  await expect(page.getByText('Ask your administrator for access')).toBeVisible();
});

test('the invited reviewer sets a password, then turns on two-factor authentication in the account page', async ({ page }) => {
  await page.goto(links.reviewer!);
  await expect(page.getByText('Reviewer')).toBeVisible();
  await page.getByLabel('Choose a password').fill('a long and unusual passphrase');
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Iva Horvat' })).toBeVisible();
  // The link is spent and gone from the address bar.
  expect(page.url()).not.toContain('#');

  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Account' }).click();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Start the set-up' }).click();
  const secret = (await dialog.getByLabel('Key for the authenticator app').textContent())!;
  await dialog.getByLabel('Code from your authenticator app').fill(codeFor(secret));
  await dialog.getByRole('button', { name: 'Confirm and turn on' }).click();
  await expect(dialog.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem')).toHaveCount(10);
  const recovery = (await dialog.getByRole('listitem').first().textContent())!;
  await dialog.getByRole('button', { name: 'I have saved the codes' }).click();
  await expect(page.getByRole('status')).toHaveText('Two-factor authentication is on.');
  await expect(page.getByText('10 recovery codes left.')).toBeVisible();

  // From now on the password is followed by a code; a recovery code works once in its place.
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await passwordStep(page, { email: invited.reviewer, password: 'a long and unusual passphrase' });
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(recovery);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Iva Horvat' })).toBeVisible();
});

test('an admin resets the reviewer’s lost second factor on the users page; the reviewer signs in with the password alone', async ({
  page,
}) => {
  await passwordStep(page, DEMO.admin);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(adminRecoveryCode);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
  await page.getByRole('link', { name: 'Users' }).click();
  const row = page.getByRole('row', { name: new RegExp(invited.reviewer.replace(/\./g, '\\.')) });
  await expect(row).toContainText('2FA');
  await row.getByRole('button', { name: `Reset second factor ${invited.reviewer}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset second factor' }).click();
  await expect(page.getByRole('status')).toHaveText('Second factor reset; the user was signed out.');
  await expect(row).not.toContainText('2FA');

  const reviewer = await page.context().browser()!.newPage();
  await passwordStep(reviewer, { email: invited.reviewer, password: 'a long and unusual passphrase' });
  await expect(reviewer.getByRole('heading', { name: 'Welcome, Iva Horvat' })).toBeVisible();
  await reviewer.close();
});
