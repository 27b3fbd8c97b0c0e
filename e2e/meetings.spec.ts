import { expect, test, type Page } from '@playwright/test';
import { DEMO, nav, signedInPage, watchConsole } from './helpers';

const MEETING_2020 = 'EU–Western Balkans ministerial videoconference on Justice and Home Affairs';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PARTICIPANTS_ONLY = "This document is for the meeting's participants only.";

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const agendaOf = (page: Page, session: string) => page.getByRole('list', { name: `Agenda of ${session}` });

test('anyone finds the 2020 ministerial videoconference, its two sessions and its announcement', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/');
  await nav(page).getByRole('link', { name: 'Meetings' }).click();
  await region(page, 'Past meetings').getByRole('link', { name: MEETING_2020 }).click();
  await expect(page.getByRole('heading', { name: MEETING_2020, level: 2 })).toBeVisible();
  await expect(page.getByText(/22 October 2020, 09:30–16:30/)).toBeVisible();

  await expect(page.getByRole('heading', { name: /^Morning session: home affairs/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Afternoon session: justice/ })).toBeVisible();
  await expect(agendaOf(page, 'Morning session: home affairs').getByRole('listitem')).toHaveCount(3);
  await expect(agendaOf(page, 'Afternoon session: justice').getByRole('listitem')).toHaveCount(4);
  await expect(page.getByRole('button', { name: /^Move / })).toHaveCount(0);

  const announcement = region(page, 'Announcement');
  for (const text of ['Commissioner Ylva Johansson', 'Commissioner Didier Reynders', 'German Presidency', 'by videoconference']) {
    await expect(announcement).toContainText(text);
  }
  await expect(region(page, 'Delegations').getByRole('row', { name: /Albania/ })).toContainText('accepted');
  await expect(page.getByRole('link', { name: 'Add to calendar (.ics)' })).toHaveAttribute('href', /\/invitation\.ics$/);
  expect(problems).toEqual([]);
});

test('the Commission organises a meeting, Albania accepts, documents keep their access, and a follow-up action becomes a commitment', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const title = `E2E senior officials on firearms ${Date.now()}`;
  const followUp = `Albania reports on the destruction of seized firearms (${title})`;

  // The Commission creates a public videoconference.
  const commission = await signedInPage(browser, DEMO.commission);
  const cp = commission.page;
  await nav(cp).getByRole('link', { name: 'Meetings' }).click();
  const create = cp.getByRole('form', { name: 'New meeting' });
  await create.getByLabel('Title').fill(title);
  await create.getByLabel('Kind').selectOption({ label: 'Senior officials’ meeting' });
  await create.getByLabel('Starts').fill('2026-12-10T09:00');
  await create.getByLabel('Ends').fill('2026-12-10T13:00');
  await create.getByLabel('Time zone').fill('Europe/Brussels');
  await create.getByLabel('Video-conference link').fill('https://meet.example.org/jha-firearms');
  await create.getByLabel('Visibility').selectOption('public');
  await create.getByRole('button', { name: 'Create the meeting' }).click();
  await expect(cp.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  const meetingPath = new URL(cp.url()).pathname;
  await expect(cp.getByText(/10 December 2026, 09:00–13:00/)).toBeVisible();
  const join = cp.getByRole('link', { name: 'Join the videoconference (meet.example.org)' });
  await expect(join).toHaveAttribute('href', 'https://meet.example.org/jha-firearms');
  await expect(join).toHaveAttribute('target', '_blank');

  // Two sessions and three agenda items.
  const sessionForm = cp.getByRole('form', { name: 'Add a session' });
  for (const s of [
    { title: 'Morning session', start: '2026-12-10T09:00', end: '2026-12-10T11:00' },
    { title: 'Late morning session', start: '2026-12-10T11:15', end: '2026-12-10T13:00' },
  ]) {
    await sessionForm.getByLabel('Session title').fill(s.title);
    await sessionForm.getByLabel('Session starts').fill(s.start);
    await sessionForm.getByLabel('Session ends').fill(s.end);
    await sessionForm.getByRole('button', { name: 'Add the session' }).click();
    await expect(cp.getByRole('heading', { name: new RegExp(`^${s.title}`) })).toBeVisible();
  }
  await expect(cp.getByRole('heading', { name: /^Late morning session 11:15–13:00/ })).toBeVisible();
  const itemForm = cp.getByRole('form', { name: 'Add an agenda item' });
  for (const item of [
    { session: 'Morning session', title: 'Migration' },
    { session: 'Morning session', title: 'Firearms' },
    { session: 'Late morning session', title: 'Access to justice' },
  ]) {
    await itemForm.getByLabel('Session', { exact: true }).selectOption({ label: item.session });
    await itemForm.getByLabel('Item title').fill(item.title);
    await itemForm.getByRole('button', { name: 'Add the item' }).click();
    await expect(agendaOf(cp, item.session).getByRole('listitem').filter({ hasText: item.title })).toBeVisible();
  }
  const morning = agendaOf(cp, 'Morning session');
  await expect(morning.getByRole('listitem')).toHaveText([/Migration/, /Firearms/]);

  // Firearms moves up with the keyboard; the focus stays with it and the move is announced and kept.
  const reordered = cp.waitForResponse((r) => r.url().endsWith('/order') && r.request().method() === 'PUT');
  await cp.getByRole('button', { name: 'Move Firearms up' }).focus();
  await cp.keyboard.press('Enter');
  expect((await reordered).status()).toBe(200);
  await expect(morning.getByRole('listitem')).toHaveText([/Firearms/, /Migration/]);
  await expect(cp.getByRole('button', { name: 'Move Firearms down' })).toBeFocused();
  await expect(region(cp, 'Agenda').getByRole('status')).toHaveText('Firearms moved to position 1 of 2 in Morning session.');
  await cp.reload();
  await expect(morning.getByRole('listitem')).toHaveText([/Firearms/, /Migration/]);

  // Dragging Migration onto Firearms puts it first again.
  const dragged = cp.waitForResponse((r) => r.url().endsWith('/order') && r.request().method() === 'PUT');
  await morning
    .getByRole('listitem')
    .filter({ hasText: 'Migration' })
    .dragTo(morning.getByRole('listitem').filter({ hasText: 'Firearms' }));
  expect((await dragged).status()).toBe(200);
  await expect(morning.getByRole('listitem')).toHaveText([/Migration/, /Firearms/]);

  // Albania and Serbia are invited.
  const delegations = region(cp, 'Delegations');
  const invite = cp.getByRole('form', { name: 'Invite a delegation' });
  for (const partner of ['Albania', 'Serbia']) {
    await invite.getByLabel('Partner').selectOption({ label: partner });
    await invite.getByRole('button', { name: 'Invite', exact: true }).click();
    await expect(delegations.getByRole('row', { name: new RegExp(partner) })).toContainText('invited');
  }

  // A participants-only document and a public one.
  const upload = cp.getByRole('form', { name: 'Upload a document' });
  const documents = region(cp, 'Documents');
  for (const doc of [
    { title: 'Restricted briefing note', access: 'participants', file: 'briefing-note.pdf' },
    { title: 'Public agenda note', access: 'public', file: 'agenda-note.pdf' },
  ]) {
    await upload.getByLabel('Title (optional)').fill(doc.title);
    await upload.getByLabel('Access').selectOption(doc.access);
    await upload.locator('input[type="file"]').setInputFiles({ name: doc.file, mimeType: 'application/pdf', buffer: PDF });
    const uploaded = cp.waitForResponse((r) => r.url().includes('/documents?') && r.request().method() === 'POST');
    await upload.getByRole('button', { name: 'Upload', exact: true }).click();
    expect((await uploaded).status()).toBe(201);
    await expect(documents.getByRole('row', { name: new RegExp(doc.title) })).toContainText(doc.access);
  }
  const restricted = (await documents.getByRole('link', { name: 'Restricted briefing note', exact: true }).getAttribute('href'))!;
  const open = (await documents.getByRole('link', { name: 'Public agenda note', exact: true }).getAttribute('href'))!;

  // Albania's coordinator accepts; the participants-only document is listed for Albania.
  const albania = await signedInPage(browser, DEMO.coordinator);
  const ap = albania.page;
  await ap.goto(meetingPath);
  await expect(ap.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  await expect(ap.getByRole('button', { name: 'Accept the invitation for Serbia' })).toHaveCount(0);
  await ap.getByRole('button', { name: 'Accept the invitation for Albania' }).click();
  await expect(region(ap, 'Delegations').getByRole('row', { name: /Albania/ })).toContainText('accepted');
  await expect(region(ap, 'Delegations').getByRole('row', { name: /Serbia/ })).toContainText('invited');
  await expect(region(ap, 'Documents').getByRole('link', { name: 'Restricted briefing note', exact: true })).toBeVisible();
  await ap.getByRole('link', { name: 'Briefing book of Albania' }).click();
  await expect(ap.getByRole('heading', { name: 'Briefing book: Albania', level: 2 })).toBeVisible();
  await expect(region(ap, 'Firearms')).toContainText('Morning session');

  // An anonymous visitor sees the public meeting and its public document, but is refused the other.
  const visitor = await browser.newContext();
  const vp = await visitor.newPage();
  const problems = watchConsole(vp);
  await vp.goto(meetingPath);
  await expect(vp.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  await expect(region(vp, 'Documents').getByRole('link', { name: 'Public agenda note', exact: true })).toBeVisible();
  await expect(region(vp, 'Documents').getByRole('link', { name: 'Restricted briefing note', exact: true })).toHaveCount(0);
  const refused = await vp.request.get(restricted);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toBe(PARTICIPANTS_ONLY);
  const downloaded = await vp.request.get(open);
  expect(downloaded.status()).toBe(200);
  expect(downloaded.headers()['content-type']).toContain('application/pdf');
  expect((await downloaded.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // The Commission records the conclusions and a follow-up action for Albania.
  await cp.reload();
  await expect(region(cp, 'Delegations').getByRole('row', { name: /Albania/ })).toContainText('accepted');
  const outcome = cp.getByRole('form', { name: 'Record the conclusions and decisions' });
  await outcome.getByLabel('Conclusions').fill('The participants agreed to step up the destruction of seized firearms.');
  await outcome.getByRole('button', { name: 'Add a decision' }).click();
  await outcome.getByLabel('Decision 1', { exact: true }).fill('Albania reports on the destruction of seized firearms by mid-2027.');
  await outcome.getByRole('button', { name: 'Save the outcome' }).click();
  await expect(outcome.getByRole('status')).toHaveText('Outcome saved.');
  await expect(region(cp, 'Conclusions')).toContainText('The participants agreed to step up the destruction of seized firearms.');
  await expect(region(cp, 'Conclusions').getByRole('list', { name: 'Decisions' })).toContainText('by mid-2027');

  const addFollowUp = cp.getByRole('form', { name: 'Add a follow-up action' });
  await addFollowUp.getByRole('textbox', { name: 'Action', exact: true }).fill(followUp);
  await addFollowUp.getByRole('checkbox', { name: 'Albania' }).check();
  await addFollowUp.getByLabel('Deadline (optional)').fill('2027-06-30');
  await addFollowUp.getByRole('button', { name: 'Add the follow-up action' }).click();
  const followUps = region(cp, 'Follow-up actions');
  await expect(followUps.getByRole('row', { name: new RegExp(followUp.replace(/[()]/g, '\\$&')) })).toContainText('2027-06-30');
  await followUps.getByRole('link', { name: 'Commitments of Albania' }).click();
  await expect(cp).toHaveURL(/\/commitments\/partners\/AL$/);
  await expect(cp.getByRole('table', { name: 'Commitments of Albania' })).toContainText(followUp);

  expect([...commission.problems, ...albania.problems, ...problems]).toEqual([]);
  await Promise.all([commission.context.close(), albania.context.close(), visitor.close()]);
});
