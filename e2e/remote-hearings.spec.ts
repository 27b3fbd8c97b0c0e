// The remote-hearings self-assessment through the browser: Albania's coordinator answers checklist
// items in the form (an answer, a comment, an evidence link) and submits, a reviewer of the domain
// reads the answer and approves, the Commission publishes, and an anonymous visitor finds the answer
// in the public comparison grid, reached from the domain page, beside the partners that have not
// published the year.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO, signedInPage, watchConsole, workflow } from './helpers';

const DATASET = 'Remote hearings (self-assessment and figures, yearly)';
const SUBMISSION = '/statistics/justice.remote_hearings/AL/2025';
const ITEM = 'Legal basis for remote hearings';
const COMMENT = 'Civil and administrative procedure only; criminal procedure in preparation.';
const EVIDENCE = 'https://example.org/al/civil-procedure-code-article-137';

/**
 * A user of this test's own (the command line, on the run's database). The Commission is the demo
 * account: another Commission user would be one more recipient of the migration tests' warnings.
 */
function ownUser(role: 'coordinator' | 'reviewer', extra: string[]): { email: string; password: string } {
  const who = { email: `remote-hearings.${role}.${Date.now()}@example.org`, password: 'a-long-test-password-42' };
  execFileSync(
    'node',
    ['bin/jha.js', 'users', 'add', '--email', who.email, '--role', role, ...extra, '--name', `Remote ${role}`, '--password-stdin'],
    {
      cwd: join(import.meta.dirname, '..'),
      input: `${who.password}\n`,
      env: { ...process.env, DATABASE_URL: `sqlite:${join(process.env.E2E_DATA_DIR!, 'jha.sqlite')}`, LOG_LEVEL: 'warn' },
    },
  );
  return who;
}

test('a coordinator answers the self-assessment, a domain reviewer approves, the Commission publishes, the grid shows it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const coordinatorUser = ownUser('coordinator', ['--partner', 'AL']);
  const reviewerUser = ownUser('reviewer', ['--domains', 'remote_hearings']);

  // Albania's coordinator: answers, a comment and an evidence link in the form, and a figure.
  const albania = await signedInPage(browser, coordinatorUser);
  const ap = albania.page;
  await ap.goto(SUBMISSION);
  await expect(ap.getByRole('heading', { level: 2, name: `${DATASET}: Albania, 2025` })).toBeVisible();
  const answer = ap.getByRole('combobox', { name: `Answer: ${ITEM}` });
  await expect(answer).toHaveValue('');
  await answer.selectOption({ label: 'Partly' });
  await ap.getByRole('textbox', { name: `Comment on ${ITEM}` }).fill(COMMENT);
  await ap.getByRole('textbox', { name: `Evidence links: ${ITEM}` }).fill(EVIDENCE);
  await ap.getByRole('combobox', { name: 'Answer: Interpretation' }).selectOption({ label: 'Not applicable' });
  await ap.getByRole('textbox', { name: 'Hearings held by videoconference, total' }).fill('1250');
  await ap.getByRole('button', { name: 'Save draft' }).click();
  await expect(ap.getByRole('region', { name: 'Values' }).getByRole('status')).toContainText('Saved: 3 new, 0 changed, 0 removed.');
  // What the page shows after a reload is what the server keeps.
  await ap.reload();
  await expect(answer).toHaveValue('partly');
  await expect(ap.getByRole('textbox', { name: `Comment on ${ITEM}` })).toHaveValue(COMMENT);
  await expect(ap.getByRole('textbox', { name: `Evidence links: ${ITEM}` })).toHaveValue(EVIDENCE);
  await ap.getByRole('button', { name: 'Submit', exact: true }).click();
  await ap.getByRole('dialog', { name: 'Submit' }).getByRole('button', { name: 'Submit for review' }).click();
  await expect(workflow(ap).getByRole('status')).toHaveText('Submitted for review.');

  // The reviewer of the domain reads the answer with its comment and link, and approves.
  const reviewer = await signedInPage(browser, reviewerUser);
  const rp = reviewer.page;
  await rp.goto(SUBMISSION);
  const given = rp.getByRole('group', { name: `Answer: ${ITEM}` });
  await expect(given).toContainText('Partly');
  await expect(given).toContainText(COMMENT);
  await expect(given.getByRole('link', { name: EVIDENCE })).toHaveAttribute('href', EVIDENCE);
  await expect(rp.getByRole('group', { name: 'Answer: Public hearings and access' })).toContainText('No answer');
  await rp.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(workflow(rp).getByRole('status')).toHaveText('Approved.');

  // The Commission publishes.
  const commission = await signedInPage(browser, DEMO.commission);
  const cp = commission.page;
  await cp.goto(SUBMISSION);
  await cp.getByRole('button', { name: 'Publish', exact: true }).click();
  await cp.getByRole('dialog', { name: 'Publish' }).getByRole('button', { name: 'Publish now' }).click();
  await expect(workflow(cp).getByRole('status')).toHaveText('Published.');

  // An anonymous visitor: from the domain page to the grid, which opens on the newest year.
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto('/data/domains/remote_hearings');
  await page.getByRole('link', { name: `${DATASET}: answers by partner` }).click();
  await expect(page).toHaveURL(/\/data\/datasets\/justice\.remote_hearings\/answers$/);
  await expect(page.getByRole('heading', { level: 2, name: `${DATASET}: answers by partner` })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Period' })).toHaveValue('2025');
  const grid = page.getByRole('table', { name: `${DATASET}, 2025: each partner’s answer to each item` });
  // The partners in the catalogue's order; all but Albania have published nothing of 2025.
  const headers = grid.getByRole('columnheader');
  await expect(headers).toContainText(['Item', 'Albania', 'Bosnia and Herzegovina', 'Kosovo*', 'Montenegro', 'North Macedonia', 'Serbia']);
  await expect(headers.nth(1)).toHaveText('Albania');
  for (const n of [2, 3, 4, 5, 6]) await expect(headers.nth(n)).toContainText('not published');
  const row = grid.getByRole('row', { name: new RegExp(`^${ITEM}`) });
  await expect(row.getByRole('cell').nth(0)).toContainText('Partly');
  await expect(row.getByRole('cell').nth(1)).toContainText('no answer');
  await expect(
    grid
      .getByRole('row', { name: /^Interpretation/ })
      .getByRole('cell')
      .nth(0),
  ).toContainText('Not applicable');
  await row.getByRole('button', { name: `Comment and evidence: ${ITEM}, Albania` }).click();
  const details = page.getByRole('group', { name: `Comment and evidence: ${ITEM}, Albania` });
  await expect(details).toContainText(COMMENT);
  await expect(details.getByRole('link', { name: EVIDENCE })).toHaveAttribute('href', EVIDENCE);
  await page.keyboard.press('Escape');

  // The illustrative demo year: every partner has published.
  await page.getByRole('combobox', { name: 'Period' }).selectOption('2021');
  await expect(page).toHaveURL(/\/answers\?period=2021$/);
  const demoYear = page.getByRole('table', { name: `${DATASET}, 2021: each partner’s answer to each item` });
  await expect(demoYear.getByText('not published')).toHaveCount(0);
  await expect(demoYear.getByRole('row')).toHaveCount(12);

  expect([...problems, ...albania.problems, ...reviewer.problems, ...commission.problems]).toEqual([]);
  for (const c of [context, albania.context, reviewer.context, commission.context]) await c.close();
});
