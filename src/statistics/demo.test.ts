import { afterAll, beforeAll, expect, it } from 'vitest';
import { CATALOG_DIR } from '../platform/paths.js';
import { describeEachDatabase } from '../testing/databases.js';
import { loadCatalogs } from './catalog.js';
import { seedDemoStatistics } from './demo.service.js';
import { indicatorByOrgUnit, indicatorValues } from './indicators.service.js';
import { PUBLIC_VIEWER } from '../platform/viewer.js';

describeEachDatabase('demo statistics', (get) => {
  const catalog = loadCatalogs(CATALOG_DIR);
  let seeded: { orgUnits: number; values: number };
  beforeAll(async () => {
    seeded = await seedDemoStatistics(get().db, catalog);
  }, 120_000);
  afterAll(() => {});

  it('loads sample courts and reception centres and publishes the justice and migration figures of the six partners', async () => {
    expect(seeded.orgUnits).toBeGreaterThanOrEqual(12 + 14);
    expect(seeded.values).toBe(3248 + 1142);
    const statuses = await get().db.selectFrom('submissions').select(['dataset', 'status']).execute();
    expect(statuses.filter((s) => s.dataset === 'justice.annual')).toHaveLength(24);
    expect(statuses.filter((s) => s.dataset === 'migration.monthly')).toHaveLength(72);
    expect(statuses.every((s) => s.status === 'published')).toBe(true);
  });

  it('labels every demo figure as illustrative or names its published source', async () => {
    const comments = (await get().db.selectFrom('data_values').select('comment').distinct().execute()).map((c) => c.comment ?? '');
    expect(
      comments.every((c) => /^Illustrative (demo figure|breakdown) \(not an official statistic\)$/.test(c) || /^(IOM|UNHCR) /.test(c)),
    ).toBe(true);
    // The real figures are those published (see the migration reference): Serbia, September 2020.
    const rs = await indicatorValues(get().db, catalog, PUBLIC_VIEWER, { code: 'migration.arrivals', partner: 'RS', period: '2020-09' });
    expect(rs.values[0]!.value).toBe(2730);
    const ba = await indicatorValues(get().db, catalog, PUBLIC_VIEWER, {
      code: 'migration.occupancy_rate',
      partner: 'BA',
      period: '2021-01',
    });
    expect(ba.values[0]!.value).toBe(162.5);
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
    const answer = await indicatorByOrgUnit(get().db, catalog, PUBLIC_VIEWER, {
      code: 'justice.disposition_time',
      partner: 'AL',
      period: '2022',
    });
    expect(answer.values.map((v) => v.orgUnit)).toEqual(['AL-CRT-APPEAL', 'AL-CRT-DURRES', 'AL-CRT-TIRANA']);
    for (const v of answer.values) expect(v.value).toBeGreaterThan(0);
  });
});
