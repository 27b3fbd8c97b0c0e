// Variables that do not simply add up, through the API on a catalogue written here: a non-additive
// level (a price: never summed over org units or a breakdown, its region the partners' median
// with min and max), a unit that depends on a breakdown code (unit_by) and coded answers (type:
// code) with comments and evidence links. Each test uses periods of its own.
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { cliActor } from '../platform/audit/actor.js';
import { importOrgUnits } from '../platform/partners/org-units.service.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../testing/factories.js';
import { publishedSubmission, type WorkflowUsers, workflowUsers } from '../testing/submissions.js';
import { CatalogError, loadCatalogs, parseCatalogs, type Catalog } from './catalog.js';

const CATALOG = `domain: testing
dimensions:
  market: [retail, wholesale]
variables:
  - { code: drugs.price, label: Street price of a gram, unit: EUR, type: decimal, kind: stock, additive: false, dimensions: [market] }
  - { code: drugs.cases, label: Cases, kind: flow }
datasets:
  - { code: testing.annual, label: Test, period: yearly, level: [partner, lab], variables: [drugs.price, drugs.cases] }
indicators:
  - { code: testing.price, label: Price, expression: drugs.price, unit: EUR, min_coverage: 3 }
  - { code: testing.price_retail, label: Retail price, expression: 'drugs.price[market == retail]', unit: EUR, min_coverage: 3 }
  - { code: testing.price_per_case, label: Price per case, numerator: drugs.price, denominator: drugs.cases, min_coverage: 3 }
`;

/** A second file: a unit per drug. */
const UNITS = `domain: testing
dimensions:
  drug: [cannabis_herb, cannabis_plants, ecstasy, lsd]
variables:
  - code: drugs.seized
    label: Drugs seized
    type: decimal
    kind: flow
    dimensions: [drug]
    unit_by: { dimension: drug, units: { cannabis_herb: kg, cannabis_plants: plants, ecstasy: tablets, lsd: doses } }
datasets:
  - { code: testing.units, label: Seizures, period: yearly, level: partner, variables: [drugs.seized] }
indicators:
  - { code: testing.seized, label: Seized, expression: drugs.seized, aggregation: sum, decimals: 1, min_coverage: 2 }
  - { code: testing.herb_seized, label: Herb seized, expression: 'drugs.seized[drug == cannabis_herb]', aggregation: sum, min_coverage: 2 }
`;

/** A third file: coded answers. */
const ANSWERS = `domain: testing
code_lists:
  yes_partly_no: [yes, partly, no, not_applicable]
variables:
  - { code: law.aligned, label: Law aligned with the acquis, type: code, codes: yes_partly_no, kind: stock }
datasets:
  - { code: testing.answers, label: Answers, period: yearly, level: partner, variables: [law.aligned] }
`;

function problem(text: string, file = 'catalogs/testing.yaml'): CatalogError {
  try {
    parseCatalogs(
      file === 'catalogs/testing.yaml'
        ? [{ file, text }]
        : [
            { file: 'catalogs/testing.yaml', text: CATALOG },
            { file, text },
          ],
    );
  } catch (err) {
    if (err instanceof CatalogError) return err;
    throw err;
  }
  throw new Error('expected a CatalogError');
}

describe('a non-additive variable in the catalogue', () => {
  it('is additive unless it says otherwise, and its ratio defaults to the median of the partners', () => {
    const catalog = parseCatalogs([{ file: 'catalogs/testing.yaml', text: CATALOG }]);
    expect(catalog.variables.get('drugs.price')!.additive).toBe(false);
    expect(catalog.variables.get('drugs.cases')!.additive).toBe(true);
    expect(catalog.indicators.get('testing.price_per_case')!.aggregation).toBe('median');
  });

  it('refuses an indicator that sums it or takes a ratio of its sums, naming file and line', () => {
    const sum = `${CATALOG}  - { code: testing.price_sum, label: Sum, expression: drugs.price, aggregation: sum }\n`;
    expect(problem(sum).message).toBe(
      "catalogs/testing.yaml:13: indicators[4].aggregation: sum adds up the partners' figures, but drugs.price is not additive (additive: false); use median",
    );
    const ratio = `${CATALOG}  - { code: testing.r, label: R, numerator: drugs.price, denominator: drugs.cases, aggregation: ratio_of_sums }\n`;
    expect(problem(ratio).message).toMatch(/^catalogs\/testing\.yaml:13: indicators\[4\]\.aggregation: ratio_of_sums adds up/);
    const share = `${CATALOG}  - { code: testing.s, label: S, numerator: drugs.price, share_of_region: true }\n`;
    expect(problem(share).message).toMatch(/^catalogs\/testing\.yaml:13: indicators\[4\]\.share_of_region: .*not additive/);
    expect(problem(CATALOG.replace('additive: false', 'additive: maybe')).message).toBe(
      'catalogs/testing.yaml:5: variables[1].additive: must be true or false',
    );
  });
});

describe('a unit that depends on a breakdown code (unit_by)', () => {
  it('needs a unit for every code of a dimension of the variable, naming the line', () => {
    const units = parseCatalogs([
      { file: 'catalogs/testing.yaml', text: CATALOG },
      { file: 'catalogs/units.yaml', text: UNITS },
    ]);
    expect(units.variables.get('drugs.seized')!.unitBy).toEqual({
      dimension: 'drug',
      units: { cannabis_herb: 'kg', cannabis_plants: 'plants', ecstasy: 'tablets', lsd: 'doses' },
    });
    expect(problem(UNITS.replace(', lsd: doses', ''), 'catalogs/units.yaml').message).toBe(
      'catalogs/units.yaml:10: variables[1].unit_by.units: no unit for lsd: every code of drug needs one',
    );
    expect(problem(UNITS.replace('lsd: doses', 'lsd: doses, heroin: g'), 'catalogs/units.yaml').message).toBe(
      'catalogs/units.yaml:10: variables[1].unit_by.units.heroin: "heroin" is not a code of drug',
    );
    expect(problem(UNITS.replace('dimension: drug', 'dimension: market'), 'catalogs/units.yaml').message).toBe(
      "catalogs/units.yaml:10: variables[1].unit_by.dimension: market is not one of the variable's dimensions (drug)",
    );
    expect(problem(UNITS.replace('kind: flow', 'kind: flow\n    unit: kg'), 'catalogs/units.yaml').message).toBe(
      'catalogs/units.yaml:9: variables[1].unit: give either `unit` or `unit_by`, not both',
    );
  });
});

describe('coded answers (type: code)', () => {
  const load = (text: string) => parseCatalogs([{ file: 'catalogs/answers.yaml', text }]);
  it('take the codes of a code list, and no expression reads them', () => {
    expect(
      load(ANSWERS)
        .variables.get('law.aligned')!
        .codeList!.codes.map((c) => c.code),
    ).toEqual(['yes', 'partly', 'no', 'not_applicable']);
    const refused = (text: string) => {
      try {
        load(text);
      } catch (err) {
        return (err as Error).message;
      }
      return 'loaded';
    };
    expect(refused(ANSWERS.replace('codes: yes_partly_no', 'codes: yes_no'))).toBe(
      'catalogs/answers.yaml:5: variables[1].codes: unknown code list yes_no (declare it under code_lists)',
    );
    expect(refused(ANSWERS.replace(', codes: yes_partly_no', ''))).toBe(
      'catalogs/answers.yaml:5: variables[1].type: a coded variable needs `codes: <a code list of code_lists>`',
    );
    expect(refused(ANSWERS.replace('not_applicable]', 'na]'))).toMatch(
      /^catalogs\/answers\.yaml:3: code_lists\.yes_partly_no: "na" reads as/,
    );
    expect(refused(`${ANSWERS}indicators:\n  - { code: testing.aligned, label: A, expression: law.aligned }\n`)).toBe(
      'catalogs/answers.yaml:9: indicators[1].expression: law.aligned holds coded answers, which are not numbers an expression can read',
    );
  });
});

describeEachDatabase('variables that do not add up', (get) => {
  let app: FastifyInstance;
  let admin: TestUser;
  let dir: string;
  let catalog: Catalog;
  let users: WorkflowUsers;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jha-catalog-'));
    writeFileSync(join(dir, 'testing.yaml'), CATALOG);
    writeFileSync(join(dir, 'units.yaml'), UNITS);
    writeFileSync(join(dir, 'answers.yaml'), ANSWERS);
    catalog = loadCatalogs(dir);
    app = await buildApp({ config: testConfig(get().config), db: get().db, catalog, logger: false });
    admin = await makeUser(get().db, 'admin');
    users = await workflowUsers(get().db);
    await importOrgUnits(
      get().db,
      cliActor(),
      'code,name,partner,kind,parent\nAL-L1,Lab 1,AL,lab,\nAL-L2,Lab 2,AL,lab,\n',
      new Set(['lab']),
    );
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const importCsv = (text: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/imports/values',
      headers: { ...bearer(admin), 'content-type': 'text/csv' },
      payload: text,
    });
  const get200 = async (url: string) => {
    const answer = await app.inject({ method: 'GET', url, headers: bearer(admin) });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json();
  };

  it('gives no partner total from org units or a breakdown; the region is the median of the partners, with min and max', async () => {
    const imported = await importCsv(
      [
        'dataset,partner,org_unit,period,variable,market,value,comment',
        // AL: two labs and no figure of its own; its retail price given by the partner.
        'testing.annual,AL,AL-L1,2024,drugs.price,,10.5,',
        'testing.annual,AL,AL-L2,2024,drugs.price,,12.25,',
        'testing.annual,AL,,2024,drugs.price,retail,15,',
        // ME: retail and wholesale, no total.
        'testing.annual,ME,,2024,drugs.price,retail,20,',
        'testing.annual,ME,,2024,drugs.price,wholesale,8,',
        'testing.annual,MK,,2024,drugs.price,retail,25.5,',
        'testing.annual,RS,,2024,drugs.price,retail,30,',
        'testing.annual,RS,,2024,drugs.price,,27,',
      ].join('\n'),
    );
    expect(imported.statusCode, imported.body).toBe(200);
    const al = await get200('/api/v1/submissions/testing.annual/AL/2024');
    const complete = await app.inject({
      method: 'PUT',
      url: '/api/v1/submissions/testing.annual/AL/2024/org-units-complete',
      headers: bearer(admin),
      payload: { version: al.version, complete: true },
    });
    expect(complete.statusCode, complete.body).toBe(200);

    const total = await get200('/api/v1/indicators/testing.price/values?period=2024');
    // AL: not the sum of its labs (22.75), even with its org-unit list complete; ME: not 20 + 8; RS: given.
    expect(total.values.map((v: { partner: string; value: number | null }) => [v.partner, v.value])).toEqual([
      ['AL', null],
      ['ME', null],
      ['MK', null],
      ['RS', 27],
    ]);
    const labs = await get200('/api/v1/indicators/testing.price/org-units?partner=AL&period=2024');
    expect(labs.values.map((v: { orgUnit: string; value: number | null }) => [v.orgUnit, v.value])).toEqual([
      ['AL-L1', 10.5],
      ['AL-L2', 12.25],
    ]);

    const retail = await get200('/api/v1/indicators/testing.price_retail/values?period=2024');
    expect(retail.values.map((v: { partner: string; value: number | null }) => [v.partner, v.value])).toEqual([
      ['AL', 15],
      ['ME', 20],
      ['MK', 25.5],
      ['RS', 30],
    ]);
    expect(retail.indicator.aggregation).toBe('median');
    // The median of 15, 20, 25.5 and 30 is 22.75 — not a sum (90.5) nor a mean of sums.
    expect(retail.region).toEqual([
      { period: '2024', value: 22.75, median: 22.75, min: 15, max: 30, members: 4, required: 3, reason: null, status: 'draft' },
    ]);
  });
  it('gives each value its unit, never sums over the codes, and exports the unit', async () => {
    const ref = { dataset: 'testing.units', partner: 'AL', period: '2023' };
    const missing = await app.inject({
      method: 'PUT',
      url: '/api/v1/submissions/testing.units/AL/2023/values',
      headers: bearer(users.coordinator),
      payload: { version: 0, values: [{ variable: 'drugs.seized', value: 12 }] },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(
      /^values\[0\]\.drug: the unit of drugs\.seized depends on drug \(cannabis_herb: kg, .*\); give a code of drug/,
    );
    const refused = await importCsv(
      ['dataset,partner,org_unit,period,variable,drug,value,comment', 'testing.annual,ME,,2023,drugs.seized,ecstasy,50,'].join('\n'),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/row 2/);
    expect(
      (
        await importCsv(
          [
            'dataset,partner,org_unit,period,variable,drug,value,comment',
            'testing.units,ME,,2023,drugs.seized,ecstasy,50,',
            'testing.units,ME,,2023,drugs.seized,cannabis_herb,1.5,',
            'testing.units,RS,,2023,drugs.seized,,7,',
          ].join('\n'),
        )
      ).json().error.details,
    ).toEqual([{ row: 4, column: 'drug', message: expect.stringMatching(/^the unit of drugs\.seized depends on drug/) }]);
    expect(
      (
        await importCsv(
          [
            'dataset,partner,org_unit,period,variable,drug,value,comment',
            'testing.units,ME,,2023,drugs.seized,ecstasy,50,',
            'testing.units,ME,,2023,drugs.seized,cannabis_herb,1.5,',
          ].join('\n'),
        )
      ).statusCode,
    ).toBe(200);
    await publishedSubmission(app, users, ref, [
      { variable: 'drugs.seized', coords: { drug: 'cannabis_herb' }, value: 12.5 },
      { variable: 'drugs.seized', coords: { drug: 'ecstasy' }, value: 300 },
      { variable: 'drugs.seized', coords: { drug: 'cannabis_plants' }, value: 40 },
    ]);
    const view = await get200('/api/v1/submissions/testing.units/AL/2023');
    expect(view.values.map((v: { coords: { drug: string }; unit: string; value: number }) => [v.coords.drug, v.unit, v.value])).toEqual([
      ['cannabis_herb', 'kg', 12.5],
      ['cannabis_plants', 'plants', 40],
      ['ecstasy', 'tablets', 300],
    ]);

    // Not summed over the drugs (12.5 kg + 300 tablets + 40 plants is no figure): the total stays empty.
    const total = await get200('/api/v1/indicators/testing.seized/values?period=2023');
    expect(total.indicator.unit).toBe('');
    expect(total.values.map((v: { partner: string; value: number | null }) => [v.partner, v.value])).toEqual([
      ['AL', null],
      ['ME', null],
    ]);
    // The breakdown fixes the code: a unit, and the region sums one drug over the partners.
    const ecstasy = await get200('/api/v1/indicators/testing.seized/values?period=2023&drug=ecstasy');
    expect(ecstasy.indicator.unit).toBe('tablets');
    expect(ecstasy.values.map((v: { partner: string; value: number | null }) => [v.partner, v.value])).toEqual([
      ['AL', 300],
      ['ME', 50],
    ]);
    expect(ecstasy.region[0]).toMatchObject({ value: 350, min: 50, max: 300, members: 2 });
    const herb = await get200('/api/v1/indicators/testing.herb_seized/values?period=2023');
    expect([herb.indicator.unit, herb.region[0].value]).toEqual(['kg', 14]);

    const csv = await app.inject({ method: 'GET', url: '/api/v1/exports/values?dataset=testing.units&partner=AL&format=csv&labels=code' });
    expect(csv.statusCode, csv.body).toBe(200);
    expect((parse(csv.body, { columns: true }) as Record<string, string>[]).map((r) => [r.drug, r.unit, r.value])).toEqual([
      ['cannabis_herb', 'kg', '12.5'],
      ['cannabis_plants', 'plants', '40'],
      ['ecstasy', 'tablets', '300'],
    ]);
    const sdmx = await app.inject({ method: 'GET', url: '/api/v1/exports/values?dataset=testing.units&partner=AL&format=sdmx-csv' });
    expect(sdmx.statusCode, sdmx.body).toBe(200);
    expect((parse(sdmx.body, { columns: true }) as Record<string, string>[]).map((r) => [r.DRUG, r.OBS_VALUE, r.UNIT_MEASURE])).toEqual([
      ['CANNABIS_HERB', '12.5', 'KG'],
      ['CANNABIS_PLANTS', '40', 'PLANTS'],
      ['ECSTASY', '300', 'TABLETS'],
    ]);
  });
  it('stores a coded answer with its comment and evidence; refuses an unknown code naming the row; exports and re-imports it', async () => {
    const header = 'dataset,partner,org_unit,period,variable,value,comment,evidence';
    const refused = await importCsv(
      [
        header,
        'testing.answers,AL,,2022,law.aligned,yes,In force since March,https://example.org/law',
        'testing.answers,ME,,2022,law.aligned,maybe,,',
      ].join('\n'),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([
      {
        row: 3,
        column: 'value',
        message: '"maybe" is not a code of yes_partly_no (yes, partly, no, not_applicable) or one of NA, NAP, NQ',
      },
    ]);
    // The whole file is refused: AL's good row is not stored either.
    expect((await get200('/api/v1/submissions/testing.answers/AL/2022')).values).toEqual([]);

    const put = (values: unknown[]) =>
      app.inject({
        method: 'PUT',
        url: '/api/v1/submissions/testing.answers/AL/2022/values',
        headers: bearer(users.coordinator),
        payload: { version: 0, values },
      });
    const unknown = await put([{ variable: 'law.aligned', value: 'maybe' }]);
    expect([unknown.statusCode, unknown.json().error.details]).toEqual([
      400,
      [
        {
          index: 0,
          field: 'value',
          message: '"maybe" is not a code of yes_partly_no (yes, partly, no, not_applicable) or one of NA, NAP, NQ',
        },
      ],
    ]);
    const badLink = await put([{ variable: 'law.aligned', value: 'yes', evidence: ['javascript:alert(1)'] }]);
    expect([badLink.statusCode, badLink.json().error.details[0].field]).toEqual([400, 'evidence']);
    const saved = await put([
      {
        variable: 'law.aligned',
        value: 'partly',
        comment: 'The draft law is before parliament',
        evidence: ['https://example.org/draft-law', 'https://example.org/opinion'],
      },
    ]);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await get200('/api/v1/submissions/testing.annual/AL/2022')).values).toEqual([]);
    expect((await get200('/api/v1/submissions/testing.answers/AL/2022')).values).toEqual([
      {
        variable: 'law.aligned',
        orgUnit: null,
        coords: {},
        unit: '',
        value: 'partly',
        comment: 'The draft law is before parliament',
        obsStatus: null,
        evidence: ['https://example.org/draft-law', 'https://example.org/opinion'],
      },
    ]);

    const exported = await app.inject({
      method: 'GET',
      url: '/api/v1/exports/values?dataset=testing.answers&partner=AL&period=2022&format=csv',
      headers: bearer(admin),
    });
    expect(exported.statusCode, exported.body).toBe(200);
    expect(parse(exported.body, { columns: true })).toEqual([
      {
        dataset: 'testing.answers',
        partner: 'AL',
        org_unit: '',
        period: '2022',
        variable: 'law.aligned',
        value: 'partly',
        comment: 'The draft law is before parliament',
        obs_status: '',
        evidence: 'https://example.org/draft-law https://example.org/opinion',
        status: 'draft',
      },
    ]);
    // Round trip: the exported file imports as it is, changing nothing.
    const again = await importCsv(exported.body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ rows: 1, created: 0, changed: 0, unchanged: 1 });
    // A new answer through the import, with its evidence.
    const changed = await importCsv([header, 'testing.answers,AL,,2022,law.aligned,yes,In force,https://example.org/law'].join('\n'));
    expect(changed.json()).toMatchObject({ changed: 1 });
    expect((await get200('/api/v1/submissions/testing.answers/AL/2022')).values).toMatchObject([
      { value: 'yes', comment: 'In force', evidence: ['https://example.org/law'] },
    ]);
  });
});
