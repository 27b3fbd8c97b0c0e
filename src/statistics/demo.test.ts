import { afterAll, beforeAll, expect, it } from 'vitest';
import { CATALOG_DIR } from '../platform/paths.js';
import { describeEachDatabase } from '../platform/testing/databases.js';
import { loadCatalogs } from './catalog.js';
import { seedDemoStatistics } from './demo.js';
import { indicatorByOrgUnit, indicatorValues } from './indicators.service.js';
import { PUBLIC_VIEWER } from './viewer.js';

describeEachDatabase('demo statistics', (get) => {
  const catalog = loadCatalogs(CATALOG_DIR);
  let seeded: { orgUnits: number; values: number };
  beforeAll(async () => {
    seeded = await seedDemoStatistics(get().db, catalog);
  }, 120_000);
  afterAll(() => {});

  it('loads sample courts and publishes the illustrative justice figures of the six partners', async () => {
    expect(seeded.orgUnits).toBeGreaterThanOrEqual(12);
    expect(seeded.values).toBe(3248);
    const statuses = await get().db.selectFrom('submissions').select(['partner_code', 'status']).execute();
    expect(statuses).toHaveLength(24);
    expect(statuses.every((s) => s.status === 'published')).toBe(true);
  });

  it('labels every demo figure as illustrative', async () => {
    const comments = await get().db.selectFrom('data_values').select('comment').distinct().execute();
    expect(comments.map((c) => c.comment)).toEqual(['Illustrative demo figure (not an official statistic)']);
  });

  it('gives the public a clearance rate for every partner and the region', async () => {
    const answer = await indicatorValues(get().db, catalog, PUBLIC_VIEWER, { code: 'justice.clearance_rate', period: '2022' });
    expect(answer.values.map((v) => v.partner)).toEqual(['AL', 'BA', 'XK', 'ME', 'MK', 'RS']);
    for (const v of answer.values) expect(v.value).toBeGreaterThan(70);
    expect(answer.region[0]!.members).toBe(6);
    const num = answer.values.reduce((a, v) => a + v.numerator!, 0);
    const den = answer.values.reduce((a, v) => a + v.denominator!, 0);
    expect(answer.region[0]!.value).toBeCloseTo(Math.round((num / den) * 10000) / 100, 2);
  });

  it('has court-level figures for the drill-down', async () => {
    const answer = await indicatorByOrgUnit(get().db, catalog, PUBLIC_VIEWER, { code: 'justice.disposition_time', partner: 'AL', period: '2022' });
    expect(answer.values.map((v) => v.orgUnit)).toEqual(['AL-CRT-APPEAL', 'AL-CRT-DURRES', 'AL-CRT-TIRANA']);
    for (const v of answer.values) expect(v.value).toBeGreaterThan(0);
  });
});
