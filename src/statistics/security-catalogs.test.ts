// The policy-area catalogues (catalogs/policy-firearms.yaml, policy-organised-crime.yaml and
// policy-domestic-violence.yaml) through the API: the catalogue lists them, a half-year of firearms
// data goes through a CSV import, validation and the CSV and SDMX-CSV exports, and the indicators
// give the exact values of hand-made figures. Each test uses periods of its own.
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../testing/factories.js';
import { publishedSubmission, step, submissionUrl, type WorkflowUsers, workflowUsers } from '../testing/submissions.js';

const HEADER = 'dataset,partner,org_unit,period,variable,seizure_place,destruction_origin,value,comment';
const records = (body: string) => parse(body, { columns: true }) as Record<string, string>[];

describeEachDatabase('policy-area catalogues: firearms, organised crime, domestic violence', (get) => {
  let app: FastifyInstance;
  let users: WorkflowUsers;
  let ba: TestUser;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    users = await workflowUsers(get().db);
    ba = await makeUser(get().db, 'coordinator', 'BA');
  });
  afterAll(async () => app.close());

  const inject = (url: string, who: TestUser | null = null) => app.inject({ method: 'GET', url, headers: who ? bearer(who) : {} });
  const indicator = async (code: string, query: string) => {
    const answer = await inject(`/api/v1/indicators/${code}/values?${query}`, users.commission);
    expect(answer.statusCode).toBe(200);
    return answer.json().values as { partner: string; period: string; value: number | null; numerator: number; denominator: number }[];
  };

  it('lists the three domains with their datasets, indicators and validation rules in the public catalogue', async () => {
    const answer = await inject('/api/v1/catalog');
    expect(answer.statusCode).toBe(200);
    const catalog = answer.json();
    const ofDomain = (list: { domain: string; code: string }[], domain: string) =>
      list.filter((x) => x.domain === domain).map((x) => x.code);
    expect(
      catalog.datasets
        .filter((d: { domain: string }) => ['firearms', 'organised_crime', 'domestic_violence'].includes(d.domain))
        .map((d: { code: string; domain: string; periodType: string }) => [d.domain, d.code, d.periodType]),
    ).toEqual([
      ['domestic_violence', 'domestic_violence.annual', 'yearly'],
      ['firearms', 'firearms.semiannual', 'halfyearly'],
      ['organised_crime', 'organised_crime.annual', 'yearly'],
    ]);
    expect(ofDomain(catalog.indicators, 'firearms')).toEqual(
      expect.arrayContaining(['firearms.traced_share', 'firearms.destruction_rate', 'firearms.seized_total']),
    );
    expect(ofDomain(catalog.indicators, 'organised_crime')).toContain('organised_crime.confiscation_ratio');
    expect(ofDomain(catalog.indicators, 'domestic_violence')).toEqual(
      expect.arrayContaining(['domestic_violence.protection_order_issue_rate', 'domestic_violence.protection_order_breach_rate']),
    );
    const traced = catalog.indicators.find((i: { code: string }) => i.code === 'firearms.traced_share');
    expect(traced).toMatchObject({ unit: '%', decimals: 1, aggregation: 'ratio_of_sums', periodicity: 'semiannual' });
    expect(traced.definition).toMatch(/SDG indicator 16\.4\.2/);
    // The EMPACT 2022–2025 priorities, as the breakdown of arrests and investigations.
    const priorities = catalog.dimensions.find((d: { code: string }) => d.code === 'empact_priority');
    expect(priorities.codes).toHaveLength(10);
    expect(catalog.variables.find((v: { code: string }) => v.code === 'organised_crime.arrests').dimensions).toEqual(['empact_priority']);
    expect(catalog.variables.find((v: { code: string }) => v.code === 'domestic_violence.ipv_victims').dimensions).toEqual([
      'form_of_violence',
      'sex',
      'victim_age_group',
    ]);
    expect(catalog.validationRules.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(['firearms.traced_within_recovered', 'domestic_violence.breached_within_issued']),
    );
  });

  it('takes a half-year through a CSV import, validation and the CSV and SDMX-CSV exports', async () => {
    const ref = { dataset: 'firearms.semiannual', partner: 'AL', period: '2024S1' };
    const csv = (prosecuted: number) =>
      [
        HEADER,
        'firearms.semiannual,AL,,2024S1,firearms.seized,border,,14,',
        'firearms.semiannual,AL,,2024S1,firearms.seized,inland,,86,',
        'firearms.semiannual,AL,,2024S1,firearms.found,,,20,',
        'firearms.semiannual,AL,,2024S1,firearms.surrendered,,,40,',
        'firearms.semiannual,AL,,2024S1,firearms.destroyed,,seized,70,',
        'firearms.semiannual,AL,,2024S1,firearms.destroyed,,surplus,300,',
        'firearms.semiannual,AL,,2024S1,firearms.explosives_seized,inland,,2.5,',
        'firearms.semiannual,AL,,2024S1,firearms.cases_investigated,,,50,',
        `firearms.semiannual,AL,,2024S1,firearms.cases_prosecuted,,,${prosecuted},`,
        'firearms.semiannual,AL,,2024S1,firearms.traced,,,32,',
      ].join('\n') + '\n';
    const upload = (body: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/imports/values',
        headers: { ...bearer(users.coordinator), 'content-type': 'text/csv' },
        payload: body,
      });
    // 80 cases prosecuted of 50 investigated: beyond the 10 % tolerance, a warning.
    const first = await upload(csv(80));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ created: 10, submissions: 1 });
    const warned = (await inject(submissionUrl(ref), users.coordinator)).json();
    expect(warned.findings.map((f: { ruleCode: string; severity: string }) => [f.ruleCode, f.severity])).toEqual([
      ['firearms.prosecuted_within_investigated', 'warning'],
    ]);
    // Corrected: no finding left; submitted, approved and published.
    expect((await upload(csv(30))).json()).toMatchObject({ created: 0, changed: 1 });
    const corrected = (await inject(submissionUrl(ref), users.coordinator)).json();
    expect(corrected.findings).toEqual([]);
    let version = await step(app, users.coordinator, ref, 'submit', corrected.version);
    version = await step(app, users.reviewer, ref, 'approve', version);
    await step(app, users.commission, ref, 'publish', version);

    const exported = await inject('/api/v1/exports/values?dataset=firearms.semiannual&partner=AL&period=2024S1&format=csv');
    expect(exported.statusCode).toBe(200);
    const rows = records(exported.body);
    expect(new Set(rows.map((r) => r.period))).toEqual(new Set(['2024S1']));
    expect(rows.find((r) => r.variable === 'firearms.seized' && r.seizure_place === 'border')?.value).toBe('14');
    expect(rows.find((r) => r.variable === 'firearms.explosives_seized')?.value).toBe('2.5');
    expect(rows.find((r) => r.variable === 'firearms.cases_prosecuted')?.value).toBe('30');

    const sdmx = await inject('/api/v1/exports/values?dataset=firearms.semiannual&period=2024S1&format=sdmx-csv');
    expect(sdmx.statusCode).toBe(200);
    const observations = records(sdmx.body);
    expect(observations).toHaveLength(10);
    for (const o of observations)
      expect(o).toMatchObject({ STRUCTURE_ID: 'JHAHUB:FIREARMS_SEMIANNUAL(1.0)', FREQ: 'S', TIME_PERIOD: '2024-S1' });
    expect(observations.find((o) => o.VARIABLE === 'FIREARMS_SEIZED' && o.SEIZURE_PLACE === 'BORDER')).toMatchObject({
      REF_AREA: 'AL',
      DESTRUCTION_ORIGIN: '_Z',
      OBS_VALUE: '14',
      UNIT_MEASURE: 'FIREARMS',
    });
    expect(observations.find((o) => o.VARIABLE === 'FIREARMS_DESTROYED' && o.DESTRUCTION_ORIGIN === 'SURPLUS')?.OBS_VALUE).toBe('300');
  });

  it('computes the traced share (SDG 16.4.2) as traced / (seized + found + surrendered), and the destruction rate', async () => {
    const ref = { dataset: 'firearms.semiannual', partner: 'BA', period: '2022S2' };
    // 12 + 88 seized (the breakdown's sum), 25 found, 75 surrendered: 200 recovered; 37 traced.
    await publishedSubmission(app, { ...users, coordinator: ba }, ref, [
      { variable: 'firearms.seized', coords: { seizure_place: 'border' }, value: 12 },
      { variable: 'firearms.seized', coords: { seizure_place: 'inland' }, value: 88 },
      { variable: 'firearms.found', value: 25 },
      { variable: 'firearms.surrendered', value: 75 },
      { variable: 'firearms.legalised', value: 500 },
      { variable: 'firearms.traced', value: 37 },
      { variable: 'firearms.destroyed', coords: { destruction_origin: 'seized' }, value: 90 },
      { variable: 'firearms.destroyed', coords: { destruction_origin: 'surplus' }, value: 1000 },
    ]);
    const query = 'partner=BA&period=2022S2';
    expect(await indicator('firearms.traced_share', query)).toEqual([
      expect.objectContaining({ partner: 'BA', period: '2022S2', value: 18.5, numerator: 37, denominator: 200 }),
    ]);
    // Legalised firearms are not recovered ones, and surplus destroyed is not counted: 90 / 200.
    expect((await indicator('firearms.destruction_rate', query))[0]).toMatchObject({ value: 45, numerator: 90, denominator: 200 });
    expect((await indicator('firearms.border_seizure_share', query))[0]).toMatchObject({ value: 12 });
    expect((await indicator('firearms.seized_total', query))[0]).toMatchObject({ value: 100 });
  });

  it('computes the protection-order issue rate as issued / requested, by type too, and the breach rate', async () => {
    const ref = { dataset: 'domestic_violence.annual', partner: 'AL', period: '2021' };
    await publishedSubmission(app, users, ref, [
      { variable: 'domestic_violence.orders_requested', coords: { order_type: 'emergency_barring' }, value: 50 },
      { variable: 'domestic_violence.orders_requested', coords: { order_type: 'protection' }, value: 30 },
      { variable: 'domestic_violence.orders_issued', coords: { order_type: 'emergency_barring' }, value: 44 },
      { variable: 'domestic_violence.orders_issued', coords: { order_type: 'protection' }, value: 16 },
      { variable: 'domestic_violence.orders_breached', coords: { order_type: 'emergency_barring' }, value: 6 },
      { variable: 'domestic_violence.orders_breached', coords: { order_type: 'protection' }, value: 3 },
    ]);
    // 60 of 80 orders issued: 75 %; of the protection orders 16 of 30 (53.3 %); 9 of 60 breached: 15 %.
    expect(await indicator('domestic_violence.protection_order_issue_rate', 'partner=AL&period=2021')).toEqual([
      expect.objectContaining({ partner: 'AL', period: '2021', value: 75, numerator: 60, denominator: 80 }),
    ]);
    expect(
      (await indicator('domestic_violence.protection_order_issue_rate', 'partner=AL&period=2021&order_type=protection'))[0],
    ).toMatchObject({ value: 53.3, numerator: 16, denominator: 30 });
    expect((await indicator('domestic_violence.protection_order_breach_rate', 'partner=AL&period=2021'))[0]).toMatchObject({
      value: 15,
      numerator: 9,
      denominator: 60,
    });
  });

  it('computes the confiscation ratio of organised crime and warns of fewer arrests than groups dismantled', async () => {
    const ref = { dataset: 'organised_crime.annual', partner: 'AL', period: '2020' };
    const values = [
      { variable: 'organised_crime.assets_frozen_eur', value: 4_000_000 },
      { variable: 'organised_crime.assets_confiscated_eur', value: 1_250_000.5 },
      { variable: 'organised_crime.groups_dismantled', value: 9 },
      { variable: 'organised_crime.arrests', coords: { empact_priority: 'drug_trafficking' }, value: 5 },
      { variable: 'organised_crime.arrests', coords: { empact_priority: 'migrant_smuggling' }, value: 3 },
    ];
    const response = await app.inject({
      method: 'PUT',
      url: `${submissionUrl(ref)}/values`,
      headers: bearer(users.coordinator),
      payload: { version: 0, values },
    });
    expect(response.statusCode).toBe(200);
    const submission = (await inject(submissionUrl(ref), users.coordinator)).json();
    // 8 arrests (the priorities' sum) for 9 groups.
    expect(submission.findings.map((f: { ruleCode: string }) => f.ruleCode)).toEqual(['organised_crime.arrests_for_groups']);
    expect((await indicator('organised_crime.confiscation_ratio', 'partner=AL&period=2020'))[0]).toMatchObject({ value: 31.3 });
    expect((await indicator('organised_crime.arrests_total', 'partner=AL&period=2020&empact_priority=drug_trafficking'))[0]).toMatchObject({
      value: 5,
    });
  });
});
