// The catalogue's metadata of indicators and variables (definition, method, source, periodicity,
// footnotes) as the API gives them: the head of an indicator answer, the indicator list, the catalogue.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';

const CLEARANCE_RATE = {
  definition:
    'Resolved cases as a share of incoming cases in the year, in per cent. Above 100 % the courts resolve more cases than they receive and the stock of pending cases falls; below 100 % it grows.',
  method:
    "Resolved cases / incoming cases × 100, published with 2 decimals. The regional value is the partners' resolved cases summed over their incoming cases summed (ratio of sums), not an average of their rates. Missing, not 0, when incoming cases are 0 or missing.",
  source: "National courts' case management systems; CEPEJ methodology",
  periodicity: 'annual',
  footnotes: [
    'Bulk closures of old enforcement cases inflate the clearance rate of the year they happen in.',
    'Figures marked NA (not available), NAP (not applicable) or NQ (under quality review) are never counted as zero.',
  ],
};

describeEachDatabase('metadata of indicators and variables in the API', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
  });
  afterAll(async () => app.close());

  it('the head of the values and org-units answers of justice.clearance_rate carries its metadata', async () => {
    const values = await app.inject('/api/v1/indicators/justice.clearance_rate/values');
    expect(values.statusCode).toBe(200);
    const head = values.json().indicator;
    expect(head).toEqual({
      code: 'justice.clearance_rate',
      label: 'Clearance rate',
      unit: '%',
      decimals: 2,
      aggregation: 'ratio_of_sums',
      polarity: 'higher_is_better',
      description: 'Resolved cases as a share of incoming cases. Above 100 % the stock of pending cases falls.',
      ...CLEARANCE_RATE,
    });
    const units = await app.inject('/api/v1/indicators/justice.clearance_rate/org-units?partner=AL&period=2020');
    expect(units.statusCode).toBe(200);
    expect(units.json().indicator).toEqual(head);
  });

  it('the indicator list and the catalogue carry the metadata; absent fields are null and []', async () => {
    const list = (await app.inject('/api/v1/indicators')).json().indicators as Record<string, unknown>[];
    expect(list.find((i) => i.code === 'justice.clearance_rate')).toEqual({
      code: 'justice.clearance_rate',
      label: 'Clearance rate',
      unit: '%',
      decimals: 2,
      domain: 'justice',
      aggregation: 'ratio_of_sums',
      polarity: 'higher_is_better',
      ...CLEARANCE_RATE,
    });
    const catalog = (await app.inject('/api/v1/catalog')).json();
    expect(catalog.indicators.find((i: { code: string }) => i.code === 'justice.clearance_rate')).toMatchObject(CLEARANCE_RATE);
    const variables = catalog.variables as Record<string, unknown>[];
    expect(variables.find((v) => v.code === 'cases.resolved')).toMatchObject({
      definition: 'Cases closed during the reference year.',
      method: 'Counted per court, case category and instance. From case-level data for reference year Y, closed within Y.',
      source: "National courts' case management systems; CEPEJ methodology",
      periodicity: 'annual',
      footnotes: ['Bulk closures of old enforcement cases inflate the resolved cases of the year they happen in.'],
    });
    // A variable without metadata of its own: nulls, no footnotes, the periodicity of its dataset.
    expect(variables.find((v) => v.code === 'staff.non_judge_fte')).toMatchObject({
      definition: null,
      method: null,
      source: null,
      periodicity: 'annual',
      footnotes: [],
    });
  });
});
