// The domain pages, made from the catalogue alone: the justice domain as the public sees it (an
// indicator with its regional figure and the partners it stands on), and a domain that exists only
// in a catalogue file added for the test, served by a server of the test's own (JHA_CATALOG_DIR
// pointing at a copy of catalogs/ with that file added).
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchConsole } from './helpers';

const ROOT = join(import.meta.dirname, '..');

test('the justice domain shows the clearance rate with its regional figure and coverage', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/data/domains/justice');
  await expect(page.getByRole('heading', { level: 2, name: 'Justice' })).toBeVisible();
  const card = page.getByRole('region', { name: 'Clearance rate', exact: true });
  await expect(card.getByRole('link', { name: 'Clearance rate' })).toHaveAttribute('href', '/data/indicators/justice.clearance_rate');
  // The latest regional value, named with the partners it stands on, and the median.
  await expect(card.getByText(/^Latest period: \d{4}$/)).toBeVisible();
  await expect(card.getByText(/^Western Balkans \(\d of 6 partners\)$/)).toBeVisible();
  await expect(card.getByText(/^\d[\d,.]* %$/).first()).toBeVisible();
  await expect(card.getByText(/^Median \(\d of 6 partners\)$/)).toBeVisible();
  // The last periods in a table, each regional figure with its coverage.
  const trend = card.getByRole('table', { name: /Clearance rate: the regional value and the median/ });
  await expect(
    trend
      .getByRole('row')
      .nth(1)
      .getByText(/^\d of 6 partners$/)
      .first(),
  ).toBeVisible();
  // The datasets' reporting status and the way back to the catalogue.
  const status = page.getByRole('region', { name: 'Reporting status' });
  await expect(status.getByRole('table', { name: /CEPEJ annual evaluation: the partners that have published/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Linked commitments' })).toBeVisible();
  await expect(page.locator('main .mantine-Loader-root')).toHaveCount(0);
  // Nothing wider than a phone (the tables scroll inside their own box).
  await page.setViewportSize({ width: 390, height: 800 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(problems).toEqual([]);
});

test('the catalogue links each domain to its page', async ({ page }) => {
  await page.goto('/data');
  await page.getByRole('region', { name: 'Domains' }).getByRole('link', { name: 'Migration' }).click();
  await expect(page).toHaveURL(/\/data\/domains\/migration$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Migration' })).toBeVisible();
});

/** A catalogue file of a domain no page was written for: one dataset, one variable, one indicator. */
const TEST_CATALOGUE = `domain: test_area
label: Test area (added for the browser test)
variables:
  - code: test_area.cases
    label: Test cases
    unit: cases
    kind: flow
  - code: test_area.population
    label: Test population
    unit: persons
    kind: stock
datasets:
  - code: test_area.annual
    label: Test area annual collection
    period: yearly
    level: [partner]
    due_days: 90
    variables: [test_area.cases, test_area.population]
indicators:
  - code: test_area.case_rate
    label: Test cases per 1000 inhabitants
    description: Test cases per 1000 inhabitants.
    numerator: test_area.cases
    denominator: test_area.population
    factor: 1000
    unit: per 1000
    decimals: 1
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function ready(url: string, child: ChildProcess, output: () => string): Promise<void> {
  // A new demo database is seeded first (every catalogue's figures): up to a minute or two on a busy machine.
  const until = Date.now() + 150_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server stopped (${child.exitCode}): ${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not start: ${output()}`);
}

test.describe('a catalogue file added only for the test', () => {
  let server: ChildProcess | undefined;
  let base = '';
  let dir = '';

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    dir = mkdtempSync(join(tmpdir(), 'jha-e2e-domains-'));
    const catalogs = join(dir, 'catalogs');
    mkdirSync(catalogs);
    for (const name of readdirSync(join(ROOT, 'catalogs')).filter((n) => n.endsWith('.yaml'))) {
      copyFileSync(join(ROOT, 'catalogs', name), join(catalogs, name));
    }
    writeFileSync(join(catalogs, 'test-area.yaml'), TEST_CATALOGUE);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    let output = '';
    server = spawn(process.execPath, ['bin/jha.js', 'serve'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: `sqlite:${join(dir, 'jha.sqlite')}`,
        PORT: String(port),
        HOST: '127.0.0.1',
        JHA_DEMO: 'true',
        JHA_CATALOG_DIR: catalogs,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_ANONYMOUS: '3000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    server.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    await ready(`${base}/readyz`, server, () => output.slice(-2000));
  });

  test.afterAll(async () => {
    if (server && server.exitCode === null) {
      const stopped = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await stopped;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('a domain page renders for it', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto(`${base}/data/domains/test_area`);
    await expect(page.getByRole('heading', { level: 2, name: 'Test area (added for the browser test)' })).toBeVisible();
    await expect(page.getByText('Its datasets: Test area annual collection.')).toBeVisible();
    const card = page.getByRole('region', { name: 'Test cases per 1000 inhabitants' });
    await expect(card.getByRole('link', { name: 'Test cases per 1000 inhabitants' })).toHaveAttribute(
      'href',
      '/data/indicators/test_area.case_rate',
    );
    await expect(card.getByText('No figures of this indicator are published yet.')).toBeVisible();
    const status = page.getByRole('region', { name: 'Test area annual collection' });
    await expect(status.getByText('Nothing of this dataset is published yet.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Linked commitments' }).getByText(/No plan action is followed/)).toBeVisible();
    expect(problems).toEqual([]);
  });
});
