// The drugs and digital-justice catalogues (catalogs/policy-drugs.yaml, policy-digital-justice.yaml)
// and the engine parts they use: drug quantities in their own units, retail price and purity never
// summed (the region is the partners' median), the ICT deployment index averaging the scores of the
// equipment bands (mean_score), and the domains of GET /api/v1/catalog. Each test uses periods of
// its own.
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { CATALOG_DIR } from '../platform/paths.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../testing/factories.js';
import { importRows, type ImportValueRow, publishedSubmission, type WorkflowUsers, workflowUsers } from '../testing/submissions.js';
import { CatalogError, loadCatalogs, parseCatalogs } from './catalog.js';

/** A small catalogue of coded answers: bands with scores, yes/no without. */
const SCORED = `domain: testing
code_lists:
  band:
    codes:
      - { code: full, score: 100 }
      - { code: half, score: 50 }
      - { code: none, score: 0 }
  yes_no: [yes, no]
dimensions:
  tool: [a, b, c]
variables:
  - { code: tools.band, label: Band, type: code, codes: band, kind: stock, dimensions: [tool] }
  - { code: tools.policy, label: Policy, type: code, codes: yes_no, kind: stock, dimensions: [tool] }
datasets:
  - { code: testing.tools, label: Tools, period: yearly, level: partner, variables: [tools.band, tools.policy] }
indicators:
  - { code: testing.index, label: Index, mean_score: tools.band }
`;

function refused(text: string): string {
  try {
    parseCatalogs([{ file: 'catalogs/tools.yaml', text }]);
  } catch (err) {
    if (err instanceof CatalogError) return err.message;
    throw err;
  }
  return 'loaded';
}

describe('scored answers in the catalogue', () => {
  it('reads the scores of a code list and a mean_score indicator over its coded variable', () => {
    const catalog = parseCatalogs([{ file: 'catalogs/tools.yaml', text: SCORED }]);
    expect(catalog.codeLists.get('band')!.scores).toEqual({ full: 100, half: 50, none: 0 });
    expect(catalog.codeLists.get('yes_no')!.scores).toBe(null);
    expect(catalog.indicators.get('testing.index')).toMatchObject({
      meanScore: { variable: 'tools.band', dimension: 'tool', codes: ['a', 'b', 'c'] },
      aggregation: 'median',
      variables: ['tools.band'],
      datasets: ['testing.tools'],
    });
  });

  it('refuses a mean over answers without scores, a list scored in part and a sum, naming file and line', () => {
    expect(refused(SCORED.replace('mean_score: tools.band', 'mean_score: tools.policy'))).toBe(
      'catalogs/tools.yaml:17: indicators[1].mean_score: the answers of tools.policy are not scored: give every code of the code list yes_no a `score`',
    );
    expect(refused(SCORED.replace('{ code: half, score: 50 }', '{ code: half }'))).toBe(
      'catalogs/tools.yaml:5: code_lists.band.codes: no score for half: when one code of band has a score, every code needs one',
    );
    expect(refused(SCORED.replace('mean_score: tools.band', 'mean_score: tools.band, aggregation: sum'))).toBe(
      "catalogs/tools.yaml:17: indicators[1].aggregation: sum adds up the partners' figures, but tools.band is not additive (additive: false); use median",
    );
    expect(refused(SCORED.replace('mean_score: tools.band', 'mean_score: tools.band, expression: tools.band'))).toBe(
      'catalogs/tools.yaml:17: indicators[1].expression: give either `mean_score`, or `expression`, or `numerator` and `denominator`',
    );
    // An expression still cannot read coded answers, scored or not.
    expect(refused(SCORED.replace('mean_score: tools.band', 'expression: tools.band'))).toBe(
      'catalogs/tools.yaml:17: indicators[1].expression: tools.band holds coded answers, which are not numbers an expression can read',
    );
  });

  it('ships the drugs and digital-justice catalogues', () => {
    const catalog = loadCatalogs(CATALOG_DIR);
    expect(catalog.variables.get('drugs.quantity_seized')!.unitBy!.units).toEqual({
      cannabis_herb: 'kg',
      cannabis_resin: 'kg',
      cannabis_plants: 'plants',
      heroin: 'kg',
      cocaine: 'kg',
      amphetamine: 'kg',
      methamphetamine: 'kg',
      mdma: 'tablets',
      lsd: 'doses',
    });
    expect(
      ['drugs.retail_price', 'drugs.purity', 'domestic_violence.days_to_order'].map((v) => catalog.variables.get(v)!.additive),
    ).toEqual([false, false, false]);
    expect(catalog.codeLists.get('equipment_band')!.scores).toEqual({ '100': 100, '50_99': 74.5, '10_49': 29.5, '1_9': 5, '0': 0 });
    expect(catalog.indicators.get('digital_justice.ict_deployment_index')!.meanScore!.codes).toHaveLength(8);
  });
});

const ICT_TOOLS = [
  'e_filing',
  'e_service',
  'online_case_tracking',
  'case_management',
  'videoconferencing',
  'judgments_online',
  'secure_communication',
  'electronic_evidence',
];

describeEachDatabase('drugs and digital justice', (get) => {
  let app: FastifyInstance;
  let admin: TestUser;
  let users: WorkflowUsers;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    admin = await makeUser(get().db, 'admin');
    users = await workflowUsers(get().db);
  });
  afterAll(async () => app.close());

  const get200 = async (url: string) => {
    const answer = await app.inject({ method: 'GET', url, headers: bearer(admin) });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json();
  };
  const importCsv = (text: string) =>
    app.inject({ method: 'POST', url: '/api/v1/imports/values', headers: { ...bearer(admin), 'content-type': 'text/csv' }, payload: text });
  const byPartner = (answer: { values: { partner: string; value: number | null }[] }) => answer.values.map((v) => [v.partner, v.value]);

  it('lists every domain with its label, sources and datasets', async () => {
    const answer = await app.inject({ method: 'GET', url: '/api/v1/catalog' });
    expect(answer.statusCode).toBe(200);
    const catalog = answer.json();
    type Listed = { code: string; label: string | null; sources: string[]; datasets: string[] };
    const domains = new Map<string, Listed>(catalog.domains.map((d: Listed) => [d.code, d]));
    const datasetsOf = (code: string) => domains.get(code)?.datasets;
    expect(datasetsOf('justice')).toEqual(['justice.annual']);
    expect(datasetsOf('migration')).toEqual(['migration.monthly', 'migration.reception']);
    expect(datasetsOf('firearms')).toEqual(['firearms.semiannual']);
    expect(datasetsOf('drugs')).toEqual(['drugs.annual']);
    expect(datasetsOf('organised_crime')).toEqual(['organised_crime.annual']);
    expect(datasetsOf('domestic_violence')).toEqual(['domestic_violence.annual']);
    expect(datasetsOf('digital_justice')).toEqual(['justice.ict']);
    expect(domains.get('drugs')).toMatchObject({
      label: 'Drugs (seizures, drug-law offences, retail price and purity)',
      sources: [
        'EU Drugs Strategy 2021–2025 and EU Drugs Action Plan 2021–2025',
        'EMCDDA (EU Drugs Agency) methods for drug seizures, drug-law offences, retail price and purity (summary)',
      ],
    });
    expect(domains.get('digital_justice')!.label).toBe('Digitalisation of justice (ICT tools of the courts)');
    // Every listed domain has its datasets, exactly those of the datasets list.
    for (const d of domains.values()) {
      const own = catalog.datasets.filter((x: { domain: string }) => x.domain === d.code).map((x: { code: string }) => x.code);
      expect([d.code, d.datasets]).toEqual([d.code, own]);
      expect([d.code, d.datasets.length > 0]).toEqual([d.code, true]);
    }
    expect(catalog.datasets.map((x: { domain: string }) => x.domain).filter((x: string) => !domains.has(x))).toEqual([]);
  });

  it('shows each drug quantity in its own unit: in the values, the labelled export and the indicator', async () => {
    const ref = { dataset: 'drugs.annual', partner: 'AL', period: '2019' };
    await publishedSubmission(app, users, ref, [
      { variable: 'drugs.seizures', coords: { drug: 'cocaine' }, value: 12 },
      { variable: 'drugs.quantity_seized', coords: { drug: 'cocaine' }, value: 85.25 },
      { variable: 'drugs.quantity_seized', coords: { drug: 'cannabis_plants' }, value: 4200 },
      { variable: 'drugs.quantity_seized', coords: { drug: 'mdma' }, value: 1500 },
      { variable: 'drugs.quantity_seized', coords: { drug: 'lsd' }, value: 40 },
      { variable: 'drugs.offences', coords: { drug_offence_type: 'supply' }, value: 30 },
      { variable: 'drugs.offences', coords: { drug_offence_type: 'use_possession' }, value: 90 },
    ]);
    const view = await get200('/api/v1/submissions/drugs.annual/AL/2019');
    expect(
      view.values
        .filter((v: { variable: string }) => v.variable === 'drugs.quantity_seized')
        .map((v: { coords: { drug: string }; unit: string; value: number }) => [v.coords.drug, v.unit, v.value]),
    ).toEqual([
      ['cannabis_plants', 'plants', 4200],
      ['cocaine', 'kg', 85.25],
      ['lsd', 'doses', 40],
      ['mdma', 'tablets', 1500],
    ]);
    const csv = await app.inject({
      method: 'GET',
      url: '/api/v1/exports/values?dataset=drugs.annual&partner=AL&period=2019&format=csv&labels=both',
    });
    expect(csv.statusCode, csv.body).toBe(200);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows.filter((r) => r.variable === 'drugs.quantity_seized').map((r) => [r.drug, r.drug_name, r.unit, r.value])).toEqual([
      ['cannabis_plants', 'Cannabis plants', 'plants', '4200'],
      ['cocaine', 'Cocaine', 'kg', '85.25'],
      ['lsd', 'LSD', 'doses', '40'],
      ['mdma', 'MDMA/ecstasy', 'tablets', '1500'],
    ]);
    expect(rows.find((r) => r.variable === 'drugs.seizures')).toMatchObject({ drug: 'cocaine', unit: 'seizures', value: '12' });

    const cocaine = await get200('/api/v1/indicators/drugs.quantity_seized/values?partner=AL&period=2019&drug=cocaine');
    expect([cocaine.indicator.unit, byPartner(cocaine)]).toEqual(['kg', [['AL', 85.3]]]);
    const mdma = await get200('/api/v1/indicators/drugs.quantity_seized/values?partner=AL&period=2019&drug=mdma');
    expect([mdma.indicator.unit, byPartner(mdma)]).toEqual(['tablets', [['AL', 1500]]]);
    // Without a drug: kg and tablets do not add up, so no unit and no figure.
    const all = await get200('/api/v1/indicators/drugs.quantity_seized/values?partner=AL&period=2019');
    expect([all.indicator.unit, byPartner(all)]).toEqual(['', [['AL', null]]]);
    const share = await get200('/api/v1/indicators/drugs.supply_offence_share/values?partner=AL&period=2019');
    expect(share.values[0]).toMatchObject({ value: 25, numerator: 30, denominator: 120 });
  });

  it('never sums retail prices or purities: the region is the median of the partners, with min and max', async () => {
    const row = (partner: string, variable: string, drug: string, value: number): ImportValueRow => ({
      dataset: 'drugs.annual',
      partner,
      period: '2018',
      variable,
      coords: { retail_drug: drug },
      value,
    });
    await importRows(app, admin, [
      row('AL', 'drugs.retail_price', 'cocaine', 60),
      row('AL', 'drugs.retail_price', 'heroin', 25),
      row('BA', 'drugs.retail_price', 'cocaine', 55.5),
      row('ME', 'drugs.retail_price', 'cocaine', 70),
      row('RS', 'drugs.retail_price', 'cocaine', 50),
      row('AL', 'drugs.purity', 'cocaine', 62),
      row('BA', 'drugs.purity', 'cocaine', 48.5),
      row('ME', 'drugs.purity', 'cocaine', 71),
      row('RS', 'drugs.purity', 'cocaine', 55),
    ]);
    const price = await get200('/api/v1/indicators/drugs.retail_price/values?period=2018&retail_drug=cocaine');
    expect(byPartner(price)).toEqual([
      ['AL', 60],
      ['BA', 55.5],
      ['ME', 70],
      ['RS', 50],
    ]);
    // The median of 50, 55.5, 60 and 70 — not their sum (235.5) nor their mean (58.875).
    expect(price.region).toEqual([
      { period: '2018', value: 57.75, median: 57.75, min: 50, max: 70, members: 4, required: 4, reason: null, status: 'draft' },
    ]);
    // AL's heroin and cocaine prices are not added up into a price of "all drugs".
    const total = await get200('/api/v1/indicators/drugs.retail_price/values?period=2018&partner=AL');
    expect(byPartner(total)).toEqual([['AL', null]]);
    const purity = await get200('/api/v1/indicators/drugs.purity/values?period=2018&retail_drug=cocaine');
    expect(purity.region[0]).toMatchObject({ value: 58.5, median: 58.5, min: 48.5, max: 71, members: 4 });
    expect(purity.indicator).toMatchObject({ unit: '%', aggregation: 'median' });
  });

  it('gives the median days from request to protection order, never derived from the order types', async () => {
    const days = (partner: string, value: number, orderType?: string): ImportValueRow => ({
      dataset: 'domestic_violence.annual',
      partner,
      period: '2017',
      variable: 'domestic_violence.days_to_order',
      ...(orderType ? { coords: { order_type: orderType } } : {}),
      value,
    });
    await importRows(app, admin, [
      days('AL', 3),
      days('BA', 5.5),
      days('ME', 10),
      days('RS', 2),
      // MK gives the two types only: no figure for both together.
      days('MK', 0, 'emergency_barring'),
      days('MK', 12, 'protection'),
    ]);
    const answer = await get200('/api/v1/indicators/domestic_violence.days_to_order/values?period=2017');
    expect(byPartner(answer)).toEqual([
      ['AL', 3],
      ['BA', 5.5],
      ['ME', 10],
      ['MK', null],
      ['RS', 2],
    ]);
    // The median of 2, 3, 5.5 and 10 (4.25, published with 1 decimal), not their sum or mean.
    expect(answer.region[0]).toMatchObject({ value: 4.3, median: 4.3, min: 2, max: 10, members: 4 });
  });

  it('computes the ICT deployment index as the mean of the band scores over the tools', async () => {
    const answers = (partner: string, bands: string[]): ImportValueRow[] =>
      bands.map((band, i) => ({
        dataset: 'justice.ict',
        partner,
        period: '2021',
        variable: 'justice.ict_equipment',
        coords: { ict_tool: ICT_TOOLS[i]! },
        value: band,
      }));
    await importRows(app, admin, [
      // (100 + 74.5 + 29.5 + 5 + 0 + 100 + 74.5) / 7 = 54.79: electronic evidence not applicable, left out.
      ...answers('AL', ['100', '50_99', '10_49', '1_9', '0', '100', '50_99', 'NAP']),
      // Every tool in every court.
      ...answers('BA', Array(8).fill('100')),
      // One tool unanswered: no index.
      ...answers('ME', ['100', '100', '100', '100', '100', '100', '100']),
      { dataset: 'justice.ict', partner: 'AL', period: '2021', variable: 'justice.ict_national_coordination', value: 'yes' },
    ]);
    const index = await get200('/api/v1/indicators/digital_justice.ict_deployment_index/values?period=2021');
    expect(index.indicator).toMatchObject({ unit: 'of 100', decimals: 1, aggregation: 'median', polarity: 'higher_is_better' });
    expect(
      index.values.map((v: { partner: string; value: number | null; numerator: number | null }) => [v.partner, v.value, v.numerator]),
    ).toEqual([
      ['AL', 54.8, null],
      ['BA', 100, null],
      ['ME', null, null],
    ]);
    // Two partners with an index, below the four the region needs.
    expect(index.region[0]).toMatchObject({ value: null, members: 2, required: 4 });
    // One tool chosen: its score.
    const tracking = await get200(
      '/api/v1/indicators/digital_justice.ict_deployment_index/values?period=2021&ict_tool=online_case_tracking',
    );
    expect(byPartner(tracking)).toEqual([
      ['AL', 29.5],
      ['BA', 100],
      ['ME', 100],
    ]);
  });

  it('refuses an unknown equipment band, naming the row and the column', async () => {
    const header = 'dataset,partner,org_unit,period,variable,ict_tool,value,comment,evidence';
    const answer = await importCsv(
      [
        header,
        'justice.ict,AL,,2020,justice.ict_equipment,e_filing,100,,https://example.org/e-filing',
        'justice.ict,AL,,2020,justice.ict_equipment,e_service,75,,',
      ].join('\n'),
    );
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error.details).toEqual([
      {
        row: 3,
        column: 'value',
        message: '"75" is not a code of equipment_band (100, 50_99, 10_49, 1_9, 0) or one of NA, NAP, NQ',
      },
    ]);
    expect((await get200('/api/v1/submissions/justice.ict/AL/2020')).values).toEqual([]);
  });
});
