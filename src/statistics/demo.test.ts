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

  it('loads sample courts and reception centres and publishes the figures of the six partners', async () => {
    expect(seeded.orgUnits).toBeGreaterThanOrEqual(12 + 14);
    // justice-illustrative.csv, migration.csv and security-illustrative.csv (360 firearms, 324 organised
    // crime and 324 domestic violence values); policy-illustrative.csv: 576 drugs values and 180 ICT
    // answers (6 partners, 2021–2023).
    // remote-hearings-illustrative.csv: 204 answers and figures (6 partners, 2020 and 2021).
    expect(seeded.values).toBe(3248 + 1142 + 1008 + 756 + 204);
    const statuses = await get().db.selectFrom('submissions').select(['dataset', 'status']).execute();
    expect(statuses.filter((s) => s.dataset === 'justice.annual')).toHaveLength(24);
    expect(statuses.filter((s) => s.dataset === 'migration.monthly')).toHaveLength(72);
    expect(statuses.filter((s) => s.dataset === 'firearms.semiannual')).toHaveLength(6 * 4);
    expect(statuses.filter((s) => s.dataset === 'organised_crime.annual')).toHaveLength(6 * 2);
    expect(statuses.filter((s) => s.dataset === 'domestic_violence.annual')).toHaveLength(6 * 2);
    expect(statuses.filter((s) => s.dataset === 'drugs.annual')).toHaveLength(6 * 3);
    expect(statuses.filter((s) => s.dataset === 'justice.ict')).toHaveLength(6 * 3);
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

  it('raises no finding on the illustrative firearms, organised crime and domestic violence figures', async () => {
    const findings = await get()
      .db.selectFrom('validation_findings as findings')
      .innerJoin('submissions', 'submissions.id', 'findings.submission_id')
      .select(['submissions.dataset', 'findings.rule_code', 'findings.message'])
      .where('submissions.dataset', 'in', [
        'firearms.semiannual',
        'organised_crime.annual',
        'domestic_violence.annual',
        'drugs.annual',
        'justice.ict',
      ])
      .execute();
    expect(findings).toEqual([]);
    const traced = await indicatorValues(get().db, catalog, PUBLIC_VIEWER, { code: 'firearms.traced_share', period: '2024S2' });
    expect(traced.values.map((v) => v.partner)).toEqual(['AL', 'BA', 'XK', 'ME', 'MK', 'RS']);
    expect(traced.region[0]!.members).toBe(6);
  });

  it('gives the public the ICT deployment index of the six partners and their median', async () => {
    const index = await indicatorValues(get().db, catalog, PUBLIC_VIEWER, { code: 'digital_justice.ict_deployment_index', period: '2023' });
    // The mean of the band midpoints over the eight tools of policy-illustrative.csv.
    expect(index.values.map((v) => [v.partner, v.value])).toEqual([
      ['AL', 47.9],
      ['BA', 57.8],
      ['XK', 61.1],
      ['ME', 65.9],
      ['MK', 57.3],
      ['RS', 54.2],
    ]);
    expect(index.region[0]).toMatchObject({ value: 57.5, members: 6 });
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
