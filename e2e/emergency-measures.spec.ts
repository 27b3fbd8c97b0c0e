// The register of emergency measures through the browser: Albania's coordinator adds a measure
// (a refused date shown at its field first) and submits it, the reviewer approves it, the
// Commission publishes it, and an anonymous visitor reads it on Albania's public profile.
import { expect, test } from '@playwright/test';
import { DEMO, nav, signedInPage, watchConsole } from './helpers';

const PAGE = '/rule-of-law/emergency-measures';

test('a coordinator adds and submits a measure, a reviewer approves, the Commission publishes, the public reads it', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const title = `E2E suspension of jury trials ${Date.now()}`;

  // Albania's coordinator: the form, a refused end date at its field, then the measure as a draft.
  const albania = await signedInPage(browser, DEMO.coordinator);
  const ap = albania.page;
  await nav(ap).getByRole('link', { name: 'Emergency measures', exact: true }).click();
  await expect(ap.getByRole('heading', { level: 2, name: 'Register of emergency measures' })).toBeVisible();
  await ap.getByRole('button', { name: 'Add a measure' }).click();
  const form = ap.getByRole('region', { name: 'New emergency measure' });
  await form.getByRole('textbox', { name: 'Measure', exact: true }).fill(title);
  await form
    .getByRole('textbox', { name: 'Right or procedure it limited', exact: true })
    .fill('Jury trials postponed; time limits suspended');
  await form.getByRole('combobox', { name: 'Category', exact: true }).selectOption({ label: 'Fair trial' });
  await form.getByRole('textbox', { name: 'Legal basis', exact: true }).fill('Decision of the High Judicial Council');
  await form.getByRole('textbox', { name: 'Adopted by (body)', exact: true }).fill('High Judicial Council');
  await form.getByRole('textbox', { name: 'Start date', exact: true }).fill('2020-03-20');
  await form.getByRole('textbox', { name: 'End date', exact: true }).fill('2020-03-01');
  await form.getByRole('button', { name: 'Add a review date' }).click();
  await form.getByRole('textbox', { name: 'Review date 1', exact: true }).fill('2020-04-15');
  await form
    .getByRole('group', { name: 'Judicial review' })
    .getByRole('combobox', { name: 'Outcome', exact: true })
    .selectOption({ label: 'Upheld' });
  await form.getByRole('textbox', { name: 'Sources', exact: true }).fill('https://example.org/decision-12');
  await form.getByRole('button', { name: 'Add the measure' }).click();
  await expect(form.getByRole('textbox', { name: 'End date', exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(form).toContainText('the end (2020-03-01) is before the start (2020-03-20)');
  await form.getByRole('textbox', { name: 'End date', exact: true }).fill('2020-05-31');
  await form.getByRole('button', { name: 'Add the measure' }).click();
  await expect(ap.getByRole('status').filter({ hasText: `“${title}” was added as a draft.` })).toBeVisible();
  const card = ap.getByRole('article', { name: title });
  await expect(card).toContainText('draft');
  await expect(card).toContainText('20 Mar 2020 – 31 May 2020');
  await card.getByRole('button', { name: 'Submit', exact: true }).click();
  const submit = ap.getByRole('dialog', { name: `Submit “${title}”?` });
  await expect(submit).toContainText('The reviewers and the Commission are told and review it.');
  await submit.getByRole('button', { name: 'Submit for review' }).click();
  await expect(card.getByRole('status')).toHaveText('The measure was submitted for review.');
  await expect(card).toContainText('submitted');
  await expect(card.getByRole('button', { name: 'Submit', exact: true })).toHaveCount(0);

  // The reviewer finds it among Albania's submitted measures and approves it.
  const reviewer = await signedInPage(browser, DEMO.reviewer);
  const rp = reviewer.page;
  await rp.goto(`${PAGE}?partner=AL`);
  const toReview = rp.getByRole('article', { name: title });
  await toReview.getByRole('button', { name: 'Approve' }).click();
  const approve = rp.getByRole('dialog', { name: `Approve “${title}”?` });
  await expect(approve).toContainText('the Commission publishes it');
  await approve.getByRole('button', { name: 'Approve' }).click();
  await expect(toReview.getByRole('status')).toHaveText('The measure was approved.');

  // The Commission publishes it.
  const commission = await signedInPage(browser, DEMO.commission);
  const cp = commission.page;
  await cp.goto(`${PAGE}?partner=AL`);
  const toPublish = cp.getByRole('article', { name: title });
  await toPublish.getByRole('button', { name: 'Publish' }).click();
  const publish = cp.getByRole('dialog', { name: `Publish “${title}”?` });
  await expect(publish).toContainText('The measure becomes public');
  await publish.getByRole('button', { name: 'Publish for everyone' }).click();
  await expect(toPublish.getByRole('status')).toHaveText('The measure was published.');

  // An anonymous visitor reads it on Albania's profile, beside the illustrative demo measures.
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto('/data/partners/AL');
  const section = page.getByRole('region', { name: 'Emergency measures' });
  const row = section.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText('Fair trial');
  await expect(row).toContainText('20 Mar 2020');
  await expect(row).toContainText('31 May 2020');
  await expect(row).toContainText('Upheld');
  await expect(section.getByRole('row', { name: /Curfew and limits on movement/ })).toContainText('Pending');
  expect([...problems, ...reviewer.problems, ...commission.problems]).toEqual([]);
  // The coordinator's one refused save (the end before the start) is the browser's only complaint there.
  expect(albania.problems).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  for (const c of [context, albania.context, reviewer.context, commission.context]) await c.close();
});
