import { describe, expect, it } from 'vitest';
import type { Plan } from '../commitments/model';
import type { RegionEntry } from '../statistics/coverage';
import { domainCodes, domainContent, linkedActions, recentRegion, type CatalogWithDomains } from './domain.js';

const catalog = {
  dimensions: [],
  variables: [
    { code: 'cases.resolved', domain: 'justice' },
    { code: 'test.only_variable', domain: 'variables_only' },
  ],
  datasets: [
    { code: 'justice.annual', label: 'CEPEJ annual evaluation', domain: 'justice' },
    { code: 'migration.monthly', label: 'Monthly exchange', domain: 'migration' },
    { code: 'justice.courts', label: 'Courts', domain: 'justice' },
  ],
  indicators: [
    { code: 'justice.clearance_rate', label: 'Clearance rate', domain: 'justice' },
    { code: 'migration.arrivals', label: 'Arrivals', domain: 'migration' },
  ],
} as unknown as CatalogWithDomains;

describe('a domain of the catalogue', () => {
  it('lists every domain named by the domains, datasets, indicators and variables, once, in that order', () => {
    expect(domainCodes(catalog)).toEqual(['justice', 'migration', 'variables_only']);
    expect(domainCodes({ ...catalog, domains: [{ code: 'firearms' }] })).toEqual(['firearms', 'justice', 'migration', 'variables_only']);
  });

  it('holds its datasets and indicators in the catalogue’s order, without a name or description the catalogue does not give', () => {
    expect(domainContent(catalog, 'justice')).toEqual({
      code: 'justice',
      label: null,
      description: null,
      datasets: [catalog.datasets[0], catalog.datasets[2]],
      indicators: [catalog.indicators[0]],
    });
    expect(domainContent(catalog, 'variables_only')).toMatchObject({ datasets: [], indicators: [] });
    expect(domainContent(catalog, 'unknown')).toBeNull();
  });

  it('takes the name and description the catalogue gives', () => {
    const described = { ...catalog, domains: [{ code: 'justice', label: 'Justice performance', description: 'CEPEJ figures' }] };
    expect(domainContent(described, 'justice')).toMatchObject({ label: 'Justice performance', description: 'CEPEJ figures' });
    expect(domainContent(described, 'migration')).toMatchObject({ label: null, description: null });
  });
});

describe('the recent regional figures of an indicator', () => {
  const entry = (period: string): RegionEntry => ({ period, value: 1, median: 1, members: 6, required: 3, reason: null });
  it('are the last periods with an entry, newest first', () => {
    const region = ['2019', '2021', '2020', '2022'].map(entry);
    expect(recentRegion(['2019', '2020', '2021', '2022'], region, 3).map((r) => r.period)).toEqual(['2022', '2021', '2020']);
    expect(recentRegion(['2021'], region, 3).map((r) => r.period)).toEqual(['2021']);
    expect(recentRegion([], [], 3)).toEqual([]);
  });
});

describe('the commitments linked to a domain', () => {
  const action = (code: string, indicators: string[]) => ({
    code,
    title: `Action ${code}`,
    description: null,
    paraphrase: false,
    partners: ['AL'],
    institutions: null,
    start: null,
    deadline: '2025-12-31',
    indicators,
  });
  const plan = (code: string, actions: ReturnType<typeof action>[]): Plan => ({
    code,
    kind: 'action_plan',
    title: `Plan ${code}`,
    periodStart: null,
    periodEnd: null,
    source: null,
    objectives: [{ code: '1', title: 'Objective 1', actions }],
  });

  it('are the actions naming one of its indicators, with those indicators only, plan by plan', () => {
    const plans = [
      plan('jap', [action('1.1', ['justice.clearance_rate', 'migration.arrivals']), action('1.2', ['migration.arrivals'])]),
      plan('salw', [action('2.1', []), action('2.2', ['justice.disposition_time'])]),
    ];
    const linked = linkedActions(plans, new Set(['justice.clearance_rate', 'justice.disposition_time']));
    expect(linked.map((l) => [l.plan.code, l.objective, l.action.code, l.indicators])).toEqual([
      ['jap', '1', '1.1', ['justice.clearance_rate']],
      ['salw', '1', '2.2', ['justice.disposition_time']],
    ]);
    expect(linkedActions(plans, new Set())).toEqual([]);
  });
});
