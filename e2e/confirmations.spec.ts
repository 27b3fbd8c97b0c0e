import { expect, test, type Page } from '@playwright/test';
import { DEMO, signedInPage } from './helpers';

/** A date `days` from today (UTC), as the server compares due dates. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Calls the API as the page's signed-in user (with the session's CSRF token); fails on an error status. */
async function call<T>(page: Page, method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown): Promise<T> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  const response = await page.request.fetch(`/api/v1${path}`, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

interface Report {
  version: number;
  entries: { commitment: string; action: string; evidence: { id: string; title: string }[] }[];
}

test('publishing a round before its due date asks first, names who has not reported and needs an explicit choice', async ({ browser }) => {
  test.setTimeout(90_000);
  const commission = await signedInPage(browser, DEMO.commission);
  const albania = await signedInPage(browser, DEMO.coordinator);
  const reviewer = await signedInPage(browser, DEMO.reviewer);
  const due = inDays(19);
  const title = `E2E early publication ${Date.now()}`;

  // A round of the SALW roadmap, due in 19 days, in which only Albania has reported and been assessed.
  const round = await call<{ id: string }>(commission.page, 'POST', '/plans/salw_roadmap_2018/rounds', {
    title,
    periodStart: '2026-01-01',
    periodEnd: '2026-06-30',
    dueDate: due,
  });
  const report = `/rounds/${round.id}/reports/AL`;
  const draft = await call<Report>(albania.page, 'GET', report);
  const saved = await call<{ version: number }>(albania.page, 'PUT', `${report}/entries`, {
    version: draft.version,
    entries: draft.entries.map((e) => ({ commitment: e.commitment, status: 'completed' })),
  });
  const submitted = await call<{ version: number }>(albania.page, 'POST', `${report}/submit`, { version: saved.version });
  await call(reviewer.page, 'PUT', `${report}/assessments`, {
    version: submitted.version,
    assessments: draft.entries.map((e) => ({ commitment: e.commitment, assessment: 'some_progress' })),
  });

  const cp = commission.page;
  await cp.goto(`/commitments/rounds/${round.id}`);
  await expect(cp.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  await cp.getByRole('button', { name: 'Publish the round' }).click();
  const dialog = cp.getByRole('dialog', { name: `Publish “${title}”?` });
  await expect(dialog).toBeVisible();
  // The partners that never submitted, in the catalogue's order (Kosovo before Montenegro).
  await expect(dialog.getByRole('list', { name: 'Partners that have not reported' }).getByRole('listitem')).toHaveText([
    'Bosnia and Herzegovina',
    'Kosovo',
    'Montenegro',
    'North Macedonia',
    'Serbia',
  ]);
  await expect(dialog).toContainText('once published they are shown as “not reported”');
  await expect(dialog).toContainText(`The due date is ${due}`);
  const confirm = dialog.getByRole('button', { name: 'Publish', exact: true });
  await expect(confirm).toBeDisabled();
  const early = dialog.getByRole('checkbox', { name: `Publish before the due date (${due})` });
  await early.check();
  await expect(confirm).toBeEnabled();

  // Cancel publishes nothing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect((await call<{ status: string }>(cp, 'GET', `/rounds/${round.id}`)).status).toBe('open');

  // Asked again, the choice starts unticked; ticked and confirmed, the round is published.
  await cp.getByRole('button', { name: 'Publish the round' }).click();
  await expect(confirm).toBeDisabled();
  await early.check();
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(cp.getByRole('status')).toContainText('Published.');
  expect((await call<{ status: string }>(cp, 'GET', `/rounds/${round.id}`)).status).toBe('published');

  for (const who of [commission, albania, reviewer]) expect(who.problems).toEqual([]);
  await Promise.all([commission.context.close(), albania.context.close(), reviewer.context.close()]);
});

test('removing a piece of evidence asks first; cancel keeps it', async ({ browser }) => {
  const commission = await signedInPage(browser, DEMO.commission);
  const albania = await signedInPage(browser, DEMO.coordinator);
  const round = await call<{ id: string }>(commission.page, 'POST', '/plans/drugs_2021/rounds', {
    title: `E2E evidence ${Date.now()}`,
    periodStart: '2026-01-01',
    periodEnd: '2026-06-30',
    dueDate: inDays(30),
  });
  const report = `/rounds/${round.id}/reports/AL`;
  const first = (await call<Report>(albania.page, 'GET', report)).entries[0]!;
  const evidence = `Ministerial decision ${Date.now()}`;
  await call(albania.page, 'POST', `${report}/links`, {
    commitment: first.commitment,
    url: 'https://www.example.org/decision',
    title: evidence,
  });
  const pieces = async () => (await call<Report>(albania.page, 'GET', report)).entries[0]!.evidence.map((v) => v.title);

  const ap = albania.page;
  await ap.goto(`/commitments/rounds/${round.id}/reports/AL`);
  const list = ap.getByRole('list', { name: `Evidence for action ${first.action}` });
  await expect(list.getByRole('link', { name: evidence })).toBeVisible();
  await ap.getByRole('button', { name: `Remove ${evidence}` }).click();
  const dialog = ap.getByRole('dialog', { name: 'Remove this evidence?' });
  await expect(dialog).toContainText(`“${evidence}” will be removed from the evidence of action ${first.action}. This cannot be undone.`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(list.getByRole('link', { name: evidence })).toBeVisible();
  expect(await pieces()).toEqual([evidence]);

  // Confirmed, it is removed.
  await ap.getByRole('button', { name: `Remove ${evidence}` }).click();
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(ap.getByRole('link', { name: evidence })).toHaveCount(0);
  expect(await pieces()).toEqual([]);

  expect([...commission.problems, ...albania.problems]).toEqual([]);
  await Promise.all([commission.context.close(), albania.context.close()]);
});
