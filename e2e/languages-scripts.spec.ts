// Macedonian and Serbian in the browser: Cyrillic navigation and catalogue labels, a count read in
// the language's plural forms for 1, 2, 5 and 21, a date and a number written as the language
// writes them; and Serbian Latin and Cyrillic showing the same text in the two scripts.
import { expect, test, type Page } from '@playwright/test';
import { toCyrillic } from '../src/platform/i18n/cyrillic';
import { DEMO, signIn } from './helpers';

const MINUTES = [1, 2, 5, 21];

/** The main navigation, by its name in the page's language. */
const nav = (page: Page, name: string) => page.getByRole('navigation', { name });

/** A public meeting of this test's own with one session and an agenda item of each length, through the API. */
async function meetingWithItems(page: Page): Promise<string> {
  const csrf = ((await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }).csrfToken;
  const post = async (url: string, data: unknown) => {
    const r = await page.request.post(url, { headers: { 'x-csrf-token': csrf }, data });
    if (r.status() !== 201) throw new Error(`${url}: ${r.status()} ${await r.text()}`);
    return (await r.json()) as { id: string; sessions: { id: string }[] };
  };
  const meeting = await post('/api/v1/meetings', {
    title: `Languages test meeting ${Date.now()}`,
    kind: 'expert',
    format: 'videoconference',
    host: null,
    start: '2026-12-10T09:00:00+01:00',
    end: '2026-12-10T13:00:00+01:00',
    timeZone: 'Europe/Skopje',
    location: null,
    videoUrl: null,
    visibility: 'public',
    description: null,
  });
  const session = await post(`/api/v1/meetings/${meeting.id}/sessions`, {
    title: 'Session',
    start: '2026-12-10T09:00:00+01:00',
    end: '2026-12-10T13:00:00+01:00',
  });
  for (const minutes of MINUTES)
    await post(`/api/v1/meetings/${meeting.id}/items`, {
      sessionId: session.sessions[0]!.id,
      title: `Item of ${minutes}`,
      description: null,
      lead: null,
      durationMinutes: minutes,
    });
  return `/meetings/${meeting.id}`;
}

/** The lengths the agenda shows, in the order of the items. */
async function lengths(page: Page): Promise<string[]> {
  const items = page.getByRole('listitem').filter({ hasText: /Item of \d+/ });
  await expect(items).toHaveCount(MINUTES.length);
  return (await items.allTextContents()).map((text) => /·\s*(\d+ \p{L}+)/u.exec(text)?.[1] ?? text);
}

test('Macedonian: Cyrillic navigation, plural counts for 1, 2, 5 and 21, a date and a number; Serbian the same in both scripts', async ({
  page,
}) => {
  await signIn(page, DEMO.commission);
  const meeting = await meetingWithItems(page);

  await page.goto(`${meeting}?lang=mk`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'mk');
  await expect(nav(page, 'Главна навигација').getByRole('link', { name: 'Состаноци' })).toBeVisible();
  await expect(nav(page, 'Главна навигација').getByRole('link', { name: 'Податоци' })).toBeVisible();
  expect(await lengths(page)).toEqual(['1 минута', '2 минути', '5 минути', '21 минута']);
  await expect(page.getByText(/10 декември 2026/).first()).toBeVisible();

  // A number with Macedonian grouping and decimal comma: a clearance rate of the table, as the API gives it.
  await page.goto('/data/indicators/justice.clearance_rate?tab=table&lang=mk');
  // The catalogue's label, from the catalogue's Macedonian texts.
  await expect(page.getByRole('heading', { name: 'Стапка на решавање', exact: true }).first()).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Албанија' }).first()).toBeVisible();
  const answer = (await (await page.request.get('/api/v1/indicators/justice.clearance_rate/values?publishedOnly=true')).json()) as {
    indicator: { decimals: number };
    values: { partner: string; period: string; orgUnit: string | null; value: number | null }[];
  };
  // Albania's figure of the period shown, written as Macedonian writes it.
  const period = (await page.getByRole('combobox', { name: 'Период' }).inputValue()).trim();
  const albania = answer.values.find((v) => v.partner === 'AL' && v.period === period && v.orgUnit === null)!.value!;
  const digits = answer.indicator.decimals;
  const written = new Intl.NumberFormat('mk', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(albania);
  expect(written).toMatch(/^\d{1,3}(\.\d{3})*,\d+$/);
  await expect(
    page
      .getByRole('row', { name: /^Албанија / })
      .first()
      .getByRole('cell')
      .first(),
  ).toHaveText(written);

  // Serbian: the same page in Latin and in Cyrillic script says the same.
  await page.goto(`${meeting}?lang=sr-Latn`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sr-Latn');
  // The navigation is complete once its last links (signed in as the Commission) are there.
  await expect(nav(page, 'Glavna navigacija').getByRole('link', { name: 'Sastanci' })).toBeVisible();
  await expect(nav(page, 'Glavna navigacija').getByRole('link', { name: 'API dokumentacija' })).toBeVisible();
  const latin = { nav: await nav(page, 'Glavna navigacija').getByRole('link').allTextContents(), lengths: await lengths(page) };
  expect(latin.lengths).toEqual(['1 minut', '2 minuta', '5 minuta', '21 minut']);
  await page.goto(`${meeting}?lang=sr-Cyrl`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sr-Cyrl');
  await expect(nav(page, 'Главна навигација').getByRole('link', { name: 'API документација' })).toBeVisible();
  const cyrillic = { nav: await nav(page, 'Главна навигација').getByRole('link').allTextContents(), lengths: await lengths(page) };
  expect(cyrillic).toEqual({ nav: latin.nav.map(toCyrillic), lengths: latin.lengths.map(toCyrillic) });
  expect(cyrillic.nav).toContain('Састанци');
  // A catalogue label in both scripts.
  await page.goto('/data/indicators/justice.clearance_rate?lang=sr-Latn');
  await expect(page.getByRole('heading', { name: 'Stopa rešavanja', exact: true }).first()).toBeVisible();
  await page.goto('/data/indicators/justice.clearance_rate?lang=sr-Cyrl');
  await expect(page.getByRole('heading', { name: toCyrillic('Stopa rešavanja'), exact: true }).first()).toBeVisible();
});
