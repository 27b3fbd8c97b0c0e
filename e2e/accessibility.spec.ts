// Accessibility: every page each role can reach, checked by axe-core against WCAG 2.1 AA. A page
// passes with no serious or critical violation, a title of its own, and after a click in the main
// navigation the new page's heading has the focus (so that a screen reader announces it). The
// open-data pages (/data…), the same for everyone but the header, are checked as the public and as
// the Commission; every other page as each role that reaches it.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, nav, signIn } from './helpers';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The roles' sweeps do not depend on each other: both workers take them, beside the other files.
test.describe.configure({ mode: 'parallel' });

/**
 * A page to check: an address, or the first link seen so far (on the pages checked before it) whose
 * path matches, for pages whose address holds an id of the demo data. `optional` pages are skipped
 * when no such link was seen.
 */
type Visit = string | { like: RegExp; optional?: boolean };

interface Finding {
  route: string;
  problem: string;
}

/** Waits until the page's content is there: its heading shown and no loader left in <main>. */
async function loaded(page: Page): Promise<void> {
  const main = page.locator('main');
  await expect(main.locator('h1, h2').first(), `a heading on ${page.url()}`).toBeVisible({ timeout: 15_000 });
  await expect(main.locator('.mantine-Loader-root')).toHaveCount(0, { timeout: 15_000 });
}

async function check(page: Page, route: string, findings: Finding[]): Promise<void> {
  await page.goto(route);
  await loaded(page);
  // The title is set once the page knows its heading; give it a moment.
  const title = /^(?!JHA Hub$).+ · JHA Hub$/;
  try {
    await expect.poll(() => page.title(), { timeout: 5_000 }).toMatch(title);
  } catch {
    findings.push({ route, problem: `the title is "${await page.title()}", not "<page> · JHA Hub"` });
  }
  // Violations only: axe skips gathering the details of every passing node, most of its time on large pages.
  const result = await new AxeBuilder({ page })
    .withTags(TAGS)
    .options({ resultTypes: ['violations'] })
    .analyze();
  for (const v of result.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    const targets = v.nodes
      .slice(0, 4)
      .map((n) => n.target.join(' '))
      .join(' | ');
    // axe's own explanation of the first node (for contrast: the two colours and the ratio).
    const why = v.nodes[0]?.any[0]?.message ?? v.nodes[0]?.all[0]?.message ?? '';
    findings.push({ route, problem: `${v.id} (${v.impact}, ${v.nodes.length} nodes): ${targets} — ${why}` });
  }
}

async function sweep(page: Page, visits: Visit[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  const seen: string[] = [];
  for (const visit of visits) {
    let route: string | undefined;
    if (typeof visit === 'string') route = visit;
    else {
      route = seen.find((href) => visit.like.test(href));
      if (route === undefined) {
        if (!visit.optional) findings.push({ route: String(visit.like), problem: 'no link to such a page was found' });
        continue;
      }
    }
    await test.step(route, async () => {
      // A page that does not load is one finding among the others, not the end of the sweep.
      try {
        await check(page, route, findings);
      } catch (e) {
        findings.push({ route, problem: String(e instanceof Error ? e.message : e).split('\n')[0]! });
        return;
      }
      const hrefs = await page
        .locator('main a[href^="/"]')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')!.split(/[?#]/)[0]!));
      for (const href of hrefs) if (!seen.includes(href)) seen.push(href);
    });
  }
  return findings;
}

/** After a click in the main navigation, the focus is on the heading of the page it opens. */
async function focusFollowsNavigation(page: Page, from: string, link: string): Promise<void> {
  await page.goto(from);
  await loaded(page);
  await nav(page).getByRole('link', { name: link, exact: true }).click();
  await loaded(page);
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const active = document.activeElement;
          return active !== null && active.closest('main') !== null && /^H[12]$/.test(active.tagName) ? active.tagName : null;
        }),
      { message: `focus after opening ${link}` },
    )
    .not.toBeNull();
  const heading = page.locator('main').locator('h1, h2').first();
  await expect(heading).toBeFocused();
}

/** The open-data portal: the same for everyone but the header, so checked as the public and as the Commission. */
const DATA: Visit[] = [
  '/data',
  '/data/indicators/justice.clearance_rate',
  '/data/indicators/justice.clearance_rate?tab=metadata',
  '/data/datasets/justice.annual',
  '/data/domains/justice',
  '/data/domains/migration',
  '/data/partners/AL',
  '/data/releases',
];

/** The capabilities' pages, which show each role its own controls (the "Published only" switch, editing, replies). */
const PAGES: Visit[] = [
  '/indicators',
  '/justice',
  '/justice/AL',
  '/justice/AL/courts',
  '/migration',
  '/commitments',
  { like: /^\/commitments\/plans\/[^/]+$/ },
  { like: /^\/commitments\/plans\/[^/]+\/actions\/[^/]+$/, optional: true },
  '/commitments/partners/AL',
  { like: /^\/commitments\/rounds\/[^/]+$/, optional: true },
  { like: /^\/commitments\/rounds\/[^/]+\/reports\/[^/]+$/, optional: true },
  '/meetings',
  { like: /^\/meetings\/[0-9a-f-]{8,}$/ },
];

const SIGNED_IN: Visit[] = [
  '/',
  '/statistics',
  '/statistics/justice.annual/AL/2023',
  ...PAGES,
  { like: /^\/meetings\/[^/]+\/briefing\/[^/]+$/, optional: true },
  '/commitments/overdue',
  '/rule-of-law/emergency-measures',
  { like: /^\/migration\/alerts\/[^/]+$/, optional: true },
  '/account',
];

const readable = (findings: Finding[]) => findings.map((f) => `${f.route}: ${f.problem}`);

test('the public pages pass WCAG 2.1 AA', async ({ page }) => {
  test.setTimeout(240_000);
  // Every console error, a 401 for the visitor's session included (watchConsole lets 401s pass).
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
  const findings = await sweep(page, ['/', '/sign-in', '/accessibility', ...DATA, ...PAGES, '/sign-in/refused?reason=unknown']);
  expect(readable(findings)).toEqual([]);
  expect(errors).toEqual([]);
  await focusFollowsNavigation(page, '/accessibility', 'Data');
});

const roles = [
  { name: 'a coordinator', who: DEMO.coordinator, extra: ['/statistics/import', '/justice/import'] },
  { name: 'a reviewer', who: DEMO.reviewer, extra: [] as Visit[] },
  { name: 'the commission', who: DEMO.commission, extra: [...DATA, '/admin/audit', '/admin/invitations'] },
  {
    name: 'an admin',
    who: DEMO.admin,
    extra: ['/statistics/import', '/justice/import', '/admin/users', '/admin/audit', '/admin/invitations'],
  },
] as const;

for (const role of roles) {
  test(`the pages of ${role.name} pass WCAG 2.1 AA`, async ({ page }) => {
    test.setTimeout(300_000);
    await signIn(page, role.who);
    const findings = await sweep(page, [...SIGNED_IN, ...role.extra, '/accessibility']);
    expect(readable(findings)).toEqual([]);
    await focusFollowsNavigation(page, '/', 'Meetings');
  });
}

test('the first Tab reaches the skip link, which moves on to the main content', async ({ page }) => {
  await page.goto('/data');
  await loaded(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
});
